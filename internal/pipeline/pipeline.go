// Package pipeline turns a workload, or one real resource, into a verdict.
// It is the only place that does: srm_workload's validate and plan, the
// provider::srm::report function, resource_findings and resource_controls
// all call it, so a default (the classification, the baseline, the matrix)
// is applied in one place and the same input gives the same findings
// everywhere. It knows nothing of Terraform.
//
// A workload arrives as the generic value tree the provider converts every
// Terraform value into: nil, bool, float64, string, []any, map[string]any,
// and policy.UnknownValue where a value is not known until apply. Its keys
// are srm_workload's attributes (name, service_model, data_classification,
// baseline, custom_baseline, the control groups, exceptions, evidence).
//
//	cfg := pipeline.Config{Model: m, Evidence: engine, DefaultBaseline: "standard"}
//	out := pipeline.Workload(cfg, map[string]any{
//		"name": "orders", "service_model": "paas",
//		"encryption": map[string]any{"at_rest": true},
//	})
//	for _, e := range out.Errors { ... }      // e.Path names the attribute
//	if out.Ready {
//		for _, f := range out.Findings { ... } // finding.Finding
//	}
//
// One resource on its own:
//
//	fs, err := pipeline.Resource(cfg, "aws_db_instance", "aws_db_instance.orders", obj)
package pipeline

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shared-responsibility/terraform-provider-srm/internal/evidence"
	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// DefaultClassification is the data classification of a workload that sets
// none (srm_workload's schema default).
const DefaultClassification = "internal"

// DefaultBaseline is the baseline when neither the workload nor the
// configuration names one: the provider's default_baseline default.
const DefaultBaseline = "standard"

// Config is what a verdict depends on besides the workload itself.
type Config struct {
	// Model is the catalog with the chosen matrix applied
	// (model.ForMatrix); nil means model.Default().
	Model *model.Model
	// Evidence reads evidence entries and resources; required to judge
	// evidence.
	Evidence *evidence.Engine
	// DefaultBaseline is the baseline of a workload that sets neither
	// baseline nor custom_baseline; empty means DefaultBaseline.
	DefaultBaseline string
	// Now is the clock exceptions expire by; nil means time.Now.
	Now func() time.Time
}

func (c Config) model() *model.Model {
	if c.Model == nil {
		return model.Default()
	}
	return c.Model
}

func (c Config) now() time.Time {
	if c.Now == nil {
		return time.Now()
	}
	return c.Now()
}

func (c Config) defaultBaseline() string {
	if c.DefaultBaseline == "" {
		return DefaultBaseline
	}
	return c.DefaultBaseline
}

// Error is a problem with one attribute of the input.
type Error struct {
	// Path is the attribute, dotted with list indexes:
	// "encryption.at_rst", "network.ingress_rules[1]", "evidence",
	// "custom_baseline", "service_model".
	Path string
	// Key is the evidence entry at fault, when Path is "evidence": a
	// diagnostic points at its line rather than at the whole map.
	Key     string
	Summary string
	// Detail says what is wrong and what would be right; it never shows
	// more than finding.MaxShown characters of a user value.
	Detail string
}

func (e Error) Error() string { return e.Path + ": " + e.Detail }

// Outcome is the verdict on one workload.
type Outcome struct {
	// Input is the workload as judged, every default applied; it is set
	// whenever the input is an object, ready or not.
	Input *policy.Workload
	// Ready is false while the service model, classification or baseline
	// is not known (the verdict then waits for apply, never falling back to
	// a default) or when there are Errors.
	Ready bool
	// Result is the evaluator's result, with the findings' diagnostic
	// detail; set when Ready.
	Result policy.Result
	// Findings are Result's findings in the one finding shape.
	Findings []finding.Finding
	Errors   []Error
	// Warnings do not stop the verdict: evidence entries read but not
	// judged.
	Warnings []Error
}

// Read reads a workload's configuration (controls, evidence, exceptions)
// with every default applied, without judging it: srm_workload's validate
// step. ready is false while the service model, classification or baseline
// is not known, or a custom baseline is invalid.
func Read(cfg Config, obj map[string]any) (w *policy.Workload, ready bool, errs []Error) {
	w, ready, errs, _ = read(cfg, obj)
	return w, ready, errs
}

