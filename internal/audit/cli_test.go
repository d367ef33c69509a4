package audit

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

func runMain(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(args, strings.NewReader(stdin), &out, &errOut, false)
	return code, out.String(), errOut.String()
}

const waiversFile = "testdata/waivers.json"

// now pins waiver expiry for the golden files.
const now = "--now=2026-12-07T10:00:00Z"

func TestMain_Golden(t *testing.T) {
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			code, out, errOut := runMain(t, "", "audit", "--format", format, now, "--waivers", waiversFile, "testdata/plan_aws.json")
			if code != ExitFindings {
				t.Fatalf("exit %d, stderr %s", code, errOut)
			}
			golden := filepath.Join("testdata", "golden", "aws."+format)
			if *update {
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test ./internal/audit/ -run TestMain_Golden -update writes it)", err)
			}
			if out != string(want) {
				t.Errorf("output differs from %s (rerun with -update and review the diff):\n%s", golden, out)
			}
			if strings.Contains(out, "\x1b[") {
				t.Error("colour without a terminal")
			}
			if format != FormatText && !strings.Contains(errOut, "warning: waivers[1]") {
				t.Errorf("warnings not on stderr: %q", errOut)
			}
		})
	}
}

// The SARIF log has what SARIF 2.1.0 requires of the objects it uses and
// names each resource instance, module path and index included, as the
// logical location.
func TestMain_SARIFShape(t *testing.T) {
	_, out, _ := runMain(t, "", "audit", "--format", "sarif", now, "--waivers", waiversFile, "testdata/plan_aws.json")
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Kind      string `json:"kind"`
				Level     string `json:"level"`
				Message   struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
					} `json:"physicalLocation"`
					LogicalLocations []struct {
						Name               string `json:"name"`
						FullyQualifiedName string `json:"fullyQualifiedName"`
						Kind               string `json:"kind"`
					} `json:"logicalLocations"`
				} `json:"locations"`
				Suppressions []struct {
					Kind, Status, Justification string
				} `json:"suppressions"`
			} `json:"results"`
			Invocations []struct {
				ExecutionSuccessful bool `json:"executionSuccessful"`
			} `json:"invocations"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif-2.1.0") || len(log.Runs) != 1 {
		t.Fatalf("header: %q %q runs %d", log.Version, log.Schema, len(log.Runs))
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name == "" || len(run.Invocations) != 1 || !run.Invocations[0].ExecutionSuccessful {
		t.Errorf("driver %q invocations %v", run.Tool.Driver.Name, run.Invocations)
	}
	names := map[string]bool{}
	suppressed := 0
	for _, r := range run.Results {
		if r.RuleIndex < 0 || r.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %s points at rule %d", r.RuleID, r.RuleIndex)
		}
		if r.Message.Text == "" || len(r.Locations) != 1 || len(r.Locations[0].LogicalLocations) != 1 {
			t.Fatalf("result without message or location: %+v", r)
		}
		if (r.Kind == "open") != (r.Level == "none") {
			t.Errorf("kind %s with level %s", r.Kind, r.Level)
		}
		if uri := r.Locations[0].PhysicalLocation.ArtifactLocation.URI; uri != "testdata/plan_aws.json" {
			t.Errorf("artifact %q", uri)
		}
		ll := r.Locations[0].LogicalLocations[0]
		if !strings.HasSuffix(ll.FullyQualifiedName, ll.Name) || ll.Kind != "resource" || strings.HasPrefix(ll.Name, "module.") {
			t.Errorf("logical location %+v", ll)
		}
		names[ll.FullyQualifiedName] = true
		if len(r.Suppressions) == 1 && r.Suppressions[0].Justification != "" {
			suppressed++
		}
	}
	for _, want := range []string{`module.logs.module.kms.aws_kms_key.this["eu"]`, "module.logs.aws_s3_bucket_versioning.this[0]", "aws_ebs_volume.scratch"} {
		if !names[want] {
			t.Errorf("no result at logical location %s (have %v)", want, names)
		}
	}
	if suppressed != 2 {
		t.Errorf("%d waived results carry their justification, want 2", suppressed)
	}
}

func TestMain_JUnitParses(t *testing.T) {
	_, out, _ := runMain(t, "", "audit", "--format", "junit", now, "testdata/plan_aws.json")
	var doc struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Skipped  int `xml:"skipped,attr"`
	}
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	// 7 judged + 1 not judged; 4 resources violate; the EBS volume is
	// deferred and the IAM user not judged.
	if doc.Tests != 8 || doc.Failures != 4 || doc.Skipped != 2 {
		t.Errorf("%+v", doc)
	}
}

func TestMain_ExitCodes(t *testing.T) {
	clean := `{"format_version":"1.2","terraform_version":"1.8.5","planned_values":{"root_module":{"resources":[
	  {"address":"aws_ebs_volume.a","mode":"managed","type":"aws_ebs_volume","name":"a","values":{"encrypted":true},"sensitive_values":{}}]}}}`
	dir := t.TempDir()
	cleanFile := filepath.Join(dir, "clean.json")
	if err := os.WriteFile(cleanFile, []byte(clean), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stderr string
	}{
		{"clean file", "", []string{"audit", cleanFile}, ExitClean, ""},
		{"clean stdin", clean, []string{"audit"}, ExitClean, ""},
		{"clean stdin dash", clean, []string{"audit", "-", "--format", "json"}, ExitClean, ""},
		{"findings", "", []string{"audit", "testdata/plan_google.json"}, ExitFindings, ""},
		{"flags after the file", "", []string{"audit", "testdata/plan_aws.json", "--severity-threshold", "critical"}, ExitClean, ""},
		{"threshold none", "", []string{"audit", "--severity-threshold=none", "testdata/plan_google.json"}, ExitClean, ""},
		{"not JSON", "Plan: 3 to add", []string{"audit"}, ExitUsage, "-: the input is not a JSON object"},
		{"truncated", clean[:40], []string{"audit"}, ExitUsage, "truncated"},
		{"missing file", "", []string{"audit", filepath.Join(dir, "nope.json")}, ExitUsage, "cannot open the input"},
		{"two files", "", []string{"audit", cleanFile, cleanFile}, ExitUsage, "one input at a time"},
		{"bad format", "", []string{"audit", "--format", "html", cleanFile}, ExitUsage, `--format "html" is not a format`},
		{"bad matrix", "", []string{"audit", "--matrix", "oracle", cleanFile}, ExitUsage, `unknown matrix "oracle"`},
		{"bad baseline", "", []string{"audit", "--baseline", "lenient", cleanFile}, ExitUsage, `--baseline: "lenient" is not a preset`},
		{"bad threshold", "", []string{"audit", "--severity-threshold", "severe", cleanFile}, ExitUsage, "--severity-threshold"},
		{"bad now", "", []string{"audit", "--now", "tomorrow", cleanFile}, ExitUsage, "--now"},
		{"unknown flag", "", []string{"audit", "--colour", cleanFile}, ExitUsage, "flag provided but not defined"},
		{"bad waivers", "", []string{"audit", "--waivers", cleanFile, cleanFile}, ExitUsage, "--waivers"},
		{"bad config", "", []string{"audit", "--config", cleanFile, cleanFile}, ExitUsage, "--config"},
		{"no limit", clean, []string{"audit", "--max-mib", "0"}, ExitUsage, "--max-mib"},
		{"limit past a TiB", clean, []string{"audit", "--max-mib", "9223372036854775807"}, ExitUsage, "--max-mib"},
		{"input under a 1 MiB limit", clean, []string{"audit", "--max-mib", "1"}, ExitClean, ""},
		{"no command", "", nil, ExitUsage, "Usage:"},
		{"unknown command", "", []string{"scan"}, ExitUsage, `unknown command "scan"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := runMain(t, c.stdin, c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d; stderr %q", code, c.code, errOut)
			}
			if !strings.Contains(errOut, c.stderr) {
				t.Errorf("stderr %q does not say %q", errOut, c.stderr)
			}
			if c.code == ExitUsage && c.args != nil && strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
				t.Errorf("error is not one line: %q", errOut)
			}
		})
	}
}

