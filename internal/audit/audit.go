// Package audit judges a whole Terraform plan (or state) outside Terraform:
// it reads the JSON of `terraform show -json`, judges every resource
// instance of a mapped type through the same evidence tables and evaluator
// as provider::srm::resource_findings (pipeline.Resource), reports srm_workload resources with
// the findings their own plan computed, and lists resources of unmapped
// types as not judged. It knows nothing of the plugin framework; cmd/srm is
// its command line.
package audit

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shared-responsibility/terraform-provider-srm/internal/evidence"
	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/pipeline"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// Statuses of a finding in an audit.
const (
	StatusViolated = finding.StatusViolated
	StatusWaived   = finding.StatusWaived
	StatusDeferred = finding.StatusDeferred
)

// Sources of a finding.
const (
	SourceResource = "resource"
	SourceWorkload = "srm_workload"
)

// WorkloadType is the provider's own workload resource, reported with the
// findings its plan computed.
const WorkloadType = "srm_workload"

// ServiceModelTag is the tag (AWS, Azure) or label (Google; labels allow no
// colon, so ServiceModelLabel) that overrides a resource's service model.
const (
	ServiceModelTag   = "srm:service_model"
	ServiceModelLabel = "srm_service_model"
)

// Thresholds for the exit code: a violated finding at or above it fails.
// ThresholdNone never fails.
const ThresholdNone = "none"

// Options configure an audit.
type Options struct {
	// Model carries the matrix that decides owners (model.ForMatrix).
	Model  *model.Model
	Engine *evidence.Engine
	// Baseline is a preset id; Custom, when set, replaces it.
	Baseline string
	Custom   *policy.CustomBaseline
	// Threshold is a severity or ThresholdNone.
	Threshold string
	Config    *Config
	Waivers   []Waiver
	Now       time.Time
}

// Finding is one violated, waived or deferred control of one resource
// instance: the element of the JSON report's findings.
type Finding struct {
	Address      string   `json:"address"`
	Module       string   `json:"module"`
	Type         string   `json:"type"`
	ID           string   `json:"id"`
	Control      string   `json:"control"`
	Domain       string   `json:"domain"`
	Owner        string   `json:"owner"`
	OwnerReason  string   `json:"owner_reason"`
	ServiceModel string   `json:"service_model"`
	Workload     string   `json:"workload,omitempty"`
	Severity     string   `json:"severity"`
	Status       string   `json:"status"`
	Attribute    string   `json:"attribute"`
	Message      string   `json:"message"`
	Remediation  string   `json:"remediation"`
	References   []string `json:"references"`
	Source       string   `json:"source"`
	Waiver       *Waiver  `json:"waiver,omitempty"`
}

// WorkloadVerdict is one srm_workload in the plan.
type WorkloadVerdict struct {
	Address string `json:"address"`
	Name    string `json:"name"`
	// FindingsKnown is false when the workload's findings are not known
	// until apply.
	FindingsKnown bool `json:"findings_known"`
	Findings      int  `json:"findings"`
}

// Summary counts an audit.
type Summary struct {
	Resources int `json:"resources"`
	Judged    int `json:"judged"`
	Workloads int `json:"workloads"`
	NotJudged int `json:"not_judged"`
	Skipped   int `json:"data_sources_skipped"`
	Violated  int `json:"violated"`
	Waived    int `json:"waived"`
	Deferred  int `json:"deferred"`
	// Failing counts the violated findings at or above the threshold.
	Failing int `json:"failing"`
}

// Result is an audit's outcome.
type Result struct {
	Kind             string    `json:"kind"`
	FormatVersion    string    `json:"format_version"`
	TerraformVersion string    `json:"terraform_version"`
	Matrix           string    `json:"matrix"`
	Baseline         string    `json:"baseline"`
	Threshold        string    `json:"severity_threshold"`
	Summary          Summary   `json:"summary"`
	Findings         []Finding `json:"findings"`
	// Judged lists the addresses judged: resources of mapped types and
	// srm_workload resources.
	Judged    []string          `json:"judged"`
	NotJudged []string          `json:"not_judged"`
	Workloads []WorkloadVerdict `json:"workloads"`
	Waivers   []WaiverState     `json:"waivers"`
	Warnings  []string          `json:"warnings"`
	// judgedAt is Options.Now: waivers expire by it, and the OSCAL
	// document is dated by it.
	judgedAt time.Time
}

// Failed reports whether the exit code is 1.
func (r *Result) Failed() bool { return r.Summary.Failing > 0 }

type auditor struct {
	opt Options
	cfg pipeline.Config
	res *Result
}

