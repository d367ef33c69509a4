package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"

	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// SARIF identifiers. The tool's information URI is the project's repository.
const (
	SARIFVersion       = "2.1.0"
	SARIFSchemaURI     = "https://json.schemastore.org/sarif-2.1.0.json"
	ToolName           = "terraform-provider-srm"
	ToolInformationURI = "https://github.com/shared-responsibility/terraform-provider-srm"
	// FingerprintKey names the partial fingerprint that identifies a finding
	// across runs: its workload, its control and its position among that
	// workload's findings of the same control.
	FingerprintKey = "srmFinding/v1"
)

// SARIF result levels (SARIF 2.1.0 §3.27.10).
const (
	LevelError   = "error"
	LevelWarning = "warning"
	LevelNote    = "note"
	LevelNone    = "none"
)

// SARIF result kinds (SARIF 2.1.0 §3.27.9) that this package writes.
// "fail" is a problem whose severity is the level; "open" means the rule
// was evaluated but there was not enough information to decide whether a
// problem exists, which is what a deferred control is at plan.
const (
	KindFail = "fail"
	KindOpen = "open"
)

// Levels lists the SARIF levels.
var Levels = []string{LevelNone, LevelNote, LevelWarning, LevelError}

// The SARIF objects this package writes: a subset of the 2.1.0 schema, with
// only the properties that schema defines (its objects allow no others,
// except inside property bags).

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name string `json:"name"`
	// Version is the provider's (or srm's) version; SARIF 2.1.0 §3.19.13
	// lets it be any string.
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifText          `json:"shortDescription"`
	FullDescription      sarifText          `json:"fullDescription"`
	Help                 *sarifText         `json:"help,omitempty"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           sarifRuleProps     `json:"properties"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags []string `json:"tags"`
	// SecuritySeverity is GitHub code scanning's 0.0–10.0 score for rules
	// tagged "security": over 9.0 is critical, 7.0–8.9 high, 4.0–6.9
	// medium, 0.1–3.9 low (GitHub Docs, "SARIF support for code scanning").
	SecuritySeverity string `json:"security-severity"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Kind                string             `json:"kind"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          sarifResultProps   `json:"properties"`
}

// sarifResultProps is a result's property bag: the finding's fields that
// SARIF has no property for, so that a result says all that the Markdown
// and JSON reports say of the finding (the waiver is in its suppression).
type sarifResultProps struct {
	Workload     string   `json:"workload"`
	ServiceModel string   `json:"service_model"`
	Baseline     string   `json:"baseline,omitempty"`
	Status       string   `json:"status"`
	Severity     string   `json:"severity"`
	Domain       string   `json:"domain"`
	Owner        string   `json:"owner"`
	Remediation  string   `json:"remediation,omitempty"`
	References   []string `json:"references"`
}

type sarifLocation struct {
	PhysicalLocation *sarifPhysicalLocation `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	// Region is absent when the line is not known: SARIF 2.1.0 §3.29.4
	// makes it optional, and a wrong line would send a reader to the
	// wrong block.
	Region *sarifRegion `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
}

type sarifLogicalLocation struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
}

// sarifSuppression is a waived finding's suppression (SARIF 2.1.0 §3.35):
// kind "external" because the waiver lives in the workload's exceptions,
// not in the analysed file (§3.35.2); status "accepted" because only an
// approved, unexpired exception waives (§3.35.3); the justification as the
// user wrote it (§3.35.6), and the approver and expiry, for which SARIF has
// no property, in its property bag.
type sarifSuppression struct {
	Kind          string                 `json:"kind"`
	Status        string                 `json:"status"`
	Justification string                 `json:"justification,omitempty"`
	Properties    *sarifSuppressionProps `json:"properties,omitempty"`
}

type sarifSuppressionProps struct {
	ApprovedBy string `json:"approved_by"`
	Expires    string `json:"expires"`
}

// severityLevel maps a finding severity to the SARIF level of a violation.
func severityLevel(severity string) string {
	switch severity {
	case "critical", "high":
		return LevelError
	case "low":
		return LevelNote
	}
	return LevelWarning
}

// securitySeverity maps a severity to a GitHub security-severity score in
// the middle of its band.
func securitySeverity(severity string) string {
	switch severity {
	case "critical":
		return "9.5"
	case "high":
		return "8.0"
	case "low":
		return "3.0"
	}
	return "5.5"
}

// ResultKind is the SARIF kind of a finding: "open" for a deferred one (its
// value is not known yet, so whether it fails cannot be decided), "fail"
// for a violated or waived one (a waiver suppresses a failure; it does not
// make it pass).
func ResultKind(f Finding) string {
	if f.Status == finding.StatusDeferred {
		return KindOpen
	}
	return KindFail
}

// ResultLevel is the SARIF level of a finding. A failing result's level
// follows its severity (critical and high are errors, medium warnings, low
// notes), whether violated or waived; a deferred result is "none", the only
// level SARIF 2.1.0 §3.27.10 allows when the kind is not "fail".
func ResultLevel(f Finding) string {
	if ResultKind(f) != KindFail {
		return LevelNone
	}
	return severityLevel(f.Severity)
}

// RuleName turns a control id into the rule's user-facing name:
// "encryption.at_rest" becomes "EncryptionAtRest".
func RuleName(id string) string {
	var b strings.Builder
	upper := true
	for _, r := range id {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			upper = true
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
			upper = false
		}
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		return "Control"
	}
	return b.String()
}

