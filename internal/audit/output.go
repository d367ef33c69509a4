package audit

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/report"
)

// Output formats of srm audit.
const (
	FormatText     = "text"
	FormatJSON     = "json"
	FormatSARIF    = "sarif"
	FormatMarkdown = "markdown"
	FormatJUnit    = "junit"
	FormatOSCAL    = "oscal"
)

// Formats lists the output formats, the default first.
var Formats = []string{FormatText, FormatJSON, FormatSARIF, FormatMarkdown, FormatJUnit, FormatOSCAL}

// RenderOptions tune the renderers.
type RenderOptions struct {
	// Color adds ANSI colours to the text format (only on a terminal).
	Color bool
	// ArtifactURI gives every SARIF result a physical location (the file
	// audited, with no region: a plan has no line numbers), which GitHub
	// code scanning requires.
	ArtifactURI string
	// ToolVersion is srm's version, for SARIF's tool entry.
	ToolVersion string
}

// Render writes a result in one of Formats.
func Render(m *model.Model, r *Result, format string, o RenderOptions) (string, error) {
	switch format {
	case FormatText, "":
		return Text(m, r, o.Color), nil
	case FormatJSON:
		out, err := json.MarshalIndent(r, "", "  ")
		return string(out) + "\n", err
	case FormatSARIF:
		return SARIF(m, r, o)
	case FormatMarkdown:
		return Markdown(m, r), nil
	case FormatJUnit:
		return JUnit(r)
	case FormatOSCAL:
		return OSCAL(m, r)
	}
	return "", fmt.Errorf("unknown format %q: valid values are %s", format, model.Quoted(Formats))
}

// ownerOrder lists owners as the reports group them: what the customer
// must fix first.
var ownerOrder = []string{model.OwnerCustomer, model.OwnerShared, model.OwnerProvider}

var statusOrder = []string{StatusViolated, StatusWaived, StatusDeferred}

// group is the findings of one owner and control.
type group struct {
	owner, control string
	findings       []Finding
}

// grouped orders findings by owner, then control (catalog order), then
// status and address.
func grouped(m *model.Model, fs []Finding) []group {
	controlRank := map[string]int{}
	for i, id := range m.ControlIDs() {
		controlRank[id] = i
	}
	rank := func(list []string, s string) int {
		if i := slices.Index(list, s); i >= 0 {
			return i
		}
		return len(list)
	}
	sorted := slices.Clone(fs)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		if x, y := rank(ownerOrder, a.Owner), rank(ownerOrder, b.Owner); x != y {
			return x < y
		}
		if a.Control != b.Control {
			x, okX := controlRank[a.Control]
			y, okY := controlRank[b.Control]
			if okX != okY {
				return okX
			}
			if x != y {
				return x < y
			}
			return a.Control < b.Control
		}
		if x, y := rank(statusOrder, a.Status), rank(statusOrder, b.Status); x != y {
			return x < y
		}
		return a.Address < b.Address
	})
	var out []group
	for _, f := range sorted {
		if n := len(out); n > 0 && out[n-1].owner == f.Owner && out[n-1].control == f.Control {
			out[n-1].findings = append(out[n-1].findings, f)
			continue
		}
		out = append(out, group{owner: f.Owner, control: f.Control, findings: []Finding{f}})
	}
	return out
}

func controlTitle(m *model.Model, id string) string {
	if c, ok := m.Control(id); ok {
		return c.Title
	}
	return ""
}

func headline(r *Result) string {
	s := r.Summary
	return fmt.Sprintf("%d violated, %d waived, %d deferred; %d at or above %s", s.Violated, s.Waived, s.Deferred, s.Failing, r.Threshold)
}

func scope(r *Result) string {
	s := r.Summary
	client := r.TerraformVersion
	if client == "" {
		client = "unknown client"
	}
	return fmt.Sprintf("%s written by version %s (format %s), matrix %s, baseline %s; %d resources: %d judged, %d srm_workload, %d not judged, %d data sources skipped",
		r.Kind, client, r.FormatVersion, r.Matrix, r.Baseline, s.Resources, s.Judged, s.Workloads, s.NotJudged, s.Skipped)
}

