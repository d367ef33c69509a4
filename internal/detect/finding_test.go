package detect

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// fake builds a deterministic pseudo-random string of n characters from
// alphabet. Test secrets are generated rather than written out so that no
// real-looking credential sits in the repository (and secret scanners on
// the repository stay quiet).
func fake(seed uint32, n int, alphabet string) string {
	b := make([]byte, n)
	x := seed*2654435761 + 1
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = alphabet[x%uint32(len(alphabet))]
	}
	return string(b)
}

const (
	alnum    = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	upperNum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b64chars = alnum + "+/"
	hexChars = "0123456789abcdef"
)

func ids(fs []Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.ID
	}
	return out
}

// checkFindingShape asserts the invariants every finding must keep,
// including that its id and severity are documented in a kinds table.
var referenceModel = model.Default()

func checkFindingShape(t testing.TB, fs []Finding) {
	t.Helper()
	sev := []string{SeverityCritical, SeverityHigh, SeverityMedium, SeverityLow}
	known := allKinds()
	for i, f := range fs {
		if k, ok := known[f.ID]; !ok || !slices.Contains(k.Severities, f.Severity) {
			t.Errorf("finding %d: %s/%s is not in the kinds tables", i, f.ID, f.Severity)
		}
		switch {
		case f.ID == "" || !strings.Contains(f.ID, "."):
			t.Errorf("finding %d: bad ID %q", i, f.ID)
		case !slices.Contains(sev, f.Severity):
			t.Errorf("finding %d (%s): bad severity %q", i, f.ID, f.Severity)
		case f.Message == "" || f.Remediation == "":
			t.Errorf("finding %d (%s): empty message or remediation", i, f.ID)
		case len(f.References) == 0:
			t.Errorf("finding %d (%s): no references", i, f.ID)
		}
		// Each reference once, in the catalog's one spelling.
		for _, p := range referenceModel.ReferenceProblems(f.References, OtherFrameworks...) {
			t.Errorf("finding %d (%s): %s", i, f.ID, p)
		}
	}
}

func TestQuoteInput(t *testing.T) {
	tests := map[string]string{
		"ssh":        `"ssh"`,
		"tcpp":       `"tcpp"`,
		"0.0.0.0/33": `"0.0.0.0/33"`,
		"3389-22":    `"3389-22"`,
		"01/02/2026": `"01/02/2026"`,
		"hunter2!":   `"hunt…"`,
		// An AWS secret access key is exactly 40 characters: it must never
		// come back whole, nor more than four of its characters.
		fake(3, 40, b64chars): strconv.Quote(fake(3, 40, b64chars)[:4] + "…"),
		"ééé":                 `"…"`,
		"":                    `""`,
	}
	for in, want := range tests {
		if got := quoteInput(in); got != want {
			t.Errorf("quoteInput(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestRefsAreIndependent(t *testing.T) {
	a := BucketACLFindings("public-read")
	b := BucketACLFindings("public-read")
	a[0].References[0] = "changed"
	if b[0].References[0] == "changed" {
		t.Fatal("findings share a References slice")
	}
}

func TestReferencesAreVerifiedOnes(t *testing.T) {
	// The set the reference notes verify; a new citation must be added here
	// deliberately, after checking responsibility-matrix-sources.md.
	allowed := []string{refNISTAC6, refNISTSC7, refNISTSC75, refNISTCM7, refNISTIA5, refNISTIA51, refNISTSI2,
		refCISv8FW, refCISv8RBAC, refCISv8Patch, refCISAWSSGv4, refCISAWSSGv6, refISOAccess, refISOPrivilege,
		refISOAuthInfo, refPCIPatch}
	for _, k := range kinds {
		for _, r := range k.refs {
			if !slices.Contains(allowed, r) {
				t.Errorf("%s cites unverified %q", k.id, r)
			}
		}
	}
}

func TestToInt(t *testing.T) {
	good := map[any]int64{22: 22, int64(443): 443, float64(8080): 8080, float32(53): 53, uint8(7): 7, " 22 ": 22, "-1": -1, json.Number("3389"): 3389}
	for in, want := range good {
		if got, ok := toInt(in); !ok || got != want {
			t.Errorf("toInt(%#v) = %d, %v", in, got, ok)
		}
	}
	for _, in := range []any{22.5, math.NaN(), math.Inf(1), 1e300, "abc", "", true, nil, uint64(math.MaxUint64), []any{1}} {
		if _, ok := toInt(in); ok {
			t.Errorf("toInt(%#v) accepted", in)
		}
	}
}

func TestDescribe(t *testing.T) {
	for in, want := range map[any]string{"x": `a string ("x")`, 1.5: "a number", true: "a boolean", nil: "null"} {
		if got := describe(in); got != want {
			t.Errorf("describe(%#v) = %q, want %q", in, got, want)
		}
	}
	if got := describe(map[string]any{}); got != "an object" {
		t.Errorf("describe(map) = %q", got)
	}
	if got := describe([]any{}); got != "a list" {
		t.Errorf("describe(list) = %q", got)
	}
}