// Run judges every resource instance of a decoded plan or state.
func Run(in *Input, opt Options) *Result {
	if opt.Model == nil {
		opt.Model = model.Default()
	}
	if opt.Baseline == "" {
		opt.Baseline = evidence.JudgeBaseline
	}
	if opt.Threshold == "" {
		opt.Threshold = "low"
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now().UTC()
	}
	now := opt.Now
	a := &auditor{opt: opt, cfg: pipeline.Config{Model: opt.Model, Evidence: opt.Engine, Now: func() time.Time { return now }}, res: &Result{
		Kind: in.Kind, FormatVersion: in.FormatVersion, TerraformVersion: in.TerraformVersion,
		Matrix: opt.Model.Matrix().ID, Baseline: opt.Baseline, Threshold: opt.Threshold,
		Findings: []Finding{}, Judged: []string{}, NotJudged: []string{}, Workloads: []WorkloadVerdict{}, Warnings: []string{},
		judgedAt: now,
	}}
	if opt.Custom != nil {
		a.res.Baseline = opt.Custom.Name
	}
	for i := range in.Instances {
		a.instance(&in.Instances[i])
	}
	a.applyWaivers()
	a.summarize()
	return a.res
}

func (a *auditor) warn(format string, args ...any) {
	a.res.Warnings = append(a.res.Warnings, fmt.Sprintf(format, args...))
}

func (a *auditor) instance(inst *Instance) {
	s := &a.res.Summary
	if inst.Mode == "data" {
		s.Skipped++
		return
	}
	switch {
	case inst.Type != WorkloadType && !a.mapped(inst.Type) && strings.HasPrefix(inst.Type, "srm_"):
		// The provider's own logical resources (srm_baseline) hold no
		// controls of a real resource.
		return
	}
	s.Resources++
	switch {
	case inst.Type == WorkloadType:
		s.Workloads++
		a.res.Judged = append(a.res.Judged, inst.Address)
		a.workload(inst)
	case a.mapped(inst.Type):
		s.Judged++
		a.res.Judged = append(a.res.Judged, inst.Address)
		a.resource(inst)
	default:
		s.NotJudged++
		a.res.NotJudged = append(a.res.NotJudged, inst.Address)
	}
}

// mapped is the one place that decides whether a type is judged.
func (a *auditor) mapped(typ string) bool {
	_, ok := a.opt.Engine.Resource(typ)
	return ok
}

// settings are what a resource is judged under, and why.
type settings struct {
	serviceModel, smWhy string
	classification      string
	baseline            string
	custom              *policy.CustomBaseline
	workload            string
}

func (a *auditor) settingsFor(inst *Instance) settings {
	r, _ := a.opt.Engine.Resource(inst.Type)
	s := settings{serviceModel: r.ServiceModel, smWhy: "the default for " + inst.Type,
		classification: "internal", baseline: a.opt.Baseline, custom: a.opt.Custom}
	if e, i := a.opt.Config.match(inst.Address); e != nil {
		where := fmt.Sprintf("config workloads[%d] (%s)", i, e.Match)
		if e.ServiceModel != "" {
			s.serviceModel, s.smWhy = e.ServiceModel, where
		}
		if e.Classification != "" {
			s.classification = e.Classification
		}
		if e.custom != nil {
			s.custom = e.custom
		} else if e.Baseline != "" {
			s.baseline, s.custom = e.Baseline, nil
		}
		s.workload = e.Workload
	}
	if sm, key, ok := serviceModelTag(inst.Values); ok {
		if _, valid := a.opt.Model.ServiceModel(sm); valid {
			s.serviceModel, s.smWhy = sm, "its "+key+" tag"
		} else {
			a.warn("%s: tag %s is not a service model (valid values are %s); using %s", inst.Address, key,
				model.Quoted(a.opt.Model.ServiceModelIDs()), s.serviceModel)
		}
	}
	return s
}

// serviceModelTag reads the srm:service_model tag or label, when known.
func serviceModelTag(values any) (string, string, bool) {
	obj, _ := values.(map[string]any)
	for _, attr := range []string{"tags", "labels", "tags_all"} {
		tags, _ := obj[attr].(map[string]any)
		for _, key := range []string{ServiceModelTag, ServiceModelLabel} {
			if v, ok := tags[key].(string); ok {
				return v, key, true
			}
		}
	}
	return "", "", false
}

// judge is the one call that judges a resource: pipeline.Resource, the
// code path of resource_findings, under the resource's service model,
// classification and baseline, with its sensitive attributes' messages
// built from the mapping's fixed text.
func (a *auditor) judge(inst *Instance, s settings) ([]finding.Finding, error) {
	return pipeline.Resource(a.cfg, inst.Type, inst.Address, inst.Values,
		pipeline.WithServiceModel(s.serviceModel), pipeline.WithClassification(s.classification),
		pipeline.WithBaseline(s.baseline), pipeline.WithCustom(s.custom),
		pipeline.WithSensitive(func(attr string) bool { return sensitiveAt(inst.Sensitive, attr) }))
}

func (a *auditor) resource(inst *Instance) {
	s := a.settingsFor(inst)
	fs, err := a.judge(inst, s)
	if err != nil {
		a.warn("%s: not judged: %v", inst.Address, err)
		return
	}
	for _, f := range fs {
		a.res.Findings = append(a.res.Findings, a.fromFinding(inst, s, f))
	}
}