// Text is the terminal summary: findings grouped by owner and control, each
// with its resource, attribute, fix and why the owner owns it.
func Text(m *model.Model, r *Result, color bool) string {
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return "\x1b[" + code + "m" + s + "\x1b[0m"
	}
	statusColor := map[string]string{StatusViolated: "31;1", StatusWaived: "36", StatusDeferred: "33"}
	var b strings.Builder
	fmt.Fprintf(&b, "srm audit: %s\n%s\n", headline(r), scope(r))
	owner := ""
	for _, g := range grouped(m, r.Findings) {
		if g.owner != owner {
			owner = g.owner
			fmt.Fprintf(&b, "\n%s\n", paint("1", "Owner: "+owner))
		}
		title := controlTitle(m, g.control)
		if title != "" {
			title = " — " + title
		}
		fmt.Fprintf(&b, "\n  %s%s\n", paint("1", g.control), title)
		reason := ""
		for _, f := range g.findings {
			attr := ""
			if f.Attribute != "" {
				attr = "  (" + f.Attribute + ")"
			}
			fmt.Fprintf(&b, "    %s %s [%s]%s\n", paint(statusColor[f.Status], strings.ToUpper(f.Status)), f.Address, f.Severity, attr)
			fmt.Fprintf(&b, "      %s\n", oneLine(f.Message))
			if f.Status != StatusDeferred && f.Remediation != "" {
				fmt.Fprintf(&b, "      Fix: %s\n", oneLine(f.Remediation))
			}
			if f.Waiver != nil {
				fmt.Fprintf(&b, "      Waived: %s (approved by %s, until %s)\n", oneLine(f.Waiver.Justification), oneLine(f.Waiver.ApprovedBy), f.Waiver.Expires)
			}
			if f.OwnerReason != reason {
				reason = f.OwnerReason
				fmt.Fprintf(&b, "      Why %s: %s\n", f.Owner, oneLine(reason))
			}
		}
	}
	if len(r.Findings) == 0 {
		b.WriteString("\nNo findings.\n")
	}
	for _, w := range r.Workloads {
		if !w.FindingsKnown {
			fmt.Fprintf(&b, "\n%s: its findings are not known until apply.\n", w.Address)
		}
	}
	if len(r.NotJudged) > 0 {
		fmt.Fprintf(&b, "\nNot judged (%d; no evidence mapping for their type):\n", len(r.NotJudged))
		for _, a := range r.NotJudged {
			fmt.Fprintf(&b, "  %s\n", a)
		}
	}
	if len(r.Waivers) > 0 {
		b.WriteString("\nWaivers:\n")
		for _, w := range r.Waivers {
			fmt.Fprintf(&b, "  [%s] %s %s: waived %d; approved by %s until %s: %s\n", w.State, w.Address, w.Finding,
				w.Waived, oneLine(w.ApprovedBy), w.Expires, oneLine(w.Justification))
		}
	}
	if len(r.Warnings) > 0 {
		b.WriteString("\nWarnings:\n")
		for _, w := range r.Warnings {
			fmt.Fprintf(&b, "  %s %s\n", paint("33", "!"), oneLine(w))
		}
	}
	return b.String()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Markdown is a pull-request comment: counts, a table per owner, the
// resources not judged and the waivers.
func Markdown(m *model.Model, r *Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## srm audit: %s\n\n%s\n", mdText(headline(r)), mdText(scope(r)))
	owner := ""
	for _, g := range grouped(m, r.Findings) {
		if g.owner != owner {
			owner = g.owner
			fmt.Fprintf(&b, "\n### Owner: %s\n\n| Status | Resource | Control | Severity | Attribute | Message | Fix |\n|---|---|---|---|---|---|---|\n", mdText(owner))
		}
		for _, f := range g.findings {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", f.Status, mdCode(f.Address), mdCode(f.Control), mdText(f.Severity),
				mdCode(f.Attribute), mdText(f.Message), mdText(f.Remediation))
		}
	}
	if len(r.Findings) == 0 {
		b.WriteString("\nNo findings.\n")
	}
	if len(r.NotJudged) > 0 {
		fmt.Fprintf(&b, "\n<details><summary>Not judged: %d of types with no evidence mapping</summary>\n\n", len(r.NotJudged))
		for _, a := range r.NotJudged {
			fmt.Fprintf(&b, "- %s\n", mdCode(a))
		}
		b.WriteString("\n</details>\n")
	}
	if len(r.Waivers) > 0 {
		b.WriteString("\n### Waivers\n\n| Address | Finding | State | Waived | Approved by | Expires | Justification |\n|---|---|---|---|---|---|---|\n")
		for _, w := range r.Waivers {
			fmt.Fprintf(&b, "| %s | %s | %s | %d | %s | %s | %s |\n", mdCode(w.Address), mdCode(w.Finding), w.State, w.Waived,
				mdText(w.ApprovedBy), mdText(w.Expires), mdText(w.Justification))
		}
	}
	if len(r.Warnings) > 0 {
		b.WriteString("\n### Warnings\n\n")
		for _, w := range r.Warnings {
			fmt.Fprintf(&b, "- %s\n", mdText(w))
		}
	}
	return b.String()
}

