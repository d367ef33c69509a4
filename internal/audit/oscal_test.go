package audit

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/shared-responsibility/terraform-provider-srm/internal/oscal"
	"github.com/shared-responsibility/terraform-provider-srm/internal/oscal/oscaltest"
)

var uuidRe = regexp.MustCompile(`"(?:[a-z-]*uuid)": "([0-9a-f-]{36})"`)

// uuids lists every UUID of a document, in order.
func uuids(doc string) []string {
	var out []string
	for _, m := range uuidRe.FindAllStringSubmatch(doc, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestMain_OSCALComponentDefinition(t *testing.T) {
	args := []string{"oscal", "component-definition", "--matrix", "aws", "--service-models", "iaas, paas", "--timestamp", "2026-12-07T10:00:00Z"}
	code, out, errOut := runMain(t, "", args...)
	if code != ExitClean || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	oscaltest.Validate(t, out, "component-definition")
	var doc oscal.ComponentDefinitionDocument
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	cd := doc.ComponentDefinition
	if len(cd.Components) != 2 || cd.Metadata.LastModified != "2026-12-07T10:00:00Z" || !strings.Contains(cd.Metadata.Title, "AWS") {
		t.Errorf("%d components, last-modified %s, title %q", len(cd.Components), cd.Metadata.LastModified, cd.Metadata.Title)
	}
	// The same flags give the same document; another time changes only
	// the timestamp; another matrix other UUIDs.
	if _, again, _ := runMain(t, "", args...); again != out {
		t.Error("the same flags gave another document")
	}
	later := slices.Clone(args)
	later[len(later)-1] = "2027-01-01T00:00:00Z"
	_, laterOut, _ := runMain(t, "", later...)
	if !slices.Equal(uuids(laterOut), uuids(out)) || len(uuids(out)) < 10 {
		t.Errorf("UUIDs change with the timestamp (%d UUIDs)", len(uuids(out)))
	}
	if strings.Replace(laterOut, "2027-01-01T00:00:00Z", "2026-12-07T10:00:00Z", -1) != out {
		t.Error("another timestamp changed more than the timestamp")
	}
	_, consensus, _ := runMain(t, "", "oscal", "component-definition", "--service-models", "iaas,paas", "--timestamp", "2026-12-07T10:00:00Z")
	if uuids(consensus)[0] == uuids(out)[0] {
		t.Error("another matrix gave the same document UUID")
	}
	oscaltest.Validate(t, consensus, "component-definition")

	// Without flags: now, every service model but on_premises.
	code, out, _ = runMain(t, "", "oscal", "component-definition")
	if code != ExitClean || json.Unmarshal([]byte(out), &doc) != nil || len(doc.ComponentDefinition.Components) != 5 {
		t.Errorf("exit %d, %d components", code, len(doc.ComponentDefinition.Components))
	}
	file := filepath.Join(t.TempDir(), "cd.json")
	code, out, _ = runMain(t, "", "oscal", "component-definition", "--output", file, "--timestamp", "2026-12-07T10:00:00Z")
	data, err := os.ReadFile(file)
	if code != ExitClean || out != "" || err != nil || oscaltest.Check(string(data), "component-definition") != nil {
		t.Errorf("--output: exit %d, stdout %q, %v", code, out, err)
	}
}

func TestMain_OSCALExitCodes(t *testing.T) {
	cases := []struct {
		args   []string
		stderr string
	}{
		{[]string{"oscal"}, `the document is "component-definition", got nothing`},
		{[]string{"oscal", "ssp"}, `got "ssp"`},
		{[]string{"oscal", "component-definition", "--matrix", "oracle"}, `--matrix: unknown matrix "oracle"`},
		{[]string{"oscal", "component-definition", "--service-models", "paas,mainframe"}, `--service-models: a string of 9 characters is not a service model; valid values are "on_premises"`},
		{[]string{"oscal", "component-definition", "--timestamp", "today"}, `--timestamp "today" is not an RFC 3339 time`},
		{[]string{"oscal", "component-definition", "--timestamp", "3000-01-01T00:00:00Z"}, "outside the years 1900-2999"},
		{[]string{"oscal", "component-definition", "--format", "json"}, "flag provided but not defined: -format"},
		{[]string{"oscal", "component-definition", "plan.json"}, "component-definition reads no file"},
	}
	for _, c := range cases {
		code, out, errOut := runMain(t, "", c.args...)
		if code != ExitUsage || out != "" || !strings.Contains(errOut, c.stderr) || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.args, code, out, errOut, c.stderr)
		}
	}
	for _, args := range [][]string{{"oscal", "--help"}, {"oscal", "component-definition", "-h"}, {"help"}} {
		code, out, _ := runMain(t, "", args...)
		for _, want := range []string{"srm oscal component-definition [flags]", "--service-models LIST", "--timestamp TIME",
			"oscal (OSCAL " + oscal.Version + " assessment results", "component definition"} {
			if code != ExitClean || !strings.Contains(out, want) {
				t.Errorf("%v: exit %d, help lacks %q", args, code, want)
			}
		}
	}
}

