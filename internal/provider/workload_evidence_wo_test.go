package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// evidence_wo is evidence that Terraform never stores: judged as evidence
// is, planned and stored null. These plans and applies go through the
// shipped server, as Terraform 1.11 and later send them.

const plantedPassword = "Zk9QwPlantedSecretValue7731"

// unencryptedDB is evidence of a database that violates encryption at
// rest, with a password the provider must never send back.
func unencryptedDB() tftypes.Value {
	return obj(map[string]tftypes.Value{"aws_db_instance.db": obj(map[string]tftypes.Value{
		"storage_encrypted": boolean(false), "backup_retention_period": number(14), "password": str(plantedPassword)})})
}

// newWorkloadServer is the shipped server configured with providerConfig.
func newWorkloadServer(t *testing.T, providerConfig map[string]tftypes.Value) (tfprotov6.ProviderServer, tftypes.Object) {
	t.Helper()
	ctx := context.Background()
	srv := NewProtocol6Server("test")()
	schemas, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	pt, _ := schemas.Provider.ValueType().(tftypes.Object)
	resp, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: dynamicValue(t, pt, nullAttrs(pt, providerConfig))})
	if err != nil || hasError(resp.Diagnostics) {
		t.Fatalf("ConfigureProvider: %v %s", err, diagText(resp.Diagnostics))
	}
	typ, _ := schemas.ResourceSchemas[workloadTypeName].ValueType().(tftypes.Object)
	return srv, typ
}

// paasWorkload is a compliant paas workload with the given attributes set.
func paasWorkload(typ tftypes.Object, set map[string]tftypes.Value) tftypes.Value {
	return nullAttrs(typ, with(compliantGroups(), with(map[string]tftypes.Value{"name": str("db"), "service_model": str("paas")}, set)))
}

func validateOn(t *testing.T, srv tfprotov6.ProviderServer, typ tftypes.Object, config tftypes.Value, writeOnly bool) []*tfprotov6.Diagnostic {
	t.Helper()
	req := &tfprotov6.ValidateResourceConfigRequest{TypeName: workloadTypeName, Config: dynamicValue(t, typ, config)}
	if writeOnly {
		req.ClientCapabilities = &tfprotov6.ValidateResourceConfigClientCapabilities{WriteOnlyAttributesAllowed: true}
	}
	resp, err := srv.ValidateResourceConfig(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	return resp.Diagnostics
}

// planBytes plans config on srv and returns the response and the planned
// state's encoding, which must never hold the password.
func planBytes(t *testing.T, srv tfprotov6.ProviderServer, typ tftypes.Object, config, prior tftypes.Value) (*tfprotov6.PlanResourceChangeResponse, tftypes.Value) {
	t.Helper()
	resp, planned := planOn(t, srv, typ, config, proposedNewState(typ, config, prior), prior)
	if resp.PlannedState != nil && strings.Contains(string(resp.PlannedState.MsgPack), plantedPassword[:5]) {
		t.Fatalf("the planned state holds the password")
	}
	return resp, planned
}

var evidenceWOPath = tftypes.NewAttributePath().WithAttributeName(evidenceWOAttribute)

// violations are the summaries and details of the error diagnostics, and
// where they point.
func violations(diags []*tfprotov6.Diagnostic) (texts []string, paths []string) {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			texts = append(texts, d.Summary+": "+d.Detail)
			paths = append(paths, d.Attribute.String())
		}
	}
	return texts, paths
}

// evidence_wo is judged exactly as evidence is: the same errors, pointing
// at evidence_wo, and a plan that holds neither the value nor a trace of it.
func TestEvidenceWO_PlanJudgesLikeEvidence(t *testing.T) {
	srvWO, typ := newWorkloadServer(t, nil)
	srvEv, _ := newWorkloadServer(t, nil)
	null := tftypes.NewValue(typ, nil)
	wo := paasWorkload(typ, map[string]tftypes.Value{evidenceWOAttribute: unencryptedDB()})
	ev := paasWorkload(typ, map[string]tftypes.Value{"evidence": unencryptedDB()})

	if diags := validateOn(t, srvWO, typ, wo, true); len(diags) > 0 {
		t.Fatalf("evidence_wo from a client that takes write-only attributes did not validate:\n%s", diagText(diags))
	}
	woResp, woPlan := planBytes(t, srvWO, typ, wo, null)
	evResp, _ := planOn(t, srvEv, typ, ev, ev, null)
	woTexts, woPaths := violations(woResp.Diagnostics)
	evTexts, evPaths := violations(evResp.Diagnostics)
	if len(woTexts) == 0 || !strings.Contains(strings.Join(woTexts, "\n"), "Control Not Satisfied: encryption.at_rest") {
		t.Fatalf("an unencrypted database in evidence_wo planned without the violation:\n%s", diagText(woResp.Diagnostics))
	}
	if strings.Join(woTexts, "\n") != strings.Join(evTexts, "\n") {
		t.Errorf("evidence_wo and evidence judged differently\nevidence_wo:\n%s\nevidence:\n%s", diagText(woResp.Diagnostics), diagText(evResp.Diagnostics))
	}
	if !strings.Contains(strings.Join(woPaths, " "), evidenceWOPath.String()) {
		t.Errorf("no violation points at evidence_wo: %v", woPaths)
	}
	// The same entries' lines, in the attribute that holds them.
	if w, e := strings.Join(woPaths, " "), strings.ReplaceAll(strings.Join(evPaths, " "), `"evidence"`, `"evidence_wo"`); w != e {
		t.Errorf("violations point at %s, want %s", w, e)
	}
	attrs, _ := rawObject(woPlan)
	if !attrs[evidenceWOAttribute].IsNull() || !attrs["evidence"].IsNull() {
		t.Errorf("planned evidence_wo %s, evidence %s: want both null", attrs[evidenceWOAttribute], attrs["evidence"])
	}
}

