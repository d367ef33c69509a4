package model

import (
	"slices"
	"strings"
	"testing"
)

// withCatalog validates the default model with its controls and groups
// changed.
func withCatalog(t *testing.T, change func(m *Model)) error {
	t.Helper()
	d := Default()
	copied := *d
	m := &copied
	m.Controls = slices.Clone(d.Controls)
	m.Groups = slices.Clone(d.Groups)
	change(m)
	m.index()
	return m.Validate()
}

func controlIndex(t *testing.T, m *Model, id string) int {
	t.Helper()
	i := slices.IndexFunc(m.Controls, func(c Control) bool { return c.ID == id })
	if i < 0 {
		t.Fatalf("no control %s", id)
	}
	return i
}

// Each catalog rule: a mistake is a load error that names the entry.
func TestCatalogRules(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, m *Model)
		want   string
	}{
		{"misspelt detector", func(t *testing.T, m *Model) {
			m.Controls[controlIndex(t, m, "network.ingress_rules")].Detector = "firewal"
		}, `control "network.ingress_rules": unknown detector "firewal"`},
		{"detector of another type", func(t *testing.T, m *Model) {
			m.Controls[controlIndex(t, m, "identity.iam_policy_json")].Detector = "patch"
		}, `control "identity.iam_policy_json": detector "patch" reads a date control`},
		{"unknown group", func(t *testing.T, m *Model) {
			m.Controls[controlIndex(t, m, "encryption.at_rest")].ID = "encryptoin.at_rest"
		}, `control "encryptoin.at_rest": unknown group "encryptoin"`},
		{"group named like a fixed attribute", func(t *testing.T, m *Model) {
			m.Groups = append(m.Groups, Group{ID: "evidence", Domain: m.Groups[0].Domain, Description: "x"})
		}, `group "evidence": the name is one of srm_workload's own attributes`},
		{"top-level control named like a fixed attribute", func(t *testing.T, m *Model) {
			c := m.Controls[controlIndex(t, m, "secrets_scan")]
			c.ID = "findings"
			m.Controls = append(m.Controls, c)
		}, `control "findings": without a group it is a top-level attribute`},
		{"top-level control of a type only a group holds", func(t *testing.T, m *Model) {
			c := m.Controls[controlIndex(t, m, "encryption.at_rest")]
			c.ID = "at_rest_anywhere"
			m.Controls = append(m.Controls, c)
		}, `control "at_rest_anywhere" has no group, so it is a top-level srm_workload attribute, which must be of type "string_list", not "bool"`},
		{"bound out of range", func(t *testing.T, m *Model) {
			i := controlIndex(t, m, "logging.retention_days")
			c := m.Controls[i]
			c.Rules = map[string]Rule{}
			for b, r := range m.Controls[i].Rules {
				v := float64(NumberMax + 1)
				r.Min = &v
				c.Rules[b] = r
			}
			m.Controls[i] = c
		}, `control "logging.retention_days": rule for "standard" has a bound of 36501, outside 0 to 36500`},
		{"bound_by not a number control", func(t *testing.T, m *Model) {
			m.Controls[controlIndex(t, m, "hardening.last_patched")].BoundBy = "hardening.os_patching"
		}, `control "hardening.last_patched": bound_by "hardening.os_patching" is not a number control`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := withCatalog(t, func(m *Model) { tc.change(t, m) })
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("want an error containing\n  %s\ngot\n  %v", tc.want, err)
			}
		})
	}
	if err := withCatalog(t, func(*Model) {}); err != nil {
		t.Errorf("the unchanged catalog fails: %v", err)
	}
}
