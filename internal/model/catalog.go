package model

import (
	"fmt"
	"slices"
	"strings"
)

// Severity values, most severe first.
var Severities = []string{"critical", "high", "medium", "low"}

// Data classifications, least sensitive first.
var Classifications = []string{"public", "internal", "confidential", "restricted"}

// Control value types. They decide the workload attribute's Terraform type and
// how the evaluator reads a rule.
const (
	TypeBool          = "bool"           // a switch; the rule says which value satisfies it
	TypeNumber        = "number"         // a whole number compared with min/max bounds
	TypeVersion       = "version"        // one of Enum, compared as a decimal number
	TypeString        = "string"         // free text, fed to a detector
	TypeJSON          = "json"           // a JSON document, fed to a detector
	TypeDate          = "date"           // YYYY-MM-DD or RFC 3339, fed to a detector
	TypeStringSet     = "string_set"     // a set of strings; required means non-empty
	TypeStringList    = "string_list"    // a list of strings, fed to a detector
	TypeFirewallRules = "firewall_rules" // a list of ingress rule objects, fed to a detector
)

// Framework is a control framework that controls cite.
type Framework struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Group is a nested block of the workload resource (`encryption = {...}`).
type Group struct {
	ID          string `json:"id"`
	Domain      string `json:"domain"`
	Description string `json:"description"`
}

// Rule is what a baseline asks of a control. A zero Rule asks nothing.
type Rule struct {
	// Required makes a null value a violation.
	Required bool `json:"required,omitempty"`
	// Expect is the value a bool control must have when set (true if nil).
	Expect *bool `json:"expect,omitempty"`
	// Min and Max bound a number or a version (as a decimal number).
	Min *float64 `json:"min,omitempty"`
	Max *float64 `json:"max,omitempty"`
	// MinClassification limits the rule to workloads whose data is at least
	// this sensitive.
	MinClassification string `json:"min_classification,omitempty"`
	// Reason and Sources document why the rule exists.
	Reason  string   `json:"reason,omitempty"`
	Sources []string `json:"sources,omitempty"`
}

