package evidence

import (
	"strings"
	"testing"
)

func TestParseAddress(t *testing.T) {
	for _, c := range []struct{ key, typ, shown string }{
		{"aws_db_instance.orders", "aws_db_instance", "aws_db_instance.orders"},
		{"module.db.aws_db_instance.this[0]", "aws_db_instance", "module.db.aws_db_instance.this[0]"},
		{`aws_s3_bucket.logs["eu"]`, "aws_s3_bucket", `aws_s3_bucket.logs["eu"]`},
		// Names Terraform accepts: letters of any script, dashes.
		{"aws_db_instance.données-clients", "aws_db_instance", "aws_db_instance.données-clients"},
		{"module.base_de_données.aws_db_instance.日本", "aws_db_instance", "module.base_de_données.aws_db_instance.日本"},
		// Instance keys holding ] and quotes; long ones are cut to four characters.
		{`aws_security_group.db["a]b"]`, "aws_security_group", `aws_security_group.db["a]b"]`},
		{`aws_security_group.db["x\"]"]`, "aws_security_group", `aws_security_group.db["x\"]"]`},
		{`module.m["hunter2-secret"].aws_security_group.db["AKIAIOSFODNN7EXAMPLE"]`, "aws_security_group",
			`module.m["hunt…"].aws_security_group.db["AKIA…"]`},
		{"data.aws_iam_policy_document.p", "aws_iam_policy_document", "data.aws_iam_policy_document.p"},
	} {
		a, err := ParseAddress(c.key)
		if err != nil {
			t.Errorf("%s: %v", c.key, err)
			continue
		}
		if a.Type != c.typ || a.String() != c.shown {
			t.Errorf("%s: type %q shown %s, want %q %s", c.key, a.Type, a.String(), c.typ, c.shown)
		}
	}
	for _, bad := range []string{"", "aws_db_instance", "aws_db_instance.", "1aws.x", "aws_db_instance.x[", `aws_db_instance.x["a]`,
		"aws_db_instance.x[a]", "aws_db_instance.x.y", "module.aws_db_instance", "Aws.x", "aws_db_instance.-x"} {
		if _, err := ParseAddress(bad); err == nil {
			t.Errorf("%q: accepted", bad)
		}
	}
	if got := DescribeKey("sk_live_0123456789abcdef"); strings.Contains(got, "0123") {
		t.Errorf("a key that is no address is echoed: %s", got)
	}
}

func sgObj(port float64) map[string]any {
	return map[string]any{"name": "db", "ingress": []any{map[string]any{"from_port": port, "to_port": port, "protocol": "tcp",
		"cidr_blocks": []any{"0.0.0.0/0"}}}}
}

