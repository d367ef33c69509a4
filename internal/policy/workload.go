// Package policy decides which customer controls a workload must satisfy and
// whether it does. It knows nothing of Terraform: the provider translates a
// planned srm_workload into a Workload and the Result back into plan values
// and diagnostics.
package policy

import (
	"time"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
)

// State says whether a configured value is absent, known or not yet known.
type State int

const (
	Null State = iota
	Known
	Unknown
)

// Value is one control's configured value. Only the field that matches the
// control's type is read.
type Value struct {
	State   State
	Bool    bool
	Number  float64
	String  string
	Strings []string
	Rules   []detect.FirewallRule
	// RuleOrigin gives, for each rule, the index of the input element it
	// came from (one element may yield several rules).
	RuleOrigin []int
	// GroupOmitted is set when the whole group block is absent, so messages
	// and diagnostics can point at the block rather than the attribute.
	GroupOmitted bool
}

// KnownBool, KnownNumber and KnownString build known values tersely.
func KnownBool(b bool) Value        { return Value{State: Known, Bool: b} }
func KnownNumber(n float64) Value   { return Value{State: Known, Number: n} }
func KnownString(s string) Value    { return Value{State: Known, String: s} }
func KnownStrings(s []string) Value { return Value{State: Known, Strings: s} }

// Evidence is one control value derived from a real resource's planned
// values: it fills a control the author did not declare, and it is checked
// even when the author declared one, so a declaration cannot hide it.
type Evidence struct {
	// Source names the resource: its address in srm_workload's evidence,
	// its type when the resource is judged alone.
	Source string
	// Key is the srm_workload evidence entry the value came from (several
	// instances of a for_each resource share one), empty when the resource
	// is judged alone: diagnostics point at its line.
	Key  string
	Type string
	// Check is the mapping's stable id, "aws_db_instance.storage_not_encrypted".
	Check   string
	Control string
	// Attribute is the resource attribute to change: "storage_encrypted",
	// "ingress[0]".
	Attribute string
	// Value is Null when the resource says nothing about the control.
	Value Value
	// Shown is what was judged, safe to print: a boolean, a number, an enum
	// the mapping knows; never a string taken from the resource.
	Shown string
	// Defaulted is set when the attribute is unset and the value is the
	// provider's documented default.
	Defaulted   bool
	Message     string
	Remediation string
}

// Exception waives a control's violation until it expires.
type Exception struct {
	Control       string
	Justification string
	ApprovedBy    string
	Expires       string
}

// Workload is everything the evaluator needs about one srm_workload.
type Workload struct {
	Name           string
	ServiceModel   string
	Classification string
	// Baseline is a preset id; Custom, when set, replaces it.
	Baseline string
	Custom   *CustomBaseline
	Values   map[string]Value
	Evidence []Evidence
	// EvidenceOnly judges only the controls that evidence speaks to, as
	// resource_findings does for one resource on its own.
	EvidenceOnly bool
	Exceptions   []Exception
	// ExceptionsUnknown defers every violation: a waiver may still appear.
	ExceptionsUnknown bool
	Now               time.Time
}

// Finding is one control that the workload's baseline requires and that is
// violated, waived or not yet known.
type Finding struct {
	Control     string
	Domain      string
	Owner       string
	Severity    string
	Status      string
	Message     string
	Remediation string
	References  []string
	// Path is the attribute the finding is about: "encryption.at_rest",
	// "encryption" when the group is omitted, "network.ingress_rules[2]".
	Path string
	// Detail is the full diagnostic text: workload, domain, owner and why,
	// what would satisfy the control, and references.
	Detail string
	// Check is the detector finding id ("firewall.world_open_admin_port"),
	// empty for a plain control.
	Check string
	// Evidence is set when the finding comes from a resource's values.
	Evidence *Evidence
	// EvidenceAttribute is the resource attribute the finding is about,
	// more precise than Evidence.Attribute for a detector finding
	// ("ingress[2]").
	EvidenceAttribute string
}

// Notice is a problem with an exception entry.
type Notice struct {
	Error   bool
	Index   int    // exceptions[Index]
	Field   string // "control" or "expires"
	Summary string
	Detail  string
	// Expired marks the notice of an exception past its expiry, which the
	// provider's expired_exceptions setting can make fail every plan.
	Expired bool
}

// Result is the evaluation of one workload.
type Result struct {
	RequiredControls []string
	Findings         []Finding
	Notices          []Notice
	// Deferred lists the controls whose values are not known yet.
	Deferred  []string
	Compliant bool
	// ClockDependent is set when the verdict depends on the time it was
	// made: an exception that waives (or, expired, no longer waives) a
	// violation, or a patch date judged against today. Such a verdict may
	// differ between a saved plan and its apply.
	ClockDependent bool
}
