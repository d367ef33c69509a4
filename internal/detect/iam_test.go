package detect

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// keys renders findings as "id@index/severity" for compact comparison.
func keys(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.ID+"@"+strconv.Itoa(f.Index)+"/"+f.Severity)
	}
	return out
}

// Shapes Terraform produces: jsonencode (compact, Statement list), a heredoc
// (pretty, single Statement object) and data.aws_iam_policy_document.json
// (Sid on each statement, lists everywhere).
const (
	adminJSONEncode = `{"Statement":[{"Action":"*","Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"}`
	adminHeredoc    = `
{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Action": "*:*",
    "Resource": "*"
  }
}
`
	policyDocument = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadBucket",
      "Effect": "Allow",
      "Action": [
        "s3:ListBucket",
        "s3:GetObject"
      ],
      "Resource": [
        "arn:aws:s3:::app-data/*",
        "arn:aws:s3:::app-data"
      ]
    },
    {
      "Sid": "Everything",
      "Effect": "Allow",
      "Action": [
        "s3:*",
        "ec2:*"
      ],
      "Resource": "*"
    }
  ]
}`
)

func TestIAMPolicyFindings(t *testing.T) {
	tests := []struct {
		name   string
		policy string
		want   []string
	}{
		{"jsonencode admin", adminJSONEncode, []string{"iam.wildcard_action@0/critical"}},
		{"heredoc single statement *:*", adminHeredoc, []string{"iam.wildcard_action@0/critical"}},
		{"policy document service wildcards", policyDocument, []string{"iam.wildcard_action@1/high", "iam.privilege_escalation@1/high"}},
		{"least privilege", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:PutItem"],"Resource":"arn:aws:dynamodb:eu-west-1:123456789012:table/app"}]}`, nil},
		{"wildcard on a specific resource is not wildcard_action", `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::logs/*"}]}`, nil},
		{"deny is ignored", `{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"},{"Effect":"Deny","NotAction":"iam:*","Resource":"*"}]}`, nil},
		{"effect is case-sensitive and required", `{"Statement":[{"Effect":"allow","Action":"*","Resource":"*"},{"Action":"*","Resource":"*"}]}`, nil},
		{"NotAction allow", `{"Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}`, []string{"iam.not_action_allow@0/high"}},
		{"NotResource allow", `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","NotResource":"arn:aws:s3:::secret/*"}]}`, []string{"iam.not_resource_allow@0/high"}},
		{"pass role with run instances", `{"Statement":[{"Effect":"Allow","Action":["ec2:RunInstances","iam:PassRole"],"Resource":"*"}]}`, []string{"iam.pass_role_wildcard@0/high", "iam.privilege_escalation@0/high"}},
		{"pass role alone", `{"Statement":[{"Effect":"Allow","Action":["iam:PassRole"],"Resource":"*"}]}`, []string{"iam.pass_role_wildcard@0/high"}},
		{"pass role via iam:Pass* lower case", `{"Statement":[{"Effect":"Allow","Action":"IAM:pass*","Resource":["*"]}]}`, []string{"iam.pass_role_wildcard@0/high"}},
		{"pass role on specific role is fine", `{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/app"}]}`, nil},
		{"privilege escalation via wildcard", `{"Statement":[{"Sid":"Ops","Effect":"Allow","Action":["iam:Put*","iam:AttachRolePolicy","lambda:UpdateFunctionCode"],"Resource":"*"}]}`,
			[]string{"iam.privilege_escalation@0/high"}},
		{"iam:* gives wildcard, pass role and escalation", `{"Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]}`,
			[]string{"iam.wildcard_action@0/high", "iam.pass_role_wildcard@0/high", "iam.privilege_escalation@0/high"}},
		{"* is not double-reported", `{"Statement":[{"Effect":"Allow","Action":["*","iam:PassRole","iam:CreateAccessKey"],"Resource":"*"}]}`,
			[]string{"iam.wildcard_action@0/critical"}},
		{"read-only iam is fine", `{"Statement":[{"Effect":"Allow","Action":["iam:Get*","iam:List*"],"Resource":"*"}]}`, nil},
		{"public trust", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}`, []string{"iam.public_trust@0/critical"}},
		{"public trust via list", `{"Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:root","*"]},"Action":"sts:AssumeRole"}]}`, []string{"iam.public_trust@0/critical"}},
		{"public trust bare *", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRoleWithWebIdentity"}]}`, []string{"iam.public_trust@0/critical"}},
		{"public principal with condition is fine", `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}}]}`, nil},
		{"service principal is fine", `{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`, nil},
		{"several statements keep order", `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Effect":"Allow","NotAction":"s3:*","NotResource":"arn:aws:s3:::x"},{"Effect":"Allow","Action":"*","Resource":"*","Principal":"*"}]}`,
			[]string{"iam.not_action_allow@1/high", "iam.not_resource_allow@1/high", "iam.wildcard_action@2/critical", "iam.public_trust@2/critical"}},
		{"empty statement list", `{"Version":"2012-10-17","Statement":[]}`, nil},
		{"BOM and whitespace", "\uFEFF  " + adminJSONEncode + "\n", []string{"iam.wildcard_action@0/critical"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := IAMPolicyFindings(tt.policy)
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if k := keys(got); !slices.Equal(k, tt.want) {
				t.Errorf("got %v, want %v", k, tt.want)
			}
			checkFindingShape(t, got)
		})
	}
}