// fromFinding is the one adapter from the pipeline's finding to the
// audit's.
func (a *auditor) fromFinding(inst *Instance, s settings, f finding.Finding) Finding {
	return Finding{
		Address: inst.Address, Module: inst.Module, Type: inst.Type, ID: f.ID,
		Control: f.Control, Domain: f.Domain, Owner: f.Owner, OwnerReason: a.ownerReason(f.Domain, s),
		ServiceModel: s.serviceModel, Workload: s.workload, Severity: f.Severity, Status: f.Status,
		Attribute: f.Attribute, Message: f.Message, Remediation: f.Remediation, References: nonNil(f.References),
		Source: SourceResource,
	}
}

func (a *auditor) ownerReason(domain string, s settings) string {
	m := a.opt.Model
	cell, ok := m.Cell(domain, s.serviceModel)
	if !ok {
		return ""
	}
	d, _ := m.Domain(domain)
	why := fmt.Sprintf("Under %s (%s), the %s matrix makes %s %s-owned", s.serviceModel, s.smWhy, m.Matrix().Name, d.Name, cell.Owner)
	if cell.Basis == model.BasisFallback {
		why += " (the vendor publishes no such cell; the consensus cell stands in)"
	}
	if cell.CustomerResponsibility != "" {
		why += ". Customer side: " + strings.TrimSuffix(cell.CustomerResponsibility, ".")
	}
	return why + "."
}

// workload reports an srm_workload with the findings its plan computed:
// the provider judged it with its own settings, so its verdict stands.
func (a *auditor) workload(inst *Instance) {
	obj, _ := inst.Values.(map[string]any)
	name, _ := obj["name"].(string)
	if sensitiveAt(inst.Sensitive, "name") {
		name = ""
	}
	sm, _ := obj["service_model"].(string)
	v := WorkloadVerdict{Address: inst.Address, Name: name}
	raw := obj["findings"]
	list, known := raw.([]any)
	v.FindingsKnown = known || raw == nil
	if policy.ContainsUnknown(raw) {
		v.FindingsKnown = false
	}
	if v.FindingsKnown {
		for i, el := range list {
			f, ok := el.(map[string]any)
			if !ok {
				continue
			}
			out := workloadFinding(inst, sm, name, f)
			if !slices.Contains(statusOrder, out.Status) || !slices.Contains(model.Severities, out.Severity) ||
				out.Control == "" || out.Domain == "" || out.Owner == "" {
				a.warn("%s: findings[%d] is not a finding the provider writes (status, severity, control, domain or owner); ignored", inst.Address, i)
				continue
			}
			if sensitiveAt(inst.Sensitive, fmt.Sprintf("findings[%d]", i)) {
				out.Message = fmt.Sprintf("%s: %s is %s (the message is sensitive).", inst.Address, out.Control, out.Status)
			}
			a.res.Findings = append(a.res.Findings, out)
			v.Findings++
		}
	}
	a.res.Workloads = append(a.res.Workloads, v)
}

func workloadFinding(inst *Instance, sm, name string, f map[string]any) Finding {
	str := func(k string) string { s, _ := f[k].(string); return s }
	out := Finding{
		Address: inst.Address, Module: inst.Module, Type: inst.Type, ID: str("id"), Control: str("control"),
		Domain: str("domain"), Owner: str("owner"), ServiceModel: sm, Workload: name, Severity: str("severity"),
		Status: str("status"), Attribute: str("attribute"), Message: str("message"), Remediation: str("remediation"),
		References: []string{}, Source: SourceWorkload,
		OwnerReason: fmt.Sprintf("As the workload's own plan computed it: under %s the provider's matrix makes this domain %s-owned.", sm, str("owner")),
	}
	if out.ID == "" {
		out.ID = out.Control
	}
	switch r := str("resource"); {
	case r != "" && out.Attribute != "":
		out.Attribute = r + "." + out.Attribute
	case r == "":
		// A declared value: the workload's own attribute, which is the
		// control id ("encryption.at_rest").
		out.Attribute = out.Control
	}
	if refs, ok := f["references"].([]any); ok {
		for _, r := range refs {
			if s, ok := r.(string); ok {
				out.References = append(out.References, s)
			}
		}
	}
	if ex, ok := f["exception"].(map[string]any); ok && out.Status == StatusWaived {
		s := func(k string) string { v, _ := ex[k].(string); return v }
		out.Waiver = &Waiver{Address: inst.Address, Finding: out.Control, Justification: s("justification"),
			ApprovedBy: s("approved_by"), Expires: s("expires")}
	}
	return out
}

func (a *auditor) summarize() {
	s := &a.res.Summary
	limit := severityRank(a.opt.Threshold)
	for _, f := range a.res.Findings {
		switch f.Status {
		case StatusViolated:
			s.Violated++
			if limit >= 0 && severityRank(f.Severity) >= limit {
				s.Failing++
			}
		case StatusWaived:
			s.Waived++
		case StatusDeferred:
			s.Deferred++
		}
	}
}

// severityRank orders severities from low (0) to critical (3); -1 for
// ThresholdNone or an unknown severity.
func severityRank(sev string) int {
	i := slices.Index(model.Severities, sev)
	if i < 0 {
		return -1
	}
	return len(model.Severities) - 1 - i
}

// Thresholds lists the valid --severity-threshold values.
func Thresholds() []string {
	return append(slices.Clone(model.Severities), ThresholdNone)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
