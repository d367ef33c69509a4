package model

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"
)

// Validate checks that the data set is whole and consistent: every
// (domain, service model) cell present once with a valid owner and a defined
// source, no duplicate or dangling ids, and every control in a known domain
// with valid rules. The embedded data is validated on load.
func (m *Model) Validate() error {
	var errs []error
	add := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	checkUnique("service model", m.ServiceModelIDs(), add)
	checkUnique("domain", m.DomainIDs(), add)
	checkUnique("control", m.ControlIDs(), add)
	checkUnique("baseline", m.BaselineIDs(), add)
	checkUnique("framework", m.FrameworkIDs(), add)

	for _, d := range m.Domains {
		if !slices.Contains(Layers, d.Layer) {
			add("domain %q: layer %q is not one of %s", d.ID, d.Layer, Quoted(Layers))
		}
	}
	m.validateCells(add)
	m.validateCatalog(add)
	m.validateKnownIDs(add)
	m.validateVendors(add)
	return errors.Join(errs...)
}

func checkUnique(kind string, ids []string, add func(string, ...any)) {
	seen := map[string]bool{}
	for _, id := range ids {
		if id == "" {
			add("a %s has an empty id", kind)
		}
		if seen[id] {
			add("duplicate %s id %q", kind, id)
		}
		seen[id] = true
	}
}

func (m *Model) validateCells(add func(string, ...any)) {
	seen := map[[2]string]bool{}
	for _, c := range m.Cells {
		key := [2]string{c.Domain, c.ServiceModel}
		if seen[key] {
			add("duplicate cell %s/%s", c.Domain, c.ServiceModel)
		}
		seen[key] = true
		if m.domainIndex[c.Domain] == nil || m.modelIndex[c.ServiceModel] == nil {
			add("cell %s/%s names an unknown domain or service model", c.Domain, c.ServiceModel)
		}
		if !slices.Contains(Owners, c.Owner) {
			add("cell %s/%s: owner %q is not one of %s", c.Domain, c.ServiceModel, c.Owner, Quoted(Owners))
		}
		if len(c.Sources) == 0 {
			add("cell %s/%s has no source", c.Domain, c.ServiceModel)
		}
		m.checkSources("cell "+c.Domain+"/"+c.ServiceModel, c.Sources, add)
		if strings.TrimSpace(c.ProviderResponsibility) == "" || strings.TrimSpace(c.CustomerResponsibility) == "" {
			add("cell %s/%s lacks a responsibility text", c.Domain, c.ServiceModel)
		}
	}
	for _, d := range m.Domains {
		for _, s := range m.ServiceModels {
			if !seen[[2]string{d.ID, s.ID}] {
				add("missing cell %s/%s", d.ID, s.ID)
			}
		}
	}
}

func (m *Model) validateCatalog(add func(string, ...any)) {
	for _, g := range m.Groups {
		if m.domainIndex[g.Domain] == nil {
			add("group %q: unknown domain %q", g.ID, g.Domain)
		}
		if slices.Contains(ReservedAttributes, g.ID) {
			add("group %q: the name is one of srm_workload's own attributes (%s); rename the group", g.ID, Quoted(ReservedAttributes))
		}
	}
	for _, b := range m.Baselines {
		if b.Extends != "" && m.baselineIdx[b.Extends] == nil {
			add("baseline %q extends unknown baseline %q", b.ID, b.Extends)
		}
	}
	for i, r := range m.ClassificationRaises {
		if ClassificationRank(r.MinClassification) < 0 {
			add("classification raise %d: unknown classification %q", i, r.MinClassification)
		}
		if m.baselineIdx[r.Baseline] == nil {
			add("classification raise %d: unknown baseline %q", i, r.Baseline)
		}
		if len(r.Domains) == 0 || r.Reason == "" {
			add("classification raise %d lacks domains or a reason", i)
		}
		for _, d := range r.Domains {
			if m.domainIndex[d] == nil {
				add("classification raise %d: unknown domain %q", i, d)
			}
		}
	}
	for _, c := range m.Controls {
		m.validateControl(c, add)
	}
}

var controlTypes = []string{TypeBool, TypeNumber, TypeVersion, TypeString, TypeJSON, TypeDate, TypeStringSet, TypeStringList, TypeFirewallRules}

// NumberMin and NumberMax bound every number control's value (days), and so
// every baseline's min and max: srm_workload accepts whole numbers in this
// range, and resource_controls reports a key that never rotates as
// NumberMax.
const (
	NumberMin = 0
	NumberMax = 36500
)

// DetectorTypes names the detectors a control may run, each with the one
// control type it reads.
var DetectorTypes = map[string]string{
	"firewall":      TypeFirewallRules,
	"iam":           TypeJSON,
	"bucket_policy": TypeJSON,
	"acl":           TypeString,
	"secrets":       TypeStringList,
	"patch":         TypeDate,
}

// UngroupedTypes are the types a control without a group may have: such a
// control is a top-level srm_workload attribute, a sensitive list of
// strings.
var UngroupedTypes = []string{TypeStringList}

