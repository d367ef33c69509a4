package evidence

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// mappingCase is one resource object, in the provider's real shape (nested
// blocks as lists of objects, unset attributes null or absent), and the
// findings it must produce. Each cloud's file (aws_test.go, ...) registers
// its cases in casesByCloud; TestMappingsHaveCases fails when a mapping has
// no violating or no passing case, so adding an entry adds its tests.
type mappingCase struct {
	Type string
	Name string
	Obj  map[string]any
	// Want maps finding id (FindingID) to status; every other finding is an
	// error, so an empty Want is a clean resource.
	Want map[string]string
	// Attr optionally maps finding id to the attribute path it must name.
	Attr map[string]string
	// Baseline, ServiceModel and Classification judge the resource as a
	// workload would; empty means resource_findings' defaults.
	Baseline, ServiceModel, Classification string
}

var casesByCloud = map[string][]mappingCase{}

var (
	testModel  = model.Default()
	testEngine = mustEngine()
	testEval   = policy.New(testModel)
)

func mustEngine() *Engine {
	e, err := New(testModel)
	if err != nil {
		panic(err)
	}
	return e
}

func (c mappingCase) judge(t *testing.T) []policy.Finding {
	t.Helper()
	w, err := testEngine.Alone(c.Type, c.Type, c.Obj)
	if err != nil {
		t.Fatalf("Alone: %v", err)
	}
	if w == nil {
		return nil // nothing judged
	}
	if c.ServiceModel != "" {
		w.ServiceModel = c.ServiceModel
	}
	if c.Baseline != "" {
		w.Baseline = c.Baseline
	}
	if c.Classification != "" {
		w.Classification = c.Classification
	}
	return testEval.Evaluate(w).Findings
}

func TestMappingCases(t *testing.T) {
	for cloud, cases := range casesByCloud {
		for _, c := range cases {
			t.Run(cloud+"/"+c.Type+"/"+c.Name, func(t *testing.T) {
				got := map[string]string{}
				for _, f := range c.judge(t) {
					id := FindingID(f)
					got[id] = f.Status
					if want, ok := c.Attr[id]; ok && f.EvidenceAttribute != want {
						t.Errorf("%s: attribute %q, want %q", id, f.EvidenceAttribute, want)
					}
					if f.Evidence == nil || f.Evidence.Type != c.Type {
						t.Errorf("%s: finding not tied to the %s evidence", id, c.Type)
					}
					if strings.TrimSpace(f.Message) == "" || strings.TrimSpace(f.Remediation) == "" {
						t.Errorf("%s: empty message or remediation", id)
					}
					// Each reference once, in the catalog's one spelling
					// (the detectors' included).
					for _, p := range testModel.ReferenceProblems(f.References, detect.OtherFrameworks...) {
						t.Errorf("%s: %s", id, p)
					}
				}
				if fmt.Sprint(sorted(got)) != fmt.Sprint(sorted(c.Want)) {
					t.Errorf("findings = %v, want %v", sorted(got), sorted(c.Want))
				}
			})
		}
	}
}

// TestMappingsHaveCases: every mapping has a case it violates and a case
// where the attribute is set and passes; and making a violating case's
// attribute unknown never leaves a violation of that mapping.
func TestMappingsHaveCases(t *testing.T) {
	violated := map[string]mappingCase{}
	passed := map[string]bool{}
	for _, cases := range casesByCloud {
		for _, c := range cases {
			hit := map[string]bool{}
			for _, f := range c.judge(t) {
				if f.Evidence != nil && f.Status == finding.StatusViolated {
					hit[f.Evidence.Check] = true
					if _, ok := violated[f.Evidence.Check]; !ok {
						violated[f.Evidence.Check] = c
					}
				}
			}
			r, _ := testEngine.Resource(c.Type)
			for _, mp := range r.Mappings {
				steps, _ := parsePath(mp.Attribute)
				// [*] over an empty list locates nothing.
				locs := lookup(c.Obj, steps, "")
				set := mp.Attribute == "" || (len(locs) > 0 && locs[0].value != nil)
				if set && !hit[c.Type+"."+mp.ID] {
					passed[c.Type+"."+mp.ID] = true
				}
			}
		}
	}
	for _, typ := range testEngine.Types() {
		r, _ := testEngine.Resource(typ)
		for _, mp := range r.Mappings {
			check := typ + "." + mp.ID
			c, ok := violated[check]
			if !ok {
				t.Errorf("%s: no case violates it", check)
			}
			if !passed[check] {
				t.Errorf("%s: no case sets %q and passes", check, mp.Attribute)
			}
			if !ok || mp.Attribute == "" {
				continue
			}
			top, _, _ := strings.Cut(mp.Attribute, ".")
			top, _, _ = strings.Cut(top, "[")
			obj := map[string]any{}
			for k, v := range c.Obj {
				obj[k] = v
			}
			obj[top] = Unknown
			u := c
			u.Obj = obj
			for _, f := range u.judge(t) {
				if f.Evidence != nil && f.Evidence.Check == check && f.Status == finding.StatusViolated {
					t.Errorf("%s: violated with %s unknown; unknown values must defer", check, top)
				}
			}
		}
	}
}

