package provider

import (
	"math/big"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
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

// toGo converts a Terraform value into the generic tree the pure packages
// read: nil, bool, float64, string, []any, map[string]any, and
// policy.UnknownValue where a value is not known until apply.
func toGo(v tftypes.Value) any {
	if !v.IsKnown() {
		return policy.UnknownValue
	}
	if v.IsNull() {
		return nil
	}
	typ := v.Type()
	switch {
	case typ.Is(tftypes.String):
		var s string
		_ = v.As(&s)
		return s
	case typ.Is(tftypes.Bool):
		var b bool
		_ = v.As(&b)
		return b
	case typ.Is(tftypes.Number):
		var n big.Float
		_ = v.As(&n)
		f, _ := n.Float64()
		return f
	case typ.Is(tftypes.List{}), typ.Is(tftypes.Set{}), typ.Is(tftypes.Tuple{}):
		var elems []tftypes.Value
		_ = v.As(&elems)
		out := make([]any, len(elems))
		for i, e := range elems {
			out[i] = toGo(e)
		}
		return out
	case typ.Is(tftypes.Map{}), typ.Is(tftypes.Object{}):
		var attrs map[string]tftypes.Value
		_ = v.As(&attrs)
		out := make(map[string]any, len(attrs))
		for k, e := range attrs {
			out[k] = toGo(e)
		}
		return out
	}
	return nil
}

// readControls reads the catalog's controls from the workload's attributes.
func readControls(m *model.Model, top map[string]tftypes.Value) (map[string]policy.Value, []policy.FieldError) {
	generic := make(map[string]any, len(m.Groups)+1)
	for _, g := range m.Groups {
		generic[g.ID] = toGo(top[g.ID])
	}
	for _, c := range m.GroupControls("") {
		generic[c.ID] = toGo(top[c.ID])
	}
	return policy.ReadControls(m, generic)
}

// exceptionsFromObject reads the exceptions list from its generic value;
// unknown is true while any part of it is not known.
func exceptionsFromObject(v any) (list []policy.Exception, unknown bool) {
	if v == nil {
		return nil, false
	}
	elems, ok := v.([]any)
	if !ok || policy.ContainsUnknown(v) {
		return nil, true
	}
	for _, e := range elems {
		obj, _ := e.(map[string]any)
		field := func(k string) string { s, _ := obj[k].(string); return s }
		list = append(list, policy.Exception{Control: field("control"), Justification: field("justification"),
			ApprovedBy: field("approved_by"), Expires: field("expires")})
	}
	return list, false
}
