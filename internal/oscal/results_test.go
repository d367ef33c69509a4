package oscal

import (
	"strings"
	"testing"
	"time"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// secret is a value that must never reach an observation.
const secret = "AKIAIOSFODNN7EXAMPLE"

func assessment() Assessment {
	return Assessment{Title: "Change 42\nfor review", Timestamp: testTime, Workloads: []AssessedWorkload{
		{Name: "orders-db", ServiceModel: "paas", Baseline: "strict", Findings: []Finding{
			{Control: "encryption.at_rest", Domain: "data_protection", Owner: "shared", Severity: "high", State: StateViolated,
				Message: "aws_db_instance.orders has storage_encrypted = false.", Remediation: "Set storage_encrypted = true.",
				References: []string{"NIST SP 800-53 Rev. 5 SC-28"}, Resource: "aws_db_instance.orders", Attribute: "storage_encrypted"},
			{Control: "identity.mfa_required", Domain: "identity_access", Owner: "customer", Severity: "critical", State: StateDeferred,
				Message: "identity.mfa_required is not known until apply."},
			{Control: "storage.public_access", Domain: "data_protection", Owner: "shared", Severity: "critical", State: StateWaived,
				Message: "storage.public_access is true.", Remediation: "Block public access.",
				Waiver: &Waiver{Justification: "Public mirror |\nsigned off", ApprovedBy: " security board ", Expires: "2099-12-31"}},
		}},
		{Name: "legacy batch", ServiceModel: "iaas", Findings: []Finding{
			{Control: "encryption.secrets_in_plaintext", Domain: "data_protection", Owner: "shared", Severity: "critical", State: StateViolated,
				Message: "a secret (AKIA…) is in user_data.", Resource: "aws_instance.batch", Attribute: "user_data"},
			{Control: "backup.enabled", Domain: "backup_recovery", Owner: "customer", Severity: "high", State: StateWaived,
				Waiver: &Waiver{Justification: "Rebuilt nightly", ApprovedBy: "platform-lead", Expires: "2099-06-30T12:00:00+02:00"}},
			{Control: "backup.enabled", Domain: "backup_recovery", Owner: "customer", Severity: "high", State: StateWaived,
				Waiver: &Waiver{Justification: "", ApprovedBy: "", Expires: "next quarter"}},
			{Control: "hand written/check 1", Domain: "compliance", Owner: "customer", Severity: "low", State: StateWaived,
				References: []string{"Internal standard 7"}},
		}},
	}}
}

func TestAssessmentResults_ValidatesAgainstSchema(t *testing.T) {
	for name, a := range map[string]Assessment{
		"findings":     assessment(),
		"no workloads": {Timestamp: testTime},
		"no findings":  {Timestamp: testTime, Workloads: []AssessedWorkload{{Name: "ok", ServiceModel: "saas"}}},
	} {
		t.Run(name, func(t *testing.T) {
			out, err := AssessmentResultsJSON(model.Default(), a)
			if err != nil {
				t.Fatal(err)
			}
			validate(t, out, "assessment-results")
		})
	}
}

func TestAssessmentResults_Mapping(t *testing.T) {
	m := model.Default()
	doc, err := NewAssessmentResults(m, assessment())
	if err != nil {
		t.Fatal(err)
	}
	ar := doc.AssessmentResults
	if ar.Metadata.Title != "Change 42 for review" {
		t.Errorf("title %q", ar.Metadata.Title)
	}
	r := ar.Results[0]
	if len(r.Findings) != 7 || len(r.Observations) != 7 || len(r.Risks) != 4 {
		t.Fatalf("%d findings, %d observations, %d risks; want 7, 7, 4", len(r.Findings), len(r.Observations), len(r.Risks))
	}
	obs := map[string]Observation{}
	for _, o := range r.Observations {
		obs[o.UUID] = o
		if strings.Contains(o.Description+o.Title, secret[:5]) || strings.Contains(o.Description, "= false") {
			t.Errorf("observation quotes a value: %q", o.Description)
		}
	}
	risks := map[string]Risk{}
	for _, k := range r.Risks {
		risks[k.UUID] = k
	}

	violated := r.Findings[0]
	if s := violated.Target.Status; s.State != "not-satisfied" || s.Reason != "fail" || violated.Target.TargetID != "encryption.at_rest" {
		t.Errorf("violated target %+v", violated.Target)
	}
	if propValue(violated.Props, "owner") != "shared" || propValue(violated.Props, "responsibility") != ResponsibilityShared {
		t.Errorf("violated props %+v", violated.Props)
	}
	c, _ := m.Control("encryption.at_rest")
	for _, id := range c.Frameworks["nist_800_53_r5"] {
		if !hasProp(violated.Props, "framework-control-id", "nist_800_53_r5", id) {
			t.Errorf("violated finding lacks NIST %s", id)
		}
	}
	o := obs[violated.RelatedObservations[0].ObservationUUID]
	if propValue(o.Props, "resource") != "aws_db_instance.orders" || propValue(o.Props, "attribute") != "storage_encrypted" ||
		!strings.Contains(o.Description, "aws_db_instance.orders, attribute storage_encrypted") {
		t.Errorf("observation does not name the evidence: %+v", o)
	}

	deferred := r.Findings[1]
	if s := deferred.Target.Status; s.State != "not-satisfied" || s.Reason != "other" || deferred.Target.Description != deferredReason {
		t.Errorf("deferred target %+v", deferred.Target)
	}
	if len(deferred.RelatedRisks) != 0 {
		t.Error("a deferred finding has a risk")
	}

	waived := r.Findings[2]
	risk := risks[waived.RelatedRisks[0].RiskUUID]
	if risk.Status != "deviation-approved" || risk.Statement != "Public mirror |\nsigned off" || risk.Deadline != "2099-12-31T23:59:59Z" {
		t.Errorf("waived risk %+v", risk)
	}
	entry := risk.RiskLog.Entries[0]
	if entry.StatusChange != "deviation-approved" || entry.End != risk.Deadline || entry.RelatedResponses[0].ResponseUUID != risk.Remediations[0].UUID {
		t.Errorf("risk log %+v", entry)
	}
	approver := ""
	for _, p := range ar.Metadata.Parties {
		if p.UUID == entry.LoggedBy[0].PartyUUID {
			approver = p.Name
		}
	}
	if approver != "security board" || propValue(risk.Remediations[0].Props, "approved-by") != "security board" {
		t.Errorf("approver %q, response props %+v", approver, risk.Remediations[0].Props)
	}

	// An RFC 3339 expiry is kept in UTC; one that is neither a date nor a
	// time is kept as a prop, without a deadline; a waiver without an
	// exception says so.
	if d := risks[r.Findings[4].RelatedRisks[0].RiskUUID].Deadline; d != "2099-06-30T10:00:00Z" {
		t.Errorf("deadline %q", d)
	}
	odd := risks[r.Findings[5].RelatedRisks[0].RiskUUID]
	if odd.Deadline != "" || propValue(odd.Props, "exception-expires") != "next quarter" || odd.Statement != "The exception gives no justification." {
		t.Errorf("risk of an odd waiver %+v", odd)
	}
	if r.Findings[4].UUID == r.Findings[5].UUID {
		t.Error("two findings of one control share a UUID")
	}
	missing := risks[r.Findings[6].RelatedRisks[0].RiskUUID]
	if !strings.Contains(missing.Statement, "not supplied") || missing.RiskLog != nil {
		t.Errorf("risk without an exception %+v", missing)
	}
	hand := r.Findings[6]
	if hand.Target.TargetID != "hand_written_check_1" || propValue(hand.Props, "control") != "hand written/check 1" ||
		propValue(hand.Props, "reference") != "Internal standard 7" {
		t.Errorf("hand-written finding %+v", hand)
	}
}

// The same findings give the same document whenever they are judged, but
// for the times; other findings give another document UUID.
func TestAssessmentResults_Stable(t *testing.T) {
	m := model.Default()
	a := assessment()
	first, _ := AssessmentResultsJSON(m, a)
	a.Timestamp = testTime.Add(time.Hour)
	second, _ := AssessmentResultsJSON(m, a)
	if strings.ReplaceAll(second, "2026-12-07T11:00:00Z", "2026-12-07T10:00:00Z") != first {
		t.Error("two runs differ in more than the timestamp")
	}
	a.Workloads[0].Findings[0].Message = "changed"
	d1, _ := NewAssessmentResults(m, assessment())
	d2, _ := NewAssessmentResults(m, a)
	if d1.AssessmentResults.UUID == d2.AssessmentResults.UUID {
		t.Error("different findings, same document UUID")
	}
	if d1.AssessmentResults.Results[0].Findings[1].UUID != d2.AssessmentResults.Results[0].Findings[1].UUID {
		t.Error("an unchanged finding changed UUID")
	}
	if _, err := NewAssessmentResults(m, Assessment{}); err == nil || !strings.Contains(err.Error(), "timestamp") {
		t.Errorf("err = %v", err)
	}
}

func hasProp(ps []Property, name, class, value string) bool {
	for _, p := range ps {
		if p.Name == name && p.Class == class && p.Value == value {
			return true
		}
	}
	return false
}
