package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// evidenceWorkload is compliantControls without encryption.at_rest and
// backup, which the evidence below must supply.
func evidenceWorkload(evidence, encryption string) string {
	return `
resource "srm_workload" "db" {
  name          = "orders"
  service_model = "paas"
  identity      = { mfa_required = true, least_privilege = true }
  network       = { segmented = true }
  encryption    = ` + encryption + `
  logging       = { enabled = true, retention_days = 365 }
  evidence      = ` + evidence + `
}
`
}

// Evidence fills controls the workload does not declare.
func TestWorkloadEvidence_FillsOmittedControls(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: evidenceWorkload(`{
    "aws_db_instance.orders" = { storage_encrypted = true, backup_retention_period = 14, publicly_accessible = false, password = "hunter2hunter2" }
  }`, `{ in_transit = true, min_tls_version = "1.2" }`),
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectKnownValue("srm_workload.db", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
			plancheck.ExpectSensitiveValue("srm_workload.db", tfjsonpath.New("evidence")),
		}},
		ConfigStateChecks: expectCompliant("srm_workload.db"),
	})
}

// A declaration never hides evidence that violates the control: the
// message names the resource and its attribute, and the diagnostic never
// quotes a value from the resource.
func TestWorkloadEvidence_ContradictionFails(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: evidenceWorkload(`{
    "aws_db_instance.orders" = { storage_encrypted = false, backup_retention_period = 14, password = "hunter2hunter2" }
  }`, `{ at_rest = true, in_transit = true, min_tls_version = "1.2" }`),
		ExpectError: errorMatching(
			"Control Not Satisfied: encryption.at_rest",
			`aws_db_instance.orders has storage_encrypted = false; the "standard" baseline needs encryption.at_rest = true.`,
			"This contradicts the declared encryption.at_rest",
		),
	})
}

// The type comes from the key; a misspelt type names the nearest ones.
func TestWorkloadEvidence_UnknownTypeKey(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: evidenceWorkload(`{
    "module.db.aws_db_instnce.this[0]" = { storage_encrypted = true }
  }`, `{ at_rest = true, in_transit = true, min_tls_version = "1.2" }`),
		ExpectError: errorMatching(`evidence: module.db.aws_db_instnce.this[0]: resource type "aws_…" is none of hashicorp/aws, azurerm, google or azuread's`, `did you mean "aws_db_instance"`),
		PlanOnly:    true,
	})
}

// Evidence from values known only after apply is deferred at plan and
// enforced at apply, in both directions.
func TestWorkloadEvidence_DeferredThenEnforced(t *testing.T) {
	t.Parallel()
	config := func(encrypted string) string {
		return `
resource "terraform_data" "db" {
  input = { storage_encrypted = ` + encrypted + `, backup_retention_period = 14 }
}
` + evidenceWorkload(`{ "aws_db_instance.orders" = terraform_data.db.output }`, `{ in_transit = true, min_tls_version = "1.2" }`)
	}
	unitTest(t,
		resource.TestStep{
			Config: config("false"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectUnknownValue("srm_workload.db", tfjsonpath.New("compliant")),
			}},
			ExpectError: regexp.MustCompile(`(?s)Error running apply.*Control Not Satisfied: encryption\.at_rest.*aws_db_instance\.orders has\s+storage_encrypted = false`),
		},
		resource.TestStep{
			Config:            config("true"),
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue("srm_workload.db", tfjsonpath.New("compliant"), knownvalue.Bool(true))},
		},
	)
}

// A violation or a bad entry points at its own evidence line, so Terraform
// shows that line rather than re-printing the whole evidence map.
func TestWorkloadEvidence_DiagnosticsPointAtTheEntry(t *testing.T) {
	t.Parallel()
	atEntry := func(summary, key string) *regexp.Regexp {
		return regexp.MustCompile(`(?s)` + regexp.QuoteMeta(summary) + `.*?line \d+, in resource "srm_workload" "db":\s+\d+:\s+"` + regexp.QuoteMeta(key) + `"\s+=`)
	}
	unitTest(t, resource.TestStep{
		Config: evidenceWorkload(`{
    "aws_db_instance.good" = { storage_encrypted = true, backup_retention_period = 14 }
    "aws_db_instance.bad"  = { storage_encrypted = false, backup_retention_period = 14 }
    "aws_db_instance.also" = { storage_encrypted = true, backup_retention_period = 14 }
  }`, `{ in_transit = true, min_tls_version = "1.2" }`),
		ExpectError: atEntry("Control Not Satisfied: encryption.at_rest", "aws_db_instance.bad"),
	})
	unitTest(t, resource.TestStep{
		Config: evidenceWorkload(`{
    "aws_db_instance.good"  = { storage_encrypted = true, backup_retention_period = 14 }
    "aws_security_group.sg" = { not_an_attribute = true }
  }`, `{ at_rest = true, in_transit = true, min_tls_version = "1.2" }`),
		ExpectError: atEntry("Invalid Evidence", "aws_security_group.sg"),
	})
}
