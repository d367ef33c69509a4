package policy

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// CustomBaseline is a module author's baseline: a preset plus tighter rules
// and locked controls. It travels from srm_baseline to srm_workload as the
// canonical JSON that Spec returns.
type CustomBaseline struct {
	Name     string                `json:"name"`
	Extends  string                `json:"extends"`
	Controls map[string]CustomRule `json:"controls,omitempty"`
}

// CustomRule tightens one control. Required defaults to true: naming a
// control in a baseline means the workload must declare it.
type CustomRule struct {
	Required *bool    `json:"required,omitempty"`
	Min      *float64 `json:"min,omitempty"`
	Max      *float64 `json:"max,omitempty"`
	Locked   bool     `json:"locked,omitempty"`
	// Reason is why the baseline asks for the control, in its author's
	// words; a violation's detail quotes it whole (it is policy text, not a
	// workload's value, so the rule that messages show at most four
	// characters of a value does not apply to it).
	Reason string `json:"reason,omitempty"`
}

// MaxReasonLength bounds a custom rule's reason, in characters.
const MaxReasonLength = 500

// Spec is the canonical JSON form (map keys sorted by encoding/json), so the
// same baseline always renders the same string and plans stay stable.
func (b *CustomBaseline) Spec() string {
	out, _ := json.Marshal(b) // a struct of plain fields cannot fail to marshal
	return string(out)
}

// ParseCustomBaseline reads a Spec string and validates it.
func ParseCustomBaseline(m *model.Model, spec string) (*CustomBaseline, error) {
	var b CustomBaseline
	dec := json.NewDecoder(strings.NewReader(spec))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("custom baseline is not an srm_baseline spec: %v", err)
	}
	if err := b.Validate(m); err != nil {
		return nil, err
	}
	return &b, nil
}

// Validate checks the preset and each control entry, naming what would be
// right.
func (b *CustomBaseline) Validate(m *model.Model) error {
	if _, ok := m.Baseline(b.Extends); !ok {
		return fmt.Errorf("extends %s is not a preset baseline: valid values are %s", finding.RedactName(b.Extends, m.BaselineIDs()), model.Quoted(m.BaselineIDs()))
	}
	for _, id := range slices.Sorted(maps.Keys(b.Controls)) {
		if err := ValidateCustomRuleFor(m, b.Extends, id, b.Controls[id]); err != nil {
			return err
		}
	}
	return nil
}

// ValidateCustomRuleFor checks one entry of a custom baseline that extends a
// preset: ValidateCustomRule's checks, then that the entry does not relax
// what the preset asks. An empty or unknown extends skips the second part.
func ValidateCustomRuleFor(m *model.Model, extends, id string, r CustomRule) error {
	if err := ValidateCustomRule(m, id, r); err != nil {
		return err
	}
	return checkTightens(m, extends, id, r)
}

// checkTightens refuses a custom rule that asks less than its preset: a
// lower min, a higher max, or required = false where the preset requires
// the control. Tightening merges would ignore such a value silently, so the
// module author would believe a rule relaxed that is not.
func checkTightens(m *model.Model, extends, id string, r CustomRule) error {
	c, ok := m.Control(id)
	if !ok {
		return nil
	}
	p, has := m.PresetRule(extends, c)
	if !has {
		return nil
	}
	only := fmt.Sprintf("baselines only tighten the preset they extend, so %q cannot", extends)
	if r.Required != nil && !*r.Required && p.Required {
		return fmt.Errorf("control %q: the %q preset requires it and %s drop that: remove `required = false`", id, extends, only)
	}
	if r.Min != nil && p.Min != nil && *r.Min < *p.Min {
		return fmt.Errorf("control %q: min %g is below the %q preset's min %g and %s be lowered: use %g or more, or leave min unset", id, *r.Min, extends, *p.Min, only, *p.Min)
	}
	if r.Max != nil && p.Max != nil && *r.Max > *p.Max {
		return fmt.Errorf("control %q: max %g is above the %q preset's max %g and %s be raised: use %g or less, or leave max unset", id, *r.Max, extends, *p.Max, only, *p.Max)
	}
	return nil
}

// ValidateCustomRule checks one entry of a custom baseline.
func ValidateCustomRule(m *model.Model, id string, r CustomRule) error {
	c, ok := m.Control(id)
	if !ok {
		return UnknownControlError(m, id)
	}
	bounded := c.Type == model.TypeNumber || c.Type == model.TypeVersion || c.Type == model.TypeDate
	if (r.Min != nil || r.Max != nil) && !bounded {
		return fmt.Errorf("control %q is a %s: min and max apply only to number, version and date controls", id, c.Type)
	}
	if c.Type == model.TypeDate && r.Min != nil {
		return fmt.Errorf("control %q bounds the patch age in days: use max, not min", id)
	}
	if n := utf8.RuneCountInString(r.Reason); n > MaxReasonLength {
		return fmt.Errorf("control %q: reason is %d characters long: keep it to %d, or link to a document that says more", id, n, MaxReasonLength)
	}
	if r.Min != nil && r.Max != nil && *r.Min > *r.Max {
		return fmt.Errorf("control %q: min %g is greater than max %g", id, *r.Min, *r.Max)
	}
	if c.Type == model.TypeVersion {
		for _, v := range []*float64{r.Min, r.Max} {
			if v != nil && !isVersion(c.Enum, *v) {
				return fmt.Errorf("control %q: bound %g is not a version; valid values are %s", id, *v, model.Quoted(c.Enum))
			}
		}
	}
	return nil
}