func sorted(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k, v := range m {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

// The coverage guide lists every mapping's finding id and attribute.
func TestCoverageMarkdownListsEveryMapping(t *testing.T) {
	md := testEngine.CoverageMarkdown()
	for _, typ := range testEngine.Types() {
		r, _ := testEngine.Resource(typ)
		for _, mp := range r.Mappings {
			if !strings.Contains(md, "`"+typ+"."+mp.ID+"`") {
				t.Errorf("coverage guide lacks %s.%s", typ, mp.ID)
			}
		}
	}
}

// Paths that must name one value refuse [*] at load, instead of a panic on
// the first resource.
func TestTablesRefuseWildcardWhereOneValueIsRead(t *testing.T) {
	table := Table{Cloud: "x", Provider: "p", DocsVersion: "v1", Resources: []Resource{{
		Type: "x_key", ServiceModel: "paas", Docs: "d",
		Mappings: []Mapping{{ID: "rot", Control: "encryption.key_rotation_days", Attribute: "on", Read: "rotation_days",
			PeriodAttribute: "p[*].days", PeriodDefault: 365, Message: "m", Remediation: "r",
			When: &Condition{Attribute: "kind[*]", Values: []string{"a"}}}},
	}}}
	_, err := NewFromTables(testModel, []Table{table})
	if err == nil || !strings.Contains(err.Error(), "when.attribute") || !strings.Contains(err.Error(), "period_attribute") {
		t.Fatalf("err = %v", err)
	}
}

// The guide puts the counts next to the peers', names the provider release
// each cloud's schema was checked against and each mapping's peer checks.
func TestCoverageMarkdownCountsPeersAndVersions(t *testing.T) {
	md := testEngine.CoverageMarkdown()
	for _, want := range []string{
		"| Checkov: checks | Checkov: resource types | trivy-checks: checks |",
		"| 442 | 268 | 175 | 79 |",
		"`hashicorp/aws` 6.25.0 (schema from the CDKTF bindings @cdktf/provider-aws 21.22.1)",
		"`hashicorp/azuread` 3.7.0",
		"| Finding id | Control | Attribute | Unset means | Peer checks |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("coverage guide lacks %q", want)
		}
	}
	// One row per cloud, with the sums over its tables.
	sums := map[string][2]int{}
	for _, tb := range testEngine.Tables() {
		types, pairs, _ := tableCounts(tb)
		s := sums[tb.Cloud]
		sums[tb.Cloud] = [2]int{s[0] + types, s[1] + pairs}
	}
	for cloud, s := range sums {
		row := fmt.Sprintf("| %s | %d | %d |", cloudTitle(cloud), s[0], s[1])
		if !strings.Contains(md, row) || strings.Count(md, "\n| "+cloudTitle(cloud)+" | ") != 1 {
			t.Errorf("%s: want one summary row %s", cloud, row)
		}
	}
	for _, tb := range testEngine.Tables() {
		for _, r := range tb.Resources {
			for _, mp := range r.Mappings {
				for _, p := range mp.Peers {
					if !strings.Contains(md, "`"+p+"`") {
						t.Errorf("%s.%s: peer %s not shown", r.Type, mp.ID, p)
					}
				}
			}
		}
	}
}

// judgeAlone judges one resource on its own as resource_findings does:
// Alone's workload, evaluated; no findings when nothing is judged.
func judgeAlone(typ string, obj any) ([]policy.Finding, error) {
	w, err := testEngine.Alone(typ, typ, obj)
	if err != nil || w == nil {
		return nil, err
	}
	return testEval.Evaluate(w).Findings, nil
}
