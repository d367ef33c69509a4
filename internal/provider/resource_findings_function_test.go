package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// A terraform_data stands in for the real resource: its output has the
// AWS provider's shape, and self in a postcondition is what the function
// receives for the real resource too.
// At plan self.output is unknown, so the condition waits; the apply then
// fails on the violation.
func TestFunction_ResourceFindingsPostconditionOnSelf(t *testing.T) {
	t.Parallel()
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   functionsSupported,
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
resource "terraform_data" "orders_db" {
  input = {
    storage_encrypted       = false
    backup_retention_period = 7
    publicly_accessible     = false
    password                = "correct-horse-battery-staple"
  }
  lifecycle {
    postcondition {
      condition     = length([for f in provider::srm::resource_findings("aws_db_instance", self.output) : f if f.status == "violated"]) == 0
      error_message = join("; ", [for f in provider::srm::resource_findings("aws_db_instance", self.output) : "${f.id}=${f.status} at ${f.attribute} (${f.control}, ${f.owner})"])
    }
  }
}
`,
			ExpectError: errorMatching("Error running apply", "Resource postcondition failed",
				"aws_db_instance.storage_not_encrypted=violated at storage_encrypted (encryption.at_rest, shared)"),
		}},
	})
}

// A partly unknown resource defers only what needs the unknown value, and
// a condition that counts violations passes at plan.
func TestFunction_ResourceFindingsConditionCountsViolations(t *testing.T) {
	t.Parallel()
	functionTest(t, `
resource "terraform_data" "later" { input = true }
resource "terraform_data" "db" {
  input = { storage_encrypted = terraform_data.later.output, backup_retention_period = 7, publicly_accessible = false }
  lifecycle {
    precondition {
      condition     = length([for f in provider::srm::resource_findings("aws_db_instance", { storage_encrypted = terraform_data.later.output, backup_retention_period = 7 }) : f if f.status == "violated"]) == 0
      error_message = "violations"
    }
  }
}
`)
}

func TestFunction_ResourceFindingsCleanAndDefaults(t *testing.T) {
	t.Parallel()
	functionTest(t, `
locals {
  clean = { storage_encrypted = true, backup_retention_period = 7, publicly_accessible = false }
  bare  = { storage_encrypted = null, backup_retention_period = 7 }
}
output "clean" { value = provider::srm::resource_findings("aws_db_instance", local.clean) }
output "bare"  { value = [for f in provider::srm::resource_findings("aws_db_instance", local.bare) : "${f.id}=${f.status}"] }
`,
		output("clean", knownvalue.ListSizeExact(0)),
		// An unset storage_encrypted is the provider's default, false.
		output("bare", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("aws_db_instance.storage_not_encrypted=violated")})),
	)
}

// A check block reports findings as a warning and never blocks the plan.
func TestFunction_ResourceFindingsInCheckBlock(t *testing.T) {
	t.Parallel()
	functionTest(t, `
locals {
  sg = { ingress = [{ from_port = 22, to_port = 22, protocol = "tcp", cidr_blocks = ["0.0.0.0/0"], ipv6_cidr_blocks = [] }] }
}
check "security_group" {
  assert {
    condition     = length(provider::srm::resource_findings("aws_security_group", local.sg)) == 0
    error_message = "the security group has findings"
  }
}
output "ids" { value = [for f in provider::srm::resource_findings("aws_security_group", local.sg) : "${f.id} at ${f.attribute}"] }
`, output("ids", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("aws_security_group.world_open_admin_port at ingress[0]")})))
}

// Unknown values defer only the controls that need them; the unknown id
// and arn of a resource being created never make the result unknown.
func TestFunction_ResourceFindingsUnknownDefers(t *testing.T) {
	t.Parallel()
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   functionsSupported,
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
resource "terraform_data" "later" { input = true }
locals {
  db = { id = terraform_data.later.id, arn = terraform_data.later.id, storage_encrypted = terraform_data.later.output, backup_retention_period = 7, publicly_accessible = false }
}
output "statuses" { value = [for f in provider::srm::resource_findings("aws_db_instance", local.db) : "${f.id}=${f.status}"] }
`,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectKnownOutputValue("statuses", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("aws_db_instance.storage_not_encrypted=deferred"),
				})),
			}},
			// Terraform keeps a wholly known planned output at apply, so the
			// stored output still says deferred and the next plan updates it:
			// conditions, which Terraform evaluates again after apply, are
			// where a verdict belongs (see the postcondition test).
			ExpectNonEmptyPlan: true,
		}},
	})
}

func TestFunction_ResourceFindingsUnsupportedType(t *testing.T) {
	t.Parallel()
	functionError(t, `
output "x" { value = provider::srm::resource_findings("aws_db_instnce", {}) }
`, `resource type "aws_…" is none of hashicorp/aws, azurerm, google or azuread's`, `did you mean "aws_db_instance"`)
}

func TestFunction_ResourceControls(t *testing.T) {
	t.Parallel()
	functionTest(t, `
locals {
  db = { storage_encrypted = true, backup_retention_period = 7, publicly_accessible = null }
}
output "controls" { value = provider::srm::resource_controls("aws_db_instance", local.db) }
`, output("controls", knownvalue.ObjectPartial(map[string]knownvalue.Check{
		"encryption.at_rest":    knownvalue.Bool(true),
		"backup.enabled":        knownvalue.Bool(true),
		"backup.retention_days": knownvalue.Int64Exact(7),
		// publicly_accessible unset: the provider's default, false, proves segmentation.
		"network.segmented": knownvalue.Bool(true),
	})))
}

// The optional baseline: a preset, or a custom baseline's spec, judges the
// same resource by other rules; a wrong one is described, never quoted.
func TestFunction_ResourceFindingsBaseline(t *testing.T) {
	t.Parallel()
	functionTest(t, `
resource "srm_baseline" "platform" {
  name    = "platform-db"
  extends = "standard"
  controls = {
    "backup.retention_days" = { min = 14, reason = "Restores are tested fortnightly." }
  }
}

locals {
  db = { storage_encrypted = true, backup_retention_period = 7, publicly_accessible = false }
}
output "standard" { value = [for f in provider::srm::resource_findings("aws_db_instance", local.db) : f.control] }
output "strict"   { value = contains([for f in provider::srm::resource_findings("aws_db_instance", local.db, "strict") : f.control], "backup.retention_days") }
output "custom"   { value = [for f in provider::srm::resource_findings("aws_db_instance", local.db, srm_baseline.platform.spec) : f.control] }
`,
		output("standard", knownvalue.ListSizeExact(0)),
		output("strict", knownvalue.Bool(true)),
		output("custom", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("backup.retention_days")})),
	)
	functionError(t, `
output "x" { value = provider::srm::resource_findings("aws_db_instance", {}, "Zq8xW-Kp3vT-Jm9yR-Lq2") }
`, `baseline: must be one of "minimum", "standard", "strict" or an srm_baseline's spec, got a string of 21 characters`)
}
