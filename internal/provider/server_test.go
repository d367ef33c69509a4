package provider

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"maps"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/planserver"
)

// The server that ships serves srm_workload's ValidateResourceConfig and
// PlanResourceChange through planserver. It must answer exactly as the
// framework does, and step aside for anything planserver does not
// implement.

func obj(attrs map[string]tftypes.Value) tftypes.Value {
	types := make(map[string]tftypes.Type, len(attrs))
	for k, v := range attrs {
		types[k] = v.Type()
	}
	return tftypes.NewValue(tftypes.Object{AttributeTypes: types}, attrs)
}

func boolean(b bool) tftypes.Value { return tftypes.NewValue(tftypes.Bool, b) }
func number(n int64) tftypes.Value {
	return tftypes.NewValue(tftypes.Number, new(big.Float).SetInt64(n))
}

// compliantGroups is a compliant body for every service model under
// standard: the catalog's (model.CompliantBody).
func compliantGroups() map[string]tftypes.Value {
	out := map[string]tftypes.Value{}
	for group, v := range model.Default().CompliantBody("standard") {
		attrs, _ := v.(map[string]any)
		values := map[string]tftypes.Value{}
		for name, x := range attrs {
			switch t := x.(type) {
			case bool:
				values[name] = boolean(t)
			case float64:
				values[name] = tftypes.NewValue(tftypes.Number, big.NewFloat(t))
			case string:
				values[name] = str(t)
			}
		}
		out[group] = obj(values)
	}
	return out
}

func with(base map[string]tftypes.Value, set map[string]tftypes.Value) map[string]tftypes.Value {
	out := map[string]tftypes.Value{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range set {
		out[k] = v
	}
	return out
}

// twoServers are the framework's server and the provider's, configured alike.
func twoServers(t *testing.T, providerConfig map[string]tftypes.Value) (framework, fast tfprotov6.ProviderServer, typ tftypes.Object) {
	t.Helper()
	return twoServersOf(t, New("test"), providerConfig)
}

// twoServersOf serves the provider newProvider makes through the framework
// alone and through the server that ships.
func twoServersOf(t *testing.T, newProvider func() provider.Provider, providerConfig map[string]tftypes.Value) (framework, fast tfprotov6.ProviderServer, typ tftypes.Object) {
	t.Helper()
	ctx := context.Background()
	framework = providerserver.NewProtocol6(newProvider())()
	fast = newProtocol6Server(newProvider())()
	for _, srv := range []tfprotov6.ProviderServer{framework, fast} {
		schemas, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
		if err != nil {
			t.Fatal(err)
		}
		pt, _ := schemas.Provider.ValueType().(tftypes.Object)
		resp, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: dynamicValue(t, pt, nullAttrs(pt, providerConfig))})
		if err != nil || hasError(resp.Diagnostics) {
			t.Fatalf("ConfigureProvider: %v %v", err, resp.Diagnostics)
		}
		typ, _ = schemas.ResourceSchemas["srm_workload"].ValueType().(tftypes.Object)
	}
	return framework, fast, typ
}

func planOn(t *testing.T, srv tfprotov6.ProviderServer, typ tftypes.Object, config, proposed, prior tftypes.Value) (*tfprotov6.PlanResourceChangeResponse, tftypes.Value) {
	t.Helper()
	resp, err := srv.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: "srm_workload", Config: dynamicValue(t, typ, config),
		ProposedNewState: dynamicValue(t, typ, proposed), PriorState: dynamicValue(t, typ, prior),
	})
	if err != nil {
		t.Fatal(err)
	}
	planned := tftypes.NewValue(typ, nil)
	if resp.PlannedState != nil {
		if planned, err = resp.PlannedState.Unmarshal(typ); err != nil {
			t.Fatal(err)
		}
	}
	return resp, planned
}

// proposedNewState is what Terraform proposes: the configuration, with the
// prior state's value for computed attributes the configuration leaves null.
func proposedNewState(typ tftypes.Object, config, prior tftypes.Value) tftypes.Value {
	cfg, _ := rawObject(config)
	old, ok := rawObject(prior)
	if !ok {
		return config
	}
	out := map[string]tftypes.Value{}
	for name, v := range cfg {
		out[name] = v
		if a := workloadSchemaOnce().Attributes[name]; v.IsNull() && a.IsComputed() {
			out[name] = old[name]
		}
	}
	return tftypes.NewValue(typ, out)
}

