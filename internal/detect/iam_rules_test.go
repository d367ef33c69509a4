package detect

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func stmtJSON(effect string, actions []string, resource string, extra string) string {
	q := make([]string, len(actions))
	for i, a := range actions {
		q[i] = fmt.Sprintf("%q", a)
	}
	s := fmt.Sprintf(`{"Effect":%q,"Action":[%s],"Resource":%q`, effect, strings.Join(q, ","), resource)
	if extra != "" {
		s += "," + extra
	}
	return s + "}"
}

func policyOf(stmts ...string) string {
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
}

func escalationMessage(t *testing.T, policy string) string {
	t.Helper()
	got, err := IAMPolicyFindings(policy)
	if err != nil {
		t.Fatal(err)
	}
	checkFindingShape(t, got)
	var msgs []string
	for _, f := range got {
		if f.ID == "iam.privilege_escalation" {
			msgs = append(msgs, f.Message)
		}
	}
	return strings.Join(msgs, "\n")
}

// One case per row of the escalation table, as cloudsplaining tests its
// list, so the table and the detector cannot drift: the row's actions on
// "*" report it; without any one action, on a specific resource, or under a
// Deny, they do not.
func TestEscalationPathsTable(t *testing.T) {
	names := map[string]bool{}
	for _, p := range escalationPaths {
		if names[p.name] {
			t.Errorf("duplicate path name %s", p.name)
		}
		names[p.name] = true
		if p.source == "" || len(p.actions) == 0 {
			t.Errorf("%s: no source or actions", p.name)
		}
		for _, a := range p.actions {
			if svc, act, ok := strings.Cut(a, ":"); !ok || svc == "" || act == "" || strings.ContainsAny(a, "*? ") {
				t.Errorf("%s: malformed action %q", p.name, a)
			}
		}
	}
	for _, p := range escalationPaths {
		t.Run(p.name, func(t *testing.T) {
			label := p.name + " ("
			if msg := escalationMessage(t, policyOf(stmtJSON("Allow", p.actions, "*", ""))); !strings.Contains(msg, label+strings.Join(p.actions, " + ")+")") {
				t.Errorf("all actions on *: message %q lacks the path", msg)
			}
			if msg := escalationMessage(t, policyOf(stmtJSON("Allow", p.actions, "arn:aws:iam::123456789012:role/app", ""))); msg != "" {
				t.Errorf("scoped resource: unexpected %q", msg)
			}
			for i := range p.actions {
				fewer := slices.Delete(slices.Clone(p.actions), i, i+1)
				if len(fewer) == 0 {
					continue
				}
				if msg := escalationMessage(t, policyOf(stmtJSON("Allow", fewer, "*", ""))); strings.Contains(msg, label) {
					t.Errorf("without %s: message %q still has the path", p.actions[i], msg)
				}
			}
			denied := policyOf(stmtJSON("Allow", p.actions, "*", ""), stmtJSON("Deny", p.actions[len(p.actions)-1:], "*", ""))
			if msg := escalationMessage(t, denied); strings.Contains(msg, label) {
				t.Errorf("under a Deny: message %q still has the path", msg)
			}
			if len(p.actions) > 1 {
				split := policyOf(stmtJSON("Allow", p.actions[:1], "*", ""), stmtJSON("Allow", p.actions[1:], "*", ""))
				if msg := escalationMessage(t, split); !strings.Contains(msg, "statement 0 allows") || !strings.Contains(msg, label) || !strings.Contains(msg, "with statement 1") {
					t.Errorf("split over two statements: message %q", msg)
				}
			}
		})
	}
}

// jsonencode of an object with optional attributes writes null for the
// unset ones: "NotAction": null and "NotResource": null are absent.
func TestIAMNullsAreAbsent(t *testing.T) {
	for _, policy := range []string{
		`{"Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"NotAction":null,"Resource":"arn:aws:s3:::b/*","NotResource":null,"Principal":null,"NotPrincipal":null,"Condition":null}]}`,
		`{"Statement":[{"Effect":"Allow","Action":"dynamodb:GetItem","NotAction":null,"Resource":"arn:aws:dynamodb:eu-west-1:123456789012:table/t"}]}`,
	} {
		got, err := IAMPolicyFindings(policy)
		if err != nil || len(got) != 0 {
			t.Errorf("%s: %v %v", policy, keys(got), err)
		}
		if got, err := BucketPolicyFindings(policy); err != nil || len(got) != 0 {
			t.Errorf("bucket %s: %v %v", policy, keys(got), err)
		}
	}
}

