package provider

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// moduleConsumerDir copies examples/module-consumer into a temporary
// directory with its module source made absolute, because the test harness
// plans it from another directory.
func moduleConsumerDir(t *testing.T) config.TestStepConfigFunc {
	t.Helper()
	raw, err := os.ReadFile("../../examples/module-consumer/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	module, err := filepath.Abs("../../examples/modules/secure-workload")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	body := strings.ReplaceAll(string(raw), `"../modules/secure-workload"`, `"`+module+`"`)
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return config.StaticDirectory(dir)
}

// moduleTest sets the providers on the step and the configuration as a
// directory, so that the harness runs `terraform init` on it and installs
// its modules.
func moduleTest(t *testing.T, step resource.TestStep) {
	t.Helper()
	step.ProtoV6ProviderFactories = protoV6ProviderFactories
	step.ConfigDirectory = moduleConsumerDir(t)
	resource.Test(t, resource.TestCase{Steps: []resource.TestStep{step}})
}

func TestModuleConsumer_CompliantCaller(t *testing.T) {
	t.Parallel()
	moduleTest(t, resource.TestStep{
		// Plan only: the harness cannot read module resources back from state.
		PlanOnly:           true,
		ExpectNonEmptyPlan: true,
		ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPreRefresh: []plancheck.PlanCheck{
			plancheck.ExpectKnownValue("module.orders.srm_workload.this", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
			plancheck.ExpectKnownValue("module.orders.srm_workload.this", tfjsonpath.New("required_controls"), knownvalue.ListSizeExact(10)),
		}},
	})
}

func TestModuleConsumer_NonCompliantCallerFails(t *testing.T) {
	t.Parallel()
	moduleTest(t, resource.TestStep{
		ConfigVariables: config.Variables{"include_noncompliant": config.BoolVariable(true)},
		ExpectError: errorMatching(
			"Control Not Satisfied: encryption.at_rest",
			`paas workload: encryption.at_rest is false`,
			"Control Not Satisfied: logging.retention_days",
			`the "acme-production" baseline needs logging.retention_days of at least 365`,
			"Control Not Satisfied: backup.cross_region",
			"Exception For Locked Control",
			`"encryption.at_rest" is locked by the "acme-production" baseline`,
		),
	})
}
