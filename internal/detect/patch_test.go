package detect

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2026-01-05", time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)},
		{" 2026-01-05 ", time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)},
		{"2026-01-05T10:30:00Z", time.Date(2026, 1, 5, 10, 30, 0, 0, time.UTC)},
		{"2026-01-05T10:30:00.123456789+02:00", time.Date(2026, 1, 5, 8, 30, 0, 123456789, time.UTC)},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	if _, err := ParseDate("yesterday"); err == nil || !strings.Contains(err.Error(), `"yest…"`) {
		t.Errorf("ParseDate(yesterday) error %v, want the clipped input", err)
	}
	for _, bad := range []string{"", "05/01/2026", "2026-13-01", "2026-01-05 10:30", "yesterday", "2026-1-5"} {
		_, err := ParseDate(bad)
		if err == nil {
			t.Errorf("ParseDate(%q): no error", bad)
			continue
		}
		// Date-shaped input is quoted whole; anything else at most four
		// characters of it.
		for _, want := range []string{quoteInput(bad), "YYYY-MM-DD", "RFC 3339"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("ParseDate(%q) error %q lacks %q", bad, err, want)
			}
		}
	}
}

func TestPatchFindings(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	day := func(s string) time.Time {
		d, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		patched string
		max     int
		want    string // "id/severity" or ""
		msg     string
	}{
		{"2026-02-20", 30, "", ""},
		{"2026-01-31", 30, "", ""}, // 29.5 days old
		{"2026-01-29", 30, "patch.stale/medium", "Last patched 2026-01-29, 31 days before the check date 2026-03-01: more than the 30-day limit."},
		{"2025-12-31", 30, "patch.stale/high", "Last patched 2025-12-31, 60 days before the check date 2026-03-01: more than twice the 30-day limit."},
		{"2026-03-02", 30, "", ""}, // tomorrow-ish: within the one-day grace
		{"2026-03-03", 30, "patch.future_date/low", "Last patch date 2026-03-03 is 1 days after the check date 2026-03-01"},
		{"2020-01-01", 1, "patch.stale/high", "twice the 1-day limit"},
	}
	for _, tt := range tests {
		got, err := PatchFindings(day(tt.patched), now, tt.max)
		if err != nil {
			t.Fatal(err)
		}
		var k string
		if len(got) == 1 {
			k = got[0].ID + "/" + got[0].Severity
		}
		if k != tt.want || len(got) > 1 {
			t.Errorf("%s (max %d): got %v, want %q", tt.patched, tt.max, keys(got), tt.want)
			continue
		}
		if tt.msg != "" && !strings.Contains(got[0].Message, tt.msg) {
			t.Errorf("%s: message %q lacks %q", tt.patched, got[0].Message, tt.msg)
		}
		if len(got) == 1 {
			for _, ref := range []string{"NIST SP 800-53 Rev. 5 SI-2", "CIS Controls v8 7.3", "PCI DSS v4.0.1 6.3.3"} {
				if !slices.Contains(got[0].References, ref) {
					t.Errorf("%s: references %v lack %s", tt.patched, got[0].References, ref)
				}
			}
			checkFindingShape(t, got)
		}
	}
}

// Issue 10: a patch message gives the age in days and the date judged
// against, so the reader need not work out either.
func TestPatchFindingsMessageGivesAgeAndCheckDate(t *testing.T) {
	patched := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		now  time.Time
		want string
	}{
		{time.Date(2026, 2, 10, 9, 0, 0, 0, time.UTC), "36 days before the check date 2026-02-10"},
		{time.Date(2026, 2, 20, 23, 0, 0, 0, time.UTC), "46 days before the check date 2026-02-20"},
	} {
		got, _ := PatchFindings(patched, tc.now, 30)
		if len(got) != 1 || !strings.Contains(got[0].Message, tc.want) {
			t.Errorf("%v: got %v, want a message with %q", tc.now, got, tc.want)
		}
	}
	if got, _ := PatchFindings(time.Time{}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 30); len(got) != 1 || !strings.Contains(got[0].Message, "739616 days") {
		t.Errorf("zero time age: %v", got)
	}
}

func TestPatchFindingsErrorsAndExtremes(t *testing.T) {
	now := time.Now()
	for _, maxAge := range []int{0, -5} {
		_, err := PatchFindings(now, now, maxAge)
		if err == nil || !strings.Contains(err.Error(), "maxAgeDays") || !strings.Contains(err.Error(), "positive") {
			t.Errorf("max %d: error %v", maxAge, err)
		}
	}
	// Huge limits and zero times must not overflow or panic.
	if got, err := PatchFindings(time.Time{}, now, math.MaxInt); err != nil || len(got) != 0 {
		t.Errorf("MaxInt limit: %v %v", got, err)
	}
	if got, err := PatchFindings(time.Time{}, now, 30); err != nil || len(got) != 1 || got[0].Severity != SeverityHigh {
		t.Errorf("zero time: %v %v", got, err)
	}
}
