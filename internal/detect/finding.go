package detect

import (
	"fmt"
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
func clip(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && s[cut]&0xC0 == 0x80 { // do not split a UTF-8 sequence
		cut--
	}
	return s[:cut] + "…"
}
