package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// At plan the report lists a control that waits for an unknown value as
// deferred, where srm_report would be unknown as a whole.
func TestFunction_ReportAtPlanListsDeferred(t *testing.T) {
	t.Parallel()
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   functionsSupported,
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
resource "terraform_data" "db" { input = { storage_encrypted = true, backup_retention_period = 14 } }
` + evidenceWorkload(`{ "aws_db_instance.orders" = terraform_data.db.output }`, `{ in_transit = true, min_tls_version = "1.2" }`) + `
locals {
  report = provider::srm::report("json", [srm_workload.db])
}
output "deferred" { value = nonsensitive(local.report.deferred) }
output "violated" { value = nonsensitive(local.report.violated) }
output "mentions" { value = nonsensitive(strcontains(local.report.content, "\"status\": \"deferred\"")) }
`,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectKnownOutputValue("deferred", knownvalue.Int64Exact(4)), // the four aws_db_instance mappings
				plancheck.ExpectKnownOutputValue("violated", knownvalue.Int64Exact(0)),
				plancheck.ExpectKnownOutputValue("mentions", knownvalue.Bool(true)),
			}},
			ExpectNonEmptyPlan: true,
		}},
	})
}
