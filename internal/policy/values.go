package policy

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// Values arrive from Terraform as a generic tree: nil, bool, float64,
// string, []any, map[string]any, and the UnknownValue sentinel for a value
// not known until apply. A control group is read from such a tree against the
// catalog, so a misspelt key or a value of the wrong type is an error that
// names it, never a silently dropped attribute.

type unknownValue struct{}

// UnknownValue stands for a value not known until apply in a generic tree.
var UnknownValue any = unknownValue{}

// IsUnknown reports whether v is the UnknownValue sentinel.
func IsUnknown(v any) bool {
	_, ok := v.(unknownValue)
	return ok
}

// FieldError is a problem with one attribute of a workload's configuration.
// Path is dotted, with list indexes: "encryption.at_rst",
// "network.ingress_rules[1].protocol".
type FieldError struct {
	Path    string
	Summary string
	Detail  string
}

func (e FieldError) Error() string { return e.Path + ": " + e.Detail }

// ingressRuleKeys are the attributes of one network.ingress_rules entry.
var ingressRuleKeys = []string{"cidr_blocks", "ipv6_cidr_blocks", "from_port", "to_port", "protocol"}

// ReadControls reads every catalog control from a workload's top-level
// attributes: the groups (objects keyed by control name) and the top-level
// controls. Only the keys that are attributes of the workload need be
// present in top.
func ReadControls(m *model.Model, top map[string]any) (map[string]Value, []FieldError) {
	out := make(map[string]Value, len(m.Controls))
	var errs []FieldError
	for _, g := range m.Groups {
		errs = append(errs, readGroup(m, g.ID, top[g.ID], out)...)
	}
	for _, c := range m.GroupControls("") {
		v, err := controlValue(c, c.ID, top[c.ID])
		if err != nil {
			errs = append(errs, *err)
		}
		out[c.ID] = v
	}
	return out, errs
}

func readGroup(m *model.Model, group string, raw any, out map[string]Value) []FieldError {
	controls := m.GroupControls(group)
	switch {
	case raw == nil:
		for _, c := range controls {
			out[c.ID] = Value{GroupOmitted: true}
		}
		return nil
	case IsUnknown(raw):
		for _, c := range controls {
			out[c.ID] = Value{State: Unknown}
		}
		return nil
	}
	obj, ok := raw.(map[string]any)
	if !ok {
		for _, c := range controls {
			out[c.ID] = Value{}
		}
		return []FieldError{{Path: group, Summary: "Invalid Control Group",
			Detail: fmt.Sprintf("%s must be an object such as { %s = ... }, got %s.", group, controlName(controls[0]), finding.KindOf(raw))}}
	}
	names := make([]string, len(controls))
	for i, c := range controls {
		names[i] = controlName(c)
	}
	var errs []FieldError
	for _, key := range sortedKeys(obj) {
		if !containsString(names, key) {
			errs = append(errs, unknownKey(group, key, names))
		}
	}
	for _, c := range controls {
		v, err := controlValue(c, c.ID, obj[controlName(c)])
		if err != nil {
			errs = append(errs, *err)
		}
		out[c.ID] = v
	}
	return errs
}

func controlName(c model.Control) string {
	_, name := c.Group()
	return name
}

// unknownKey names the misspelt key and the nearest valid names.
func unknownKey(where, key string, valid []string) FieldError {
	name := safeName(key, valid)
	at := where
	if strings.HasPrefix(name, `"`) {
		at = where + "." + key
	}
	detail := fmt.Sprintf("%s has no attribute %s.", where, name)
	if s := model.Suggest(key, valid); len(s) > 0 {
		detail += " Did you mean " + s[0] + "?"
	}
	detail += " Valid attributes: " + strings.Join(valid, ", ") + "."
	return FieldError{Path: at, Summary: "Unknown Attribute", Detail: detail}
}

// safeName quotes a key only when it reads as a misspelling of one of the
// valid names (finding.RedactName).
func safeName(key string, valid []string) string { return finding.RedactName(key, valid) }

// got describes a wrong value for an error message, never showing more
// than finding.MaxShown characters of it.
func got(v any) string { return finding.RedactValue(v) }

func typeError(path, want string, v any) *FieldError {
	return &FieldError{Path: path, Summary: "Invalid Attribute Value",
		Detail: fmt.Sprintf("%s must be %s, got %s.", path, want, got(v))}
}