func read(cfg Config, obj map[string]any) (w *policy.Workload, ready bool, errs, warnings []Error) {
	m := cfg.model()
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
	if nameState == policy.Unknown {
		name = "(name not known until apply)"
	}
	sm, smState := str("service_model")
	class, classState := str("data_classification")
	baseline, baselineState := str("baseline")
	spec, specState := str("custom_baseline")
	if classState == policy.Null {
		class, classState = DefaultClassification, policy.Known
	}
	switch {
	case specState != policy.Null:
		baseline, baselineState = "", policy.Null
	case baselineState == policy.Null:
		baseline, baselineState = cfg.defaultBaseline(), policy.Known
	}
	w = &policy.Workload{Name: name, ServiceModel: sm, Classification: class, Baseline: baseline, Now: cfg.now()}

	values, fieldErrs := policy.ReadControls(m, obj)
	for _, e := range fieldErrs {
		errs = append(errs, Error{Path: e.Path, Summary: e.Summary, Detail: e.Detail})
	}
	items, evidenceUnknown, evErrs, warnings := readEvidence(cfg.Evidence, obj["evidence"])
	errs = append(errs, evErrs...)
	w.Values, w.Evidence = values, items
	var exceptionsUnknown bool
	w.Exceptions, exceptionsUnknown = readExceptions(obj["exceptions"])
	w.ExceptionsUnknown = exceptionsUnknown || evidenceUnknown
	if len(errs) > 0 {
		return w, false, errs, nil
	}
	if smState != policy.Known || classState != policy.Known || specState == policy.Unknown ||
		(specState == policy.Null && baselineState != policy.Known) {
		return w, false, nil, warnings
	}
	if specState == policy.Known {
		custom, err := policy.ParseCustomBaseline(m, spec)
		if err != nil {
			return w, false, []Error{{Path: "custom_baseline", Summary: "Invalid Custom Baseline", Detail: err.Error()}}, nil
		}
		w.Custom = custom
	}
	return w, true, nil, warnings
}

// Workload reads and judges one workload.
func Workload(cfg Config, obj map[string]any) Outcome {
	w, ready, errs, warnings := read(cfg, obj)
	out := Outcome{Input: w, Errors: errs, Warnings: warnings}
	if !ready {
		return out
	}
	m := cfg.model()
	if _, ok := m.ServiceModel(w.ServiceModel); !ok {
		out.Errors = append(out.Errors, Error{Path: "service_model", Summary: "Invalid Attribute Value",
			Detail: "service_model must be one of " + model.Quoted(m.ServiceModelIDs()) + ", got " + finding.Redact(w.ServiceModel) + "."})
	}
	if !slices.Contains(model.Classifications, w.Classification) {
		out.Errors = append(out.Errors, Error{Path: "data_classification", Summary: "Invalid Attribute Value",
			Detail: "data_classification must be one of " + model.Quoted(model.Classifications) + ", got " + finding.Redact(w.Classification) + "."})
	}
	if _, ok := m.Baseline(w.Baseline); !ok && w.Custom == nil {
		out.Errors = append(out.Errors, Error{Path: "baseline", Summary: "Invalid Attribute Value",
			Detail: "baseline must be one of " + model.Quoted(m.BaselineIDs()) + ", got " + finding.Redact(w.Baseline) + "."})
	}
	if len(out.Errors) > 0 {
		return out
	}
	out.Ready = true
	out.Result = policy.New(m).Evaluate(w)
	out.Findings = Findings(out.Result, w)
	return out
}

// Option changes how Resource judges a resource.
type Option func(o *resourceOptions)

type resourceOptions struct {
	w *policy.Workload
	// sensitive reports whether an attribute's value may not be shown.
	sensitive func(attribute string) bool
}

// WithServiceModel judges the resource under another service model than
// its type's.
func WithServiceModel(id string) Option { return func(o *resourceOptions) { o.w.ServiceModel = id } }

// WithBaseline judges the resource by another preset baseline than
// evidence.JudgeBaseline.
func WithBaseline(id string) Option { return func(o *resourceOptions) { o.w.Baseline = id } }

// WithCustom judges the resource by a custom baseline (srm_baseline's
// spec, parsed) instead of a preset; nil leaves the preset.
func WithCustom(c *policy.CustomBaseline) Option {
	return func(o *resourceOptions) {
		if c != nil {
			o.w.Custom, o.w.Baseline = c, ""
		}
	}
}

// WithClassification judges the resource's data as another classification
// than DefaultClassification.
func WithClassification(id string) Option {
	return func(o *resourceOptions) { o.w.Classification = id }
}

// WithSensitive names the attributes whose values may not be shown (a
// plan's after_sensitive): a finding on such an attribute gets a message
// built from the address, the attribute, the control and the mapping's
// fixed text, never from what was read. attribute is the finding's
// Attribute ("storage_encrypted", "ingress[1]"); nil marks nothing.
func WithSensitive(sensitive func(attribute string) bool) Option {
	return func(o *resourceOptions) { o.sensitive = sensitive }
}

