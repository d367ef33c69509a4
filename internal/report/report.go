// Package report renders the findings of srm_workload resources as a document
// for pull requests and auditors: Markdown for people, JSON for scripts and
// SARIF 2.1.0 for code-scanning tools. It knows nothing of Terraform; the
// srm_report data source and the report function translate their arguments
// into a Report and call Generate.
//
// A report made at plan, while some values are unknown, lists the controls
// that depend on them as deferred; the same workloads after apply list them
// as violated or not at all. Both go through the same renderers, so the
// three formats carry the same findings, statuses, waivers and references
// at plan and at apply.
//
// Every renderer is deterministic: the same Report gives the same bytes.
// Workloads and their findings keep their input order (srm_workload lists
// findings in catalog order); summaries follow the model's matrix order.
// Each finding's references are listed once, in their first order.
package report

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// Output formats.
const (
	FormatMarkdown = "markdown"
	FormatJSON     = "json"
	FormatSARIF    = "sarif"
	// FormatOSCAL is OSCAL 1.1.3 assessment results (see OSCAL).
	FormatOSCAL = "oscal"
)

// Formats lists the output formats, the default first.
var Formats = []string{FormatMarkdown, FormatJSON, FormatSARIF, FormatOSCAL}

// DefaultTitle is the report's title when none is given.
const DefaultTitle = "Shared responsibility findings"

// deferredNote says what a deferred finding means; the Markdown report
// prints it under the counts when a finding is deferred.
const deferredNote = "Deferred controls depend on values that are not known until apply; they are judged then."

// Finding is one violated, waived or deferred control of a workload: the
// one finding shape (package finding). The renderers read its control,
// domain, owner, severity, status, message, remediation, references and
// exception.
type Finding = finding.Finding

// Exception is the waiver of a waived finding.
type Exception = finding.Exception

// Workload is one srm_workload and its findings.
type Workload struct {
	Name         string `json:"name"`
	ServiceModel string `json:"service_model"`
	// Baseline names the baseline the findings were judged by; empty when
	// it was not given.
	Baseline string    `json:"baseline"`
	Findings []Finding `json:"findings"`
	// File and Line say where the workload is declared (a path relative
	// to the repository root, and the line of its block), for SARIF
	// locations; empty and 0 where that is not known.
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
}

// Report is what the renderers read.
type Report struct {
	// Title heads the document; empty means DefaultTitle.
	Title     string
	Workloads []Workload
	// ArtifactURI, when set, gives every SARIF result of a workload without
	// a File a physical location: this file, with no region, since the
	// line is not known. GitHub code scanning needs a physical location.
	ArtifactURI string
	// ToolVersion is the version SARIF's tool entry carries: the
	// provider's (or srm's) own.
	ToolVersion string
	// Timestamp is when the findings were judged. The oscal format needs
	// it (OSCAL requires the times of a result and its observations); the
	// other formats do not show it.
	Timestamp time.Time
}

// Row counts the findings of one domain and owner.
type Row struct {
	Domain   string `json:"domain"`
	Owner    string `json:"owner"`
	Violated int    `json:"violated"`
	Waived   int    `json:"waived"`
	Deferred int    `json:"deferred"`
}

// Summary counts a report's findings.
type Summary struct {
	Workloads int `json:"workloads"`
	Total     int `json:"total"`
	Violated  int `json:"violated"`
	Waived    int `json:"waived"`
	Deferred  int `json:"deferred"`
	// ByDomainOwner has one row per domain and owner that has a finding,
	// domains in matrix order, then owners in the model's owner order.
	ByDomainOwner []Row `json:"by_domain_owner"`
}

// title returns the report's title on one line.
func (r *Report) title() string {
	t := strings.Join(strings.Fields(r.Title), " ")
	if t == "" {
		return DefaultTitle
	}
	return t
}

// Complete fills what a hand-written finding may leave out, from the model:
// the domain and severity from the control catalog, the owner from the
// matrix cell of the domain under the workload's service model. Values that
// are set are kept as they are.
func (r *Report) Complete(m *model.Model) {
	for wi := range r.Workloads {
		w := &r.Workloads[wi]
		for fi := range w.Findings {
			f := &w.Findings[fi]
			c, known := m.Control(f.Control)
			if f.Domain == "" && known {
				f.Domain = c.Domain
			}
			if f.Severity == "" && known {
				f.Severity = c.Severity
			}
			if f.Owner == "" && f.Domain != "" {
				if owner, err := m.Owner(w.ServiceModel, f.Domain); err == nil {
					f.Owner = owner
				}
			}
		}
	}
}

// FieldError names a finding's value that a renderer cannot place.
type FieldError struct {
	Workload int    // index in Report.Workloads
	Finding  int    // index in the workload's Findings
	Field    string // "control", "domain", "owner", "status", "severity" or "exception"
	Problem  string
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("workloads[%d].findings[%d].%s %s", e.Workload, e.Finding, e.Field, e.Problem)
}

