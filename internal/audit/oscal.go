package audit

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/oscal"
	"github.com/shared-responsibility/terraform-provider-srm/internal/report"
)

// OSCAL renders the findings as OSCAL assessment results through the report
// package's writer (report.FormatOSCAL): each resource instance with a
// finding is an assessed component, named by its address, under its service
// model; each finding an OSCAL finding with its owner from the matrix and an
// observation naming the address and the attribute (never a value); each
// applied waiver a risk whose deviation its approver approved. The
// document's times are when the plan was judged (Options.Now).
func OSCAL(m *model.Model, r *Result) (string, error) {
	rep := asReport(r, ownedMessage)
	out, err := report.Generate(m, rep, report.FormatOSCAL)
	if err != nil {
		return "", err
	}
	// What a finding cannot carry goes into the result's remarks: every
	// waiver with its state (those that did not apply too), and the
	// resources of types no table maps.
	var doc oscal.AssessmentResultsDocument
	if err := json.Unmarshal([]byte(out.Content), &doc); err != nil {
		return "", err
	}
	if len(doc.AssessmentResults.Results) != 1 {
		return "", fmt.Errorf("the OSCAL writer wrote %d results, not one", len(doc.AssessmentResults.Results))
	}
	res := &doc.AssessmentResults.Results[0]
	res.Remarks = oscalRemarks(r)
	// The assessed components are resource instances of a plan, not
	// srm_workload resources.
	if res.LocalDefinitions != nil && len(res.LocalDefinitions.Components) == len(rep.Workloads) {
		for i := range res.LocalDefinitions.Components {
			c := &res.LocalDefinitions.Components[i]
			c.Description = fmt.Sprintf("The resource instance %s of the audited %s, judged under %s.", c.Title, r.Kind, rep.Workloads[i].ServiceModel)
			c.Status.Remarks = "Judged from the " + r.Kind + " by srm audit; it may not be deployed yet."
		}
	}
	return oscal.Encode(doc)
}

// oscalRemarks summarizes the audit for the result's remarks.
func oscalRemarks(r *Result) string {
	var b strings.Builder
	s := r.Summary
	fmt.Fprintf(&b, "srm audit of a %s (format %s, Terraform %s) under the %s matrix and the %s baseline: %d resource(s) judged, %d srm_workload(s), %d not judged.",
		r.Kind, r.FormatVersion, r.TerraformVersion, r.Matrix, r.Baseline, s.Judged, s.Workloads, s.NotJudged)
	if len(r.NotJudged) > 0 {
		b.WriteString("\n\nNot judged (no evidence mapping for their type):\n")
		for _, a := range r.NotJudged {
			b.WriteString("\n- " + a)
		}
	}
	if len(r.Waivers) > 0 {
		b.WriteString("\n\nWaivers:\n")
		for _, w := range r.Waivers {
			fmt.Fprintf(&b, "\n- %s, %s: %s (waived %d); justification %q, approved by %q, expires %q",
				w.Address, w.Finding, w.State, w.Waived, oneLine(w.Justification), oneLine(w.ApprovedBy), oneLine(w.Expires))
		}
	}
	return b.String()
}

// ownedMessage is a finding's message with who owns it and why.
func ownedMessage(f Finding) string {
	return f.Message + " Owner: " + f.Owner + ". " + f.OwnerReason
}
