package pipeline

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shared-responsibility/terraform-provider-srm/internal/evidence"
	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

var testEngine = func() *evidence.Engine {
	e, err := evidence.New(model.Default())
	if err != nil {
		panic(err)
	}
	return e
}()

func config(t *testing.T, matrix string) Config {
	t.Helper()
	m, err := model.ForMatrix(matrix)
	if err != nil {
		t.Fatal(err)
	}
	return Config{Model: m, Evidence: testEngine, Now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }}
}

func TestWorkloadAppliesDefaults(t *testing.T) {
	out := Workload(config(t, model.ConsensusMatrix), map[string]any{"name": "w", "service_model": "paas"})
	if !out.Ready || len(out.Errors) != 0 {
		t.Fatalf("not ready: %+v", out.Errors)
	}
	if out.Input.Classification != DefaultClassification || out.Input.Baseline != DefaultBaseline {
		t.Errorf("defaults: classification %q, baseline %q", out.Input.Classification, out.Input.Baseline)
	}
	cfg := config(t, model.ConsensusMatrix)
	cfg.DefaultBaseline = "strict"
	if out := Workload(cfg, map[string]any{"name": "w", "service_model": "paas"}); out.Input.Baseline != "strict" {
		t.Errorf("the configured default baseline is not applied: %q", out.Input.Baseline)
	}
	if out := Workload(cfg, map[string]any{"name": "w", "service_model": "paas", "baseline": "minimum"}); out.Input.Baseline != "minimum" {
		t.Errorf("a workload's own baseline gave way to the default: %q", out.Input.Baseline)
	}
}

// The matrix decides the owner and so the required controls: under google
// a paas workload owes fewer controls than under consensus, in the
// pipeline as in the evaluator.
func TestWorkloadFollowsTheMatrix(t *testing.T) {
	obj := map[string]any{"name": "w", "service_model": "paas"}
	consensus := Workload(config(t, model.ConsensusMatrix), obj)
	google := Workload(config(t, "google"), obj)
	if slices.Equal(consensus.Result.RequiredControls, google.Result.RequiredControls) {
		t.Fatalf("the matrix changes nothing: %v", google.Result.RequiredControls)
	}
	m, _ := model.ForMatrix("google")
	if want := policy.New(m).RequiredControls("paas", "standard"); !slices.Equal(google.Result.RequiredControls, want) {
		t.Errorf("required controls %v, want %v", google.Result.RequiredControls, want)
	}
	if len(google.Findings) >= len(consensus.Findings) {
		t.Errorf("google flags %d controls, consensus %d; google owns more of paas", len(google.Findings), len(consensus.Findings))
	}
}

func TestWorkloadWaitsForUnknowns(t *testing.T) {
	for _, key := range []string{"service_model", "data_classification", "baseline", "custom_baseline"} {
		obj := map[string]any{"name": "w", "service_model": "paas", key: policy.UnknownValue}
		if out := Workload(config(t, model.ConsensusMatrix), obj); out.Ready || len(out.Errors) > 0 {
			t.Errorf("%s unknown: ready %v, errors %v", key, out.Ready, out.Errors)
		}
	}
	out := Workload(config(t, model.ConsensusMatrix), map[string]any{"name": policy.UnknownValue, "service_model": "paas"})
	if !out.Ready || !strings.Contains(out.Input.Name, "not known") {
		t.Errorf("an unknown name should not hold the verdict back: %+v", out.Input)
	}
}

func TestWorkloadErrorsNameTheAttribute(t *testing.T) {
	for _, tc := range []struct {
		obj  map[string]any
		path string
	}{
		{map[string]any{"service_model": "paas", "encryption": map[string]any{"at_rst": true}}, "encryption.at_rst"},
		{map[string]any{"service_model": "paas", "logging": map[string]any{"retention_days": "many"}}, "logging.retention_days"},
		{map[string]any{"service_model": "paas", "evidence": map[string]any{"not an address": map[string]any{}}}, "evidence"},
		{map[string]any{"service_model": "paas", "evidence": "x"}, "evidence"},
		{map[string]any{"service_model": "paas", "custom_baseline": "{"}, "custom_baseline"},
		{map[string]any{"service_model": "pass"}, "service_model"},
		{map[string]any{"service_model": "paas", "baseline": "paranoid"}, "baseline"},
		{map[string]any{"service_model": "paas", "data_classification": "secret"}, "data_classification"},
	} {
		out := Workload(config(t, model.ConsensusMatrix), tc.obj)
		if out.Ready || len(out.Errors) == 0 || out.Errors[0].Path != tc.path {
			t.Errorf("%v: ready %v, errors %+v; want an error at %s", tc.obj, out.Ready, out.Errors, tc.path)
		}
	}
}

func TestWorkloadFindingsCarryWaiversAndEvidence(t *testing.T) {
	obj := map[string]any{
		"name": "w", "service_model": "paas",
		"encryption": map[string]any{"at_rest": true, "in_transit": true, "min_tls_version": "1.2"},
		"exceptions": []any{map[string]any{"control": "encryption.at_rest", "justification": "migrating",
			"approved_by": "board", "expires": "2026-06-30"}},
		"evidence": map[string]any{"aws_db_instance.orders": map[string]any{"storage_encrypted": false}},
	}
	out := Workload(config(t, model.ConsensusMatrix), obj)
	if !out.Ready {
		t.Fatalf("not ready: %+v", out.Errors)
	}
	var waived *finding.Finding
	for i, f := range out.Findings {
		if f.Control == "encryption.at_rest" {
			waived = &out.Findings[i]
		}
	}
	if waived == nil || waived.Status != finding.StatusWaived || waived.Exception == nil ||
		waived.Exception.ApprovedBy != "board" || waived.Resource != "aws_db_instance.orders" || waived.Attribute != "storage_encrypted" ||
		waived.ID != "aws_db_instance.storage_not_encrypted" {
		t.Errorf("waived evidence finding: %+v", waived)
	}
}

