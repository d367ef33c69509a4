package policy

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

var testNow = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

// compliantValues satisfies every preset rule, strict included: the
// catalog's compliant body for the strict baseline.
func compliantValues() map[string]Value {
	m := model.Default()
	values, _ := ReadControls(m, m.CompliantBody("strict"))
	return values
}

func TestCompliantBodyReads(t *testing.T) {
	m := model.Default()
	if _, errs := ReadControls(m, m.CompliantBody("strict")); len(errs) > 0 {
		t.Fatalf("the catalog's compliant body does not read: %v", errs)
	}
}

func workload(sm, baseline string, values map[string]Value) *Workload {
	return &Workload{Name: "api", ServiceModel: sm, Classification: "internal", Baseline: baseline, Values: values, Now: testNow}
}

func evaluate(w *Workload) Result { return New(model.Default()).Evaluate(w) }

func controlsWith(res Result, status string) []string {
	var out []string
	for _, f := range res.Findings {
		if f.Status == status && !slices.Contains(out, f.Control) {
			out = append(out, f.Control)
		}
	}
	return out
}

func findingFor(t *testing.T, res Result, control string) Finding {
	t.Helper()
	for _, f := range res.Findings {
		if f.Control == control {
			return f
		}
	}
	t.Fatalf("no finding for %s in %+v", control, controlsWith(res, finding.StatusViolated))
	return Finding{}
}

func TestCompliantWorkloadHasNoFindings(t *testing.T) {
	for _, sm := range model.Default().ServiceModelIDs() {
		for _, b := range []string{"minimum", "standard", "strict"} {
			res := evaluate(workload(sm, b, compliantValues()))
			if !res.Compliant || len(res.Findings) != 0 {
				t.Errorf("%s/%s: compliant=%v findings=%v", sm, b, res.Compliant, controlsWith(res, finding.StatusViolated))
			}
		}
	}
}

