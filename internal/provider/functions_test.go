package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// functionTest plans and applies outputs that call provider functions.
func functionTest(t *testing.T, config string, checks ...statecheck.StateCheck) {
	t.Helper()
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   functionsSupported,
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps:                    []resource.TestStep{{Config: config, ConfigStateChecks: checks}},
	})
}

func functionError(t *testing.T, config string, want ...string) {
	t.Helper()
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   functionsSupported,
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps:                    []resource.TestStep{{Config: config, ExpectError: errorMatching(want...)}},
	})
}

func output(name string, check knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownOutputValue(name, check)
}

func TestFunction_Owner(t *testing.T) {
	t.Parallel()
	functionTest(t, `
output "phys_iaas"    { value = provider::srm::owner("iaas", "physical_security") }
output "net_paas"     { value = provider::srm::owner("paas", "network_configuration") }
output "onprem_patch" { value = provider::srm::owner("on_premises", "infrastructure_patching") }
`,
		output("phys_iaas", knownvalue.StringExact("provider")),
		output("net_paas", knownvalue.StringExact("shared")),
		output("onprem_patch", knownvalue.StringExact("customer")),
	)
}

func TestFunction_OwnerBadArguments(t *testing.T) {
	t.Parallel()
	functionError(t, `output "x" { value = provider::srm::owner("mainframe", "physical_security") }`,
		`service_model: unknown service model "mainframe"; valid values are "on_premises"`)
	functionError(t, `output "x" { value = provider::srm::owner("iaas", "firewalls") }`,
		`domain: unknown domain "firewalls"; valid values are "physical_security"`)
}

func TestFunction_CustomerDomainsAndRequiredControls(t *testing.T) {
	t.Parallel()
	functionTest(t, `
output "saas"     { value = provider::srm::customer_domains("saas") }
output "required" { value = provider::srm::required_controls("faas", "minimum") }
`,
		output("saas", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("identity_access")})),
		output("required", knownvalue.ListExact([]knownvalue.Check{
			knownvalue.StringExact("identity.mfa_required"), knownvalue.StringExact("identity.least_privilege"),
			knownvalue.StringExact("network.segmented"), knownvalue.StringExact("encryption.at_rest"),
			// No hardening.os_patching: the platform patches a function's OS.
			knownvalue.StringExact("encryption.in_transit"),
			knownvalue.StringExact("logging.enabled"), knownvalue.StringExact("backup.enabled"),
		})),
	)
	functionError(t, `output "x" { value = provider::srm::required_controls("iaas", "gold") }`,
		`baseline: unknown baseline "gold"; valid values are "minimum", "standard", "strict"`)
}

func regexpMust(pattern string) *regexp.Regexp { return regexp.MustCompile(pattern) }
