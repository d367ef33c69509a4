package detect

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// statement is the part of an IAM policy statement the detectors need.
type statement struct {
	index        int
	sid          string
	allow        bool
	actions      []string
	notActions   []string
	resources    []string
	notResources []string
	hasNotAction bool
	hasNotRes    bool
	principal    principal
	hasNotPrinc  bool
	condition    any // the raw Condition value; nil when absent or empty
}

// principal summarises a Principal element.
type principal struct {
	present bool
	public  bool   // "*" or {"AWS": "*"} or a list containing "*"
	shown   string // how the public principal was written, for messages
}

// parsePolicy decodes an IAM policy document as Terraform produces it
// (jsonencode, aws_iam_policy_document, heredoc) into its statements.
func parsePolicy(policyJSON string) ([]statement, error) {
	text := strings.TrimSpace(strings.TrimPrefix(policyJSON, "\uFEFF"))
	if text == "" {
		return nil, errors.New("policy is empty")
	}
	var doc any
	if err := json.Unmarshal([]byte(text), &doc); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("policy is not valid JSON: %s at offset %d", se.Error(), se.Offset)
		}
		return nil, fmt.Errorf("policy is not valid JSON: %v", err)
	}
	obj, ok := doc.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("policy is %s, expected a JSON object such as {\"Version\": \"2012-10-17\", \"Statement\": [...]}", describe(doc))
	}
	raw, ok := obj["Statement"]
	if !ok {
		return nil, errors.New(`policy has no "Statement"; expected {"Version": "2012-10-17", "Statement": [...]}`)
	}
	var list []any
	switch t := raw.(type) {
	case []any:
		list = t
	case map[string]any:
		list = []any{t}
	default:
		return nil, fmt.Errorf(`policy "Statement" is %s, expected an object or a list of objects`, describe(raw))
	}
	out := make([]statement, 0, len(list))
	for i, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("statement %d is not an object (it is %s); each statement must be a JSON object with Effect, Action and Resource", i, describe(e))
		}
		st, err := parseStatement(i, m)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

func parseStatement(i int, m map[string]any) (statement, error) {
	st := statement{index: i}
	st.sid, _ = m["Sid"].(string)
	effect, _ := m["Effect"].(string)
	st.allow = effect == "Allow" // AWS compares case-sensitively
	var err error
	fields := []struct {
		key string
		dst *[]string
		has *bool
	}{
		{"Action", &st.actions, nil},
		{"NotAction", &st.notActions, &st.hasNotAction},
		{"Resource", &st.resources, nil},
		{"NotResource", &st.notResources, &st.hasNotRes},
	}
	for _, f := range fields {
		v, present := m[f.key]
		if f.has != nil {
			*f.has = present
		}
		if *f.dst, err = policyStrings(v); err != nil {
			return st, fmt.Errorf("statement %d: %s %v", i, f.key, err)
		}
	}
	if st.principal, err = parsePrincipal(m["Principal"]); err != nil {
		return st, fmt.Errorf("statement %d: Principal %v", i, err)
	}
	_, st.hasNotPrinc = m["NotPrincipal"]
	if c, ok := m["Condition"]; ok && !isEmptyValue(c) {
		st.condition = c
	}
	return st, nil
}

// policyStrings reads a policy element that may be a string or a list of
// strings.
func policyStrings(v any) ([]string, error) {
	switch t := v.(type) {
	case nil:
		return nil, nil
	case string:
		return []string{strings.TrimSpace(t)}, nil
	case []any:
		out := make([]string, 0, len(t))
		for j, e := range t {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("[%d] is %s, expected a string", j, describe(e))
			}
			out = append(out, strings.TrimSpace(s))
		}
		return out, nil
	}
	return nil, fmt.Errorf("is %s, expected a string or a list of strings", describe(v))
}

