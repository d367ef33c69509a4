package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// workloadIDPattern is the random id set at create.
var workloadIDPattern = regexp.MustCompile(`^wl-[0-9a-f]{16}$`)

// A workload that satisfies the standard baseline under any service model:
// the catalog's compliant body, so a new required control needs no edit
// here.
var compliantControls = "\n" + model.Default().HCL(model.Default().CompliantBody("standard"), "  ")

// setControl sets the first attribute named attr in an HCL body to value
// (a literal or an expression).
func setControl(body, attr, value string) string {
	re := regexp.MustCompile(`(?m)^(\s+` + regexp.QuoteMeta(attr) + `\s+=) .*$`)
	done := false
	return re.ReplaceAllStringFunc(body, func(line string) string {
		if done {
			return line
		}
		done = true
		return re.ReplaceAllString(line, "${1} "+value)
	})
}

func compliantWorkload(serviceModel string) string {
	return `
resource "srm_workload" "api" {
  name          = "payments-api"
  service_model = "` + serviceModel + `"
` + compliantControls + `
}
`
}

func expectCompliant(address string) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(address, tfjsonpath.New("compliant"), knownvalue.Bool(true)),
		statecheck.ExpectKnownValue(address, tfjsonpath.New("findings"), knownvalue.ListSizeExact(0)),
	}
}

func TestWorkload_CompliantIaaS(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: compliantWorkload("iaas"),
		ConfigStateChecks: append(expectCompliant("srm_workload.api"),
			statecheck.ExpectKnownValue("srm_workload.api", tfjsonpath.New("id"), knownvalue.StringRegexp(workloadIDPattern)),
			statecheck.ExpectKnownValue("srm_workload.api", tfjsonpath.New("baseline"), knownvalue.StringExact("standard")),
			statecheck.ExpectKnownValue("srm_workload.api", tfjsonpath.New("data_classification"), knownvalue.StringExact("internal")),
		),
		// The computed values are known at plan.
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectKnownValue("srm_workload.api", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
			plancheck.ExpectKnownValue("srm_workload.api", tfjsonpath.New("required_controls"), knownvalue.ListSizeExact(10)),
		}},
	})
}

func TestWorkload_OmittedGroup(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
resource "srm_workload" "api" {
  name          = "payments-api"
  service_model = "paas"
  baseline      = "minimum"
  identity      = { mfa_required = true, least_privilege = true }
  network       = { segmented = true }
  logging       = { enabled = true }
  backup        = { enabled = true }
}
`,
		ExpectError: regexp.MustCompile(`(?s)Control Not Satisfied: encryption\.at_rest.*the encryption block is\s+omitted.*data_protection.*shared-owned.*Control Not Satisfied: encryption\.in_transit`),
	})
}

func TestWorkload_FalseBool(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
resource "srm_workload" "api" {
  name          = "payments-api"
  service_model = "iaas"
` + compliantControls + `
  storage = { public_access = true }
}
`,
		ExpectError: regexp.MustCompile(`(?s)Control Not Satisfied: storage\.public_access.*storage\.public_access\s+is\s+true.*needs\s+storage\.public_access\s+=\s+false`),
	})
}

func TestWorkload_BoundMissed(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
resource "srm_workload" "api" {
  name          = "payments-api"
  service_model = "iaas"
  baseline      = "strict"
  identity      = { mfa_required = true, least_privilege = true }
  network       = { segmented = true }
  encryption    = { at_rest = true, in_transit = true }
  hardening     = { os_patching = true, max_patch_age_days = 14 }
  application   = { authentication = true, api_authorization = true, input_validation = true, dependency_scanning = true }
  logging       = { enabled = true, retention_days = 90, centralized = true, alerting = true }
  backup        = { enabled = true, retention_days = 30, cross_region = true, restore_tested = true }
}
`,
		ExpectError: regexp.MustCompile(`(?s)Control Not Satisfied: logging\.retention_days.*logging\.retention_days\s+is\s+90;\s+the\s+"strict"\s+baseline\s+needs\s+logging\.retention_days\s+of\s+at\s+least\s+365`),
	})
}

func TestWorkload_SaaSWithoutNetworkOrHardening(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
resource "srm_workload" "crm" {
  name          = "crm"
  service_model = "saas"
  identity      = { mfa_required = true, least_privilege = true }
  encryption    = { at_rest = true, in_transit = true }
  logging       = { enabled = true, retention_days = 90 }
  backup        = { enabled = true, retention_days = 7 }
}
`,
		ConfigStateChecks: expectCompliant("srm_workload.crm"),
	})
}

