package policy

import (
	"slices"
	"strings"
	"testing"

	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// The controls added to the catalog, through the evaluator: who is asked for
// them, and what a wrong or missing value says.
func TestNewCatalogControls(t *testing.T) {
	cases := []struct {
		name, sm, baseline, class string
		change                    map[string]Value
		wantViolated              []string
		wantMessage               string
	}{
		{name: "incident response missing under strict", sm: "saas", baseline: "strict",
			change:       map[string]Value{"logging.incident_response": {}},
			wantViolated: []string{"logging.incident_response"}, wantMessage: "logging.incident_response is not set"},
		{name: "incident response false under strict", sm: "iaas", baseline: "strict",
			change:       map[string]Value{"logging.incident_response": KnownBool(false)},
			wantViolated: []string{"logging.incident_response"}, wantMessage: "logging.incident_response = true"},
		{name: "incident response not asked under standard", sm: "iaas", baseline: "standard",
			change: map[string]Value{"logging.incident_response": {}}},
		{name: "ddos protection may stay unset", sm: "iaas", baseline: "strict",
			change: map[string]Value{"network.ddos_protection": {}}},
		{name: "ddos protection declared false", sm: "paas", baseline: "strict",
			change:       map[string]Value{"network.ddos_protection": KnownBool(false)},
			wantViolated: []string{"network.ddos_protection"}, wantMessage: "needs network.ddos_protection = true"},
		{name: "ddos protection is the provider's under saas", sm: "saas", baseline: "strict",
			change: map[string]Value{"network.ddos_protection": KnownBool(false)}},
		{name: "data residency for confidential data", sm: "saas", baseline: "strict", class: "confidential",
			change:       map[string]Value{"compliance.data_residency": KnownStrings(nil)},
			wantViolated: []string{"compliance.data_residency"}, wantMessage: "compliance.data_residency is empty"},
		{name: "data residency not asked for internal data", sm: "saas", baseline: "strict",
			change: map[string]Value{"compliance.data_residency": {}}},
		{name: "key lifecycle for restricted data", sm: "iaas", baseline: "strict", class: "restricted",
			change:       map[string]Value{"encryption.key_lifecycle": {}},
			wantViolated: []string{"encryption.key_lifecycle"}},
		{name: "key lifecycle raised for restricted data on minimum", sm: "iaas", baseline: "minimum", class: "restricted",
			change:       map[string]Value{"encryption.key_lifecycle": KnownBool(false)},
			wantViolated: []string{"encryption.key_lifecycle"}},
		{name: "key lifecycle not asked for confidential data", sm: "iaas", baseline: "strict", class: "confidential",
			change: map[string]Value{"encryption.key_lifecycle": {}}},
		{name: "dlp for restricted data", sm: "paas", baseline: "strict", class: "restricted",
			change:       map[string]Value{"storage.data_loss_prevention": KnownBool(false)},
			wantViolated: []string{"storage.data_loss_prevention"}},
		{name: "dlp not asked for internal data", sm: "paas", baseline: "strict",
			change: map[string]Value{"storage.data_loss_prevention": {}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			values := compliantValues()
			for k, v := range tc.change {
				values[k] = v
			}
			w := workload(tc.sm, tc.baseline, values)
			if tc.class != "" {
				w.Classification = tc.class
			}
			res := evaluate(w)
			if got := controlsWith(res, finding.StatusViolated); !slices.Equal(got, tc.wantViolated) {
				t.Fatalf("violated = %v, want %v", got, tc.wantViolated)
			}
			if len(tc.wantViolated) > 0 {
				if f := findingFor(t, res, tc.wantViolated[0]); !strings.Contains(f.Message, tc.wantMessage) {
					t.Errorf("message = %q, want %q", f.Message, tc.wantMessage)
				}
			}
		})
	}
}

func TestRequiredControlsIncludeTheNewOnes(t *testing.T) {
	e := New(model.Default())
	if got := e.RequiredControls("iaas", "strict"); !slices.Contains(got, "logging.incident_response") {
		t.Errorf("strict iaas required = %v", got)
	}
	if got := e.RequiredControls("iaas", "standard"); slices.Contains(got, "logging.incident_response") {
		t.Errorf("standard asks for incident response: %v", got)
	}
}

func TestFaaSIsNotAskedForOSPatching(t *testing.T) {
	values := compliantValues()
	delete(values, "hardening.os_patching")
	delete(values, "hardening.max_patch_age_days")
	values["hardening.last_patched"] = KnownString("2020-01-01")
	for _, b := range []string{"minimum", "standard", "strict"} {
		res := evaluate(workload("faas", b, values))
		if !res.Compliant {
			t.Errorf("faas/%s: violated %v; the platform patches a function's OS", b, controlsWith(res, finding.StatusViolated))
		}
		if slices.Contains(res.RequiredControls, "hardening.os_patching") {
			t.Errorf("faas/%s still requires hardening.os_patching", b)
		}
	}
	// CaaS nodes are still the customer's to patch (shared hardening).
	if res := evaluate(workload("caas", "minimum", values)); !slices.Contains(controlsWith(res, finding.StatusViolated), "hardening.os_patching") {
		t.Errorf("caas without os_patching passed: %v", controlsWith(res, finding.StatusViolated))
	}
	// A function still patches its dependencies.
	values["application.dependency_scanning"] = KnownBool(false)
	if res := evaluate(workload("faas", "strict", values)); !slices.Contains(controlsWith(res, finding.StatusViolated), "application.dependency_scanning") {
		t.Error("faas without dependency scanning passed under strict")
	}
}

// Origin names where the bound that fails comes from, so the message can
// say "the strict baseline (raised by confidential data)".
func TestRuleOrigin(t *testing.T) {
	m := model.Default()
	ctl := func(id string) model.Control { c, _ := m.Control(id); return c }
	custom := &CustomBaseline{Name: "acme", Extends: "standard", Controls: map[string]CustomRule{
		"logging.retention_days": {Min: ptr(400)},
		"backup.enabled":         {Locked: true},
	}}
	cases := []struct {
		name, control, baseline, class string
		custom                         *CustomBaseline
		want                           string
	}{
		{"preset", "logging.retention_days", "standard", "internal", nil, `the "standard" baseline`},
		{"raise binds", "backup.cross_region", "minimum", "confidential", nil, `the "strict" baseline (raised by confidential data)`},
		{"raise binds a tighter bound", "backup.retention_days", "standard", "restricted", nil, `the "strict" baseline (raised by restricted data)`},
		{"raise adds nothing under strict", "backup.cross_region", "strict", "confidential", nil, `the "strict" baseline`},
		{"raise does not touch logging", "logging.enabled", "minimum", "restricted", nil, `the "minimum" baseline`},
		{"custom binds", "logging.retention_days", "", "internal", custom, `the "acme" baseline`},
		{"custom's preset binds", "backup.enabled", "", "internal", custom, `the "acme" baseline (from "standard")`},
	}
	for _, tc := range cases {
		w := &Workload{ServiceModel: "iaas", Baseline: tc.baseline, Classification: tc.class, Custom: tc.custom}
		r, ok := ruleFor(m, w, ctl(tc.control))
		if !ok {
			t.Errorf("%s: no rule", tc.name)
			continue
		}
		if r.Origin != tc.want {
			t.Errorf("%s: origin = %q, want %q", tc.name, r.Origin, tc.want)
		}
	}
	// The reason follows the rule that binds.
	r, _ := ruleFor(m, &Workload{ServiceModel: "iaas", Baseline: "minimum", Classification: "confidential"}, ctl("backup.retention_days"))
	if strict, _ := m.PresetRule("strict", ctl("backup.retention_days")); r.Reason != strict.Reason || *r.Min != 30 {
		t.Errorf("raised rule = %+v; want the strict bound and reason", r.Rule)
	}
}

func ptr(f float64) *float64 { return &f }
func boolPtr(b bool) *bool   { return &b }

func TestCustomBaselinesOnlyTighten(t *testing.T) {
	m := model.Default()
	cases := []struct {
		name, extends, control string
		rule                   CustomRule
		want                   string // "" for valid
	}{
		{"min below the preset", "standard", "logging.retention_days", CustomRule{Min: ptr(30)},
			`control "logging.retention_days": min 30 is below the "standard" preset's min 90 and baselines only tighten the preset they extend, so "standard" cannot be lowered: use 90 or more`},
		{"min equal to the preset", "standard", "logging.retention_days", CustomRule{Min: ptr(90)}, ""},
		{"min above the preset", "strict", "logging.retention_days", CustomRule{Min: ptr(400)}, ""},
		{"max above the preset", "standard", "encryption.key_rotation_days", CustomRule{Max: ptr(400)},
			`max 400 is above the "standard" preset's max 365`},
		{"max above the patch bound", "minimum", "hardening.last_patched", CustomRule{Max: ptr(120)}, `use 90 or less`},
		{"required = false on a required control", "minimum", "encryption.at_rest", CustomRule{Required: boolPtr(false)},
			`control "encryption.at_rest": the "minimum" preset requires it and baselines only tighten the preset they extend, so "minimum" cannot drop that: remove ` + "`required = false`"},
		{"required = false where the preset does not require", "standard", "encryption.min_tls_version", CustomRule{Min: ptr(1.3), Required: boolPtr(false)}, ""},
		{"required = false on a control the preset leaves alone", "minimum", "logging.anomaly_detection", CustomRule{Required: boolPtr(false)}, ""},
		{"unknown extends skips the check", "", "logging.retention_days", CustomRule{Min: ptr(1)}, ""},
	}
	for _, tc := range cases {
		err := ValidateCustomRuleFor(m, tc.extends, tc.control, tc.rule)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: error = %v, want it to contain %q", tc.name, err, tc.want)
		}
	}
	spec := (&CustomBaseline{Name: "lax", Extends: "standard", Controls: map[string]CustomRule{"logging.retention_days": {Min: ptr(7)}}}).Spec()
	if _, err := ParseCustomBaseline(m, spec); err == nil || !strings.Contains(err.Error(), "baselines only tighten") {
		t.Errorf("ParseCustomBaseline accepted a relaxing baseline: %v", err)
	}
}

