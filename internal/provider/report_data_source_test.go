package provider

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
)

// reportWorkloads is a provider in warn mode, a compliant workload and one
// with two violations (encryption.at_rest, storage.public_access), both in
// the data_protection domain, which IaaS shares. extra goes inside the
// non-compliant workload.
func reportWorkloads(extra string) string {
	violating := setControl(compliantControls, "at_rest", "false")
	return `
provider "srm" {
  enforcement = "warn"
}

resource "srm_workload" "good" {
  name          = "payments-api"
  service_model = "iaas"
` + compliantControls + `
}

resource "srm_workload" "bad" {
  name          = "legacy-batch"
  service_model = "iaas"
` + violating + `
  storage = { public_access = true }
` + extra + `
}

locals {
  workloads = [for w in [srm_workload.good, srm_workload.bad] : {
    name          = w.name
    service_model = w.service_model
    baseline      = w.baseline
    findings      = w.findings
  }]
}
`
}

func reportAt(name string) string { return "data.srm_report." + name }

// reportInEveryFormat reports workloads (an expression) in data sources
// named md, json and sarif, one per format.
func reportInEveryFormat(workloads string) string {
	return fmt.Sprintf(`
data "srm_report" "md" {
  workloads = %[1]s
}

data "srm_report" "json" {
  workloads = %[1]s
  format    = "json"
}

data "srm_report" "sarif" {
  workloads = %[1]s
  format    = "sarif"
}
`, workloads)
}

func expectCounts(address string, total, violated, waived, deferred int64) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(address, tfjsonpath.New("total"), knownvalue.Int64Exact(total)),
		statecheck.ExpectKnownValue(address, tfjsonpath.New("violated"), knownvalue.Int64Exact(violated)),
		statecheck.ExpectKnownValue(address, tfjsonpath.New("waived"), knownvalue.Int64Exact(waived)),
		statecheck.ExpectKnownValue(address, tfjsonpath.New("deferred"), knownvalue.Int64Exact(deferred)),
	}
}

func contentMatches(address string, patterns ...string) []statecheck.StateCheck {
	var out []statecheck.StateCheck
	for _, p := range patterns {
		out = append(out, statecheck.ExpectKnownValue(address, tfjsonpath.New("content"), knownvalue.StringRegexp(regexp.MustCompile(p))))
	}
	return out
}

func TestReport_Markdown(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: reportWorkloads("") + `
data "srm_report" "md" {
  workloads = local.workloads
}
`,
		ConfigStateChecks: append(expectCounts(reportAt("md"), 2, 2, 0, 0), contentMatches(reportAt("md"),
			`^# Shared responsibility findings\n\n2 workloads, 2 violated, 0 waived, 0 deferred\.\n`,
			`\n\| data_protection \| shared \| 2 \| 0 \| 0 \|\n`,
			`\n## payments-api \(iaas, baseline: standard\)\n\nNo findings\.\n`,
			`(?s)## legacy-batch \(iaas, baseline: standard\)\n.*\| high \| `+"`encryption\\.at_rest`"+` \| violated \| encryption\.at_rest is false`,
			`\| critical \| `+"`storage\\.public_access`"+` \| violated \|`,
			`NIST SP 800-53 Rev\. 5 SC-28`,
		)...),
	})
}

func TestReport_JSON(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: reportWorkloads("") + `
data "srm_report" "json" {
  workloads = local.workloads
  format    = "json"
  title     = "PR 42 | audit"
}

output "by_domain_owner" {
  value = jsondecode(nonsensitive(data.srm_report.json.content)).summary.by_domain_owner
}

output "bad_controls" {
  value = [for f in jsondecode(nonsensitive(data.srm_report.json.content)).workloads[1].findings : f.control]
}
`,
		ConfigStateChecks: append(append(expectCounts(reportAt("json"), 2, 2, 0, 0), contentMatches(reportAt("json"),
			`^\{\n  "title": "PR 42 \| audit",\n  "summary": \{\n    "workloads": 2,\n    "total": 2,\n    "violated": 2,`,
			`"name": "payments-api",\n      "service_model": "iaas",\n      "baseline": "standard",\n      "findings": \[\]`,
		)...),
			statecheck.ExpectKnownOutputValue("by_domain_owner", knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectExact(map[string]knownvalue.Check{
					"domain": knownvalue.StringExact("data_protection"), "owner": knownvalue.StringExact("shared"),
					"violated": knownvalue.Int64Exact(2), "waived": knownvalue.Int64Exact(0), "deferred": knownvalue.Int64Exact(0),
				}),
			})),
			statecheck.ExpectKnownOutputValue("bad_controls", knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact("encryption.at_rest"), knownvalue.StringExact("storage.public_access"),
			})),
		),
	})
}

