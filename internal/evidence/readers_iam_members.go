package evidence

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// Google's IAM resources come in three shapes for every resource family
// (google_<family>_iam_member, _iam_binding, _iam_policy): member is one
// principal, members a set of principals under one role, and policy_data the
// whole policy as JSON, as data.google_iam_policy renders it:
// {"bindings": [{"role": "...", "members": ["..."], "condition": {...}}]}.
// The two readers below accept all three, so one table row per type serves.

// iamMembers finds the principals the mapping lists (allUsers,
// allAuthenticatedUsers) in a member, a members set or a policy document.
// A listed value that starts with "*" matches as a suffix
// ("*-compute@developer.gserviceaccount.com"). It yields true when one is
// granted; negate turns that into a least-privilege reading.
var iamMembers = iamReader([]string{"string", "set(string)", "list(string)"}, func(b iamBinding) []string { return b.Members }, principalMatch, "grants to ")

// iamRoles finds the roles the mapping lists (roles/owner) in a role or in
// the bindings of a policy document.
var iamRoles = iamReader([]string{"string"}, func(b iamBinding) []string { return []string{b.Role} }, indexFold, "grants the role ")

// iamReader builds a reader over one field of a grant: inputs are the
// schema value types it reads (a member or policy_data is a string, members
// a set of strings), field picks it from a policy document's binding, match
// finds it among the mapping's values.
// The text shows only a listed value, never what the resource holds.
func iamReader(inputs []string, field func(iamBinding) []string, match func([]string, string) int, grants string) reader {
	return reader{types: []string{model.TypeBool}, inputs: inputs, check: needValues, read: func(mp Mapping, v, _ any) (policy.Value, string, error) {
		got, err := iamGrantField(mp, v, field)
		if err != nil {
			return policy.Value{}, "", err
		}
		for _, s := range got {
			if hit := match(mp.Values, s); hit >= 0 {
				return policy.KnownBool(!mp.Negate), grants + strconv.Quote(mp.Values[hit]), nil
			}
		}
		return policy.KnownBool(mp.Negate), grants + "none of " + model.Quoted(mp.Values), nil
	}}
}

type iamBinding struct {
	Role    string   `json:"role"`
	Members []string `json:"members"`
}

// iamGrantField reads the strings a grant carries: a member or role (a
// string), members (a list of strings), or, from a policy document (a
// string holding a JSON object), the field of every binding.
func iamGrantField(mp Mapping, v any, field func(iamBinding) []string) ([]string, error) {
	switch t := v.(type) {
	case string:
		if !strings.HasPrefix(strings.TrimSpace(t), "{") {
			return []string{t}, nil
		}
		var doc struct {
			Bindings []iamBinding `json:"bindings"`
		}
		if err := json.Unmarshal([]byte(t), &doc); err != nil {
			return nil, fmt.Errorf("%s: is not an IAM policy document such as "+
				"{\"bindings\": [{\"role\": \"roles/viewer\", \"members\": [\"group:team@example.com\"]}]} (data.google_iam_policy's policy_data)", pathOrResource(mp.Attribute))
		}
		var out []string
		for _, b := range doc.Bindings {
			out = append(out, field(b)...)
		}
		return out, nil
	case []any:
		out := make([]string, 0, len(t))
		for _, e := range t {
			s, ok := e.(string)
			if !ok {
				return nil, typeError(mp, v, "a list of strings")
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, typeError(mp, v, "a string, a list of strings or a policy document")
}

// principalMatch returns the index of the listed principal that m is, or
// -1; a listed "*suffix" matches any principal ending in suffix.
func principalMatch(values []string, m string) int {
	for i, p := range values {
		if suffix, ok := strings.CutPrefix(p, "*"); ok {
			if suffix != "" && len(m) > len(suffix) && strings.EqualFold(m[len(m)-len(suffix):], suffix) {
				return i
			}
			continue
		}
		if strings.EqualFold(p, m) {
			return i
		}
	}
	return -1
}
