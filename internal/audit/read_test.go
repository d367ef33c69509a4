package audit

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

func TestRead_BadInput(t *testing.T) {
	plan, err := os.ReadFile("testdata/plan_aws.json")
	if err != nil {
		t.Fatal(err)
	}
	deep := `{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_ebs_volume.x","mode":"managed","type":"aws_ebs_volume","values":` +
		strings.Repeat(`{"a":`, 100) + `1` + strings.Repeat(`}`, 100) + `}]}}}`
	veryDeep := strings.Repeat(`[`, 20000) + strings.Repeat(`]`, 20000)
	cases := []struct {
		name, in string
		max      int64
		want     string
	}{
		{"empty", "", 0, "the input is empty"},
		{"blank", " \n\t", 0, "the input is empty"},
		{"not JSON", "Terraform will perform the following actions:", 0, "not a JSON object"},
		{"binary plan file", "PK\x03\x04\x14\x00", 0, "not a JSON object"},
		{"array", `[1,2]`, 0, "not a JSON object"},
		{"truncated", string(plan[:len(plan)/2]), 0, "truncated"},
		{"syntax", `{"format_version": "1.2",}`, 0, "not valid JSON at byte"},
		{"no format_version", `{}`, 0, "format_version is missing"},
		{"format_version not a string", `{"format_version": 1}`, 0, "format_version must be a JSON string"},
		{"other format_version", `{"format_version":"2.0","planned_values":{}}`, 0, `format_version "2.0" is not supported`},
		{"garbage format_version", `{"format_version":"x"}`, 0, `is not a version number`},
		{"newer client", `{"format_version":"1.2","terraform_version":"2.1.0","planned_values":{}}`, 0, `terraform_version "2.1.0" is newer`},
		{"empty plan", `{"format_version":"1.2","terraform_version":"1.8.5","planned_values":{"root_module":{}},"resource_changes":[]}`, 0, "the plan holds no resources"},
		{"empty state", `{"format_version":"1.0","terraform_version":"1.8.5"}`, 0, "neither planned_values nor values"},
		{"too large", string(plan), 1024, "larger than"},
		{"deeply nested values", deep, 0, "nest more than 64 levels"},
		{"nested past the JSON limit", veryDeep, 0, "not a JSON object"},
		{"nested object past the JSON limit", `{"format_version":"1.2","x":` + veryDeep + `}`, 0, "nests values too deeply"},
		{"resources not a list", `{"format_version":"1.2","planned_values":{"root_module":{"resources":{}}}}`, 0, "must be a JSON array"},
		{"resource without type", `{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"x"}]}}}`, 0, "has no address or type"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			limit := c.max
			if limit == 0 {
				limit = DefaultMaxBytes
			}
			in, err := Read(strings.NewReader(c.in), limit)
			if err == nil {
				t.Fatalf("no error; read %d instances", len(in.Instances))
			}
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Errorf("error is %T, want *InputError", err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not say %q", err, c.want)
			}
			if strings.Contains(err.Error(), "\n") || len(err.Error()) > 300 {
				t.Errorf("error is not one short line: %q", err)
			}
		})
	}
}

// A huge input is refused after reading one byte past the limit, never
// whole.
func TestRead_StopsAtLimit(t *testing.T) {
	r := &countingReader{}
	_, err := Read(r, 1<<20)
	if err == nil || !strings.Contains(err.Error(), "larger than 1 MiB") {
		t.Fatalf("err = %v", err)
	}
	if r.n > 2<<20 {
		t.Errorf("read %d bytes of an endless input", r.n)
	}
}

type countingReader struct{ n int }

func (c *countingReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	c.n += len(p)
	return len(p), nil
}

