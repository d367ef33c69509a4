package evidence

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// peerCount is what a peer scanner checks in one cloud's Terraform.
type peerCount struct {
	checks, types int
}

// Peer figures, counted in the peers' repositories (facts only):
//   - Checkov, bridgecrewio/checkov at commit 03d5fda (2026-08-20): the check
//     ids under checkov/terraform/checks/resource/<cloud>/ and
//     graph_checks/<cloud>/, and the resource types their
//     supported_resources and resource_types name.
//   - trivy-checks, aquasecurity/trivy-checks at commit 80e5382 (2026-08-21):
//     the checks under checks/cloud/<cloud>/ (deprecated ones included: 7 for
//     AWS, 1 for Google), and the resource types named in their Terraform
//     examples (a lower bound: trivy maps resources to its cloud model
//     outside these files).
var (
	checkovCounts = map[string]peerCount{"aws": {442, 268}, "azure": {302, 126}, "google": {161, 85}}
	trivyCounts   = map[string]peerCount{"aws": {175, 79}, "azure": {73, 44}, "google": {75, 28}}
)

const peerSources = "Checkov: bridgecrewio/checkov at commit 03d5fda (2026-08-20), the check ids and resource types " +
	"of `checkov/terraform/checks/resource/<cloud>` and `graph_checks/<cloud>`. trivy-checks: aquasecurity/trivy-checks " +
	"at commit 80e5382 (2026-08-21), the checks under `checks/cloud/<cloud>` (deprecated ones included) and the resource " +
	"types their Terraform examples name, a lower bound."

// CoverageMarkdown renders the evidence coverage guide from the tables: per
// cloud the counts next to the peers', the provider release whose schema
// the mappings were checked against, a type × control matrix, then each
// mapping with the attribute read, the peer checks it corresponds to, and
// the default an unset attribute takes with where it is documented.
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

Every attribute path, condition and default below is checked by a test against the real schema of the provider
release named for each cloud. Any other resource type of those providers is accepted as evidence and reported as not
judged; a name that is no provider's resource type is an error.

This page is generated from the mapping tables in ` + "`internal/evidence/data/`" + `; adding a resource type is one entry there.
`)
	b.WriteString("\n## Counts next to the peers\n\n")
	b.WriteString("| Cloud | srm: resource types | srm: (type, control) pairs | srm: mappings | Checkov: checks | Checkov: resource types | trivy-checks: checks | trivy-checks: resource types |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|\n")
	for _, c := range cloudCounts(e.tables) {
		ck, tv := checkovCounts[c.cloud], trivyCounts[c.cloud]
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %s | %s | %s | %s |\n", cloudTitle(c.cloud), c.types, c.pairs, c.mappings,
			countCell(ck.checks), countCell(ck.types), countCell(tv.checks), countCell(tv.types))
	}
	b.WriteString("\nPeers: " + peerSources + " A peer check reads one resource type for one concern, so its checks " +
		"compare with srm's (type, control) pairs and mappings rather than with its types.\n")
	for _, t := range e.tables {
		fmt.Fprintf(&b, "\n## %s (`%s`)\n\n", cloudTitle(t.Cloud), t.Provider)
		fmt.Fprintf(&b, "Schema checked against: %s. Documentation read: %s.\n\n", schemaReleases(t), t.DocsVersion)
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
			b.WriteString("| Finding id | Control | Attribute | Unset means | Peer checks |\n|---|---|---|---|---|\n")
			for _, mp := range r.Mappings {
				attr := mp.Attribute
				if attr == "" {
					attr = "(the whole resource)"
				}
				unset := "nothing is judged"
				if mp.Default != nil {
					unset = fmt.Sprintf("`%v`: %s", mp.Default, mp.DefaultSource)
				}
				if readers[mp.Read].judgesUnset {
					unset = "the setting is absent"
				}
				if len(mp.SettledBy) > 0 {
					unset += "; settled by `" + strings.Join(mp.SettledBy, "`, `") + "` when in the same evidence"
				}
				peers := "none"
				if len(mp.Peers) > 0 {
					peers = "`" + strings.Join(mp.Peers, "`, `") + "`"
				}
				fmt.Fprintf(&b, "| `%s.%s` | `%s` | `%s` | %s | %s |\n", r.Type, mp.ID, mp.Control, attr, escapeCell(unset), peers)
			}
		}
	}
	return b.String()
}

// tableCounts counts a table's resource types, distinct (type, control)
// pairs and mappings.
func tableCounts(t Table) (types, pairs, mappings int) {
	for _, r := range t.Resources {
		seen := map[string]bool{}
		for _, mp := range r.Mappings {
			mappings++
			if !seen[mp.Control] {
				seen[mp.Control] = true
				pairs++
			}
		}
	}
	return len(t.Resources), pairs, mappings
}

// cloudCount is one cloud's counts over all its tables.
type cloudCount struct {
	cloud                  string
	types, pairs, mappings int
}

// cloudCounts sums the tables' counts per cloud, in the order the clouds
// first appear: a cloud's types may be spread over several table files.
func cloudCounts(tables []Table) []cloudCount {
	var out []cloudCount
	at := map[string]int{}
	for _, t := range tables {
		i, ok := at[t.Cloud]
		if !ok {
			i = len(out)
			at[t.Cloud] = i
			out = append(out, cloudCount{cloud: t.Cloud})
		}
		types, pairs, mappings := tableCounts(t)
		out[i].types += types
		out[i].pairs += pairs
		out[i].mappings += mappings
	}
	return out
}

func countCell(n int) string {
	if n == 0 {
		return "–"
	}
	return fmt.Sprint(n)
}

// schemaReleases names the provider releases whose schema digest holds the
// table's types ("hashicorp/aws 6.25.0"), in order of first use.
func schemaReleases(t Table) string {
	var out []string
	for _, r := range t.Resources {
		if _, p, ok := schemaFor(r.Type); ok {
			s := fmt.Sprintf("`%s` %s (schema from the CDKTF bindings %s)", p.Provider, p.Version, p.Package)
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, ", ")
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