func TestReport_SARIF(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: reportWorkloads("") + `
data "srm_report" "sarif" {
  workloads    = local.workloads
  format       = "sarif"
  artifact_uri = "main.tf"
}

# The same workloads, the violating one with the file and line of its block.
data "srm_report" "located" {
  workloads    = [local.workloads[0], merge(local.workloads[1], { file = "infra/batch.tf", line = 12 })]
  format       = "sarif"
  artifact_uri = "main.tf"
}

locals {
  run = jsondecode(nonsensitive(data.srm_report.sarif.content)).runs[0]
}

output "located" {
  value = [for r in jsondecode(nonsensitive(data.srm_report.located.content)).runs[0].results :
    "${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}"]
}

output "version" {
  value = local.run.tool.driver.version
}

output "rules" {
  value = [for r in local.run.tool.driver.rules : "${r.id}:${r.defaultConfiguration.level}:${join(",", r.properties.tags)}"]
}

output "results" {
  value = [for r in local.run.results : "${r.ruleId}:${r.ruleIndex}:${r.level}:${r.locations[0].logicalLocations[0].name}:${r.locations[0].physicalLocation.artifactLocation.uri}:${try(r.locations[0].physicalLocation.region.startLine, "no region")}"]
}
`,
		ConfigStateChecks: append(append(expectCounts(reportAt("sarif"), 2, 2, 0, 0), contentMatches(reportAt("sarif"),
			`"\$schema": "https://json\.schemastore\.org/sarif-2\.1\.0\.json"`,
			`"version": "2\.1\.0"`,
			`"name": "terraform-provider-srm",\n\s+"version": "test",\n\s+"informationUri": "https://github\.com/shared-responsibility/terraform-provider-srm"`,
		)...),
			statecheck.ExpectKnownOutputValue("rules", knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact("encryption.at_rest:error:security,data_protection"),
				knownvalue.StringExact("storage.public_access:error:security,data_protection"),
			})),
			statecheck.ExpectKnownOutputValue("results", knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact("encryption.at_rest:0:error:legacy-batch:main.tf:no region"),
				knownvalue.StringExact("storage.public_access:1:error:legacy-batch:main.tf:no region"),
			})),
			statecheck.ExpectKnownOutputValue("located", knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact("infra/batch.tf:12"), knownvalue.StringExact("infra/batch.tf:12"),
			})),
			// The provider's version, as the test server is built ("test").
			statecheck.ExpectKnownOutputValue("version", knownvalue.StringExact("test")),
		),
	})
}

// An approved exception turns a violation into a waived finding. Given the
// exception (here joined from the workload's exceptions by the
// configuration), every format carries its justification, approver and
// expiry: Markdown in the finding's Exception cell, JSON as its exception
// object, SARIF as the result's accepted external suppression.
func TestReport_WaiverInEveryFormat(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: reportWorkloads(`
  exceptions = [{
    control       = "storage.public_access"
    justification = "Public download mirror | approved by the security board"
    approved_by   = "security-board"
    expires       = "2099-12-31"
  }]
`) + `
locals {
  waived = [for w in [srm_workload.good, srm_workload.bad] : {
    name          = w.name
    service_model = w.service_model
    findings = [for f in w.findings : merge(f, {
      exception = f.status == "waived" ? one([for e in w.exceptions : e if e.control == f.control]) : null
    })]
  }]
}

` + reportInEveryFormat("local.waived") + `
output "json_exceptions" {
  value = [for f in jsondecode(nonsensitive(data.srm_report.json.content)).workloads[1].findings : f.exception if f.exception != null]
}

output "json_null_exceptions" {
  value = [for f in jsondecode(nonsensitive(data.srm_report.json.content)).workloads[1].findings : f.exception == null]
}

output "sarif_results" {
  value = [for r in jsondecode(nonsensitive(data.srm_report.sarif.content)).runs[0].results :
    "${r.ruleId}:${r.kind}:${r.level}:${join(",", [for s in try(r.suppressions, []) : "${s.kind}/${s.status}/${s.justification}/${s.properties.approved_by}/${s.properties.expires}"])}"]
}

output "physical" {
  value = strcontains(nonsensitive(data.srm_report.sarif.content), "physicalLocation")
}
`,
		ConfigStateChecks: append(append(append(expectCounts(reportAt("sarif"), 2, 1, 1, 0), expectCounts(reportAt("md"), 2, 1, 1, 0)...),
			contentMatches(reportAt("md"),
				`\| critical \| `+"`storage\\.public_access`"+` \| waived \| [^\n]* \| Public download mirror \\\| approved by the security board<br>Approved by: security-board<br>Expires: 2099-12-31 \|\n`,
				`\| high \| `+"`encryption\\.at_rest`"+` \| violated \| [^\n]* \|  \|\n`,
			)...),
			statecheck.ExpectKnownOutputValue("json_null_exceptions", knownvalue.ListExact([]knownvalue.Check{
				knownvalue.Bool(true), knownvalue.Bool(false),
			})),
			statecheck.ExpectKnownOutputValue("json_exceptions", knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectExact(map[string]knownvalue.Check{
					"justification": knownvalue.StringExact("Public download mirror | approved by the security board"),
					"approved_by":   knownvalue.StringExact("security-board"),
					"expires":       knownvalue.StringExact("2099-12-31"),
				}),
			})),
			statecheck.ExpectKnownOutputValue("sarif_results", knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact("encryption.at_rest:fail:error:"),
				knownvalue.StringExact("storage.public_access:fail:error:external/accepted/Public download mirror | approved by the security board/security-board/2099-12-31"),
			})),
			// Without artifact_uri there is no physical location.
			statecheck.ExpectKnownOutputValue("physical", knownvalue.Bool(false)),
		),
	})
}

