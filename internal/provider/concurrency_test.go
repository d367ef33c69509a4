package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

const concurrentWorkloads = 50

// Terraform plans and applies the instances of one configuration in
// parallel, so the provider serves many ModifyPlan calls at once. Each
// instance must come out compliant with the results of its own service
// model: no call may see another's values.
func TestWorkload_ManyAtOnce(t *testing.T) {
	t.Parallel()
	m := model.Default()
	models := m.ServiceModelIDs()
	evaluator := policy.New(m)

	config := fmt.Sprintf(`
locals {
  models = [%s]
}

resource "srm_workload" "w" {
  count         = %d
  name          = "workload-${count.index}"
  service_model = local.models[count.index %% length(local.models)]
%s
}

output "all_compliant" {
  value = alltrue([for w in srm_workload.w : w.compliant])
}
`, model.Quoted(models), concurrentWorkloads, compliantControls)

	checks := []statecheck.StateCheck{
		statecheck.ExpectKnownOutputValue("all_compliant", knownvalue.Bool(true)),
	}
	for i := range concurrentWorkloads {
		sm := models[i%len(models)]
		addr := fmt.Sprintf("srm_workload.w[%d]", i)
		var required []knownvalue.Check
		for _, id := range evaluator.RequiredControls(sm, "standard") {
			required = append(required, knownvalue.StringExact(id))
		}
		checks = append(checks,
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact(fmt.Sprintf("workload-%d", i))),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("service_model"), knownvalue.StringExact(sm)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("required_controls"), knownvalue.ListExact(required)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("compliant"), knownvalue.Bool(true)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("findings"), knownvalue.ListSizeExact(0)),
		)
	}
	unitTest(t, resource.TestStep{Config: config, ConfigStateChecks: checks})
}
