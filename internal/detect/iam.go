package detect

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// statement is the part of an IAM policy statement the detectors need.
type statement struct {
	index        int
	allow        bool
	deny         bool
	actions      []string
	notActions   []string
	resources    []string
	notResources []string
	hasNotAction bool
	hasNotRes    bool
	principal    principal
	hasNotPrinc  bool
	notPrincipal principal
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
	effect, _ := m["Effect"].(string)
	st.allow = effect == "Allow" // AWS compares case-sensitively
	st.deny = effect == "Deny"
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
		// jsonencode of an object with optional attributes writes
		// "NotAction": null; null is absent, not present.
		v := m[f.key]
		if f.has != nil {
			*f.has = v != nil
		}
		if *f.dst, err = policyStrings(v); err != nil {
			return st, fmt.Errorf("statement %d: %s %v", i, f.key, err)
		}
	}
	if st.principal, err = parsePrincipal(m["Principal"]); err != nil {
		return st, fmt.Errorf("statement %d: Principal %v", i, err)
	}
	if st.hasNotPrinc = m["NotPrincipal"] != nil; st.hasNotPrinc {
		if st.notPrincipal, err = parsePrincipal(m["NotPrincipal"]); err != nil {
			return st, fmt.Errorf("statement %d: NotPrincipal %v", i, err)
		}
	}
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

// label names a statement by its index only: a Sid is free text that could
// hold anything, so messages never quote it.
func (s statement) label() string { return fmt.Sprintf("statement %d", s.index) }

func (s statement) resourceAll() bool {
	for _, r := range s.resources {
		if r == "*" {
			return true
		}
	}
	return false
}

// IAMPolicyFindings analyses an AWS IAM policy document (identity policy or
// trust policy) for wildcard grants, NotAction/NotResource allows, unbounded
// iam:PassRole, privilege-escalation paths on every resource and trust in
// any principal. An explicit Deny without a Condition that covers the same
// actions on the same resources cancels the Allow for the finding (for the
// public-trust finding, a Deny for everyone outside a restricted set, such
// as "StringNotEquals aws:PrincipalOrgID", cancels it too). Findings come in
// statement order, at most MaxFindings of them; Index is the statement
// index.
func IAMPolicyFindings(policyJSON string) ([]Finding, error) {
	stmts, err := parsePolicy(policyJSON)
	if err != nil {
		return nil, err
	}
	ds := collectDenies(stmts)
	esc := escalationFindings(stmts, ds)
	c := newCollector("iam")
	for _, s := range stmts {
		if s.allow {
			statementFindings(c, s, ds, esc[s.index])
		}
	}
	return c.result(), nil
}

func statementFindings(c *collector, s statement, ds *denies, esc []escalationMatch) {
	full, services := wildcardActions(s, ds)
	resAll := s.resourceAll()
	if resAll && (full != "" || len(services) > 0) {
		wildcardFinding(c, s, full, services)
	}
	if s.hasNotAction && !ds.covers(s, "*", false) {
		addIAM(c, s, "iam.not_action_allow", SeverityHigh, func() (string, string) {
			return fmt.Sprintf("%s combines Allow with NotAction, which grants every action that is not listed.", s.label()),
				fmt.Sprintf("Rewrite %s as an Allow with an explicit Action list, or as a Deny with NotAction.", s.label())
		})
	}
	if s.hasNotRes && !ds.coversAll(s, s.actions, false) {
		addIAM(c, s, "iam.not_resource_allow", SeverityHigh, func() (string, string) {
			return fmt.Sprintf("%s combines Allow with NotResource, which grants its actions on every resource that is not listed.", s.label()),
				fmt.Sprintf("Rewrite %s with an explicit Resource list of the ARNs it needs.", s.label())
		})
	}
	if resAll && full == "" {
		// A full "*" grant already says everything the narrower checks would.
		if via := matchingPatterns(s.actions, "iam:PassRole"); len(via) > 0 && !ds.covers(s, "iam:PassRole", false) {
			addIAM(c, s, "iam.pass_role_wildcard", SeverityHigh, func() (string, string) {
				how := ""
				if len(via) > 1 || !strings.EqualFold(via[0], "iam:PassRole") {
					how = " (through a wildcard pattern)"
				}
				return fmt.Sprintf("%s allows iam:PassRole%s on Resource \"*\", so the holder can hand any role to a service.", s.label(), how),
					fmt.Sprintf("Limit iam:PassRole in %s to the ARNs of the roles it must pass, ideally with an iam:PassedToService condition.", s.label())
			})
		}
		if len(esc) > 0 {
			addIAM(c, s, "iam.privilege_escalation", SeverityHigh, func() (string, string) {
				return fmt.Sprintf("%s allows privilege-escalation paths on Resource \"*\": %s.", s.label(), escalationText(esc)),
					fmt.Sprintf("Scope %s to the specific users, roles, policies or functions it manages instead of \"*\".", s.label())
			})
		}
	}
	if s.principal.public && s.condition == nil && !ds.coversAll(s, actionsOrAll(s), true) {
		addIAM(c, s, "iam.public_trust", SeverityCritical, func() (string, string) {
			return fmt.Sprintf("%s trusts any principal (%s) without a Condition, so anyone with an AWS account can use it.", s.label(), s.principal.shown),
				fmt.Sprintf("Name the trusted account, role or service in the Principal of %s, or add a Condition such as aws:PrincipalOrgID or sts:ExternalId.", s.label())
		})
	}
}