func TestWorkload_PaaSWithoutHardening(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
resource "srm_workload" "app" {
  name          = "web-app"
  service_model = "paas"
  identity      = { mfa_required = true, least_privilege = true }
  network       = { segmented = true }
  encryption    = { at_rest = true, in_transit = true }
  logging       = { enabled = true, retention_days = 90 }
  backup        = { enabled = true, retention_days = 7 }
}
`,
		ConfigStateChecks: expectCompliant("srm_workload.app"),
	})
}

func TestWorkload_OnPremisesRequiresEveryInTheCloudDomain(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
resource "srm_workload" "dc" {
  name          = "datacenter-app"
  service_model = "on_premises"
  baseline      = "minimum"
}
`,
		ExpectError: regexp.MustCompile(`(?s)identity\.mfa_required.*network\.segmented.*encryption\.at_rest.*hardening\.os_patching.*logging\.enabled.*backup\.enabled`),
	})
}

// The volume's encryption flag is unknown until apply: the plan succeeds with
// the control deferred, and the apply enforces it.
func unknownValueConfig(encrypted string) string {
	return `
resource "terraform_data" "volume" {
  input = ` + encrypted + `
}
resource "srm_workload" "api" {
  name          = "payments-api"
  service_model = "iaas"
  baseline      = "minimum"
  identity      = { mfa_required = true, least_privilege = true }
  network       = { segmented = true }
  encryption    = { at_rest = terraform_data.volume.output, in_transit = true }
  hardening     = { os_patching = true }
  logging       = { enabled = true }
  backup        = { enabled = true }
}
`
}

var deferredAtPlan = resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
	plancheck.ExpectUnknownValue("srm_workload.api", tfjsonpath.New("findings")),
	plancheck.ExpectUnknownValue("srm_workload.api", tfjsonpath.New("compliant")),
	plancheck.ExpectKnownValue("srm_workload.api", tfjsonpath.New("required_controls"), knownvalue.ListSizeExact(8)),
}}

func TestWorkload_UnknownValueDeferredThenEnforced(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config:           unknownValueConfig("false"),
		ConfigPlanChecks: deferredAtPlan,
		ExpectError:      regexp.MustCompile(`(?s)Control Not Satisfied: encryption\.at_rest.*encryption\.at_rest\s+is\s+false`),
	})
}

func TestWorkload_UnknownValueDeferredThenPasses(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config:            unknownValueConfig("true"),
		ConfigPlanChecks:  deferredAtPlan,
		ConfigStateChecks: expectCompliant("srm_workload.api"),
	})
}

const nonCompliantWorkload = `
resource "srm_workload" "api" {
  name          = "payments-api"
  service_model = "iaas"
  baseline      = "minimum"
  identity      = { mfa_required = false, least_privilege = true }
  network       = { segmented = true }
  encryption    = { at_rest = true, in_transit = true }
  hardening     = { os_patching = true }
  logging       = { enabled = true }
  backup        = { enabled = true }
}
`

