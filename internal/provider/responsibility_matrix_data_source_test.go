package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestResponsibilityMatrix_AllCells(t *testing.T) {
	t.Parallel()
	entries := tfjsonpath.New("entries")
	unitTest(t, resource.TestStep{
		Config: `data "srm_responsibility_matrix" "all" {}`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.srm_responsibility_matrix.all", entries, knownvalue.ListSizeExact(90)),
			statecheck.ExpectKnownValue("data.srm_responsibility_matrix.all", tfjsonpath.New("service_models"),
				knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("on_premises"), knownvalue.StringExact("iaas"), knownvalue.StringExact("caas"),
					knownvalue.StringExact("paas"), knownvalue.StringExact("faas"), knownvalue.StringExact("saas"),
				})),
			statecheck.ExpectKnownValue("data.srm_responsibility_matrix.all", tfjsonpath.New("domains"), knownvalue.ListSizeExact(15)),
			// Domain-major order: physical_security/on_premises first, then physical_security/iaas.
			statecheck.ExpectKnownValue("data.srm_responsibility_matrix.all", entries.AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"domain": knownvalue.StringExact("physical_security"), "service_model": knownvalue.StringExact("on_premises"),
				"owner": knownvalue.StringExact("customer"), "layer": knownvalue.StringExact("of_the_cloud"),
			})),
			statecheck.ExpectKnownValue("data.srm_responsibility_matrix.all", entries.AtSliceIndex(1), knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"domain": knownvalue.StringExact("physical_security"), "service_model": knownvalue.StringExact("iaas"),
				"owner": knownvalue.StringExact("provider"),
			})),
		},
	})
}

// cell asserts the owner of one (domain, service model) through the filters.
func cellCheck(name, owner string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue("data.srm_responsibility_matrix."+name, tfjsonpath.New("entries"),
		knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"owner": knownvalue.StringExact(owner),
		})}))
}

func TestResponsibilityMatrix_KnownCells(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
data "srm_responsibility_matrix" "phys_iaas" {
  domain        = "physical_security"
  service_model = "iaas"
}
data "srm_responsibility_matrix" "phys_onprem" {
  domain        = "physical_security"
  service_model = "on_premises"
}
data "srm_responsibility_matrix" "net_saas" {
  domain        = "network_configuration"
  service_model = "saas"
}
data "srm_responsibility_matrix" "hardening_paas" {
  domain        = "workload_hardening"
  service_model = "paas"
}
data "srm_responsibility_matrix" "identity" {
  domain = "identity_access"
}
`,
		ConfigStateChecks: []statecheck.StateCheck{
			cellCheck("phys_iaas", "provider"),
			cellCheck("phys_onprem", "customer"),
			cellCheck("net_saas", "provider"),
			cellCheck("hardening_paas", "provider"),
			statecheck.ExpectKnownValue("data.srm_responsibility_matrix.identity", tfjsonpath.New("entries"),
				knownvalue.ListExact(repeat(6, knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"owner": knownvalue.StringExact("customer"),
				})))),
		},
	})
}

func repeat(n int, c knownvalue.Check) []knownvalue.Check {
	out := make([]knownvalue.Check, n)
	for i := range out {
		out[i] = c
	}
	return out
}

func TestResponsibilityMatrix_FilterCombinations(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
data "srm_responsibility_matrix" "saas_provider" {
  service_model = "saas"
  owner         = "provider"
}
data "srm_responsibility_matrix" "in_cloud_shared_paas" {
  layer         = "in_the_cloud"
  owner         = "shared"
  service_model = "paas"
}
data "srm_responsibility_matrix" "of_cloud" {
  layer = "of_the_cloud"
}
`,
		ConfigStateChecks: []statecheck.StateCheck{
			// Seven of-the-cloud domains plus network configuration and workload hardening.
			statecheck.ExpectKnownValue("data.srm_responsibility_matrix.saas_provider", tfjsonpath.New("entries"), knownvalue.ListSizeExact(9)),
			// network_configuration, data_protection, application_security, monitoring_logging, backup_recovery, compliance.
			statecheck.ExpectKnownValue("data.srm_responsibility_matrix.in_cloud_shared_paas", tfjsonpath.New("entries"), knownvalue.ListSizeExact(6)),
			statecheck.ExpectKnownValue("data.srm_responsibility_matrix.of_cloud", tfjsonpath.New("entries"), knownvalue.ListSizeExact(42)),
			statecheck.ExpectKnownValue("data.srm_responsibility_matrix.of_cloud", tfjsonpath.New("domains"), knownvalue.ListSizeExact(7)),
		},
	})
}

func TestResponsibilityMatrix_BadFilters(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		`service_model = "serverless"`: `(?s)service_model.*value must be one of.*"on_premises".*"saas"`,
		`domain = "physical"`:          `(?s)domain.*value must be one of.*"physical_security"`,
		`owner = "vendor"`:             `(?s)owner.*value must be one of.*"provider".*"customer".*"shared"`,
		`layer = "middle"`:             `(?s)layer.*value must be one of.*"of_the_cloud".*"in_the_cloud"`,
	}
	for filter, want := range cases {
		unitTest(t, resource.TestStep{
			Config:      "data \"srm_responsibility_matrix\" \"bad\" {\n  " + filter + "\n}\n",
			ExpectError: regexp.MustCompile(want),
			PlanOnly:    true,
		})
	}
}
