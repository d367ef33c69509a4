package report

import (
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/oscal"
)

// OSCAL renders the report as OSCAL 1.1.3 assessment results (package
// oscal): one result whose findings are the report's, each with an
// observation naming the workload and, for evidence, the resource address
// and attribute; deferred findings not satisfied for want of values known
// only at apply; waived ones with a risk whose deviation the exception's
// approver approved. Report.Timestamp is required.
func OSCAL(m *model.Model, r *Report) (string, error) {
	return oscal.AssessmentResultsJSON(m, assessmentOf(r.prepared()))
}

// assessmentOf is the one adapter from the report's findings to the oscal
// package's.
func assessmentOf(r *Report) oscal.Assessment {
	a := oscal.Assessment{Title: r.title(), Timestamp: r.Timestamp}
	for _, w := range r.Workloads {
		aw := oscal.AssessedWorkload{Name: w.Name, ServiceModel: w.ServiceModel, Baseline: w.Baseline}
		for _, f := range w.Findings {
			af := oscal.Finding{
				Control: f.Control, Domain: f.Domain, Owner: f.Owner, Severity: f.Severity, State: f.Status,
				Message: f.Message, Remediation: f.Remediation, References: f.References,
				Resource: f.Resource, Attribute: f.Attribute,
			}
			if e := f.Exception; e != nil {
				af.Waiver = &oscal.Waiver{Justification: e.Justification, ApprovedBy: e.ApprovedBy, Expires: e.Expires}
			}
			aw.Findings = append(aw.Findings, af)
		}
		a.Workloads = append(a.Workloads, aw)
	}
	return a
}