// A firewall finding's references come from the catalog and from the
// detector, which cite some of the same references: srm_workload lists
// each once, in one spelling; and a report given a finding that repeats
// them (here doubled by hand) lists each once in every format.
func TestReport_ReferencesOnce(t *testing.T) {
	t.Parallel()
	ssh := `
  network = {
    segmented     = true
    ingress_rules = [{ cidr_blocks = ["0.0.0.0/0"], from_port = 22, to_port = 22, protocol = "tcp" }]
  }
`
	unitTest(t, resource.TestStep{
		Config: `
provider "srm" {
  enforcement = "warn"
}

resource "srm_workload" "ssh" {
  name          = "bastion"
  service_model = "iaas"
` + strings.Replace(compliantControls, "  network = {\n    segmented = true\n  }\n", ssh, 1) + `
}

locals {
  workloads = [{ name = srm_workload.ssh.name, service_model = srm_workload.ssh.service_model,
    findings = [for f in srm_workload.ssh.findings : merge(f, { references = concat(f.references, f.references) })] }]
}

` + reportInEveryFormat("local.workloads") + `
output "workload_repeats" {
  value = anytrue([for f in srm_workload.ssh.findings : length(f.references) != length(distinct(f.references))])
}

output "workload_spellings" {
  value = distinct(flatten([for f in srm_workload.ssh.findings : [for r in f.references : regex("^NIST SP 800-53 [^ ]+ [^ ]+", r) if startswith(r, "NIST")]]))
}

output "json_once" {
  value = [for f in jsondecode(nonsensitive(data.srm_report.json.content)).workloads[0].findings : length(f.references) == length(distinct(f.references))]
}

output "sarif_once" {
  value = [for r in jsondecode(nonsensitive(data.srm_report.sarif.content)).runs[0].results : length(r.properties.references) == length(distinct(r.properties.references))]
}

output "markdown_cis_4_4" {
  value = length(regexall("CIS Controls v8 4\\.4", one([for l in split("\n", nonsensitive(data.srm_report.md.content)) : l if strcontains(l, "network.ingress_rules")])))
}
`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("workload_repeats", knownvalue.Bool(false)),
			statecheck.ExpectKnownOutputValue("workload_spellings", knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact("NIST SP 800-53 Rev. 5"),
			})),
			statecheck.ExpectKnownOutputValue("json_once", knownvalue.ListExact([]knownvalue.Check{knownvalue.Bool(true)})),
			statecheck.ExpectKnownOutputValue("sarif_once", knownvalue.ListExact([]knownvalue.Check{knownvalue.Bool(true)})),
			statecheck.ExpectKnownOutputValue("markdown_cis_4_4", knownvalue.Int64Exact(1)),
		},
	})
}

