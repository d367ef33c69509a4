package report

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// sample has a compliant workload and one with a violated, a waived and a
// deferred finding in three domains, one message holding a pipe and a line
// break, the waived one with its exception.
func sample() *Report {
	return &Report{
		Timestamp: judged,
		Workloads: []Workload{
			{Name: "payments-api", ServiceModel: "iaas"},
			{Name: "legacy-batch", ServiceModel: "iaas", Baseline: "standard", Findings: []Finding{
				{
					Control: "storage.public_access", Domain: "data_protection", Owner: "shared", Severity: "critical",
					Status: finding.StatusViolated, Message: "storage.public_access is true | anyone can read\nthe bucket.",
					Remediation: "Block public access.", References: []string{"NIST SP 800-53 Rev. 5 AC-3", "CIS Controls v8 3.3"},
				},
				{
					Control: "backup.enabled", Domain: "backup_recovery", Owner: "customer", Severity: "high",
					Status: finding.StatusWaived, Message: "backup.enabled is false.", Remediation: "Enable backups.",
					Exception: &Exception{Justification: "Rebuilt from source | nightly", ApprovedBy: "platform-lead", Expires: "2099-06-30"},
				},
				{
					Control: "identity.mfa_required", Domain: "identity_access", Owner: "customer", Severity: "critical",
					Status: finding.StatusDeferred, Message: "identity.mfa_required is not known until apply.", Remediation: "Require MFA.",
					References: []string{},
				},
			}},
		},
	}
}

func TestMarkdown_Exact(t *testing.T) {
	t.Parallel()
	got := Markdown(model.Default(), sample())
	want := "# Shared responsibility findings\n" +
		"\n" +
		"2 workloads, 1 violated, 1 waived, 1 deferred.\n" +
		"\n" +
		"Deferred controls depend on values that are not known until apply; they are judged then.\n" +
		"\n" +
		"## Findings by domain and owner\n" +
		"\n" +
		"| Domain | Owner | Violated | Waived | Deferred |\n" +
		"| --- | --- | ---: | ---: | ---: |\n" +
		"| identity_access | customer | 0 | 0 | 1 |\n" +
		"| data_protection | shared | 1 | 0 | 0 |\n" +
		"| backup_recovery | customer | 0 | 1 | 0 |\n" +
		"\n" +
		"## payments-api (iaas)\n" +
		"\n" +
		"No findings.\n" +
		"\n" +
		"## legacy-batch (iaas, baseline: standard)\n" +
		"\n" +
		"| Severity | Control | Status | Message | Remediation | References | Exception |\n" +
		"| --- | --- | --- | --- | --- | --- | --- |\n" +
		"| critical | `storage.public_access` | violated | storage.public_access is true \\| anyone can read<br>the bucket. | Block public access. | NIST SP 800-53 Rev. 5 AC-3; CIS Controls v8 3.3 |  |\n" +
		"| high | `backup.enabled` | waived | backup.enabled is false. | Enable backups. |  | Rebuilt from source \\| nightly<br>Approved by: platform-lead<br>Expires: 2099-06-30 |\n" +
		"| critical | `identity.mfa_required` | deferred | identity.mfa_required is not known until apply. | Require MFA. |  |  |\n"
	if got != want {
		t.Errorf("markdown mismatch\n--- got ---\n%s\n--- want ---\n%s", got, want)
	}
	if again := Markdown(model.Default(), sample()); again != got {
		t.Error("markdown is not deterministic")
	}
}