func diagText(diags []*tfprotov6.Diagnostic) string {
	var out string
	for _, d := range diags {
		out += fmt.Sprintf("%v %v %q: %q\n", d.Severity, d.Attribute, d.Summary, d.Detail)
	}
	return out
}

func hasError(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

// TestShippedServerServesWorkload: srm_workload's schema and interfaces use
// only what planserver implements, so the shipped server takes the fast
// path. A change that sends it back to the framework is correct but costs
// the plan (BENCHMARKS.md): this says which feature did it.
func TestShippedServerServesWorkload(t *testing.T) {
	srv, ok := NewProtocol6Server("test")().(*planserver.Server)
	if !ok {
		t.Fatal("the shipped server is not planserver's")
	}
	if !srv.Serves(workloadTypeName) {
		t.Errorf("srm_workload is served by the framework: %s", strings.Join(srv.Fallback(workloadTypeName), "; "))
	}
}

// fuzzCase is one generated request: the provider configuration, and the
// configuration and prior state of one workload (prior nil: a create;
// config nil: a destroy).
type workloadGen struct {
	r    *rand.Rand
	typ  tftypes.Object
	sch  schema.Schema
	pool []string
}

func newWorkloadGen(seed uint64, typ tftypes.Object) *workloadGen {
	m := model.Default()
	pool := []string{"", " ", "a", "prod", "iaas2", "strictest", "{}", "2999-01-01", "2000-01-01", "tomorrow",
		"no.such_control", "AKIAIOSFODNN7EXAMPLE", "1.0", "1.2", "1.3"}
	pool = append(pool, m.ServiceModelIDs()...)
	pool = append(pool, m.BaselineIDs()...)
	pool = append(pool, model.Classifications...)
	for _, c := range m.Controls {
		pool = append(pool, c.ID)
		pool = append(pool, c.Enum...)
	}
	return &workloadGen{r: rand.New(rand.NewPCG(seed, 7)), typ: typ, sch: workloadSchemaOnce(), pool: pool}
}

func (g *workloadGen) pick(options ...string) string { return options[g.r.IntN(len(options))] }
func (g *workloadGen) chance(percent int) bool       { return g.r.IntN(100) < percent }
func (g *workloadGen) str() tftypes.Value            { return str(g.pick(g.pool...)) }

// config is a random configuration over the schema. A wild one sets every
// configurable attribute null, unknown (unless known is set) or a value of
// its kind, right or wrong; a tame one is a compliant body with one change,
// so plans that pass, warn and fail all occur.
func (g *workloadGen) config(known bool) tftypes.Value { return g.configOf(known, g.chance(50)) }

func (g *workloadGen) configOf(known, wild bool) tftypes.Value {
	base := with(compliantGroups(), map[string]tftypes.Value{"name": str(g.pick("a", "b", "c", "d")),
		"service_model": str(g.pick(model.Default().ServiceModelIDs()...))})
	attrs := map[string]tftypes.Value{}
	for _, name := range slices.Sorted(maps.Keys(g.sch.Attributes)) {
		a, at := g.sch.Attributes[name], g.typ.AttributeTypes[name]
		v, inBase := base[name]
		switch {
		case a.IsComputed() && !a.IsOptional():
			if wild && at.Is(tftypes.String) && g.chance(5) {
				attrs[name] = g.str() // read-only set: an error
			}
		case !wild:
			if inBase {
				attrs[name] = v
			}
		case !known && g.chance(8):
			attrs[name] = tftypes.NewValue(at, tftypes.UnknownValue)
		case inBase && g.chance(75):
			attrs[name] = g.mutate(v, known)
		case g.chance(35):
			attrs[name] = g.value(name, a, at, known)
		}
	}
	if !wild && g.chance(70) {
		names := slices.Sorted(maps.Keys(g.sch.Attributes))
		name := g.pick(names...)
		if a := g.sch.Attributes[name]; !a.IsComputed() || a.IsOptional() {
			attrs[name] = g.value(name, a, g.typ.AttributeTypes[name], known)
		}
	}
	if !wild && g.chance(15) {
		// Write-only evidence, alone and of real resources (wild
		// configurations give it every key): judged, and never planned.
		delete(attrs, "evidence")
		attrs[evidenceWOAttribute] = g.evidenceOf(known, "aws_db_instance.orders", "module.x.aws_db_instance.b[0]")
	}
	return nullAttrs(g.typ, attrs)
}

func (g *workloadGen) value(name string, a schema.Attribute, at tftypes.Type, known bool) tftypes.Value {
	switch a := a.(type) {
	case schema.ListNestedAttribute:
		list, _ := at.(tftypes.List)
		et, _ := list.ElementType.(tftypes.Object)
		var elems []tftypes.Value
		for range g.r.IntN(3) {
			fields := map[string]tftypes.Value{}
			for name := range a.NestedObject.Attributes {
				switch {
				case g.chance(10):
					fields[name] = tftypes.NewValue(et.AttributeTypes[name], nil)
				case !known && g.chance(10):
					fields[name] = tftypes.NewValue(et.AttributeTypes[name], tftypes.UnknownValue)
				default:
					fields[name] = g.str()
				}
			}
			elems = append(elems, tftypes.NewValue(et, fields))
		}
		return tftypes.NewValue(at, elems)
	case schema.ListAttribute:
		var elems []tftypes.Value
		for range g.r.IntN(3) {
			if !known && g.chance(15) {
				elems = append(elems, tftypes.NewValue(tftypes.String, tftypes.UnknownValue))
			} else {
				elems = append(elems, g.str())
			}
		}
		return tftypes.NewValue(at, elems)
	case schema.BoolAttribute:
		return boolean(g.chance(50))
	case schema.DynamicAttribute:
		if controls := model.Default().GroupControls(name); len(controls) > 0 {
			return g.mutate(g.group(name, controls), known)
		}
		return g.evidence(known)
	}
	return g.str()
}

// evidence is an object of resource addresses, real and not, to objects.
func (g *workloadGen) evidence(known bool) tftypes.Value {
	return g.evidenceOf(known, "aws_db_instance.orders", "module.x.aws_db_instance.b[0]", "nonsense", "aws_nothing.x")
}

// evidenceOf is an object of one or two of keys to database objects.
func (g *workloadGen) evidenceOf(known bool, keys ...string) tftypes.Value {
	db := map[string]tftypes.Value{"storage_encrypted": boolean(g.chance(50)), "backup_retention_period": number(int64(g.r.IntN(40))),
		"publicly_accessible": boolean(g.chance(30)), "password": str("hunter2hunter2")}
	if !known && g.chance(20) {
		db["storage_encrypted"] = tftypes.NewValue(tftypes.Bool, tftypes.UnknownValue)
	}
	entries := map[string]tftypes.Value{}
	for range 1 + g.r.IntN(2) {
		entries[g.pick(keys...)] = obj(db)
	}
	return obj(entries)
}

// group is a body of a control group from the catalog, each control a
// value of its type.
func (g *workloadGen) group(name string, controls []model.Control) tftypes.Value {
	out := map[string]tftypes.Value{}
	for _, c := range controls {
		key := strings.TrimPrefix(c.ID, name+".")
		switch c.Type {
		case "bool":
			out[key] = boolean(g.chance(70))
		case "number":
			out[key] = number(int64(g.r.IntN(400)))
		case "string_list", "string_set", "firewall_rules":
			out[key] = tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{g.str()})
		default:
			out[key] = g.str()
			if len(c.Enum) > 0 {
				out[key] = str(g.pick(c.Enum...))
			}
		}
	}
	return obj(out)
}

