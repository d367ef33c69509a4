package provider

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// FuzzSecretsNeverLeak places a secret-shaped value in every place a user
// can put text into srm_workload (its name, an exception's justification
// and approver, an evidence key and an instance key, a resource's attribute
// value, a misspelt group key, an enum attribute) and fails on any five
// characters of it in any channel the provider writes: diagnostics, the
// computed attributes of the plan and of the stored state, and the tflog
// lines of the request (served as with TF_LOG set, so nothing is dropped
// before the provider's own calls).
func FuzzSecretsNeverLeak(f *testing.F) {
	for _, seed := range []string{
		"AKIAQ7XZ3RW9PLMK4TNV", "ghp_7Kq2XfT9mLpR4sWz8YbN3cVd6Hj1Ue5Aa0Gi", "Zq8xW-Kp3vT-Jm9yR-Lq2",
		"correct-horse-battery-staple", "-----BEGIN PRIVATE KEY-----MIIEvQ", "xoxb-2048-1234-abcdEFGHijkl",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, secret string) {
		if len(secret) < 8 || len(secret) > 200 || !utf8.ValidString(secret) || strings.ContainsAny(secret, "\x00\n\"\\") {
			t.Skip()
		}
		p := newInProcessLogging(t)
		no, yes := boolean(false), boolean(true)
		base := with(compliantGroups(), map[string]tftypes.Value{"service_model": str("paas")})
		placements := map[string]map[string]tftypes.Value{
			"name": {"name": str(secret)},
			"exception texts": {"name": str("w"), "backup": obj(map[string]tftypes.Value{"enabled": no, "retention_days": number(14)}),
				"exceptions": tftypes.NewValue(tftypes.List{ElementType: exceptionType}, []tftypes.Value{
					tftypes.NewValue(exceptionType, map[string]tftypes.Value{
						"control": str("backup.enabled"), "justification": str(secret), "approved_by": str(secret), "expires": str("2099-12-31"),
					}),
				})},
			"evidence key": {"name": str("w"), "evidence": obj(map[string]tftypes.Value{
				secret: obj(map[string]tftypes.Value{"storage_encrypted": no}),
			})},
			"instance key": {"name": str("w"), "evidence": obj(map[string]tftypes.Value{
				"aws_db_instance.db": obj(map[string]tftypes.Value{
					secret: obj(map[string]tftypes.Value{"storage_encrypted": no, "backup_retention_period": number(14)}),
				}),
			})},
			"attribute value": {"name": str("w"), "evidence": obj(map[string]tftypes.Value{
				"aws_db_instance.db": obj(map[string]tftypes.Value{"storage_encrypted": yes, "backup_retention_period": number(14), "password": str(secret)}),
			})},
			"group key": {"name": str("w"), "identity": obj(map[string]tftypes.Value{secret: yes, "mfa_required": yes, "least_privilege": yes})},
			"enum":      {"name": str("w"), "data_classification": str(secret)},
		}
		logged := 0
		for where, set := range placements {
			var logs bytes.Buffer
			ctx := tflogtest.RootLogger(context.Background(), &logs)
			out := p.judgeThrough(ctx, t, with(base, set))
			if frag := longestSecretFragment(out+"\n"+logs.String(), secret); len([]rune(frag)) > 4 {
				t.Errorf("%s: the provider's output holds %q of the secret", where, frag)
			}
			logged += logs.Len()
		}
		if logged == 0 {
			t.Fatal("no tflog line was captured: the log channel went unchecked")
		}
	})
}

// exceptionType is the object type of an exceptions entry.
var exceptionType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
	"control": tftypes.String, "justification": tftypes.String, "approved_by": tftypes.String, "expires": tftypes.String,
}}

// judgeThrough validates, plans and applies one new workload through the
// shipped server and returns everything the provider wrote back, but the
// configuration it was given: diagnostics, and the computed attributes of
// the plan and of the state.
func (p *inProcess) judgeThrough(ctx context.Context, t *testing.T, set map[string]tftypes.Value) string {
	t.Helper()
	cfg := dynamicValue(t, p.typ, nullAttrs(p.typ, set))
	var out strings.Builder
	diags := func(ds []*tfprotov6.Diagnostic) {
		for _, d := range ds {
			fmt.Fprintf(&out, "%s\n%s\n%v\n", d.Summary, d.Detail, d.Attribute)
		}
	}
	computed := func(dv *tfprotov6.DynamicValue) {
		if dv == nil {
			return
		}
		v, err := dv.Unmarshal(p.typ)
		if err != nil {
			t.Fatal(err)
		}
		top, _ := rawObject(v)
		for name := range computedAttributes() {
			fmt.Fprintf(&out, "%s=%v\n", name, top[name])
		}
	}
	vr, err := p.srv.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "srm_workload", Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	diags(vr.Diagnostics)
	prior := dynamicValue(t, p.typ, tftypes.NewValue(p.typ, nil))
	pr, err := p.srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: "srm_workload", PriorState: prior, ProposedNewState: cfg, Config: cfg,
	})
	if err != nil {
		t.Fatal(err)
	}
	diags(pr.Diagnostics)
	computed(pr.PlannedState)
	if pr.PlannedState == nil || len(pr.Diagnostics) > 0 && hasErrorDiag(pr.Diagnostics) {
		return out.String()
	}
	ar, err := p.srv.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{
		TypeName: "srm_workload", PriorState: prior, PlannedState: pr.PlannedState, Config: cfg,
	})
	if err != nil {
		t.Fatal(err)
	}
	diags(ar.Diagnostics)
	computed(ar.NewState)
	return out.String()
}

func hasErrorDiag(ds []*tfprotov6.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}
