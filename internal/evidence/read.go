package evidence

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// KeyError is a problem with one evidence entry. Key is the entry's key as
// given (for locating it); Summary and Detail never hold more of it than
// DescribeKey shows.
type KeyError struct {
	Key, Summary, Detail string
}

// NotJudged is an evidence entry that was read but gives nothing to judge:
// a null object (count = 0), a for_each or count resource with no
// instances, or a real resource type that no table maps yet. Reason says
// which, in a sentence that names the entry by DescribeKey.
type NotJudged struct {
	Key, Reason string
}

// Reading is what ReadEvidence makes of a workload's evidence map.
type Reading struct {
	Items []policy.Evidence
	// Unknown is true while the whole map, or its set of keys, is not known.
	Unknown   bool
	Errors    []KeyError
	NotJudged []NotJudged
}

// ReadEvidence reads srm_workload's evidence attribute in the generic value
// tree: a map from resource address to the resource's planned object. Each
// entry must be the resource it claims to be (checked against the
// provider's schema); a for_each map or count list of such objects is read
// instance by instance, each under its own address.
func (e *Engine) ReadEvidence(v any) Reading {
	var r Reading
	switch t := v.(type) {
	case nil:
	case map[string]any:
		for _, key := range slices.Sorted(maps.Keys(t)) {
			e.readEntry(&r, key, t[key])
		}
	default:
		if policy.IsUnknown(v) {
			r.Unknown = true
			break
		}
		r.Errors = append(r.Errors, KeyError{"", "Invalid Evidence",
			"evidence must be an object from resource address to resource, e.g. { \"aws_db_instance.orders\" = aws_db_instance.orders }"})
	}
	e.settle(r.Items)
	return r
}

func (e *Engine) readEntry(r *Reading, key string, v any) {
	addr, err := ParseAddress(key)
	if err != nil {
		r.Errors = append(r.Errors, KeyError{key, "Invalid Evidence Key", DescribeKey(key) + ": " + err.Error()})
		return
	}
	fail := func(detail string) {
		r.Errors = append(r.Errors, KeyError{key, "Invalid Evidence", addr.String() + ": " + detail})
	}
	_, mapped := e.byType[addr.Type]
	if addr.Data {
		// A data source reads what exists: judged by its type's mapping
		// where one reads the same attributes, its own schema unchecked.
		switch {
		case !mapped:
			r.NotJudged = append(r.NotJudged, NotJudged{key, addr.String() + " is not judged: no evidence mapping reads " + addr.Type})
			return
		case v == nil:
			r.NotJudged = append(r.NotJudged, NotJudged{key, nothingText(addr, v)})
			return
		}
		got, err := e.extract(addr.Type, addr.String(), v, false)
		if err != nil {
			// Extract's errors start with the source it was given.
			r.Errors = append(r.Errors, KeyError{key, "Invalid Evidence", err.Error()})
		}
		r.Items = appendKeyed(r.Items, got, key)
		return
	}
	if !mapped && !IsRealType(addr.Type) {
		fail(unknownTypeText(addr.Type))
		return
	}
	instances, err := e.instances(addr, v)
	if err != nil {
		fail(err.Error())
		return
	}
	if len(instances) == 0 {
		r.NotJudged = append(r.NotJudged, NotJudged{key, nothingText(addr, v)})
		return
	}
	if !mapped {
		r.NotJudged = append(r.NotJudged, NotJudged{key, fmt.Sprintf("%s is not judged: no evidence mapping reads %s yet "+
			"(the evidence coverage guide lists the types read)", addr.String(), addr.Type)})
		return
	}
	for _, in := range instances {
		got, err := e.Extract(addr.Type, in.source, in.obj)
		if err != nil {
			r.Errors = append(r.Errors, KeyError{key, "Invalid Evidence", err.Error()})
			continue
		}
		r.Items = appendKeyed(r.Items, got, key)
	}
}

// appendKeyed adds an entry's evidence, each item naming the entry's key.
func appendKeyed(items, got []policy.Evidence, key string) []policy.Evidence {
	for i := range got {
		got[i].Key = key
	}
	return append(items, got...)
}

// nothingText says why an entry gives nothing to judge.
func nothingText(addr Address, v any) string {
	switch v.(type) {
	case nil:
		return addr.String() + " is null: nothing to judge (a resource with count = 0, or one(...) of none), so it is not judged"
	case []any:
		return addr.String() + " is an empty list (a count resource with no instances): nothing to judge"
	}
	return addr.String() + " is an empty object (a for_each resource with no instances): nothing to judge"
}

// instance is one resource object to judge, under its own address.
type instance struct {
	source string
	obj    any
}

// numbered names instances by address; where two string keys cut to four
// characters read the same, each of those also says which instance it is
// (`aws_security_group.db["prod…"] (instance 2 of 3)`).
func numbered(all []instance) []instance {
	seen := map[string]int{}
	for _, in := range all {
		seen[in.source]++
	}
	for i := range all {
		if seen[all[i].source] > 1 {
			all[i].source += fmt.Sprintf(" (instance %d of %d)", i+1, len(all))
		}
	}
	return all
}

