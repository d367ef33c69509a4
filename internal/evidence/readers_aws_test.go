package evidence

import (
	"math"
	"strings"
	"testing"

	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// Unit tests for the readers added for the AWS table.

func TestDaysOrForever(t *testing.T) {
	mp := Mapping{Attribute: "retention_in_days", Read: "days_or_forever"}
	for _, c := range []struct {
		in   any
		want float64
	}{{0.0, math.Inf(1)}, {30.0, 30}, {"365", 365}} {
		v, shown, err := readers["days_or_forever"].read(mp, c.in, nil)
		if err != nil || v.State != policy.Known || v.Number != c.want || shown == "" {
			t.Errorf("%v: got %+v %q %v, want %v", c.in, v, shown, err, c.want)
		}
	}
	if _, _, err := readers["days_or_forever"].read(mp, true, nil); err == nil || !strings.Contains(err.Error(), "retention_in_days") {
		t.Errorf("a bool must be an error naming the attribute, got %v", err)
	}
}

func TestRateDays(t *testing.T) {
	mp := Mapping{Attribute: "rotation_rules[0].schedule_expression", Read: "rate_days"}
	for in, want := range map[string]float64{
		"rate(30 days)": 30, "rate(1 day)": 1, "rate(12 hours)": 0.5, "rate(90 minutes)": 90.0 / 1440, " RATE( 7 Days ) ": 7,
	} {
		v, _, err := readers["rate_days"].read(mp, in, nil)
		if err != nil || v.State != policy.Known || v.Number != want {
			t.Errorf("%q: got %+v %v, want %v days", in, v, err, want)
		}
	}
	v, _, err := readers["rate_days"].read(mp, "cron(0 16 1,15 * ? *)", nil)
	if err != nil || v.State != policy.Null {
		t.Errorf("a cron() schedule must say nothing, got %+v %v", v, err)
	}
	for _, bad := range []any{"rate(often)", "every 30 days", 30.0} {
		_, _, err := readers["rate_days"].read(mp, bad, nil)
		if err == nil || !strings.Contains(err.Error(), "schedule_expression") {
			t.Errorf("%v: want an error naming the attribute, got %v", bad, err)
		}
		if err != nil && strings.Contains(err.Error(), "often") {
			t.Errorf("the error echoes the value: %v", err)
		}
	}
}
