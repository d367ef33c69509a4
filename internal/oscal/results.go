package oscal

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// States of an assessed finding, as the report package calls them.
const (
	StateViolated = "violated"
	StateWaived   = "waived"
	StateDeferred = "deferred"
)

// deferredReason is a deferred finding's target description.
const deferredReason = "Not yet satisfied: the control depends on values that are not known until apply, so it is judged then."

// Assessment is what assessment results are built from: the workloads judged
// and their findings, in the order to report them.
type Assessment struct {
	Title string
	// Timestamp is when the workloads were judged: the result's start and
	// end, every observation's collection time and the metadata's
	// last-modified. Required.
	Timestamp time.Time
	Workloads []AssessedWorkload
}

// AssessedWorkload is one srm_workload and its findings.
type AssessedWorkload struct {
	Name, ServiceModel, Baseline string
	Findings                     []Finding
}

// Finding is one violated, waived or deferred control of a workload.
type Finding struct {
	Control, Domain, Owner, Severity, State, Message, Remediation string
	References                                                    []string
	// Resource and Attribute name the evidence the finding rests on (a
	// resource address and its attribute); empty for a declared value.
	Resource, Attribute string
	// Waiver is the approved exception of a waived finding, nil otherwise.
	Waiver *Waiver
}

// Waiver is the exception that waives a finding, as the workload states it.
type Waiver struct {
	Justification, ApprovedBy, Expires string
}

// waiverTexts is the one place that reads a waiver's user-written texts into
// the document, so that a redaction of sensitive exception texts applies to
// every field that shows them.
func waiverTexts(w *Waiver) (justification, approver, expires string) {
	if w == nil {
		return "", "", ""
	}
	return w.Justification, w.ApprovedBy, w.Expires
}

// AssessmentResultsDocument is the root of OSCAL assessment results.
type AssessmentResultsDocument struct {
	AssessmentResults AssessmentResults `json:"assessment-results"`
}

// AssessmentResults holds one result: the findings of one report.
type AssessmentResults struct {
	UUID       string      `json:"uuid"`
	Metadata   Metadata    `json:"metadata"`
	ImportAP   ImportAP    `json:"import-ap"`
	Results    []Result    `json:"results"`
	BackMatter *BackMatter `json:"back-matter,omitempty"`
}

// ImportAP points at the assessment plan the results follow.
type ImportAP struct {
	Href    string `json:"href"`
	Remarks string `json:"remarks,omitempty"`
}

// Result is one assessment run.
type Result struct {
	UUID             string           `json:"uuid"`
	Title            string           `json:"title"`
	Description      string           `json:"description"`
	Start            string           `json:"start"`
	End              string           `json:"end,omitempty"`
	Props            []Property       `json:"props,omitempty"`
	LocalDefinitions *LocalDefs       `json:"local-definitions,omitempty"`
	ReviewedControls ReviewedControls `json:"reviewed-controls"`
	Observations     []Observation    `json:"observations,omitempty"`
	Risks            []Risk           `json:"risks,omitempty"`
	Findings         []ResultFinding  `json:"findings,omitempty"`
	Remarks          string           `json:"remarks,omitempty"`
}

// LocalDefs defines the assessed workloads as components of the result.
type LocalDefs struct {
	Components []SystemComponent `json:"components,omitempty"`
}

// SystemComponent is an assessed workload.
type SystemComponent struct {
	UUID        string          `json:"uuid"`
	Type        string          `json:"type"`
	Title       string          `json:"title"`
	Description string          `json:"description"`
	Props       []Property      `json:"props,omitempty"`
	Status      ComponentStatus `json:"status"`
}

// ComponentStatus is a component's operational state.
type ComponentStatus struct {
	State   string `json:"state"`
	Remarks string `json:"remarks,omitempty"`
}

// ReviewedControls says which controls the result covers.
type ReviewedControls struct {
	Description       string             `json:"description,omitempty"`
	ControlSelections []ControlSelection `json:"control-selections"`
}

// ControlSelection selects controls by id.
type ControlSelection struct {
	Description     string          `json:"description,omitempty"`
	IncludeControls []SelectControl `json:"include-controls,omitempty"`
	IncludeAll      *struct{}       `json:"include-all,omitempty"`
}