func TestReadEvidenceShapes(t *testing.T) {
	type want struct {
		sources   []string // the Source of the items, in order, deduplicated
		errs      []string // substrings of the errors' details
		notJudged []string // substrings of the not-judged reasons
	}
	for _, c := range []struct {
		name string
		ev   map[string]any
		want want
	}{
		{"one object", map[string]any{"aws_security_group.db": sgObj(22)},
			want{sources: []string{"aws_security_group.db"}}},
		{"a for_each map is judged instance by instance",
			map[string]any{"aws_security_group.db": map[string]any{"a": sgObj(443), "b": sgObj(22)}},
			want{sources: []string{`aws_security_group.db["a"]`, `aws_security_group.db["b"]`}}},
		{"a for_each map's long keys are cut",
			map[string]any{"aws_security_group.db": map[string]any{"production-eu": sgObj(22)}},
			want{sources: []string{`aws_security_group.db["prod…"]`}}},
		{"for_each keys that read the same once cut are numbered",
			map[string]any{"aws_security_group.db": map[string]any{"production-a": sgObj(22), "production-b": sgObj(22), "qa": sgObj(22)}},
			want{sources: []string{`aws_security_group.db["prod…"] (instance 1 of 3)`, `aws_security_group.db["prod…"] (instance 2 of 3)`,
				`aws_security_group.db["qa"]`}}},
		{"for_each keys that are attribute names",
			map[string]any{"aws_security_group.db": map[string]any{"ingress": sgObj(22), "egress": sgObj(443)}},
			want{sources: []string{`aws_security_group.db["egre…"]`, `aws_security_group.db["ingr…"]`}}},
		{"a count list is judged instance by instance",
			map[string]any{"aws_security_group.db": []any{sgObj(443), nil, sgObj(22)}},
			want{sources: []string{"aws_security_group.db[0]", "aws_security_group.db[2]"}}},
		{"a map of objects that are not the resource",
			map[string]any{"aws_security_group.db": map[string]any{"a": map[string]any{"x": 1.0}, "b": map[string]any{"y": 2.0}}},
			want{errs: []string{`aws_security_group.db: is a map of 2 objects keyed "a", "b": a for_each resource?`}}},
		{"a wrapper without the resource's attributes (terraform_data without .input)",
			map[string]any{"aws_db_instance.db": map[string]any{"id": "x", "input": map[string]any{}, "output": nil, "triggers_replace": nil}},
			want{errs: []string{`aws_db_instance.db: holds none of aws_db_instance's attributes (found "inpu…", "outp…", "trig…")`}}},
		{"a stand-in with a misspelt attribute",
			map[string]any{"aws_db_instance.db": map[string]any{"storage_encrypted": true, "publicly_accesible": false}},
			want{errs: []string{`aws_db_instance has no attribute "publ…" (did you mean "publicly_accessible"?) (the schema of hashicorp/aws 6.25.0)`}}},
		{"a list of strings", map[string]any{"aws_security_group.db": []any{"a"}},
			want{errs: []string{"is a list of 1 values that are not all aws_security_group objects: a count resource?"}}},
		{"a wrong value type inside the object names the instance once",
			map[string]any{"aws_db_instance.db": []any{map[string]any{"storage_encrypted": "yes"}}},
			want{errs: []string{"aws_db_instance.db[0]: storage_encrypted: must be a bool, got a string"}}},
		{"a string", map[string]any{"aws_db_instance.db": "x"},
			want{errs: []string{"must be the resource's object, got a string"}}},
		{"null: count = 0", map[string]any{"aws_db_instance.db": nil},
			want{notJudged: []string{"aws_db_instance.db is null: nothing to judge"}}},
		{"an empty for_each", map[string]any{"aws_db_instance.db": map[string]any{}},
			want{notJudged: []string{"empty object (a for_each resource with no instances)"}}},
		{"an empty count", map[string]any{"aws_db_instance.db": []any{}},
			want{notJudged: []string{"empty list (a count resource with no instances)"}}},
		{"a real type no table maps", map[string]any{"aws_cloudwatch_dashboard.q": map[string]any{"dashboard_name": "q"}},
			want{notJudged: []string{"aws_cloudwatch_dashboard.q is not judged: no evidence mapping reads aws_cloudwatch_dashboard yet"}}},
		{"a real unmapped type must still be its resource", map[string]any{"aws_cloudwatch_dashboard.q": map[string]any{"nme": "q"}},
			want{errs: []string{`aws_cloudwatch_dashboard.q: holds none of aws_cloudwatch_dashboard's attributes (found "nme")`}}},
		{"no provider's type", map[string]any{"aws_db_instanc.db": map[string]any{}},
			want{errs: []string{`resource type "aws_…" is none of hashicorp/aws, azurerm, google or azuread's resource types; did you mean "aws_db_instance"`}}},
		{"a data source of a mapped type is judged by its mapping", map[string]any{"data.aws_db_instance.db": map[string]any{"storage_encrypted": true}},
			want{sources: []string{"data.aws_db_instance.db"}}},
		{"a data source no mapping reads", map[string]any{"data.aws_iam_policy_document.p": map[string]any{"json": "{}"}},
			want{notJudged: []string{"data.aws_iam_policy_document.p is not judged: no evidence mapping reads aws_iam_policy_document"}}},
		{"a key that is no address", map[string]any{"sk_live_0123456789": map[string]any{}},
			want{errs: []string{`the key "sk_l…" (not a resource address)`}}},
		{"a name with non-ASCII letters", map[string]any{"aws_db_instance.données": map[string]any{"storage_encrypted": true}},
			want{sources: []string{"aws_db_instance.données"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := testEngine.ReadEvidence(c.ev)
			var sources []string
			for _, it := range r.Items {
				if len(sources) == 0 || sources[len(sources)-1] != it.Source {
					sources = append(sources, it.Source)
				}
			}
			if strings.Join(sources, " ") != strings.Join(c.want.sources, " ") {
				t.Errorf("sources %q, want %q", sources, c.want.sources)
			}
			var errs, nj []string
			for _, e := range r.Errors {
				errs = append(errs, e.Detail)
			}
			for _, n := range r.NotJudged {
				nj = append(nj, n.Reason)
			}
			check := func(what string, got, want []string) {
				if len(got) != len(want) {
					t.Errorf("%s %q, want %d matching %q", what, got, len(want), want)
					return
				}
				for i := range want {
					if !strings.Contains(got[i], want[i]) {
						t.Errorf("%s %q, want it to contain %q", what, got[i], want[i])
					}
				}
			}
			check("errors", errs, c.want.errs)
			check("not judged", nj, c.want.notJudged)
		})
	}
}

// A for_each instance with SSH open to the world is a violation under its
// own address, not hidden by the map around it.
func TestForEachInstanceIsJudged(t *testing.T) {
	r := testEngine.ReadEvidence(map[string]any{"aws_security_group.db": map[string]any{"a": sgObj(443), "b": sgObj(22)}})
	for _, it := range r.Items {
		if it.Source == `aws_security_group.db["b"]` && it.Value.State == 1 && len(it.Value.Rules) == 1 {
			return
		}
	}
	t.Errorf("instance b's rules were not read: %+v", r.Items)
}

// A null nested-block list is no blocks: not an unencrypted volume.
func TestNullBlockListIsNoBlocks(t *testing.T) {
	obj := map[string]any{"ami": "ami-1", "root_block_device": []any{map[string]any{"encrypted": true}},
		"ebs_block_device": nil, "associate_public_ip_address": false}
	items, err := testEngine.Extract("aws_instance", "aws_instance.a", obj)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.Check == "aws_instance.ebs_volume_not_encrypted" {
			t.Errorf("a null ebs_block_device was read as a volume: %+v", it)
		}
	}
}