func TestMain_HelpAndOutputFile(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--help"}, {"audit", "--help"}} {
		code, out, _ := runMain(t, "", args...)
		if code != ExitClean || !strings.Contains(out, "srm audit [flags] [FILE|-]") || !strings.Contains(out, "--severity-threshold") {
			t.Errorf("%v: exit %d, %q", args, code, out)
		}
	}
	file := filepath.Join(t.TempDir(), "srm.sarif")
	code, out, _ := runMain(t, "", "audit", "--format", "sarif", "--output", file, "testdata/plan_azure.json")
	data, err := os.ReadFile(file)
	if code != ExitFindings || out != "" || err != nil || !bytes.Contains(data, []byte(`"version": "2.1.0"`)) {
		t.Errorf("exit %d, stdout %q, file %v", code, out, err)
	}
}

func TestText_ColourOnlyWhenAsked(t *testing.T) {
	res := audit(t, "testdata/plan_aws.json", defaultOptions())
	if out := Text(testEngineModel(), res, true); !strings.Contains(out, "\x1b[31;1mVIOLATED\x1b[0m") {
		t.Error("no colour on a terminal")
	}
	var out bytes.Buffer
	Main([]string{"audit", "--no-color", "testdata/plan_aws.json"}, nil, &out, &out, true)
	if strings.Contains(out.String(), "\x1b[") {
		t.Error("colour despite --no-color")
	}
	out.Reset()
	t.Setenv("NO_COLOR", "1")
	Main([]string{"audit", "testdata/plan_aws.json"}, nil, &out, &out, true)
	if strings.Contains(out.String(), "\x1b[") {
		t.Error("colour despite NO_COLOR")
	}
}