// Applied (in warn mode, so the violation does not stop it), the state
// holds the findings evidence_wo gave and not evidence_wo; an unchanged
// configuration planned again still fails on them, since Terraform cannot
// show the provider whether evidence_wo changed.
func TestEvidenceWO_StateNullFindingsKept(t *testing.T) {
	for _, mode := range []string{"judged at plan", "judged at apply"} {
		t.Run(mode, func(t *testing.T) {
			srv, typ := newWorkloadServer(t, map[string]tftypes.Value{"enforcement": str("warn")})
			null := tftypes.NewValue(typ, nil)
			config := paasWorkload(typ, map[string]tftypes.Value{evidenceWOAttribute: unencryptedDB()})
			if mode == "judged at apply" {
				// A timed exception of evidence_wo's violation leaves the
				// verdict to the apply: Create judges it then, and only
				// the request's config holds evidence_wo.
				list, _ := typ.AttributeTypes["exceptions"].(tftypes.List)
				et, _ := list.ElementType.(tftypes.Object)
				config = paasWorkload(typ, map[string]tftypes.Value{evidenceWOAttribute: unencryptedDB(),
					"exceptions": tftypes.NewValue(list, []tftypes.Value{tftypes.NewValue(et, map[string]tftypes.Value{
						"control": str("encryption.at_rest"), "justification": str("key rotation under way"),
						"approved_by": str("ciso"), "expires": str("2999-01-01")})})})
			}
			resp, planned := planBytes(t, srv, typ, config, null)
			if hasError(resp.Diagnostics) {
				t.Fatalf("warn mode failed the plan:\n%s", diagText(resp.Diagnostics))
			}
			if top, _ := rawObject(planned); mode == "judged at apply" && top["findings"].IsKnown() {
				t.Fatalf("the timed exception did not leave the findings to apply: %s", top["findings"])
			}
			applied, err := srv.ApplyResourceChange(context.Background(), &tfprotov6.ApplyResourceChangeRequest{
				TypeName: workloadTypeName, PriorState: dynamicValue(t, typ, null), PlannedState: resp.PlannedState,
				Config: dynamicValue(t, typ, config), PlannedPrivate: resp.PlannedPrivate})
			if err != nil || hasError(applied.Diagnostics) {
				t.Fatalf("apply: %v %s", err, diagText(applied.Diagnostics))
			}
			if strings.Contains(string(applied.NewState.MsgPack), plantedPassword[:5]) {
				t.Fatal("the state holds the password")
			}
			state, err := applied.NewState.Unmarshal(typ)
			if err != nil {
				t.Fatal(err)
			}
			attrs, _ := rawObject(state)
			if !attrs[evidenceWOAttribute].IsNull() {
				t.Errorf("stored evidence_wo: %s", attrs[evidenceWOAttribute])
			}
			if f := attrs["findings"].String(); !strings.Contains(f, "encryption.at_rest") || !strings.Contains(f, "aws_db_instance") {
				t.Errorf("the stored findings miss evidence_wo's violation: %s", f)
			}
			if mode == "judged at apply" {
				return // its violation is waived
			}
			// Planned again unchanged, under block enforcement: errors.
			again, typ2 := newWorkloadServer(t, nil)
			resp, _ = planBytes(t, again, typ2, config, state)
			if texts, _ := violations(resp.Diagnostics); !strings.Contains(strings.Join(texts, "\n"), "encryption.at_rest") {
				t.Errorf("an unchanged workload with evidence_wo planned its violation as a warning:\n%s", diagText(resp.Diagnostics))
			}
		})
	}
}