// The evaluator follows the matrix of the model it is built from.
func TestEvaluatorFollowsTheMatrix(t *testing.T) {
	google, err := model.ForMatrix("google")
	if err != nil {
		t.Fatal(err)
	}
	values := compliantValues()
	values["logging.enabled"] = KnownBool(false)
	consensus := New(model.Default()).Evaluate(workload("paas", "minimum", values))
	if !slices.Contains(controlsWith(consensus, finding.StatusViolated), "logging.enabled") {
		t.Fatal("consensus: logging is shared in paas, so logging.enabled = false must fail")
	}
	// Google's chart gives audit logging and operations to Google in PaaS.
	g := New(google).Evaluate(workload("paas", "minimum", values))
	if slices.Contains(controlsWith(g, finding.StatusViolated), "logging.enabled") || !slices.Contains(google.DomainsByOwner("paas", model.OwnerProvider), "monitoring_logging") {
		t.Errorf("google: paas logging is the provider's, yet violated=%v", controlsWith(g, finding.StatusViolated))
	}
	ms, _ := model.ForMatrix("microsoft_2026")
	if !slices.Contains(ms.DomainsByOwner("iaas", model.OwnerCustomer), "data_protection") {
		t.Errorf("microsoft_2026: data protection is the customer's alone in iaas, got customer=%v", ms.DomainsByOwner("iaas", model.OwnerCustomer))
	}
}

