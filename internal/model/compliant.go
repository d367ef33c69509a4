package model

import (
	"fmt"
	"strconv"
	"strings"
)

// CompliantBody is the least srm_workload body, as a generic value tree of
// control groups ({ "encryption": { "at_rest": true, ... } }), that
// satisfies a preset baseline's rules for every service model and for
// "internal" data, derived from the catalog: every required
// control, a bool with its expected value, a bounded number or version at
// its bound. Controls checked only when set are left out. Tests, examples and the scale generator take their compliant body
// from it, so a new required control is one catalog entry.
func (m *Model) CompliantBody(baseline string) map[string]any {
	body := map[string]any{}
	for _, c := range m.Controls {
		r, ok := m.PresetRule(baseline, c)
		if !ok || !r.Required || c.Detector != "" {
			continue
		}
		v, ok := compliantValue(c, r)
		if !ok {
			continue
		}
		putControl(body, c, v)
	}
	return body
}

// putControl sets a control's value in a body of CompliantBody's shape.
func putControl(body map[string]any, c Control, v any) {
	group, name := c.Group()
	if group == "" {
		body[c.ID] = v
		return
	}
	g, _ := body[group].(map[string]any)
	if g == nil {
		g = map[string]any{}
		body[group] = g
	}
	g[name] = v
}

func compliantValue(c Control, r Rule) (any, bool) {
	switch c.Type {
	case TypeBool:
		if r.Expect != nil {
			return *r.Expect, true
		}
		return true, true
	case TypeNumber:
		switch {
		case r.Min != nil:
			return *r.Min, true
		case r.Max != nil:
			return *r.Max, true
		}
		return float64(NumberMin), true
	case TypeVersion:
		for _, v := range c.Enum {
			if f, err := strconv.ParseFloat(v, 64); err == nil && r.Min != nil && f >= *r.Min {
				return v, true
			}
		}
		if len(c.Enum) > 0 {
			return c.Enum[len(c.Enum)-1], true
		}
	case TypeStringSet, TypeStringList:
		if len(c.Enum) > 0 {
			return []any{c.Enum[0]}, true
		}
		return []any{"example"}, true
	}
	return nil, false
}

// HCL renders a body of CompliantBody's shape as srm_workload arguments, in
// catalog order and laid out as terraform fmt lays them out, each line
// starting with indent.
func (m *Model) HCL(body map[string]any, indent string) string {
	var b strings.Builder
	var names []string
	for _, g := range m.Groups {
		if _, ok := body[g.ID]; ok {
			names = append(names, g.ID)
		}
	}
	for _, c := range m.GroupControls("") {
		if _, ok := body[c.ID]; ok {
			names = append(names, c.ID)
		}
	}
	for _, name := range names {
		group, ok := body[name].(map[string]any)
		if !ok {
			fmt.Fprintf(&b, "%s%s = %s\n", indent, name, hclValue(body[name]))
			continue
		}
		var attrs []string
		for _, c := range m.GroupControls(name) {
			if _, attr := c.Group(); group[attr] != nil {
				attrs = append(attrs, attr)
			}
		}
		width := 0
		for _, a := range attrs {
			width = max(width, len(a))
		}
		fmt.Fprintf(&b, "%s%s = {\n", indent, name)
		for _, a := range attrs {
			fmt.Fprintf(&b, "%s  %-*s = %s\n", indent, width, a, hclValue(group[a]))
		}
		fmt.Fprintf(&b, "%s}\n", indent)
	}
	return b.String()
}

func hclValue(v any) string {
	switch t := v.(type) {
	case bool:
		return strconv.FormatBool(t)
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	case string:
		return strconv.Quote(t)
	case []any:
		parts := make([]string, len(t))
		for i, e := range t {
			parts[i] = hclValue(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return "null"
}
