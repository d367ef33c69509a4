package provider

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// backticked renders values as "`a`, `b`, `c`" for Markdown descriptions.
func backticked(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = "`" + v + "`"
	}
	return strings.Join(q, ", ")
}

// stringList builds a known list of strings; a nil slice becomes empty, not
// null, so outputs are always iterable.
func stringList(values []string) types.List {
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return types.ListValueMust(types.StringType, elems)
}

// optionalString maps a nil pointer to null.
func optionalString(s *string) types.String {
	if s == nil {
		return types.StringNull()
	}
	return types.StringValue(*s)
}

// objectList builds a known list of objects of one type.
func objectList(elemType types.ObjectType, items []map[string]attr.Value) (types.List, diag.Diagnostics) {
	var diags diag.Diagnostics
	elems := make([]attr.Value, 0, len(items))
	for _, item := range items {
		obj, d := types.ObjectValue(elemType.AttrTypes, item)
		diags.Append(d...)
		elems = append(elems, obj)
	}
	list, d := types.ListValue(elemType, elems)
	diags.Append(d...)
	return list, diags
}
