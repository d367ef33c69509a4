package provider

import (
	"math/big"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// The workload's control values are read generically from the raw plan,
// through the catalog, so no Go struct repeats the catalog's attributes.

// rawObject splits an object value into its attributes; ok is false when
// the value is null or unknown.
func rawObject(v tftypes.Value) (map[string]tftypes.Value, bool) {
	if v.IsNull() || !v.IsKnown() {
		return nil, false
	}
	var out map[string]tftypes.Value
	if err := v.As(&out); err != nil {
		return nil, false
	}
	return out, true
}

// rawString reads a known string; state reports null or unknown.
func rawString(v tftypes.Value) (string, policy.State) {
	if !v.IsKnown() {
		return "", policy.Unknown
	}
	if v.IsNull() {
		return "", policy.Null
	}
	var s string
	if err := v.As(&s); err != nil {
		return "", policy.Null
	}
	return s, policy.Known
}

// toGo is the one converter from a Terraform value to the generic tree the
// pure packages read: nil, bool, float64, string, []any, map[string]any,
// and policy.UnknownValue where a value is not known until apply. It reads
// the protocol value directly, in one pass.
func toGo(v tftypes.Value) any {
	if !v.IsKnown() {
		return policy.UnknownValue
	}
	if v.IsNull() {
		return nil
	}
	switch t := v.Type().(type) {
	case tftypes.List, tftypes.Set, tftypes.Tuple:
		var elems []tftypes.Value
		_ = v.As(&elems)
		out := make([]any, len(elems))
		for i, e := range elems {
			out[i] = toGo(e)
		}
		return out
	case tftypes.Map, tftypes.Object:
		var attrs map[string]tftypes.Value
		_ = v.As(&attrs)
		out := make(map[string]any, len(attrs))
		for k, e := range attrs {
			out[k] = toGo(e)
		}
		return out
	default:
		switch {
		case t.Is(tftypes.String):
			var s string
			_ = v.As(&s)
			return s
		case t.Is(tftypes.Bool):
			var b bool
			_ = v.As(&b)
			return b
		case t.Is(tftypes.Number):
			var n big.Float
			_ = v.As(&n)
			f, _ := n.Float64()
			return f
		}
	}
	return nil
}

// goObject converts an object's attributes with toGo.
func goObject(top map[string]tftypes.Value) map[string]any {
	out := make(map[string]any, len(top))
	for k, v := range top {
		out[k] = toGo(v)
	}
	return out
}