// SARIF renders the report as a SARIF 2.1.0 log with one run. The driver
// has one rule per control that has a finding (catalog controls in catalog
// order, then any other ids in order of appearance), and every finding is
// one result: violated ones of kind "fail" at their severity's level,
// waived ones the same with an accepted external suppression that carries
// the exception, deferred ones of kind "open" at level "none". Each result
// names its workload in a logical location, and a physical one: the
// workload's own File and Line where the report has them, else
// Report.ArtifactURI with no region (the line of the block is not known,
// and line 1 would be wrong). The driver carries Report.ToolVersion.
func SARIF(m *model.Model, r *Report) (string, error) {
	r = r.prepared()
	rules, index := sarifRules(m, r)
	results := []sarifResult{}
	for _, w := range r.Workloads {
		seen := map[string]int{}
		for _, f := range w.Findings {
			occurrence := seen[f.Control]
			seen[f.Control]++
			results = append(results, sarifResultOf(w, f, index[f.Control], occurrence, physicalLocation(w, r.ArtifactURI)))
		}
	}
	return encode(sarifLog{
		Schema:  SARIFSchemaURI,
		Version: SARIFVersion,
		Runs: []sarifRun{{
			Tool:    sarifTool{Driver: sarifDriver{Name: ToolName, Version: r.ToolVersion, InformationURI: ToolInformationURI, Rules: rules}},
			Results: results,
		}},
	})
}

// sarifRules builds the rules and the index of each control id among them.
// A rule's help lists the references of all its findings, each once.
func sarifRules(m *model.Model, r *Report) ([]sarifRule, map[string]int) {
	first := map[string]Finding{}
	var extra []string
	for _, w := range r.Workloads {
		for _, f := range w.Findings {
			if seen, ok := first[f.Control]; ok {
				seen.References = model.UniqueReferences(seen.References, f.References)
				first[f.Control] = seen
				continue
			}
			first[f.Control] = f
			if _, known := m.Control(f.Control); !known {
				extra = append(extra, f.Control)
			}
		}
	}
	var ids []string
	for _, id := range m.ControlIDs() {
		if _, ok := first[id]; ok {
			ids = append(ids, id)
		}
	}
	ids = append(ids, extra...)

	rules := make([]sarifRule, 0, len(ids))
	index := make(map[string]int, len(ids))
	for i, id := range ids {
		index[id] = i
		rules = append(rules, sarifRuleOf(m, id, first[id]))
	}
	return rules, index
}

func sarifRuleOf(m *model.Model, id string, seen Finding) sarifRule {
	c, known := m.Control(id)
	if !known {
		c = model.Control{
			ID: id, Domain: seen.Domain, Severity: seen.Severity, Remediation: seen.Remediation,
			Title:       "Control " + id,
			Description: "Control " + id + " is not in this provider's control catalog; its findings were supplied by hand.",
		}
	}
	rule := sarifRule{
		ID:                   id,
		Name:                 RuleName(id),
		ShortDescription:     sarifText{Text: c.Title},
		FullDescription:      sarifText{Text: c.Description},
		DefaultConfiguration: sarifConfiguration{Level: severityLevel(c.Severity)},
		Properties:           sarifRuleProps{Tags: []string{"security"}, SecuritySeverity: securitySeverity(c.Severity)},
	}
	if c.Domain != "" {
		rule.Properties.Tags = append(rule.Properties.Tags, c.Domain)
	}
	if help := ruleHelp(c, seen.References); help != "" {
		rule.Help = &sarifText{Text: help}
	}
	return rule
}

func ruleHelp(c model.Control, refs []string) string {
	var parts []string
	if c.Remediation != "" {
		parts = append(parts, c.Remediation)
	}
	if len(refs) > 0 {
		parts = append(parts, "References: "+strings.Join(refs, "; ")+".")
	}
	return strings.Join(parts, " ")
}

// physicalLocation is where a workload's results point: its own file (and
// line, when known), else the report's artifact with no region; nil when
// neither is set.
func physicalLocation(w Workload, artifactURI string) *sarifPhysicalLocation {
	uri := w.File
	if uri == "" {
		uri = artifactURI
	}
	if uri == "" {
		return nil
	}
	loc := &sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: uri}}
	if w.File != "" && w.Line > 0 {
		loc.Region = &sarifRegion{StartLine: w.Line}
	}
	return loc
}

func sarifResultOf(w Workload, f Finding, ruleIndex, occurrence int, phys *sarifPhysicalLocation) sarifResult {
	text := fmt.Sprintf("%s: %s", w.Name, f.Message)
	if strings.TrimSpace(f.Message) == "" {
		text = fmt.Sprintf("%s: control %s is %s.", w.Name, f.Control, f.Status)
	}
	loc := sarifLocation{PhysicalLocation: phys, LogicalLocations: []sarifLogicalLocation{{Name: w.Name, Kind: "resource"}}}
	res := sarifResult{
		RuleID:              f.Control,
		RuleIndex:           ruleIndex,
		Kind:                ResultKind(f),
		Level:               ResultLevel(f),
		Message:             sarifText{Text: text},
		Locations:           []sarifLocation{loc},
		PartialFingerprints: map[string]string{FingerprintKey: fingerprint(w.Name, f.Control, occurrence)},
		Properties: sarifResultProps{
			Workload: w.Name, ServiceModel: w.ServiceModel, Baseline: w.Baseline, Status: f.Status,
			Severity: f.Severity, Domain: f.Domain, Owner: f.Owner, Remediation: f.Remediation, References: f.References,
		},
	}
	if f.Status == finding.StatusWaived {
		s := sarifSuppression{Kind: "external", Status: "accepted"}
		if e := f.Exception; e != nil {
			s.Justification = e.Justification
			s.Properties = &sarifSuppressionProps{ApprovedBy: e.ApprovedBy, Expires: e.Expires}
		}
		res.Suppressions = []sarifSuppression{s}
	}
	return res
}

func fingerprint(workload, control string, occurrence int) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%s\x00%d", workload, control, occurrence)))
	return hex.EncodeToString(sum[:16])
}
