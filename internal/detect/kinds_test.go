package detect

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// allKinds is every finding kind the detectors document, by id.
func allKinds() map[string]FindingKind {
	out := map[string]FindingKind{}
	for _, list := range [][]FindingKind{FirewallFindingKinds(), IAMFindingKinds(), BucketPolicyFindingKinds(),
		PublicAccessBlockFindingKinds(), BucketACLFindingKinds(), SecretFindingKinds(), PatchFindingKinds()} {
		for _, k := range list {
			out[k.ID] = k
		}
	}
	return out
}

func TestFindingKindTablesAreWellFormed(t *testing.T) {
	for id, k := range allKinds() {
		if !strings.Contains(id, ".") || k.Meaning == "" || len(k.Severities) == 0 || !strings.HasSuffix(k.Meaning, ".") {
			t.Errorf("%s: malformed %+v", id, k)
		}
		if !slices.IsSortedFunc(k.Severities, func(a, b string) int { return severityRank(a) - severityRank(b) }) {
			t.Errorf("%s: severities %v not most severe first", id, k.Severities)
		}
	}
}

// TestEveryFindingKindIsReachable gives each documented id one input that
// produces it, so a kind cannot be listed in the docs without being
// returned, nor returned without being listed (checkFindingShape checks the
// second half on every test's findings).
func TestEveryFindingKindIsReachable(t *testing.T) {
	many := func(unit string, n int) string { return strings.Repeat(unit, n) }
	policy := func(stmts string) string { return `{"Version":"2012-10-17","Statement":[` + stmts + `]}` }
	world := func(port int) map[string]any {
		return map[string]any{"cidr_blocks": []any{"0.0.0.0/0"}, "from_port": float64(port), "to_port": float64(port), "protocol": "tcp"}
	}
	manyRules := make([]any, MaxFindings+1)
	for i := range manyRules {
		manyRules[i] = world(22)
	}
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	run := map[string]func() ([]Finding, error){
		"firewall.world_open_all_ports": func() ([]Finding, error) {
			return FirewallFindingsFromInput([]any{world(0), map[string]any{"cidr_blocks": []any{"::/0"}, "protocol": "-1"}})
		},
		"firewall.world_open_admin_port":    func() ([]Finding, error) { return FirewallFindingsFromInput([]any{world(22)}) },
		"firewall.world_open_database_port": func() ([]Finding, error) { return FirewallFindingsFromInput([]any{world(5432)}) },
		"firewall.invalid_rule":             func() ([]Finding, error) { return FirewallFindingsFromInput([]any{world(70000)}) },
		"firewall.more_findings":            func() ([]Finding, error) { return FirewallFindingsFromInput(manyRules) },
		"iam.wildcard_action": func() ([]Finding, error) {
			return IAMPolicyFindings(policy(`{"Effect":"Allow","Action":"*","Resource":"*"}`))
		},
		"iam.not_action_allow": func() ([]Finding, error) {
			return IAMPolicyFindings(policy(`{"Effect":"Allow","NotAction":"s3:*","Resource":"arn:aws:s3:::x"}`))
		},
		"iam.not_resource_allow": func() ([]Finding, error) {
			return IAMPolicyFindings(policy(`{"Effect":"Allow","Action":"s3:GetObject","NotResource":"arn:aws:s3:::x"}`))
		},
		"iam.pass_role_wildcard": func() ([]Finding, error) {
			return IAMPolicyFindings(policy(`{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}`))
		},
		"iam.privilege_escalation": func() ([]Finding, error) {
			return IAMPolicyFindings(policy(`{"Effect":"Allow","Action":"ssm:SendCommand","Resource":"*"}`))
		},
		"iam.public_trust": func() ([]Finding, error) {
			return IAMPolicyFindings(policy(`{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}`))
		},
		"iam.more_findings": func() ([]Finding, error) {
			return IAMPolicyFindings(policy(strings.TrimSuffix(many(`{"Effect":"Allow","Action":"*","Resource":"*"},`, MaxFindings+1), ",")))
		},
		"bucket.public_read": func() ([]Finding, error) {
			return BucketPolicyFindings(policy(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}`))
		},
		"bucket.public_write": func() ([]Finding, error) {
			return BucketPolicyFindings(policy(`{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"*"}`))
		},
		"bucket.more_findings": func() ([]Finding, error) {
			return BucketPolicyFindings(policy(strings.TrimSuffix(many(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},`, MaxFindings+1), ",")))
		},
		"bucket.public_access_block_disabled": func() ([]Finding, error) { return PublicAccessBlockFindingsFromInput(map[string]any{}) },
		"bucket.public_acl":                   func() ([]Finding, error) { return BucketACLFindings("public-read"), nil },
		"patch.stale":                         func() ([]Finding, error) { return PatchFindings(now.AddDate(0, -3, 0), now, 30) },
		"patch.future_date":                   func() ([]Finding, error) { return PatchFindings(now.AddDate(0, 0, 3), now, 30) },
		"secret.more_findings": func() ([]Finding, error) {
			return SecretFindings(many(`password = "hunter2!"`+"\n", MaxFindings+1)), nil
		},
	}
	for id := range allKinds() {
		if strings.HasPrefix(id, "secret.") && id != "secret.more_findings" {
			continue // TestEverySecretKindHasASample covers each kind of secret
		}
		f, ok := run[id]
		if !ok {
			t.Errorf("%s has no sample input", id)
			continue
		}
		got, err := f()
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		if !slices.Contains(ids(got), id) {
			t.Errorf("%s: sample gave %v", id, ids(got))
		}
		checkFindingShape(t, got)
	}
	for id := range run {
		if _, ok := allKinds()[id]; !ok {
			t.Errorf("%s has a sample but is not in any table", id)
		}
	}
}

// The "and N more" finding says how many were left out and carries the
// most severe of their severities.
func TestMoreFindingsSummary(t *testing.T) {
	rules := make([]FirewallRule, 0, MaxFindings+10)
	for range MaxFindings {
		rules = append(rules, FirewallRule{Sources: []string{"0.0.0.0/0"}, FromPort: 5432, ToPort: 5432, Protocol: "tcp"})
	}
	for range 10 {
		rules = append(rules, FirewallRule{Sources: []string{"0.0.0.0/0"}, FromPort: 22, ToPort: 22, Protocol: "tcp"})
	}
	got := FirewallFindings(rules)
	if len(got) != MaxFindings+1 {
		t.Fatalf("got %d findings", len(got))
	}
	last := got[MaxFindings]
	want := fmt.Sprintf("… and 10 more findings not listed (the result stops at %d), the first at element %d.", MaxFindings, MaxFindings)
	if last.ID != "firewall.more_findings" || last.Severity != SeverityCritical || last.Message != want {
		t.Errorf("summary %+v", last)
	}
}
