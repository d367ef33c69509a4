package provider

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
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

var indexSuffix = regexp.MustCompile(`^(.*)\[(\d+)\]$`)

// attributePath turns a control path such as "network.ingress_rules[2]" or
// "encryption" into a framework path.
func attributePath(p string) path.Path {
	var out path.Path
	for i, part := range strings.Split(p, ".") {
		index := -1
		if m := indexSuffix.FindStringSubmatch(part); m != nil {
			part = m[1]
			index, _ = strconv.Atoi(m[2])
		}
		if i == 0 {
			out = path.Root(part)
		} else {
			out = out.AtName(part)
		}
		if index >= 0 {
			out = out.AtListIndex(index)
		}
	}
	return out
}
