package evidence

import (
	"embed"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// Table is one cloud's mappings, as stored in data/<cloud>.json.
type Table struct {
	Cloud string `json:"cloud"`
	// Provider and DocsVersion say whose documentation the attribute
	// names, nesting and defaults were read from.
	Provider    string     `json:"provider"`
	DocsVersion string     `json:"docs_version"`
	Resources   []Resource `json:"resources"`
}

// Resource maps one resource type's attributes to controls.
type Resource struct {
	Type string `json:"type"`
	// ServiceModel is how the resource is consumed; it decides who owns a
	// control when the resource is judged on its own (resource_findings).
	ServiceModel string `json:"service_model"`
	// Docs names the documentation page read, e.g.
	// "website/docs/r/db_instance.html.markdown".
	Docs     string    `json:"docs"`
	Mappings []Mapping `json:"mappings"`
}

// Mapping derives one control value from one attribute.
type Mapping struct {
	// ID is stable and unique within the resource type; the finding id is
	// "<type>.<id>", e.g. "aws_db_instance.storage_not_encrypted".
	ID      string `json:"id"`
	Control string `json:"control"`
	// Attribute is the path read: "storage_encrypted",
	// "versioning_configuration[0].status", "rule[*].port"; "" is the
	// whole resource (a firewall rule resource).
	Attribute string `json:"attribute"`
	// Read names the reader that turns the attribute into the control's
	// value (see readers).
	Read string `json:"read"`
	// Values are the matching strings for "equals", "contains" and
	// "not_equals" (compared case-insensitively).
	Values []string `json:"values,omitempty"`
	// Versions maps a provider's TLS policy names to catalog versions for
	// "tls_version" ("TLS1_2" -> "1.2").
	Versions map[string]string `json:"versions,omitempty"`
	// Negate inverts a boolean reading (publicly_accessible = true means
	// network.segmented = false).
	Negate bool `json:"negate,omitempty"`
	// Default is the provider's value when the attribute is unset (null or
	// absent); DefaultSource says where that default is documented. With no
	// default an unset attribute says nothing.
	Default       any    `json:"default,omitempty"`
	DefaultSource string `json:"default_source,omitempty"`
	// PeriodAttribute and PeriodDefault serve "rotation_days": the
	// rotation period beside an enable flag.
	PeriodAttribute string  `json:"period_attribute,omitempty"`
	PeriodDefault   float64 `json:"period_default,omitempty"`
	// When limits the mapping to resources whose attribute matches, e.g.
	// the TLS policy of an HTTPS listener only.
	When *Condition `json:"when,omitempty"`
	// Uses names, for a reading of the whole resource (attribute ""), the
	// top-level attributes the reader looks at. The reader then sees only
	// these, so an unknown computed id does not defer a rule resource's
	// verdict at plan, while an unknown source or port still does.
	Uses []string `json:"uses,omitempty"`
	// Message says, in the resource's own terms, what a violation means;
	// Remediation says what to set. Both are fixed text: never a value.
	Message     string `json:"message"`
	Remediation string `json:"remediation"`
	// Reason explains why the attribute evidences the control.
	Reason string `json:"reason,omitempty"`
	// Peers names the checks of other scanners that judge the same thing
	// ("CKV_AWS_16", "AVD-AWS-0080"), for the coverage guide: ids only.
	Peers []string `json:"peers,omitempty"`
	// SettledBy names mappings of other resource types ("aws_ebs_encryption_
	// by_default.disabled") that decide this one's value when its attribute
	// is unset: a resource of that type in the same workload's evidence
	// settles the reading (see settle).
	SettledBy []string `json:"settled_by,omitempty"`
}

// Condition matches an attribute against values (case-insensitive); a null
// attribute matches Null.
type Condition struct {
	Attribute string   `json:"attribute"`
	Values    []string `json:"values,omitempty"`
	Null      bool     `json:"null,omitempty"`
}

//go:embed data/*.json
var tables embed.FS

// Engine reads resources through the mapping tables. It holds no mutable
// state and is safe for concurrent use.
type Engine struct {
	m      *model.Model
	tables []Table
	byType map[string]*Resource
	types  []string
}

// New loads and validates the embedded tables against a model's catalog.
func New(m *model.Model) (*Engine, error) {
	ts, err := LoadTables()
	if err != nil {
		return nil, err
	}
	return NewFromTables(m, ts)
}

// LoadTables decodes the embedded tables, data/*.json, in file order.
func LoadTables() ([]Table, error) {
	entries, err := tables.ReadDir("data")
	if err != nil {
		return nil, err
	}
	var ts []Table
	for _, e := range entries {
		raw, err := tables.ReadFile("data/" + e.Name())
		if err != nil {
			return nil, err
		}
		var t Table
		dec := json.NewDecoder(strings.NewReader(string(raw)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&t); err != nil {
			return nil, fmt.Errorf("evidence table %s: %w", e.Name(), err)
		}
		ts = append(ts, t)
	}
	return ts, nil
}

// NewFromTables builds an engine over given tables (tests use it for broken
// tables).
func NewFromTables(m *model.Model, ts []Table) (*Engine, error) {
	e := &Engine{m: m, tables: ts, byType: map[string]*Resource{}}
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	for ti := range e.tables {
		t := &e.tables[ti]
		if t.Cloud == "" || t.Provider == "" || t.DocsVersion == "" {
			add("table %d: cloud, provider and docs_version are required", ti)
		}
		for ri := range t.Resources {
			r := &t.Resources[ri]
			if _, dup := e.byType[r.Type]; dup || r.Type == "" {
				add("%s: resource type empty or mapped twice", r.Type)
			}
			e.byType[r.Type] = r
			e.types = append(e.types, r.Type)
			validateResource(m, r, add)
		}
	}
	sort.Strings(e.types)
	e.validateSettlers(add)
	if len(problems) > 0 {
		return nil, fmt.Errorf("evidence tables are invalid:\n  %s", strings.Join(problems, "\n  "))
	}
	return e, nil
}

func validateResource(m *model.Model, r *Resource, add func(string, ...any)) {
	if _, ok := m.ServiceModel(r.ServiceModel); !ok {
		add("%s: unknown service_model %q", r.Type, r.ServiceModel)
	}
	if r.Docs == "" {
		add("%s: docs (the documentation page read) is required", r.Type)
	}
	seen := map[string]bool{}
	for _, mp := range r.Mappings {
		where := r.Type + "." + mp.ID
		if mp.ID == "" || seen[mp.ID] {
			add("%s: mapping id empty or repeated", where)
		}
		seen[mp.ID] = true
		c, ok := m.Control(mp.Control)
		if !ok {
			add("%s: unknown control %q", where, mp.Control)
			continue
		}
		rd, ok := readers[mp.Read]
		if !ok {
			add("%s: unknown reader %q (valid: %s)", where, mp.Read, strings.Join(ReaderNames(), ", "))
			continue
		}
		if !slices.Contains(rd.types, c.Type) {
			add("%s: reader %q yields %v, but %s is of type %s", where, mp.Read, rd.types, c.ID, c.Type)
		}
		if _, ok := parsePath(mp.Attribute); !ok {
			add("%s: attribute path %q is malformed", where, mp.Attribute)
		}
		if mp.Default != nil && mp.DefaultSource == "" {
			add("%s: a default needs default_source", where)
		}
		if mp.Message == "" || mp.Remediation == "" {
			add("%s: message and remediation are required", where)
		}
		if rd.check != nil {
			if err := rd.check(mp); err != nil {
				add("%s: %v", where, err)
			}
		}
		if len(mp.Uses) > 0 && mp.Attribute != "" {
			add("%s: uses applies only to a reading of the whole resource (attribute \"\")", where)
		}
		for _, u := range mp.Uses {
			if s, ok := parsePath(u); !ok || len(s) != 1 || s[0].index != -1 {
				add("%s: uses entry %q is not a top-level attribute name", where, u)
			}
		}
		if mp.When != nil {
			if _, ok := parsePath(mp.When.Attribute); !ok || mp.When.Attribute == "" || strings.Contains(mp.When.Attribute, "[*]") {
				add("%s: when.attribute %q must be a path to one value (no [*])", where, mp.When.Attribute)
			}
		}
		if strings.Contains(mp.PeriodAttribute, "[*]") {
			add("%s: period_attribute %q must be a path to one value (no [*])", where, mp.PeriodAttribute)
		}
	}
}

// Types lists the supported resource types, sorted.
func (e *Engine) Types() []string { return e.types }

// Resource returns the mappings of a resource type.
func (e *Engine) Resource(typ string) (*Resource, bool) {
	r, ok := e.byType[typ]
	return r, ok
}

// Tables returns the loaded tables, for the coverage docs.
func (e *Engine) Tables() []Table { return e.tables }

// UnsupportedTypeError is the error for a name that is no resource type of
// the four providers; it names the nearest real ones.
func (e *Engine) UnsupportedTypeError(typ string) error {
	return fmt.Errorf("%s", unknownTypeText(typ))
}