// SelectControl names one control.
type SelectControl struct {
	ControlID string `json:"control-id"`
}

// Observation is what was seen: the workload, the control and, for a
// finding from evidence, the resource address and attribute. It never holds
// a value read from the configuration.
type Observation struct {
	UUID        string       `json:"uuid"`
	Title       string       `json:"title,omitempty"`
	Description string       `json:"description"`
	Props       []Property   `json:"props,omitempty"`
	Methods     []string     `json:"methods"`
	Types       []string     `json:"types,omitempty"`
	Subjects    []SubjectRef `json:"subjects,omitempty"`
	Collected   string       `json:"collected"`
	Remarks     string       `json:"remarks,omitempty"`
}

// SubjectRef points at an assessed component.
type SubjectRef struct {
	SubjectUUID string `json:"subject-uuid"`
	Type        string `json:"type"`
	Title       string `json:"title,omitempty"`
}

// Risk is the risk a waived finding leaves, whose deviation was approved.
type Risk struct {
	UUID                string           `json:"uuid"`
	Title               string           `json:"title"`
	Description         string           `json:"description"`
	Statement           string           `json:"statement"`
	Props               []Property       `json:"props,omitempty"`
	Status              string           `json:"status"`
	Deadline            string           `json:"deadline,omitempty"`
	Remediations        []Response       `json:"remediations,omitempty"`
	RiskLog             *RiskLog         `json:"risk-log,omitempty"`
	RelatedObservations []RelatedObsUUID `json:"related-observations,omitempty"`
}

