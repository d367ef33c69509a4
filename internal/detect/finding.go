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
	References  []string // e.g. "NIST SP 800-53 r5 SC-7", "CIS Controls v8 4.4"
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
// and 4) appear here.
const (
	refNISTAC6      = "NIST SP 800-53 r5 AC-6"
	refNISTSC7      = "NIST SP 800-53 r5 SC-7"
	refNISTSC75     = "NIST SP 800-53 r5 SC-7(5)"
	refNISTCM7      = "NIST SP 800-53 r5 CM-7"
	refNISTIA5      = "NIST SP 800-53 r5 IA-5"
	refNISTIA51     = "NIST SP 800-53 r5 IA-5(1)"
	refNISTSI2      = "NIST SP 800-53 r5 SI-2"
	refCISv8FW      = "CIS Controls v8 4.4"
	refCISv8RBAC    = "CIS Controls v8 6.8"
	refCISv8Patch   = "CIS Controls v8 7.3"
	refCISAWSSGv4   = "CIS AWS Foundations v5.0 5.3"
	refCISAWSSGv6   = "CIS AWS Foundations v5.0 5.4"
	refISOAccess    = "ISO/IEC 27001:2022 A.5.15"
	refISOPrivilege = "ISO/IEC 27001:2022 A.8.2"
	refISOAuthInfo  = "ISO/IEC 27001:2022 A.5.17"
	refPCIPatch     = "PCI DSS v4.0 6.3.3"
)

// refs returns a fresh slice so callers may modify a finding's references
// without touching another finding's.
func refs(r ...string) []string {
	return append([]string(nil), r...)
}

// quoteList renders values as a comma-separated list of Go-quoted strings.
func quoteList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, ", ")
}

// clip shortens user-supplied labels (Sids, sources) so a hostile input
// cannot turn a message into a wall of text.
func clip(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && s[cut]&0xC0 == 0x80 { // do not split a UTF-8 sequence
		cut--
	}
	return s[:cut] + "…"
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
		return fmt.Sprintf("a string (%q)", clip(t, 40))
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
		return strconv.Quote(clip(t, 40))
	case float64:
		return strconv.FormatFloat(t, 'g', -1, 64)
	case nil:
		return "null"
	case bool, int, int64, int32, json.Number:
		return fmt.Sprint(t)
	}
	return describe(v)
}
