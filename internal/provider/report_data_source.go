package provider

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/oscal"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
	"github.com/shared-responsibility/terraform-provider-srm/internal/report"
)

var (
	_ datasource.DataSource                   = (*reportDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*reportDataSource)(nil)
)

// reportDataSource reads the provider's data for its version only, which
// SARIF's tool entry carries.
type reportDataSource struct {
	configuredDataSource
}

// NewReportDataSource returns the srm_report data source.
func NewReportDataSource() datasource.DataSource {
	return &reportDataSource{configuredDataSource{data: defaultProviderData()}}
}

type reportModel struct {
	Workloads   types.List   `tfsdk:"workloads"`
	Format      types.String `tfsdk:"format"`
	Title       types.String `tfsdk:"title"`
	ArtifactURI types.String `tfsdk:"artifact_uri"`
	Timestamp   types.String `tfsdk:"timestamp"`
	Content     types.String `tfsdk:"content"`
	Total       types.Int64  `tfsdk:"total"`
	Violated    types.Int64  `tfsdk:"violated"`
	Waived      types.Int64  `tfsdk:"waived"`
	Deferred    types.Int64  `tfsdk:"deferred"`
}

type reportWorkloadModel struct {
	Name         types.String `tfsdk:"name"`
	ServiceModel types.String `tfsdk:"service_model"`
	Baseline     types.String `tfsdk:"baseline"`
	Findings     types.List   `tfsdk:"findings"`
	File         types.String `tfsdk:"file"`
	Line         types.Int64  `tfsdk:"line"`
}

func (d *reportDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_report"
}

