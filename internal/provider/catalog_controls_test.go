package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// strictWorkload is a strict workload that satisfies every strict rule for
// its classification except what extra adds or overrides.
func strictWorkload(class, extra string) string {
	return `
resource "srm_workload" "api" {
  name                = "payments-api"
  service_model       = "iaas"
  baseline            = "strict"
  data_classification = "` + class + `"
  identity    = { mfa_required = true, least_privilege = true }
  hardening   = { os_patching = true, max_patch_age_days = 14 }
  application = { authentication = true, api_authorization = true, input_validation = true, dependency_scanning = true }
  backup      = { enabled = true, retention_days = 30, cross_region = true, restore_tested = true }
` + extra + `
}
`
}

const strictLogging = `  logging = { enabled = true, retention_days = 365, centralized = true, alerting = true, incident_response = true }`

// One acceptance test per control the catalog gained, through the real CLI.
func TestCatalogControls_NewControlsThroughTheCLI(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, class, extra, want string
	}{
		{"incident response", "internal",
			"  network = { segmented = true }\n  encryption = { at_rest = true, in_transit = true }\n  logging = { enabled = true, retention_days = 365, centralized = true, alerting = true }",
			`(?s)Control Not Satisfied: logging\.incident_response.*logging\.incident_response\s+is\s+not\s+set`},
		{"ddos protection", "internal",
			"  network = { segmented = true, ddos_protection = false }\n  encryption = { at_rest = true, in_transit = true }\n" + strictLogging,
			`(?s)Control Not Satisfied: network\.ddos_protection.*needs\s+network\.ddos_protection\s+=\s+true`},
		{"data residency", "confidential",
			"  network = { segmented = true }\n  encryption = { at_rest = true, in_transit = true, customer_managed_key = true }\n" + strictLogging,
			`(?s)Control Not Satisfied: compliance\.data_residency.*compliance\.data_residency\s+is\s+not\s+set`},
		{"key lifecycle", "restricted",
			"  network = { segmented = true }\n  encryption = { at_rest = true, in_transit = true, customer_managed_key = true }\n  storage = { data_loss_prevention = true }\n  compliance = { data_residency = [\"eu-west-1\"] }\n" + strictLogging,
			`(?s)Control Not Satisfied: encryption\.key_lifecycle.*encryption\.key_lifecycle\s+is\s+not\s+set`},
		{"data loss prevention", "restricted",
			"  network = { segmented = true }\n  encryption = { at_rest = true, in_transit = true, customer_managed_key = true, key_lifecycle = true }\n  storage = { data_loss_prevention = false }\n  compliance = { data_residency = [\"eu-west-1\"] }\n" + strictLogging,
			`(?s)Control Not Satisfied: storage\.data_loss_prevention.*needs\s+storage\.data_loss_prevention\s+=\s+true`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			unitTest(t, resource.TestStep{Config: strictWorkload(tc.class, tc.extra), ExpectError: regexp.MustCompile(tc.want)})
		})
	}
}

func TestCatalogControls_RestrictedStrictWorkloadPasses(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: strictWorkload("restricted", `  network = { segmented = true, ddos_protection = true }
  encryption = { at_rest = true, in_transit = true, customer_managed_key = true, key_lifecycle = true }
  storage = { data_loss_prevention = true }
  compliance = { data_residency = ["eu-west-1", "eu-central-1"] }
`+strictLogging),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("srm_workload.api", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
		},
	})
}

// A function is not asked for OS patching: the platform patches its OS.
func TestCatalogControls_FaaSNotAskedForOSPatching(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
resource "srm_workload" "fn" {
  name          = "resize-images"
  service_model = "faas"
  baseline      = "minimum"
  identity      = { mfa_required = true, least_privilege = true }
  network       = { segmented = true }
  encryption    = { at_rest = true, in_transit = true }
  logging       = { enabled = true }
  backup        = { enabled = true }
}
`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("srm_workload.fn", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
		},
	})
}

// srm_baseline refuses to relax its preset at terraform validate.
func TestCatalogControls_BaselineOnlyTightens(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
resource "srm_baseline" "lax" {
  name    = "lax"
  extends = "standard"
  controls = {
    "logging.retention_days" = { min = 30 }
  }
}
`,
		PlanOnly:    true,
		ExpectError: errorMatching(`Invalid Baseline Control`, `control "logging.retention_days": min 30 is below the "standard" preset's min 90`, `baselines only tighten`, `use 90 or more`),
	})
}
