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
	// GroupOmitted is set when the whole group block is absent, so messages
	// and diagnostics can point at the block rather than the attribute.
	GroupOmitted bool
}

// KnownBool, KnownNumber and KnownString build known values tersely.
func KnownBool(b bool) Value        { return Value{State: Known, Bool: b} }
func KnownNumber(n float64) Value   { return Value{State: Known, Number: n} }
func KnownString(s string) Value    { return Value{State: Known, String: s} }
func KnownStrings(s []string) Value { return Value{State: Known, Strings: s} }

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
	Baseline   string
	Custom     *CustomBaseline
	Values     map[string]Value
	Exceptions []Exception
	// ExceptionsUnknown defers every violation: a waiver may still appear.
	ExceptionsUnknown bool
	Now               time.Time
}

// Finding statuses.
const (
	StatusViolated = "violated"
	StatusWaived   = "waived"
	StatusDeferred = "deferred"
)

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
}

// Notice is a problem with an exception entry.
type Notice struct {
	Error   bool
	Index   int    // exceptions[Index]
	Field   string // "control" or "expires"
	Summary string
	Detail  string
}

// Result is the evaluation of one workload.
type Result struct {
	CustomerDomains  []string
	ProviderDomains  []string
	SharedDomains    []string
	RequiredControls []string
	Findings         []Finding
	Notices          []Notice
	// Deferred lists the controls whose values are not known yet.
	Deferred  []string
	Compliant bool
}
