package provider

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

const paymentsBaseline = `
resource "srm_baseline" "payments" {
  name    = "payments"
  extends = "minimum"
  controls = {
    "backup.enabled"         = { locked = true }
    "logging.retention_days" = { min = 400 }
    "encryption.min_tls_version" = { min = 1.3, required = false }
  }
}
`

func baselineWorkload(body string) string {
	return paymentsBaseline + `
resource "srm_workload" "api" {
  name            = "payments-api"
  service_model   = "iaas"
  custom_baseline = srm_baseline.payments.spec
  identity        = { mfa_required = true, least_privilege = true }
  network         = { segmented = true }
  encryption      = { at_rest = true, in_transit = true, min_tls_version = "1.3" }
  hardening       = { os_patching = true }
` + body + `
}
`
}

func TestBaseline_UsedByWorkload(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: baselineWorkload(`
  logging = { enabled = true, retention_days = 400 }
  backup  = { enabled = true }
`),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("srm_baseline.payments", tfjsonpath.New("locked_controls"),
				knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("backup.enabled")})),
			statecheck.ExpectKnownValue("srm_workload.api", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
			statecheck.ExpectKnownValue("srm_workload.api", tfjsonpath.New("baseline"), knownvalue.Null()),
			statecheck.ExpectKnownValue("srm_workload.api", tfjsonpath.New("required_controls"), knownvalue.ListSizeExact(9)),
		},
	})
}

func TestBaseline_BoundFromBaseline(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: baselineWorkload(`
  logging = { enabled = true, retention_days = 365 }
  backup  = { enabled = true }
`),
		ExpectError: regexp.MustCompile(`(?s)Control Not Satisfied: logging\.retention_days.*the\s+"payments"\s+baseline\s+needs\s+logging\.retention_days\s+of\s+at\s+least\s+400`),
	})
}

func TestBaseline_LockedControlCannotBeWaived(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: baselineWorkload(`
  logging = { enabled = true, retention_days = 400 }
  backup  = { enabled = false }
  exceptions = [{
    control       = "backup.enabled"
    justification = "Rebuilt from source"
    approved_by   = "app-team"
    expires       = "2099-01-01"
  }]
`),
		ExpectError: errorMatching(`Control Not Satisfied: backup.enabled`, `Exception For Locked Control`, `locked by the "payments" baseline`),
	})
}

func TestBaseline_UnknownControl(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
resource "srm_baseline" "bad" {
  name     = "bad"
  controls = { "logging.retention" = { min = 30 } }
}
`,
		ExpectError: regexp.MustCompile(`(?s)Invalid Baseline Control.*did\s+you\s+mean\s+"logging\.retention_days"`),
		PlanOnly:    true,
	})
}

func TestBaseline_BoundOnBool(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
resource "srm_baseline" "bad" {
  name     = "bad"
  controls = { "backup.enabled" = { min = 1 } }
}
`,
		ExpectError: regexp.MustCompile(`(?s)"backup\.enabled"\s+is\s+a\s+bool:\s+min\s+and\s+max\s+apply\s+only\s+to\s+number`),
		PlanOnly:    true,
	})
}

// A control's reason in srm_baseline is the diagnostic's "Why ... asks for
// it", whole; a reason past the bound is refused on its entry.
func TestBaseline_ReasonInDiagnostic(t *testing.T) {
	t.Parallel()
	withReason := strings.Replace(baselineWorkload(`
  logging = { enabled = true, retention_days = 365 }
  backup  = { enabled = true }
`), `{ min = 400 }`, `{ min = 400, reason = "Card-scheme auditors ask for 13 months of logs." }`, 1)
	unitTest(t, resource.TestStep{
		Config: withReason,
		ExpectError: errorMatching(`Control Not Satisfied: logging.retention_days`,
			`Why the "payments" baseline asks for it: Card-scheme auditors ask for 13 months of logs.`),
	})
	unitTest(t, resource.TestStep{
		Config: `
resource "srm_baseline" "bad" {
  name     = "bad"
  controls = { "logging.enabled" = { reason = "` + strings.Repeat("x", 501) + `" } }
}
`,
		ExpectError: errorMatching(`Invalid Baseline Control`, `reason is 501 characters long: keep it to 500`),
		PlanOnly:    true,
	})
}