// resource_findings: a null object is nothing to judge, a real unmapped
// type gives no findings, a for_each map or a wrapper is an error.
func TestFindingsShapes(t *testing.T) {
	if fs, err := judgeAlone("aws_db_instance", nil); err != nil || len(fs) != 0 {
		t.Errorf("null: %v %v", fs, err)
	}
	if fs, err := judgeAlone("aws_cloudwatch_dashboard", map[string]any{"dashboard_name": "q"}); err != nil || len(fs) != 0 {
		t.Errorf("unmapped: %v %v", fs, err)
	}
	if _, err := judgeAlone("aws_cloudwatch_dashboard", map[string]any{"nme": "q"}); err == nil {
		t.Error("an object that is not an aws_cloudwatch_dashboard was accepted")
	}
	if _, err := judgeAlone("aws_db_instanc", map[string]any{}); err == nil || !strings.Contains(err.Error(), `did you mean "aws_db_instance"`) {
		t.Errorf("no provider's type: %v", err)
	}
	_, err := judgeAlone("aws_security_group", map[string]any{"a": sgObj(22), "b": sgObj(22)})
	if err == nil || !strings.Contains(err.Error(), `a map of 2 objects keyed "a", "b": a for_each resource`) {
		t.Errorf("for_each map: %v", err)
	}
	_, err = judgeAlone("aws_db_instance", map[string]any{"id": "x", "input": map[string]any{}})
	if err == nil || !strings.Contains(err.Error(), "holds none of aws_db_instance's attributes") {
		t.Errorf("wrapper: %v", err)
	}
}
