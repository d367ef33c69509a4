package evidence

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// awsDefaultState says what an unset attribute must read as: "known" where
// the mapping applies the cloud's default, "null" where the resource says
// nothing and a setting elsewhere decides.
type awsDefaultState struct {
	Type, Name, Check, State string
	Obj                      map[string]any
}

var awsDefaultStates []awsDefaultState

func TestAWSUnsetAttributesTakeTheCloudDefault(t *testing.T) {
	for _, c := range awsDefaultStates {
		items, err := testEngine.Extract(c.Type, c.Type, c.Obj)
		if err != nil {
			t.Fatalf("%s/%s: %v", c.Type, c.Name, err)
		}
		found := false
		for _, it := range items {
			if it.Check != c.Check {
				continue
			}
			found = true
			switch c.State {
			case "known":
				if it.Value.State != policy.Known {
					t.Errorf("%s/%s: %s reads %+v, want the documented default", c.Type, c.Name, c.Check, it.Value)
				}
			case "null":
				if it.Value.State != policy.Null {
					t.Errorf("%s/%s: %s reads %+v, want nothing (a setting elsewhere decides)", c.Type, c.Name, c.Check, it.Value)
				}
			}
		}
		if !found && c.State == "known" {
			t.Errorf("%s/%s: %s yields no evidence", c.Type, c.Name, c.Check)
		}
	}
}

// The secrets planted in the generated cases never reach a message,
// remediation or shown value.
func TestAWSTablesNeverEchoSecrets(t *testing.T) {
	noCaseEchoes(t, casesByCloud["aws-tables"], "Xk9#mQ2$vL7pR4wZ")
}

func naclRule(action string, no float64, cidr, proto string, from, to float64) map[string]any {
	return map[string]any{"action": action, "rule_no": no, "cidr_block": cidr, "ipv6_cidr_block": "", "protocol": proto,
		"from_port": from, "to_port": to, "icmp_code": nil, "icmp_type": nil}
}

func TestNetworkACLRulesFollowRuleOrder(t *testing.T) {
	mp := Mapping{Attribute: "ingress", Read: "nacl"}
	for _, c := range []struct {
		name   string
		rules  []any
		origin []int // input index of each allow rule that reaches the detector
	}{
		{"a lower deny on the same port shadows the allow",
			[]any{naclRule("allow", 200, "0.0.0.0/0", "tcp", 22, 22), naclRule("deny", 100, "0.0.0.0/0", "6", 22, 22)}, nil},
		{"a higher deny does not", []any{naclRule("allow", 100, "0.0.0.0/0", "tcp", 22, 22), naclRule("deny", 200, "0.0.0.0/0", "tcp", 22, 22)}, []int{0}},
		{"a deny of every protocol shadows any allow", []any{naclRule("deny", 1, "0.0.0.0/0", "-1", 0, 0), naclRule("allow", 100, "0.0.0.0/0", "-1", 0, 0)}, nil},
		{"a deny covering part of the ports does not", []any{naclRule("deny", 1, "0.0.0.0/0", "tcp", 22, 22), naclRule("allow", 100, "0.0.0.0/0", "tcp", 0, 1024)}, []int{1}},
		{"a deny of a narrower source does not shadow a wider allow", []any{naclRule("deny", 1, "10.0.0.0/8", "tcp", 22, 22),
			naclRule("allow", 100, "0.0.0.0/0", "tcp", 22, 22)}, []int{1}},
		{"a deny of the whole family shadows a narrower allow", []any{naclRule("deny", 1, "0.0.0.0/0", "tcp", 22, 22),
			naclRule("allow", 100, "10.0.0.0/8", "tcp", 22, 22)}, nil},
		{"an IPv4 deny does not shadow an IPv6 allow", []any{naclRule("deny", 1, "0.0.0.0/0", "-1", 0, 0),
			map[string]any{"action": "allow", "rule_no": 100.0, "cidr_block": "", "ipv6_cidr_block": "::/0", "protocol": "tcp", "from_port": 3389.0, "to_port": 3389.0}}, []int{1}},
	} {
		v, _, err := readers["nacl"].read(mp, c.rules, nil)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if fmt.Sprint(v.RuleOrigin) != fmt.Sprint(c.origin) && !(len(v.RuleOrigin) == 0 && len(c.origin) == 0) {
			t.Errorf("%s: rules from %v, want %v", c.name, v.RuleOrigin, c.origin)
		}
	}
	// One aws_network_acl_rule: an egress rule admits nothing inbound.
	rule := map[string]any{"egress": true, "rule_action": "allow", "rule_number": 100.0, "cidr_block": "0.0.0.0/0", "protocol": "-1", "from_port": 0.0, "to_port": 0.0}
	if v, _, err := readers["nacl"].read(Mapping{Read: "nacl"}, rule, nil); err != nil || len(v.Rules) != 0 {
		t.Errorf("egress rule: %+v %v", v, err)
	}
	_, _, err := readers["nacl"].read(mp, []any{naclRule("permit", 1, "0.0.0.0/0", "tcp", 22, 22)}, nil)
	if err == nil || !strings.Contains(err.Error(), "ingress") || strings.Contains(err.Error(), "permit") {
		t.Errorf("a bad action must be an error naming the attribute and not echoing the value, got %v", err)
	}
}

