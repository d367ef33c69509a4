package provider

import (
	"context"
	"fmt"
	"maps"
	"math/big"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/oscal"
	"github.com/shared-responsibility/terraform-provider-srm/internal/pipeline"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
	"github.com/shared-responsibility/terraform-provider-srm/internal/report"
)

var _ function.Function = (*reportFunction)(nil)

type reportFunction struct {
	// version is the provider's, for SARIF's tool entry.
	version string
}

// NewReportFunction returns provider::srm::report.
func NewReportFunction() function.Function { return &reportFunction{} }

var reportResultType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"content": types.StringType, "total": types.NumberType, "violated": types.NumberType,
	"waived": types.NumberType, "deferred": types.NumberType,
}}

func (f *reportFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "report"
}

func (f *reportFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	m := model.Default()
	resp.Definition = function.Definition{
		Summary: "A findings report at plan",
		MarkdownDescription: "Judges `srm_workload` objects again, through the same pipeline as the resource, and renders the " +
			"report that the `srm_report` data source renders after apply, in the same formats with the same content. At plan, " +
			"controls whose values are not known yet are listed as `deferred` instead of the whole report being unknown " +
			"(the data source's inputs, the workloads' `findings`, are unknown while anything is deferred). Returns " +
			"`{ content, total, violated, waived, deferred }`. Pass the workloads themselves: " +
			"`provider::srm::report(\"markdown\", [srm_workload.api, srm_workload.db])`. A workload whose service model, " +
			"classification or baseline is not known yet makes the result unknown.\n\n" +
			"A function cannot read the provider's configuration, so name the provider's `matrix` as an optional argument " +
			"after the workloads when it is not `consensus`: `provider::srm::report(\"markdown\", [srm_workload.api], \"google\")`. " +
			"With none named, workloads are judged under the `consensus` matrix. A workload carries the baseline the resource " +
			"recorded (the provider's `default_baseline` when it set none); an object that has no `baseline` and no " +
			"`custom_baseline` is judged by `" + pipeline.DefaultBaseline + "`, and one without `data_classification` as `" +
			pipeline.DefaultClassification + "`, the resource's defaults. Because `srm_workload` has sensitive attributes, Terraform marks the " +
			"result sensitive. The report quotes the workloads' names, their exceptions' justifications and approvers, " +
			"messages and resource addresses, never a value a resource or a control holds; so `nonsensitive(...)` around " +
			"it is safe for an output when no workload's `name` or exception text comes from a sensitive value.\n\n" +
			"The `oscal` format (OSCAL " + oscal.Version + " assessment results, as `srm_report` writes them) needs the time of " +
			"the assessment as an argument after the workloads: `provider::srm::report(\"oscal\", [srm_workload.api], plantimestamp())`, " +
			"with a matrix in either order: `provider::srm::report(\"oscal\", [srm_workload.api], \"google\", plantimestamp())`. " +
			"`plantimestamp()` keeps the same value from plan to apply, so the result does too; `timestamp()` would not.",
		Parameters: []function.Parameter{
			function.StringParameter{Name: "format", MarkdownDescription: "`markdown`, `json`, `sarif` or `oscal`."},
			function.DynamicParameter{Name: "workloads", AllowUnknownValues: true,
				MarkdownDescription: "A list (or tuple, or map) of `srm_workload` objects."},
		},
		VariadicParameter: function.StringParameter{Name: "options",
			MarkdownDescription: "Optional, in any order, each at most once: the matrix the workloads are judged under, as the " +
				"provider's `matrix` (" + backticked(m.MatrixIDs()) + "; `consensus` when none is named), and, for `oscal` only " +
				"and required there, the RFC 3339 time of the assessment, e.g. `plantimestamp()`."},
		Return: function.ObjectReturn{AttributeTypes: reportResultType.AttrTypes},
	}
}

