package evidence

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// resolved is where an attribute path ends in a type's schema: the
// attribute reached and whether the path indexed into its list (so the
// value is one element).
type resolved struct {
	attr *Attr // nil for the resource itself
	elem bool
}

// valueType names the planned value's type at the end of a path:
// "string", "bool", "list(string)", "object", "list(object)", ...
func (r resolved) valueType() string {
	if r.attr == nil {
		return "object"
	}
	t := r.attr.Type
	switch {
	case r.attr.objectList(), r.attr.object():
		if r.elem || r.attr.object() {
			return "object"
		}
		return "list(object)"
	case r.elem:
		inner := t[strings.Index(t, "(")+1 : len(t)-1]
		return inner
	}
	return t
}

// resolvePath follows a mapping path ("rule[*].apply_server_side_
// encryption_by_default[0].kms_master_key_id") through a type's schema.
func resolvePath(root *Attr, path string) (resolved, error) {
	steps, ok := parsePath(path)
	if !ok {
		return resolved{}, fmt.Errorf("path %q is malformed", path)
	}
	cur := resolved{}
	walked := ""
	for _, s := range steps {
		if s.index != -1 {
			if cur.attr == nil || cur.elem || !(cur.attr.objectList() || strings.HasPrefix(cur.attr.Type, "list(") || strings.HasPrefix(cur.attr.Type, "set(")) {
				what := "the resource"
				if cur.attr != nil {
					what = walked + " (" + cur.attr.describe() + ")"
				}
				return resolved{}, fmt.Errorf("%s: %s is not a list, so it cannot be indexed", path, what)
			}
			cur.elem = true
			walked += "[" + map[bool]string{true: "*", false: "0"}[s.index == anyIndex] + "]"
			continue
		}
		parent := root
		if cur.attr != nil {
			switch {
			case cur.attr.object(), cur.attr.objectList() && cur.elem:
				parent = cur.attr
			case strings.HasPrefix(cur.attr.Type, "map(") && !cur.elem:
				// A map key ("metadata.enable-oslogin-2fa").
				inner := cur.attr.Type[len("map(") : len(cur.attr.Type)-1]
				key := &Attr{Name: s.name, Type: inner}
				if inner == "object" {
					key.Attrs = cur.attr.Attrs
				}
				cur = resolved{attr: key}
				walked = joinPath(walked, s.name)
				continue
			case cur.attr.objectList():
				return resolved{}, fmt.Errorf("%s: %s is %s: index it ([0] or [*]) before naming %q", path, walked, cur.attr.describe(), s.name)
			default:
				return resolved{}, fmt.Errorf("%s: %s is %s and has no attribute %q", path, walked, cur.attr.Type, s.name)
			}
		}
		next := parent.Child(s.name)
		if next == nil {
			msg := fmt.Sprintf("%s: %q does not exist", path, joinPath(walked, s.name))
			if sug := model.Suggest(s.name, attrNames(parent)); len(sug) > 0 {
				msg += "; did you mean " + model.Quoted(sug) + "?"
			}
			return resolved{}, fmt.Errorf("%s", msg)
		}
		cur = resolved{attr: next}
		walked = joinPath(walked, s.name)
	}
	return cur, nil
}

// readerInputs lists, per reader, the value types it reads. Readers that
// parse text (bool from "true"/"false") list string only where a provider
// stores the value as a string.
var readerInputs = map[string][]string{
	"bool":            {"bool"},
	"bool_string":     {"string"},
	"rotation_days":   {"bool"},
	"number":          {"number"},
	"positive":        {"number"},
	"days_or_forever": {"number"},
	"equals":          {"string", "number", "bool"},
	"contains":        {"list(string)", "set(string)"},
	"tls_version":     {"string"},
	"duration_days":   {"string"},
	"rate_days":       {"string"},
	"text":            {"string"},
	"firewall":        {"object", "list(object)"},
	"present":         nil, // anything
}

// CheckSchema checks one table against the providers' schema digest: every
// resource type exists, every mapping path, when condition, reader field
// (uses, period_attribute) and default exists in the type's schema with
// the nesting and value type the reader needs. It returns the problems.
func CheckSchema(t Table) []string {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	for _, r := range t.Resources {
		root, p, ok := schemaFor(r.Type)
		if !ok {
			add("%s: no such resource type in the providers' schemas%s", r.Type, suggestTypes(r.Type))
			continue
		}
		if p.Provider != t.Provider && !(t.Cloud == "azure" && p.Provider == "hashicorp/azuread") {
			add("%s: a %s type in the %s table", r.Type, p.Provider, t.Provider)
		}
		for _, mp := range r.Mappings {
			where := r.Type + "." + mp.ID
			at, err := resolvePath(root, mp.Attribute)
			if err != nil {
				add("%s: attribute %v", where, err)
				continue
			}
			vt := at.valueType()
			want := readers[mp.Read].inputs
			if want == nil {
				want = readerInputs[mp.Read]
			}
			if want != nil && !slices.Contains(want, vt) {
				add("%s: reader %q reads %s, but %s is %s", where, mp.Read, strings.Join(want, " or "), pathOrResource(mp.Attribute), vt)
			}
			if at.attr != nil && at.attr.ComputedOnly() && mp.Default != nil {
				add("%s: %s is computed by the provider; a default for it means nothing", where, mp.Attribute)
			}
			if mp.Default != nil && !valueFits(mp.Default, vt) {
				add("%s: default %s does not fit %s, which is %s", where, kind(mp.Default), mp.Attribute, vt)
			}
			if mp.When != nil {
				w, err := resolvePath(root, mp.When.Attribute)
				switch {
				case err != nil:
					add("%s: when.attribute %v", where, err)
				case !slices.Contains([]string{"string", "number", "bool"}, w.valueType()):
					add("%s: when.attribute %s is %s, not one value", where, mp.When.Attribute, w.valueType())
				}
			}
			if mp.PeriodAttribute != "" {
				pa, err := resolvePath(root, mp.PeriodAttribute)
				switch {
				case err != nil:
					add("%s: period_attribute %v", where, err)
				case pa.valueType() != "number":
					add("%s: period_attribute %s is %s, not a number", where, mp.PeriodAttribute, pa.valueType())
				}
			}
			for _, u := range mp.Uses {
				if root.Child(u) == nil {
					add("%s: uses %q: %s has no such attribute", where, u, r.Type)
				}
			}
		}
	}
	return problems
}

// valueFits reports whether a default from a table is of the value type.
func valueFits(v any, vt string) bool {
	switch v.(type) {
	case bool:
		return vt == "bool"
	case float64, int:
		return vt == "number"
	case string:
		return vt == "string"
	case []any:
		return strings.HasPrefix(vt, "list(") || strings.HasPrefix(vt, "set(")
	case map[string]any:
		return vt == "object" || strings.HasPrefix(vt, "map(")
	}
	return false
}

// suggestTypes names the nearest real resource types, for messages.
func suggestTypes(typ string) string {
	if s := model.Suggest(typ, RealTypes()); len(s) > 0 {
		return "; did you mean " + model.Quoted(s) + "?"
	}
	return ""
}