func TestSecretTexts(t *testing.T) {
	mp := Mapping{Attribute: "environment[0].variables", Read: "secret_texts"}
	v, shown, err := readers["secret_texts"].read(mp, map[string]any{"B": "2", "A": "1"}, nil)
	if err != nil || fmt.Sprint(v.Strings) != "[A=1 B=2]" || strings.Contains(shown, "1") {
		t.Errorf("map: %v %q %v", v.Strings, shown, err)
	}
	v, _, _ = readers["secret_texts"].read(mp, []any{map[string]any{"name": "TOKEN", "value": "x", "type": "PLAINTEXT"}}, nil)
	if fmt.Sprint(v.Strings) != "[TOKEN=x]" {
		t.Errorf("name/value list: %v", v.Strings)
	}
	// base64 user data is scanned decoded as well.
	v, _, _ = readers["secret_texts"].read(mp, "IyEvYmluL2Jhc2gKZWNobyBoaQo=", nil)
	if len(v.Strings) != 2 || v.Strings[1] != "#!/bin/bash\necho hi\n" {
		t.Errorf("base64: %q", v.Strings)
	}
	if _, _, err := readers["secret_texts"].read(mp, map[string]any{"A": []any{true}}, nil); err != nil {
		t.Errorf("a map with a non-string value is skipped, got %v", err)
	}
}

func TestCustomerKeyReader(t *testing.T) {
	mp := Mapping{Attribute: "kms_master_key_id", Read: "customer_key"}
	for in, want := range map[string]bool{
		"alias/aws/sqs": false, "arn:aws:kms:eu-west-1:111122223333:alias/aws/sns": false, "": false,
		"alias/orders": true, "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab": true,
	} {
		v, shown, err := readers["customer_key"].read(mp, in, nil)
		if err != nil || v.State != policy.Known || v.Bool != want || strings.Contains(shown, "orders") {
			t.Errorf("%q: %+v %q %v, want %v", in, v, shown, err, want)
		}
	}
}