func TestWorkload_WarnModeRecordsFindings(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
provider "srm" {
  enforcement = "warn"
}
` + nonCompliantWorkload,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("srm_workload.api", tfjsonpath.New("compliant"), knownvalue.Bool(false)),
			statecheck.ExpectKnownValue("srm_workload.api", tfjsonpath.New("findings"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"control":  knownvalue.StringExact("identity.mfa_required"),
					"domain":   knownvalue.StringExact("identity_access"),
					"owner":    knownvalue.StringExact("customer"),
					"severity": knownvalue.StringExact("critical"),
					"status":   knownvalue.StringExact("violated"),
					"message":  knownvalue.StringExact(`identity.mfa_required is false; the "minimum" baseline needs identity.mfa_required = true.`),
				}),
			})),
		},
	})
}

func TestWorkload_DestroyNonCompliantIsNeverBlocked(t *testing.T) {
	t.Parallel()
	unitTest(t,
		resource.TestStep{Config: "provider \"srm\" {\n  enforcement = \"warn\"\n}\n" + nonCompliantWorkload},
		resource.TestStep{Config: "provider \"srm\" {\n  enforcement = \"error\"\n}\n" + nonCompliantWorkload, Destroy: true},
	)
}

func TestWorkload_SecondPlanIsEmpty(t *testing.T) {
	t.Parallel()
	unitTest(t,
		resource.TestStep{Config: compliantWorkload("caas")},
		resource.TestStep{
			Config: compliantWorkload("caas"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(),
			}},
		},
	)
}

func exceptionWorkload(exception string) string {
	return `
resource "srm_workload" "api" {
  name          = "payments-api"
  service_model = "iaas"
  baseline      = "minimum"
  identity      = { mfa_required = true, least_privilege = true }
  network       = { segmented = true }
  encryption    = { at_rest = true, in_transit = true }
  hardening     = { os_patching = true }
  logging       = { enabled = true }
  backup        = { enabled = false }
  exceptions = [` + exception + `]
}
`
}

func TestWorkload_ExceptionWaives(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: exceptionWorkload(`{
    control       = "backup.enabled"
    justification = "Stateless service; rebuilt from source"
    approved_by   = "security-team"
    expires       = "2099-12-31"
  }`),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("srm_workload.api", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
			statecheck.ExpectKnownValue("srm_workload.api", tfjsonpath.New("findings"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"control": knownvalue.StringExact("backup.enabled"),
					"status":  knownvalue.StringExact("waived"),
				}),
			})),
		},
	})
}

// The stored findings keep four characters of an exception's texts, which
// may come from a sensitive variable: Terraform marks computed values by the
// schema alone. The exceptions attribute keeps them whole, with their marks.
func TestWorkload_FindingsClipExceptionTexts(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
variable "why" {
  type      = string
  sensitive = true
  default   = "Stateless service; rebuilt from source"
}
` + exceptionWorkload(`{
    control       = "backup.enabled"
    justification = var.why
    approved_by   = "security-team"
    expires       = "2099-12-31"
  }`),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("srm_workload.api", tfjsonpath.New("findings"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"status": knownvalue.StringExact("waived"),
					"exception": knownvalue.ObjectExact(map[string]knownvalue.Check{
						"justification": knownvalue.StringExact("Stat…"),
						"approved_by":   knownvalue.StringExact("secu…"),
						"expires":       knownvalue.StringExact("2099-12-31"),
					}),
				}),
			})),
		},
	})
}

func TestWorkload_ExpiredException(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: exceptionWorkload(`{
    control       = "backup.enabled"
    justification = "Stateless service"
    approved_by   = "security-team"
    expires       = "2024-01-31"
  }`),
		ExpectError: errorMatching("Control Not Satisfied: backup.enabled", "Exception Expired", `The exception for "backup.enabled" expired 2024-01-31.`),
	})
}

func TestWorkload_ExceptionForUnknownControl(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: exceptionWorkload(`{
    control       = "backup.enabeld"
    justification = "Stateless service"
    approved_by   = "security-team"
    expires       = "2099-01-31"
  }`),
		ExpectError: regexp.MustCompile(`(?s)Unknown Control.*"backup\.enabeld"\s+is\s+not\s+a\s+control\s+id;\s+did\s+you\s+mean\s+"backup\.enabled"`),
	})
}