// mutate changes a control group of the compliant body: a control dropped,
// unknown, null, of another type or value, or a misspelt key.
func (g *workloadGen) mutate(v tftypes.Value, known bool) tftypes.Value {
	fields, ok := rawObject(v)
	if !ok || g.chance(50) {
		return v
	}
	out := map[string]tftypes.Value{}
	for k, f := range fields {
		switch g.r.IntN(8) {
		case 0:
			continue
		case 1:
			if !known {
				f = tftypes.NewValue(f.Type(), tftypes.UnknownValue)
			}
		case 2:
			f = tftypes.NewValue(f.Type(), nil)
		case 3:
			f = g.pick2(boolean(false), number(int64(g.r.IntN(400))), g.str())
		case 4:
			k += "x"
		}
		out[k] = f
	}
	if !known && g.chance(5) {
		return tftypes.NewValue(tftypes.DynamicPseudoType, tftypes.UnknownValue)
	}
	return obj(out)
}

func (g *workloadGen) pick2(vs ...tftypes.Value) tftypes.Value { return vs[g.r.IntN(len(vs))] }

var (
	fastPathCases = flag.Int("fastpath.cases", 60, "random requests per provider configuration in TestFastPathMatchesFramework")
	fastPathSeed  = flag.Uint64("fastpath.seed", 0, "added to TestFastPathMatchesFramework's seeds, to explore other requests")
)

