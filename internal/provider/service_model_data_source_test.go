package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestServiceModel_SaaS(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `data "srm_service_model" "saas" { name = "saas" }`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.srm_service_model.saas", tfjsonpath.New("customer_domains"),
				knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("identity_access")})),
			statecheck.ExpectKnownValue("data.srm_service_model.saas", tfjsonpath.New("provider_domains"), knownvalue.ListSizeExact(9)),
			statecheck.ExpectKnownValue("data.srm_service_model.saas", tfjsonpath.New("shared_domains"), knownvalue.ListSizeExact(5)),
			// The standard baseline never asks a SaaS workload for network or hardening controls.
			statecheck.ExpectKnownValue("data.srm_service_model.saas", tfjsonpath.New("required_controls"),
				knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("identity.mfa_required"), knownvalue.StringExact("identity.least_privilege"),
					knownvalue.StringExact("encryption.at_rest"), knownvalue.StringExact("encryption.in_transit"),
					knownvalue.StringExact("logging.enabled"), knownvalue.StringExact("logging.retention_days"),
					knownvalue.StringExact("backup.enabled"), knownvalue.StringExact("backup.retention_days"),
				})),
		},
	})
}

func TestServiceModel_ProviderDefaultBaseline(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
provider "srm" {
  default_baseline = "minimum"
}
data "srm_service_model" "iaas" { name = "iaas" }
`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.srm_service_model.iaas", tfjsonpath.New("required_controls"), knownvalue.ListSizeExact(8)),
			statecheck.ExpectKnownValue("data.srm_service_model.iaas", tfjsonpath.New("customer_domains"), knownvalue.ListSizeExact(4)),
		},
	})
}

func TestServiceModel_Unknown(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config:      `data "srm_service_model" "x" { name = "mainframe" }`,
		ExpectError: regexp.MustCompile(`(?s)name.*value must be one of.*"on_premises".*"iaas".*"caas".*"paas".*"faas".*"saas"`),
	})
}