func TestWorkload_StaleExceptionIsOnlyAWarning(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: exceptionWorkload(`{
    control       = "backup.enabled"
    justification = "Stateless service"
    approved_by   = "security-team"
    expires       = "2099-01-31"
  }, {
    control       = "logging.enabled"
    justification = "Nothing to waive"
    approved_by   = "security-team"
    expires       = "2099-01-31"
  }`),
		ConfigStateChecks: expectWaivedOnly("backup.enabled"),
	})
}

func expectWaivedOnly(control string) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue("srm_workload.api", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
		statecheck.ExpectKnownValue("srm_workload.api", tfjsonpath.New("findings"), knownvalue.ListExact([]knownvalue.Check{
			knownvalue.ObjectPartial(map[string]knownvalue.Check{"control": knownvalue.StringExact(control), "status": knownvalue.StringExact("waived")}),
		})),
	}
}

func TestWorkload_BadInput(t *testing.T) {
	t.Parallel()
	cases := map[string]struct{ config, want string }{
		"service model": {
			`resource "srm_workload" "x" {
  name          = "x"
  service_model = "serverless"
}`, `(?s)service_model.*value must be one of.*"on_premises".*"faas".*"saas"`},
		"classification": {
			`resource "srm_workload" "x" {
  name                = "x"
  service_model       = "iaas"
  data_classification = "secret"
}`, `(?s)data_classification.*value must be one of.*"public".*"internal".*"confidential".*"restricted"`},
		"baseline": {
			`resource "srm_workload" "x" {
  name          = "x"
  service_model = "iaas"
  baseline      = "gold"
}`, `(?s)baseline.*value must be one of.*"minimum".*"standard".*"strict"`},
		"tls version": {
			`resource "srm_workload" "x" {
  name          = "x"
  service_model = "iaas"
  encryption    = { min_tls_version = "1.4" }
}`, `(?s)encryption.min_tls_version must be one of "1\.0", "1\.1", "1\.2",\s+"1\.3", got\s+"1\.4"`},
		"malformed date": {
			`resource "srm_workload" "x" {
  name          = "x"
  service_model = "iaas"
  exceptions = [{
    control       = "backup.enabled"
    justification = "why"
    approved_by   = "who"
    expires       = "31/01/2027"
  }]
}`, `(?s)Invalid Date.*31/01/2027`},
		"blank approver": {
			`resource "srm_workload" "x" {
  name          = "x"
  service_model = "iaas"
  exceptions = [{
    control       = "backup.enabled"
    justification = "why"
    approved_by   = "  "
    expires       = "2027-01-31"
  }]
}`, `(?s)Blank Value.*exceptions\[0\]\.approved_by: the value is blank`},
		"negative retention": {
			`resource "srm_workload" "x" {
  name          = "x"
  service_model = "iaas"
  logging       = { retention_days = -5 }
}`, `(?s)logging.retention_days must be a whole number from 0 to 36500, got -5`},
		"policy not json": {
			`resource "srm_workload" "x" {
  name          = "x"
  service_model = "iaas"
  identity      = { iam_policy_json = "{not json" }
}`, `(?s)identity.iam_policy_json must be a JSON object.*got a string of 9\s+characters`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			unitTest(t, resource.TestStep{Config: tc.config, ExpectError: regexp.MustCompile(tc.want), PlanOnly: true})
		})
	}
}