// providerConfigs are the provider configurations the fuzz test plans under.
var providerConfigs = []map[string]tftypes.Value{
	nil,
	{"enforcement": str("warn")},
	{"default_baseline": str("strict")},
}

// TestFastPathMatchesFramework sends the same random requests over the real
// schema to the framework's server and to the shipped one: every planned
// state, diagnostic (severity, summary, detail, attribute path, in order),
// RequiresReplace and private state, and every validation answer, must be
// the same. Priors are stored workloads (the framework's plan of a wholly
// known configuration, with an id), planned again unchanged, changed or
// destroyed.
func TestFastPathMatchesFramework(t *testing.T) {
	cases := *fastPathCases
	seen := map[string]int{}
	defer func() {
		for _, kind := range []string{"create ok", "create warning", "create error", "update ok", "update warning", "update error", "destroy ok",
			"evidence_wo violation", "evidence_wo conflict", "write-only refused"} {
			if seen[kind] == 0 && !t.Failed() {
				t.Errorf("no %q plan among the cases (%v): the generator misses a kind", kind, seen)
			}
		}
	}()
	// Priors are planned on servers of their own, so the two compared see
	// the same requests, and sometimes under another provider
	// configuration (a default baseline changed since the workload was
	// stored).
	var stores []tfprotov6.ProviderServer
	for _, pc := range providerConfigs {
		store, _, _ := twoServers(t, pc)
		stores = append(stores, store)
	}
	for pi, pc := range providerConfigs {
		framework, fast, typ := twoServers(t, pc)
		g := newWorkloadGen(*fastPathSeed+uint64(pi+1), typ)
		null := tftypes.NewValue(typ, nil)
		for i := range cases {
			known := g.configOf(true, g.chance(20))
			prior := null
			if g.chance(60) {
				store := stores[pi]
				if g.chance(25) {
					store = stores[g.r.IntN(len(stores))]
				}
				resp, planned := planOn(t, store, typ, known, known, null)
				if attrs, ok := rawObject(planned); ok && !hasError(resp.Diagnostics) {
					attrs["id"] = str("wl-0123456789abcdef")
					prior = tftypes.NewValue(typ, attrs)
				}
			}
			config := g.config(false)
			switch {
			case !prior.IsNull() && g.chance(30):
				config = known // unchanged
			case !prior.IsNull() && g.chance(10):
				config = null // destroy
			}
			proposed := null
			if !config.IsNull() {
				proposed = proposedNewState(typ, config, prior)
			}
			what := fmt.Sprintf("provider %v, case %d\nconfig %s\nprior %s", pc, i, config, prior)

			if !config.IsNull() {
				// Terraform 1.11 and later say they take write-only
				// attributes; older clients send no capabilities.
				req := &tfprotov6.ValidateResourceConfigRequest{TypeName: workloadTypeName, Config: dynamicValue(t, typ, config)}
				if g.chance(50) {
					req.ClientCapabilities = &tfprotov6.ValidateResourceConfigClientCapabilities{WriteOnlyAttributesAllowed: g.chance(80)}
				}
				want, err1 := framework.ValidateResourceConfig(context.Background(), req)
				got, err2 := fast.ValidateResourceConfig(context.Background(), req)
				if err1 != nil || err2 != nil {
					t.Fatal(err1, err2)
				}
				// The framework visits attributes in map order.
				if g, w := sortedDiags(got.Diagnostics), sortedDiags(want.Diagnostics); g != w {
					t.Errorf("%s\nvalidate diagnostics differ\nfast:\n%s\nframework:\n%s", what, g, w)
				}
				if strings.Contains(diagText(want.Diagnostics), "WriteOnly Attribute Not Allowed") {
					seen["write-only refused"]++
				}
			}
			want, wantPlan := planOn(t, framework, typ, config, proposed, prior)
			seen[outcome(prior, config, want.Diagnostics)]++
			for _, d := range want.Diagnostics {
				if steps := d.Attribute.Steps(); len(steps) > 0 && steps[0] == tftypes.AttributeName(evidenceWOAttribute) {
					if strings.HasPrefix(d.Summary, "Control Not Satisfied") {
						seen["evidence_wo violation"]++
					}
					if d.Summary == "Conflicting Evidence Attributes" {
						seen["evidence_wo conflict"]++
					}
				}
			}
			if attrs, ok := rawObject(wantPlan); ok && !attrs[evidenceWOAttribute].IsNull() {
				t.Errorf("%s\nthe framework planned evidence_wo: %s", what, attrs[evidenceWOAttribute])
			}
			got, gotPlan := planOn(t, fast, typ, config, proposed, prior)
			if !gotPlan.Equal(wantPlan) {
				t.Errorf("%s\nplanned state differs\nfast:      %s\nframework: %s", what, gotPlan, wantPlan)
			}
			if g, w := diagText(got.Diagnostics), diagText(want.Diagnostics); g != w {
				t.Errorf("%s\nplan diagnostics differ\nfast:\n%s\nframework:\n%s", what, g, w)
			}
			if string(got.PlannedPrivate) != string(want.PlannedPrivate) || fmt.Sprint(got.RequiresReplace) != fmt.Sprint(want.RequiresReplace) {
				t.Errorf("%s\nprivate %q / %q, requires replace %v / %v", what, got.PlannedPrivate, want.PlannedPrivate, got.RequiresReplace, want.RequiresReplace)
			}
			if t.Failed() {
				return
			}
		}
	}
}