// UnknownControlError names the unknown id and the closest known ones.
func UnknownControlError(m *model.Model, id string) error {
	msg := fmt.Sprintf("%s is not a control id.", safeName(id, m.ControlIDs()))
	if s := model.Suggest(id, m.ControlIDs()); len(s) > 0 && len(id) <= 64 {
		msg = fmt.Sprintf("%s is not a control id; did you mean %s?", safeName(id, m.ControlIDs()), model.Quoted(s))
	}
	return fmt.Errorf("%s Valid control ids: %s", msg, strings.Join(m.ControlIDs(), ", "))
}

// effectiveRule is a rule after presets, data classification and a custom
// baseline are combined.
type effectiveRule struct {
	model.Rule
	Locked   bool
	Baseline string // the workload's baseline (a preset or the custom one), for messages
	// Origin says, as text for messages, where the binding part of the rule
	// comes from: `the "standard" baseline`, `the "strict" baseline (raised
	// by confidential data)`, `the "acme" baseline (from "standard")` when a
	// custom baseline's preset binds, or `the "acme" baseline`.
	Origin string
}

// ruleFor combines what the workload's baselines ask of one control; ok is
// false when nothing asks anything or the control does not apply to the
// workload's service model.
func ruleFor(m *model.Model, w *Workload, c model.Control) (effectiveRule, bool) {
	if !m.Applies(c, w.ServiceModel) {
		return effectiveRule{}, false
	}
	preset, label := w.Baseline, w.Baseline
	origin := fmt.Sprintf("the %q baseline", preset)
	if w.Custom != nil {
		preset, label = w.Custom.Extends, w.Custom.Name
		origin = fmt.Sprintf("the %q baseline (from %q)", label, preset)
	}
	r, ok := m.PresetRule(preset, c)
	if raise, raised := m.Raise(w.Classification, c.Domain); raised {
		if sr, sok := m.PresetRule(raise.Baseline, c); sok {
			var won bool
			r, won = tighten(r, ok, sr)
			ok = true
			if won {
				origin = fmt.Sprintf("the %q baseline (raised by %s data)", raise.Baseline, w.Classification)
			}
		}
	}
	if ok && r.MinClassification != "" && model.ClassificationRank(w.Classification) < model.ClassificationRank(r.MinClassification) {
		ok = false
	}
	eff := effectiveRule{Rule: r, Baseline: label, Origin: origin}
	if w.Custom != nil {
		if cr, has := w.Custom.Controls[c.ID]; has {
			var won bool
			eff.Rule, won = tighten(eff.Rule, ok, customToRule(cr, w.Custom.Name))
			if won {
				eff.Origin = fmt.Sprintf("the %q baseline", w.Custom.Name)
			}
			eff.Locked = cr.Locked
			ok = true
		}
	}
	return eff, ok
}

func customToRule(cr CustomRule, baseline string) model.Rule {
	required := cr.Required == nil || *cr.Required
	return model.Rule{
		Required: required,
		Min:      cr.Min,
		Max:      cr.Max,
		Reason:   customReason(cr, baseline),
	}
}

// customReason is the reason a custom rule gives, or, when its author gave
// none, where one can be given (rather than a circular "required by the
// baseline").
func customReason(cr CustomRule, baseline string) string {
	if r := strings.Join(strings.Fields(cr.Reason), " "); r != "" {
		return r
	}
	return fmt.Sprintf("its author gave no reason (the srm_baseline %q can say why in this control's `reason`).", baseline)
}

// tighten merges two rules so that the result is at least as demanding as
// each: a custom baseline or a classification can add to a preset, never
// relax it. won reports whether b made the result stricter than a, so that
// messages can name where the binding bound comes from; the reason follows
// the rule that binds.
func tighten(a model.Rule, hasA bool, b model.Rule) (out model.Rule, won bool) {
	if !hasA {
		return b, true
	}
	out = a
	out.Required = a.Required || b.Required
	if b.Expect != nil && (a.Expect == nil || *a.Expect != *b.Expect) {
		out.Expect, won = b.Expect, true
	}
	out.Min = pick(a.Min, b.Min, func(x, y float64) bool { return x > y })
	out.Max = pick(a.Max, b.Max, func(x, y float64) bool { return x < y })
	won = won || (b.Required && !a.Required) || out.Min != a.Min || out.Max != a.Max
	if a.MinClassification == "" || b.MinClassification == "" {
		out.MinClassification = ""
	}
	if won && b.Reason != "" {
		out.Reason, out.Sources = b.Reason, b.Sources
	}
	return out, won
}

func pick(a, b *float64, better func(x, y float64) bool) *float64 {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	case better(*b, *a):
		return b
	}
	return a
}

func formatVersion(v float64) string { return fmt.Sprintf("%.1f", v) }

// isVersion reports whether v is exactly one of the enum's versions.
func isVersion(enum []string, v float64) bool {
	for _, e := range enum {
		if n, err := strconv.ParseFloat(e, 64); err == nil && n == v {
			return true
		}
	}
	return false
}
