package model

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Verification levels of a known-id list.
const (
	// VerifiedPrimary: read in the framework owner's own publication or
	// source repository.
	VerifiedPrimary = "primary"
	// VerifiedSecondary: read in a public transcription or crosswalk that
	// quotes the framework, because the primary text is paywalled or was not
	// reachable.
	VerifiedSecondary = "secondary"
)

// KnownIDs is the list of ids that the catalog may cite for one framework,
// with where the list comes from. A reference outside it fails validation, so
// a typo in the catalog cannot ship.
type KnownIDs struct {
	Framework    string `json:"framework"`
	Source       string `json:"source"`
	URL          string `json:"url"`
	Verification string `json:"verification"`
	// IDs maps each id to its title; a title is empty where the list's
	// source gives ids only.
	IDs map[string]string `json:"ids"`
}

type knownIDsFile struct {
	Frameworks []KnownIDs `json:"frameworks"`
}

func (m *Model) indexKnownIDs() {
	m.knownIndex = make(map[string]*KnownIDs, len(m.known.Frameworks))
	for i := range m.known.Frameworks {
		m.knownIndex[m.known.Frameworks[i].Framework] = &m.known.Frameworks[i]
	}
}

// KnownIDs returns the list of ids a framework's references may use.
func (m *Model) KnownIDs(framework string) (KnownIDs, bool) {
	k, ok := m.knownIndex[framework]
	if !ok {
		return KnownIDs{}, false
	}
	return *k, true
}

// ReferenceTitle returns the title of a framework id ("" where the list has
// none); ok is false when the id is not in the framework's known list.
func (m *Model) ReferenceTitle(framework, id string) (title string, ok bool) {
	k, has := m.knownIndex[framework]
	if !has {
		return "", false
	}
	title, ok = k.IDs[id]
	return title, ok
}

func (m *Model) validateKnownIDs(add func(string, ...any)) {
	for _, fw := range m.Frameworks {
		k := m.knownIndex[fw.ID]
		if k == nil {
			add("framework %q has no list of known ids", fw.ID)
			continue
		}
		if k.Source == "" || k.URL == "" || len(k.IDs) == 0 {
			add("known ids of %q lack a source, an address or ids", fw.ID)
		}
		if k.Verification != VerifiedPrimary && k.Verification != VerifiedSecondary {
			add("known ids of %q: verification %q is not one of %s", fw.ID, k.Verification, Quoted([]string{VerifiedPrimary, VerifiedSecondary}))
		}
	}
}

// validateReferences refuses a control reference whose id is not in the
// framework's known list, naming the nearest known ids.
func (m *Model) validateReferences(c Control, add func(string, ...any)) {
	for _, fw := range slices.Sorted(maps.Keys(c.Frameworks)) {
		k := m.knownIndex[fw]
		if k == nil {
			continue // reported as an unknown framework
		}
		for _, id := range c.Frameworks[fw] {
			if _, ok := k.IDs[id]; ok {
				continue
			}
			hint := ""
			if s := Suggest(id, slices.Sorted(maps.Keys(k.IDs))); len(s) > 0 {
				hint = fmt.Sprintf("; did you mean %s?", Quoted(s))
			}
			add("control %q cites %s %q, which is not a known %s id%s", c.ID, fw, id, fw, hint)
		}
	}
}

// Reference renders one framework reference the one way every finding,
// report and export spells it: the framework's name in the catalog, a
// space, the id ("NIST SP 800-53 Rev. 5 SC-7"). An unknown framework id is
// rendered as it is given.
func (m *Model) Reference(frameworkID, id string) string {
	name := frameworkID
	for _, fw := range m.Frameworks {
		if fw.ID == frameworkID {
			name = fw.Name
			break
		}
	}
	return name + " " + id
}

// ParseReference splits a reference that Reference rendered for a catalog
// framework; ok is false for any other spelling.
func (m *Model) ParseReference(ref string) (frameworkID, id string, ok bool) {
	best := ""
	for _, fw := range m.Frameworks {
		// The longest name wins: "CSA Cloud Controls Matrix v4.1" over "... v4".
		if rest, found := strings.CutPrefix(ref, fw.Name+" "); found && len(fw.Name) > len(best) && rest != "" {
			best, frameworkID, id = fw.Name, fw.ID, rest
		}
	}
	return frameworkID, id, best != ""
}

// UniqueReferences joins lists of references, each trimmed to single
// spaces, without blanks and repeats, in their first order; never nil.
func UniqueReferences(lists ...[]string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, list := range lists {
		for _, ref := range list {
			ref = strings.Join(strings.Fields(ref), " ")
			if ref == "" || seen[ref] {
				continue
			}
			seen[ref] = true
			out = append(out, ref)
		}
	}
	return out
}

// ReferenceProblems lists what is wrong with one finding's references: a
// reference given twice, or one that names a catalog framework in another
// spelling than Reference's ("NIST SP 800-53 r5 SC-7") or cites an id the
// framework's known list lacks. A reference that starts with one of
// others (frameworks outside the catalog, e.g. "CIS AWS Foundations v5.0")
// is accepted as it is.
func (m *Model) ReferenceProblems(refs []string, others ...string) []string {
	var out []string
	seen := map[string]bool{}
	for _, ref := range refs {
		if seen[ref] {
			out = append(out, fmt.Sprintf("%q is listed twice", ref))
		}
		seen[ref] = true
		if slices.ContainsFunc(others, func(p string) bool { return strings.HasPrefix(ref, p+" ") }) {
			continue
		}
		fw, id, ok := m.ParseReference(ref)
		if !ok {
			out = append(out, fmt.Sprintf("%q does not start with a catalog framework's name (%s)", ref, Quoted(m.frameworkNames())))
			continue
		}
		if _, known := m.ReferenceTitle(fw, id); !known {
			out = append(out, fmt.Sprintf("%q cites %q, which is not in the known ids of %s", ref, id, fw))
		}
	}
	return out
}

func (m *Model) frameworkNames() []string {
	out := make([]string, 0, len(m.Frameworks))
	for _, fw := range m.Frameworks {
		out = append(out, fw.Name)
	}
	return out
}
