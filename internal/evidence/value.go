package evidence

import (
	"strconv"
	"strings"

	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// Unknown stands for a value that is not known until apply; it is the
// evaluator's sentinel, so one tree serves both packages.
var Unknown = policy.UnknownValue

// IsUnknown reports whether v is the Unknown sentinel.
func IsUnknown(v any) bool { return policy.IsUnknown(v) }

// step is one part of an attribute path: a name, an index, or every element.
type step struct {
	name  string
	index int // -1 for a name step, -2 for [*]
}

const anyIndex = -2

// parsePath reads "a.b[0].c" and "rule[*].port"; the empty path is the
// resource itself.
func parsePath(p string) ([]step, bool) {
	if p == "" {
		return nil, true
	}
	var out []step
	for _, part := range strings.Split(p, ".") {
		name, rest, _ := strings.Cut(part, "[")
		if name == "" && len(out) == 0 {
			return nil, false
		}
		if name != "" {
			out = append(out, step{name: name, index: -1})
		}
		for rest != "" {
			idx, after, ok := strings.Cut(rest, "]")
			if !ok {
				return nil, false
			}
			switch n, err := strconv.Atoi(idx); {
			case idx == "*":
				out = append(out, step{index: anyIndex})
			case err == nil && n >= 0:
				out = append(out, step{index: n})
			default:
				return nil, false
			}
			rest = strings.TrimPrefix(after, "[")
			if after != "" && !strings.HasPrefix(after, "[") {
				return nil, false
			}
		}
	}
	return out, true
}

// located is one value found at a concrete attribute path.
type located struct {
	path  string
	value any
}

// lookup walks a path through a resource. A missing attribute, a null or an
// empty block list yields one located value of nil; an unknown value on the
// way yields Unknown at the path walked so far; [*] yields one value per
// element (none for an empty list).
func lookup(root any, steps []step, prefix string) []located {
	cur := root
	walked := prefix
	for i, s := range steps {
		if IsUnknown(cur) {
			return []located{{walked, Unknown}}
		}
		if s.index == -1 {
			m, ok := cur.(map[string]any)
			if !ok {
				return []located{{joinPath(walked, restPath(steps[i:])), nil}}
			}
			cur = m[s.name]
			walked = joinPath(walked, s.name)
			continue
		}
		list, ok := cur.([]any)
		if !ok && s.index == anyIndex && cur == nil {
			// A null block list is no blocks, as an empty one: nothing
			// inside it is unset.
			return nil
		}
		if !ok {
			return []located{{walked + restPath(steps[i:]), nil}}
		}
		if s.index == anyIndex {
			var out []located
			for j, e := range list {
				out = append(out, lookup(e, steps[i+1:], walked+"["+strconv.Itoa(j)+"]")...)
			}
			return out
		}
		if s.index >= len(list) {
			return []located{{walked + restPath(steps[i:]), nil}}
		}
		cur = list[s.index]
		walked += "[" + strconv.Itoa(s.index) + "]"
	}
	return []located{{walked, cur}}
}

func joinPath(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "" || strings.HasPrefix(b, "["):
		return a + b
	}
	return a + "." + b
}

func restPath(steps []step) string {
	var b strings.Builder
	for _, s := range steps {
		switch s.index {
		case -1:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s.name)
		case anyIndex:
			b.WriteString("[*]")
		default:
			b.WriteString("[" + strconv.Itoa(s.index) + "]")
		}
	}
	return b.String()
}

// containsUnknown reports whether any part of v is unknown.
func containsUnknown(v any) bool { return policy.ContainsUnknown(v) }

// isEmpty is true for nil, "", an empty list and an empty object.
func isEmpty(v any) bool {
	switch t := v.(type) {
	case nil:
		return true
	case string:
		return t == ""
	case []any:
		return len(t) == 0
	case map[string]any:
		return len(t) == 0
	}
	return false
}

// number and boolean read scalars as policy does, which reads them as
// Terraform converts them.
func number(v any) (float64, bool) { return policy.Number(v) }

func boolean(v any) (bool, bool) { return policy.Bool(v) }
