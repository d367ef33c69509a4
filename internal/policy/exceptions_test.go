package policy

import (
	"strings"
	"testing"
	"time"
)

func TestExceptionTermWarning(t *testing.T) {
	for _, tc := range []struct {
		expires string
		warn    bool
	}{
		{"2027-11-30", false}, // a year from testNow, to the day
		{"2027-06-30", false},
		{"2027-12-02", true},
		{"2099-12-31", true},
	} {
		values := compliantValues()
		values["backup.enabled"] = KnownBool(false)
		w := workload("iaas", "minimum", values)
		w.Exceptions = []Exception{{Control: "backup.enabled", Justification: "rebuilt from source", ApprovedBy: "security", Expires: tc.expires}}
		res := evaluate(w)
		if !res.Compliant {
			t.Fatalf("%s: the exception must still waive: %+v", tc.expires, res.Notices)
		}
		var got *Notice
		for i, n := range res.Notices {
			if n.Summary == "Exception Expires More Than A Year Ahead" {
				got = &res.Notices[i]
			}
		}
		if (got != nil) != tc.warn {
			t.Errorf("%s: warning = %v, want %v (%+v)", tc.expires, got != nil, tc.warn, res.Notices)
			continue
		}
		if got != nil && (got.Error || got.Field != "expires" || got.Index != 0 || !strings.Contains(got.Detail, `"backup.enabled" expires `+tc.expires+", more than a year ahead")) {
			t.Errorf("%s: notice = %+v", tc.expires, *got)
		}
	}
}

// An expired exception's error names the control and the date, never the
// approver: approved_by may be built from a sensitive value.
func TestExpiredExceptionDoesNotQuoteTheApprover(t *testing.T) {
	const approver = "Zq8xW-Kp3vT-Jm9yR"
	w := workload("iaas", "standard", compliantValues())
	w.Values["identity.mfa_required"] = KnownBool(false)
	w.Exceptions = []Exception{{Control: "identity.mfa_required", Justification: "legacy", ApprovedBy: approver, Expires: "2020-01-01"}}
	res := evaluate(w)
	found := false
	for _, n := range res.Notices {
		found = found || n.Summary == "Exception Expired"
		if strings.Contains(n.Detail, approver[:5]) {
			t.Errorf("%s quotes the approver: %s", n.Summary, n.Detail)
		}
	}
	if !found {
		t.Fatalf("no Exception Expired notice: %+v", res.Notices)
	}
}

// A verdict that an expiry or a patch date decides says so; one that no
// clock decides does not, so only the first waits for apply.
func TestClockDependentVerdicts(t *testing.T) {
	violating := func() *Workload {
		w := workload("iaas", "standard", compliantValues())
		w.Values["identity.mfa_required"] = KnownBool(false)
		return w
	}
	exception := func(control, expires string) []Exception {
		return []Exception{{Control: control, Justification: "j", ApprovedBy: "a", Expires: expires}}
	}
	for _, c := range []struct {
		name  string
		build func() *Workload
		want  bool
	}{
		{"no exception, no patch date", violating, false},
		{"an exception that waives", func() *Workload {
			w := violating()
			w.Exceptions = exception("identity.mfa_required", "2099-01-01")
			return w
		}, true},
		{"an expired exception over a violation", func() *Workload {
			w := violating()
			w.Exceptions = exception("identity.mfa_required", "2020-01-01")
			return w
		}, true},
		{"an exception that waives nothing", func() *Workload {
			w := workload("iaas", "standard", compliantValues())
			w.Exceptions = exception("identity.mfa_required", "2099-01-01")
			return w
		}, false},
		{"a patch date judged against today", func() *Workload {
			w := workload("iaas", "standard", compliantValues())
			w.Values["hardening.max_patch_age_days"] = KnownNumber(30)
			w.Values["hardening.last_patched"] = KnownString("2020-01-01")
			return w
		}, true},
	} {
		w := c.build()
		w.Now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
		if got := evaluate(w).ClockDependent; got != c.want {
			t.Errorf("%s: ClockDependent = %v, want %v", c.name, got, c.want)
		}
	}
}