// Response is a risk response: here, the acceptance of the risk.
type Response struct {
	UUID        string     `json:"uuid"`
	Lifecycle   string     `json:"lifecycle"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Props       []Property `json:"props,omitempty"`
	Remarks     string     `json:"remarks,omitempty"`
}

// RiskLog records what was done about a risk.
type RiskLog struct {
	Entries []RiskLogEntry `json:"entries"`
}

// RiskLogEntry is one logged decision.
type RiskLogEntry struct {
	UUID             string            `json:"uuid"`
	Title            string            `json:"title,omitempty"`
	Description      string            `json:"description,omitempty"`
	Start            string            `json:"start"`
	End              string            `json:"end,omitempty"`
	LoggedBy         []LoggedBy        `json:"logged-by,omitempty"`
	StatusChange     string            `json:"status-change,omitempty"`
	RelatedResponses []RelatedResponse `json:"related-responses,omitempty"`
	Remarks          string            `json:"remarks,omitempty"`
}

// LoggedBy names the party that logged an entry.
type LoggedBy struct {
	PartyUUID string `json:"party-uuid"`
	RoleID    string `json:"role-id,omitempty"`
}

// RelatedResponse points at a risk response.
type RelatedResponse struct {
	ResponseUUID string `json:"response-uuid"`
}

// ResultFinding is an OSCAL finding: a control's objective not satisfied.
type ResultFinding struct {
	UUID                string            `json:"uuid"`
	Title               string            `json:"title"`
	Description         string            `json:"description"`
	Props               []Property        `json:"props,omitempty"`
	Target              FindingTarget     `json:"target"`
	RelatedObservations []RelatedObsUUID  `json:"related-observations,omitempty"`
	RelatedRisks        []RelatedRiskUUID `json:"related-risks,omitempty"`
	Remarks             string            `json:"remarks,omitempty"`
}

// FindingTarget is the objective a finding judges and its state.
type FindingTarget struct {
	Type        string          `json:"type"`
	TargetID    string          `json:"target-id"`
	Title       string          `json:"title,omitempty"`
	Description string          `json:"description,omitempty"`
	Props       []Property      `json:"props,omitempty"`
	Status      ObjectiveStatus `json:"status"`
}

// ObjectiveStatus is satisfied or not-satisfied, with a reason.
type ObjectiveStatus struct {
	State   string `json:"state"`
	Reason  string `json:"reason,omitempty"`
	Remarks string `json:"remarks,omitempty"`
}

// RelatedObsUUID points at an observation.
type RelatedObsUUID struct {
	ObservationUUID string `json:"observation-uuid"`
}

// RelatedRiskUUID points at a risk.
type RelatedRiskUUID struct {
	RiskUUID string `json:"risk-uuid"`
}

// NewAssessmentResults builds the assessment results of an assessment: one
// result whose findings are the assessment's, each with one observation.
//
//   - A violated finding is an OSCAL finding whose target (the control) is
//     not-satisfied with reason "fail".
//   - A deferred finding is not-satisfied with reason "other"; the target's
//     description says why (its values are known only at apply).
//   - A waived finding is not-satisfied with reason "fail" and points at a
//     risk whose status is "deviation-approved": the waiver's justification
//     is the risk statement and the acceptance response, its approver the
//     party that logged the approval in the risk log, its expiry the risk's
//     deadline.
//
// Each finding has the owner and responsibility of the control's domain
// (from the matrix, for the workload's service model), the control's domain
// and severity, and the framework ids the catalog cites (for a control
// outside the catalog, the references it was given). Its observation names
// the workload, the control and, for a finding from evidence, the resource
// address and attribute; it never quotes a value.
func NewAssessmentResults(m *model.Model, a Assessment) (*AssessmentResultsDocument, error) {
	stamp, err := Timestamp(a.Timestamp)
	if err != nil {
		return nil, fmt.Errorf("timestamp: %w", err)
	}
	// The content's digest without the timestamp: the same findings give
	// the same UUIDs whenever they are reported.
	keyed := a
	keyed.Timestamp = time.Time{}
	sum, err := digest(keyed)
	if err != nil {
		return nil, err
	}
	title := strings.Join(strings.Fields(a.Title), " ")
	if title == "" {
		title = "Shared responsibility findings"
	}
	b := &resultsBuilder{m: m, stamp: stamp, parties: map[string]Party{}}
	tool := toolParty()
	b.partyOrder = []string{tool.UUID}
	b.parties[tool.UUID] = tool

	result := Result{
		UUID:  NameUUID("result", sum),
		Title: title,
		Description: "Findings of " + ToolName + " for " + strconv.Itoa(len(a.Workloads)) + " workload(s): the controls their " +
			"configuration and evidence do not satisfy, those an approved exception waives, and those that depend on values known only at apply.",
		Start: stamp,
		End:   stamp,
		Props: []Property{prop("matrix", m.Matrix().ID)},
		ReviewedControls: ReviewedControls{ControlSelections: []ControlSelection{{
			Description: "The " + ToolName + " catalog controls that each workload's baseline asks for under its service model.",
			IncludeAll:  &struct{}{},
		}}},
	}
	var components []SystemComponent
	for wi, w := range a.Workloads {
		comp := SystemComponent{
			UUID: NameUUID("workload", strconv.Itoa(wi), w.Name), Type: "service", Title: w.Name,
			Description: fmt.Sprintf("The srm_workload %q (%s).", w.Name, w.ServiceModel),
			Props:       []Property{prop("service-model", w.ServiceModel)},
			Status:      ComponentStatus{State: "other", Remarks: "Judged from its Terraform configuration; it may not be deployed yet."},
		}
		if w.Baseline != "" {
			comp.Props = append(comp.Props, prop("baseline", w.Baseline))
		}
		components = append(components, comp)
		seen := map[string]int{}
		for _, f := range w.Findings {
			n := seen[f.Control]
			seen[f.Control]++
			b.add(&result, w, comp, f, strconv.Itoa(wi), strconv.Itoa(n))
		}
	}
	if len(components) > 0 {
		result.LocalDefinitions = &LocalDefs{Components: components}
	}
	planRes := Resource{
		UUID:  NameUUID("resource", "assessment-plan"),
		Title: "Assessment plan: the workloads' baselines",
		Description: "There is no separate assessment plan: each srm_workload's baseline and service model decide which catalog " +
			"controls are assessed, and the catalog says how.",
		RLinks: []RLink{{Href: CatalogURI}},
	}
	parties := make([]Party, 0, len(b.partyOrder))
	for _, id := range b.partyOrder {
		parties = append(parties, b.parties[id])
	}
	doc := &AssessmentResultsDocument{AssessmentResults: AssessmentResults{
		UUID: NameUUID("assessment-results", sum),
		Metadata: Metadata{
			Title: title, LastModified: stamp, Version: "sha256-" + sum[:16], OSCALVersion: Version,
			Props: []Property{prop("matrix", m.Matrix().ID)},
			Links: []Link{{Href: ToolURI, Rel: "reference", Text: ToolName}},
			Roles: append(sideRoles(),
				Role{ID: "assessor", Title: "Assessor", Description: "The tool that judged the workloads' configuration."},
				Role{ID: "approver", Title: "Exception approver", Description: "Approved an exception that waives a finding."}),
			Parties:            parties,
			ResponsibleParties: []ResponsibleParty{{RoleID: "assessor", PartyUUIDs: []string{tool.UUID}}},
		},
		ImportAP:   ImportAP{Href: "#" + planRes.UUID, Remarks: planRes.Description},
		Results:    []Result{result},
		BackMatter: &BackMatter{Resources: []Resource{planRes}},
	}}
	return doc, nil
}

// AssessmentResultsJSON renders NewAssessmentResults' document as indented
// JSON.
func AssessmentResultsJSON(m *model.Model, a Assessment) (string, error) {
	doc, err := NewAssessmentResults(m, a)
	if err != nil {
		return "", err
	}
	return Encode(doc)
}

type resultsBuilder struct {
	m          *model.Model
	stamp      string
	parties    map[string]Party
	partyOrder []string
}

// approver returns the party of an exception's approver, added once.
func (b *resultsBuilder) approver(name string) string {
	name = oneLine(name)
	id := NameUUID("party", "approver", name)
	if _, ok := b.parties[id]; !ok {
		b.parties[id] = Party{UUID: id, Type: "organization", Name: name,
			Remarks: "Named as approved_by in a workload exception; whether a person or a group is not recorded."}
		b.partyOrder = append(b.partyOrder, id)
	}
	return id
}

func (b *resultsBuilder) add(r *Result, w AssessedWorkload, comp SystemComponent, f Finding, wi, n string) {
	c, inCatalog := b.m.Control(f.Control)
	title := f.Control
	if inCatalog {
		title = c.Title
	}
	common := []Property{
		prop("workload", w.Name), prop("control", f.Control), prop("owner", f.Owner), prop("responsibility", Responsibility(f.Owner)),
		prop("domain", f.Domain), prop("severity", f.Severity), prop("status", f.State),
	}

	obs := Observation{
		UUID:  NameUUID("observation", wi, w.Name, f.Control, n),
		Title: fmt.Sprintf("%s on %s", f.Control, w.Name),
		Description: fmt.Sprintf("Workload %q (%s) was judged on control %s (%s).",
			w.Name, w.ServiceModel, f.Control, title),
		Props:     nonEmpty([]Property{prop("control", f.Control)}),
		Methods:   []string{"EXAMINE"},
		Types:     []string{"finding"},
		Subjects:  []SubjectRef{{SubjectUUID: comp.UUID, Type: "component", Title: w.Name}},
		Collected: b.stamp,
	}
	if f.Resource != "" {
		obs.Description += " Evidence: " + f.Resource
		obs.Props = append(obs.Props, prop("resource", f.Resource))
		if f.Attribute != "" {
			obs.Description += ", attribute " + f.Attribute
			obs.Props = append(obs.Props, prop("attribute", f.Attribute))
		}
		obs.Description += "."
	}
	r.Observations = append(r.Observations, obs)

	target := FindingTarget{
		Type: "objective-id", TargetID: Token(f.Control), Title: title,
		Status: ObjectiveStatus{State: "not-satisfied", Reason: "fail"},
	}
	fd := ResultFinding{
		UUID:                NameUUID("finding", wi, w.Name, f.Control, n),
		Title:               fmt.Sprintf("%s: %s", w.Name, title),
		Description:         f.Message,
		Props:               nonEmpty(append(common, b.references(f, c, inCatalog)...)),
		RelatedObservations: []RelatedObsUUID{{ObservationUUID: obs.UUID}},
		Remarks:             f.Remediation,
	}
	if strings.TrimSpace(fd.Description) == "" {
		fd.Description = fmt.Sprintf("Control %s is %s.", f.Control, f.State)
	}
	switch f.State {
	case StateDeferred:
		target.Status.Reason = "other"
		target.Description = deferredReason
	case StateWaived:
		target.Description = "Not satisfied; an approved exception accepts the risk until it expires."
		risk := b.risk(w, f, fd, obs, wi, n)
		r.Risks = append(r.Risks, risk)
		fd.RelatedRisks = []RelatedRiskUUID{{RiskUUID: risk.UUID}}
	default:
		target.Description = "Not satisfied."
	}
	fd.Target = target
	r.Findings = append(r.Findings, fd)
}

// references lists a finding's framework ids, as the catalog cites them for
// a catalog control, then the references the finding itself gives (the
// report lists each once), which name their framework in words.
func (b *resultsBuilder) references(f Finding, c model.Control, inCatalog bool) []Property {
	var out []Property
	if inCatalog {
		out = frameworkProps(b.m, c)
	}
	for _, ref := range f.References {
		out = append(out, prop("reference", ref))
	}
	return out
}

// risk is the risk a waived finding leaves, accepted by its exception.
func (b *resultsBuilder) risk(w AssessedWorkload, f Finding, fd ResultFinding, obs Observation, wi, n string) Risk {
	justification, approvedBy, expires := waiverTexts(f.Waiver)
	risk := Risk{
		UUID:  NameUUID("risk", wi, w.Name, f.Control, n),
		Title: fmt.Sprintf("Accepted: %s", fd.Title),
		Description: fmt.Sprintf("Control %s of workload %q is not satisfied; the %s side owns it (%s). An exception waives it.",
			f.Control, w.Name, f.Owner, Responsibility(f.Owner)),
		Statement:           justification,
		Props:               nonEmpty([]Property{prop("control", f.Control), prop("owner", f.Owner)}),
		Status:              "deviation-approved",
		RelatedObservations: []RelatedObsUUID{{ObservationUUID: obs.UUID}},
	}
	if f.Waiver == nil {
		risk.Statement = "The exception that waives this finding was not supplied to the report."
		return risk
	}
	if strings.TrimSpace(risk.Statement) == "" {
		risk.Statement = "The exception gives no justification."
	}
	if t, ok := expiry(expires); ok {
		risk.Deadline = t
	}
	if expires != "" {
		risk.Props = append(risk.Props, prop("exception-expires", expires))
	}
	response := Response{
		UUID: NameUUID("response", wi, w.Name, f.Control, n), Lifecycle: "completed",
		Title:       "Risk accepted by exception",
		Description: risk.Statement,
		Props:       nonEmpty([]Property{prop("approved-by", approvedBy)}),
	}
	if expires != "" {
		response.Props = append(response.Props, prop("exception-expires", expires))
	}
	risk.Remediations = []Response{response}
	entry := RiskLogEntry{
		UUID: NameUUID("risk-log-entry", wi, w.Name, f.Control, n), Title: "Deviation approved",
		Description:      "Approved by " + oneLine(approvedBy) + ".",
		Start:            b.stamp,
		StatusChange:     "deviation-approved",
		RelatedResponses: []RelatedResponse{{ResponseUUID: response.UUID}},
	}
	if oneLine(approvedBy) != "" {
		entry.LoggedBy = []LoggedBy{{PartyUUID: b.approver(approvedBy), RoleID: "approver"}}
	}
	if risk.Deadline != "" {
		entry.End = risk.Deadline
	}
	risk.RiskLog = &RiskLog{Entries: []RiskLogEntry{entry}}
	return risk
}

// expiry reads an exception's expiry as OSCAL's date-time: a bare date is
// valid through the end of that day in UTC, as srm_workload reads it.
func expiry(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse("2006-01-02", s); err == nil {
		t = t.Add(24*time.Hour - time.Second)
		out, err := Timestamp(t)
		return out, err == nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		out, err := Timestamp(t)
		return out, err == nil
	}
	return "", false
}
