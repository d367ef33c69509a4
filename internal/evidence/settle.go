package evidence

import (
	"strings"

	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// settle gives a reading that its resource leaves unset (null, or the
// provider's default) the value of a resource in the same evidence that
// decides it: an aws_ebs_volume without encrypted is encrypted when the
// workload's aws_ebs_encryption_by_default is enabled. Where several such
// resources are read, an unknown value wins, then false (one region
// without it leaves a volume there unencrypted), then the first.
func (e *Engine) settle(items []policy.Evidence) {
	var settlers map[string]*policy.Evidence
	for i := range items {
		it := &items[i]
		if it.Value.State == policy.Null {
			continue
		}
		if settlers == nil {
			settlers = map[string]*policy.Evidence{}
		}
		cur, seen := settlers[it.Check]
		switch {
		case !seen, it.Value.State == policy.Unknown && cur.Value.State != policy.Unknown,
			cur.Value.State == policy.Known && it.Value.State == policy.Known && cur.Value.Bool && !it.Value.Bool:
			settlers[it.Check] = it
		}
	}
	for i := range items {
		it := &items[i]
		if it.Value.State != policy.Null && !it.Defaulted {
			continue
		}
		mp, ok := e.mappingOf(it.Check)
		if !ok {
			continue
		}
		for _, s := range mp.SettledBy {
			src, ok := settlers[s]
			if !ok {
				continue
			}
			it.Value, it.Defaulted = src.Value, false
			it.Shown = "unset, so " + src.Source + " decides: " + src.Shown
			if src.Value.State == policy.Unknown {
				it.Attribute = src.Source + "." + src.Attribute
			}
			break
		}
	}
}

// mappingOf finds a mapping by its check id ("aws_ebs_volume.not_encrypted").
func (e *Engine) mappingOf(check string) (*Mapping, bool) {
	typ, id, ok := strings.Cut(check, ".")
	if !ok {
		return nil, false
	}
	r, ok := e.byType[typ]
	if !ok {
		return nil, false
	}
	for i := range r.Mappings {
		if r.Mappings[i].ID == id {
			return &r.Mappings[i], true
		}
	}
	return nil, false
}

// validateSettlers checks that every settled_by entry names a mapping of
// another type for the same control.
func (e *Engine) validateSettlers(add func(string, ...any)) {
	for _, typ := range e.types {
		r := e.byType[typ]
		for _, mp := range r.Mappings {
			for _, s := range mp.SettledBy {
				other, ok := e.mappingOf(s)
				switch {
				case !ok:
					add("%s.%s: settled_by %q names no mapping (want \"<type>.<mapping id>\")", typ, mp.ID, s)
				case strings.HasPrefix(s, typ+"."):
					add("%s.%s: settled_by %q is the same resource type", typ, mp.ID, s)
				case other.Control != mp.Control:
					add("%s.%s: settled_by %q evidences %s, not %s", typ, mp.ID, s, other.Control, mp.Control)
				}
			}
		}
	}
}
