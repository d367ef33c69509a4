package policy

import (
	"fmt"
	"time"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// ExpiryWarningWindow is how close to its expiry an exception starts to warn.
const ExpiryWarningWindow = 30 * 24 * time.Hour

// MaxExceptionTerm is the longest an exception may run before its expiry
// draws a warning: a waiver is a temporary, reviewed decision, and one that
// runs for years is a permanent one nobody reviews.
const MaxExceptionTerm = 366 * 24 * time.Hour

// ParseExpiry reads an exception's expires value. A bare date is valid through
// the end of that day in UTC.
func ParseExpiry(s string) (time.Time, error) {
	t, err := detect.ParseDate(s)
	if err != nil {
		return time.Time{}, err
	}
	if len(s) == len("2006-01-02") {
		t = t.Add(24*time.Hour - time.Nanosecond)
	}
	return t, nil
}

// applyExceptions waives the violations that a valid exception covers and
// reports every exception that is wrong, expired, stale or about to expire.
// Notices never mention relative time, so plans stay stable day to day.
// timed is set when an exception's expiry decides a finding's status.
func applyExceptions(m *model.Model, w *Workload, fs []Finding, locked map[string]string) (notices []Notice, timed bool) {
	seen := map[string]int{}
	for i, ex := range w.Exceptions {
		note := func(isErr bool, field, summary, detail string) {
			notices = append(notices, Notice{Error: isErr, Index: i, Field: field, Summary: summary, Detail: detail})
		}
		expired := func(detail string) {
			notices = append(notices, Notice{Error: true, Index: i, Field: "expires", Summary: "Exception Expired", Detail: detail, Expired: true})
		}
		if _, ok := m.Control(ex.Control); !ok {
			note(true, "control", "Unknown Control In Exception", UnknownControlError(m, ex.Control).Error())
			continue
		}
		if first, dup := seen[ex.Control]; dup {
			note(true, "control", "Duplicate Exception",
				fmt.Sprintf("exceptions[%d] and exceptions[%d] both name %q; keep one entry per control.", first, i, ex.Control))
			continue
		}
		seen[ex.Control] = i
		expires, err := ParseExpiry(ex.Expires)
		if err != nil {
			note(true, "expires", "Invalid Exception Expiry", err.Error())
			continue
		}
		if baseline, isLocked := locked[ex.Control]; isLocked {
			note(true, "control", "Exception For Locked Control",
				fmt.Sprintf("%q is locked by the %q baseline: no exception can waive it. Satisfy the control instead.", ex.Control, baseline))
			continue
		}
		if w.Now.After(expires) {
			timed = timed || hasStatus(fs, ex.Control, finding.StatusViolated)
			expired(fmt.Sprintf("The exception for %q expired %s. Renew it with a new date and approval, or satisfy the control.", ex.Control, ex.Expires))
			continue
		}
		if expires.Sub(w.Now) > MaxExceptionTerm {
			note(false, "expires", "Exception Expires More Than A Year Ahead",
				fmt.Sprintf("The exception for %q expires %s, more than a year ahead. An exception is a temporary decision: set an expiry within a year and renew it with a fresh approval if it is still needed.", ex.Control, ex.Expires))
		}
		waived := waive(fs, ex.Control)
		timed = timed || waived
		if !waived && !hasStatus(fs, ex.Control, finding.StatusDeferred) {
			note(false, "control", "Stale Exception",
				fmt.Sprintf("%q is not violated, so the exception waives nothing. Remove it.", ex.Control))
		}
		if waived && expires.Sub(w.Now) <= ExpiryWarningWindow {
			note(false, "expires", "Exception Expiring Soon",
				fmt.Sprintf("The exception for %q expires %s. Renew it or satisfy the control before then.", ex.Control, ex.Expires))
		}
	}
	return notices, timed
}

func waive(fs []Finding, control string) bool {
	waived := false
	for i := range fs {
		if fs[i].Control == control && fs[i].Status == finding.StatusViolated {
			fs[i].Status = finding.StatusWaived
			waived = true
		}
	}
	return waived
}

func hasStatus(fs []Finding, control, status string) bool {
	for _, f := range fs {
		if f.Control == control && f.Status == status {
			return true
		}
	}
	return false
}
