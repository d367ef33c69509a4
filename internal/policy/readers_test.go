package policy

import (
	"math"
	"testing"
)

// The one reading of scalars, shared with the evidence readers: Terraform's
// own string conversions and nothing looser.
func TestBoolReadsAsTerraformConverts(t *testing.T) {
	for _, tc := range []struct {
		in       any
		want, ok bool
	}{
		{true, true, true}, {false, false, true},
		{"true", true, true}, {"1", true, true}, {"false", false, true}, {"0", false, true},
		{"t", false, false}, {"TRUE", false, false}, {"True", false, false}, {"yes", false, false},
		{" true", false, false}, {"", false, false}, {1.0, false, false}, {nil, false, false},
	} {
		if got, ok := Bool(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("Bool(%#v) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestNumberReadsAsTerraformConverts(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want float64
		ok   bool
	}{
		{12.0, 12, true}, {"12", 12, true}, {"1e2", 100, true}, {"-0.5", -0.5, true}, {3, 3, true},
		{" 12", 0, false}, {"12 ", 0, false}, {"twelve", 0, false}, {"NaN", 0, false}, {"Inf", 0, false},
		{math.Inf(1), 0, false}, {true, 0, false}, {nil, 0, false},
	} {
		got, ok := Number(tc.in)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("Number(%#v) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