// Both set is an error naming both, at validate and at plan; one set and
// the other unknown waits for apply.
func TestEvidenceWO_ConflictsWithEvidence(t *testing.T) {
	srv, typ := newWorkloadServer(t, nil)
	null := tftypes.NewValue(typ, nil)
	encrypted := obj(map[string]tftypes.Value{"aws_db_instance.db": obj(map[string]tftypes.Value{"storage_encrypted": boolean(true)})})
	both := paasWorkload(typ, map[string]tftypes.Value{evidenceWOAttribute: unencryptedDB(), "evidence": encrypted})
	for what, diags := range map[string][]*tfprotov6.Diagnostic{
		"validate": validateOn(t, srv, typ, both, true),
		"plan":     func() []*tfprotov6.Diagnostic { r, _ := planBytes(t, srv, typ, both, null); return r.Diagnostics }(),
	} {
		text := diagText(diags)
		if !hasError(diags) || !strings.Contains(text, "Conflicting Evidence Attributes") ||
			!strings.Contains(text, "evidence and evidence_wo") {
			t.Errorf("%s of evidence and evidence_wo together:\n%s", what, text)
		}
	}
	unknown := paasWorkload(typ, map[string]tftypes.Value{evidenceWOAttribute: unencryptedDB(),
		"evidence": tftypes.NewValue(tftypes.DynamicPseudoType, tftypes.UnknownValue)})
	if resp, _ := planBytes(t, srv, typ, unknown, null); hasError(resp.Diagnostics) {
		t.Errorf("evidence_wo with evidence unknown failed the plan:\n%s", diagText(resp.Diagnostics))
	}
}

// A client that does not take write-only attributes (Terraform before 1.11)
// is refused with the framework's error, naming the attribute.
func TestEvidenceWO_RefusedWithoutClientSupport(t *testing.T) {
	srv, typ := newWorkloadServer(t, nil)
	diags := validateOn(t, srv, typ, paasWorkload(typ, map[string]tftypes.Value{evidenceWOAttribute: unencryptedDB()}), false)
	text := diagText(diags)
	if !strings.Contains(text, "WriteOnly Attribute Not Allowed") || !strings.Contains(text, "evidence_wo") {
		t.Errorf("evidence_wo from a client without write-only support:\n%s", text)
	}
	if strings.Contains(text, plantedPassword[:5]) {
		t.Errorf("the refusal echoes the password: %s", text)
	}
}

// evidenceWOConfig is a compliant paas workload whose evidence_wo is one
// database carrying the planted password through a sensitive variable.
func evidenceWOConfig(encrypted bool) string {
	return fmt.Sprintf(`
variable "pw" {
  type      = string
  sensitive = true
  default   = %q
}
resource "srm_workload" "db" {
  name          = "db"
  service_model = "paas"
  identity   = { mfa_required = true, least_privilege = true }
  network    = { segmented = true }
  encryption = { at_rest = true, in_transit = true, min_tls_version = "1.2" }
  logging    = { enabled = true, retention_days = 365 }
  backup     = { enabled = true, retention_days = 14 }
  %s = {
    "aws_db_instance.db" = { storage_encrypted = %t, backup_retention_period = 14, password = var.pw }
  }
}
`, plantedPassword, evidenceWOAttribute, encrypted)
}

// noPassword fails when any attribute of the stored workload holds five
// characters of the planted password.
func noPassword(s *terraform.State) error {
	for addr, rs := range s.RootModule().Resources {
		for k, v := range rs.Primary.Attributes {
			if strings.Contains(v, plantedPassword[:5]) {
				return fmt.Errorf("%s.%s holds the password", addr, k)
			}
		}
	}
	return nil
}

// On a client that takes write-only attributes (Terraform 1.11 and later),
// evidence_wo fails a plan on the resource it describes, stores nothing of
// it, and conflicts with evidence. Older clients refuse it
// (TestEvidenceWO_RefusedWithoutClientSupport).
func TestAccWorkload_EvidenceWO(t *testing.T) {
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: strings.Replace(evidenceWOConfig(true), "  backup ", "  evidence = {}\n  backup ", 1),
				ExpectError: regexp.MustCompile(`Conflicting Evidence Attributes`)},
			{Config: evidenceWOConfig(false),
				ExpectError: regexp.MustCompile(`Control Not Satisfied: encryption.at_rest`)},
			{Config: evidenceWOConfig(true),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("srm_workload.db", tfjsonpath.New(evidenceWOAttribute), knownvalue.Null()),
					statecheck.ExpectKnownValue("srm_workload.db", tfjsonpath.New("evidence"), knownvalue.Null()),
					statecheck.ExpectKnownValue("srm_workload.db", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
				},
				Check: noPassword},
			// Stored, then edited into violation: judged, and an error.
			{Config: evidenceWOConfig(false),
				ExpectError: regexp.MustCompile(`Control Not Satisfied: encryption.at_rest`)},
			// Back to compliant: nothing to change, and destroyable.
			{Config: evidenceWOConfig(true), Check: noPassword},
		},
	})
}
