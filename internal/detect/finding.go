package detect

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Finding is one detected problem. Never contains a secret value.
type Finding struct {
	ID          string   // stable id, e.g. "firewall.world_open_admin_port"
	Severity    string   // "critical", "high", "medium" or "low"
	Message     string   // one sentence naming what is wrong and where
	Remediation string   // one sentence saying what would be right
	References  []string // e.g. "NIST SP 800-53 Rev. 5 SC-7", "CIS Controls v8 4.4"
	Index       int      // 0-based index of the input element (rule, statement); -1 when not applicable
	Line        int      // 1-based line for text findings (secrets); 0 otherwise
}

// Severity values, most severe first.
const (
	SeverityCritical = "critical"
	SeverityHigh     = "high"
	SeverityMedium   = "medium"
	SeverityLow      = "low"
)

// Control references used by the detectors. Only controls verified in the
// project's reference notes (responsibility-matrix-sources.md, sections 3
// and 4) appear here. Each is spelled as the model's Reference renders it
// (framework name from the catalog, a space, the id), so a detector's
// reference and the catalog's are one string; a test checks it.
const (
	refNISTAC6      = "NIST SP 800-53 Rev. 5 AC-6"
	refNISTSC7      = "NIST SP 800-53 Rev. 5 SC-7"
	refNISTSC75     = "NIST SP 800-53 Rev. 5 SC-7(5)"
	refNISTCM7      = "NIST SP 800-53 Rev. 5 CM-7"
	refNISTIA5      = "NIST SP 800-53 Rev. 5 IA-5"
	refNISTIA51     = "NIST SP 800-53 Rev. 5 IA-5(1)"
	refNISTSI2      = "NIST SP 800-53 Rev. 5 SI-2"
	refCISv8FW      = "CIS Controls v8 4.4"
	refCISv8RBAC    = "CIS Controls v8 6.8"
	refCISv8Patch   = "CIS Controls v8 7.3"
	refCISAWSSGv4   = "CIS AWS Foundations v5.0 5.3"
	refCISAWSSGv6   = "CIS AWS Foundations v5.0 5.4"
	refISOAccess    = "ISO/IEC 27001:2022 Annex A A.5.15"
	refISOPrivilege = "ISO/IEC 27001:2022 Annex A A.8.2"
	refISOAuthInfo  = "ISO/IEC 27001:2022 Annex A A.5.17"
	refPCIPatch     = "PCI DSS v4.0.1 6.3.3"
)

// OtherFrameworks names the frameworks the detectors cite that the control
// catalog does not list; every other reference is in the catalog's
// spelling.
var OtherFrameworks = []string{"CIS AWS Foundations v5.0"}

// refs returns a fresh slice so callers may modify a finding's references
// without touching another finding's.
func refs(r ...string) []string {
	return append([]string(nil), r...)
}

// FindingKind documents one finding id a detector can return. Each detector
// keeps a table of them; the function docs are generated from the tables and
// the tests check that every finding a detector returns is listed there.
type FindingKind struct {
	ID         string   // e.g. "firewall.world_open_admin_port"
	Severities []string // the severities it can carry, most severe first
	Meaning    string   // one sentence saying what the finding means
}

// MaxFindings bounds the findings one call returns. Past it, one last
// finding (id "<family>.more_findings") says how many were left out and
// carries the most severe of their severities, so a hostile input cannot
// turn the result into millions of objects.
const MaxFindings = 1000

// severityRank orders severities, most severe first.
func severityRank(s string) int {
	switch s {
	case SeverityCritical:
		return 0
	case SeverityHigh:
		return 1
	case SeverityMedium:
		return 2
	case SeverityLow:
		return 3
	}
	return 4
}

// collector gathers a detector's findings up to MaxFindings and counts the
// rest. Detectors check room() before building a finding's text, so the work
// past the cap is only counting.
type collector struct {
	family string // "secret", "iam", ...
	out    []Finding
	more   int
	worst  string // most severe left-out severity
	first  int    // Index of the first left-out finding
	line   int    // Line of the first left-out finding
}

func newCollector(family string) *collector { return &collector{family: family} }

func (c *collector) room() bool { return len(c.out) < MaxFindings }

func (c *collector) add(f Finding) {
	if c.room() {
		c.out = append(c.out, f)
		return
	}
	c.omit(f.Severity, f.Index, f.Line)
}

// omit counts a finding that is not built because the cap is reached.
func (c *collector) omit(severity string, index, line int) {
	if c.more == 0 || severityRank(severity) < severityRank(c.worst) {
		c.worst = severity
	}
	if c.more == 0 {
		c.first, c.line = index, line
	}
	c.more++
}

// result returns the findings, ending with the "and N more" finding when
// any were left out.
func (c *collector) result() []Finding {
	if c.more == 0 {
		return c.out
	}
	where := ""
	switch {
	case c.line > 0:
		where = fmt.Sprintf(", the first on line %d", c.line)
	case c.first >= 0:
		where = fmt.Sprintf(", the first at element %d", c.first)
	}
	return append(c.out, Finding{
		ID:       c.family + ".more_findings",
		Severity: c.worst,
		Message: fmt.Sprintf("… and %d more findings not listed (the result stops at %d)%s.",
			c.more, MaxFindings, where),
		Remediation: "Fix the findings listed, then run the check again to see the rest.",
		References:  refs(moreFindingsRefs[c.family]...),
		Index:       -1,
		Line:        0,
	})
}