// controlValue converts one control's raw value. Terraform's own
// conversions are accepted (the strings "true" and "12" for a bool and a
// number), nothing looser.
func controlValue(c model.Control, path string, raw any) (Value, *FieldError) {
	if raw == nil {
		return Value{}, nil
	}
	if IsUnknown(raw) || ContainsUnknown(raw) {
		return Value{State: Unknown}, nil
	}
	v := Value{State: Known}
	switch c.Type {
	case model.TypeBool:
		b, ok := Bool(raw)
		if !ok {
			return Value{}, typeError(path, "a bool (true or false)", raw)
		}
		v.Bool = b
	case model.TypeNumber:
		n, ok := Number(raw)
		if !ok || n != math.Trunc(n) || n < model.NumberMin || n > model.NumberMax {
			return Value{}, typeError(path, fmt.Sprintf("a whole number from %d to %d", model.NumberMin, model.NumberMax), raw)
		}
		v.Number = n
	case model.TypeVersion:
		s, ok := asString(raw)
		if !ok || !containsString(c.Enum, s) {
			want := "one of " + model.Quoted(c.Enum)
			// Only a version written with a protocol name ("TLS1.2") gets a
			// suggestion: "1.4" is no misspelling of "1.3".
			if near := model.Suggest(s, c.Enum); ok && len(near) > 0 && len(s) <= 16 && strings.ContainsFunc(s, unicode.IsLetter) {
				want += ` (did you mean "` + near[0] + `"?)`
			}
			return Value{}, typeError(path, want, raw)
		}
		v.String = s
	case model.TypeJSON:
		s, ok := raw.(string)
		var obj map[string]any
		if !ok || json.Unmarshal([]byte(s), &obj) != nil {
			return Value{}, typeError(path, "a JSON object, e.g. jsonencode({ Version = \"2012-10-17\", Statement = [...] })", raw)
		}
		v.String = s
	case model.TypeDate:
		s, ok := raw.(string)
		if _, err := detect.ParseDate(s); !ok || err != nil {
			return Value{}, typeError(path, "a date YYYY-MM-DD or an RFC 3339 time", raw)
		}
		v.String = s
	case model.TypeStringSet, model.TypeStringList:
		list, ok := raw.([]any)
		if !ok {
			return Value{}, typeError(path, "a list of strings", raw)
		}
		for i, e := range list {
			s, ok := asString(e)
			if !ok {
				return Value{}, typeError(fmt.Sprintf("%s[%d]", path, i), "a string", e)
			}
			v.Strings = append(v.Strings, s)
		}
	case model.TypeFirewallRules:
		return ingressRules(path, raw)
	default:
		s, ok := raw.(string)
		if !ok {
			return Value{}, typeError(path, "a string", raw)
		}
		v.String = s
	}
	return v, nil
}

// ingressRules checks each rule's keys, then hands the list to the firewall
// detector's normaliser, the one place where rule semantics live, so the
// workload and firewall_findings read a rule alike.
func ingressRules(path string, raw any) (Value, *FieldError) {
	list, ok := raw.([]any)
	if !ok {
		return Value{}, typeError(path, "a list of rule objects { cidr_blocks, from_port, to_port, protocol }", raw)
	}
	for i, e := range list {
		rule, ok := e.(map[string]any)
		where := fmt.Sprintf("%s[%d]", path, i)
		if !ok {
			return Value{}, typeError(where, "a rule object { cidr_blocks, from_port, to_port, protocol }", e)
		}
		for _, key := range sortedKeys(rule) {
			if !containsString(ingressRuleKeys, key) {
				fe := unknownKey(where, key, ingressRuleKeys)
				return Value{}, &fe
			}
		}
	}
	rules, origin, err := detect.NormalizeFirewallRulesIndexed(list)
	if err != nil {
		return Value{}, &FieldError{Path: path, Summary: "Invalid Ingress Rule", Detail: path + ": " + err.Error()}
	}
	return Value{State: Known, Rules: rules, RuleOrigin: origin}, nil
}

// Bool reads a bool from a generic tree as Terraform converts one: a bool,
// or the strings "true" and "1", "false" and "0" (go-cty's string to bool
// conversion, cty/convert/conversion_primitive.go, v1.14 and later, which
// Terraform 1.8+ and OpenTofu 1.6+ use). Nothing looser: "t", "TRUE" and
// "yes" are not bools. The evaluator and the evidence readers share it.
func Bool(v any) (bool, bool) {
	switch t := v.(type) {
	case bool:
		return t, true
	case string:
		switch t {
		case "true", "1":
			return true, true
		case "false", "0":
			return false, true
		}
	}
	return false, false
}

// Number reads a finite number from a generic tree as Terraform converts
// one: a number, or a string that is a decimal number as written, with no
// surrounding space. NaN and infinities are not numbers.
func Number(v any) (float64, bool) {
	var f float64
	switch t := v.(type) {
	case float64:
		f = t
	case int:
		f = float64(t)
	case int64:
		f = float64(t)
	case string:
		var err error
		if f, err = strconv.ParseFloat(t, 64); err != nil {
			return 0, false
		}
	default:
		return 0, false
	}
	return f, !math.IsNaN(f) && !math.IsInf(f, 0)
}

func asString(v any) (string, bool) {
	switch t := v.(type) {
	case string:
		return t, true
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64), true
	case bool:
		return strconv.FormatBool(t), true
	}
	return "", false
}

// ContainsUnknown reports whether any part of a generic tree is unknown.
func ContainsUnknown(v any) bool {
	switch t := v.(type) {
	case unknownValue:
		return true
	case []any:
		for _, e := range t {
			if ContainsUnknown(e) {
				return true
			}
		}
	case map[string]any:
		for _, e := range t {
			if ContainsUnknown(e) {
				return true
			}
		}
	}
	return false
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