// An explicit Deny on the same actions and resources cancels the Allow for
// the finding; a narrower or conditional Deny does not.
func TestIAMDenyCancelsAllow(t *testing.T) {
	tests := []struct {
		name   string
		policy string
		want   []string
	}{
		{"deny all cancels admin", policyOf(stmtJSON("Allow", []string{"*"}, "*", ""), stmtJSON("Deny", []string{"*"}, "*", "")), nil},
		{"deny service wildcard cancels it", policyOf(stmtJSON("Allow", []string{"s3:*"}, "*", ""), stmtJSON("Deny", []string{"s3:*"}, "*", "")), nil},
		{"deny of one service leaves the other", policyOf(stmtJSON("Allow", []string{"s3:*", "sqs:*"}, "*", ""), stmtJSON("Deny", []string{"S3:*"}, "*", "")),
			[]string{"iam.wildcard_action@0/high"}},
		{"deny pass role", policyOf(stmtJSON("Allow", []string{"iam:PassRole"}, "*", ""), stmtJSON("Deny", []string{"iam:Pass*"}, "*", "")), nil},
		{"deny on one role does not cover *", policyOf(stmtJSON("Allow", []string{"iam:PassRole"}, "*", ""), stmtJSON("Deny", []string{"iam:PassRole"}, "arn:aws:iam::123456789012:role/admin", "")),
			[]string{"iam.pass_role_wildcard@0/high"}},
		{"conditional deny does not cancel", policyOf(stmtJSON("Allow", []string{"*"}, "*", ""), stmtJSON("Deny", []string{"*"}, "*", `"Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}`)),
			[]string{"iam.wildcard_action@0/critical"}},
		{"narrower deny pattern does not cover a wider allow", policyOf(stmtJSON("Allow", []string{"s3:*"}, "*", ""), stmtJSON("Deny", []string{"s3:Get*"}, "*", "")),
			[]string{"iam.wildcard_action@0/high"}},
		{"deny with ? does not cover *", policyOf(stmtJSON("Allow", []string{"s3:*"}, "*", ""), stmtJSON("Deny", []string{"s3:?"}, "*", "")),
			[]string{"iam.wildcard_action@0/high"}},
		{"deny cancels not_resource", `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","NotResource":"arn:aws:s3:::x"},{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}`, nil},
		{"deny unless org cancels public trust", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"},{"Effect":"Deny","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}]}`, nil},
		{"deny unless org does not cancel admin", policyOf(stmtJSON("Allow", []string{"*"}, "*", ""), stmtJSON("Deny", []string{"*"}, "*", `"Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}`)),
			[]string{"iam.wildcard_action@0/critical"}},
	}
	for _, tt := range tests {
		got, err := IAMPolicyFindings(tt.policy)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if k := keys(got); !slices.Equal(k, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, k, tt.want)
		}
	}
}

// Messages stay short whatever the policy holds, quote no Sid, and the
// number of findings is capped.
func TestIAMMessagesAreClippedAndCapped(t *testing.T) {
	secretSid := fake(77, 40, alnum)
	var actions []string
	for i := range 200_000 {
		actions = append(actions, fmt.Sprintf("svc%d:*", i))
	}
	actions = append(actions, "iam:*", fake(78, 40, b64chars)+":*")
	got, err := IAMPolicyFindings(policyOf(stmtJSON("Allow", actions, "*", `"Sid":"`+secretSid+`"`)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range got {
		if len(f.Message) > 1200 {
			t.Errorf("%s: message of %d bytes", f.ID, len(f.Message))
		}
		if strings.Contains(f.Message, secretSid[:5]) {
			t.Errorf("%s quotes the Sid: %q", f.ID, f.Message)
		}
	}
	assertNoSecretLeak(t, got, []string{secretSid, fake(78, 40, b64chars)})
	if k := keys(got); !slices.Equal(k, []string{"iam.wildcard_action@0/high", "iam.pass_role_wildcard@0/high", "iam.privilege_escalation@0/high"}) {
		t.Errorf("got %v", k)
	}
	if !strings.Contains(got[0].Message, "and 199995 more") {
		t.Errorf("wildcard message %q does not count the rest", got[0].Message)
	}
	if !strings.Contains(got[2].Message, "; and ") {
		t.Errorf("escalation message %q does not count the rest", got[2].Message)
	}
}
