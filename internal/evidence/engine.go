package evidence

import (
	"fmt"
	"maps"
	"slices"

	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// Extract reads one resource's planned values. source names the resource in
// findings (its address, or its type when judged alone). Unknown values
// become Unknown evidence, never a verdict; an attribute the resource does
// not set takes the provider's documented default, or says nothing.
func (e *Engine) Extract(typ, source string, obj any) ([]policy.Evidence, error) {
	return e.extract(typ, source, obj, true)
}

// extract is Extract; checkShape false skips the schema check (a data
// source, whose schema is not the resource's).
func (e *Engine) extract(typ, source string, obj any, checkShape bool) ([]policy.Evidence, error) {
	r, mapped := e.byType[typ]
	if !mapped && !IsRealType(typ) {
		return nil, e.UnsupportedTypeError(typ)
	}
	if IsUnknown(obj) {
		if !mapped {
			return nil, nil
		}
		return e.allUnknown(r, source), nil
	}
	if obj == nil {
		return nil, nil // a null object (count = 0): nothing to judge
	}
	m, isObject := obj.(map[string]any)
	if !isObject {
		return nil, fmt.Errorf("%s: must be the resource's object, got %s", source, kind(obj))
	}
	schema, _, _ := schemaFor(typ)
	if !checkShape {
		schema = nil
	}
	if problem := conformance(typ, schema, m); problem != "" {
		if shape := shapeOfMap(m); shape != "" && instancesOf(typ, schema, slices.Collect(maps.Values(m))) {
			problem = "is " + shape + ": a for_each resource; pass one instance at a time (a for expression over it)"
		}
		return nil, fmt.Errorf("%s: %s", source, problem)
	}
	if !mapped {
		return nil, nil // a real type no table maps: not judged
	}
	var out []policy.Evidence
	for _, mp := range r.Mappings {
		base := policy.Evidence{
			Source: source, Type: typ, Check: typ + "." + mp.ID, Control: mp.Control,
			Message: mp.Message, Remediation: mp.Remediation,
		}
		if mp.When != nil {
			switch applies, known := mp.When.matches(obj); {
			case !known:
				ev := base
				ev.Attribute, ev.Value = mp.When.Attribute, policy.Value{State: policy.Unknown}
				out = append(out, ev)
				continue
			case !applies:
				continue
			}
		}
		steps, _ := parsePath(mp.Attribute)
		for _, loc := range lookup(obj, steps, "") {
			ev := base
			ev.Attribute = loc.path
			v := loc.value
			if len(mp.Uses) > 0 {
				v = project(v, mp.Uses)
			}
			val, err := e.read(mp, v, obj, &ev)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", source, err)
			}
			if val.State == policy.Unknown && ev.Attribute == "" {
				ev.Attribute = firstUnknown(v, mp.Uses)
			}
			ev.Value = val
			out = append(out, ev)
		}
	}
	return out, nil
}

func (e *Engine) read(mp Mapping, v, root any, ev *policy.Evidence) (policy.Value, error) {
	rd := readers[mp.Read]
	// Whether a block is set is known even while values inside it (a
	// computed nat_ip) are not, so a reader that judges an unset value
	// ("present") defers only on a wholly unknown value.
	if IsUnknown(v) || (!rd.judgesUnset && containsUnknown(v)) {
		return policy.Value{State: policy.Unknown}, nil
	}
	// For such a reader an unset attribute is the evidence itself.
	if !rd.judgesUnset && isEmpty(v) {
		if mp.Default == nil {
			return policy.Value{}, nil
		}
		v = mp.Default
		ev.Defaulted = true
	}
	val, shown, err := rd.read(mp, v, root)
	if err != nil {
		return policy.Value{}, err
	}
	ev.Shown = shown
	if ev.Defaulted && val.State == policy.Known {
		ev.Shown += " (unset; the provider's default)"
	}
	return val, nil
}

// project keeps only the named top-level attributes of an object.
func project(v any, keys []string) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	out := make(map[string]any, len(keys))
	for _, k := range keys {
		if x, has := m[k]; has {
			out[k] = x
		}
	}
	return out
}

// firstUnknown names the first of the used attributes whose value is
// unknown, so a deferred whole-resource reading says what it waits for.
func firstUnknown(v any, uses []string) string {
	m, _ := v.(map[string]any)
	for _, u := range uses {
		if containsUnknown(m[u]) {
			return u
		}
	}
	return ""
}

func (e *Engine) allUnknown(r *Resource, source string) []policy.Evidence {
	out := make([]policy.Evidence, 0, len(r.Mappings))
	for _, mp := range r.Mappings {
		out = append(out, policy.Evidence{
			Source: source, Type: r.Type, Check: r.Type + "." + mp.ID, Control: mp.Control,
			Attribute: mp.Attribute, Value: policy.Value{State: policy.Unknown},
			Message: mp.Message, Remediation: mp.Remediation,
		})
	}
	return out
}

// matches reports whether the condition holds; known is false while the
// attribute it reads is unknown.
func (c *Condition) matches(obj any) (applies, known bool) {
	steps, _ := parsePath(c.Attribute)
	v := lookup(obj, steps, "")[0].value
	if IsUnknown(v) {
		return false, false
	}
	if v == nil {
		return c.Null, true
	}
	s, ok := scalarText(v)
	return ok && indexFold(c.Values, s) >= 0, true
}