func (d *reportDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	m := model.Default()
	resp.Schema = schema.Schema{
		MarkdownDescription: "Renders the findings of `srm_workload` resources as one report for a pull request, an " +
			"auditor or a code-scanning tool. Pass each workload's `name`, `service_model`, `baseline` and `findings`:\n\n" +
			"```hcl\nworkloads = [for w in [srm_workload.a, srm_workload.b] : {\n" +
			"  name = w.name, service_model = w.service_model, baseline = w.baseline, findings = w.findings\n}]\n```\n\n" +
			"Findings exist only where a plan can succeed with violations, so use it with the provider's " +
			"`enforcement = \"warn\"`, or to report waived findings. Workloads and findings keep their input order, so " +
			"the same input always renders the same bytes. While an input is unknown (a workload not yet planned), the " +
			"report is read during apply.\n\n" +
			"The `sarif` format is a SARIF 2.1.0 log: one rule per control that has a finding (its catalog title, " +
			"description, remediation, domain tag and default level) and one result per finding, whose logical location " +
			"names the workload. A violated finding is a result of kind `fail` at its severity's level; a waived one is " +
			"the same with an accepted `external` suppression carrying the exception; a deferred one is of kind `open` " +
			"(evaluated, but not enough information to decide) at level `none`, as SARIF 2.1.0 §3.27.9 and §3.27.10 " +
			"define them. Each result's properties repeat the finding's status, remediation and references. SARIF " +
			"locations are optional, but GitHub code scanning rejects results without a physical location: give a " +
			"workload its `file` and `line` to point its results at its block, or set `artifact_uri` (for example " +
			"`main.tf`) to name a file for the others, with no line (a wrong line would be worse). The tool entry " +
			"carries the provider's version.\n\n" +
			"The `oscal` format is OSCAL " + oscal.Version + " assessment results: each finding an OSCAL finding whose " +
			"target, the control, is `not-satisfied`, with the owner and responsibility from the matrix and the " +
			"framework ids the catalog cites, and an observation that names the workload and, for evidence, the resource " +
			"address and attribute (never a value). A deferred finding is not satisfied with reason `other` until apply; a " +
			"waived one points at a risk whose status is `deviation-approved`, with the justification, the approver and the " +
			"expiry as its deadline. The guide \"OSCAL exports\" shows a document.",
		Attributes: map[string]schema.Attribute{
			"workloads": schema.ListNestedAttribute{
				Required: true,
				MarkdownDescription: "The workloads to report, in the order they appear in the report. Each object has the " +
					"workload's `name`, `service_model`, optionally `baseline`, and `findings` (an `srm_workload`'s `findings` " +
					"list as it is, or hand-written objects of the same shape).",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name": schema.StringAttribute{Required: true,
						MarkdownDescription: "The workload's name (an `srm_workload`'s `name`). Any non-empty text.",
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
					"service_model": schema.StringAttribute{Required: true,
						MarkdownDescription: "How the workload runs: " + backticked(m.ServiceModelIDs()) + ". Decides the owner of findings that set none.",
						Validators:          []validator.String{oneOfValidator(m.ServiceModelIDs())}},
					"baseline": schema.StringAttribute{Optional: true,
						MarkdownDescription: "The baseline the findings were judged by (an `srm_workload`'s `baseline`). Shown with the " +
							"workload's name; null leaves it out."},
					"file": schema.StringAttribute{Optional: true,
						MarkdownDescription: "For `sarif`: the file that declares the workload, relative to the repository root " +
							"(e.g. `infra/prod/main.tf`); its results point there instead of at `artifact_uri`.",
						Validators: []validator.String{artifactURIValidator()}},
					"line": schema.Int64Attribute{Optional: true,
						MarkdownDescription: "For `sarif`, with `file`: the line of the workload's block, which becomes the " +
							"results' region. Without it a result names the file and no line.",
						Validators: []validator.Int64{int64validator.AtLeast(1)}},
					"findings": schema.ListNestedAttribute{Required: true,
						MarkdownDescription: "The workload's findings, in the order to report them; `[]` for a compliant workload.",
						NestedObject:        schema.NestedAttributeObject{Attributes: findingInputAttributes(m)},
					},
				}},
			},
			"format": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Output format of `content`: `markdown` (default; a summary table by domain and owner, " +
					"then a table of findings per workload), `json` (a stable document: `title`, `summary` with `workloads`, " +
					"`total`, `violated`, `waived`, `deferred` and `by_domain_owner` rows, and `workloads` with their `name`, " +
					"`service_model`, `baseline` and `findings`, each finding with an `exception` object or null; indented by " +
					"two spaces), `sarif` (SARIF 2.1.0) or `oscal` (OSCAL " + oscal.Version + " assessment results, JSON).",
				Validators: []validator.String{oneOfValidator(report.Formats)},
			},
			"title": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "The report's title, on one line (line breaks become spaces). Defaults to `" + report.DefaultTitle + "`. Not used by `sarif`.",
			},
			"artifact_uri": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "For `sarif` only: the file the results of workloads without a `file` point at, with " +
					"no line, as a URI reference relative to the repository root (e.g. `main.tf` or `infra/prod/main.tf`). " +
					"GitHub code scanning needs a file; unset, such results carry only the workload's logical location.",
				Validators: []validator.String{artifactURIValidator()},
			},
			"timestamp": timestampAttribute("the `oscal` format's result, observations and `last-modified`; the other formats do not use it"),
			"content": schema.StringAttribute{Computed: true, Sensitive: true,
				MarkdownDescription: "The rendered report in `format`. Write it with `local_file`, or print it with an output " +
					"through `nonsensitive(...)`. Sensitive: it quotes the workload names, messages and resource addresses it " +
					"is given, and Terraform does not mark a data source's result by the sensitivity of its arguments, so the " +
					"provider marks it always. `nonsensitive()` on it is safe when no argument (a workload's `name`, an " +
					"exception's texts) comes from a sensitive value."},
			"total": schema.Int64Attribute{Computed: true,
				MarkdownDescription: "Number of findings, all statuses, in all workloads."},
			"violated": schema.Int64Attribute{Computed: true,
				MarkdownDescription: "Number of `violated` findings: controls not satisfied."},
			"waived": schema.Int64Attribute{Computed: true,
				MarkdownDescription: "Number of `waived` findings: violations covered by an approved exception."},
			"deferred": schema.Int64Attribute{Computed: true,
				MarkdownDescription: "Number of `deferred` findings: controls whose value is not known until apply."},
		},
	}
}

func artifactURIValidator() validator.String {
	return stringCheck{
		desc:    "value must be a URI reference such as main.tf",
		summary: "Invalid Artifact URI",
		check: func(s string) error {
			if strings.TrimSpace(s) == "" {
				return errors.New("the value is blank; set a file path relative to the repository root, e.g. \"main.tf\"")
			}
			if strings.ContainsAny(s, " \t\r\n\\") {
				return fmt.Errorf("the value (%s) contains a space or a backslash; write the path with forward slashes and percent-encode spaces (%%20), e.g. \"infra/main.tf\"", finding.Redact(s))
			}
			if _, err := url.Parse(s); err != nil {
				return fmt.Errorf("the value (%s) is not a URI reference; set a path such as \"main.tf\"", finding.Redact(s))
			}
			return nil
		},
	}
}

func (d *reportDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var cfg reportModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if cfg.Format.IsUnknown() {
		return
	}
	if !cfg.Timestamp.IsNull() && cfg.Format.ValueString() != report.FormatOSCAL {
		resp.Diagnostics.AddAttributeWarning(path.Root("timestamp"), "Timestamp Unused",
			fmt.Sprintf("timestamp only dates OSCAL documents; format is %q, so it has no effect. Set format = %q or remove timestamp.",
				formatOrDefault(cfg.Format.ValueString()), report.FormatOSCAL))
	}
	if cfg.ArtifactURI.IsNull() {
		return
	}
	if f := cfg.Format.ValueString(); f != report.FormatSARIF {
		resp.Diagnostics.AddAttributeWarning(path.Root("artifact_uri"), "Artifact URI Unused",
			fmt.Sprintf("artifact_uri only places SARIF results; format is %q, so it has no effect. Set format = \"sarif\" or remove artifact_uri.", formatOrDefault(f)))
	}
}

