// Package finding is the one shape of a finding: what srm_workload's
// `findings` holds, what resource_findings and the detector functions
// return, what srm_report and provider::srm::report read and what the
// report package renders. It knows nothing of Terraform.
//
// Fields is the table every one of those shapes is derived from: a field's
// name, its type, its description, how it is read from a Finding and how it
// is written into one. Adding a field is one entry in Fields (and a struct
// field); the provider builds the schemas, return types and values from the
// table.
//
// Use it through the table, never by listing fields by hand:
//
//	for _, fd := range finding.FieldsOf(finding.ShapeResource) {
//		v := fd.Get(f) // nil (null), string, []string or map[string]string
//		fmt.Println(fd.Name, v)
//	}
//
// and to read a hand-written finding (srm_report's input) from a generic
// value tree:
//
//	var f finding.Finding
//	for _, fd := range finding.Fields {
//		if err := fd.Set(&f, obj[fd.Name]); err != nil { ... }
//	}
package finding

import (
	"fmt"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// Statuses of a finding: the one vocabulary of the evaluator, the resource,
// the functions and the reports.
const (
	// StatusViolated: the control is not satisfied.
	StatusViolated = "violated"
	// StatusWaived: a valid, unexpired exception covers the violation.
	StatusWaived = "waived"
	// StatusDeferred: the value the control needs is not known until apply.
	StatusDeferred = "deferred"
)

// Statuses lists the statuses in their documented order.
var Statuses = []string{StatusViolated, StatusWaived, StatusDeferred}

// Finding is one violated, waived or deferred control, or one detector
// finding (which sets only ID, Severity, Message, Remediation and
// References).
type Finding struct {
	// ID is stable: the control id, for evidence the mapping's id
	// ("aws_db_instance.storage_not_encrypted"), for a detector its rule.
	ID          string   `json:"-"`
	Control     string   `json:"control"`
	Domain      string   `json:"domain"`
	Owner       string   `json:"owner"`
	Severity    string   `json:"severity"`
	Status      string   `json:"status"`
	Message     string   `json:"message"`
	Remediation string   `json:"remediation"`
	References  []string `json:"references"`
	// Resource is the evidence key (or type) of the resource the finding
	// comes from; empty for a declared value.
	Resource string `json:"resource,omitempty"`
	// Attribute is the resource attribute to change ("storage_encrypted",
	// "ingress[1]"); empty for a declared value.
	Attribute string `json:"attribute,omitempty"`
	// Exception is the waiver of a waived finding; nil otherwise, and for a
	// waived finding whose exception was not supplied.
	Exception *Exception `json:"exception"`
}

// Exception is the waiver of a waived finding, as the workload's exceptions
// entry states it.
type Exception struct {
	Justification string `json:"justification"`
	ApprovedBy    string `json:"approved_by"`
	// Expires is as written (a date or an RFC 3339 time).
	Expires string `json:"expires"`
}

// Kind is a field's type.
type Kind int

const (
	// String is a string; Get gives a string, or nil for null.
	String Kind = iota
	// StringList is a list of strings; Get gives a []string, never nil.
	StringList
	// ExceptionObject is an object of ExceptionFields' strings; Get gives a
	// map[string]string, or nil for null.
	ExceptionObject
)

// Shape names the places a field appears in.
type Shape uint8

const (
	// ShapeWorkload is an element of srm_workload's findings, and the input
	// of srm_report: every field.
	ShapeWorkload Shape = 1 << iota
	// ShapeResource is an element of resource_findings' result.
	ShapeResource
	// ShapeDetector is an element of a detector function's result
	// (firewall_findings, secret_findings, ...).
	ShapeDetector
)

const all = ShapeWorkload | ShapeResource | ShapeDetector

// Field is one attribute of a finding object.
type Field struct {
	Name string
	Kind Kind
	// Description documents the attribute where the provider computes it.
	Description string
	// Input documents it where a user writes it (srm_report's findings);
	// "{values}" stands for the list of Values.
	Input string
	// Required in srm_report's input.
	Required bool
	// Values, when set, are the only values srm_report accepts.
	Values func(m *model.Model) []string
	// Shapes says where the field appears.
	Shapes Shape
	// Get reads the field: nil (null), string, []string or
	// map[string]string, as Kind says.
	Get func(f Finding) any
	// Set writes a value of a generic tree (nil, string, []any,
	// map[string]any) into the field.
	Set func(f *Finding, v any) error
}

// ExceptionField is one attribute of the exception object.
type ExceptionField struct {
	Name, Description, Input string
	get                      func(e *Exception) *string
}

// ExceptionFields are the attributes of a waived finding's exception.
var ExceptionFields = []ExceptionField{
	{"justification", "The exception's `justification`.", "Why the waiver is acceptable.",
		func(e *Exception) *string { return &e.Justification }},
	{"approved_by", "The exception's `approved_by`.", "Who approved it.",
		func(e *Exception) *string { return &e.ApprovedBy }},
	{"expires", "The exception's `expires`.", "When the waiver ends, as the exception states it.",
		func(e *Exception) *string { return &e.Expires }},
}

// FieldsOf returns the fields of one shape, in table order.
func FieldsOf(s Shape) []Field {
	var out []Field
	for _, f := range Fields {
		if f.Shapes&s != 0 {
			out = append(out, f)
		}
	}
	return out
}

// Names returns the names of fields.
func Names(fields []Field) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = f.Name
	}
	return out
}