func TestIAMPolicyFindingsMessages(t *testing.T) {
	got, err := IAMPolicyFindings(`{"Statement":[{"Sid":"Ops","Effect":"Allow","Action":["iam:Put*","iam:AttachRolePolicy"],"Resource":"*"}]}`)
	if err != nil || len(got) != 1 {
		t.Fatalf("got %v, %v", got, err)
	}
	msg := got[0].Message
	for _, want := range []string{"statement 0 allows", "AttachRolePolicy (iam:AttachRolePolicy)", "iam:PutUserPolicy", "iam:PutRolePolicy", `Resource "*"`} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if strings.Contains(msg, "Ops") {
		t.Errorf("message %q quotes the Sid", msg)
	}
	if !slices.Contains(got[0].References, "NIST SP 800-53 Rev. 5 AC-6") {
		t.Errorf("references %v", got[0].References)
	}
}

func TestIAMPolicyFindingsErrors(t *testing.T) {
	tests := []struct{ policy, want string }{
		{"", "policy is empty"},
		{"   \n", "policy is empty"},
		{`{"Version":"2012-10-17","Statement":`, "policy is not valid JSON: unexpected end of JSON input at offset"},
		{`{"Statement": [}`, "policy is not valid JSON: invalid character"},
		{`[1,2]`, "policy is a list, expected a JSON object"},
		{`"just a string"`, "policy is a string"},
		{`{"Version":"2012-10-17"}`, `policy has no "Statement"`},
		{`{"Statement":"x"}`, `policy "Statement" is a string`},
		{`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},"oops"]}`, "statement 1 is not an object"},
		{`{"Statement":[{"Effect":"Allow","Action":5,"Resource":"*"}]}`, "statement 0: Action is a number, expected a string or a list of strings"},
		{`{"Statement":[{"Effect":"Allow","Action":["s3:GetObject",7],"Resource":"*"}]}`, "statement 0: Action [1] is a number"},
		{`{"Statement":[{"Effect":"Allow","Principal":5,"Action":"s3:GetObject"}]}`, "statement 0: Principal is a number"},
	}
	for _, tt := range tests {
		_, err := IAMPolicyFindings(tt.policy)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want %q", tt.policy, err, tt.want)
		}
	}
}

func TestGlobMatchFold(t *testing.T) {
	tests := []struct {
		p, s string
		want bool
	}{
		{"*", "iam:PassRole", true}, {"iam:*", "IAM:PASSROLE", true}, {"iam:Pass*", "iam:PassRole", true},
		{"iam:*Role*", "iam:PutRolePolicy", true}, {"iam:?assRole", "iam:PassRole", true}, {"iam:PassRole", "iam:passrole", true},
		{"iam:Get*", "iam:PassRole", false}, {"s3:*", "iam:PassRole", false}, {"", "iam:PassRole", false}, {"iam:PassRole?", "iam:PassRole", false},
		{"**:**", "sts:AssumeRole", true}, {"a*b*c*d*e*f*g", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false},
	}
	for _, tt := range tests {
		if got := globMatchFold(tt.p, tt.s); got != tt.want {
			t.Errorf("globMatchFold(%q, %q) = %v", tt.p, tt.s, got)
		}
	}
}

func TestIAMConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := IAMPolicyFindings(benchPolicy)
			if err != nil || len(got) == 0 {
				t.Errorf("got %v, %v", got, err)
			}
		}()
	}
	wg.Wait()
}

var benchPolicy = func() string {
	var b strings.Builder
	b.WriteString(`{"Version":"2012-10-17","Statement":[`)
	for i := range 50 {
		if i > 0 {
			b.WriteString(",")
		}
		switch i % 5 {
		case 0:
			b.WriteString(`{"Sid":"S` + strconv.Itoa(i) + `","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::b/*"]}`)
		case 1:
			b.WriteString(`{"Effect":"Allow","Action":["iam:Put*","iam:PassRole","ec2:*"],"Resource":"*"}`)
		case 2:
			b.WriteString(`{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:root","*"]},"Action":"sts:AssumeRole"}`)
		case 3:
			b.WriteString(`{"Effect":"Deny","NotAction":["iam:*"],"Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}`)
		default:
			b.WriteString(`{"Effect":"Allow","NotResource":"arn:aws:s3:::x","Action":"*"}`)
		}
	}
	b.WriteString(`]}`)
	return b.String()
}()

func BenchmarkIAMPolicyFindings(b *testing.B) {
	b.SetBytes(int64(len(benchPolicy)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := IAMPolicyFindings(benchPolicy); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzIAMPolicyFindings(f *testing.F) {
	for _, s := range []string{
		adminJSONEncode, adminHeredoc, policyDocument, benchPolicy, "", "{", "[]", `{"Statement":null}`,
		`{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}}`,
		`{"Statement":[{"Effect":"Allow","NotAction":"*","NotResource":["*"],"Condition":{}}]}`,
		`{"Statement":[{"Effect":"Allow","Action":"i*m:*P*R?le","Resource":"*"}]}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := IAMPolicyFindings(s)
		if err != nil {
			if got != nil || err.Error() == "" {
				t.Fatalf("error %v with findings %v", err, got)
			}
			return
		}
		checkFindingShape(t, got)
		prev := -1
		for _, f := range got {
			if f.Index < prev || f.Index < 0 || f.Line != 0 {
				t.Fatalf("bad order or position: %+v", f)
			}
			prev = f.Index
		}
		again, _ := IAMPolicyFindings(s)
		if !slices.EqualFunc(got, again, func(a, b Finding) bool { return a.ID == b.ID && a.Message == b.Message }) {
			t.Fatal("non-deterministic result")
		}
	})
}
