package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// The same two workloads at plan, while encryption.at_rest and
// identity.mfa_required are unknown, and after apply, where at_rest turned
// out false and MFA true. The ingress finding's references hold a repeat,
// as srm_workload's findings of that control do: "CIS Controls v8 4.4" comes
// from both the catalog and the firewall detector.
var ingressReferences = []string{"NIST SP 800-53 Rev. 5 SC-7", "CIS Controls v8 4.4", "NIST SP 800-53 Rev. 5 CM-7",
	"CIS Controls v8 4.4", "CIS AWS Foundations v5.0 5.3"}

const ingressReferencesOnce = "NIST SP 800-53 Rev. 5 SC-7; CIS Controls v8 4.4; NIST SP 800-53 Rev. 5 CM-7; CIS AWS Foundations v5.0 5.3"

var waiver = &Exception{Justification: "Public download mirror | signed off\nby the board", ApprovedBy: "security-board", Expires: "2099-12-31"}

func waivedFinding() Finding {
	return Finding{Control: "storage.public_access", Domain: "data_protection", Owner: "shared", Severity: "critical",
		Status: finding.StatusWaived, Message: "storage.public_access is true.", Remediation: "Block public access.",
		References: []string{"NIST SP 800-53 Rev. 5 AC-3"}, Exception: waiver}
}

func ingressFinding() Finding {
	return Finding{Control: "network.ingress_rules", Domain: "network_configuration", Owner: "customer", Severity: "critical",
		Status: finding.StatusViolated, Message: "rule 0 opens administrative port 22 to 0.0.0.0/0 (tcp 22).",
		Remediation: "Restrict rule 0 to known administrator ranges.", References: ingressReferences}
}

// judged is the fixtures' assessment time.
var judged = time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)

func planReport() *Report {
	return &Report{Title: "Change 42", Timestamp: judged, Workloads: []Workload{
		{Name: "payments-api", ServiceModel: "paas", Baseline: "strict", Findings: []Finding{
			{Control: "encryption.at_rest", Domain: "data_protection", Owner: "shared", Severity: "high", Status: finding.StatusDeferred,
				Message: "encryption.at_rest is not known until apply; it is checked again then.", Remediation: "Turn on storage encryption.",
				References: []string{"NIST SP 800-53 Rev. 5 SC-28"}},
			waivedFinding(),
		}},
		{Name: "legacy-batch", ServiceModel: "iaas", Baseline: "standard", Findings: []Finding{
			{Control: "identity.mfa_required", Domain: "identity_access", Owner: "customer", Severity: "critical", Status: finding.StatusDeferred,
				Message: "identity.mfa_required is not known until apply; it is checked again then.", Remediation: "Require MFA."},
			ingressFinding(),
		}},
	}}
}

func applyReport() *Report {
	return &Report{Title: "Change 42", Timestamp: judged, Workloads: []Workload{
		{Name: "payments-api", ServiceModel: "paas", Baseline: "strict", Findings: []Finding{
			{Control: "encryption.at_rest", Domain: "data_protection", Owner: "shared", Severity: "high", Status: finding.StatusViolated,
				Message: "encryption.at_rest is false; the \"strict\" baseline needs encryption.at_rest = true.", Remediation: "Turn on storage encryption.",
				References: []string{"NIST SP 800-53 Rev. 5 SC-28"}},
			waivedFinding(),
		}},
		{Name: "legacy-batch", ServiceModel: "iaas", Baseline: "standard", Findings: []Finding{ingressFinding()}},
	}}
}

// row is what a report says of one finding, read back from its output.
type row struct {
	Workload, Control, Status, Message, Remediation, References, Exception string
}

const waiverRow = "Public download mirror | signed off\nby the board / security-board / 2099-12-31"

func exceptionRow(justification, approver, expires string) string {
	if justification == "" && approver == "" && expires == "" {
		return ""
	}
	return justification + " / " + approver + " / " + expires
}

