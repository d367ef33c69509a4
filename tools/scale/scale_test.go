package main

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shared-responsibility/terraform-provider-srm/internal/evidence"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// bodyValues turns the generated body into evaluator input.
func bodyValues(t *testing.T) map[string]policy.Value {
	t.Helper()
	values := map[string]policy.Value{}
	for _, cv := range body {
		switch {
		case cv.value == "true" || cv.value == "false":
			values[cv.id] = policy.KnownBool(cv.value == "true")
		case strings.HasPrefix(cv.value, `"`):
			s, err := strconv.Unquote(cv.value)
			if err != nil {
				t.Fatal(err)
			}
			values[cv.id] = policy.KnownString(s)
		default:
			n, err := strconv.ParseFloat(cv.value, 64)
			if err != nil {
				t.Fatal(err)
			}
			values[cv.id] = policy.KnownNumber(n)
		}
	}
	return values
}

// The benchmark is only meaningful if every generated workload plans
// without error.
func TestBodyIsCompliantForEveryServiceModel(t *testing.T) {
	e := policy.New(model.Default())
	for _, sm := range serviceModels {
		res := e.Evaluate(&policy.Workload{
			Name: "w", ServiceModel: sm, Classification: "internal", Baseline: baseline,
			Values: bodyValues(t), Now: time.Now(),
		})
		if !res.Compliant || len(res.Findings) != 0 {
			t.Errorf("%s: the generated body is not compliant: %+v", sm, res.Findings)
		}
	}
}

// The hand-written side must check at least what the provider requires.
func TestHandChecksCoverRequiredControls(t *testing.T) {
	m := model.Default()
	e := policy.New(m)
	for _, sm := range serviceModels {
		checks, err := handChecks(m, sm)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range e.RequiredControls(sm, baseline) {
			found := slices.ContainsFunc(checks, func(c check) bool {
				return strings.Contains(c.condition, "."+id+" ")
			})
			if !found {
				t.Errorf("%s: no hand-written precondition checks %s", sm, id)
			}
		}
	}
	checks, _ := handChecks(m, "iaas")
	want := check{"local.%[1]s.logging.retention_days >= 90", "logging.retention_days must be at least 90"}
	if !slices.Contains(checks, want) {
		t.Errorf("iaas checks lack %+v: %+v", want, checks)
	}
}

func TestWriteConfigurations(t *testing.T) {
	dir := t.TempDir()
	if err := writeSRM(filepath.Join(dir, "srm"), 7, false); err != nil {
		t.Fatal(err)
	}
	if _, err := writeHand(filepath.Join(dir, "hand"), 7, false); err != nil {
		t.Fatal(err)
	}
	if err := writeFloor(filepath.Join(dir, "floor"), 7, false); err != nil {
		t.Fatal(err)
	}
	srm, _ := os.ReadFile(filepath.Join(dir, "srm", "main.tf"))
	hand, _ := os.ReadFile(filepath.Join(dir, "hand", "main.tf"))
	if got := strings.Count(string(srm), `resource "srm_workload"`); got != 7 {
		t.Errorf("srm configuration has %d workloads, want 7", got)
	}
	if got := strings.Count(string(hand), `resource "terraform_data"`); got != 7 {
		t.Errorf("hand-written configuration has %d resources, want 7", got)
	}
	if !strings.Contains(string(srm), `service_model = "saas"`) || !strings.Contains(string(hand), `local.w00006.identity.mfa_required == true`) {
		t.Error("configurations do not cycle through the service models")
	}
	floor, _ := os.ReadFile(filepath.Join(dir, "floor", "main.tf"))
	// The floor takes the same configuration as srm_workload, resource by resource.
	if got, want := strings.ReplaceAll(string(floor), "noop", "srm"), string(srm); got != want {
		t.Errorf("the floor's configuration is not srm_workload's:\n%s", floor)
	}
}

