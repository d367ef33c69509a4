package audit

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

var fixedNow = time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)

func keys(r *Result) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, strings.Join([]string{f.Address, f.ID, f.Status, f.Owner, f.Attribute}, " "))
	}
	slices.Sort(out)
	return out
}

func sortedCopy(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func TestAudit_CloudPlans(t *testing.T) {
	cases := []struct {
		file      string
		want      []string
		notJudged []string
	}{
		{"testdata/plan_aws.json", []string{
			"aws_db_instance.ledger aws_db_instance.storage_not_encrypted violated shared storage_encrypted",
			"aws_db_instance.orders aws_db_instance.storage_not_encrypted violated shared storage_encrypted",
			// encrypted is unknown at plan: deferred, never guessed.
			"aws_ebs_volume.scratch aws_ebs_volume.not_encrypted deferred shared encrypted",
			// count: [0] is suspended, [1] enabled.
			"module.logs.aws_s3_bucket_versioning.this[0] aws_s3_bucket_versioning.versioning_not_enabled violated shared versioning_configuration[0].status",
			// for_each in a nested module: "eu" rotates never, "us" yearly.
			`module.logs.module.kms.aws_kms_key.this["eu"] aws_kms_key.rotation_disabled violated shared enable_key_rotation`,
		}, []string{"aws_iam_user.deployer"}},
		{"testdata/plan_azure.json", []string{
			// Tagged saas: the network domain is the provider's, so the
			// unknown network_rules defer nothing.
			"azurerm_storage_account.orders azurerm_storage_account.https_not_required violated shared https_traffic_only_enabled",
			"azurerm_storage_account.orders azurerm_storage_account.tls_below_minimum violated shared min_tls_version",
			"module.vault.azurerm_key_vault.this azurerm_key_vault.purge_protection_disabled violated shared purge_protection_enabled",
		}, []string{"azurerm_resource_group.main"}},
		{"testdata/plan_google.json", []string{
			"google_storage_bucket.assets google_storage_bucket.access_logging_disabled violated shared logging[0].log_bucket",
			"google_storage_bucket.assets google_storage_bucket.public_access_not_prevented violated shared public_access_prevention",
			"google_storage_bucket.assets google_storage_bucket.versioning_disabled violated shared versioning[0].enabled",
			`module.net.google_compute_firewall.admin["ssh"] google_compute_firewall.world_open_admin_port violated customer `,
		}, []string{"google_project_service.storage"}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			res := audit(t, c.file, defaultOptions())
			if got := keys(res); !slices.Equal(got, sortedCopy(c.want)) {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(sortedCopy(c.want), "\n"))
			}
			if !slices.Equal(res.NotJudged, c.notJudged) {
				t.Errorf("not_judged = %v, want %v", res.NotJudged, c.notJudged)
			}
			if !res.Failed() {
				t.Error("violations at or above low do not fail")
			}
		})
	}
}

func TestAudit_SummaryAndDataSources(t *testing.T) {
	res := audit(t, "testdata/plan_aws.json", defaultOptions())
	want := Summary{Resources: 8, Judged: 7, NotJudged: 1, Skipped: 1, Violated: 4, Deferred: 1, Failing: 4}
	if res.Summary != want {
		t.Errorf("summary %+v, want %+v", res.Summary, want)
	}
	for _, a := range append(res.Judged, res.NotJudged...) {
		if strings.HasPrefix(a, "data.") {
			t.Errorf("data source %s was not skipped", a)
		}
	}
}