// Control is one customer-side setting of a workload. Its ID is its attribute
// path on the srm_workload resource.
type Control struct {
	ID       string   `json:"id"`
	Domain   string   `json:"domain"`
	Type     string   `json:"type"`
	Enum     []string `json:"enum,omitempty"`
	Detector string   `json:"detector,omitempty"`
	// BoundBy names a number control whose declared value tightens this
	// control's max (hardening.last_patched is bounded by the declared
	// hardening.max_patch_age_days).
	BoundBy     string `json:"bound_by,omitempty"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Severity    string `json:"severity"`
	Remediation string `json:"remediation"`
	// RemediationByServiceModel replaces Remediation for the service models
	// it names, where the general advice would not fit (a SaaS workload has no
	// disk to encrypt).
	RemediationByServiceModel map[string]string `json:"remediation_by_service_model,omitempty"`
	// NotApplicable names the service models whose workloads are never asked
	// for the control, with the reason, even where the customer has duties in
	// its domain (the platform patches a function's operating system).
	NotApplicable map[string]string   `json:"not_applicable,omitempty"`
	Frameworks    map[string][]string `json:"frameworks"`
	// Rules maps a preset baseline id to what it asks. A baseline without an
	// entry inherits its parent's (strict from standard from minimum).
	Rules map[string]Rule `json:"rules,omitempty"`
}

// Group returns the control's group id ("" for a top-level control) and its
// attribute name inside the group.
func (c Control) Group() (group, attr string) {
	if i := strings.IndexByte(c.ID, '.'); i >= 0 {
		return c.ID[:i], c.ID[i+1:]
	}
	return "", c.ID
}

// Baseline is a preset set of rules.
type Baseline struct {
	ID          string `json:"id"`
	Extends     string `json:"extends,omitempty"`
	Description string `json:"description"`
}

// ClassificationRaise applies a stricter preset's rules to the controls of
// some domains when the workload's data is sensitive enough, whatever
// baseline the workload names.
type ClassificationRaise struct {
	// MinClassification is the least sensitive classification raised.
	MinClassification string   `json:"min_classification"`
	Domains           []string `json:"domains"`
	// Baseline is the preset whose rules apply on top of the workload's.
	Baseline string   `json:"baseline"`
	Reason   string   `json:"reason"`
	Sources  []string `json:"sources,omitempty"`
}

type catalogFile struct {
	Frameworks           []Framework           `json:"frameworks"`
	Baselines            []Baseline            `json:"baselines"`
	ClassificationRaises []ClassificationRaise `json:"classification_raises"`
	Groups               []Group               `json:"groups"`
	Controls             []Control             `json:"controls"`
}

func (m *Model) indexCatalog() {
	m.controlIndex = make(map[string]*Control, len(m.Controls))
	for i := range m.Controls {
		m.controlIndex[m.Controls[i].ID] = &m.Controls[i]
	}
	m.groupIndex = make(map[string]*Group, len(m.Groups))
	for i := range m.Groups {
		m.groupIndex[m.Groups[i].ID] = &m.Groups[i]
	}
	m.groupControls = make(map[string][]Control, len(m.Groups)+1)
	for _, c := range m.Controls {
		g, _ := c.Group()
		m.groupControls[g] = append(m.groupControls[g], c)
	}
	m.baselineIdx = make(map[string]*Baseline, len(m.Baselines))
	for i := range m.Baselines {
		m.baselineIdx[m.Baselines[i].ID] = &m.Baselines[i]
	}
}

// Control looks up a control by id.
func (m *Model) Control(id string) (Control, bool) {
	c, ok := m.controlIndex[id]
	if !ok {
		return Control{}, false
	}
	return *c, true
}

// ControlIDs returns every control id in catalog order.
func (m *Model) ControlIDs() []string {
	return idsOf(m.Controls, func(c Control) string { return c.ID })
}

// GroupControls returns the controls of a group in catalog order. The
// evaluator asks for every group on every plan, so the answer is built once
// by index(), as every model is; callers must not modify it.
func (m *Model) GroupControls(group string) []Control {
	cs := m.groupControls[group]
	return cs[:len(cs):len(cs)]
}

// BaselineIDs returns the preset baseline ids, least demanding first.
func (m *Model) BaselineIDs() []string {
	return idsOf(m.Baselines, func(b Baseline) string { return b.ID })
}

// Baseline looks up a preset baseline.
func (m *Model) Baseline(id string) (Baseline, bool) {
	b, ok := m.baselineIdx[id]
	if !ok {
		return Baseline{}, false
	}
	return *b, true
}

// FrameworkIDs returns the framework ids in catalog order.
func (m *Model) FrameworkIDs() []string {
	return idsOf(m.Frameworks, func(f Framework) string { return f.ID })
}

// PresetRule returns what a preset baseline asks of a control, following the
// baseline's parents; ok is false when the baseline asks nothing of it.
func (m *Model) PresetRule(baseline string, c Control) (Rule, bool) {
	for id := baseline; id != ""; {
		if r, ok := c.Rules[id]; ok {
			return r, true
		}
		b, ok := m.baselineIdx[id]
		if !ok {
			return Rule{}, false
		}
		id = b.Extends
	}
	return Rule{}, false
}

// ControlFilter selects controls; an empty field matches everything.
type ControlFilter struct {
	Domain, ServiceModel, Framework string
}

// FilterControls returns the matching controls in catalog order. A service
// model keeps the controls that apply to its workloads (see Applies).
func (m *Model) FilterControls(f ControlFilter) []Control {
	var out []Control
	for _, c := range m.Controls {
		if f.Domain != "" && c.Domain != f.Domain {
			continue
		}
		if f.ServiceModel != "" && !m.Applies(c, f.ServiceModel) {
			continue
		}
		if f.Framework != "" && len(c.Frameworks[f.Framework]) == 0 {
			continue
		}
		out = append(out, c)
	}
	return out
}

// CustomerHasDuty reports whether the customer owns or shares a domain under
// a service model, which is when its controls can be required.
func (m *Model) CustomerHasDuty(serviceModel, domain string) bool {
	c := m.cellIndex[[2]string{domain, serviceModel}]
	return c != nil && c.Owner != OwnerProvider
}

// Applies reports whether a workload of a service model can be asked for a
// control: the customer owns or shares the control's domain there and the
// catalog does not mark the control not applicable to that service model.
func (m *Model) Applies(c Control, serviceModel string) bool {
	if _, na := c.NotApplicable[serviceModel]; na {
		return false
	}
	return m.CustomerHasDuty(serviceModel, c.Domain)
}

// Remediation returns how to satisfy a control for a workload of a service
// model: the catalog's advice for that service model where it has one, the
// control's general remediation otherwise, and "" for an unknown control.
func (m *Model) Remediation(controlID, serviceModel string) string {
	c, ok := m.controlIndex[controlID]
	if !ok {
		return ""
	}
	if r, ok := c.RemediationByServiceModel[serviceModel]; ok {
		return r
	}
	return c.Remediation
}

// Raise returns the classification raise that applies to a domain for data
// of a classification; ok is false when none does. The first matching raise
// in catalog order wins.
func (m *Model) Raise(classification, domain string) (ClassificationRaise, bool) {
	rank := ClassificationRank(classification)
	for _, r := range m.ClassificationRaises {
		if rank >= 0 && rank >= ClassificationRank(r.MinClassification) && slices.Contains(r.Domains, domain) {
			return r, true
		}
	}
	return ClassificationRaise{}, false
}

// ClassificationRank orders data classifications; unknown ones rank -1.
func ClassificationRank(c string) int {
	for i, v := range Classifications {
		if v == c {
			return i
		}
	}
	return -1
}

// Quoted renders values as a readable list for error messages:
// "a", "b", "c".
func Quoted(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, ", ")
}
