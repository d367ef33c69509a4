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
	for _, bad := range []string{"", "05/01/2026", "2026-13-01", "2026-01-05 10:30", "yesterday", "2026-1-5"} {
		_, err := ParseDate(bad)
		if err == nil {
			t.Errorf("ParseDate(%q): no error", bad)
			continue
		}
		for _, want := range []string{`"` + bad + `"`, "YYYY-MM-DD", "RFC 3339"} {
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
		{"2026-01-29", 30, "patch.stale/medium", "Last patched 2026-01-29, more than 30 days before the check date."},
		{"2025-12-31", 30, "patch.stale/high", "Last patched 2025-12-31, more than 60 days (twice the 30-day limit) before the check date."},
		{"2026-03-02", 30, "", ""}, // tomorrow-ish: within the one-day grace
		{"2026-03-03", 30, "patch.future_date/low", "Last patch date 2026-03-03 is later than the check date"},
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
			for _, ref := range []string{"NIST SP 800-53 r5 SI-2", "CIS Controls v8 7.3", "PCI DSS v4.0 6.3.3"} {
				if !slices.Contains(got[0].References, ref) {
					t.Errorf("%s: references %v lack %s", tt.patched, got[0].References, ref)
				}
			}
			checkFindingShape(t, got)
		}
	}
}

func TestPatchFindingsMessageIsStableAcrossDays(t *testing.T) {
	patched := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	a, _ := PatchFindings(patched, time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC), 30)
	b, _ := PatchFindings(patched, time.Date(2026, 2, 20, 0, 0, 0, 0, time.UTC), 30)
	if len(a) != 1 || len(b) != 1 || a[0].Message != b[0].Message {
		t.Errorf("message changed from one day to the next:\n%v\n%v", a, b)
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