// outcome names the kind of a plan: create, update or destroy, and its
// worst diagnostic.
func outcome(prior, config tftypes.Value, diags []*tfprotov6.Diagnostic) string {
	kind := "update"
	switch {
	case config.IsNull():
		kind = "destroy"
	case prior.IsNull():
		kind = "create"
	}
	worst := "ok"
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			worst = "error"
		} else if worst == "ok" {
			worst = "warning"
		}
	}
	return kind + " " + worst
}

func sortedDiags(diags []*tfprotov6.Diagnostic) string {
	var texts []string
	for _, d := range diags {
		texts = append(texts, diagText([]*tfprotov6.Diagnostic{d}))
	}
	slices.Sort(texts)
	return strings.Join(texts, "")
}

// The one intended difference: an exception wholly unknown at validate
// (`exceptions = [var.waiver]`) is not a missing one. The framework
// reports each of its four required attributes missing; the fast path
// waits for the value, as it does for every unknown. If the framework
// stops reporting them, this fails: the difference is then gone.
func TestUnknownExceptionAtValidate(t *testing.T) {
	framework, fast, typ := twoServers(t, nil)
	exceptions, _ := typ.AttributeTypes["exceptions"].(tftypes.List)
	exceptionType := exceptions.ElementType
	config := dynamicValue(t, typ, nullAttrs(typ, with(compliantGroups(), map[string]tftypes.Value{
		"name": str("a"), "service_model": str("iaas"),
		"exceptions": tftypes.NewValue(tftypes.List{ElementType: exceptionType}, []tftypes.Value{tftypes.NewValue(exceptionType, tftypes.UnknownValue)}),
	})))
	req := &tfprotov6.ValidateResourceConfigRequest{TypeName: workloadTypeName, Config: config}
	want, _ := framework.ValidateResourceConfig(context.Background(), req)
	got, _ := fast.ValidateResourceConfig(context.Background(), req)
	if len(got.Diagnostics) != 0 {
		t.Errorf("an unknown exception failed validation:\n%s", diagText(got.Diagnostics))
	}
	missing := 0
	for _, d := range want.Diagnostics {
		if d.Summary == "Missing Configuration for Required Attribute" {
			missing++
		}
	}
	if missing != 4 || len(want.Diagnostics) != 4 {
		t.Errorf("the framework now reports for an unknown exception:\n%s\nmake the fast path match it and drop this exception", diagText(want.Diagnostics))
	}
}