func parsePrincipal(v any) (principal, error) {
	if v == nil {
		return principal{}, nil
	}
	p := principal{present: true}
	switch t := v.(type) {
	case string:
		if strings.TrimSpace(t) == "*" {
			p.public, p.shown = true, `"*"`
		}
	case map[string]any:
		// Only the AWS key accepts "*" as "everyone"; other principal types
		// name services or identity providers.
		vals, err := policyStrings(t["AWS"])
		if err != nil {
			return p, fmt.Errorf("AWS %v", err)
		}
		for _, s := range vals {
			if s == "*" {
				p.public, p.shown = true, `{"AWS": "*"}`
			}
		}
	default:
		return p, fmt.Errorf("is %s, expected \"*\" or an object such as {\"AWS\": [...]}", describe(v))
	}
	return p, nil
}

func isEmptyValue(v any) bool {
	switch t := v.(type) {
	case nil:
		return true
	case map[string]any:
		return len(t) == 0
	case []any:
		return len(t) == 0
	case string:
		return t == ""
	}
	return false
}

func (s statement) label() string {
	if s.sid == "" {
		return fmt.Sprintf("statement %d", s.index)
	}
	return fmt.Sprintf("statement %d (Sid %q)", s.index, clip(s.sid, 40))
}

func (s statement) resourceAll() bool {
	for _, r := range s.resources {
		if r == "*" {
			return true
		}
	}
	return false
}

// privilegeEscalationActions lets a principal grant itself more access.
// The list follows Rhino Security Labs' "AWS IAM Privilege Escalation"
// methods (policy versions, attaching or writing policies, credentials for
// other users, group membership, trust changes, code injection into more
// privileged functions); iam:PassRole has its own finding.
var privilegeEscalationActions = []string{
	"iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion",
	"iam:AttachUserPolicy", "iam:AttachGroupPolicy", "iam:AttachRolePolicy",
	"iam:PutUserPolicy", "iam:PutGroupPolicy", "iam:PutRolePolicy",
	"iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile",
	"iam:AddUserToGroup", "iam:UpdateAssumeRolePolicy",
	"lambda:UpdateFunctionCode", "glue:UpdateDevEndpoint", "sts:AssumeRole",
}

// IAMPolicyFindings analyses an AWS IAM policy document (identity policy or
// trust policy) for wildcard grants, NotAction/NotResource allows, unbounded
// iam:PassRole, privilege-escalation actions on every resource and trust in
// any principal. Findings come in statement order; Index is the statement
// index.
func IAMPolicyFindings(policyJSON string) ([]Finding, error) {
	stmts, err := parsePolicy(policyJSON)
	if err != nil {
		return nil, err
	}
	var out []Finding
	for _, s := range stmts {
		if s.allow {
			out = append(out, statementFindings(s)...)
		}
	}
	return out, nil
}

func statementFindings(s statement) []Finding {
	var out []Finding
	full, services := wildcardActions(s.actions)
	resAll := s.resourceAll()
	if resAll && (full != "" || len(services) > 0) {
		out = append(out, wildcardFinding(s, full, services))
	}
	if s.hasNotAction {
		out = append(out, iamFinding(s, "iam.not_action_allow", SeverityHigh,
			fmt.Sprintf("%s combines Allow with NotAction, which grants every action that is not listed.", s.label()),
			fmt.Sprintf("Rewrite %s as an Allow with an explicit Action list, or as a Deny with NotAction.", s.label())))
	}
	if s.hasNotRes {
		out = append(out, iamFinding(s, "iam.not_resource_allow", SeverityHigh,
			fmt.Sprintf("%s combines Allow with NotResource, which grants its actions on every resource that is not listed.", s.label()),
			fmt.Sprintf("Rewrite %s with an explicit Resource list of the ARNs it needs.", s.label())))
	}
	if !resAll || full != "" {
		// A full "*" grant already says everything the narrower checks would.
		return append(out, publicTrustFindings(s)...)
	}
	if via := matchingPatterns(s.actions, "iam:PassRole"); len(via) > 0 {
		how := ""
		if len(via) > 1 || !strings.EqualFold(via[0], "iam:PassRole") {
			how = fmt.Sprintf(" (via %s)", quoteList(via))
		}
		out = append(out, iamFinding(s, "iam.pass_role_wildcard", SeverityHigh,
			fmt.Sprintf("%s allows iam:PassRole%s on Resource \"*\", so the holder can hand any role to a service.", s.label(), how),
			fmt.Sprintf("Limit iam:PassRole in %s to the ARNs of the roles it must pass, ideally with an iam:PassedToService condition.", s.label())))
	}
	var esc []string
	for _, a := range privilegeEscalationActions {
		if len(matchingPatterns(s.actions, a)) > 0 {
			esc = append(esc, a)
		}
	}
	if len(esc) > 0 {
		out = append(out, iamFinding(s, "iam.privilege_escalation", SeverityHigh,
			fmt.Sprintf("%s allows privilege-escalation actions %s on Resource \"*\".", s.label(), strings.Join(esc, ", ")),
			fmt.Sprintf("Scope %s to the specific users, roles, policies or functions it manages instead of \"*\".", s.label())))
	}
	return append(out, publicTrustFindings(s)...)
}