func (f *reportFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var format string
	var arg types.Dynamic
	var options []string
	if resp.Error = req.Arguments.Get(ctx, &format, &arg, &options); resp.Error != nil {
		return
	}
	if !slices.Contains(report.Formats, format) {
		resp.Error = function.NewArgumentFuncError(0, "format: must be one of "+model.Quoted(report.Formats)+", got "+finding.Redact(format))
		return
	}
	matrix, stamps, funcErr := reportOptions(format, options)
	if funcErr != nil {
		resp.Error = funcErr
		return
	}
	m, err := model.ForMatrix(matrix)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(2, "matrix: must be one of "+model.Quoted(model.Default().MatrixIDs())+", got "+finding.Redact(matrix))
		return
	}
	stamp, funcErr := reportTimestamp(format, stamps)
	if funcErr != nil {
		resp.Error = funcErr
		return
	}
	if format == report.FormatOSCAL && stamp.IsZero() {
		// plantimestamp() while Terraform validates: the time is not
		// known yet, so neither is the document.
		resp.Error = resp.Result.Set(ctx, types.ObjectUnknown(reportResultType.AttrTypes))
		return
	}
	raw, err := arg.ToTerraformValue(ctx)
	if err == nil && !arg.IsUnknown() && !arg.IsNull() {
		raw, err = arg.UnderlyingValue().ToTerraformValue(ctx)
	}
	if err != nil {
		resp.Error = function.NewArgumentFuncError(1, "workloads: "+err.Error())
		return
	}
	engine, err := evidenceEngine()
	if err != nil {
		resp.Error = function.NewFuncError(err.Error())
		return
	}
	var items []any
	switch t := toGo(raw).(type) {
	case []any:
		items = t
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(t)) {
			items = append(items, t[k])
		}
	default:
		if policy.IsUnknown(t) {
			resp.Error = resp.Result.Set(ctx, types.ObjectUnknown(reportResultType.AttrTypes))
			return
		}
		resp.Error = function.NewArgumentFuncError(1, "workloads: must be a list of srm_workload objects, e.g. [srm_workload.api]")
		return
	}
	cfg := pipeline.Config{Model: m, Evidence: engine}
	rep := &report.Report{Timestamp: stamp, ToolVersion: f.version}
	for i, item := range items {
		obj, ok := item.(map[string]any)
		if !ok {
			if policy.IsUnknown(item) {
				resp.Error = resp.Result.Set(ctx, types.ObjectUnknown(reportResultType.AttrTypes))
				return
			}
			resp.Error = function.NewArgumentFuncError(1, fmt.Sprintf("workloads[%d]: must be an srm_workload object", i))
			return
		}
		out := pipeline.Workload(cfg, obj)
		if len(out.Errors) > 0 {
			resp.Error = function.NewArgumentFuncError(1, fmt.Sprintf("workloads[%d]: %v", i, out.Errors[0]))
			return
		}
		if !out.Ready {
			resp.Error = resp.Result.Set(ctx, types.ObjectUnknown(reportResultType.AttrTypes))
			return
		}
		w := out.Input
		rep.Workloads = append(rep.Workloads, report.Workload{Name: w.Name, ServiceModel: w.ServiceModel,
			Baseline: w.Baseline, Findings: out.Findings})
	}
	out, err := report.Generate(m, rep, format)
	if err != nil {
		resp.Error = function.NewFuncError(err.Error())
		return
	}
	num := func(n int) attr.Value { return types.NumberValue(big.NewFloat(float64(n))) }
	resp.Error = resp.Result.Set(ctx, types.ObjectValueMust(reportResultType.AttrTypes, map[string]attr.Value{
		"content": types.StringValue(out.Content), "total": num(out.Summary.Total), "violated": num(out.Summary.Violated),
		"waived": num(out.Summary.Waived), "deferred": num(out.Summary.Deferred),
	}))
}

// reportOptions splits the function's optional arguments: a matrix id, at
// most one, and times, which reportTimestamp then checks against the
// format (for oscal, anything that is not a matrix is read as the time).
func reportOptions(format string, options []string) (matrix string, stamps []string, ferr *function.FuncError) {
	ids := model.Default().MatrixIDs()
	for _, o := range options {
		if !slices.Contains(ids, o) {
			if _, err := time.Parse(time.RFC3339, o); err != nil && format != report.FormatOSCAL {
				return "", nil, function.NewArgumentFuncError(2, "options: "+finding.Redact(o)+" is neither a matrix ("+
					model.Quoted(ids)+") nor an RFC 3339 time for the oscal format")
			}
			stamps = append(stamps, o)
			continue
		}
		if matrix != "" {
			return "", nil, function.NewArgumentFuncError(2, "matrix: name at most one matrix")
		}
		matrix = o
	}
	if matrix == "" {
		matrix = model.ConsensusMatrix
	}
	return matrix, stamps, nil
}

// reportTimestamp reads the function's timestamp argument: required for
// the oscal format, which dates its documents, and refused for the others
// so that a misplaced argument is not silently ignored.
func reportTimestamp(format string, stamps []string) (time.Time, *function.FuncError) {
	switch {
	case len(stamps) > 1:
		return time.Time{}, function.NewArgumentFuncError(2, "timestamp: give one time, e.g. plantimestamp()")
	case format != report.FormatOSCAL && len(stamps) == 1:
		return time.Time{}, function.NewArgumentFuncError(2, fmt.Sprintf("timestamp: only the %q format takes a timestamp; remove it for %q", report.FormatOSCAL, format))
	case format != report.FormatOSCAL:
		return time.Time{}, nil
	case len(stamps) == 0:
		return time.Time{}, function.NewArgumentFuncError(2, "timestamp: the \"oscal\" format needs the time of the assessment as a third argument, e.g. provider::srm::report(\"oscal\", [srm_workload.api], plantimestamp())")
	}
	t, err := parseTimestamp(stamps[0])
	if err != nil {
		return time.Time{}, function.NewArgumentFuncError(2, "timestamp: "+err.Error())
	}
	return t, nil
}
