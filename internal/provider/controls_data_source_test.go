package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestControls_FilterByDomain(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `data "srm_controls" "identity" { domain = "identity_access" }`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.srm_controls.identity", tfjsonpath.New("controls"), knownvalue.ListSizeExact(3)),
			statecheck.ExpectKnownValue("data.srm_controls.identity", tfjsonpath.New("controls").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"id":       knownvalue.StringExact("identity.mfa_required"),
				"severity": knownvalue.StringExact("critical"),
				"frameworks": knownvalue.MapPartial(map[string]knownvalue.Check{
					"nist_800_53_r5": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("IA-2(1)"), knownvalue.StringExact("IA-2(2)")}),
					"csa_ccm_v4":     knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("IAM-14")}),
				}),
			})),
		},
	})
}

func TestControls_ServiceModelAndFramework(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
data "srm_controls" "saas_network" {
  service_model = "saas"
  domain        = "network_configuration"
}
data "srm_controls" "pci" {
  framework = "pci_dss_v4"
  domain    = "monitoring_logging"
}
`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.srm_controls.saas_network", tfjsonpath.New("controls"), knownvalue.ListSizeExact(0)),
			statecheck.ExpectKnownValue("data.srm_controls.pci", tfjsonpath.New("controls"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact("logging.enabled")}),
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact("logging.retention_days")}),
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact("logging.alerting")}),
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact("logging.incident_response")}),
			})),
		},
	})
}

func TestControls_UnknownFramework(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config:      `data "srm_controls" "x" { framework = "sox" }`,
		ExpectError: regexp.MustCompile(`(?s)framework.*value must be one of.*"nist_800_53_r5".*"pci_dss_v4"`),
	})
}