func TestEvaluateRules(t *testing.T) {
	cases := []struct {
		name         string
		serviceModel string
		baseline     string
		class        string
		change       map[string]Value
		wantViolated []string
		wantPath     string
		wantMessage  string
	}{
		{name: "omitted group", serviceModel: "iaas", baseline: "minimum",
			change:       map[string]Value{"encryption.at_rest": {GroupOmitted: true}, "encryption.in_transit": {GroupOmitted: true}},
			wantViolated: []string{"encryption.at_rest", "encryption.in_transit"}, wantPath: "encryption",
			wantMessage: "the encryption block is omitted, so encryption.at_rest is not set"},
		{name: "false bool", serviceModel: "iaas", baseline: "minimum",
			change:       map[string]Value{"identity.mfa_required": KnownBool(false)},
			wantViolated: []string{"identity.mfa_required"}, wantPath: "identity.mfa_required",
			wantMessage: `identity.mfa_required is false; the "minimum" baseline needs identity.mfa_required = true.`},
		{name: "bound missed", serviceModel: "iaas", baseline: "standard",
			change:       map[string]Value{"logging.retention_days": KnownNumber(30)},
			wantViolated: []string{"logging.retention_days"},
			wantMessage:  `logging.retention_days is 30; the "standard" baseline needs logging.retention_days of at least 90.`},
		{name: "strict raises the bound", serviceModel: "iaas", baseline: "strict",
			change:       map[string]Value{"logging.retention_days": KnownNumber(90)},
			wantViolated: []string{"logging.retention_days"}, wantMessage: "at least 365"},
		{name: "minimum has no retention bound", serviceModel: "iaas", baseline: "minimum",
			change: map[string]Value{"logging.retention_days": KnownNumber(1)}},
		{name: "tls below floor", serviceModel: "paas", baseline: "standard",
			change:       map[string]Value{"encryption.min_tls_version": KnownString("1.0")},
			wantViolated: []string{"encryption.min_tls_version"}, wantMessage: `needs encryption.min_tls_version of at least "1.2"`},
		{name: "tls unset is fine when only bounded", serviceModel: "paas", baseline: "standard",
			change: map[string]Value{"encryption.min_tls_version": {}}},
		{name: "key rotation too slow", serviceModel: "iaas", baseline: "standard",
			change:       map[string]Value{"encryption.key_rotation_days": KnownNumber(400)},
			wantViolated: []string{"encryption.key_rotation_days"}, wantMessage: "at most 365"},
		{name: "public storage", serviceModel: "saas", baseline: "minimum",
			change:       map[string]Value{"storage.public_access": KnownBool(true)},
			wantViolated: []string{"storage.public_access"}, wantMessage: "needs storage.public_access = false"},
		{name: "saas without network or hardening passes", serviceModel: "saas", baseline: "strict",
			change: map[string]Value{"network.segmented": {GroupOmitted: true}, "hardening.os_patching": {GroupOmitted: true}, "hardening.max_patch_age_days": {GroupOmitted: true}}},
		{name: "paas without hardening passes", serviceModel: "paas", baseline: "strict",
			change: map[string]Value{"hardening.os_patching": {GroupOmitted: true}, "hardening.max_patch_age_days": {GroupOmitted: true}}},
		{name: "caas shares hardening", serviceModel: "caas", baseline: "minimum",
			change:       map[string]Value{"hardening.os_patching": {GroupOmitted: true}},
			wantViolated: []string{"hardening.os_patching"}},
		{name: "confidential data raises backups to strict", serviceModel: "iaas", baseline: "minimum", class: "confidential",
			change:       map[string]Value{"backup.retention_days": KnownNumber(10), "backup.cross_region": {}},
			wantViolated: []string{"backup.retention_days", "backup.cross_region"}},
		{name: "customer managed key only for confidential data", serviceModel: "iaas", baseline: "strict", class: "internal",
			change: map[string]Value{"encryption.customer_managed_key": {}}},
		{name: "customer managed key for restricted data", serviceModel: "iaas", baseline: "strict", class: "restricted",
			change:       map[string]Value{"encryption.customer_managed_key": KnownBool(false)},
			wantViolated: []string{"encryption.customer_managed_key"}},
		{name: "world-open ssh", serviceModel: "iaas", baseline: "minimum",
			change: map[string]Value{"network.ingress_rules": {State: Known, Rules: []detect.FirewallRule{
				{Sources: []string{"10.0.0.0/8"}, FromPort: 443, ToPort: 443, Protocol: "tcp"},
				{Sources: []string{"0.0.0.0/0"}, FromPort: 22, ToPort: 22, Protocol: "tcp"},
			}}},
			wantViolated: []string{"network.ingress_rules"}, wantPath: "network.ingress_rules[1]"},
		{name: "wildcard iam", serviceModel: "paas", baseline: "minimum",
			change:       map[string]Value{"identity.iam_policy_json": KnownString(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`)},
			wantViolated: []string{"identity.iam_policy_json"}},
		{name: "public acl", serviceModel: "iaas", baseline: "minimum",
			change:       map[string]Value{"storage.acl": KnownString("public-read")},
			wantViolated: []string{"storage.acl"}},
		{name: "secret in user data", serviceModel: "iaas", baseline: "minimum",
			change:       map[string]Value{"secrets_scan": KnownStrings([]string{"#!/bin/sh\necho hi", "export AWS_ACCESS_KEY_ID=AKIAQ3EGUMMYKEY7ABCD"})},
			wantViolated: []string{"secrets_scan"}, wantPath: "secrets_scan[1]"},
		{name: "stale patch date", serviceModel: "iaas", baseline: "strict",
			change:       map[string]Value{"hardening.last_patched": KnownString("2026-09-01")},
			wantViolated: []string{"hardening.last_patched"}},
		{name: "declared patch bound is tighter", serviceModel: "iaas", baseline: "minimum",
			change:       map[string]Value{"hardening.last_patched": KnownString("2026-11-01"), "hardening.max_patch_age_days": KnownNumber(14)},
			wantViolated: []string{"hardening.last_patched"}},
		{name: "recent patch date", serviceModel: "iaas", baseline: "strict",
			change: map[string]Value{"hardening.last_patched": KnownString("2026-11-20")}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			values := compliantValues()
			for k, v := range tc.change {
				values[k] = v
			}
			w := workload(tc.serviceModel, tc.baseline, values)
			if tc.class != "" {
				w.Classification = tc.class
			}
			res := evaluate(w)
			got := controlsWith(res, finding.StatusViolated)
			if !slices.Equal(got, tc.wantViolated) {
				t.Fatalf("violated = %v, want %v", got, tc.wantViolated)
			}
			if res.Compliant != (len(tc.wantViolated) == 0) {
				t.Errorf("compliant = %v", res.Compliant)
			}
			if len(tc.wantViolated) == 0 {
				return
			}
			f := findingFor(t, res, tc.wantViolated[0])
			if tc.wantPath != "" && f.Path != tc.wantPath {
				t.Errorf("path = %q, want %q", f.Path, tc.wantPath)
			}
			if !strings.Contains(f.Message, tc.wantMessage) {
				t.Errorf("message = %q, want it to contain %q", f.Message, tc.wantMessage)
			}
			if strings.Contains(f.Detail, `"api"`) {
				t.Errorf("detail repeats the workload's name, which may be sensitive:\n%s", f.Detail)
			}
			for _, part := range []string{tc.serviceModel + " workload:", f.Domain, "-owned", "To fix:"} {
				if !strings.Contains(f.Detail, part) {
					t.Errorf("detail lacks %q:\n%s", part, f.Detail)
				}
			}
		})
	}
}

func TestOnPremisesRequiresEveryInTheCloudDomain(t *testing.T) {
	res := evaluate(workload("on_premises", "minimum", map[string]Value{}))
	domains := map[string]bool{}
	for _, f := range res.Findings {
		domains[f.Domain] = true
	}
	for _, d := range []string{"identity_access", "network_configuration", "data_protection", "workload_hardening", "monitoring_logging", "backup_recovery"} {
		if !domains[d] {
			t.Errorf("on_premises with nothing declared has no finding in %s", d)
		}
	}
}

func TestFindingReferencesAndOwner(t *testing.T) {
	values := compliantValues()
	values["encryption.at_rest"] = KnownBool(false)
	f := findingFor(t, evaluate(workload("iaas", "minimum", values)), "encryption.at_rest")
	if f.Owner != "shared" || f.Domain != "data_protection" || f.Severity != "high" {
		t.Errorf("finding = %+v", f)
	}
	if !slices.Contains(f.References, "NIST SP 800-53 Rev. 5 SC-28") || !slices.Contains(f.References, "CIS Controls v8 3.11") {
		t.Errorf("references = %v", f.References)
	}
}

func TestUnknownValuesAreDeferred(t *testing.T) {
	values := compliantValues()
	values["encryption.at_rest"] = Value{State: Unknown}
	values["identity.mfa_required"] = KnownBool(false)
	res := evaluate(workload("iaas", "minimum", values))
	if !slices.Equal(res.Deferred, []string{"encryption.at_rest"}) {
		t.Errorf("deferred = %v", res.Deferred)
	}
	if got := controlsWith(res, finding.StatusViolated); !slices.Equal(got, []string{"identity.mfa_required"}) {
		t.Errorf("known violations must still be reported: %v", got)
	}
	// The same workload once the value is known.
	values["encryption.at_rest"] = KnownBool(false)
	if got := controlsWith(evaluate(workload("iaas", "minimum", values)), finding.StatusViolated); !slices.Contains(got, "encryption.at_rest") {
		t.Errorf("known false value not enforced: %v", got)
	}
}

func TestUnknownExceptionsDeferViolations(t *testing.T) {
	values := compliantValues()
	values["backup.enabled"] = KnownBool(false)
	w := workload("iaas", "minimum", values)
	w.ExceptionsUnknown = true
	res := evaluate(w)
	if len(controlsWith(res, finding.StatusViolated)) != 0 || !slices.Contains(res.Deferred, "backup.enabled") {
		t.Errorf("violated=%v deferred=%v", controlsWith(res, finding.StatusViolated), res.Deferred)
	}
}

func TestExceptions(t *testing.T) {
	base := func(ex ...Exception) Result {
		values := compliantValues()
		values["backup.cross_region"] = KnownBool(false)
		w := workload("iaas", "strict", values)
		w.Exceptions = ex
		return evaluate(w)
	}
	valid := Exception{Control: "backup.cross_region", Justification: "single-region by law", ApprovedBy: "ciso", Expires: "2027-06-30"}

	res := base(valid)
	if got := controlsWith(res, finding.StatusWaived); !slices.Equal(got, []string{"backup.cross_region"}) || !res.Compliant || len(res.Notices) != 0 {
		t.Errorf("valid exception: waived=%v compliant=%v notices=%+v", got, res.Compliant, res.Notices)
	}

	expired := valid
	expired.Expires = "2026-11-29"
	res = base(expired)
	assertNotice(t, res, true, "expires", "expired 2026-11-29")
	if res.Compliant {
		t.Error("expired exception must not waive")
	}

	sameDay := valid
	sameDay.Expires = "2026-11-30"
	if res = base(sameDay); !res.Compliant {
		t.Error("a date is valid through the end of that day")
	}
	assertNotice(t, res, false, "expires", "expires 2026-11-30")

	unknown := valid
	unknown.Control = "backup.cross_regoin"
	assertNotice(t, base(unknown), true, "control", `did you mean "backup.cross_region"`)

	stale := valid
	stale.Control = "backup.enabled"
	assertNotice(t, base(stale), false, "control", "waives nothing")

	assertNotice(t, base(valid, valid), true, "control", "exceptions[0] and exceptions[1]")
}

func assertNotice(t *testing.T, res Result, isErr bool, field, text string) {
	t.Helper()
	for _, n := range res.Notices {
		if n.Error == isErr && n.Field == field && strings.Contains(n.Detail, text) {
			return
		}
	}
	t.Errorf("no notice (error=%v, %s) containing %q in %+v", isErr, field, text, res.Notices)
}

func TestCustomBaseline(t *testing.T) {
	m := model.Default()
	yes := true
	minRetention := 400.0
	custom := &CustomBaseline{Name: "payments", Extends: "minimum", Controls: map[string]CustomRule{
		"logging.retention_days":    {Min: &minRetention},
		"backup.enabled":            {Locked: true},
		"network.egress_restricted": {Required: &yes},
	}}
	parsed, err := ParseCustomBaseline(m, custom.Spec())
	if err != nil {
		t.Fatal(err)
	}
	values := compliantValues()
	values["backup.enabled"] = KnownBool(false)
	values["logging.retention_days"] = KnownNumber(365)
	w := workload("iaas", "", values)
	w.Custom = parsed
	w.Exceptions = []Exception{{Control: "backup.enabled", Justification: "x", ApprovedBy: "y", Expires: "2027-01-01"}}
	res := evaluate(w)
	got := controlsWith(res, finding.StatusViolated)
	want := []string{"network.egress_restricted", "logging.retention_days", "backup.enabled"}
	if !slices.Equal(got, want) {
		t.Errorf("violated = %v, want %v", got, want)
	}
	assertNotice(t, res, true, "control", `locked by the "payments" baseline`)
	if f := findingFor(t, res, "logging.retention_days"); !strings.Contains(f.Message, `the "payments" baseline needs logging.retention_days of at least 400`) {
		t.Errorf("message = %q", f.Message)
	}
}

func TestCustomBaselineCannotRelaxPreset(t *testing.T) {
	low := 1.0
	custom := &CustomBaseline{Name: "lax", Extends: "standard", Controls: map[string]CustomRule{"logging.retention_days": {Min: &low}}}
	values := compliantValues()
	values["logging.retention_days"] = KnownNumber(30)
	w := workload("iaas", "", values)
	w.Custom = custom
	if got := controlsWith(evaluate(w), finding.StatusViolated); !slices.Equal(got, []string{"logging.retention_days"}) {
		t.Errorf("violated = %v", got)
	}
}

func TestCustomBaselineValidation(t *testing.T) {
	m := model.Default()
	five := 5.0
	cases := map[string]string{
		`{"name":"x","extends":"gold"}`:                                             `extends "gold" is not a preset baseline`,
		`{"name":"x","extends":"standard","controls":{"encrypt.at_rest":{}}}`:       `did you mean "encryption.at_rest"`,
		`{"name":"x","extends":"standard","controls":{"backup.enabled":{"min":1}}}`: "min and max apply only to number",
		`not json`: "not an srm_baseline spec",
	}
	for spec, want := range cases {
		if _, err := ParseCustomBaseline(m, spec); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", spec, err, want)
		}
	}
	for _, bound := range []float64{five, 1.25, 1.15} {
		if err := ValidateCustomRule(m, "encryption.min_tls_version", CustomRule{Min: &bound}); err == nil {
			t.Errorf("a TLS bound of %g is not a version", bound)
		}
	}
	tls13 := 1.3
	if err := ValidateCustomRule(m, "encryption.min_tls_version", CustomRule{Min: &tls13}); err != nil {
		t.Errorf("1.3 is a version: %v", err)
	}
}

func TestRequiredControls(t *testing.T) {
	e := New(model.Default())
	got := e.RequiredControls("saas", "minimum")
	want := []string{"identity.mfa_required", "identity.least_privilege", "encryption.at_rest", "encryption.in_transit", "logging.enabled", "backup.enabled"}
	if !slices.Equal(got, want) {
		t.Errorf("saas/minimum = %v, want %v", got, want)
	}
	if got := e.RequiredControls("iaas", "standard"); !slices.Contains(got, "logging.retention_days") || !slices.Contains(got, "hardening.os_patching") {
		t.Errorf("iaas/standard = %v", got)
	}
}

func TestEvaluateIsDeterministicAndConcurrent(t *testing.T) {
	e := New(model.Default())
	w := workload("on_premises", "strict", map[string]Value{})
	first := e.Evaluate(w)
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			again := e.Evaluate(w)
			if len(again.Findings) != len(first.Findings) {
				t.Errorf("findings differ: %d vs %d", len(again.Findings), len(first.Findings))
				return
			}
			for i := range again.Findings {
				if again.Findings[i].Detail != first.Findings[i].Detail {
					t.Errorf("finding %d differs", i)
				}
			}
		}()
	}
	wg.Wait()
}

func BenchmarkEvaluate(b *testing.B) {
	e := New(model.Default())
	w := workload("iaas", "standard", compliantValues())
	b.ReportAllocs()
	for b.Loop() {
		e.Evaluate(w)
	}
}

func BenchmarkEvaluateViolations(b *testing.B) {
	e := New(model.Default())
	w := workload("on_premises", "strict", map[string]Value{})
	b.ReportAllocs()
	for b.Loop() {
		e.Evaluate(w)
	}
}

// The error names the rule that applies: a confidential workload on
// "minimum" is held to strict's backup rules, and the message says so.
func TestMessageNamesTheRaise(t *testing.T) {
	ev := New(model.Default())
	res := ev.Evaluate(&Workload{Name: "w", ServiceModel: "iaas", Classification: "confidential", Baseline: "minimum",
		Values: map[string]Value{}})
	for _, f := range res.Findings {
		if f.Control != "backup.cross_region" {
			continue
		}
		want := `the "strict" baseline (raised by confidential data) needs backup.cross_region = true`
		if !strings.Contains(f.Message, want) || !strings.Contains(f.Detail, "Why the \"strict\" baseline (raised by confidential data) asks for it") {
			t.Fatalf("message %q\ndetail %q\nwant %q", f.Message, f.Detail, want)
		}
		return
	}
	t.Fatal("no backup.cross_region finding for a confidential workload")
}

// Remediation fits the service model: a SaaS workload is not told to set
// encrypted = true on an EBS volume.
func TestRemediationFitsTheServiceModel(t *testing.T) {
	ev := New(model.Default())
	for _, sm := range []string{"saas", "iaas"} {
		res := ev.Evaluate(&Workload{Name: "w", ServiceModel: sm, Classification: "internal", Baseline: "minimum", Values: map[string]Value{}})
		for _, f := range res.Findings {
			if f.Control != "encryption.at_rest" {
				continue
			}
			if mentions := strings.Contains(f.Remediation, "aws_ebs_volume"); mentions != (sm == "iaas") {
				t.Errorf("%s: remediation %q", sm, f.Remediation)
			}
		}
	}
}
