package model

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every example's generated compliant body is what the catalog gives now:
// a new required control fails this test until go generate ./... rewrites
// the examples.
func TestExamplesCompliantBodiesCurrent(t *testing.T) {
	m := Default()
	regions := map[string]int{}
	err := filepath.WalkDir("../../examples", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".tf") || strings.HasSuffix(path, ".tftest.hcl")) {
			return err
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		got, n, err := m.RewriteCompliantBodies(string(raw))
		if err != nil {
			t.Errorf("%s: %v", path, err)
			return nil
		}
		if got != string(raw) {
			t.Errorf("%s: a generated compliant body is stale: run go generate ./internal/model/ (make docs) and commit it", path)
		}
		regions[filepath.ToSlash(path)] += n
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"../../examples/quickstart/main.tf", "../../examples/resources/srm_workload/resource.tf",
		"../../examples/module-consumer/main.tf", "../../examples/modules/secure-workload/tests/baseline.tftest.hcl",
		"../../examples/functions/report/function.tf", "../../examples/data-sources/srm_report/data-source.tf",
		"../../examples/evidence/aws/main.tf", "../../examples/evidence/azure/main.tf", "../../examples/evidence/google/main.tf",
	} {
		if regions[want] == 0 {
			t.Errorf("%s has no generated compliant body", want)
		}
	}
}

func TestRewriteCompliantBodies(t *testing.T) {
	m := Default()
	src := "resource \"srm_workload\" \"x\" {\n" +
		"    " + BodyBegin + " minimum logging.retention_days=30 encryption.min_tls_version=\"1.2\" -network -hardening -backup.enabled\n" +
		"    stale = true\n" +
		"    " + BodyEnd + "\n}\n"
	got, n, err := m.RewriteCompliantBodies(src)
	if err != nil || n != 1 {
		t.Fatalf("%d regions, %v", n, err)
	}
	want := "resource \"srm_workload\" \"x\" {\n" +
		"    " + BodyBegin + " minimum logging.retention_days=30 encryption.min_tls_version=\"1.2\" -network -hardening -backup.enabled\n" +
		"    identity = {\n      mfa_required    = true\n      least_privilege = true\n    }\n" +
		"    encryption = {\n      at_rest         = true\n      in_transit      = true\n      min_tls_version = \"1.2\"\n    }\n" +
		"    logging = {\n      enabled        = true\n      retention_days = 30\n    }\n" +
		"    " + BodyEnd + "\n}\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if again, _, _ := m.RewriteCompliantBodies(got); again != got {
		t.Error("rewriting is not idempotent")
	}
	for spec, msg := range map[string]string{
		"":                                  "names no baseline",
		"lenient":                           `"lenient" is not a preset baseline`,
		"standard encryption.at_rst=true":   `"encryption.at_rst" is not a catalog control`,
		"standard logging.retention_days=x": "logging.retention_days: x is not true, false, a number or a quoted string",
		`standard encryption.min_tls_version="1.2`: "not a quoted string without spaces",
		"standard -storage":                        "-storage: the compliant body has no such group or control",
		"standard logging":                         `"logging" is neither control=value nor -group or -control`,
	} {
		_, _, err := m.RewriteCompliantBodies("a\n  " + BodyBegin + " " + spec + "\n  " + BodyEnd + "\n")
		if err == nil || !strings.Contains(err.Error(), "line 2: ") || !strings.Contains(err.Error(), msg) {
			t.Errorf("%q: %v, want %q", spec, err, msg)
		}
	}
	if _, _, err := m.RewriteCompliantBodies(BodyBegin + " standard\nx = 1\n"); err == nil || !strings.Contains(err.Error(), "line 1: no") {
		t.Errorf("an unclosed region: %v", err)
	}
	if _, _, err := m.RewriteCompliantBodies("x = 1\n" + BodyEnd + "\n"); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("an end without a begin: %v", err)
	}
}
