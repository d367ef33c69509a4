package detect

import "strings"

// Explicit Deny statements cancel an Allow for a finding when they cover
// the same actions on the same resources. The index is bounded so that a
// hostile policy cannot make the check quadratic: at most maxDenies Deny
// statements and maxDenyWildcards wildcard patterns per statement and
// element are used. Ignoring a Deny can only leave a finding in place, never
// hide one.
const (
	maxDenies        = 16
	maxDenyWildcards = 32
	maxCoveredRes    = 64 // an Allow with more resources is only covered by Resource "*"
)

// patternSet is a list of policy patterns split for fast lookups.
type patternSet struct {
	all   bool            // contains "*"
	exact map[string]bool // patterns without wildcards (lower-cased when folded)
	wild  []string        // patterns with "*" or "?", at most maxDenyWildcards
	fold  bool            // compare ignoring ASCII case (actions), or not (ARNs)
}

func newPatternSet(patterns []string, fold bool) patternSet {
	ps := patternSet{fold: fold}
	for _, p := range patterns {
		switch {
		case p == "*":
			ps.all = true
		case strings.ContainsAny(p, "*?"):
			if len(ps.wild) < maxDenyWildcards {
				ps.wild = append(ps.wild, p)
			}
		default:
			if ps.exact == nil {
				ps.exact = map[string]bool{}
			}
			ps.exact[ps.key(p)] = true
		}
	}
	return ps
}

func (ps patternSet) key(s string) string {
	if ps.fold {
		return strings.ToLower(s)
	}
	return s
}

func (ps patternSet) empty() bool { return !ps.all && len(ps.exact) == 0 && len(ps.wild) == 0 }

// covers reports whether the set matches every string item matches (item
// may itself be a pattern).
func (ps patternSet) covers(item string) bool {
	if ps.all || ps.exact[ps.key(item)] {
		return true
	}
	for _, w := range ps.wild {
		if globCovers(w, item, ps.fold) {
			return true
		}
	}
	return false
}

// denyStmt is one Deny statement in the form the checks need.
type denyStmt struct {
	actions   patternSet
	resources patternSet
	// always: no Condition, so it applies to every request it matches.
	always bool
	// outside: its Condition only uses negated operators (StringNotEquals,
	// ArnNotLike, NotIpAddress …) on keys that restrict the caller, with
	// specific values, so it denies everyone outside a restricted set. It
	// cancels public access but not a grant to principals inside the set.
	outside bool
	// everyone: the Deny applies to every principal (no Principal, "*", or
	// {"AWS": "*"}).
	everyone bool
	// allButNamed: NotPrincipal with named principals, so it denies
	// everyone else, including the public.
	allButNamed bool
}

type denies struct{ list []denyStmt }

func collectDenies(stmts []statement) *denies {
	ds := &denies{}
	for _, s := range stmts {
		if !s.deny || s.hasNotAction || s.hasNotRes || len(ds.list) == maxDenies {
			continue
		}
		d := denyStmt{
			actions:     newPatternSet(s.actions, true),
			resources:   newPatternSet(s.resources, false),
			always:      s.condition == nil,
			outside:     s.condition != nil && deniesOutsideRestriction(s.condition),
			everyone:    !s.hasNotPrinc && (!s.principal.present || s.principal.public),
			allButNamed: s.hasNotPrinc && !s.notPrincipal.public,
		}
		if (d.always || d.outside) && !d.actions.empty() {
			ds.list = append(ds.list, d)
		}
	}
	return ds
}

// covers reports whether a Deny cancels action (a name or pattern) on
// every resource Allow statement s grants it on. forPublic asks about
// public access, which Deny statements for everyone outside a restricted
// set, or for everyone but named principals, also cancel.
func (ds *denies) covers(s statement, action string, forPublic bool) bool {
	for i := range ds.list {
		d := &ds.list[i]
		applies := d.always && d.everyone
		if forPublic {
			applies = (d.always || d.outside) && (d.everyone || d.allButNamed)
		}
		if applies && d.actions.covers(action) && d.coversResources(s) {
			return true
		}
	}
	return false
}

// coversAll reports whether every action is cancelled.
func (ds *denies) coversAll(s statement, actions []string, forPublic bool) bool {
	if len(ds.list) == 0 || len(actions) == 0 {
		return false
	}
	for _, a := range actions {
		if !ds.covers(s, a, forPublic) {
			return false
		}
	}
	return true
}

func (d *denyStmt) coversResources(s statement) bool {
	if d.resources.all {
		return true
	}
	if s.hasNotRes || len(s.resources) > maxCoveredRes {
		return false
	}
	if len(s.resources) == 0 {
		// Trust policies name no Resource; a Deny without one matches.
		return d.resources.empty()
	}
	for _, r := range s.resources {
		if !d.resources.covers(r) {
			return false
		}
	}
	return true
}

// deniesOutsideRestriction reports whether a Deny's Condition holds for
// every caller outside a restricted set: each operator is a negated one
// ("StringNotEquals", "ArnNotLike", "NotIpAddress", with or without
// IfExists) over restricting keys with specific values.
func deniesOutsideRestriction(cond any) bool {
	ops, ok := cond.(map[string]any)
	if !ok || len(ops) == 0 {
		return false
	}
	for op, body := range ops {
		l := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(op)), "ifexists")
		if !strings.HasPrefix(l, "stringnot") && !strings.HasPrefix(l, "arnnot") && l != "notipaddress" {
			return false
		}
		keys, ok := body.(map[string]any)
		if !ok || len(keys) == 0 {
			return false
		}
		for key, val := range keys {
			if !restrictingValues(key, val) {
				return false
			}
		}
	}
	return true
}
