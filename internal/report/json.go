package report

import (
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/oscal"
)

// Document is the JSON report. Its shape is stable: fields are only ever
// added, lists are never null, and every finding has an "exception" that is
// null unless the finding is waived and its exception was supplied.
//
//	{
//	  "title": "Shared responsibility findings",
//	  "summary": {
//	    "workloads": 1, "total": 2, "violated": 1, "waived": 1, "deferred": 0,
//	    "by_domain_owner": [{"domain": "data_protection", "owner": "shared", "violated": 1, "waived": 1, "deferred": 0}]
//	  },
//	  "workloads": [
//	    {"name": "payments-api", "service_model": "iaas", "baseline": "standard", "findings": [
//	      {"control": "encryption.at_rest", "domain": "data_protection", "owner": "shared", "severity": "high",
//	       "status": "violated", "message": "...", "remediation": "...", "references": ["NIST SP 800-53 Rev. 5 SC-28"],
//	       "exception": null},
//	      {"control": "storage.public_access", ..., "status": "waived", ...,
//	       "exception": {"justification": "...", "approved_by": "security-board", "expires": "2026-12-31"}}
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
	return Document{Title: r.title(), Summary: r.Summarize(m), Workloads: r.prepared().Workloads}
}

// JSON renders the report as the Document, indented by two spaces, with a
// trailing newline. Characters such as < and & are written as they are.
func JSON(m *model.Model, r *Report) (string, error) {
	return encode(NewDocument(m, r))
}

// encode writes every JSON document of this package, its OSCAL ones
// included, with the one encoder: indented, no HTML escaping.
func encode(v any) (string, error) { return oscal.Encode(v) }