// With evidence, every workload carries one database object of about 40
// attributes that satisfies the evidence mappings, and the hand-written
// side checks the same attributes.
func TestEvidenceVariant(t *testing.T) {
	dir := t.TempDir()
	if err := writeSRM(filepath.Join(dir, "srm"), 6, true); err != nil {
		t.Fatal(err)
	}
	checks, err := writeHand(filepath.Join(dir, "hand"), 6, true)
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := handChecks(model.Default(), "iaas")
	if checks["iaas"] != len(plain)+len(evidenceChecks) {
		t.Errorf("iaas has %d hand-written checks with evidence, want %d", checks["iaas"], len(plain)+len(evidenceChecks))
	}
	if n := len(dbAttributes) + 1; n < 35 || n > 45 {
		t.Errorf("the database object has %d attributes, want about 40", n)
	}
	srm, _ := os.ReadFile(filepath.Join(dir, "srm", "main.tf"))
	if got := strings.Count(string(srm), `"aws_db_instance.w0000`); got != 6 {
		t.Errorf("%d workloads carry evidence, want 6", got)
	}
	// The object must satisfy what the evidence tables read.
	e, err := evidence.New(model.Default())
	if err != nil {
		t.Fatal(err)
	}
	obj := map[string]any{"identifier": "w00000"}
	for _, a := range dbAttributes {
		switch {
		case a.value == "true" || a.value == "false":
			obj[a.name] = a.value == "true"
		case strings.HasPrefix(a.value, `"`):
			obj[a.name], _ = strconv.Unquote(a.value)
		default:
			if f, err := strconv.ParseFloat(a.value, 64); err == nil {
				obj[a.name] = f
			}
		}
	}
	items, err := e.Extract("aws_db_instance", "aws_db_instance.w00000", obj)
	if err != nil || len(items) == 0 {
		t.Fatalf("Extract: %v, %d items", err, len(items))
	}
	res := policy.New(model.Default()).Evaluate(&policy.Workload{
		Name: "w", ServiceModel: "paas", Classification: "internal", Baseline: baseline,
		Values: bodyValues(t), Evidence: items, Now: time.Now(),
	})
	if !res.Compliant {
		t.Errorf("the evidence makes the workload non-compliant: %+v", res.Findings)
	}
}

func TestExpectPlan(t *testing.T) {
	if err := expectPlan([]byte("Plan: 1000 to add, 0 to change, 0 to destroy."), 1000); err != nil {
		t.Error(err)
	}
	if err := expectPlan([]byte("Plan: 999 to add, 0 to change, 0 to destroy."), 1000); err == nil {
		t.Error("a plan adding 999 of 1000 passed")
	}
	if err := expectPlan([]byte("Error: Control Not Satisfied"), 10); err == nil {
		t.Error("a failed plan passed")
	}
}

func TestMedianAndTicks(t *testing.T) {
	runs := []run{{wall: 3 * time.Second}, {wall: time.Second}, {wall: 2 * time.Second}}
	if got := median(runs); got != 2*time.Second {
		t.Errorf("median = %v, want 2s", got)
	}
	if got := median(runs[:2]); got != 2*time.Second {
		t.Errorf("median of 3s and 1s = %v, want 2s", got)
	}
	if got := niceTicks(5000); !slices.Equal(got, []float64{0, 1000, 2000, 3000, 4000, 5000}) {
		t.Errorf("niceTicks(5000) = %v", got)
	}
	if got := niceTicks(37); got[len(got)-1] < 37 {
		t.Errorf("niceTicks(37) = %v does not reach 37", got)
	}
}

func TestParseSizes(t *testing.T) {
	if got, err := parseSizes("100, 1000,5000"); err != nil || !slices.Equal(got, []int{100, 1000, 5000}) {
		t.Errorf("parseSizes = %v, %v", got, err)
	}
	for _, bad := range []string{"", "0", "ten", "100,-1"} {
		if _, err := parseSizes(bad); err == nil {
			t.Errorf("parseSizes(%q) accepted", bad)
		}
	}
}