// Validate reports the first value a renderer cannot place: a finding
// without a control id, a status or severity outside the documented values,
// a domain or owner that Complete could not fill, or an exception on a
// finding that is not waived. The error is a *FieldError that names the
// value and the valid values.
func (r *Report) Validate() error {
	for wi, w := range r.Workloads {
		for fi, f := range w.Findings {
			fail := func(field, format string, args ...any) error {
				return &FieldError{Workload: wi, Finding: fi, Field: field, Problem: fmt.Sprintf(format, args...)}
			}
			switch {
			case strings.TrimSpace(f.Control) == "":
				return fail("control", "is empty; set the control id, e.g. \"encryption.at_rest\"")
			case !slices.Contains(finding.Statuses, f.Status):
				return fail("status", "is %q; valid values are %s", f.Status, model.Quoted(finding.Statuses))
			case !slices.Contains(model.Severities, f.Severity):
				return fail("severity", "is %q; valid values are %s (leave it unset to take the catalog's for a catalog control)",
					f.Severity, model.Quoted(model.Severities))
			case f.Domain == "":
				return fail("domain", "is empty and control %q is not in the catalog; set the domain", f.Control)
			case f.Owner == "":
				return fail("owner", "is empty and could not be looked up for domain %q under service model %q; set the owner", f.Domain, w.ServiceModel)
			case f.Exception != nil && f.Status != finding.StatusWaived:
				return fail("exception", "is set on a %q finding; only %q findings carry an exception, so set status = %q or remove the exception",
					f.Status, finding.StatusWaived, finding.StatusWaived)
			}
		}
	}
	return nil
}

// Summarize counts the findings by status, and by domain and owner.
func (r *Report) Summarize(m *model.Model) Summary {
	s := Summary{Workloads: len(r.Workloads), ByDomainOwner: []Row{}}
	rows := map[[2]string]*Row{}
	for _, w := range r.Workloads {
		for _, f := range w.Findings {
			key := [2]string{f.Domain, f.Owner}
			row := rows[key]
			if row == nil {
				row = &Row{Domain: f.Domain, Owner: f.Owner}
				rows[key] = row
			}
			s.Total++
			switch f.Status {
			case finding.StatusViolated:
				s.Violated++
				row.Violated++
			case finding.StatusWaived:
				s.Waived++
				row.Waived++
			case finding.StatusDeferred:
				s.Deferred++
				row.Deferred++
			}
		}
	}
	domainRank := rankOf(m.DomainIDs())
	ownerRank := rankOf(model.Owners)
	for _, row := range rows {
		s.ByDomainOwner = append(s.ByDomainOwner, *row)
	}
	sort.Slice(s.ByDomainOwner, func(i, j int) bool {
		a, b := s.ByDomainOwner[i], s.ByDomainOwner[j]
		if c := compareRanked(domainRank, a.Domain, b.Domain); c != 0 {
			return c < 0
		}
		return compareRanked(ownerRank, a.Owner, b.Owner) < 0
	})
	return s
}

func rankOf(ids []string) map[string]int {
	out := make(map[string]int, len(ids))
	for i, id := range ids {
		out[id] = i
	}
	return out
}

// compareRanked orders known values by rank and puts unknown ones after
// them, alphabetically.
func compareRanked(rank map[string]int, a, b string) int {
	ra, okA := rank[a]
	rb, okB := rank[b]
	switch {
	case okA && okB:
		return ra - rb
	case okA:
		return -1
	case okB:
		return 1
	}
	return strings.Compare(a, b)
}

// Output is a rendered report and its counts.
type Output struct {
	Content string
	Summary Summary
}

// Generate is the one way in for callers: it completes the report from the
// model, validates it (the error is then a *FieldError), renders it in one
// of Formats ("" means markdown) and counts its findings. r is completed in
// place.
func Generate(m *model.Model, r *Report, format string) (Output, error) {
	r.Complete(m)
	if err := r.Validate(); err != nil {
		return Output{}, err
	}
	content, err := Render(m, r, format)
	if err != nil {
		return Output{}, err
	}
	return Output{Content: content, Summary: r.Summarize(m)}, nil
}

// prepared is the copy of the report that the renderers read: every
// finding's references trimmed, without blanks and without repeats (a
// reference is listed once, where it first appears), and no list nil.
func (r *Report) prepared() *Report {
	out := *r
	out.Workloads = make([]Workload, len(r.Workloads))
	for i, w := range r.Workloads {
		findings := make([]Finding, len(w.Findings))
		for j, f := range w.Findings {
			f.References = model.UniqueReferences(f.References)
			findings[j] = f
		}
		w.Findings = findings
		out.Workloads[i] = w
	}
	return &out
}

// Render writes the report in one of Formats.
func Render(m *model.Model, r *Report, format string) (string, error) {
	switch format {
	case FormatMarkdown, "":
		return Markdown(m, r), nil
	case FormatJSON:
		return JSON(m, r)
	case FormatSARIF:
		return SARIF(m, r)
	case FormatOSCAL:
		return OSCAL(m, r)
	}
	return "", fmt.Errorf("unknown report format %q; valid values are %s", format, model.Quoted(Formats))
}
