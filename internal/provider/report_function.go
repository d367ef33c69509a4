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

	"github.com/shared-responsibility/terraform-provider-srm/internal/evidence"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/oscal"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
	"github.com/shared-responsibility/terraform-provider-srm/internal/report"
)

var _ function.Function = (*reportFunction)(nil)

type reportFunction struct{}

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
	resp.Definition = function.Definition{
		Summary: "A findings report at plan",
		MarkdownDescription: "Judges `srm_workload` objects again, as the resource does, and renders the report that the " +
			"`srm_report` data source renders after apply, in the same three formats with the same content. At plan, " +
			"controls whose values are not known yet are listed as `deferred` instead of the whole report being unknown " +
			"(the data source's inputs, the workloads' `findings`, are unknown while anything is deferred). Returns " +
			"`{ content, total, violated, waived, deferred }`. Pass the workloads themselves: " +
			"`provider::srm::report(\"markdown\", [srm_workload.api, srm_workload.db])`. A workload whose service model, " +
			"classification or baseline is not known yet makes the result unknown. Workloads judged here use the " +
			"`standard` baseline when they set none. Because `srm_workload` has sensitive attributes, Terraform marks the " +
			"result sensitive; the report never holds more than four characters of a secret, so " +
			"`nonsensitive(...)` around it is safe for an output.\n\n" +
			"The `oscal` format (OSCAL " + oscal.Version + " assessment results, as `srm_report` writes them) needs the time of " +
			"the assessment as a third argument: `provider::srm::report(\"oscal\", [srm_workload.api], plantimestamp())`. " +
			"`plantimestamp()` keeps the same value from plan to apply, so the result does too; `timestamp()` would not.",
		Parameters: []function.Parameter{
			function.StringParameter{Name: "format", MarkdownDescription: "`markdown`, `json`, `sarif` or `oscal`."},
			function.DynamicParameter{Name: "workloads", AllowUnknownValues: true,
				MarkdownDescription: "A list (or tuple, or map) of `srm_workload` objects."},
		},
		VariadicParameter: function.StringParameter{Name: "timestamp",
			MarkdownDescription: "For `oscal` only, and required there: the RFC 3339 time of the assessment, e.g. `plantimestamp()`."},
		Return: function.ObjectReturn{AttributeTypes: reportResultType.AttrTypes},
	}
}

func (f *reportFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var format string
	var arg types.Dynamic
	var stamps []string
	if resp.Error = req.Arguments.Get(ctx, &format, &arg, &stamps); resp.Error != nil {
		return
	}
	if !slices.Contains(report.Formats, format) {
		resp.Error = function.NewArgumentFuncError(0, "format: must be one of "+model.Quoted(report.Formats))
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
	m := model.Default()
	ev := policy.New(m)
	rep := &report.Report{Timestamp: stamp}
	for i, item := range items {
		w, ready, err := workloadFromObject(m, engine, item, time.Now())
		if err != nil {
			resp.Error = function.NewArgumentFuncError(1, fmt.Sprintf("workloads[%d]: %v", i, err))
			return
		}
		if !ready {
			resp.Error = resp.Result.Set(ctx, types.ObjectUnknown(reportResultType.AttrTypes))
			return
		}
		res := ev.Evaluate(w)
		rw := report.Workload{Name: w.Name, ServiceModel: w.ServiceModel, Baseline: w.Baseline}
		for _, fd := range res.Findings {
			rf := report.Finding{Control: fd.Control, Domain: fd.Domain, Owner: fd.Owner, Severity: fd.Severity,
				Status: fd.Status, Message: fd.Message, Remediation: fd.Remediation, References: fd.References}
			if fd.Evidence != nil {
				rf.Resource, rf.Attribute = fd.Evidence.Source, fd.EvidenceAttribute
			}
			if ex, ok := waiverOf(fd, w); ok && fd.Status == policy.StatusWaived {
				rf.Exception = &report.Exception{Justification: ex.Justification, ApprovedBy: ex.ApprovedBy, Expires: ex.Expires}
			}
			rw.Findings = append(rw.Findings, rf)
		}
		rep.Workloads = append(rep.Workloads, rw)
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

// workloadFromObject reads an srm_workload object as a function receives it
// (at plan its computed attributes are unknown; its configuration is as
// planned). ready is false while the service model, classification or
// baseline is unknown.
func workloadFromObject(m *model.Model, engine *evidence.Engine, item any, now time.Time) (*policy.Workload, bool, error) {
	obj, ok := item.(map[string]any)
	if !ok {
		if policy.IsUnknown(item) {
			return nil, false, nil
		}
		return nil, false, fmt.Errorf("must be an srm_workload object")
	}
	str := func(key string) (string, policy.State) {
		switch v := obj[key].(type) {
		case string:
			return v, policy.Known
		case nil:
			return "", policy.Null
		}
		if policy.IsUnknown(obj[key]) {
			return "", policy.Unknown
		}
		return "", policy.Null
	}
	name, nameState := str("name")
	if nameState != policy.Known {
		name = "(name not known until apply)"
	}
	sm, smState := str("service_model")
	class, classState := str("data_classification")
	baseline, baselineState := str("baseline")
	spec, specState := str("custom_baseline")
	if classState == policy.Null {
		class, classState = "internal", policy.Known
	}
	if baselineState == policy.Null && specState == policy.Null {
		baseline, baselineState = "standard", policy.Known
	}
	if smState != policy.Known || classState != policy.Known || specState == policy.Unknown ||
		(specState == policy.Null && baselineState != policy.Known) {
		return nil, false, nil
	}
	if _, ok := m.ServiceModel(sm); !ok {
		return nil, false, fmt.Errorf("service_model is not one of %s", model.Quoted(m.ServiceModelIDs()))
	}
	if _, ok := m.Baseline(baseline); !ok && specState == policy.Null {
		return nil, false, fmt.Errorf("baseline is not one of %s", model.Quoted(m.BaselineIDs()))
	}
	w := &policy.Workload{Name: name, ServiceModel: sm, Classification: class, Baseline: baseline, Now: now}
	if specState == policy.Known {
		custom, err := policy.ParseCustomBaseline(m, spec)
		if err != nil {
			return nil, false, fmt.Errorf("custom_baseline: %v", err)
		}
		w.Custom, w.Baseline = custom, ""
	}
	values, errs := policy.ReadControls(m, obj)
	if len(errs) > 0 {
		return nil, false, errs[0]
	}
	rd := engine.ReadEvidence(obj["evidence"])
	if len(rd.Errors) > 0 {
		return nil, false, fmt.Errorf("evidence: %s", rd.Errors[0].Detail)
	}
	items, evUnknown := rd.Items, rd.Unknown
	w.Values, w.Evidence = values, items
	w.Exceptions, w.ExceptionsUnknown = exceptionsFromObject(obj["exceptions"])
	w.ExceptionsUnknown = w.ExceptionsUnknown || evUnknown
	return w, true, nil
}