func TestResourcePolicyReadsResourceAsItself(t *testing.T) {
	mp := Mapping{Attribute: "policy", Read: "resource_policy"}
	judge := func(doc string) []string {
		v, _, err := readers["resource_policy"].read(mp, doc, nil)
		if err != nil {
			t.Fatal(err)
		}
		fs, err := detect.IAMPolicyFindings(v.String)
		if err != nil {
			return []string{"error"}
		}
		var ids []string
		for _, f := range fs {
			ids = append(ids, f.ID)
		}
		return ids
	}
	owner := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}`
	if ids := judge(owner); len(ids) != 0 {
		t.Errorf("the default key policy (kms:* for the account on Resource \"*\") must pass, got %v", ids)
	}
	anyone := `{"Statement":{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*"}}`
	if ids := judge(anyone); fmt.Sprint(ids) != "[iam.public_trust]" {
		t.Errorf("a public statement: %v", ids)
	}
	if ids := judge("not json"); fmt.Sprint(ids) != "[error]" {
		t.Errorf("a broken document goes to the detector unchanged: %v", ids)
	}
}

func TestParameterReader(t *testing.T) {
	mp := Mapping{Attribute: "parameter", Read: "parameter", Values: []string{"rds.force_ssl=1", "require_secure_transport=ON"}}
	param := func(name, value string) map[string]any {
		return map[string]any{"name": name, "value": value, "apply_method": "immediate"}
	}
	for _, c := range []struct {
		in    []any
		state policy.State
		want  bool
	}{
		{[]any{param("log_connections", "1"), param("RDS.FORCE_SSL", "1")}, policy.Known, true},
		{[]any{param("require_secure_transport", "on")}, policy.Known, true},
		{[]any{param("require_secure_transport", "OFF")}, policy.Known, false},
		{[]any{param("log_connections", "1")}, policy.Null, false},
	} {
		v, shown, err := readers["parameter"].read(mp, c.in, nil)
		if err != nil || v.State != c.state || v.Bool != c.want || strings.Contains(shown, "OFF") {
			t.Errorf("%v: %+v %q %v", c.in, v, shown, err)
		}
	}
	if err := readers["parameter"].check(Mapping{Read: "parameter", Values: []string{"rds.force_ssl"}}); err == nil {
		t.Error("a value without \"=\" must be refused at load")
	}
	if _, _, err := readers["parameter"].read(mp, "rds.force_ssl=1", nil); err == nil || !strings.Contains(err.Error(), "parameter") {
		t.Errorf("a string must be an error naming the attribute, got %v", err)
	}
}

// A resource that decides another's unset value settles it when both are in
// the same workload's evidence: EBS encryption by default for a volume
// without encrypted (and for an instance's root volume, whose documented
// default is false).
func TestSettledByAnotherResourceInTheEvidence(t *testing.T) {
	volume := map[string]any{"availability_zone": "eu-west-1a", "size": 10.0, "encrypted": nil, "kms_key_id": nil}
	instance := map[string]any{"ami": "ami-1", "instance_type": "t3.micro", "root_block_device": []any{map[string]any{"encrypted": nil, "volume_size": 20.0}}}
	read := func(byDefault any) map[string]policy.Value {
		ev := map[string]any{"aws_ebs_volume.data": volume, "aws_instance.web": instance}
		if byDefault != nil {
			ev["aws_ebs_encryption_by_default.this"] = map[string]any{"enabled": byDefault}
		}
		r := testEngine.ReadEvidence(ev)
		if len(r.Errors) > 0 {
			t.Fatalf("errors: %+v", r.Errors)
		}
		out := map[string]policy.Value{}
		for _, it := range r.Items {
			out[it.Check] = it.Value
		}
		return out
	}
	const vol, root = "aws_ebs_volume.not_encrypted", "aws_instance.root_volume_not_encrypted"
	is := func(v policy.Value, b bool) bool { return v.State == policy.Known && v.Bool == b }
	if got := read(nil); got[vol].State != policy.Null || got[root].State != policy.Known || got[root].Bool {
		t.Errorf("alone: volume %+v (want nothing), root %+v (want the documented false)", got[vol], got[root])
	}
	if got := read(true); !is(got[vol], true) || !is(got[root], true) {
		t.Errorf("encryption by default on: volume %+v, root %+v", got[vol], got[root])
	}
	if got := read(false); !is(got[vol], false) {
		t.Errorf("encryption by default off: volume %+v", got[vol])
	}
	if got := read(Unknown); got[vol].State != policy.Unknown {
		t.Errorf("encryption by default unknown: volume %+v", got[vol])
	}
	// A volume that says encrypted = false is not overruled.
	volume["encrypted"] = false
	if got := read(true); !is(got[vol], false) {
		t.Errorf("explicit false: %+v", got[vol])
	}
}

func TestSettledByMustNameAMappingOfTheSameControl(t *testing.T) {
	mk := func(settled string) []Table {
		return []Table{{Cloud: "x", Provider: "p", DocsVersion: "v1", Resources: []Resource{
			{Type: "x_default", ServiceModel: "iaas", Docs: "d", Mappings: []Mapping{{ID: "on", Control: "encryption.at_rest", Attribute: "enabled", Read: "bool", Message: "m", Remediation: "r"},
				{ID: "logs", Control: "logging.enabled", Attribute: "logs", Read: "bool", Message: "m", Remediation: "r"}}},
			{Type: "x_volume", ServiceModel: "iaas", Docs: "d", Mappings: []Mapping{{ID: "enc", Control: "encryption.at_rest", Attribute: "encrypted", Read: "bool",
				Message: "m", Remediation: "r", SettledBy: []string{settled}}}},
		}}}
	}
	if _, err := NewFromTables(testModel, mk("x_default.on")); err != nil {
		t.Fatalf("a valid settler was refused: %v", err)
	}
	for settled, want := range map[string]string{"x_default.off": "names no mapping", "x_default.logs": "evidences logging.enabled", "x_volume.enc": "same resource type"} {
		if _, err := NewFromTables(testModel, mk(settled)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", settled, err, want)
		}
	}
}