var mdEscaper = strings.NewReplacer("|", "\\|", "<", "&lt;", ">", "&gt;", "*", "\\*", "`", "\\`", "[", "\\[", "]", "\\]")

func mdText(s string) string { return mdEscaper.Replace(oneLine(s)) }

func mdCode(s string) string {
	if s == "" {
		return ""
	}
	return "`" + strings.NewReplacer("`", "'", "|", "\\|").Replace(oneLine(s)) + "`"
}

// SARIF renders the findings through the report package's SARIF 2.1.0
// writer: one result per finding, whose logical location is the resource
// instance's address, module path included.
func SARIF(m *model.Model, r *Result, o RenderOptions) (string, error) {
	rep := asReport(r, sarifMessage)
	rep.ArtifactURI, rep.ToolVersion = o.ArtifactURI, o.ToolVersion
	out, err := report.Generate(m, rep, report.FormatSARIF)
	if err != nil {
		return "", err
	}
	return withRunProperties(out.Content, r)
}

// withRunProperties adds what a SARIF result cannot carry to the run: the
// waivers and their states in its property bag (SARIF 2.1.0 §3.8), and the
// warnings as tool execution notifications of an invocation (§3.20.21).
func withRunProperties(sarif string, r *Result) (string, error) {
	var log map[string]any
	if err := json.Unmarshal([]byte(sarif), &log); err != nil {
		return "", err
	}
	runs, _ := log["runs"].([]any)
	if len(runs) == 0 {
		return "", fmt.Errorf("the SARIF writer wrote no run")
	}
	run := runs[0].(map[string]any)
	// Each result's logical location: the instance's own name
	// ("aws_kms_key.this[\"eu\"]") and its full address, module path
	// included (SARIF 2.1.0 §3.33.4, §3.33.5).
	results, _ := run["results"].([]any)
	for _, res := range results {
		locs, _ := res.(map[string]any)["locations"].([]any)
		for _, loc := range locs {
			logical, _ := loc.(map[string]any)["logicalLocations"].([]any)
			for _, l := range logical {
				ll := l.(map[string]any)
				if addr, ok := ll["name"].(string); ok {
					ll["fullyQualifiedName"] = addr
					ll["name"] = strings.TrimPrefix(addr, moduleOf(addr))
				}
			}
		}
	}
	run["properties"] = map[string]any{"waivers": r.Waivers, "not_judged": r.NotJudged, "summary": r.Summary}
	notes := []any{}
	for _, w := range r.Warnings {
		notes = append(notes, map[string]any{"level": "warning", "message": map[string]any{"text": w}})
	}
	run["invocations"] = []any{map[string]any{"executionSuccessful": true, "toolExecutionNotifications": notes}}
	out, err := json.MarshalIndent(log, "", "  ")
	return string(out) + "\n", err
}

// asReport is the one adapter from the audit's findings to the report
// package's: one workload per resource instance with a finding, named by
// its address, each finding's message as msg writes it, its resource the
// address and an applied waiver its exception.
func asReport(r *Result, msg func(Finding) string) *report.Report {
	rep := &report.Report{Title: "srm audit", Timestamp: r.judgedAt}
	index := map[string]int{}
	for _, f := range r.Findings {
		i, ok := index[f.Address]
		if !ok {
			i = len(rep.Workloads)
			index[f.Address] = i
			rep.Workloads = append(rep.Workloads, report.Workload{Name: f.Address, ServiceModel: f.ServiceModel, Baseline: r.Baseline})
		}
		rf := report.Finding{
			ID: f.ID, Control: f.Control, Domain: f.Domain, Owner: f.Owner, Severity: f.Severity, Status: f.Status,
			Message: msg(f), Remediation: f.Remediation, References: f.References, Resource: f.Address, Attribute: f.Attribute,
		}
		if f.Waiver != nil {
			rf.Exception = &report.Exception{Justification: f.Waiver.Justification, ApprovedBy: f.Waiver.ApprovedBy, Expires: f.Waiver.Expires}
		}
		rep.Workloads[i].Findings = append(rep.Workloads[i].Findings, rf)
	}
	return rep
}

