package detect

import (
	"fmt"
	"strings"
	"time"
)

const dateLayout = "2006-01-02"

// ParseDate accepts "YYYY-MM-DD" (midnight UTC) or an RFC 3339 timestamp
// (its offset is kept).
func ParseDate(s string) (time.Time, error) {
	t := strings.TrimSpace(s)
	if d, err := time.Parse(dateLayout, t); err == nil {
		return d, nil
	}
	if ts, err := time.Parse(time.RFC3339, t); err == nil {
		return ts, nil
	}
	return time.Time{}, fmt.Errorf("date %s is not valid; use YYYY-MM-DD (e.g. 2026-01-05) or an RFC 3339 timestamp (e.g. 2026-01-05T10:00:00Z)", quoteInput(t))
}

// MaxPatchAgeDays is the largest limit the patch_findings function accepts:
// 100 years, far beyond any patch policy.
const MaxPatchAgeDays = 36500

// maxDays bounds day arithmetic so absurd limits cannot overflow.
const maxDays = 1 << 30

// PatchFindings compares the last patch date with the check time "now".
// Older than maxAgeDays gives "patch.stale" (high when older than twice the
// limit, else medium); more than one day in the future gives
// "patch.future_date" (low). Messages give the age in whole days and the
// date judged against, so they change from one day to the next.
func PatchFindings(patched, now time.Time, maxAgeDays int) ([]Finding, error) {
	if maxAgeDays <= 0 {
		return nil, fmt.Errorf("maxAgeDays is %d; it must be a positive number of days, e.g. 30 for monthly patching", maxAgeDays)
	}
	days := min(maxAgeDays, maxDays)
	date, today := patched.Format(dateLayout), now.UTC().Format(dateLayout)
	age := (now.Unix() - patched.Unix()) / 86400 // whole days, without Duration overflow
	switch {
	case patched.After(now.Add(24 * time.Hour)):
		return []Finding{patchFinding("patch.future_date", SeverityLow,
			fmt.Sprintf("Last patch date %s is %d days after the check date %s, so the patch record is wrong.", date, -age, today),
			"Record the date the operating system was actually last patched.")}, nil
	case now.After(patched.AddDate(0, 0, 2*days)):
		return []Finding{patchFinding("patch.stale", SeverityHigh,
			fmt.Sprintf("Last patched %s, %d days before the check date %s: more than twice the %d-day limit.", date, age, today, days),
			fmt.Sprintf("Apply pending operating system patches now and keep the patch age under %d days.", days))}, nil
	case now.After(patched.AddDate(0, 0, days)):
		return []Finding{patchFinding("patch.stale", SeverityMedium,
			fmt.Sprintf("Last patched %s, %d days before the check date %s: more than the %d-day limit.", date, age, today, days),
			fmt.Sprintf("Apply pending operating system patches and keep the patch age under %d days.", days))}, nil
	}
	return nil, nil
}

func patchFinding(id, sev, msg, fix string) Finding {
	return Finding{ID: id, Severity: sev, Message: msg, Remediation: fix,
		References: refs(refNISTSI2, refCISv8Patch, refPCIPatch), Index: -1}
}

// PatchFindingKinds lists the finding ids PatchFindings can return.
func PatchFindingKinds() []FindingKind {
	return []FindingKind{
		{"patch.stale", []string{SeverityHigh, SeverityMedium}, "The last patch is older than the limit (medium) or more than twice the limit (high); the message gives the age in days and the date judged against."},
		{"patch.future_date", []string{SeverityLow}, "The last patch date is more than a day after the check date, so the record is wrong."},
	}
}
