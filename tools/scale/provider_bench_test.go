package main

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/shared-responsibility/terraform-provider-srm/internal/provider"
)

// The provider's share of a plan, without the CLI: the two calls Terraform
// makes for each srm_workload at plan time, through the same server the
// plugin binary runs, with the same msgpack-encoded values.

type providerHarness struct {
	srv          tfprotov6.ProviderServer
	workloadType tftypes.Object
	// configs are the workloads a run cycles through; next is the one
	// the next call sends.
	configs []*tfprotov6.DynamicValue
	next    int
	prior   *tfprotov6.DynamicValue
}

// distinctEvidence is how many workloads an evidence benchmark cycles
// through: each one's evidence is keyed by its own resource address, so its
// type differs from every other's, as in a real plan.
const distinctEvidence = 1000

// newProviderHarness serves the provider as the plugin binary does; with
// frameworkOnly, through the framework's server alone, without the
// provider's fast path, for comparison. With evidence, every workload
// carries the scale benchmark's aws_db_instance object.
func newProviderHarness(tb testing.TB, frameworkOnly, evidence bool) *providerHarness {
	tb.Helper()
	ctx := context.Background()
	srv := provider.NewProtocol6Server("bench")()
	if frameworkOnly {
		srv = providerserver.NewProtocol6(provider.New("bench")())()
	}
	schemas, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(schemas.Diagnostics) > 0 {
		tb.Fatalf("GetProviderSchema: %v %v", err, schemas.Diagnostics)
	}
	providerType := schemas.Provider.ValueType().(tftypes.Object)
	providerConfig := dynamic(tb, providerType, objectWith(providerType, nil))
	conf, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: providerConfig})
	if err != nil || len(conf.Diagnostics) > 0 {
		tb.Fatalf("ConfigureProvider: %v %v", err, conf.Diagnostics)
	}
	h := &providerHarness{srv: srv, workloadType: schemas.ResourceSchemas["srm_workload"].ValueType().(tftypes.Object)}
	n := 1
	if evidence {
		n = distinctEvidence
	}
	for i := range n {
		name := workloadName(i)
		v := h.workloadValue(tb, name, "iaas", evidence)
		h.configs = append(h.configs, dynamic(tb, h.workloadType, v))
	}
	h.prior = dynamic(tb, h.workloadType, tftypes.NewValue(h.workloadType, nil))
	return h
}

// workloadValue is the generated body as the configuration Terraform sends.
func (h *providerHarness) workloadValue(tb testing.TB, name, serviceModel string, evidence bool) tftypes.Value {
	tb.Helper()
	groups := map[string]map[string]tftypes.Value{}
	for _, cv := range body {
		g, a := splitID(cv.id)
		if groups[g] == nil {
			groups[g] = map[string]tftypes.Value{}
		}
		groups[g][a] = literal(tb, cv.value)
	}
	set := map[string]tftypes.Value{
		"name":          tftypes.NewValue(tftypes.String, name),
		"service_model": tftypes.NewValue(tftypes.String, serviceModel),
		"environment":   tftypes.NewValue(tftypes.String, "prod"),
	}
	for g, attrs := range groups {
		// The groups are dynamic attributes: the value carries its own
		// object type, as Terraform sends an object literal.
		types := make(map[string]tftypes.Type, len(attrs))
		for a, v := range attrs {
			types[a] = v.Type()
		}
		set[g] = tftypes.NewValue(tftypes.Object{AttributeTypes: types}, attrs)
	}
	if evidence {
		db := dbInstanceValue(tb, name)
		set["evidence"] = objectOf(map[string]tftypes.Value{"aws_db_instance." + name: db})
	}
	return objectWith(h.workloadType, set)
}

// objectOf is an object literal's value: its type is its attributes'.
func objectOf(attrs map[string]tftypes.Value) tftypes.Value {
	types := make(map[string]tftypes.Type, len(attrs))
	for a, v := range attrs {
		types[a] = v.Type()
	}
	return tftypes.NewValue(tftypes.Object{AttributeTypes: types}, attrs)
}

// dbInstanceValue is dbInstance as Terraform sends the object literal:
// lists as tuples, maps as objects.
func dbInstanceValue(tb testing.TB, name string) tftypes.Value {
	tb.Helper()
	attrs := map[string]tftypes.Value{"identifier": tftypes.NewValue(tftypes.String, name)}
	for _, a := range dbAttributes {
		attrs[a.name] = hclLiteral(tb, a.value)
	}
	return objectOf(attrs)
}

// hclLiteral reads the literals dbAttributes uses: scalars, a list of
// strings, an object of strings.
func hclLiteral(tb testing.TB, v string) tftypes.Value {
	tb.Helper()
	switch {
	case strings.HasPrefix(v, "["):
		var elems []tftypes.Value
		var types []tftypes.Type
		for _, e := range strings.Split(strings.Trim(v, "[]"), ",") {
			elems = append(elems, literal(tb, strings.TrimSpace(e)))
			types = append(types, tftypes.String)
		}
		return tftypes.NewValue(tftypes.Tuple{ElementTypes: types}, elems)
	case strings.HasPrefix(v, "{"):
		attrs := map[string]tftypes.Value{}
		for _, kv := range strings.Split(strings.Trim(v, "{} "), ",") {
			k, val, _ := strings.Cut(kv, "=")
			attrs[strings.TrimSpace(k)] = literal(tb, strings.TrimSpace(val))
		}
		return objectOf(attrs)
	}
	return literal(tb, v)
}

