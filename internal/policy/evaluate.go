package policy

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// Evaluator evaluates workloads against one model. It holds no mutable state
// and is safe for concurrent use.
type Evaluator struct {
	m *model.Model
}

// New returns an evaluator over a model.
func New(m *model.Model) *Evaluator { return &Evaluator{m: m} }

// Model returns the model the evaluator reads.
func (e *Evaluator) Model() *model.Model { return e.m }

// Evaluate checks a workload. The workload's service model, classification
// and baseline must be valid; the provider's schema validators ensure that.
func (e *Evaluator) Evaluate(w *Workload) Result {
	m := e.m
	var res Result
	locked := map[string]string{}
	evidence := map[string][]*Evidence{}
	for i := range w.Evidence {
		e := &w.Evidence[i]
		evidence[e.Control] = append(evidence[e.Control], e)
	}
	for _, c := range m.Controls {
		if w.EvidenceOnly && len(evidence[c.ID]) == 0 {
			continue
		}
		if !m.CustomerHasDuty(w.ServiceModel, c.Domain) {
			continue
		}
		rule, ok := ruleFor(m, w, c)
		if !ok {
			continue
		}
		if rule.Required {
			res.RequiredControls = append(res.RequiredControls, c.ID)
		}
		if rule.Locked {
			locked[c.ID] = rule.Baseline
		}
		ctx := checkContext{m: m, w: w, c: c, rule: rule, clock: &res.ClockDependent}
		for _, f := range ctx.check(evidence[c.ID]) {
			res.Findings = append(res.Findings, ctx.finish(f))
		}
	}
	res.RequiredControls = nonNil(res.RequiredControls)
	var exceptionsTimed bool
	res.Notices, exceptionsTimed = applyExceptions(m, w, res.Findings, locked)
	res.ClockDependent = res.ClockDependent || exceptionsTimed
	if w.ExceptionsUnknown {
		deferViolations(res.Findings)
	}
	res.Compliant = true
	for _, f := range res.Findings {
		switch f.Status {
		case finding.StatusViolated:
			res.Compliant = false
		case finding.StatusDeferred:
			if !slices.Contains(res.Deferred, f.Control) {
				res.Deferred = append(res.Deferred, f.Control)
			}
		}
	}
	return res
}

func deferViolations(fs []Finding) {
	for i := range fs {
		if fs[i].Status == finding.StatusViolated {
			fs[i].Status = finding.StatusDeferred
		}
	}
}

// RequiredControls lists what a workload of a service model must declare
// under a preset baseline with internal data.
func (e *Evaluator) RequiredControls(serviceModel, baseline string) []string {
	return e.Evaluate(&Workload{ServiceModel: serviceModel, Baseline: baseline, Classification: "internal"}).RequiredControls
}

type checkContext struct {
	m    *model.Model
	w    *Workload
	c    model.Control
	rule effectiveRule
	// clock is set when a check reads the workload's clock.
	clock *bool
}

// finish fills the parts of a finding that every check shares.
func (x checkContext) finish(f Finding) Finding {
	cell, _ := x.m.Cell(x.c.Domain, x.w.ServiceModel)
	f.Control, f.Domain, f.Owner = x.c.ID, x.c.Domain, cell.Owner
	if f.Severity == "" {
		f.Severity = x.c.Severity
	}
	if f.Remediation == "" {
		f.Remediation = x.m.Remediation(x.c.ID, x.w.ServiceModel)
	}
	f.References = model.UniqueReferences(References(x.m, x.c), f.References)
	if f.Path == "" {
		f.Path = x.c.ID
		if v := x.w.Values[x.c.ID]; v.GroupOmitted {
			f.Path, _ = x.c.Group()
		}
	}
	f.Detail = x.detail(f, cell)
	return f
}

func (x checkContext) detail(f Finding, cell model.Cell) string {
	dom, _ := x.m.Domain(x.c.Domain)
	var b strings.Builder
	fmt.Fprintf(&b, "%s workload: %s\n\n", x.w.ServiceModel, f.Message)
	fmt.Fprintf(&b, "Why it is yours: under %s the %s domain (%s) is %s-owned. Customer side: %s\n",
		x.w.ServiceModel, dom.ID, dom.Name, cell.Owner, cell.CustomerResponsibility)
	if x.rule.Reason != "" {
		fmt.Fprintf(&b, "Why %s asks for it: %s\n", x.baselineName(), x.rule.Reason)
	}
	fmt.Fprintf(&b, "\nTo fix: %s\n", f.Remediation)
	if refs := groupedReferences(x.m, x.c); refs != "" {
		fmt.Fprintf(&b, "References: %s", refs)
	}
	return strings.TrimRight(b.String(), "\n")
}

// References renders a control's framework references in catalog order.
func References(m *model.Model, c model.Control) []string {
	var out []string
	for _, fw := range m.Frameworks {
		for _, id := range c.Frameworks[fw.ID] {
			out = append(out, m.Reference(fw.ID, id))
		}
	}
	return out
}

// groupedReferences renders "NIST SP 800-53 Rev. 5: SC-28, SC-13; CIS ...".
func groupedReferences(m *model.Model, c model.Control) string {
	var parts []string
	for _, fw := range m.Frameworks {
		if ids := c.Frameworks[fw.ID]; len(ids) > 0 {
			parts = append(parts, fw.Name+": "+strings.Join(ids, ", "))
		}
	}
	return strings.Join(parts, "; ")
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