// Sensitive values never appear: the password is never judged, and the
// sensitive storage_encrypted is judged but its value is not shown.
func TestAudit_SensitiveNeverShown(t *testing.T) {
	res := audit(t, "testdata/plan_aws.json", defaultOptions())
	for _, f := range res.Findings {
		if f.Address == "aws_db_instance.ledger" {
			if strings.Contains(f.Message, "= false") || !strings.Contains(f.Message, "sensitive") {
				t.Errorf("sensitive attribute's message: %q", f.Message)
			}
		}
	}
	for _, format := range Formats {
		out, err := Render(model.Default(), res, format, RenderOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{"correct-horse", "ledger has storage_encrypted"} {
			if strings.Contains(out, secret) {
				t.Errorf("%s output contains %q", format, secret)
			}
		}
	}
}

func TestAudit_ServiceModelOverrides(t *testing.T) {
	m := model.Default()
	cfg, err := ParseConfig(m, []byte(`{"workloads": [
	  {"match": "module.logs.*", "workload": "logs", "service_model": "saas"},
	  {"match": "aws_ebs_volume.*", "service_model": "saas"},
	  {"match": "aws_db_instance.orders", "workload": "orders", "classification": "confidential", "baseline": "strict"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	opt := defaultOptions()
	opt.Config = cfg
	res := audit(t, "testdata/plan_aws.json", opt)
	byAddr := map[string][]Finding{}
	for _, f := range res.Findings {
		byAddr[f.Address] = append(byAddr[f.Address], f)
	}
	// module.logs.* is saas by the config entry, which the reason names.
	for _, f := range byAddr[`module.logs.module.kms.aws_kms_key.this["eu"]`] {
		if f.ServiceModel != "saas" || f.Workload != "logs" || !strings.Contains(f.OwnerReason, "config workloads[0]") {
			t.Errorf("config service model not applied: %+v", f)
		}
	}
	// The tag (paas) beats the config entry (saas).
	for _, f := range byAddr["aws_ebs_volume.scratch"] {
		if f.ServiceModel != "paas" || !strings.Contains(f.OwnerReason, "srm:service_model tag") {
			t.Errorf("tag does not win over the config: %+v", f)
		}
	}
	// strict asks more of the orders database than standard.
	if n, base := len(byAddr["aws_db_instance.orders"]), len(keysFor(audit(t, "testdata/plan_aws.json", defaultOptions()), "aws_db_instance.orders")); n <= base {
		t.Errorf("strict and confidential gave %d findings, standard %d", n, base)
	}
}

func keysFor(r *Result, addr string) []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Address == addr {
			out = append(out, f)
		}
	}
	return out
}

func TestAudit_InvalidTagWarns(t *testing.T) {
	in := mustRead(t, "testdata/plan_aws.json")
	for i := range in.Instances {
		if in.Instances[i].Address == "aws_ebs_volume.scratch" {
			values, ok := in.Instances[i].Values.(map[string]any)
			if !ok {
				t.Fatalf("aws_ebs_volume.scratch's values are %T, not an object", in.Instances[i].Values)
			}
			values["tags"] = map[string]any{"srm:service_model": "mainframe"}
		}
	}
	opt := defaultOptions()
	res := Run(in, opt)
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "not a service model") {
		t.Errorf("warnings %q", res.Warnings)
	}
	for _, f := range keysFor(res, "aws_ebs_volume.scratch") {
		if f.ServiceModel != "iaas" {
			t.Errorf("an invalid tag changed the service model to %q", f.ServiceModel)
		}
	}
}

func TestAudit_MatrixDecidesOwnerReason(t *testing.T) {
	for _, id := range model.Default().MatrixIDs() {
		m, err := model.ForMatrix(id)
		if err != nil {
			t.Fatal(err)
		}
		opt := defaultOptions()
		opt.Model = m
		res := audit(t, "testdata/plan_google.json", opt)
		if res.Matrix != id {
			t.Errorf("matrix %q reported as %q", id, res.Matrix)
		}
		for _, f := range res.Findings {
			cell, _ := m.Cell(f.Domain, f.ServiceModel)
			if f.Owner != cell.Owner || !strings.Contains(f.OwnerReason, m.Matrix().Name+" matrix") {
				t.Errorf("%s: %s owner %q (cell %q), reason %q", id, f.ID, f.Owner, cell.Owner, f.OwnerReason)
			}
		}
	}
}

func TestAudit_Baselines(t *testing.T) {
	m := model.Default()
	count := func(b string) int {
		preset, custom, err := ParseBaseline(m, b)
		if err != nil {
			t.Fatal(err)
		}
		opt := defaultOptions()
		opt.Baseline, opt.Custom = preset, custom
		return len(audit(t, "testdata/plan_aws.json", opt).Findings)
	}
	minimum, standard, strict := count("minimum"), count("standard"), count("strict")
	if !(minimum <= standard && standard < strict) {
		t.Errorf("minimum %d, standard %d, strict %d findings", minimum, standard, strict)
	}
	custom := count(`{"name":"orders-db","extends":"standard","controls":{"backup.retention_days":{"min":30}}}`)
	if custom <= standard {
		t.Errorf("a custom baseline asking 30 days of backups gave %d findings, standard %d", custom, standard)
	}
	if _, _, err := ParseBaseline(m, "lenient"); err == nil || !strings.Contains(err.Error(), `"minimum"`) {
		t.Errorf("bad preset: %v", err)
	}
}

func TestAudit_Thresholds(t *testing.T) {
	for threshold, fails := range map[string]bool{"low": true, "medium": true, "high": true, "critical": false, "none": false} {
		opt := defaultOptions()
		opt.Threshold = threshold
		if got := audit(t, "testdata/plan_aws.json", opt).Failed(); got != fails {
			t.Errorf("threshold %s: failed = %v", threshold, got)
		}
	}
	opt := defaultOptions()
	opt.Threshold = "critical"
	if !audit(t, "testdata/plan_google.json", opt).Failed() {
		t.Error("a critical finding does not fail at the critical threshold")
	}
}

func TestAudit_Waivers(t *testing.T) {
	waivers, err := ParseWaivers([]byte(`{"waivers": [
	  {"address": "aws_db_instance.*", "finding": "aws_db_instance.storage_not_encrypted", "justification": "migrating in Q1", "approved_by": "security", "expires": "2027-03-31"},
	  {"address": "module.logs.*", "finding": "backup.enabled", "justification": "logs are replayable", "approved_by": "security", "expires": "2026-01-01"},
	  {"address": "module.logs.module.kms.*", "finding": "aws_kms_key.rotation_disabled", "justification": "", "approved_by": "security", "expires": "2027-01-01"},
	  {"address": "aws_ebs_volume.scratch", "finding": "aws_ebs_volume.not_encrypted", "justification": "scratch", "approved_by": "security", "expires": "2027-01-01"},
	  {"address": "x.y", "finding": "a.b", "justification": "j", "approved_by": "a", "expires": "next week"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	opt := defaultOptions()
	opt.Waivers = waivers
	res := audit(t, "testdata/plan_aws.json", opt)
	var states []string
	for _, w := range res.Waivers {
		states = append(states, w.State)
	}
	if want := []string{WaiverActive, WaiverExpired, WaiverUnjustified, WaiverUnused, WaiverBadExpiry}; !slices.Equal(states, want) {
		t.Errorf("states %v, want %v", states, want)
	}
	if res.Waivers[0].Waived != 2 || res.Summary.Waived != 2 || res.Summary.Violated != 2 {
		t.Errorf("waived %d, summary %+v", res.Waivers[0].Waived, res.Summary)
	}
	if len(res.Warnings) != 4 {
		t.Errorf("warnings: %q", res.Warnings)
	}
	for _, f := range res.Findings {
		if f.Status == StatusWaived && (f.Waiver == nil || f.Waiver.ApprovedBy != "security") {
			t.Errorf("waived finding without its waiver: %+v", f)
		}
		// A deferred finding is never waived: it is not a violation yet.
		if f.Address == "aws_ebs_volume.scratch" && f.Status != StatusDeferred {
			t.Errorf("deferred finding became %s", f.Status)
		}
	}
	// Every report lists every waiver.
	for _, format := range Formats {
		out, err := Render(model.Default(), res, format, RenderOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range waivers {
			if !strings.Contains(out, w.Address) || !strings.Contains(out, "logs are replayable") {
				t.Errorf("%s output does not list waiver %s", format, w.Address)
			}
		}
	}
	if _, err := ParseWaivers([]byte(`{"waivers":[{"address":"a.b"}]}`)); err == nil || !strings.Contains(err.Error(), "waivers[0]") {
		t.Errorf("a waiver without finding: %v", err)
	}
	if _, err := ParseWaivers([]byte(`{"waivers":[{"address":"a.b","finding":"x","approver":"me"}]}`)); err == nil || !strings.Contains(err.Error(), "approver") {
		t.Errorf("an unknown field: %v", err)
	}
}

func TestParseConfig_Errors(t *testing.T) {
	m := model.Default()
	for cfg, want := range map[string]string{
		`{"workloads":[{"service_model":"paas"}]}`:                       "workloads[0].match is required",
		`{"workloads":[{"match":"*","service_model":"cloud"}]}`:          `workloads[0].service_model "cloud"`,
		`{"workloads":[{"match":"*","classification":"secret"}]}`:        `workloads[0].classification "secret"`,
		`{"workloads":[{"match":"*","baseline":"lenient"}]}`:             "workloads[0].baseline",
		`{"workloads":[{"match":"*","baseline":"{\"extends\":\"x\"}"}]}`: "workloads[0].baseline",
		`{"workload":[]}`: "unknown field",
	} {
		if _, err := ParseConfig(m, []byte(cfg)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", cfg, err, want)
		}
	}
}

func TestMatchAddress(t *testing.T) {
	for _, c := range []struct {
		pattern, address string
		want             bool
	}{
		{"aws_s3_bucket.logs", "aws_s3_bucket.logs", true},
		{"aws_s3_bucket.logs", "aws_s3_bucket.logs[0]", false},
		{"aws_s3_bucket.logs[*]", "aws_s3_bucket.logs[0]", true},
		{"aws_s3_bucket.logs[*]", `aws_s3_bucket.logs["eu"]`, true},
		{"module.a.*", "module.a.module.b.aws_kms_key.k", true},
		{"module.a.*", "module.ab.aws_kms_key.k", false},
		{"*.aws_kms_key.*", "module.a.aws_kms_key.k", true},
		{"*.aws_kms_key.*", "aws_kms_key.k", false},
		{"*", "anything", true},
		{"a*a", "a", false},
	} {
		if got := MatchAddress(c.pattern, c.address); got != c.want {
			t.Errorf("MatchAddress(%q, %q) = %v", c.pattern, c.address, got)
		}
	}
}

// The JSON report carries the fixed names that tests outside this
// repository read.
func TestJSON_FixedNames(t *testing.T) {
	res := audit(t, "testdata/plan_aws.json", defaultOptions())
	out, err := Render(model.Default(), res, FormatJSON, RenderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Findings  []map[string]any `json:"findings"`
		NotJudged []string         `json:"not_judged"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Findings) == 0 || !slices.Equal(doc.NotJudged, []string{"aws_iam_user.deployer"}) {
		t.Fatalf("findings %d, not_judged %v", len(doc.Findings), doc.NotJudged)
	}
	for _, f := range doc.Findings {
		for _, k := range []string{"address", "control", "status", "owner", "id", "attribute", "message"} {
			if _, ok := f[k].(string); !ok {
				t.Errorf("finding lacks string %q: %v", k, f)
			}
		}
		status, _ := f["status"].(string)
		owner, _ := f["owner"].(string)
		if !slices.Contains([]string{"violated", "deferred", "waived"}, status) ||
			!slices.Contains([]string{"customer", "shared", "provider"}, owner) {
			t.Errorf("status or owner: %v", f)
		}
	}
}

// The provider's own logical resources other than srm_workload are neither
// judged nor listed as not judged, nor counted as resources.
func TestAudit_SRMLogicalResourcesSkipped(t *testing.T) {
	plan, err := PlanJSON("1.8.5", []Instance{
		{Address: "srm_baseline.org", Type: "srm_baseline", Values: map[string]any{"name": "org", "spec": "{}"}},
		{Address: "terraform_data.x", Type: "terraform_data", Values: map[string]any{"input": "x"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	in, err := Decode(plan)
	if err != nil {
		t.Fatal(err)
	}
	res := Run(in, defaultOptions())
	if res.Summary.Resources != 1 || !slices.Equal(res.NotJudged, []string{"terraform_data.x"}) || len(res.Judged) != 0 {
		t.Errorf("summary %+v, not judged %v, judged %v", res.Summary, res.NotJudged, res.Judged)
	}
}

func TestModuleOf(t *testing.T) {
	for addr, want := range map[string]string{
		"aws_kms_key.k":          "",
		"module.a.aws_kms_key.k": "module.a.",
		`module.a["x.y"].module.b[0].aws_kms_key.k["eu"]`: `module.a["x.y"].module.b[0].`,
		"module.a": "",
	} {
		if got := moduleOf(addr); got != want {
			t.Errorf("moduleOf(%q) = %q, want %q", addr, got, want)
		}
	}
}