func literal(tb testing.TB, v string) tftypes.Value {
	switch {
	case v == "true" || v == "false":
		return tftypes.NewValue(tftypes.Bool, v == "true")
	case strings.HasPrefix(v, `"`):
		s, err := strconv.Unquote(v)
		if err != nil {
			tb.Fatal(err)
		}
		return tftypes.NewValue(tftypes.String, s)
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		tb.Fatal(err)
	}
	return tftypes.NewValue(tftypes.Number, n)
}

// objectWith builds an object of typ with the given attributes and every
// other attribute null, as Terraform sends unset attributes.
func objectWith(typ tftypes.Object, set map[string]tftypes.Value) tftypes.Value {
	attrs := make(map[string]tftypes.Value, len(typ.AttributeTypes))
	for name, t := range typ.AttributeTypes {
		if v, ok := set[name]; ok {
			attrs[name] = v
		} else {
			attrs[name] = tftypes.NewValue(t, nil)
		}
	}
	return tftypes.NewValue(typ, attrs)
}

func dynamic(tb testing.TB, typ tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	tb.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		tb.Fatal(err)
	}
	return &dv
}

func (h *providerHarness) validate(tb testing.TB) {
	resp, err := h.srv.ValidateResourceConfig(context.Background(), &tfprotov6.ValidateResourceConfigRequest{
		TypeName: "srm_workload", Config: h.config(),
	})
	if err != nil || len(resp.Diagnostics) > 0 {
		tb.Fatalf("ValidateResourceConfig: %v %v", err, resp.Diagnostics)
	}
}

// config returns the next workload's configuration.
func (h *providerHarness) config() *tfprotov6.DynamicValue {
	c := h.configs[h.next%len(h.configs)]
	h.next++
	return c
}

func (h *providerHarness) plan(tb testing.TB) *tfprotov6.PlanResourceChangeResponse {
	config := h.config()
	resp, err := h.srv.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: "srm_workload", PriorState: h.prior, ProposedNewState: config, Config: config,
	})
	if err != nil {
		tb.Fatalf("PlanResourceChange: %v", err)
	}
	// Planning the same workload again warns of a duplicate name; only
	// errors matter here.
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			tb.Fatalf("PlanResourceChange: %s: %s", d.Summary, d.Detail)
		}
	}
	return resp
}

func TestProviderHarnessPlansCompliant(t *testing.T) {
	for _, evidence := range []bool{false, true} {
		h := newProviderHarness(t, false, evidence)
		h.validate(t)
		h.plansCompliant(t)
	}
}

func (h *providerHarness) plansCompliant(t *testing.T) {
	t.Helper()
	resp := h.plan(t)
	planned, err := resp.PlannedState.Unmarshal(h.workloadType)
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := planned.As(&attrs); err != nil {
		t.Fatal(err)
	}
	var compliant bool
	if err := attrs["compliant"].As(&compliant); err != nil || !compliant {
		t.Errorf("compliant = %v (%v), want true", attrs["compliant"], err)
	}
	// The id is random and set at create: unknown in the plan of a new
	// workload, never derived from the name.
	if attrs["id"].IsKnown() {
		t.Errorf("id = %v, want unknown until create", attrs["id"])
	}
}

// BenchmarkProviderValidate is ValidateResourceConfig of one workload.
func BenchmarkProviderValidate(b *testing.B) { benchValidate(b, false) }

// BenchmarkProviderValidateEvidence is the same with one aws_db_instance
// object of 41 attributes in evidence, a different address per workload.
func BenchmarkProviderValidateEvidence(b *testing.B) { benchValidate(b, true) }

func benchValidate(b *testing.B, evidence bool) {
	h := newProviderHarness(b, false, evidence)
	b.ReportAllocs()
	for b.Loop() {
		h.validate(b)
	}
}

// BenchmarkProviderPlan is PlanResourceChange of one new workload, as the
// provider serves it: decoding, the plan the framework would prepare, and
// ModifyPlan with the evaluator.
func BenchmarkProviderPlan(b *testing.B) { benchPlan(b, false, false) }

// BenchmarkProviderPlanEvidence is PlanResourceChange with evidence, as
// BenchmarkProviderValidateEvidence.
func BenchmarkProviderPlanEvidence(b *testing.B) { benchPlan(b, false, true) }

func benchPlan(b *testing.B, frameworkOnly, evidence bool) {
	h := newProviderHarness(b, frameworkOnly, evidence)
	b.ReportAllocs()
	for b.Loop() {
		h.plan(b)
	}
}

// BenchmarkProviderPlanFramework is the same call through the framework's
// own PlanResourceChange, the path the provider took before its fast path.
func BenchmarkProviderPlanFramework(b *testing.B) { benchPlan(b, true, false) }
