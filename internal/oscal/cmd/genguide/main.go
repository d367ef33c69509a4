// Command genguide writes the OSCAL guide's template, with example documents
// rendered by the code that renders them for users, so the guide cannot go
// stale:
//
//	go run ./internal/oscal/cmd/genguide -o templates/guides/oscal-exports.md.tmpl
//
// `go generate ./...` runs it through the directive in package oscal, and a
// test fails when the committed template differs from what it writes.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/oscal"
	"github.com/shared-responsibility/terraform-provider-srm/internal/report"
)

func main() {
	out := flag.String("o", "", "file to write, e.g. templates/guides/oscal-exports.md.tmpl")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "genguide:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	if out == "" {
		return fmt.Errorf("-o is required, e.g. -o templates/guides/oscal-exports.md.tmpl")
	}
	guide, err := Guide()
	if err != nil {
		return err
	}
	return os.WriteFile(out, []byte(guide), 0o644)
}

// requiredProviders opens every Terraform example, which must plan when
// copied into an empty folder.
const requiredProviders = `terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}`

// exampleTime dates the examples.
var exampleTime = time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)

// Guide renders the guide.
func Guide() (string, error) {
	m := model.Default()
	cd, shown, total, err := componentExcerpt(m)
	if err != nil {
		return "", err
	}
	ar, err := report.Generate(m, exampleReport(), report.FormatOSCAL)
	if err != nil {
		return "", err
	}
	r := strings.NewReplacer(
		"@VERSION@", oscal.Version,
		"@SHOWN@", fmt.Sprint(shown),
		"@TOTAL@", fmt.Sprint(total),
		"@COMPONENT@", strings.TrimRight(cd, "\n"),
		"@RESULTS@", strings.TrimRight(ar.Content, "\n"),
		"@FENCE@", "```",
		"@PROVIDERS@", requiredProviders,
	)
	return r.Replace(template), nil
}

// componentExcerpt is the PaaS component of the consensus matrix with its
// first implemented requirements, and the back-matter resources they cite.
func componentExcerpt(m *model.Model) (string, int, int, error) {
	doc, err := oscal.NewComponentDefinition(m, oscal.ComponentOptions{Timestamp: exampleTime, ServiceModels: []string{"paas"}})
	if err != nil {
		return "", 0, 0, err
	}
	cis := doc.ComponentDefinition.Components[0].ControlImplementations
	total := 0
	for i := range cis {
		total += len(cis[i].ImplementedRequirements)
		cis[i].ImplementedRequirements = cis[i].ImplementedRequirements[:1]
	}
	raw, err := json.Marshal(doc)
	if err != nil {
		return "", 0, 0, err
	}
	bm := doc.ComponentDefinition.BackMatter
	var kept []oscal.Resource
	for _, res := range bm.Resources {
		if strings.Contains(string(raw), `"#`+res.UUID+`"`) {
			kept = append(kept, res)
		}
	}
	bm.Resources = kept
	out, err := oscal.Encode(doc)
	return out, len(cis), total, err
}

// exampleReport is a pull request's findings: a database whose storage is
// not encrypted (from its evidence), a bucket made public under an approved
// exception, and MFA that is known only at apply.
func exampleReport() *report.Report {
	return &report.Report{
		Title:     "Change 42",
		Timestamp: exampleTime,
		Workloads: []report.Workload{{
			Name: "orders-db", ServiceModel: "paas", Baseline: "standard",
			Findings: []report.Finding{
				{Control: "encryption.at_rest", Status: finding.StatusViolated,
					Message:     "paas workload: aws_db_instance.orders has storage_encrypted = false; the \"standard\" baseline needs encryption.at_rest = true.",
					Remediation: "Set storage_encrypted = true (an existing instance must be restored from an encrypted snapshot).",
					References:  []string{"NIST SP 800-53 Rev. 5 SC-28"},
					Resource:    "aws_db_instance.orders", Attribute: "storage_encrypted"},
				{Control: "storage.public_access", Status: finding.StatusWaived,
					Message: "storage.public_access is true.", Remediation: "Block public access.",
					Exception: &report.Exception{Justification: "Public download mirror for signed release artifacts",
						ApprovedBy: "security-board", Expires: "2027-06-30"}},
				{Control: "identity.mfa_required", Status: finding.StatusDeferred,
					Message:     "identity.mfa_required is not known until apply; it is checked again then.",
					Remediation: "Require MFA."},
			},
		}},
	}
}