// alteredWorkload is srm_workload with its schema edited, for the tests
// that prove the shipped server steps aside.
type alteredWorkload struct {
	*workloadResource
	edit func(*schema.Schema)
}

func (r alteredWorkload) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	r.workloadResource.Schema(ctx, req, resp)
	resp.Schema.Attributes = maps.Clone(resp.Schema.Attributes)
	r.edit(&resp.Schema)
}

// validatedWorkload is srm_workload with a resource config validator.
type validatedWorkload struct{ *workloadResource }

func (validatedWorkload) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{resourcevalidator.Conflicting(path.MatchRoot("environment"), path.MatchRoot("data_classification"))}
}

// alteredProvider is the provider with srm_workload replaced.
type alteredProvider struct {
	provider.Provider
	workload func() resource.Resource
}

func (p alteredProvider) Resources(ctx context.Context) []func() resource.Resource {
	var out []func() resource.Resource
	for _, f := range p.Provider.Resources(ctx) {
		var m resource.MetadataResponse
		f().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "srm"}, &m)
		if m.TypeName == workloadTypeName {
			f = p.workload
		}
		out = append(out, f)
	}
	return out
}

func altered(workload func(r *workloadResource) resource.Resource) func() provider.Provider {
	return func() provider.Provider {
		return alteredProvider{Provider: New("test")(), workload: func() resource.Resource {
			r, _ := NewWorkloadResource().(*workloadResource)
			return workload(r)
		}}
	}
}

// A plan modifier, a config validator or a nested write-only attribute added to
// srm_workload sends it back to the framework, with a log line saying why,
// and the shipped server then answers with what the feature does.
func TestFastPathStepsAside(t *testing.T) {
	iaas := with(compliantGroups(), map[string]tftypes.Value{"name": str("a"), "service_model": str("iaas"), "environment": str("prod")})
	cases := []struct {
		name     string
		provider func() provider.Provider
		reason   string
		check    func(t *testing.T, fast tfprotov6.ProviderServer, typ tftypes.Object)
	}{
		{"plan modifier", altered(func(r *workloadResource) resource.Resource {
			return alteredWorkload{r, func(s *schema.Schema) {
				a, _ := s.Attributes["service_model"].(schema.StringAttribute)
				a.PlanModifiers = []planmodifier.String{stringplanmodifier.RequiresReplace()}
				s.Attributes["service_model"] = a
			}}
		}), "service_model: plan modifiers", func(t *testing.T, fast tfprotov6.ProviderServer, typ tftypes.Object) {
			null := tftypes.NewValue(typ, nil)
			cfg := nullAttrs(typ, iaas)
			_, planned := planOn(t, fast, typ, cfg, cfg, null)
			attrs, _ := rawObject(planned)
			attrs["id"] = str("wl-0123456789abcdef")
			prior := tftypes.NewValue(typ, attrs)
			config := nullAttrs(typ, with(iaas, map[string]tftypes.Value{"service_model": str("paas")}))
			resp, _ := planOn(t, fast, typ, config, proposedNewState(typ, config, prior), prior)
			if fmt.Sprint(resp.RequiresReplace) != fmt.Sprint([]*tftypes.AttributePath{tftypes.NewAttributePath().WithAttributeName("service_model")}) {
				t.Errorf("RequiresReplace = %v, want service_model", resp.RequiresReplace)
			}
		}},
		{"config validator", altered(func(r *workloadResource) resource.Resource { return validatedWorkload{r} }),
			"ConfigValidators", func(t *testing.T, fast tfprotov6.ProviderServer, typ tftypes.Object) {
				config := nullAttrs(typ, with(iaas, map[string]tftypes.Value{"data_classification": str("internal")}))
				resp, _ := fast.ValidateResourceConfig(context.Background(), &tfprotov6.ValidateResourceConfigRequest{
					TypeName: workloadTypeName, Config: dynamicValue(t, typ, config)})
				if !strings.Contains(diagText(resp.Diagnostics), "Invalid Attribute Combination") {
					t.Errorf("the config validator did not run:\n%s", diagText(resp.Diagnostics))
				}
			}},
		{"nested write-only attribute", altered(func(r *workloadResource) resource.Resource {
			return alteredWorkload{r, func(s *schema.Schema) {
				a, _ := s.Attributes["exceptions"].(schema.ListNestedAttribute)
				a.NestedObject.Attributes = maps.Clone(a.NestedObject.Attributes)
				a.NestedObject.Attributes["token"] = schema.StringAttribute{Optional: true, WriteOnly: true}
				s.Attributes["exceptions"] = a
			}}
		}), "exceptions.token: write-only", func(t *testing.T, fast tfprotov6.ProviderServer, typ tftypes.Object) {
			list, _ := typ.AttributeTypes["exceptions"].(tftypes.List)
			et, _ := list.ElementType.(tftypes.Object)
			exception := tftypes.NewValue(et, map[string]tftypes.Value{"control": str("backup.cross_region"),
				"justification": str("replicated elsewhere"), "approved_by": str("ciso"), "expires": str("2999-01-01"),
				"token": str("s3cr3t-t0ken")})
			config := nullAttrs(typ, with(iaas, map[string]tftypes.Value{"exceptions": tftypes.NewValue(list, []tftypes.Value{exception})}))
			_, planned := planOn(t, fast, typ, config, config, tftypes.NewValue(typ, nil))
			if strings.Contains(planned.String(), "s3cr3t") {
				t.Errorf("the write-only token is in the plan: %s", planned)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv, _ := newProtocol6Server(c.provider())().(*planserver.Server)
			if srv.Serves(workloadTypeName) || !strings.Contains(strings.Join(srv.Fallback(workloadTypeName), "; "), c.reason) {
				t.Fatalf("the fast path did not step aside for %q: %q", c.reason, srv.Fallback(workloadTypeName))
			}
			var logs bytes.Buffer
			ctx := tflogtest.RootLogger(context.Background(), &logs)
			_, _ = srv.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "srm_nothing"})
			if !strings.Contains(logs.String(), "srm_workload is served by the framework") || !strings.Contains(logs.String(), c.reason) {
				t.Errorf("no log line says why: %q", logs.String())
			}
			_, fast, typ := twoServersOf(t, c.provider, nil)
			c.check(t, fast, typ)
		})
	}
}