// A custom rule's reason is what the violation's detail gives as the
// baseline's reason, whole; without one the detail says none was given
// instead of the circular "required by the baseline".
func TestCustomRuleReason(t *testing.T) {
	m := model.Default()
	judge := func(reason string) Finding {
		w := workload("iaas", "", compliantValues())
		w.Values["logging.retention_days"] = KnownNumber(400)
		w.Custom = &CustomBaseline{Name: "platform-db", Extends: "standard", Controls: map[string]CustomRule{
			"logging.retention_days": {Min: ptr(800), Reason: reason},
		}}
		fs := New(m).Evaluate(w).Findings
		if len(fs) != 1 || fs[0].Control != "logging.retention_days" {
			t.Fatalf("findings = %+v, want one on logging.retention_days", fs)
		}
		return fs[0]
	}
	f := judge("The ledger's auditors  ask for\ntwo years of logs.")
	if want := `Why the "platform-db" baseline asks for it: The ledger's auditors ask for two years of logs.`; !strings.Contains(f.Detail, want) {
		t.Errorf("detail:\n%s\nwant it to contain %q", f.Detail, want)
	}
	f = judge("")
	if strings.Contains(f.Detail, "Required by") || !strings.Contains(f.Detail, `its author gave no reason (the srm_baseline "platform-db" can say why in this control's `+"`reason`).") {
		t.Errorf("detail without a reason:\n%s", f.Detail)
	}
	long := strings.Repeat("x", MaxReasonLength+1)
	if err := ValidateCustomRule(m, "logging.retention_days", CustomRule{Reason: long}); err == nil || !strings.Contains(err.Error(), "reason is 501 characters long: keep it to 500") {
		t.Errorf("long reason: %v", err)
	}
	spec := (&CustomBaseline{Name: "p", Extends: "standard", Controls: map[string]CustomRule{"logging.enabled": {Reason: "Audit."}}}).Spec()
	if b, err := ParseCustomBaseline(m, spec); err != nil || b.Controls["logging.enabled"].Reason != "Audit." {
		t.Errorf("spec %s round trip: %+v, %v", spec, b, err)
	}
}
