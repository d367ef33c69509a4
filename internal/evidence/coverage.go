package evidence

import (
	"fmt"
	"sort"
	"strings"
)

// CoverageMarkdown renders the evidence coverage guide from the tables: a
// type × control matrix per cloud, then each mapping with the attribute
// read, the default an unset attribute takes and where it is documented.
func (e *Engine) CoverageMarkdown() string {
	var b strings.Builder
	b.WriteString(`---
page_title: "Evidence coverage: which resource attributes prove which controls"
subcategory: "Guides"
description: |-
  The resource types srm_workload's evidence, resource_findings and resource_controls read, and the attributes behind each control.
---

# Evidence coverage

` + "`srm_workload`'s `evidence`, `provider::srm::resource_findings` and `provider::srm::resource_controls`" + ` read the
planned values of the resource types below. Each mapping reads one attribute (nested blocks are lists of objects, as
Terraform hands them over), turns it into a control's value and judges it by the control's rule. An attribute left
unset takes the provider's documented default where one is documented, and otherwise says nothing. A value not known
until apply defers the control to apply. Finding ids are ` + "`<type>.<mapping>`" + `, or ` + "`<type>.<rule>`" + ` for the firewall and
policy detectors' rules.

This page is generated from the mapping tables in ` + "`internal/evidence/data/`" + `; adding a resource type is one entry there.
`)
	for _, t := range e.tables {
		fmt.Fprintf(&b, "\n## %s (`%s`, documentation %s)\n\n", cloudTitle(t.Cloud), t.Provider, t.DocsVersion)
		controls := tableControls(t)
		b.WriteString("| Resource type | Service model |")
		for _, c := range controls {
			b.WriteString(" `" + c + "` |")
		}
		b.WriteString("\n|---|---|" + strings.Repeat("---|", len(controls)) + "\n")
		for _, r := range t.Resources {
			fmt.Fprintf(&b, "| `%s` | %s |", r.Type, r.ServiceModel)
			for _, c := range controls {
				mark := ""
				for _, mp := range r.Mappings {
					if mp.Control == c {
						mark = "✓"
					}
				}
				b.WriteString(" " + mark + " |")
			}
			b.WriteString("\n")
		}
		for _, r := range t.Resources {
			fmt.Fprintf(&b, "\n### `%s`\n\nRead from `%s`.\n\n", r.Type, r.Docs)
			b.WriteString("| Finding id | Control | Attribute | Unset means |\n|---|---|---|---|\n")
			for _, mp := range r.Mappings {
				attr := mp.Attribute
				if attr == "" {
					attr = "(the whole resource)"
				}
				unset := "nothing is judged"
				if mp.Default != nil {
					unset = fmt.Sprintf("`%v`: %s", mp.Default, mp.DefaultSource)
				}
				if mp.Read == "present" {
					unset = "the setting is absent"
				}
				fmt.Fprintf(&b, "| `%s.%s` | `%s` | `%s` | %s |\n", r.Type, mp.ID, mp.Control, attr, escapeCell(unset))
			}
		}
	}
	return b.String()
}

func tableControls(t Table) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range t.Resources {
		for _, mp := range r.Mappings {
			if !seen[mp.Control] {
				seen[mp.Control] = true
				out = append(out, mp.Control)
			}
		}
	}
	sort.Strings(out)
	return out
}

func cloudTitle(c string) string {
	switch c {
	case "aws":
		return "AWS"
	case "azure":
		return "Azure"
	case "google":
		return "Google Cloud"
	}
	return c
}

func escapeCell(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s)
}