// A plan that carries a prior private state answers as the framework's
// (planserver hands such a plan to the framework, since ModifyPlan, not
// the plan hook, would see the private state). Whether srm_workload's
// ModifyPlan writes private state itself is held by
// TestFastPathMatchesFramework, which compares every planned private state.
func TestFastPathLeavesPrivateStateToFramework(t *testing.T) {
	framework, fast, typ := twoServers(t, nil)
	store, _, _ := twoServers(t, nil)
	null := tftypes.NewValue(typ, nil)
	config := nullAttrs(typ, with(compliantGroups(), map[string]tftypes.Value{"name": str("a"), "service_model": str("iaas")}))
	_, planned := planOn(t, store, typ, config, config, null)
	attrs, _ := rawObject(planned)
	attrs["id"] = str("wl-0123456789abcdef")
	prior := dynamicValue(t, typ, tftypes.NewValue(typ, attrs))
	private := []byte(`{"k":"eyJhIjoxfQ=="}`) // {"a":1}, as a provider would have stored it
	var texts [2]string
	for i, srv := range []tfprotov6.ProviderServer{framework, fast} {
		resp, err := srv.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{TypeName: workloadTypeName,
			Config: dynamicValue(t, typ, config), ProposedNewState: dynamicValue(t, typ, proposedNewState(typ, config, tftypes.NewValue(typ, attrs))),
			PriorState: prior, PriorPrivate: private})
		if err != nil {
			t.Fatal(err)
		}
		texts[i] = fmt.Sprintf("%s %v %s", resp.PlannedPrivate, resp.RequiresReplace, diagText(resp.Diagnostics))
	}
	if texts[0] != texts[1] {
		t.Errorf("with a private state\nfast:      %s\nframework: %s", texts[1], texts[0])
	}
	if !strings.Contains(texts[0], `"k"`) {
		t.Errorf("the framework dropped the private state (%s): the test shows nothing", texts[0])
	}
}
