package evidence

import "testing"

// Cases for the azure_*.json tables, generated per mapping from a compact
// spec: one resource object in the provider's real shape (nested blocks as
// lists of objects, computed attributes unknown) that meets every mapping
// of its type under the strict baseline for confidential data, and per
// mapping the attributes that violate it. Each mapping then gets four
// cases: violating, passing (the base object, or good), unset (the
// attributes null: the provider's default decides, or nothing is judged)
// and unknown (the attributes unknown at plan: deferred, never violated).

type azureCheck struct {
	id string
	// bad holds path, value pairs that violate the mapping; good, when
	// set, pairs that pass beside the base object.
	bad, good []any
	// unset is the status when the bad paths are null: "violated", or ""
	// when the default passes or nothing is judged.
	unset string
}

type azureSpec struct {
	typ    string
	base   map[string]any
	checks []azureCheck
}

// azureSpecs holds every spec, for TestAzureSpecsSetRealPaths.
var azureSpecs []azureSpec

// registerAzureSpecs adds a family's cases under their own key of
// casesByCloud, so that no file's init order matters.
func registerAzureSpecs(family string, specs ...azureSpec) {
	azureSpecs = append(azureSpecs, specs...)
	var cases []mappingCase
	for _, s := range specs {
		cases = append(cases, s.cases()...)
	}
	casesByCloud["azure/"+family] = cases
}

func (s azureSpec) cases() []mappingCase {
	const strict, conf = "strict", "confidential"
	mk := func(name string, obj map[string]any, want map[string]string) mappingCase {
		return mappingCase{Type: s.typ, Name: name, Obj: obj, Want: want, Baseline: strict, Classification: conf}
	}
	out := []mappingCase{mk("meets every mapping", s.base, nil)}
	for _, c := range s.checks {
		id := s.typ + "." + c.id
		out = append(out, mk(c.id+": violated", setPaths(s.base, c.bad...), map[string]string{id: "violated"}))
		if c.good != nil {
			out = append(out, mk(c.id+": passes", setPaths(s.base, c.good...), nil))
		}
		var unset, unknown []any
		for i := 0; i+1 < len(c.bad); i += 2 {
			unset = append(unset, c.bad[i], nil)
			unknown = append(unknown, c.bad[i], Unknown)
		}
		var want map[string]string
		if c.unset != "" {
			want = map[string]string{id: c.unset}
		}
		out = append(out, mk(c.id+": unset", setPaths(s.base, unset...), want))
		// Mappings reading the same attribute wait for it too.
		deferred := map[string]string{id: "deferred"}
		for _, o := range s.checks {
			if sharesAttribute(c.bad, o.bad) {
				deferred[s.typ+"."+o.id] = "deferred"
			}
		}
		out = append(out, mk(c.id+": unknown at plan", setPaths(s.base, unknown...), deferred))
	}
	return out
}

// sharesAttribute reports whether two path, value lists set a common path.
func sharesAttribute(a, b []any) bool {
	for i := 0; i < len(a); i += 2 {
		for j := 0; j < len(b); j += 2 {
			if a[i] == b[j] {
				return true
			}
		}
	}
	return false
}

// setPaths returns a deep copy of obj with each path (as in the tables:
// "a", "a[0].b", "a[*].b") set to its value.
func setPaths(obj map[string]any, kv ...any) map[string]any {
	out, _ := deepCopy(obj).(map[string]any)
	for i := 0; i+1 < len(kv); i += 2 {
		path, _ := kv[i].(string)
		steps, ok := parsePath(path)
		if !ok || len(steps) == 0 {
			panic("bad path " + path)
		}
		setSteps(out, steps, kv[i+1])
	}
	return out
}

func setSteps(cur any, steps []step, v any) {
	s := steps[0]
	last := len(steps) == 1
	switch t := cur.(type) {
	case map[string]any:
		if s.index != -1 {
			panic("index step on an object")
		}
		if last {
			t[s.name] = v
			return
		}
		setSteps(t[s.name], steps[1:], v)
	case []any:
		for i := range t {
			if s.index != anyIndex && s.index != i {
				continue
			}
			if last {
				t[i] = v
				continue
			}
			setSteps(t[i], steps[1:], v)
		}
	default:
		panic("path walks through a value that is not a block")
	}
}

func deepCopy(v any) any {
	switch t := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(t))
		for k, e := range t {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		l := make([]any, len(t))
		for i, e := range t {
			l[i] = deepCopy(e)
		}
		return l
	}
	return v
}

// Every path a spec sets is set in its base object (so the base is the
// passing case; an attribute whose presence violates is the exception),
// and walks blocks that exist: a misspelt path would
// otherwise pass as an unset attribute.
func TestAzureSpecsSetRealPaths(t *testing.T) {
	for _, s := range azureSpecs {
		r, ok := testEngine.Resource(s.typ)
		if !ok {
			t.Errorf("%s: no mapping table entry", s.typ)
			continue
		}
		for _, c := range s.checks {
			for _, mp := range r.Mappings {
				// Presence that violates (a public IP attached): unset passes.
				if mp.ID == c.id && mp.Read == "present" && mp.Negate {
					c.bad = nil
				}
			}
			for i := 0; i+1 < len(c.bad); i += 2 {
				path, ok := c.bad[i].(string)
				if !ok {
					t.Errorf("%s.%s: bad path %v is %T, not a string", s.typ, c.id, c.bad[i], c.bad[i])
					continue
				}
				steps, _ := parsePath(path)
				for _, loc := range lookup(s.base, steps, "") {
					if loc.value == nil {
						t.Errorf("%s.%s: %v is not set in the base object", s.typ, c.id, c.bad[i])
					}
				}
			}
		}
	}
}