// Hand-written findings may leave out domain, owner, severity and
// references: the catalog and the matrix fill them. A pipe in a message is
// escaped in the Markdown table.
func TestReport_HandWrittenFindings(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
data "srm_report" "md" {
  title = "Manual review"
  workloads = [{
    name          = "crm"
    service_model = "saas"
    findings = [{
      control = "identity.mfa_required"
      status  = "violated"
      message = "MFA is optional | for contractors"
      }, {
      control    = "backup.enabled"
      status     = "deferred"
      references = ["Internal policy BCK-1"]
    }]
  }]
}
`,
		ConfigStateChecks: append(expectCounts(reportAt("md"), 2, 1, 0, 1), contentMatches(reportAt("md"),
			`^# Manual review\n\n1 workload, 1 violated, 0 waived, 1 deferred\.\n`,
			`\n\| identity_access \| customer \| 1 \| 0 \| 0 \|\n\| backup_recovery \| shared \| 0 \| 0 \| 1 \|\n`,
			`\n\| high \| `+"`backup\\.enabled`"+` \| deferred \|  \|  \| Internal policy BCK-1 \|  \|\n`,
			`\n\| critical \| `+"`identity\\.mfa_required`"+` \| violated \| MFA is optional \\\| for contractors \|  \|  \|  \|\n`,
		)...),
	})
}

func TestReport_NoWorkloads(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
data "srm_report" "empty" {
  workloads = []
  format    = "sarif"
}
`,
		ConfigStateChecks: append(expectCounts(reportAt("empty"), 0, 0, 0, 0),
			contentMatches(reportAt("empty"), `"results": \[\]`, `"rules": \[\]`)...),
	})
}

// While a workload's findings are unknown at plan, the report is read at
// apply; it is known afterwards.
func TestReport_UnknownAtPlan(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
provider "srm" {
  enforcement = "warn"
}

resource "terraform_data" "flag" {
  input = false
}

resource "srm_workload" "late" {
  name          = "late"
  service_model = "iaas"
` + setControl(compliantControls, "at_rest", "terraform_data.flag.output") + `
}

data "srm_report" "r" {
  workloads = [{ name = srm_workload.late.name, service_model = srm_workload.late.service_model, findings = srm_workload.late.findings }]
}
`,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectUnknownValue(reportAt("r"), tfjsonpath.New("content")),
		}},
		ConfigStateChecks: append(expectCounts(reportAt("r"), 1, 1, 0, 0),
			contentMatches(reportAt("r"), "`encryption\\.at_rest` \\| violated")...),
	})
}

func TestReport_BadFormat(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
data "srm_report" "r" {
  workloads = []
  format    = "html"
}
`,
		ExpectError: errorMatching(`format`, `value must be one of`, `"markdown"`, `"json"`, `"sarif"`, `got "html"`),
	})
}

// A finding the report cannot place is an error naming its attribute.
func TestReport_BadFindings(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		finding string
		want    []string
	}{
		"status": {`{ control = "identity.mfa_required", status = "failed" }`,
			[]string{`workloads[0].findings[0].status`, `value must be one of`, `"violated"`, `"waived"`, `"deferred"`}},
		"exception on a violated finding": {
			`{ control = "identity.mfa_required", status = "violated", exception = { justification = "Legacy SSO", approved_by = "ciso", expires = "2099-01-31" } }`,
			[]string{`Invalid Finding`, `workloads[0].findings[0].exception`,
				`is set on a "violated" finding; only "waived" findings carry an exception, so set status = "waived" or remove the exception`}},
		"unknown control without a domain": {`{ control = "vendor.review", status = "violated", severity = "low" }`,
			[]string{`Invalid Finding`, `workloads[0].findings[0].domain`, `is empty and control "vendor.review" is not in the catalog; set the domain`}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			unitTest(t, resource.TestStep{
				Config: `
data "srm_report" "r" {
  workloads = [{ name = "crm", service_model = "saas", findings = [` + tc.finding + `] }]
}
`,
				ExpectError: errorMatching(tc.want...),
			})
		})
	}
}

func TestReport_BadArtifactURI(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
data "srm_report" "r" {
  workloads    = []
  format       = "sarif"
  artifact_uri = "infra\\main file.tf"
}
`,
		ExpectError: errorMatching(`Invalid Artifact URI`, `contains a space or a backslash`, `"infra/main.tf"`),
	})
}