func TestMarkdown_EmptyAndEscaping(t *testing.T) {
	t.Parallel()
	r := &Report{Title: "  Audit\nQ3 *draft*  ", Workloads: []Workload{{Name: "a|b", ServiceModel: "saas", Findings: []Finding{{
		Control: "x|y", Domain: "data_protection", Owner: "shared", Severity: "low", Status: finding.StatusViolated,
		Message: "line one\r\nline two <script> *x*", Remediation: "set `a|*` then ` alone",
	}}}}}
	got := Markdown(model.Default(), r)
	for _, want := range []string{
		"# Audit Q3 \\*draft\\*\n",
		"\n1 workload, 1 violated, 0 waived, 0 deferred.\n",
		"## a\\|b (saas)\n",
		"| low | `x\\|y` | violated | line one<br>line two \\<script> \\*x\\* | set `a\\|*` then \\` alone |  |  |\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("markdown lacks %q:\n%s", want, got)
		}
	}

	empty := Markdown(model.Default(), &Report{})
	want := "# Shared responsibility findings\n\n0 workloads, 0 violated, 0 waived, 0 deferred.\n\n## Findings by domain and owner\n\nNo findings.\n"
	if empty != want {
		t.Errorf("empty report:\n%q\nwant\n%q", empty, want)
	}
}

func TestSummarize_OrderAndCounts(t *testing.T) {
	t.Parallel()
	r := &Report{Workloads: []Workload{{Name: "w", ServiceModel: "paas", Findings: []Finding{
		{Control: "a", Domain: "zz_custom", Owner: "customer", Status: finding.StatusViolated},
		{Control: "b", Domain: "data_protection", Owner: "shared", Status: finding.StatusViolated},
		{Control: "c", Domain: "data_protection", Owner: "customer", Status: finding.StatusWaived},
		{Control: "d", Domain: "aa_custom", Owner: "customer", Status: finding.StatusDeferred},
		{Control: "e", Domain: "data_protection", Owner: "shared", Status: finding.StatusViolated},
		{Control: "f", Domain: "identity_access", Owner: "customer", Status: finding.StatusViolated},
	}}}}
	s := r.Summarize(model.Default())
	if s.Workloads != 1 || s.Total != 6 || s.Violated != 4 || s.Waived != 1 || s.Deferred != 1 {
		t.Errorf("counts = %+v", s)
	}
	want := []Row{
		{Domain: "identity_access", Owner: "customer", Violated: 1},
		{Domain: "data_protection", Owner: "customer", Waived: 1},
		{Domain: "data_protection", Owner: "shared", Violated: 2},
		{Domain: "aa_custom", Owner: "customer", Deferred: 1},
		{Domain: "zz_custom", Owner: "customer", Violated: 1},
	}
	if !reflect.DeepEqual(s.ByDomainOwner, want) {
		t.Errorf("rows = %+v\nwant %+v", s.ByDomainOwner, want)
	}
}

