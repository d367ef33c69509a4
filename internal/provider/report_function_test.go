package provider

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
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

// The report function judges under the matrix it is given, as srm_workload
// does under the provider's: google owns more of paas than consensus, so
// fewer controls are violated. Without the argument it is consensus.
func TestFunction_ReportMatrixArgument(t *testing.T) {
	f := NewReportFunction()
	workloads := tfTuple(tfObj(map[string]tftypes.Value{"name": tfStr("w"), "service_model": tfStr("paas")}))
	violated := func(args ...tftypes.Value) int {
		out, ferr := runFunction(t, f, args)
		if ferr != nil {
			t.Fatalf("%v: %s", args, ferr.Text)
		}
		m := regexp.MustCompile(`"violated":(\d+)`).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("no violated count in %s", out)
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}
	consensus := violated(tfStr("json"), workloads)
	if named := violated(tfStr("json"), workloads, tfStr("consensus")); named != consensus {
		t.Errorf("naming consensus gives %d violations, none named %d", named, consensus)
	}
	if google := violated(tfStr("json"), workloads, tfStr("google")); google >= consensus {
		t.Errorf("google: %d violations, consensus %d; google owns more of paas", google, consensus)
	}
	for _, args := range [][]tftypes.Value{
		{tfStr("json"), workloads, tfStr("azure")},
		{tfStr("json"), workloads, tfStr("google"), tfStr("aws")},
	} {
		if _, ferr := runFunction(t, f, args); ferr == nil || !strings.Contains(ferr.Text, "matrix") {
			t.Errorf("%v: want an error naming the matrix argument, got %v", args, ferr)
		}
	}
}