// moreFindingsKind documents the "and N more" finding of a family.
func moreFindingsKind(family string) FindingKind {
	return FindingKind{
		ID:         family + ".more_findings",
		Severities: []string{SeverityCritical, SeverityHigh, SeverityMedium, SeverityLow},
		Meaning: fmt.Sprintf("More than %d findings: the last element says how many more were left out and "+
			"carries the most severe of their severities.", MaxFindings),
	}
}

// moreFindingsRefs gives the "and N more" finding the references of its
// family.
var moreFindingsRefs = map[string][]string{
	"firewall": {refNISTSC7, refCISv8FW},
	"iam":      {refNISTAC6, refCISv8RBAC, refISOPrivilege},
	"bucket":   {refNISTAC6, refNISTSC7, refISOAccess},
	"secret":   {refNISTIA5, refISOAuthInfo},
	"patch":    {refNISTSI2, refCISv8Patch, refPCIPatch},
}

// listText joins table values with commas, at most limit of them, then
// "and N more".
func listText(values []string, limit int) string {
	n := min(len(values), limit)
	s := strings.Join(values[:n], ", ")
	if len(values) > n {
		s += fmt.Sprintf(" and %d more", len(values)-n)
	}
	return s
}

// hintLen is the most of any user-supplied string a message may show: a
// string could be a secret, and no output may hold more than four of its
// characters.
const hintLen = 4

// quoteInput renders a user-supplied string for a message. Strings made
// only of digits and the separators of numbers, addresses, ranges and dates
// ("0.0.0.0/33", "3389-22", "01/02/2026") are quoted whole, up to 45
// characters, since they identify the value and cannot hide a credential.
// Anything else shows at most its first four printable ASCII characters,
// then "…".
func quoteInput(s string) string {
	if len(s) <= 45 && numericShape(s) {
		return strconv.Quote(s)
	}
	return strconv.Quote(inputHint(s))
}

// inputHint returns at most hintLen leading printable ASCII characters of
// s, with "…" when anything was cut.
func inputHint(s string) string {
	i := 0
	for i < len(s) && i < hintLen && s[i] >= ' ' && s[i] < 0x7f {
		i++
	}
	if i == len(s) {
		return s
	}
	return s[:i] + "…"
}

func numericShape(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isDigit(c) && strings.IndexByte("./:- +TZ", c) < 0 {
			return false
		}
	}
	return true
}

// ---- decoded-value helpers shared by the detectors ----

// toInt converts the numeric shapes decoders produce (and numeric strings)
// to an integer; non-integral or non-finite values are rejected.
func toInt(v any) (int64, bool) {
	switch t := v.(type) {
	case int:
		return int64(t), true
	case int8:
		return int64(t), true
	case int16:
		return int64(t), true
	case int32:
		return int64(t), true
	case int64:
		return t, true
	case uint:
		return uintToInt(uint64(t))
	case uint8:
		return int64(t), true
	case uint16:
		return int64(t), true
	case uint32:
		return int64(t), true
	case uint64:
		return uintToInt(t)
	case float32:
		return floatToInt(float64(t))
	case float64:
		return floatToInt(t)
	case json.Number:
		if n, err := t.Int64(); err == nil {
			return n, true
		}
		if f, err := t.Float64(); err == nil {
			return floatToInt(f)
		}
	case string:
		if n, err := strconv.ParseInt(strings.TrimSpace(t), 10, 64); err == nil {
			return n, true
		}
	}
	return 0, false
}

func uintToInt(u uint64) (int64, bool) {
	if u > math.MaxInt64 {
		return 0, false
	}
	return int64(u), true
}

func floatToInt(f float64) (int64, bool) {
	// The bounds keep the conversion defined; ports are tiny anyway.
	if f != math.Trunc(f) || f < -1e15 || f > 1e15 {
		return 0, false
	}
	return int64(f), true
}

func isList(v any) bool {
	switch v.(type) {
	case []any, []string:
		return true
	}
	return false
}

// describe names a decoded value's kind for error messages.
func describe(v any) string {
	switch t := v.(type) {
	case nil:
		return "null"
	case string:
		return "a string (" + quoteInput(t) + ")"
	case bool:
		return "a boolean"
	case []any, []string, []map[string]any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	if _, ok := toInt(v); ok {
		return "a number"
	}
	switch v.(type) {
	case float32, float64, json.Number:
		return "a number"
	}
	return fmt.Sprintf("a %T", v)
}

// show renders a value inside an error message.
func show(v any) string {
	switch t := v.(type) {
	case string:
		return quoteInput(t)
	case float64:
		return strconv.FormatFloat(t, 'g', -1, 64)
	case nil:
		return "null"
	case bool, int, int64, int32, json.Number:
		return fmt.Sprint(t)
	}
	return describe(v)
}