// Resource judges one real resource on its own (resource_findings): only
// the controls its values speak to, under its type's service model, the
// evidence.JudgeBaseline rules and DefaultClassification, unless opts say
// otherwise. address names the resource in findings; a value not known
// until apply is a deferred finding, never a violation.
func Resource(cfg Config, typ, address string, obj any, opts ...Option) ([]finding.Finding, error) {
	w, err := cfg.Evidence.Alone(typ, address, obj)
	if err != nil || w == nil {
		return nil, err // nothing judged: an unmapped type or a null object
	}
	o := resourceOptions{w: w}
	for _, opt := range opts {
		opt(&o)
	}
	w.Now = cfg.now()
	res := policy.New(cfg.model()).Evaluate(w)
	out := Findings(res, w)
	if o.sensitive != nil {
		for i, f := range res.Findings {
			if out[i].Attribute != "" && o.sensitive(out[i].Attribute) {
				out[i].Message = sensitiveMessage(address, out[i].Attribute, f)
			}
		}
	}
	return out, nil
}

// sensitiveMessage is a finding's message when the attribute it judged is
// sensitive: the control and the mapping's fixed text, never what was
// read.
func sensitiveMessage(address, attribute string, f policy.Finding) string {
	msg := fmt.Sprintf("%s: %s (sensitive; its value is not shown) does not satisfy %s.", address, attribute, f.Control)
	if f.Status == finding.StatusDeferred {
		msg = fmt.Sprintf("%s: %s (sensitive) is not known until apply; %s is judged then.", address, attribute, f.Control)
	}
	if f.Evidence != nil && f.Evidence.Message != "" {
		msg += " " + strings.ToUpper(f.Evidence.Message[:1]) + f.Evidence.Message[1:] + "."
	}
	return msg
}

// Findings converts an evaluation's findings into the one finding shape.
func Findings(res policy.Result, w *policy.Workload) []finding.Finding {
	out := make([]finding.Finding, 0, len(res.Findings))
	for _, f := range res.Findings {
		fd := finding.Finding{
			ID: evidence.FindingID(f), Control: f.Control, Domain: f.Domain, Owner: f.Owner, Severity: f.Severity,
			Status: f.Status, Message: f.Message, Remediation: f.Remediation, References: f.References,
		}
		if f.Evidence != nil {
			fd.Resource, fd.Attribute = f.Evidence.Source, f.EvidenceAttribute
		}
		if f.Status == finding.StatusWaived {
			for _, ex := range w.Exceptions {
				if ex.Control == f.Control {
					fd.Exception = &finding.Exception{Justification: ex.Justification, ApprovedBy: ex.ApprovedBy, Expires: ex.Expires}
					break
				}
			}
		}
		out = append(out, fd)
	}
	return out
}

// readEvidence is the one place the pipeline reads srm_workload's evidence
// attribute (evidence.Engine.ReadEvidence); unknown is true while the whole
// value, or its set of keys, is not known. Entries read but not judged (a
// null object, a type no table maps) are warnings.
func readEvidence(e *evidence.Engine, v any) (items []policy.Evidence, unknown bool, errs, warnings []Error) {
	if v == nil {
		return nil, false, nil, nil
	}
	if e == nil {
		return nil, false, []Error{{Path: "evidence", Summary: "Invalid Evidence Tables",
			Detail: "the evidence tables are not loaded; please report this issue to the provider developers"}}, nil
	}
	rd := e.ReadEvidence(v)
	for _, ke := range rd.Errors {
		errs = append(errs, Error{Path: "evidence", Key: ke.Key, Summary: ke.Summary, Detail: "evidence: " + ke.Detail})
	}
	for _, n := range rd.NotJudged {
		warnings = append(warnings, Error{Path: "evidence", Key: n.Key, Summary: "Evidence Not Judged", Detail: n.Reason})
	}
	return rd.Items, rd.Unknown, errs, warnings
}

// readExceptions reads the exceptions list; unknown is true while any part
// of it is not known.
func readExceptions(v any) (list []policy.Exception, unknown bool) {
	if v == nil {
		return nil, false
	}
	elems, ok := v.([]any)
	if !ok || policy.ContainsUnknown(v) {
		return nil, true
	}
	for _, e := range elems {
		obj, _ := e.(map[string]any)
		field := func(k string) string { s, _ := obj[k].(string); return s }
		list = append(list, policy.Exception{Control: field("control"), Justification: field("justification"),
			ApprovedBy: field("approved_by"), Expires: field("expires")})
	}
	return list, false
}

// Controls returns, for each control a resource type maps, the value the
// resource proves (resource_controls); see evidence.Engine.Controls.
func Controls(cfg Config, typ string, obj any) (map[string]policy.Value, error) {
	return cfg.Evidence.Controls(typ, obj)
}
