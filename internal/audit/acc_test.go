package audit

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The configuration planned by the real CLIs: srm_workload resources (one
// violating, findings as warnings), modules with for_each, count inside
// them, a value unknown until apply, a sensitive variable, and
// terraform_data, whose type has no evidence mapping.
var accConfig = map[string]string{
	"main.tf": `
terraform {
  required_providers {
    srm = { source = "shared-responsibility/srm" }
  }
}

provider "srm" {
  enforcement = "warn"
}

variable "db_password" {
  type      = string
  default   = "correct-horse-battery-staple"
  sensitive = true
}

resource "terraform_data" "later" {
  input = "known only after apply"
}

resource "terraform_data" "secret" {
  input = var.db_password
}

resource "srm_workload" "legacy" {
  name          = "legacy-batch"
  service_model = "iaas"
  network = {
    segmented     = true
    ingress_rules = [{ cidr_blocks = ["0.0.0.0/0"], from_port = 22, to_port = 22, protocol = "tcp" }]
  }
  exceptions = [{
    control       = "backup.enabled"
    justification = "Batch output is recomputed from the source"
    approved_by   = "security-board"
    expires       = "2099-12-31"
  }]
}

module "apps" {
  source   = "./app"
  for_each = toset(["eu", "us"])
  region   = each.key
  later    = terraform_data.later.output
}
`,
	"app/main.tf": `
terraform {
  required_providers {
    srm = { source = "shared-responsibility/srm" }
  }
}

variable "region" { type = string }
variable "later" { type = string }

resource "srm_workload" "svc" {
  count         = 2
  name          = "svc-${var.region}-${count.index}"
  service_model = "paas"
  encryption = {
    at_rest    = count.index == 0 ? true : var.later != ""
    in_transit = true
  }
}

resource "terraform_data" "cfg" {
  for_each = { a = 1 }
  input    = each.value
}
`,
}

// accCLIs lists the CLIs to plan with: TF_ACC_TERRAFORM_PATH (or
// bin/terraform) and bin/tofu when present.
func accCLIs(t *testing.T) map[string]string {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("set TF_ACC=1 to plan with the real Terraform and OpenTofu CLIs")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		tf = filepath.Join(root, "bin", "terraform")
	}
	out["terraform"] = tf
	// The newest OpenTofu make builds (make test), else the older one.
	for _, tofu := range []string{"tofu-1.10.10", "tofu"} {
		if _, err := os.Stat(filepath.Join(root, "bin", tofu)); err == nil {
			out["tofu"] = filepath.Join(root, "bin", tofu)
			break
		}
	}
	if _, err := os.Stat(tf); err != nil {
		delete(out, "terraform")
	}
	if out["terraform"] == "" {
		t.Skip("no Terraform CLI: set TF_ACC_TERRAFORM_PATH (make testacc sets it to bin/terraform)")
	}
	return out
}

