package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/oscal"
	"github.com/shared-responsibility/terraform-provider-srm/internal/oscal/oscaltest"
)

// validOSCAL checks that an attribute holds a valid OSCAL document with the
// given root, and, when want is set, exactly want.
type validOSCAL struct {
	address, attribute, root, want string
}

func (c validOSCAL) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Address != c.address {
			continue
		}
		content, ok := r.AttributeValues[c.attribute].(string)
		if !ok {
			resp.Error = fmt.Errorf("%s.%s is not a string", c.address, c.attribute)
			return
		}
		if err := oscaltest.Check(content, c.root); err != nil {
			resp.Error = fmt.Errorf("%s.%s: %w", c.address, c.attribute, err)
			return
		}
		if c.want != "" && content != c.want {
			resp.Error = fmt.Errorf("%s.%s differs from the oscal package's document", c.address, c.attribute)
		}
		return
	}
	resp.Error = fmt.Errorf("%s not in state", c.address)
}

const oscalTime = "2026-12-07T10:00:00Z"

// The data source writes the oscal package's document for the provider's
// matrix (recorded in `matrix`) or the one it names, and it validates
// against NIST's schema. Outputs read it the way a user would.
func TestOSCALComponentDefinition(t *testing.T) {
	t.Parallel()
	stamp, _ := time.Parse(time.RFC3339, oscalTime)
	want, err := oscal.ComponentDefinitionJSON(model.Default(), oscal.ComponentOptions{Timestamp: stamp})
	if err != nil {
		t.Fatal(err)
	}
	vendor, _ := model.ForMatrix("microsoft_2026")
	wantVendor, err := oscal.ComponentDefinitionJSON(vendor, oscal.ComponentOptions{Timestamp: stamp, ServiceModels: []string{"saas"}})
	if err != nil {
		t.Fatal(err)
	}
	unitTest(t, resource.TestStep{
		Config: `
data "srm_oscal_component_definition" "all" {
  timestamp = "` + oscalTime + `"
}

data "srm_oscal_component_definition" "ms_saas" {
  matrix         = "microsoft_2026"
  service_models = ["saas"]
  timestamp      = "` + oscalTime + `"
}

locals {
  cd = jsondecode(data.srm_oscal_component_definition.all.content)["component-definition"]
  iaas = one([for c in local.cd.components : c if one([for p in c.props : p.value if p.name == "service-model"]) == "iaas"])
  mfa  = one([for r in local.iaas["control-implementations"][0]["implemented-requirements"] : r if r["control-id"] == "identity.mfa_required"])
}

output "components" {
  value = [for c in local.cd.components : c.title]
}

output "mfa_responsibility" {
  value = one([for p in local.mfa.props : p.value if p.name == "responsibility"])
}

output "mfa_roles" {
  value = [for r in local.mfa["responsible-roles"] : r["role-id"]]
}

output "mfa_nist" {
  value = [for p in local.mfa.props : p.value if p.name == "framework-control-id" && try(p.class, "") == "nist_800_53_r5"]
}
`,
		ConfigStateChecks: []statecheck.StateCheck{
			validOSCAL{"data.srm_oscal_component_definition.all", "content", "component-definition", want},
			validOSCAL{"data.srm_oscal_component_definition.ms_saas", "content", "component-definition", wantVendor},
			statecheck.ExpectKnownValue("data.srm_oscal_component_definition.all", tfjsonpath.New("matrix"), knownvalue.StringExact("consensus")),
			statecheck.ExpectKnownValue("data.srm_oscal_component_definition.all", tfjsonpath.New("uuid"),
				knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`))),
			statecheck.ExpectKnownOutputValue("components", knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact("Infrastructure as a service (IaaS)"), knownvalue.StringExact("Containers as a service (CaaS)"),
				knownvalue.StringExact("Platform as a service (PaaS)"), knownvalue.StringExact("Functions as a service (FaaS)"),
				knownvalue.StringExact("Software as a service (SaaS)"),
			})),
			statecheck.ExpectKnownOutputValue("mfa_responsibility", knownvalue.StringExact("customer-configured")),
			statecheck.ExpectKnownOutputValue("mfa_roles", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("customer")})),
			statecheck.ExpectKnownOutputValue("mfa_nist", knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact("IA-2(1)"), knownvalue.StringExact("IA-2(2)"),
			})),
		},
	})
}

func TestOSCALComponentDefinition_BadInput(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct{ config, want string }{
		"timestamp":     {`timestamp = "yesterday"`, `(?s)timestamp.*not an RFC 3339 time; write it as\s+2026-12-07T10:00:00Z`},
		"service model": {`service_models = ["SaaS"]`, `(?s)service_models\[0\].*value must be one of`},
		"empty list":    {`service_models = []`, `(?s)service_models.*at least 1`},
		"matrix":        {`matrix = "amazon"`, `(?s)matrix.*value must be one of`},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			unitTest(t, resource.TestStep{
				Config:      "data \"srm_oscal_component_definition\" \"x\" {\n  " + tc.config + "\n}\n",
				ExpectError: regexp.MustCompile(tc.want),
			})
		})
	}
}

// srm_report's oscal format: one OSCAL finding per finding, the waived one
// with a risk whose deviation was approved, the owner from the matrix, and
// a document that validates against NIST's schema.
func TestReport_OSCAL(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: reportWorkloads(`
  exceptions = [{
    control       = "storage.public_access"
    justification = "Public download mirror"
    approved_by   = "security-board"
    expires       = "2099-12-31"
  }]
`) + `
data "srm_report" "oscal" {
  format    = "oscal"
  timestamp = "` + oscalTime + `"
  workloads = [for w in [srm_workload.good, srm_workload.bad] : {
    name          = w.name
    service_model = w.service_model
    baseline      = w.baseline
    findings = [for f in w.findings : merge(f, {
      exception = f.status == "waived" ? one([for e in w.exceptions : e if e.control == f.control]) : null
    })]
  }]
}

locals {
  result = jsondecode(nonsensitive(data.srm_report.oscal.content))["assessment-results"].results[0]
}

output "findings" {
  value = [for f in local.result.findings :
    "${f.target["target-id"]}:${f.target.status.state}:${f.target.status.reason}:${one([for p in f.props : p.value if p.name == "owner"])}:${length(try(f["related-risks"], []))}"]
}

output "risks" {
  value = [for r in local.result.risks : "${r.status}:${r.statement}:${r.deadline}:${r.remediations[0].props[0].value}"]
}

output "observed" {
  value = [for o in local.result.observations : o.subjects[0].title]
}
`,
		ConfigStateChecks: append(expectCounts(reportAt("oscal"), 2, 1, 1, 0),
			validOSCAL{reportAt("oscal"), "content", "assessment-results", ""},
			statecheck.ExpectKnownValue(reportAt("oscal"), tfjsonpath.New("content"),
				knownvalue.StringRegexp(regexp.MustCompile(`"last-modified": "2026-12-07T10:00:00Z"`))),
			statecheck.ExpectKnownOutputValue("findings", knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact("encryption.at_rest:not-satisfied:fail:shared:0"),
				knownvalue.StringExact("storage.public_access:not-satisfied:fail:shared:1"),
			})),
			statecheck.ExpectKnownOutputValue("risks", knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact("deviation-approved:Public download mirror:2099-12-31T23:59:59Z:security-board"),
			})),
			statecheck.ExpectKnownOutputValue("observed", knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact("legacy-batch"), knownvalue.StringExact("legacy-batch"),
			})),
		),
	})
}

// The report function's oscal format at plan: deferred findings are not
// satisfied with reason "other", each observation names the evidence
// resource and attribute, and the function needs its timestamp.
func TestFunction_ReportOSCAL(t *testing.T) {
	t.Parallel()
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   functionsSupported,
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
resource "terraform_data" "db" { input = { storage_encrypted = true, backup_retention_period = 14 } }
` + evidenceWorkload(`{ "aws_db_instance.orders" = terraform_data.db.output }`, `{ in_transit = true, min_tls_version = "1.2" }`) + `
locals {
  report = provider::srm::report("oscal", [srm_workload.db], "` + oscalTime + `")
  result = jsondecode(nonsensitive(local.report.content))["assessment-results"].results[0]
}
output "deferred" { value = nonsensitive(local.report.deferred) }
output "reasons" { value = distinct([for f in try(local.result.findings, []) : f.target.status.reason]) }
output "resources" {
  value = distinct([for o in try(local.result.observations, []) : one([for p in o.props : p.value if p.name == "resource"])])
}
`,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectKnownOutputValue("deferred", knownvalue.Int64Exact(4)),
				plancheck.ExpectKnownOutputValue("reasons", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("other")})),
				plancheck.ExpectKnownOutputValue("resources", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("aws_db_instance.orders")})),
			}},
			ExpectNonEmptyPlan: true,
		}, {
			// plantimestamp() is a placeholder while Terraform validates
			// and the plan's time at plan and apply.
			Config: `
resource "terraform_data" "ar" {
  input = jsondecode(nonsensitive(provider::srm::report("oscal", [{ name = "w", service_model = "saas" }], plantimestamp()).content))["assessment-results"].results[0].start
}
`,
			// Planned only: two plans within one second share their time,
			// so whether a later plan differs is not the function's to say.
			PlanOnly: true,
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPreRefresh: []plancheck.PlanCheck{
				plancheck.ExpectKnownValue("terraform_data.ar", tfjsonpath.New("input"),
					knownvalue.StringRegexp(regexp.MustCompile(`^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))),
			}},
			ExpectNonEmptyPlan: true, // it plans to create terraform_data.ar
		}},
	})
	for name, tc := range map[string]struct{ call, want string }{
		"oscal without a timestamp": {`"oscal", local.w`, `(?s)the "oscal" format needs\s+the time of the assessment`},
		"json with a timestamp":     {`"json", local.w, "` + oscalTime + `"`, `(?s)only\s+the\s+"oscal"\s+format\s+takes\s+a\s+timestamp`},
		"not a time":                {`"oscal", local.w, "today"`, `(?s)timestamp: the value is not an\s+RFC\s+3339\s+time`},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resource.Test(t, resource.TestCase{
				TerraformVersionChecks:   functionsSupported,
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: `
locals {
  w = [{ name = "w", service_model = "saas" }]
}
output "r" { value = provider::srm::report(` + tc.call + `).total }
`,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}