// The nested finding attributes mirror srm_workload's finding object, so
// `findings = srm_workload.x.findings` always type-checks: each of its
// attributes is here with the same type, and those it lacks are optional.
func TestReport_FindingAttributesMirrorWorkloadFindings(t *testing.T) {
	t.Parallel()
	var resp datasource.SchemaResponse
	NewReportDataSource().Schema(context.Background(), datasource.SchemaRequest{}, &resp)
	workloads, ok := resp.Schema.Attributes["workloads"].(schema.ListNestedAttribute)
	if !ok {
		t.Fatalf("workloads is a %T, want a list of nested objects", resp.Schema.Attributes["workloads"])
	}
	findings, ok := workloads.NestedObject.Attributes["findings"].(schema.ListNestedAttribute)
	if !ok {
		t.Fatalf("findings is a %T, want a list of nested objects", workloads.NestedObject.Attributes["findings"])
	}
	objType, ok := findings.NestedObject.Type().(types.ObjectType)
	if !ok {
		t.Fatalf("a finding is a %T, want an object", findings.NestedObject.Type())
	}
	got := objType.AttrTypes
	want := findingObjectType(finding.ShapeWorkload).AttrTypes
	for name, typ := range want {
		if g, ok := got[name]; !ok || !g.Equal(typ) {
			t.Errorf("%s is %v, want %s", name, g, typ)
		}
	}
	for name, a := range findings.NestedObject.Attributes {
		if _, inWorkload := want[name]; !inWorkload && !a.IsOptional() {
			t.Errorf("%s is not in srm_workload's findings, so it must be optional", name)
		}
	}
	// The waiver's fields, under the names srm_workload's exceptions use.
	exception, ok := got["exception"].(types.ObjectType)
	if !ok || strings.Join(sortedKeys(exception.AttrTypes), ",") != "approved_by,expires,justification" {
		t.Errorf("exception is %v, want an object of justification, approved_by and expires", got["exception"])
	}
	for name, a := range resp.Schema.Attributes {
		if strings.TrimSpace(a.GetMarkdownDescription()) == "" {
			t.Errorf("attribute %s has no description", name)
		}
	}
	for name, a := range findings.NestedObject.Attributes {
		if strings.TrimSpace(a.GetMarkdownDescription()) == "" {
			t.Errorf("finding attribute %s has no description", name)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// artifact_uri with a format other than sarif, and timestamp with a format
// other than oscal, are warnings, not errors.
func TestReport_ArtifactURIWithoutSARIFWarns(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ds := &reportDataSource{}
	var sch datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &sch)
	objType, ok := sch.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatalf("schema type is %T", sch.Schema.Type().TerraformType(ctx))
	}
	str := func(v any) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
	config := func(format, artifactURI, timestamp tftypes.Value) tfsdk.Config {
		vals := map[string]tftypes.Value{}
		for name, typ := range objType.AttributeTypes {
			vals[name] = tftypes.NewValue(typ, nil)
		}
		vals["workloads"] = tftypes.NewValue(objType.AttributeTypes["workloads"], []tftypes.Value{})
		vals["artifact_uri"] = artifactURI
		vals["timestamp"] = timestamp
		vals["format"] = format
		return tfsdk.Config{Schema: sch.Schema, Raw: tftypes.NewValue(objType, vals)}
	}
	for _, tc := range []struct {
		format, artifactURI, timestamp tftypes.Value
		want                           string
	}{
		{str("json"), str("main.tf"), str(nil), `artifact_uri only places SARIF results; format is "json", so it has no effect`},
		{str(nil), str("main.tf"), str(nil), `format is "markdown", so it has no effect`},
		{str("oscal"), str("main.tf"), str(nil), `format is "oscal", so it has no effect`},
		{str("sarif"), str("main.tf"), str(nil), ""},
		{str(tftypes.UnknownValue), str("main.tf"), str("2026-12-07T10:00:00Z"), ""},
		{str("sarif"), str(nil), str("2026-12-07T10:00:00Z"), `timestamp only dates OSCAL documents; format is "sarif", so it has no effect`},
		{str(nil), str(nil), str("2026-12-07T10:00:00Z"), `format is "markdown", so it has no effect. Set format = "oscal"`},
		{str("oscal"), str(nil), str("2026-12-07T10:00:00Z"), ""},
	} {
		var resp datasource.ValidateConfigResponse
		ds.ValidateConfig(ctx, datasource.ValidateConfigRequest{Config: config(tc.format, tc.artifactURI, tc.timestamp)}, &resp)
		if resp.Diagnostics.HasError() {
			t.Fatalf("%v: unexpected errors %v", tc.format, resp.Diagnostics)
		}
		switch {
		case tc.want == "" && resp.Diagnostics.WarningsCount() != 0:
			t.Errorf("%v: unexpected warnings %v", tc.format, resp.Diagnostics)
		case tc.want != "" && (resp.Diagnostics.WarningsCount() != 1 || !strings.Contains(resp.Diagnostics[0].Detail(), tc.want)):
			t.Errorf("%v: warnings %v, want one saying %q", tc.format, resp.Diagnostics, tc.want)
		}
	}
}