// ReservedAttributes are srm_workload's own attributes; no group or
// top-level control may take one of their names.
var ReservedAttributes = []string{"id", "name", "service_model", "data_classification", "environment", "baseline",
	"custom_baseline", "exceptions", "required_controls", "evidence", "evidence_wo", "findings", "compliant"}

func (m *Model) validateControl(c Control, add func(string, ...any)) {
	if m.domainIndex[c.Domain] == nil {
		add("control %q: unknown domain %q", c.ID, c.Domain)
	}
	switch g, _ := c.Group(); {
	case g != "":
		grp := m.groupIndex[g]
		if grp == nil {
			add("control %q: unknown group %q", c.ID, g)
		} else if grp.Domain != c.Domain {
			add("control %q: domain %q differs from its group's %q", c.ID, c.Domain, grp.Domain)
		}
	case slices.Contains(ReservedAttributes, c.ID):
		add("control %q: without a group it is a top-level attribute, and the name is one of srm_workload's own (%s)", c.ID, Quoted(ReservedAttributes))
	case !slices.Contains(UngroupedTypes, c.Type):
		add("control %q has no group, so it is a top-level srm_workload attribute, which must be of type %s, not %q; put it in a group (\"group.%s\")",
			c.ID, Quoted(UngroupedTypes), c.Type, c.ID)
	}
	if c.Detector != "" {
		if want, ok := DetectorTypes[c.Detector]; !ok {
			add("control %q: unknown detector %q; valid detectors are %s", c.ID, c.Detector, Quoted(slices.Sorted(maps.Keys(DetectorTypes))))
		} else if c.Type != want {
			add("control %q: detector %q reads a %s control, not a %s", c.ID, c.Detector, want, c.Type)
		}
	}
	if c.BoundBy != "" {
		if b, ok := m.Control(c.BoundBy); !ok || b.Type != TypeNumber {
			add("control %q: bound_by %q is not a number control", c.ID, c.BoundBy)
		}
	}
	if !slices.Contains(controlTypes, c.Type) {
		add("control %q: type %q is not one of %s", c.ID, c.Type, Quoted(controlTypes))
	}
	if !slices.Contains(Severities, c.Severity) {
		add("control %q: severity %q is not one of %s", c.ID, c.Severity, Quoted(Severities))
	}
	if c.Title == "" || c.Description == "" || c.Remediation == "" {
		add("control %q lacks a title, description or remediation", c.ID)
	}
	for fw := range c.Frameworks {
		if !slices.Contains(m.FrameworkIDs(), fw) {
			add("control %q cites unknown framework %q", c.ID, fw)
		}
	}
	m.validateReferences(c, add)
	for sm, text := range c.RemediationByServiceModel {
		if m.modelIndex[sm] == nil || strings.TrimSpace(text) == "" {
			add("control %q: remediation for unknown service model %q or empty", c.ID, sm)
		}
	}
	for sm, why := range c.NotApplicable {
		if m.modelIndex[sm] == nil || strings.TrimSpace(why) == "" {
			add("control %q: not applicable to unknown service model %q or without a reason", c.ID, sm)
		}
	}
	for b, r := range c.Rules {
		if m.baselineIdx[b] == nil {
			add("control %q: rule for unknown baseline %q", c.ID, b)
		}
		if r.MinClassification != "" && ClassificationRank(r.MinClassification) < 0 {
			add("control %q: unknown classification %q", c.ID, r.MinClassification)
		}
		if r.Reason == "" {
			add("control %q: rule for %q has no reason", c.ID, b)
		}
		for _, bound := range []*float64{r.Min, r.Max} {
			if bound != nil && (c.Type == TypeNumber || c.Type == TypeDate) && (*bound < NumberMin || *bound > NumberMax) {
				add("control %q: rule for %q has a bound of %g, outside %d to %d", c.ID, b, *bound, NumberMin, NumberMax)
			}
		}
	}
}

// Suggest returns up to three candidates closest to an unknown value, nearest
// first, for "did you mean" hints.
func Suggest(value string, candidates []string) []string {
	type scored struct {
		s string
		d int
	}
	key := suggestKey(value)
	var all []scored
	for _, c := range candidates {
		ck := suggestKey(c)
		d := editDistance(key, ck)
		if ck != "" && key != "" && (strings.Contains(ck, key) || strings.Contains(key, ck)) {
			d = min(d, 2)
		}
		if d <= max(3, len(value)/2) {
			all = append(all, scored{c, d})
		}
	}
	slices.SortStableFunc(all, func(a, b scored) int { return a.d - b.d })
	var out []string
	for i := 0; i < len(all) && i < 3; i++ {
		out = append(out, all[i].s)
	}
	return out
}

// suggestKey is the form values are compared in: case and separators do not
// count, so "SaaS" finds "saas" and "tls1_2" finds "1.2".
func suggestKey(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '_', '.', '-', ' ':
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
