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
	return time.Time{}, fmt.Errorf("date %q is not valid; use YYYY-MM-DD (e.g. 2026-01-05) or an RFC 3339 timestamp (e.g. 2026-01-05T10:00:00Z)", clip(s, 64))
}

// maxDays bounds day arithmetic so absurd limits cannot overflow.
const maxDays = 1 << 30

// PatchFindings compares the last patch date with the check time "now".
// Older than maxAgeDays gives "patch.stale" (high when older than twice the
// limit, else medium); more than one day in the future gives
// "patch.future_date" (low). Messages carry only the dates and the limit,
// never an age, so they do not change from one day to the next.
func PatchFindings(patched, now time.Time, maxAgeDays int) ([]Finding, error) {
	if maxAgeDays <= 0 {
		return nil, fmt.Errorf("maxAgeDays is %d; it must be a positive number of days, e.g. 30 for monthly patching", maxAgeDays)
	}
	days := min(maxAgeDays, maxDays)
	date := patched.Format(dateLayout)
	switch {
	case patched.After(now.Add(24 * time.Hour)):
		return []Finding{patchFinding("patch.future_date", SeverityLow,
			fmt.Sprintf("Last patch date %s is later than the check date, so the patch record is wrong.", date),
			"Record the date the operating system was actually last patched.")}, nil
	case now.After(patched.AddDate(0, 0, 2*days)):
		return []Finding{patchFinding("patch.stale", SeverityHigh,
			fmt.Sprintf("Last patched %s, more than %d days (twice the %d-day limit) before the check date.", date, 2*days, days),
			fmt.Sprintf("Apply pending operating system patches now and keep the patch age under %d days.", days))}, nil
	case now.After(patched.AddDate(0, 0, days)):
		return []Finding{patchFinding("patch.stale", SeverityMedium,
			fmt.Sprintf("Last patched %s, more than %d days before the check date.", date, days),
			fmt.Sprintf("Apply pending operating system patches and keep the patch age under %d days.", days))}, nil
	}
	return nil, nil
}

func patchFinding(id, sev, msg, fix string) Finding {
	return Finding{ID: id, Severity: sev, Message: msg, Remediation: fix,
		References: refs(refNISTSI2, refCISv8Patch, refPCIPatch), Index: -1}
}