func sarifMessage(f Finding) string {
	msg := f.Message
	if f.Attribute != "" {
		msg += " Attribute: " + f.Attribute + "."
	}
	return ownedMessage(Finding{Message: msg, Owner: f.Owner, OwnerReason: f.OwnerReason})
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Properties []junitProperty `xml:"properties>property,omitempty"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitMessage `xml:"failure,omitempty"`
	Skipped   *junitMessage `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Body    string `xml:",chardata"`
}

// JUnit writes one test case per resource instance: a failure when it has
// a violated finding, skipped when its type is not judged or its findings
// wait for apply, passing otherwise (waived findings in its output).
func JUnit(r *Result) (string, error) {
	byAddress := map[string][]Finding{}
	for _, f := range r.Findings {
		byAddress[f.Address] = append(byAddress[f.Address], f)
	}
	suite := junitSuite{Name: "srm audit"}
	for _, addr := range r.Judged {
		c := junitCase{Name: addr, Classname: classname(addr)}
		var violated, other []string
		for _, f := range byAddress[addr] {
			line := fmt.Sprintf("%s %s (%s, %s owner) %s: %s", strings.ToUpper(f.Status), f.Control, f.Severity, f.Owner, f.Attribute, oneLine(f.Message))
			if f.Status == StatusViolated {
				violated = append(violated, line)
			} else {
				other = append(other, line)
			}
		}
		switch {
		case len(violated) > 0:
			c.Failure = &junitMessage{Message: fmt.Sprintf("%d violated", len(violated)), Type: "violated", Body: strings.Join(violated, "\n")}
			suite.Failures++
		case len(other) > 0 && allDeferred(byAddress[addr]):
			c.Skipped = &junitMessage{Message: "deferred: judged at apply"}
			suite.Skipped++
		}
		c.SystemOut = strings.Join(other, "\n")
		suite.Cases = append(suite.Cases, c)
	}
	for _, addr := range r.NotJudged {
		suite.Cases = append(suite.Cases, junitCase{Name: addr, Classname: classname(addr),
			Skipped: &junitMessage{Message: "not judged: no evidence mapping for this type"}})
		suite.Skipped++
	}
	for i, w := range r.Waivers {
		suite.Properties = append(suite.Properties, junitProperty{Name: fmt.Sprintf("waiver[%d]", i),
			Value: fmt.Sprintf("%s: %s %s, waived %d, approved by %s until %s: %s", w.State, w.Address, w.Finding, w.Waived,
				oneLine(w.ApprovedBy), w.Expires, oneLine(w.Justification))})
	}
	for i, w := range r.Warnings {
		suite.Properties = append(suite.Properties, junitProperty{Name: fmt.Sprintf("warning[%d]", i), Value: oneLine(w)})
	}
	suite.Tests = len(suite.Cases)
	out, err := xml.MarshalIndent(junitSuites{Name: "srm audit", Tests: suite.Tests, Failures: suite.Failures, Skipped: suite.Skipped,
		Suites: []junitSuite{suite}}, "", "  ")
	if err != nil {
		return "", err
	}
	return xml.Header + string(out) + "\n", nil
}

func allDeferred(fs []Finding) bool {
	for _, f := range fs {
		if f.Status != StatusDeferred {
			return false
		}
	}
	return true
}

// classname is the address without its resource name: the module path and
// type, "module.db.aws_db_instance".
func classname(addr string) string {
	if i := strings.LastIndex(strings.SplitN(addr, "[", 2)[0], "."); i > 0 {
		return addr[:i]
	}
	return addr
}

// moduleOf returns the module path of an address with its trailing dot,
// "module.a[\"x\"].module.b." for module.a["x"].module.b.TYPE.NAME, "" in
// the root module.
func moduleOf(addr string) string {
	end := 0
	for rest := addr; strings.HasPrefix(rest, "module."); {
		i := len("module.")
		for i < len(rest) && rest[i] != '.' && rest[i] != '[' {
			i++
		}
		if i < len(rest) && rest[i] == '[' {
			j := strings.Index(rest[i:], "].")
			if j < 0 {
				break
			}
			i += j + 1
		}
		if i >= len(rest) || rest[i] != '.' {
			break
		}
		end += i + 1
		rest = rest[i+1:]
	}
	return addr[:end]
}