// devOverrides builds the provider from this checkout and writes a CLI
// config whose dev_overrides point both registries' address at it.
func devOverrides(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-srm"), "../..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	config := fmt.Sprintf("provider_installation {\n  dev_overrides {\n"+
		"    \"registry.terraform.io/shared-responsibility/srm\" = %[1]q\n"+
		"    \"registry.opentofu.org/shared-responsibility/srm\" = %[1]q\n"+
		"  }\n  direct {}\n}\n", dir)
	path := filepath.Join(dir, "dev.terraformrc")
	if err := os.WriteFile(path, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestAcc_RealPlanAndState(t *testing.T) {
	clis := accCLIs(t)
	rc := devOverrides(t)
	for name, cli := range clis {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			for file, body := range accConfig {
				path := filepath.Join(dir, file)
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			run := func(args ...string) []byte {
				t.Helper()
				cmd := exec.Command(cli, args...)
				cmd.Dir = dir
				cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				out, err := cmd.Output()
				if err != nil {
					t.Fatalf("%s %s: %v\n%s\n%s", name, strings.Join(args, " "), err, out, stderr.String())
				}
				return out
			}
			// Local modules only; the srm provider comes from dev_overrides
			// and terraform_data is built in, so get is all init needs.
			run("get")
			run("plan", "-input=false", "-no-color", "-out=tfplan")
			plan := run("show", "-json", "tfplan")
			checkRealPlan(t, plan)

			run("apply", "-input=false", "-no-color", "-auto-approve", "tfplan")
			state := run("show", "-json")
			checkRealState(t, state)
			if *update {
				for kind, data := range map[string][]byte{"plan": plan, "state": state} {
					if err := os.WriteFile(filepath.Join("testdata", "real", name+"."+kind+".json"), data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
		})
	}
}

// The plans and states the real CLIs wrote (TestAcc_RealPlanAndState
// -update rewrites them) are judged the same way without the CLIs.
func TestRealPlansCommitted(t *testing.T) {
	for _, cli := range []string{"terraform", "tofu"} {
		t.Run(cli, func(t *testing.T) {
			plan, err := os.ReadFile(filepath.Join("testdata", "real", cli+".plan.json"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(plan, []byte("correct-horse")) {
				t.Fatal("the plan no longer carries the sensitive variable's value, so the test below proves nothing")
			}
			checkRealPlan(t, plan)
			state, err := os.ReadFile(filepath.Join("testdata", "real", cli+".state.json"))
			if err != nil {
				t.Fatal(err)
			}
			checkRealState(t, state)
		})
	}
}

func checkRealPlan(t *testing.T, plan []byte) {
	t.Helper()
	in, err := Decode(plan)
	if err != nil {
		t.Fatalf("reading the real plan: %v", err)
	}
	if in.Kind != KindPlan {
		t.Errorf("kind %q", in.Kind)
	}
	res := Run(in, defaultOptions())
	wantWorkloads := []string{
		`module.apps["eu"].srm_workload.svc[0]`, `module.apps["eu"].srm_workload.svc[1]`,
		`module.apps["us"].srm_workload.svc[0]`, `module.apps["us"].srm_workload.svc[1]`,
		"srm_workload.legacy",
	}
	var got []string
	known := map[string]bool{}
	for _, w := range res.Workloads {
		got = append(got, w.Address)
		known[w.Address] = w.FindingsKnown
	}
	if !slices.Equal(got, wantWorkloads) {
		t.Errorf("workloads %v, want %v", got, wantWorkloads)
	}
	wantNotJudged := []string{`module.apps["eu"].terraform_data.cfg["a"]`, `module.apps["us"].terraform_data.cfg["a"]`,
		"terraform_data.later", "terraform_data.secret"}
	if !slices.Equal(res.NotJudged, wantNotJudged) {
		t.Errorf("not_judged %v, want %v", res.NotJudged, wantNotJudged)
	}
	var legacy []string
	deferred := map[string]bool{}
	for _, f := range res.Findings {
		if f.Source != SourceWorkload {
			t.Errorf("finding not from a workload: %+v", f)
		}
		if f.Attribute == "" {
			t.Errorf("%s %s names no attribute to change", f.Address, f.Control)
		}
		if f.Address == "srm_workload.legacy" {
			legacy = append(legacy, f.Control+" "+f.Status+" "+f.Owner)
		}
		if f.Status == StatusDeferred {
			deferred[f.Address] = true
		}
	}
	// An exception's expiry decides the waiver, so the workload's verdict
	// waits for apply (a saved plan must apply whatever the clock does)
	// and the plan holds none of its findings; the state does.
	if known["srm_workload.legacy"] || len(legacy) > 0 {
		t.Errorf("srm_workload.legacy: a clock-dependent verdict is known at plan: %v", legacy)
	}
	// The value unknown until apply is deferred, or the whole findings
	// list waits: never a verdict.
	for _, addr := range []string{`module.apps["eu"].srm_workload.svc[1]`, `module.apps["us"].srm_workload.svc[1]`} {
		if known[addr] && !deferred[addr] {
			t.Errorf("%s: an unknown value gave a verdict", addr)
		}
	}
	if !res.Failed() {
		t.Error("the violating workload does not fail the audit")
	}
	for _, format := range Formats {
		out, err := Render(testEngineModel(), res, format, RenderOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(out, "correct-horse") || strings.Contains(out, "batt") {
			t.Errorf("%s output shows the sensitive variable", format)
		}
	}
}

func checkRealState(t *testing.T, state []byte) {
	t.Helper()
	in, err := Decode(state)
	if err != nil {
		t.Fatalf("reading the real state: %v", err)
	}
	if in.Kind != KindState {
		t.Errorf("kind %q", in.Kind)
	}
	res := Run(in, defaultOptions())
	if len(res.Workloads) != 5 || len(res.NotJudged) != 4 {
		t.Errorf("state: %d workloads, not judged %v", len(res.Workloads), res.NotJudged)
	}
	for _, w := range res.Workloads {
		if !w.FindingsKnown {
			t.Errorf("%s: findings unknown in the state", w.Address)
		}
	}
	var legacy []string
	for _, f := range res.Findings {
		if f.Address == "srm_workload.legacy" {
			legacy = append(legacy, f.Control+" "+f.Status+" "+f.Owner)
		}
	}
	for _, want := range []string{"network.ingress_rules violated customer", "backup.enabled waived shared"} {
		if !slices.Contains(legacy, want) {
			t.Errorf("srm_workload.legacy lacks %q in the state: %v", want, legacy)
		}
	}
}