// counts is what a report says of its totals.
type counts struct{ Total, Violated, Waived, Deferred int }

// readers read the findings and the counts back out of each format,
// independently of the types that write them.
var readers = map[string]func(t *testing.T, out string) ([]row, counts){
	FormatMarkdown: readMarkdown,
	FormatJSON:     readJSON,
	FormatSARIF:    readSARIF,
	FormatOSCAL:    readOSCAL,
}

// readOSCAL reads the assessment results' findings: the workload, control
// and status from their props, the message and remediation from their
// description and remarks, the references from their "reference" props and
// a waiver from the related risk.
func readOSCAL(t *testing.T, out string) ([]row, counts) {
	t.Helper()
	type prop struct{ Name, Value string }
	propOf := func(ps []prop, name string) []string {
		var out []string
		for _, p := range ps {
			if p.Name == name {
				out = append(out, p.Value)
			}
		}
		return out
	}
	var doc struct {
		AR struct {
			Results []struct {
				Findings []struct {
					Description, Remarks string
					Props                []prop
					RelatedRisks         []struct {
						RiskUUID string `json:"risk-uuid"`
					} `json:"related-risks"`
				}
				Risks []struct {
					UUID, Statement, Deadline string
					Remediations              []struct{ Props []prop }
				}
			}
		} `json:"assessment-results"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("OSCAL: %v", err)
	}
	if len(doc.AR.Results) != 1 {
		t.Fatalf("OSCAL: %d results, want 1", len(doc.AR.Results))
	}
	res := doc.AR.Results[0]
	var rows []row
	var c counts
	for _, f := range res.Findings {
		one := func(name string) string { return strings.Join(propOf(f.Props, name), "") }
		r := row{one("workload"), one("control"), one("status"), f.Description, f.Remarks,
			strings.Join(propOf(f.Props, "reference"), "; "), ""}
		for _, rr := range f.RelatedRisks {
			for _, risk := range res.Risks {
				if risk.UUID == rr.RiskUUID && len(risk.Remediations) == 1 {
					p := risk.Remediations[0].Props
					r.Exception = exceptionRow(risk.Statement, strings.Join(propOf(p, "approved-by"), ""),
						strings.Join(propOf(p, "exception-expires"), ""))
				}
			}
		}
		c.Total++
		switch r.Status {
		case finding.StatusViolated:
			c.Violated++
		case finding.StatusWaived:
			c.Waived++
		case finding.StatusDeferred:
			c.Deferred++
		}
		rows = append(rows, r)
	}
	return rows, c
}

func readJSON(t *testing.T, out string) ([]row, counts) {
	t.Helper()
	var doc struct {
		Summary   counts `json:"summary"`
		Workloads []struct {
			Name     string `json:"name"`
			Findings []struct {
				Control, Status, Message, Remediation string
				References                            []string
				Exception                             *struct {
					Justification string `json:"justification"`
					ApprovedBy    string `json:"approved_by"`
					Expires       string `json:"expires"`
				} `json:"exception"`
			} `json:"findings"`
		} `json:"workloads"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("JSON: %v", err)
	}
	var rows []row
	for _, w := range doc.Workloads {
		for _, f := range w.Findings {
			r := row{w.Name, f.Control, f.Status, f.Message, f.Remediation, strings.Join(f.References, "; "), ""}
			if e := f.Exception; e != nil {
				r.Exception = exceptionRow(e.Justification, e.ApprovedBy, e.Expires)
			}
			rows = append(rows, r)
		}
	}
	return rows, doc.Summary
}

