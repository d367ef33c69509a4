package report_test

import (
	"os"
	"testing"

	"github.com/shared-responsibility/terraform-provider-srm/internal/audit"
	"github.com/shared-responsibility/terraform-provider-srm/internal/evidence"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/report"
)

// srm audit's SARIF, which adds the waivers, the warnings and the logical
// locations' full addresses to this package's log, passes the same SARIF
// 2.1.0 checks, for every cloud's plan and with waivers applied and
// expired.
func TestAuditSARIFIsValid(t *testing.T) {
	m := model.Default()
	engine, err := evidence.New(m)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../audit/testdata/waivers.json")
	if err != nil {
		t.Fatal(err)
	}
	waivers, err := audit.ParseWaivers(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"plan_aws.json", "plan_azure.json", "plan_google.json"} {
		plan, err := os.ReadFile("../audit/testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		in, err := audit.Decode(plan)
		if err != nil {
			t.Fatal(err)
		}
		res := audit.Run(in, audit.Options{Model: m, Engine: engine, Waivers: waivers})
		out, err := audit.SARIF(m, res, audit.RenderOptions{ArtifactURI: name, ToolVersion: "dev"})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range report.ValidateSARIF(out) {
			t.Errorf("%s: %s", name, e)
		}
	}
}