func TestResourceJudgesAlone(t *testing.T) {
	obj := map[string]any{"storage_encrypted": false, "backup_retention_period": 14.0, "publicly_accessible": false}
	fs, err := Resource(config(t, model.ConsensusMatrix), "aws_db_instance", "aws_db_instance.orders", obj)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) == 0 || fs[0].Resource != "aws_db_instance.orders" || fs[0].Status != finding.StatusViolated {
		t.Fatalf("findings: %+v", fs)
	}
	for _, f := range fs {
		if f.Control != "encryption.at_rest" && f.Status == finding.StatusViolated {
			t.Errorf("only encryption.at_rest is violated, got %+v", f)
		}
	}
	if _, err := Resource(config(t, model.ConsensusMatrix), "aws_nothing", "aws_nothing.x", obj); err == nil {
		t.Error("an unsupported type is an error")
	}
	// Options change the rules: strict wants more than a day of backups.
	strict, _ := Resource(config(t, model.ConsensusMatrix), "aws_db_instance", "x",
		map[string]any{"storage_encrypted": true, "backup_retention_period": 1.0}, WithBaseline("strict"))
	if len(strict) == 0 {
		t.Error("the strict baseline should want more than one day of backups")
	}
}

// The catalog's compliant body satisfies its baseline under every matrix
// and service model, and nothing in it is more than its baseline asks.
func TestCompliantBody(t *testing.T) {
	m := model.Default()
	for _, matrix := range m.MatrixIDs() {
		cfg := config(t, matrix)
		for _, baseline := range m.BaselineIDs() {
			body := m.CompliantBody(baseline)
			for _, sm := range m.ServiceModelIDs() {
				obj := map[string]any{"name": "w", "service_model": sm, "baseline": baseline}
				for k, v := range body {
					obj[k] = v
				}
				out := Workload(cfg, obj)
				if !out.Ready || !out.Result.Compliant || len(out.Findings) != 0 {
					t.Errorf("%s/%s/%s: the compliant body is not: %+v %+v", matrix, baseline, sm, out.Errors, out.Findings)
				}
			}
		}
	}
	if got := m.HCL(map[string]any{"encryption": map[string]any{"at_rest": true, "min_tls_version": "1.2"}}, "  "); got !=
		"  encryption = {\n    at_rest         = true\n    min_tls_version = \"1.2\"\n  }\n" {
		t.Errorf("HCL:\n%s", got)
	}
}

// A finding on a sensitive attribute says what the mapping says, never
// what was read; other findings keep their message.
func TestResourceSensitiveMessage(t *testing.T) {
	obj := map[string]any{"storage_encrypted": false, "backup_retention_period": 0.0, "publicly_accessible": false}
	plain, err := Resource(config(t, model.ConsensusMatrix), "aws_db_instance", "aws_db_instance.orders", obj)
	if err != nil {
		t.Fatal(err)
	}
	masked, err := Resource(config(t, model.ConsensusMatrix), "aws_db_instance", "aws_db_instance.orders", obj,
		WithSensitive(func(attr string) bool { return attr == "storage_encrypted" }))
	if err != nil {
		t.Fatal(err)
	}
	if len(plain) != len(masked) || len(plain) < 2 {
		t.Fatalf("findings: %+v / %+v", plain, masked)
	}
	var seen bool
	for i, f := range masked {
		if f.Attribute != "storage_encrypted" {
			if f.Message != plain[i].Message {
				t.Errorf("%s: message changed: %q", f.Attribute, f.Message)
			}
			continue
		}
		seen = true
		want := "aws_db_instance.orders: storage_encrypted (sensitive; its value is not shown) does not satisfy encryption.at_rest."
		if !strings.HasPrefix(f.Message, want) || f.Message == plain[i].Message || strings.Contains(f.Message, "false") {
			t.Errorf("message %q, want it to start %q", f.Message, want)
		}
	}
	if !seen {
		t.Fatal("no finding on storage_encrypted")
	}
	// A custom baseline applies through the option: extending strict, it
	// wants the logs exported, which the default baseline does not ask.
	custom, err := policy.ParseCustomBaseline(model.Default(), (&policy.CustomBaseline{Name: "tight", Extends: "strict"}).Spec())
	if err != nil {
		t.Fatal(err)
	}
	ids := func(fs []finding.Finding) (out []string) {
		for _, f := range fs {
			out = append(out, f.ID)
		}
		return out
	}
	noLogs := map[string]any{"storage_encrypted": true, "backup_retention_period": 30.0}
	def, _ := Resource(config(t, model.ConsensusMatrix), "aws_db_instance", "x", noLogs)
	tight, _ := Resource(config(t, model.ConsensusMatrix), "aws_db_instance", "x", noLogs, WithCustom(custom))
	const id = "aws_db_instance.logs_not_exported"
	if slices.Contains(ids(def), id) || !slices.Contains(ids(tight), id) {
		t.Errorf("default baseline: %+v; custom extending strict: %+v", def, tight)
	}
}