func TestComplete_FillsFromCatalogAndMatrix(t *testing.T) {
	t.Parallel()
	m := model.Default()
	r := &Report{Workloads: []Workload{{Name: "w", ServiceModel: "saas", Findings: []Finding{
		{Control: "identity.mfa_required", Status: finding.StatusViolated},
		{Control: "backup.enabled", Domain: "data_protection", Owner: "provider", Severity: "low", Status: finding.StatusViolated},
		{Control: "not.in_catalog", Status: finding.StatusViolated},
	}}}}
	r.Complete(m)
	c, _ := m.Control("identity.mfa_required")
	owner, _ := m.Owner("saas", c.Domain)
	got := r.Workloads[0].Findings
	if got[0].Domain != c.Domain || got[0].Severity != c.Severity || got[0].Owner != owner {
		t.Errorf("filled finding = %+v, want domain %q severity %q owner %q", got[0], c.Domain, c.Severity, owner)
	}
	if got[1].Domain != "data_protection" || got[1].Owner != "provider" || got[1].Severity != "low" {
		t.Errorf("set values must be kept: %+v", got[1])
	}
	if got[2].Domain != "" || got[2].Severity != "" || got[2].Owner != "" {
		t.Errorf("unknown control must stay empty: %+v", got[2])
	}
	if err := r.Validate(); err == nil || !strings.Contains(err.Error(), `workloads[0].findings[2].severity is ""`) {
		t.Errorf("Validate() = %v, want the empty severity of findings[2]", err)
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	ok := Finding{Control: "a", Domain: "compliance", Owner: "customer", Status: finding.StatusWaived, Severity: "medium"}
	with := func(change func(*Finding)) Finding { f := ok; change(&f); return f }
	cases := map[string]struct {
		f     Finding
		field string
		want  string
	}{
		"ok":          {ok, "", ""},
		"deferred ok": {with(func(f *Finding) { f.Status = finding.StatusDeferred }), "", ""},
		"bad status":  {with(func(f *Finding) { f.Status = "failed" }), "status", `workloads[1].findings[0].status is "failed"; valid values are "violated", "waived", "deferred"`},
		"bad sev":     {with(func(f *Finding) { f.Severity = "urgent" }), "severity", `workloads[1].findings[0].severity is "urgent"; valid values are "critical", "high", "medium", "low"`},
		"empty ctrl":  {with(func(f *Finding) { f.Control = " " }), "control", `workloads[1].findings[0].control is empty`},
		"no domain":   {with(func(f *Finding) { f.Domain = "" }), "domain", `control "a" is not in the catalog; set the domain`},
		"no owner":    {with(func(f *Finding) { f.Owner = "" }), "owner", `workloads[1].findings[0].owner is empty`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r := &Report{Workloads: []Workload{{Name: "ok"}, {Name: "w", Findings: []Finding{tc.f}}}}
			err := r.Validate()
			if tc.want == "" {
				if err != nil {
					t.Errorf("unexpected error %v", err)
				}
				return
			}
			var fe *FieldError
			if !errors.As(err, &fe) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want %q", err, tc.want)
			}
			if fe.Workload != 1 || fe.Finding != 0 || fe.Field != tc.field {
				t.Errorf("field error at %d/%d/%s, want 1/0/%s", fe.Workload, fe.Finding, fe.Field, tc.field)
			}
		})
	}
}

func TestJSON_RoundTrip(t *testing.T) {
	t.Parallel()
	m := model.Default()
	r := sample()
	r.Title = "Q3 audit <prod> & staging"
	out, err := JSON(m, r)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "{\n  \"title\": \"Q3 audit <prod> & staging\",\n  \"summary\": {\n    \"workloads\": 2,") {
		t.Errorf("unexpected layout or escaping:\n%s", out)
	}
	if !strings.HasSuffix(out, "}\n") {
		t.Errorf("missing trailing newline")
	}
	var got Document
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("decode: %v", err)
	}
	want := NewDocument(m, r)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip differs:\n got %+v\nwant %+v", got, want)
	}
	if got.Summary.Total != 3 || got.Summary.Violated != 1 || len(got.Summary.ByDomainOwner) != 3 {
		t.Errorf("summary = %+v", got.Summary)
	}
	if got.Workloads[1].Findings[1].References == nil || got.Workloads[0].Findings == nil {
		t.Error("lists must decode as empty, not null")
	}
	if got.Workloads[1].Findings[0].Message != "storage.public_access is true | anyone can read\nthe bucket." {
		t.Errorf("message = %q", got.Workloads[1].Findings[0].Message)
	}

	// Every list is [] rather than null, so consumers can iterate.
	var raw struct {
		Workloads []struct {
			Findings json.RawMessage `json:"findings"`
		} `json:"workloads"`
	}
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	if got := string(raw.Workloads[0].Findings); got != "[]" {
		t.Errorf("findings of a compliant workload = %s, want []", got)
	}
	empty, _ := JSON(m, &Report{})
	if !strings.Contains(empty, `"workloads": []`) || !strings.Contains(empty, `"by_domain_owner": []`) {
		t.Errorf("empty report lists must be []:\n%s", empty)
	}
}

func TestRender_Formats(t *testing.T) {
	t.Parallel()
	m := model.Default()
	for _, f := range Formats {
		out, err := Render(m, sample(), f)
		if err != nil || out == "" {
			t.Errorf("%s: %v", f, err)
		}
	}
	if _, err := Render(m, sample(), "html"); err == nil || !strings.Contains(err.Error(), `"html"; valid values are "markdown", "json", "sarif", "oscal"`) {
		t.Errorf("err = %v", err)
	}
}