func TestRead_PlanModulesUnknownSensitive(t *testing.T) {
	in := mustRead(t, "testdata/plan_aws.json")
	if in.Kind != KindPlan || in.FormatVersion != "1.2" || in.TerraformVersion != "1.8.5" {
		t.Errorf("kind %q format %q client %q", in.Kind, in.FormatVersion, in.TerraformVersion)
	}
	byAddr := map[string]Instance{}
	for _, i := range in.Instances {
		byAddr[i.Address] = i
	}
	kms, ok := byAddr[`module.logs.module.kms.aws_kms_key.this["eu"]`]
	if !ok || kms.Module != "module.logs.module.kms" {
		t.Fatalf("nested module for_each instance missing or wrong module: %+v", kms)
	}
	if _, ok := byAddr["module.logs.aws_s3_bucket_versioning.this[1]"]; !ok {
		t.Error("count instance [1] missing")
	}
	if d := byAddr["data.aws_caller_identity.current"]; d.Mode != "data" {
		t.Errorf("data source mode %q", d.Mode)
	}
	ebs := asObject(t, byAddr["aws_ebs_volume.scratch"].Values)
	if !policy.IsUnknown(ebs["encrypted"]) || !policy.IsUnknown(ebs["id"]) {
		t.Errorf("after_unknown not merged: encrypted=%v id=%v", ebs["encrypted"], ebs["id"])
	}
	ver := asObject(t, byAddr["module.logs.aws_s3_bucket_versioning.this[0]"].Values)
	blocks := asList(t, ver["versioning_configuration"])
	if len(blocks) != 1 {
		t.Fatalf("versioning_configuration has %d blocks, want 1", len(blocks))
	}
	block := asObject(t, blocks[0])
	if block["status"] != "Suspended" || !policy.IsUnknown(block["mfa_delete"]) {
		t.Errorf("nested unknown not merged: %v", block)
	}
	if !sensitiveAt(byAddr["aws_db_instance.orders"].Sensitive, "password") {
		t.Error("password is not sensitive")
	}
}

func TestRead_State(t *testing.T) {
	state := `{"format_version":"1.0","terraform_version":"1.8.5","values":{"root_module":{"resources":[
	  {"address":"aws_ebs_volume.a","mode":"managed","type":"aws_ebs_volume","name":"a","values":{"encrypted":false},"sensitive_values":{}}],
	  "child_modules":[{"address":"module.m","resources":[
	  {"address":"module.m.aws_ebs_volume.b[0]","mode":"managed","type":"aws_ebs_volume","name":"b","index":0,"values":{"encrypted":true},"sensitive_values":{}}]}]}}}`
	in, err := Read(strings.NewReader(state), 0)
	if err != nil {
		t.Fatal(err)
	}
	if in.Kind != KindState || len(in.Instances) != 2 || in.Instances[1].Module != "module.m" {
		t.Fatalf("%+v", in)
	}
}

// Without planned_values (a minimal writer), the resource changes are read
// and deletions are not judged.
func TestRead_ResourceChangesOnly(t *testing.T) {
	plan := `{"format_version":"1.2","resource_changes":[
	  {"address":"aws_ebs_volume.gone","mode":"managed","type":"aws_ebs_volume","change":{"actions":["delete"],"before":{"encrypted":false},"after":null}},
	  {"address":"aws_ebs_volume.new","mode":"managed","type":"aws_ebs_volume","change":{"actions":["create"],"after":{},"after_unknown":{"encrypted":true}}}]}`
	in, err := Read(strings.NewReader(plan), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Instances) != 1 || in.Instances[0].Address != "aws_ebs_volume.new" {
		t.Fatalf("%+v", in.Instances)
	}
	if v := asObject(t, in.Instances[0].Values); !policy.IsUnknown(v["encrypted"]) {
		t.Errorf("encrypted = %v", v["encrypted"])
	}
}