func wildcardFinding(s statement, full string, services []string) Finding {
	if full != "" {
		return iamFinding(s, "iam.wildcard_action", SeverityCritical,
			fmt.Sprintf("%s allows every action (%q) on Resource \"*\", which is full administrator access.", s.label(), full),
			fmt.Sprintf("Replace %s with the specific actions and resource ARNs the principal needs.", s.label()))
	}
	return iamFinding(s, "iam.wildcard_action", SeverityHigh,
		fmt.Sprintf("%s allows all actions of a service (%s) on Resource \"*\".", s.label(), quoteList(services)),
		fmt.Sprintf("List the specific actions %s needs and scope Resource to the ARNs it uses.", s.label()))
}

func publicTrustFindings(s statement) []Finding {
	if !s.principal.public || s.condition != nil {
		return nil
	}
	return []Finding{iamFinding(s, "iam.public_trust", SeverityCritical,
		fmt.Sprintf("%s trusts any principal (%s) without a Condition, so anyone with an AWS account can use it.", s.label(), s.principal.shown),
		fmt.Sprintf("Name the trusted account, role or service in the Principal of %s, or add a Condition such as aws:PrincipalOrgID or sts:ExternalId.", s.label()))}
}

func iamFinding(s statement, id, sev, msg, fix string) Finding {
	return Finding{ID: id, Severity: sev, Message: msg, Remediation: fix,
		References: refs(refNISTAC6, refCISv8RBAC, refISOPrivilege), Index: s.index}
}

// wildcardActions returns the first action that grants everything ("*",
// "*:*") and every service-wide wildcard ("s3:*").
func wildcardActions(actions []string) (full string, services []string) {
	for _, a := range actions {
		switch {
		case a == "*:*" || (a != "" && strings.Trim(a, "*") == ""):
			if full == "" {
				full = a
			}
		case isServiceWildcard(a):
			services = append(services, a)
		}
	}
	return full, services
}

func isServiceWildcard(a string) bool {
	svc, rest, ok := strings.Cut(a, ":")
	if !ok || rest != "*" || svc == "" {
		return false
	}
	for i := 0; i < len(svc); i++ {
		c := svc[i]
		if !isAlnum(c) && c != '-' {
			return false
		}
	}
	return true
}

// matchingPatterns returns the policy action patterns that match the
// concrete action name.
func matchingPatterns(patterns []string, action string) []string {
	var out []string
	for _, p := range patterns {
		if globMatchFold(p, action) {
			out = append(out, p)
		}
	}
	return out
}

// globMatchFold matches IAM action wildcards ("*" any run, "?" one
// character), ignoring ASCII case as IAM does for action names. It runs in
// O(len(p)*len(s)) at worst, with no recursion.
func globMatchFold(p, s string) bool {
	pi, si := 0, 0
	star, mark := -1, 0
	for si < len(s) {
		switch {
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, si
			pi++
		case pi < len(p) && (p[pi] == '?' || lower(p[pi]) == lower(s[si])):
			pi++
			si++
		case star >= 0:
			pi = star + 1
			mark++
			si = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + ('a' - 'A')
	}
	return c
}

func isAlnum(c byte) bool {
	return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
}