// srm audit --format oscal: assessment results that validate, for every
// cloud's plan, with owners on every finding and applied waivers as
// approved deviations; the same plan gives the same UUIDs at any time.
func TestMain_OSCALAssessmentResults(t *testing.T) {
	for _, plan := range []string{"plan_aws.json", "plan_azure.json", "plan_google.json"} {
		t.Run(plan, func(t *testing.T) {
			args := []string{"audit", "--format", "oscal", now, "--waivers", waiversFile, "testdata/" + plan}
			code, out, errOut := runMain(t, "", args...)
			if code != ExitFindings {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			oscaltest.Validate(t, out, "assessment-results")
			var doc oscal.AssessmentResultsDocument
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			res := doc.AssessmentResults.Results[0]
			if res.Start != "2026-12-07T10:00:00Z" || len(res.Findings) == 0 {
				t.Fatalf("start %s, %d findings", res.Start, len(res.Findings))
			}
			for _, f := range res.Findings {
				var owner string
				for _, p := range f.Props {
					if p.Name == "owner" {
						owner = p.Value
					}
				}
				if owner == "" || !strings.Contains(f.Description, "Owner: "+owner+".") {
					t.Errorf("finding %s: owner %q, description %q", f.Title, owner, f.Description)
				}
			}
			for _, c := range res.LocalDefinitions.Components {
				if !strings.HasPrefix(c.Description, "The resource instance "+c.Title+" of the audited plan") {
					t.Errorf("component %s: %q", c.Title, c.Description)
				}
			}
			for _, w := range []string{"module.logs.*", "expired"} {
				if !strings.Contains(res.Remarks, w) {
					t.Errorf("remarks do not list the waivers (%q): %q", w, res.Remarks)
				}
			}
			_, again, _ := runMain(t, "", args...)
			if again != out {
				t.Error("the same plan gave another document")
			}
			later := slices.Clone(args)
			later[3] = "--now=2026-12-08T10:00:00Z"
			_, laterOut, _ := runMain(t, "", later...)
			if !slices.Equal(uuids(laterOut), uuids(out)) {
				t.Error("UUIDs change with the time of the audit")
			}
		})
	}
	// The AWS plan's active waiver is a risk whose deviation was approved.
	_, out, _ := runMain(t, "", "audit", "--format", "oscal", now, "--waivers", waiversFile, "testdata/plan_aws.json")
	for _, want := range []string{`"deviation-approved"`, "Encrypted replicas replace both databases in the Q1 migration", `"security-board"`, "2027-03-31"} {
		if !strings.Contains(out, want) {
			t.Errorf("the waived findings' risk lacks %s", want)
		}
	}
	// Real plans and states (Terraform and OpenTofu, srm_workload findings
	// and modules among them) give valid documents.
	real, err := filepath.Glob("testdata/real/*.json")
	if err != nil || len(real) == 0 {
		t.Fatalf("no real plans: %v", err)
	}
	for _, file := range real {
		code, out, errOut := runMain(t, "", "audit", "--format", "oscal", now, file)
		if code == ExitUsage {
			t.Fatalf("%s: exit %d, stderr %q", file, code, errOut)
		}
		if err := oscaltest.Check(out, "assessment-results"); err != nil {
			t.Errorf("%s: %v", file, err)
		}
	}
	// A clean plan is a valid document without findings, and exits 0.
	clean := `{"format_version":"1.2","terraform_version":"1.8.5","planned_values":{"root_module":{"resources":[
	  {"address":"aws_ebs_volume.a","mode":"managed","type":"aws_ebs_volume","name":"a","values":{"encrypted":true},"sensitive_values":{}}]}}}`
	code, out, errOut := runMain(t, clean, "audit", "--format", "oscal", now)
	if code != ExitClean {
		t.Fatalf("clean plan: exit %d, stderr %q", code, errOut)
	}
	oscaltest.Validate(t, out, "assessment-results")
	// Nothing sensitive: the ledger's storage_encrypted is sensitive in the
	// AWS plan.
	if _, out, _ := runMain(t, "", "audit", "--format", "oscal", now, "testdata/plan_aws.json"); strings.Contains(out, "correct-horse") ||
		strings.Contains(out, "ledger has storage_encrypted") {
		t.Error("the OSCAL document shows a sensitive value")
	}
}