// actionsOrAll is the statement's actions, or "*" when it uses NotAction.
func actionsOrAll(s statement) []string {
	if s.hasNotAction || len(s.actions) == 0 {
		return []string{"*"}
	}
	return s.actions
}

// addIAM adds a finding whose text is only built when there is room.
func addIAM(c *collector, s statement, id, sev string, text func() (msg, fix string)) {
	if !c.room() {
		c.omit(sev, s.index, 0)
		return
	}
	msg, fix := text()
	c.add(Finding{ID: id, Severity: sev, Message: msg, Remediation: fix,
		References: refs(refNISTAC6, refCISv8RBAC, refISOPrivilege), Index: s.index})
}

func wildcardFinding(c *collector, s statement, full string, services []string) {
	if full != "" {
		addIAM(c, s, "iam.wildcard_action", SeverityCritical, func() (string, string) {
			return fmt.Sprintf("%s allows every action (%q) on Resource \"*\", which is full administrator access.", s.label(), full),
				fmt.Sprintf("Replace %s with the specific actions and resource ARNs the principal needs.", s.label())
		})
		return
	}
	addIAM(c, s, "iam.wildcard_action", SeverityHigh, func() (string, string) {
		shown := make([]string, 0, min(len(services), 6))
		for _, a := range services[:min(len(services), 6)] {
			shown = append(shown, actionShown(a))
		}
		list := strings.Join(shown, ", ")
		if len(services) > len(shown) {
			list += fmt.Sprintf(" and %d more", len(services)-len(shown))
		}
		return fmt.Sprintf("%s allows all actions of a service (%s) on Resource \"*\".", s.label(), list),
			fmt.Sprintf("List the specific actions %s needs and scope Resource to the ARNs it uses.", s.label())
	})
}

// wildcardActions returns "*" (or "*:*") when an action grants everything,
// and every distinct service-wide wildcard ("s3:*") that no Deny cancels.
func wildcardActions(s statement, ds *denies) (full string, services []string) {
	var seen map[string]bool
	for _, a := range s.actions {
		switch {
		case a == "*:*" || (a != "" && strings.Trim(a, "*") == ""):
			if full == "" && !ds.covers(s, "*", false) {
				full = "*"
				if a == "*:*" {
					full = a
				}
			}
		case isServiceWildcard(a):
			l := strings.ToLower(a)
			if seen[l] {
				continue
			}
			if seen == nil {
				seen = map[string]bool{}
			}
			seen[l] = true
			if !ds.covers(s, a, false) {
				services = append(services, a)
			}
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

// actionShown renders a service wildcard from the policy for a message. A
// plausible IAM service prefix (lower-case letters, hyphens and at most
// three digits, at most 32 characters, as "s3" or "route53-recovery-readiness")
// is shown whole: it names an AWS service, not a credential. Anything else
// shows at most four characters.
func actionShown(a string) string {
	svc, _, _ := strings.Cut(a, ":")
	digits := 0
	plausible := svc != "" && len(svc) <= 32
	for i := 0; plausible && i < len(svc); i++ {
		switch c := svc[i]; {
		case 'a' <= c && c <= 'z', c == '-':
		case isDigit(c):
			digits++
		default:
			plausible = false
		}
	}
	if plausible && digits <= 3 {
		return strconv.Quote(strings.ToLower(svc) + ":*")
	}
	return quoteInput(a)
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
func globMatchFold(p, s string) bool { return glob(p, s, true, false) }

// globCovers reports whether every string pattern q matches is matched by
// pattern p: q's wildcards are read as literal characters that only p's "*"
// may absorb ("s3:*" covers "s3:Get*"; "s3:?" does not cover "s3:*").
func globCovers(p, q string, fold bool) bool { return glob(p, q, fold, true) }

func glob(p, s string, fold, strict bool) bool {
	pi, si := 0, 0
	star, mark := -1, 0
	for si < len(s) {
		switch {
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, si
			pi++
		case pi < len(p) && p[pi] == '?' && !(strict && (s[si] == '*' || s[si] == '?')):
			pi++
			si++
		case pi < len(p) && p[pi] != '?' && (p[pi] == s[si] || fold && lower(p[pi]) == lower(s[si])):
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

// IAMFindingKinds lists the finding ids IAMPolicyFindings can return.
func IAMFindingKinds() []FindingKind {
	return []FindingKind{
		{"iam.wildcard_action", []string{SeverityCritical, SeverityHigh}, "An Allow grants every action (\"*\", critical: administrator access) or every action of a service (\"s3:*\", high) on Resource \"*\"."},
		{"iam.not_action_allow", []string{SeverityHigh}, "An Allow uses NotAction, which grants every action not listed."},
		{"iam.not_resource_allow", []string{SeverityHigh}, "An Allow uses NotResource, which grants its actions on every resource not listed."},
		{"iam.pass_role_wildcard", []string{SeverityHigh}, "An Allow grants iam:PassRole on Resource \"*\", so the holder can hand any role to a service."},
		{"iam.privilege_escalation", []string{SeverityHigh}, fmt.Sprintf("The policy grants on Resource \"*\" every action of a known privilege-escalation path (%d paths from the Rhino Security Labs, cloudsplaining and pathfinding.cloud catalogues, e.g. %s); the finding sits on the first statement involved.", len(escalationPaths), escalationExamples())},
		{"iam.public_trust", []string{SeverityCritical}, "A statement trusts any principal (\"*\" or {\"AWS\": \"*\"}) without a Condition."},
		moreFindingsKind("iam"),
	}
}