// A create_before_destroy replacement lists the deposed object's deletion
// under the same address; the new object's values are the ones judged.
func TestRead_DeposedObjectIgnored(t *testing.T) {
	plan := `{"format_version":"1.2","planned_values":{"root_module":{"resources":[
	  {"address":"aws_ebs_volume.v","mode":"managed","type":"aws_ebs_volume","name":"v","values":{"encrypted":true}}]}},
	  "resource_changes":[
	  {"address":"aws_ebs_volume.v","mode":"managed","type":"aws_ebs_volume","change":{"actions":["create"],"after":{"encrypted":true},"after_unknown":{}}},
	  {"address":"aws_ebs_volume.v","mode":"managed","type":"aws_ebs_volume","deposed":"00000001","change":{"actions":["delete"],"before":{"encrypted":false},"after":null}}]}`
	for _, p := range []string{plan, strings.Replace(plan, `"planned_values"`, `"x"`, 1)} {
		in, err := Read(strings.NewReader(p), 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(in.Instances) != 1 || asObject(t, in.Instances[0].Values)["encrypted"] != true {
			t.Errorf("%+v", in.Instances)
		}
	}
}

func TestMergeUnknown(t *testing.T) {
	got := mergeUnknown(map[string]any{"a": []any{map[string]any{"b": 1.0}}},
		map[string]any{"a": []any{map[string]any{"c": true}, true}, "d": true, "e": false})
	m := asObject(t, got)
	list := asList(t, m["a"])
	if len(list) != 2 || !policy.IsUnknown(list[1]) || !policy.IsUnknown(asObject(t, list[0])["c"]) || asObject(t, list[0])["b"] != 1.0 {
		t.Errorf("list merge: %#v", list)
	}
	if !policy.IsUnknown(m["d"]) {
		t.Error("d not unknown")
	}
	if _, has := m["e"]; has {
		t.Error("a known absent attribute was added")
	}
	if !policy.IsUnknown(mergeUnknown(nil, true)) {
		t.Error("a wholly unknown value")
	}
}

func FuzzRead(f *testing.F) {
	// Small seeds: the fuzzer mutates large ones too slowly to explore.
	f.Add([]byte(`{"format_version":"1.2","terraform_version":"1.8.5","planned_values":{"root_module":{"child_modules":[{"address":"module.m",` +
		`"resources":[{"address":"module.m.aws_db_instance.d[0]","mode":"managed","type":"aws_db_instance","values":{"storage_encrypted":false,"password":"p"}},` +
		`{"address":"module.m.srm_workload.w","mode":"managed","type":"srm_workload","values":{"name":"w","findings":[{"control":"backup.enabled","status":"violated",` +
		`"severity":"high","domain":"backup","owner":"shared"}]}}]}]}},"resource_changes":[{"address":"module.m.aws_db_instance.d[0]","change":{"actions":["create"],` +
		`"after":{"storage_encrypted":false,"password":"p"},"after_unknown":{"backup_retention_period":true},"after_sensitive":{"password":true}}}]}`))
	f.Add([]byte(`{"format_version":"1.0","values":{"root_module":{"resources":[{"address":"a.b","type":"a","values":{"x":[1,{"y":null}]}}]}}}`))
	f.Add([]byte(`{"format_version":"1.2","resource_changes":[{"address":"a.b","type":"a","change":{"after":[1],"after_unknown":{"x":[true]}}}]}`))
	f.Add([]byte(`{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_ebs_volume.v","type":"aws_ebs_volume","values":{}}]}},` +
		`"resource_changes":[{"address":"aws_ebs_volume.v","change":{"after":"x","after_unknown":{"encrypted":[true,{"a":true}]},"after_sensitive":[true]}}]}`))
	engine := testEngine()
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := Read(bytes.NewReader(data), 1<<20)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error: %q", err)
			}
			return
		}
		res := Run(in, Options{Engine: engine})
		for _, format := range Formats {
			if _, err := Render(model.Default(), res, format, RenderOptions{}); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
		}
	})
}

func mustRead(t testing.TB, name string) *Input {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	in, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// asObject is v as an object, failing the test when it is not one.
func asObject(t *testing.T, v any) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%T %v is not an object", v, v)
	}
	return m
}

// asList is v as a list, failing the test when it is not one.
func asList(t *testing.T, v any) []any {
	t.Helper()
	l, ok := v.([]any)
	if !ok {
		t.Fatalf("%T %v is not a list", v, v)
	}
	return l
}