func readSARIF(t *testing.T, out string) ([]row, counts) {
	t.Helper()
	run := mustBeValidSARIF(t, out)
	var rows []row
	var c counts
	for _, res := range run.Results {
		p := res.Properties
		r := row{p.Workload, res.RuleID, p.Status, strings.TrimPrefix(text(res.Message), p.Workload+": "), p.Remediation,
			strings.Join(p.References, "; "), ""}
		c.Total++
		switch {
		case res.Kind == KindOpen:
			c.Deferred++
		case len(res.Suppressions) > 0:
			c.Waived++
			s := res.Suppressions[0]
			r.Exception = exceptionRow(s.Justification, s.Properties.ApprovedBy, s.Properties.Expires)
		default:
			c.Violated++
		}
		rows = append(rows, r)
	}
	return rows, c
}

// readMarkdown parses the report's summary line and its finding tables.
func readMarkdown(t *testing.T, out string) ([]row, counts) {
	t.Helper()
	var rows []row
	var c counts
	workload := ""
	for _, line := range strings.Split(out, "\n") {
		var workloads int
		if n, _ := fmt.Sscanf(line, "%d workloads, %d violated, %d waived, %d deferred.", &workloads, &c.Violated, &c.Waived, &c.Deferred); n == 4 {
			c.Total = c.Violated + c.Waived + c.Deferred
		}
		if h, ok := strings.CutPrefix(line, "## "); ok {
			workload, _, _ = strings.Cut(unescapeMarkdown(h), " (")
			continue
		}
		cells := splitRow(line)
		if len(cells) != 7 || cells[0] == "Severity" || cells[0] == "---" {
			continue
		}
		r := row{workload, strings.Trim(cells[1], "`"), cells[2], cells[3], cells[4], cells[5], ""}
		if cells[6] != "" {
			justification, rest, _ := strings.Cut(cells[6], "\nApproved by: ")
			approver, expires, _ := strings.Cut(rest, "\nExpires: ")
			r.Exception = exceptionRow(justification, approver, expires)
		}
		rows = append(rows, r)
	}
	return rows, c
}

// splitRow splits a table row on its unescaped pipes and unescapes the
// cells; nil for a line that is not a table row.
func splitRow(line string) []string {
	if !strings.HasPrefix(line, "| ") || !strings.HasSuffix(line, " |") {
		return nil
	}
	var cells []string
	var cur strings.Builder
	body := line[2 : len(line)-2]
	for i := 0; i < len(body); i++ {
		switch {
		case body[i] == '\\' && i+1 < len(body):
			cur.WriteByte(body[i])
			cur.WriteByte(body[i+1])
			i++
		case strings.HasPrefix(body[i:], " | "):
			cells = append(cells, unescapeMarkdown(cur.String()))
			cur.Reset()
			i += 2
		default:
			cur.WriteByte(body[i])
		}
	}
	return append(cells, unescapeMarkdown(cur.String()))
}

