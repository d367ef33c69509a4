package evidence_test

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/shared-responsibility/terraform-provider-srm/internal/audit"
	"github.com/shared-responsibility/terraform-provider-srm/internal/evidence"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/pipeline"
)

// Every table case, judged by srm audit from a plan in the documented
// format, gets the verdicts the case wants; those judged with
// resource_findings' defaults also get exactly what resource_findings'
// code path (pipeline.Resource with the default model) returns: ids,
// statuses, owners and attributes.
func TestAuditMatchesResourceFindings(t *testing.T) {
	m := model.Default()
	engine, err := evidence.New(m)
	if err != nil {
		t.Fatal(err)
	}
	cases := evidence.TableCases()
	if len(cases) < 100 {
		t.Fatalf("only %d table cases", len(cases))
	}
	for i, c := range cases {
		t.Run(c.Cloud+"/"+c.Type+"/"+c.Name, func(t *testing.T) {
			address := fmt.Sprintf("module.cases.%s.case[%d]", c.Type, i)
			plan, err := audit.PlanJSON("1.8.5", []audit.Instance{{Address: address, Module: "module.cases", Type: c.Type, Values: c.Obj}})
			if err != nil {
				t.Fatal(err)
			}
			in, err := audit.Decode(plan)
			if err != nil {
				t.Fatal(err)
			}
			opt := audit.Options{Model: m, Engine: engine}
			defaults := c.Baseline == "" && c.ServiceModel == "" && c.Classification == ""
			if !defaults {
				cfg, err := audit.ParseConfig(m, []byte(fmt.Sprintf(`{"workloads":[{"match":%q,"service_model":%q,"classification":%q,"baseline":%q}]}`,
					address, c.ServiceModel, c.Classification, c.Baseline)))
				if err != nil {
					t.Fatal(err)
				}
				opt.Config = cfg
			}
			res := audit.Run(in, opt)
			if len(res.Warnings) > 0 {
				t.Fatalf("warnings: %q", res.Warnings)
			}
			var got []string
			gotStatus := map[string]string{}
			for _, f := range res.Findings {
				if f.Address != address {
					t.Errorf("finding at %s", f.Address)
				}
				got = append(got, strings.Join([]string{f.ID, f.Control, f.Status, f.Owner, f.Attribute}, " "))
				gotStatus[f.ID] = f.Status
			}
			sort.Strings(got)
			for id, status := range c.Want {
				if gotStatus[id] != status {
					t.Errorf("%s: audit says %q, the case wants %q", id, gotStatus[id], status)
				}
			}
			for id, status := range gotStatus {
				if _, wanted := c.Want[id]; !wanted {
					t.Errorf("%s: audit says %q, the case wants no finding", id, status)
				}
			}
			if !defaults {
				return
			}
			fs, err := pipeline.Resource(pipeline.Config{Model: model.Default(), Evidence: engine}, c.Type, c.Type, c.Obj)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, f := range fs {
				want = append(want, strings.Join([]string{f.ID, f.Control, f.Status, f.Owner, f.Attribute}, " "))
			}
			sort.Strings(want)
			if !slices.Equal(got, want) {
				t.Errorf("srm audit:\n  %s\nresource_findings:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
		})
	}
}