// instances reads an evidence value as the resource it claims to be: one
// object, a for_each map of instances or a count list of them. A value the
// engine cannot take for the resource is an error that says what was found.
func (e *Engine) instances(addr Address, v any) ([]instance, error) {
	if v == nil {
		return nil, nil
	}
	if IsUnknown(v) {
		return []instance{{addr.String(), v}}, nil
	}
	schema, _, _ := schemaFor(addr.Type)
	switch t := v.(type) {
	case map[string]any:
		if len(t) == 0 {
			return nil, nil
		}
		// A for_each map first: its values are all objects of the type,
		// which no resource object's are (its id is a string), even when
		// the instance keys read as attribute names ("ingress").
		if !addr.Res.HasKey && shapeOfMap(t) != "" && instancesOf(addr.Type, schema, slices.Collect(maps.Values(t))) {
			var out []instance
			for _, k := range slices.Sorted(maps.Keys(t)) {
				if t[k] != nil {
					out = append(out, instance{addr.instance(k, false).String(), t[k]})
				}
			}
			return numbered(out), nil
		}
		problem := conformance(addr.Type, schema, t)
		if problem == "" {
			return []instance{{addr.String(), t}}, nil
		}
		if shapeOfMap(t) != "" {
			return nil, fmt.Errorf("is %s: a for_each resource? Pass it whole only when every value is an object of %s; "+
				"otherwise pass one instance (%s[\"key\"]) or a stand-in object of its attributes", shapeOfMap(t), addr.Type, addr.String())
		}
		return nil, fmt.Errorf("%s", problem)
	case []any:
		if len(t) == 0 {
			return nil, nil
		}
		if addr.Res.HasKey || !instancesOf(addr.Type, schema, t) {
			return nil, fmt.Errorf("is a list of %d values that are not all %s objects: a count resource? pass each "+
				"instance (%s[0]) or the whole list of %s objects", len(t), addr.Type, addr.String(), addr.Type)
		}
		var out []instance
		for i, el := range t {
			if el != nil {
				out = append(out, instance{addr.instance(strconv.Itoa(i), true).String(), el})
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("must be the resource's object, got %s", kind(v))
}

// instancesOf reports whether every value is a resource object of the type
// (or null or unknown), so the map or list holding them is a for_each or
// count resource.
func instancesOf(typ string, schema *Attr, values []any) bool {
	objects := 0
	for _, v := range values {
		switch t := v.(type) {
		case nil:
		case map[string]any:
			if conformance(typ, schema, t) != "" {
				return false
			}
			objects++
		default:
			if !IsUnknown(v) {
				return false
			}
			objects++
		}
	}
	return objects > 0
}

// shapeOfMap describes a map whose values are all objects, for the
// for_each hint: `a map of 2 objects keyed "a", "b"`; "" otherwise.
func shapeOfMap(m map[string]any) string {
	for _, v := range m {
		if _, ok := v.(map[string]any); !ok && v != nil {
			return ""
		}
	}
	keys := slices.Sorted(maps.Keys(m))
	shown := make([]string, 0, 3)
	for _, k := range keys[:min(3, len(keys))] {
		shown = append(shown, detect.QuoteInput(k))
	}
	more := ""
	if len(keys) > 3 {
		more = fmt.Sprintf(" and %d more", len(keys)-3)
	}
	objects := "objects"
	if len(m) == 1 {
		objects = "object"
	}
	return fmt.Sprintf("a map of %d %s keyed %s%s", len(m), objects, strings.Join(shown, ", "), more)
}

// fullShare is the share of a type's attributes above which an object is
// taken for a whole planned resource: Terraform hands every attribute of
// the schema over, null when unset. Such an object may carry attributes of
// another provider release than the digest's, which is not an error; a
// partial object (a stand-in's .input) must name real attributes only.
const fullShare = 0.8

// conformance checks that an object is (a part of) a resource of the type:
// "" when it is, otherwise what was found instead.
func conformance(typ string, schema *Attr, obj map[string]any) string {
	if schema == nil {
		return "" // a mapped type the digest does not know: nothing to check against
	}
	real := 0
	var foreign []string
	for k := range obj {
		switch {
		case schema.Child(k) == nil:
			foreign = append(foreign, k)
		case k != "id":
			real++
		}
	}
	slices.Sort(foreign)
	switch {
	case real == 0 && len(foreign) == 0:
		return ""
	case real == 0:
		return fmt.Sprintf("holds none of %s's attributes (found %s): not the resource itself; a wrapper such as "+
			"terraform_data? pass its .input, or the resource", typ, foreignText(foreign, nil))
	case len(foreign) == 0 || float64(real+1) >= fullShare*float64(len(schema.Attrs)):
		return ""
	}
	return fmt.Sprintf("%s has no attribute %s (the schema of %s)", typ, foreignText(foreign, schema), schemaVersion(typ))
}

// foreignText names attributes the type does not have: each cut to four
// characters (a key may be anything), with the nearest real names.
func foreignText(keys []string, schema *Attr) string {
	shown := make([]string, 0, 3)
	for _, k := range keys[:min(3, len(keys))] {
		s := detect.QuoteInput(k)
		if schema != nil {
			if sug := model.Suggest(k, attrNames(schema)); len(sug) > 0 {
				s += " (did you mean " + strconv.Quote(sug[0]) + "?)"
			}
		}
		shown = append(shown, s)
	}
	out := strings.Join(shown, ", ")
	if len(keys) > 3 {
		out += fmt.Sprintf(" and %d more", len(keys)-3)
	}
	return out
}

func schemaVersion(typ string) string {
	if _, p, ok := schemaFor(typ); ok {
		return p.Provider + " " + p.Version
	}
	return "the provider"
}

// unknownTypeText names the nearest real resource types to a name that is
// none of them, quoting the name only when it reads as a type name.
func unknownTypeText(typ string) string {
	msg := "resource type " + detect.QuoteInput(typ) + " is none of hashicorp/aws, azurerm, google or azuread's resource types"
	if s := model.Suggest(typ, RealTypes()); len(s) > 0 {
		msg += "; did you mean " + model.Quoted(s) + "?"
	}
	return msg
}