func unescapeMarkdown(s string) string {
	s = strings.ReplaceAll(s, "<br>", "\n")
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// Every format lists the same findings with the same status, message,
// remediation, references (each once) and waiver, and the same counts, at
// plan (deferred findings present) and at apply.
func TestFormats_SameContentAtPlanAndApply(t *testing.T) {
	t.Parallel()
	m := model.Default()
	waived := row{"payments-api", "storage.public_access", "waived", "storage.public_access is true.", "Block public access.",
		"NIST SP 800-53 Rev. 5 AC-3", waiverRow}
	ingress := row{"legacy-batch", "network.ingress_rules", "violated", "rule 0 opens administrative port 22 to 0.0.0.0/0 (tcp 22).",
		"Restrict rule 0 to known administrator ranges.", ingressReferencesOnce, ""}
	cases := map[string]struct {
		report func() *Report
		rows   []row
		counts counts
	}{
		"plan": {planReport, []row{
			{"payments-api", "encryption.at_rest", "deferred", "encryption.at_rest is not known until apply; it is checked again then.",
				"Turn on storage encryption.", "NIST SP 800-53 Rev. 5 SC-28", ""},
			waived,
			{"legacy-batch", "identity.mfa_required", "deferred", "identity.mfa_required is not known until apply; it is checked again then.",
				"Require MFA.", "", ""},
			ingress,
		}, counts{Total: 4, Violated: 1, Waived: 1, Deferred: 2}},
		"apply": {applyReport, []row{
			{"payments-api", "encryption.at_rest", "violated", "encryption.at_rest is false; the \"strict\" baseline needs encryption.at_rest = true.",
				"Turn on storage encryption.", "NIST SP 800-53 Rev. 5 SC-28", ""},
			waived,
			ingress,
		}, counts{Total: 3, Violated: 2, Waived: 1, Deferred: 0}},
	}
	for name, tc := range cases {
		for _, format := range Formats {
			t.Run(name+"/"+format, func(t *testing.T) {
				t.Parallel()
				out, err := Generate(m, tc.report(), format)
				if err != nil {
					t.Fatal(err)
				}
				s := out.Summary
				if got := (counts{s.Total, s.Violated, s.Waived, s.Deferred}); got != tc.counts {
					t.Errorf("Summary counts = %+v, want %+v", got, tc.counts)
				}
				rows, c := readers[format](t, out.Content)
				if !reflect.DeepEqual(rows, tc.rows) {
					t.Errorf("findings read back:\n%s\nwant\n%s", dumpRows(rows), dumpRows(tc.rows))
				}
				if c != tc.counts {
					t.Errorf("the %s report counts %+v, want %+v", format, c, tc.counts)
				}
			})
		}
	}
}

func dumpRows(rows []row) string {
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "  %q\n", []string{r.Workload, r.Control, r.Status, r.Message, r.Remediation, r.References, r.Exception})
	}
	return b.String()
}

// A reference given twice is listed once everywhere it is written,
// including a SARIF rule's help, which gathers the references of all the
// rule's findings.
func TestFormats_ReferencesOnce(t *testing.T) {
	t.Parallel()
	m := model.Default()
	r := applyReport()
	second := ingressFinding()
	second.References = append([]string{" CIS Controls v8 4.4 ", "", "CIS AWS Foundations v5.0 5.4"}, second.References...)
	r.Workloads[1].Findings = append(r.Workloads[1].Findings, second)
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			out, err := Render(m, r, format)
			if err != nil {
				t.Fatal(err)
			}
			rows, _ := readers[format](t, out)
			want := map[string]string{
				"network.ingress_rules#0": ingressReferencesOnce,
				"network.ingress_rules#1": "CIS Controls v8 4.4; CIS AWS Foundations v5.0 5.4; NIST SP 800-53 Rev. 5 SC-7; NIST SP 800-53 Rev. 5 CM-7; CIS AWS Foundations v5.0 5.3",
			}
			seen := map[string]int{}
			for _, row := range rows {
				key := fmt.Sprintf("%s#%d", row.Control, seen[row.Control])
				seen[row.Control]++
				if w, ok := want[key]; ok && row.References != w {
					t.Errorf("%s references = %q, want %q", key, row.References, w)
				}
			}
			if format != FormatSARIF {
				return
			}
			for _, rule := range mustBeValidSARIF(t, out).Tool.Driver.Rules {
				if rule.ID != "network.ingress_rules" {
					continue
				}
				help := text(rule.Help)
				for _, ref := range []string{"CIS Controls v8 4.4", "CIS AWS Foundations v5.0 5.3", "CIS AWS Foundations v5.0 5.4"} {
					if n := strings.Count(help, ref); n != 1 {
						t.Errorf("rule help names %q %d times: %s", ref, n, help)
					}
				}
			}
		})
	}
}

