package report

import (
	"bytes"
	"encoding/json"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// Document is the JSON report. Its shape is stable: fields are only ever
// added, and lists are never null.
//
//	{
//	  "title": "Shared responsibility findings",
//	  "summary": {
//	    "workloads": 2, "total": 2, "violated": 2, "waived": 0, "deferred": 0,
//	    "by_domain_owner": [{"domain": "data_protection", "owner": "shared", "violated": 2, "waived": 0, "deferred": 0}]
//	  },
//	  "workloads": [
//	    {"name": "payments-api", "service_model": "iaas", "findings": [
//	      {"control": "encryption.at_rest", "domain": "data_protection", "owner": "shared", "severity": "high",
//	       "status": "violated", "message": "...", "remediation": "...", "references": ["NIST SP 800-53 Rev. 5 SC-28"]}
//	    ]}
//	  ]
//	}
type Document struct {
	Title     string     `json:"title"`
	Summary   Summary    `json:"summary"`
	Workloads []Workload `json:"workloads"`
}

// NewDocument builds the JSON document of a report.
func NewDocument(m *model.Model, r *Report) Document {
	d := Document{Title: r.title(), Summary: r.Summarize(m), Workloads: make([]Workload, len(r.Workloads))}
	for i, w := range r.Workloads {
		findings := make([]Finding, len(w.Findings))
		for j, f := range w.Findings {
			if f.References == nil {
				f.References = []string{}
			}
			findings[j] = f
		}
		w.Findings = findings
		d.Workloads[i] = w
	}
	return d
}

// JSON renders the report as the Document, indented by two spaces, with a
// trailing newline. Characters such as < and & are written as they are.
func JSON(m *model.Model, r *Report) (string, error) {
	return encode(NewDocument(m, r))
}

func encode(v any) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return buf.String(), nil
}