// str is a string field that is never null.
func str(get func(*Finding) *string) (func(Finding) any, func(*Finding, any) error) {
	return func(f Finding) any { return *get(&f) },
		func(f *Finding, v any) error { return setString(get(f), v) }
}

// nullable is a string field that is null when empty.
func nullable(get func(*Finding) *string) (func(Finding) any, func(*Finding, any) error) {
	return func(f Finding) any {
			if s := *get(&f); s != "" {
				return s
			}
			return nil
		},
		func(f *Finding, v any) error { return setString(get(f), v) }
}

func setString(dst *string, v any) error {
	switch t := v.(type) {
	case nil:
		*dst = ""
	case string:
		*dst = t
	default:
		return fmt.Errorf("must be a string")
	}
	return nil
}

// field is a string field of the table: get points at its value in a
// Finding and rw turns that into the field's accessors.
func field(name string, shapes Shape, desc, input string, rw func(func(*Finding) *string) (func(Finding) any, func(*Finding, any) error), get func(*Finding) *string) Field {
	g, s := rw(get)
	return Field{Name: name, Kind: String, Shapes: shapes, Description: desc, Input: input, Get: g, Set: s}
}

// Fields is the table: the order is the order of documentation.
var Fields = []Field{
	field("id", all,
		"Stable finding id: the control id, or for evidence the mapping's id (`aws_db_instance.storage_not_encrypted`).",
		"The workload finding's stable id; accepted so `findings = srm_workload.x.findings` fits, not rendered.",
		str, func(f *Finding) *string { return &f.ID }),
	required(field("control", ShapeWorkload|ShapeResource, "Control id.",
		"Control id, e.g. `encryption.at_rest`. Ids outside the catalog are accepted when `domain` is set.",
		str, func(f *Finding) *string { return &f.Control })),
	withValues(field("domain", ShapeWorkload|ShapeResource, "The control's domain.",
		"The control's domain: {values}. Unset means the catalog's domain of `control`.",
		str, func(f *Finding) *string { return &f.Domain }), (*model.Model).DomainIDs),
	withValues(field("owner", ShapeWorkload|ShapeResource,
		"Who owns the domain under `service_model`: `customer` or `shared`.",
		"Who owns the domain: {values}. Unset means the matrix's owner of `domain` under the workload's `service_model`.",
		str, func(f *Finding) *string { return &f.Owner }), func(*model.Model) []string { return model.Owners }),
	withValues(field("severity", all, "`critical`, `high`, `medium` or `low`.",
		"Severity: {values}. Unset means the catalog's severity of `control`.",
		str, func(f *Finding) *string { return &f.Severity }), func(*model.Model) []string { return model.Severities }),
	required(withValues(field("status", ShapeWorkload|ShapeResource,
		"`violated`, `waived` (by an exception) or `deferred` (value unknown until apply).",
		"`violated` (the control is not satisfied), `waived` (an approved exception covers it) or `deferred` (its value is not known until apply).",
		str, func(f *Finding) *string { return &f.Status }), func(*model.Model) []string { return Statuses })),
	field("message", all, "What is wrong and what would satisfy the control.",
		"What is wrong and what would satisfy the control. Any text; line breaks and Markdown characters are escaped in the Markdown report.",
		str, func(f *Finding) *string { return &f.Message }),
	field("remediation", all, "How to fix it.", "How to fix it. Any text.",
		str, func(f *Finding) *string { return &f.Remediation }),
	{Name: "references", Kind: StringList, Shapes: all, Description: "Framework references.",
		Input: "Framework references, e.g. `NIST SP 800-53 Rev. 5 SC-28`. Any strings, listed in the given order; a repeated one is listed once.",
		Get: func(f Finding) any {
			if f.References == nil {
				return []string{}
			}
			return f.References
		},
		Set: setReferences},
	// resource_findings judges one resource, so resource and attribute are
	// always set there; the resource names it by type.
	field("resource", ShapeWorkload,
		"The evidence key of the resource the finding comes from; null for a declared value.",
		"For a finding from evidence, the resource it comes from; the message already names it.",
		nullable, func(f *Finding) *string { return &f.Resource }),
	field("attribute", ShapeWorkload|ShapeResource,
		"The resource attribute to change (`storage_encrypted`, `ingress[1]`); null for a declared value.",
		"For a finding from evidence, the resource attribute to change; the message already names it.",
		nullable, func(f *Finding) *string { return &f.Attribute }),
	{Name: "exception", Kind: ExceptionObject, Shapes: ShapeWorkload,
		Description: "The waiver behind a `waived` finding (`justification`, `approved_by`, `expires`); null otherwise.",
		Input: "For a `waived` finding, the exception that waives it (the `srm_workload` `exceptions` entry): the " +
			"Markdown report shows it in the finding's Exception cell, JSON as the finding's `exception` object, SARIF as the " +
			"result's suppression (`justification`, with `approved_by` and `expires` in its properties). Null for other statuses.",
		Get: func(f Finding) any {
			if f.Exception == nil {
				return nil
			}
			out := make(map[string]string, len(ExceptionFields))
			for _, ef := range ExceptionFields {
				out[ef.Name] = *ef.get(f.Exception)
			}
			return out
		},
		Set: setException},
}

func required(f Field) Field { f.Required = true; return f }

func withValues(f Field, values func(*model.Model) []string) Field { f.Values = values; return f }

func setReferences(f *Finding, v any) error {
	f.References = nil
	switch t := v.(type) {
	case nil:
		return nil
	case []any:
		for i, e := range t {
			switch s := e.(type) {
			case nil:
			case string:
				f.References = append(f.References, s)
			default:
				return fmt.Errorf("[%d] must be a string", i)
			}
		}
		return nil
	}
	return fmt.Errorf("must be a list of strings")
}

func setException(f *Finding, v any) error {
	f.Exception = nil
	switch t := v.(type) {
	case nil:
		return nil
	case map[string]any:
		e := &Exception{}
		for _, ef := range ExceptionFields {
			if err := setString(ef.get(e), t[ef.Name]); err != nil {
				return fmt.Errorf(".%s %w", ef.Name, err)
			}
		}
		f.Exception = e
		return nil
	}
	return fmt.Errorf("must be an object { justification, approved_by, expires }")
}