// In SARIF a deferred finding is an open result at level none, and a waived
// one a failing result at its severity's level, suppressed externally with
// the exception's justification, approver and expiry.
func TestSARIF_DeferredAndWaived(t *testing.T) {
	t.Parallel()
	out, err := SARIF(model.Default(), planReport())
	if err != nil {
		t.Fatal(err)
	}
	run := mustBeValidSARIF(t, out)
	type result struct {
		rule, kind, level, suppression string
	}
	var got []result
	for _, res := range run.Results {
		r := result{res.RuleID, res.Kind, res.Level, ""}
		for _, s := range res.Suppressions {
			r.suppression += fmt.Sprintf("%s/%s/%s/%s/%s", s.Kind, s.Status, s.Justification, s.Properties.ApprovedBy, s.Properties.Expires)
		}
		got = append(got, r)
	}
	want := []result{
		{"encryption.at_rest", "open", "none", ""},
		{"storage.public_access", "fail", "error", "external/accepted/Public download mirror | signed off\nby the board/security-board/2099-12-31"},
		{"identity.mfa_required", "open", "none", ""},
		{"network.ingress_rules", "fail", "error", ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("results = %q\nwant %q", got, want)
	}
	if b := run.Results[0].Properties.Baseline; b != "strict" {
		t.Errorf("baseline property = %q, want strict", b)
	}

	// A waived finding whose exception was not supplied is still suppressed,
	// without a made-up justification.
	r := planReport()
	r.Workloads[0].Findings[1].Exception = nil
	out, err = SARIF(model.Default(), r)
	if err != nil {
		t.Fatal(err)
	}
	s := mustBeValidSARIF(t, out).Results[1].Suppressions
	if len(s) != 1 || s[0].Kind != "external" || s[0].Status != "accepted" || s[0].Justification != "" || strings.Contains(out, `"approved_by"`) {
		t.Errorf("suppression without an exception = %+v", s)
	}
}

// The Markdown report says when deferred controls are judged, only when
// there are some, and names each workload's baseline when given.
func TestMarkdown_DeferredNoteAndBaseline(t *testing.T) {
	t.Parallel()
	m := model.Default()
	plan := Markdown(m, planReport())
	apply := Markdown(m, applyReport())
	if !strings.Contains(plan, "\n2 workloads, 1 violated, 1 waived, 2 deferred.\n\n"+deferredNote+"\n\n## Findings") {
		t.Errorf("plan report lacks the deferred note:\n%s", plan)
	}
	if strings.Contains(apply, deferredNote) {
		t.Errorf("apply report has the deferred note with nothing deferred:\n%s", apply)
	}
	for _, want := range []string{"\n## payments-api (paas, baseline: strict)\n", "\n## legacy-batch (iaas, baseline: standard)\n"} {
		if !strings.Contains(plan, want) || !strings.Contains(apply, want) {
			t.Errorf("reports lack heading %q", want)
		}
	}
}

func TestGenerate(t *testing.T) {
	t.Parallel()
	m := model.Default()
	// Generate completes hand-written findings before it renders.
	r := &Report{Workloads: []Workload{{Name: "crm", ServiceModel: "saas", Findings: []Finding{
		{Control: "identity.mfa_required", Status: finding.StatusDeferred},
	}}}}
	out, err := Generate(m, r, FormatJSON)
	if err != nil {
		t.Fatal(err)
	}
	if out.Summary.Deferred != 1 || !strings.Contains(out.Content, `"domain": "identity_access"`) {
		t.Errorf("Generate = %+v", out)
	}
	if want, _ := Render(m, r, FormatJSON); out.Content != want {
		t.Error("Generate and Render disagree")
	}

	// An exception on a finding that is not waived is an error naming it.
	bad := planReport()
	bad.Workloads[1].Findings[1].Exception = waiver
	_, err = Generate(m, bad, FormatMarkdown)
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Workload != 1 || fe.Finding != 1 || fe.Field != "exception" ||
		!strings.Contains(err.Error(), `workloads[1].findings[1].exception is set on a "violated" finding; only "waived" findings carry an exception`) {
		t.Errorf("err = %v", err)
	}
	if _, err := Generate(m, planReport(), "html"); err == nil || !strings.Contains(err.Error(), `unknown report format "html"`) {
		t.Errorf("bad format: err = %v", err)
	}
}