// formatOrDefault names the format a null `format` means.
func formatOrDefault(f string) string {
	if f == "" {
		return report.FormatMarkdown
	}
	return f
}

func (d *reportDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg reportModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r, known := reportFromConfig(ctx, cfg, &resp.Diagnostics, d.data.version)
	if resp.Diagnostics.HasError() {
		return
	}
	if known {
		stamp, ok := readTimestamp(cfg.Timestamp, &resp.Diagnostics)
		if !ok {
			return
		}
		r.Timestamp = stamp
	}
	if !known {
		// Terraform reads a data source only once its configuration is
		// known; should a value still be unknown, report unknown results.
		cfg.Content = types.StringUnknown()
		cfg.Total, cfg.Violated, cfg.Waived, cfg.Deferred = types.Int64Unknown(), types.Int64Unknown(), types.Int64Unknown(), types.Int64Unknown()
		resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
		return
	}
	out, err := report.Generate(model.Default(), r, cfg.Format.ValueString())
	if err != nil {
		var fe *report.FieldError
		if errors.As(err, &fe) {
			p := path.Root("workloads").AtListIndex(fe.Workload).AtName("findings").AtListIndex(fe.Finding).AtName(fe.Field)
			resp.Diagnostics.AddAttributeError(p, "Invalid Finding", p.String()+": "+fe.Problem)
		} else {
			resp.Diagnostics.AddAttributeError(path.Root("format"), "Report Not Rendered", err.Error())
		}
		return
	}
	s := out.Summary
	cfg.Content = types.StringValue(out.Content)
	cfg.Total = types.Int64Value(int64(s.Total))
	cfg.Violated = types.Int64Value(int64(s.Violated))
	cfg.Waived = types.Int64Value(int64(s.Waived))
	cfg.Deferred = types.Int64Value(int64(s.Deferred))
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}

// reportFromConfig converts the configuration; known is false when a value
// the report depends on is unknown.
func reportFromConfig(ctx context.Context, cfg reportModel, diags *diag.Diagnostics, toolVersion string) (*report.Report, bool) {
	if cfg.Workloads.IsUnknown() || cfg.Title.IsUnknown() || cfg.ArtifactURI.IsUnknown() || cfg.Format.IsUnknown() || cfg.Timestamp.IsUnknown() {
		return nil, false
	}
	r := &report.Report{Title: cfg.Title.ValueString(), ArtifactURI: cfg.ArtifactURI.ValueString(), ToolVersion: toolVersion}
	var workloads []reportWorkloadModel
	diags.Append(cfg.Workloads.ElementsAs(ctx, &workloads, false)...)
	for _, w := range workloads {
		if w.Name.IsUnknown() || w.ServiceModel.IsUnknown() || w.Baseline.IsUnknown() || w.Findings.IsUnknown() || w.File.IsUnknown() || w.Line.IsUnknown() {
			return nil, false
		}
		findings, known := findingsFromConfig(ctx, w.Findings, diags)
		if !known {
			return nil, false
		}
		out := report.Workload{Name: w.Name.ValueString(), ServiceModel: w.ServiceModel.ValueString(), Baseline: w.Baseline.ValueString(),
			Findings: findings, File: w.File.ValueString(), Line: int(w.Line.ValueInt64())}
		r.Workloads = append(r.Workloads, out)
	}
	return r, !diags.HasError()
}

// findingsFromConfig reads a workload's findings through the finding table;
// known is false when a part of them is unknown.
func findingsFromConfig(ctx context.Context, list types.List, diags *diag.Diagnostics) ([]finding.Finding, bool) {
	raw, err := list.ToTerraformValue(ctx)
	if err != nil {
		diags.AddError("Invalid Findings", err.Error())
		return nil, false
	}
	g := toGo(raw)
	if policy.ContainsUnknown(g) {
		return nil, false
	}
	elems, _ := g.([]any)
	out := make([]finding.Finding, 0, len(elems))
	for i, e := range elems {
		obj, _ := e.(map[string]any)
		var f finding.Finding
		for _, field := range finding.FieldsOf(finding.ShapeWorkload) {
			if err := field.Set(&f, obj[field.Name]); err != nil {
				diags.AddError("Invalid Finding", fmt.Sprintf("findings[%d].%s %v", i, field.Name, err))
				return nil, false
			}
		}
		out = append(out, f)
	}
	return out, true
}