func TestWorkload_UnknownNameAndServiceModel(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
resource "terraform_data" "meta" {
  input = { name = "batch", model = "faas" }
}
resource "srm_workload" "fn" {
  name          = terraform_data.meta.output.name
  service_model = terraform_data.meta.output.model
  baseline      = "minimum"
  identity      = { mfa_required = true, least_privilege = true }
  network       = { segmented = true }
  encryption    = { at_rest = true, in_transit = true }
  hardening     = { os_patching = true }
  logging       = { enabled = true }
  backup        = { enabled = true }
}
`,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectUnknownValue("srm_workload.fn", tfjsonpath.New("id")),
			plancheck.ExpectUnknownValue("srm_workload.fn", tfjsonpath.New("required_controls")),
			plancheck.ExpectUnknownValue("srm_workload.fn", tfjsonpath.New("compliant")),
		}},
		ConfigStateChecks: append(expectCompliant("srm_workload.fn"),
			statecheck.ExpectKnownValue("srm_workload.fn", tfjsonpath.New("id"), knownvalue.StringRegexp(workloadIDPattern)),
			// Known once the service model is: faas leaves patching to the provider.
			statecheck.ExpectKnownValue("srm_workload.fn", tfjsonpath.New("required_controls"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact("identity.mfa_required"), knownvalue.StringExact("identity.least_privilege"),
				knownvalue.StringExact("network.segmented"), knownvalue.StringExact("encryption.at_rest"),
				knownvalue.StringExact("encryption.in_transit"), knownvalue.StringExact("logging.enabled"),
				knownvalue.StringExact("backup.enabled"),
			})),
		),
	})
}

// A group passed whole through a variable of type any, as the module kit
// does, keeps its keys: a misspelt one is an error naming the nearest valid
// name, never a silent pass.
func TestWorkload_MisspeltKeyThroughVariable(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
variable "network" {
  type = any
  default = {
    segmented    = true
    ingres_rules = [{ cidr_blocks = ["0.0.0.0/0"], from_port = 22, to_port = 22, protocol = "tcp" }]
  }
}
resource "srm_workload" "x" {
  name          = "x"
  service_model = "iaas"
  network       = var.network
}
`,
		ExpectError: errorMatching(`Unknown Attribute`, `network has no attribute "ingres_rules". Did you mean ingress_rules?`),
		PlanOnly:    true,
	})
}

// An unknown baseline is deferred, never replaced by the default: a
// workload that satisfies "minimum" but not "standard" plans and applies
// under a baseline known only at apply.
func TestWorkload_UnknownBaselineDeferred(t *testing.T) {
	t.Parallel()
	config := func(baseline string) string {
		return `
resource "terraform_data" "b" { input = "` + baseline + `" }
resource "srm_workload" "x" {
  name          = "x"
  service_model = "iaas"
  baseline      = terraform_data.b.output
` + setControl(compliantControls, "retention_days", "30") + `
}
`
	}
	unitTest(t,
		resource.TestStep{
			Config: config("minimum"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectUnknownValue("srm_workload.x", tfjsonpath.New("baseline")),
				plancheck.ExpectUnknownValue("srm_workload.x", tfjsonpath.New("compliant")),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("srm_workload.x", tfjsonpath.New("baseline"), knownvalue.StringExact("minimum")),
				statecheck.ExpectKnownValue("srm_workload.x", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
			},
		},
		resource.TestStep{
			Config:      config("standard"),
			ExpectError: errorMatching("Control Not Satisfied: logging.retention_days", `the "standard" baseline needs logging.retention_days of at least 90`),
		},
		resource.TestStep{Config: config("minimum")},
	)
}

// secrets_scan is sensitive: plan output masks it.
func TestWorkload_SecretsScanSensitive(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
resource "srm_workload" "x" {
  name          = "x"
  service_model = "saas"
  baseline      = "minimum"
  identity      = { mfa_required = true, least_privilege = true }
  encryption    = { at_rest = true, in_transit = true }
  storage       = { public_access = false }
  logging       = { enabled = true }
  backup        = { enabled = true }
  secrets_scan  = ["region = eu-west-1"]
}
`,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectSensitiveValue("srm_workload.x", tfjsonpath.New("secrets_scan")),
		}},
	})
}

// A violation of a stored workload says how to destroy it anyway (a create,
// which has nothing to destroy, does not: TestWorkload_DestroyHintOnlyOnUpdate).
func TestWorkload_ViolationSaysHowToDestroy(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: compliantWorkload("iaas"),
	}, resource.TestStep{
		Config: `
resource "srm_workload" "api" {
  name          = "payments-api"
  service_model = "iaas"
}
`,
		ExpectError: errorMatching("Control Not Satisfied: identity.mfa_required", "To destroy this workload anyway, skip that plan: terraform destroy -refresh=false"),
	})
}
