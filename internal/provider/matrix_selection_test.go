package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestResponsibilityMatrix_VendorMatrix(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
data "srm_responsibility_matrix" "default" {
  domain        = "data_protection"
  service_model = "iaas"
}
data "srm_responsibility_matrix" "ms" {
  matrix        = "microsoft_2026"
  domain        = "data_protection"
  service_model = "iaas"
}
data "srm_responsibility_matrix" "ms_caas" {
  matrix        = "microsoft_2026"
  domain        = "workload_hardening"
  service_model = "caas"
}
`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.srm_responsibility_matrix.default", tfjsonpath.New("matrix"), knownvalue.StringExact("consensus")),
			statecheck.ExpectKnownValue("data.srm_responsibility_matrix.default", tfjsonpath.New("entries").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"owner": knownvalue.StringExact("shared"), "basis": knownvalue.StringExact("consensus"),
			})),
			statecheck.ExpectKnownValue("data.srm_responsibility_matrix.ms", tfjsonpath.New("entries").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"owner": knownvalue.StringExact("customer"), "basis": knownvalue.StringExact("vendor"),
				"note":       knownvalue.StringRegexp(regexp.MustCompile(`encryption decisions`)),
				"references": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringRegexp(regexp.MustCompile(`Shared responsibility in the cloud.*azure-docs`))}),
			})),
			statecheck.ExpectKnownValue("data.srm_responsibility_matrix.ms_caas", tfjsonpath.New("entries").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"owner": knownvalue.StringExact("shared"), "basis": knownvalue.StringExact("fallback"),
				"note": knownvalue.StringRegexp(regexp.MustCompile(`^Not published: Microsoft \(2026 text matrix\) publishes no column for caas, so the consensus cell is used`)),
			})),
			statecheck.ExpectKnownValue("data.srm_responsibility_matrix.default", tfjsonpath.New("differences"), knownvalue.ListSizeExact(0)),
		},
	})
}

func TestResponsibilityMatrix_CompareTo(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
data "srm_responsibility_matrix" "diff" {
  matrix     = "microsoft_classic"
  compare_to = "consensus"
}
data "srm_responsibility_matrix" "same" {
  compare_to = "consensus"
}
`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.srm_responsibility_matrix.diff", tfjsonpath.New("differences"), knownvalue.ListPartial(map[int]knownvalue.Check{
				// domain-major: data_protection (row 10) comes before application_security (row 12).
				0: knownvalue.ObjectExact(map[string]knownvalue.Check{
					"domain": knownvalue.StringExact("identity_access"), "service_model": knownvalue.StringExact("paas"),
					"owner": knownvalue.StringExact("shared"), "other_owner": knownvalue.StringExact("customer"),
					"basis": knownvalue.StringExact("vendor"), "other_basis": knownvalue.StringExact("consensus"),
					"why": knownvalue.StringRegexp(regexp.MustCompile(`^microsoft_classic says shared \(Accounts and identities; Identity and directory infrastructure\)\..*consensus says customer\.`)),
				}),
			})),
			statecheck.ExpectKnownValue("data.srm_responsibility_matrix.same", tfjsonpath.New("differences"), knownvalue.ListSizeExact(0)),
		},
	})
}

func TestResponsibilityMatrix_BadMatrix(t *testing.T) {
	t.Parallel()
	for _, cfg := range []string{`matrix = "azure"`, `compare_to = "gcp"`} {
		unitTest(t, resource.TestStep{
			Config:      "data \"srm_responsibility_matrix\" \"bad\" {\n  " + cfg + "\n}\n",
			ExpectError: regexp.MustCompile(`(?s)(matrix|compare_to).*value must be one of.*"consensus".*"microsoft_2026".*"microsoft_classic".*"aws".*"google"`),
			PlanOnly:    true,
		})
	}
}

// The provider's matrix reaches the data sources and srm_workload: under
// Google's chart, monitoring is Google's in PaaS, so a PaaS workload is not
// asked for logging; under the consensus it is.
func TestProvider_MatrixReachesWorkloadAndDataSources(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
provider "srm" {
  matrix = "google"
}
data "srm_service_model" "paas" {
  name = "paas"
}
data "srm_service_model" "paas_consensus" {
  name   = "paas"
  matrix = "consensus"
}
data "srm_controls" "paas_logging" {
  service_model = "paas"
  domain        = "monitoring_logging"
}
data "srm_responsibility_matrix" "net" {
  domain        = "network_configuration"
  service_model = "paas"
}
resource "srm_workload" "app" {
  name          = "app"
  service_model = "paas"
  baseline      = "minimum"
  identity      = { mfa_required = true, least_privilege = true }
  encryption    = { at_rest = true, in_transit = true }
  backup        = { enabled = true }
}
`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.srm_service_model.paas", tfjsonpath.New("matrix"), knownvalue.StringExact("google")),
			statecheck.ExpectKnownValue("data.srm_service_model.paas", tfjsonpath.New("provider_domains"), knownvalue.ListPartial(map[int]knownvalue.Check{
				7: knownvalue.StringExact("network_configuration"), 9: knownvalue.StringExact("monitoring_logging"),
			})),
			statecheck.ExpectKnownValue("data.srm_service_model.paas_consensus", tfjsonpath.New("shared_domains"), knownvalue.ListPartial(map[int]knownvalue.Check{
				0: knownvalue.StringExact("network_configuration"),
			})),
			statecheck.ExpectKnownValue("data.srm_controls.paas_logging", tfjsonpath.New("controls"), knownvalue.ListSizeExact(0)),
			statecheck.ExpectKnownValue("data.srm_responsibility_matrix.net", tfjsonpath.New("entries").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"owner": knownvalue.StringExact("provider"), "basis": knownvalue.StringExact("vendor"),
			})),
			statecheck.ExpectKnownValue("srm_workload.app", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
		},
	})
}

func TestProvider_BadMatrix(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
provider "srm" {
  matrix = "azure"
}
data "srm_aspects" "x" {}
`,
		ExpectError: regexp.MustCompile(`(?s)matrix.*value must be one of.*"consensus".*"microsoft_2026"`),
	})
}

func TestControls_ServiceModelAdvice(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
data "srm_controls" "faas_hardening" {
  service_model = "faas"
  domain        = "workload_hardening"
}
data "srm_controls" "logging" {
  domain = "monitoring_logging"
}
data "srm_controls" "encryption" {
  domain = "data_protection"
}
`,
		ConfigStateChecks: []statecheck.StateCheck{
			// os_patching, max_patch_age_days and last_patched are not asked of functions.
			statecheck.ExpectKnownValue("data.srm_controls.faas_hardening", tfjsonpath.New("controls"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact("hardening.image_scanning")}),
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact("hardening.runtime_protection")}),
			})),
			statecheck.ExpectKnownValue("data.srm_controls.logging", tfjsonpath.New("controls").AtSliceIndex(5), knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"id": knownvalue.StringExact("logging.incident_response"),
				"frameworks": knownvalue.MapPartial(map[string]knownvalue.Check{
					"pci_dss_v4": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("12.10.1")}),
				}),
			})),
			statecheck.ExpectKnownValue("data.srm_controls.encryption", tfjsonpath.New("controls").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"id": knownvalue.StringExact("encryption.at_rest"),
				"remediation_by_service_model": knownvalue.MapPartial(map[string]knownvalue.Check{
					"saas": knownvalue.StringRegexp(regexp.MustCompile(`audit report`)),
				}),
			})),
		},
	})
}
