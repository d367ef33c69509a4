package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// In-process plans, through the same server the plugin binary runs, for
// what the CLI shows only as text: warnings, and what diagnostics never say.

type inProcess struct {
	srv tfprotov6.ProviderServer
	typ tftypes.Object
}

func newInProcess(t *testing.T) *inProcess {
	t.Helper()
	return newInProcessServer(t, NewProtocol6Server("test")())
}

// newInProcessLogging serves with the per-request loggers kept, as with
// TF_LOG set, whatever the process's environment said first.
func newInProcessLogging(t *testing.T) *inProcess {
	t.Helper()
	return newInProcessServer(t, serve(New("test")(), false)())
}

func newInProcessServer(t *testing.T, srv tfprotov6.ProviderServer) *inProcess {
	t.Helper()
	ctx := context.Background()
	schemas, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	pt, _ := schemas.Provider.ValueType().(tftypes.Object)
	if _, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: dynamicValue(t, pt, nullAttrs(pt, nil))}); err != nil {
		t.Fatal(err)
	}
	typ, _ := schemas.ResourceSchemas["srm_workload"].ValueType().(tftypes.Object)
	return &inProcess{srv: srv, typ: typ}
}

func nullAttrs(typ tftypes.Object, set map[string]tftypes.Value) tftypes.Value {
	attrs := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		if v, ok := set[name]; ok {
			attrs[name] = v
		} else {
			attrs[name] = tftypes.NewValue(at, nil)
		}
	}
	return tftypes.NewValue(typ, attrs)
}

func dynamicValue(t *testing.T, typ tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

// plan plans one new workload and returns its diagnostics' text.
func (p *inProcess) plan(t *testing.T, set map[string]tftypes.Value) []string {
	t.Helper()
	cfg := dynamicValue(t, p.typ, nullAttrs(p.typ, set))
	resp, err := p.srv.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: "srm_workload", PriorState: dynamicValue(t, p.typ, tftypes.NewValue(p.typ, nil)),
		ProposedNewState: cfg, Config: cfg,
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range resp.Diagnostics {
		out = append(out, d.Summary+": "+d.Detail)
	}
	return out
}

func str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

func TestWorkload_DuplicateNameWarns(t *testing.T) {
	p := newInProcess(t)
	w := map[string]tftypes.Value{"name": str("same"), "service_model": str("saas"), "baseline": str("minimum")}
	if got := strings.Join(p.plan(t, w), "\n"); strings.Contains(got, "Duplicate Workload Name") {
		t.Fatalf("first workload warned: %s", got)
	}
	if got := strings.Join(p.plan(t, w), "\n"); !strings.Contains(got, "Duplicate Workload Name") {
		t.Fatalf("second workload with the same name did not warn:\n%s", got)
	}
}

// A name marked sensitive reaches the provider unmarked: diagnostics must
// not repeat it (they carry the resource address already).
func TestWorkload_DiagnosticsNeverRepeatTheName(t *testing.T) {
	p := newInProcess(t)
	const name = "Zq8xW-Kp3vT-Jm9yR"
	diags := p.plan(t, map[string]tftypes.Value{"name": str(name), "service_model": str("iaas")})
	if len(diags) == 0 {
		t.Fatal("a workload with no controls planned without findings")
	}
	for _, d := range diags {
		for i := 0; i+5 <= len(name); i++ {
			if strings.Contains(d, name[i:i+5]) {
				t.Fatalf("diagnostic repeats %q of the name: %s", name[i:i+5], d)
			}
		}
	}
}

// The same plan gives the same diagnostics in the same order, catalog
// order, every time.
func TestWorkload_DiagnosticsInStableCatalogOrder(t *testing.T) {
	p := newInProcess(t)
	obj := func(attrs map[string]tftypes.Value) tftypes.Value {
		types := map[string]tftypes.Type{}
		for k, v := range attrs {
			types[k] = v.Type()
		}
		return tftypes.NewValue(tftypes.Object{AttributeTypes: types}, attrs)
	}
	no := tftypes.NewValue(tftypes.Bool, false)
	w := map[string]tftypes.Value{
		"service_model": str("iaas"),
		"identity":      obj(map[string]tftypes.Value{"mfa_required": no, "least_privilege": no}),
		"encryption":    obj(map[string]tftypes.Value{"at_rest": no, "in_transit": no}),
		"backup":        obj(map[string]tftypes.Value{"enabled": no}),
	}
	var first []string
	for run := 0; run < 3; run++ {
		w["name"] = str("w" + string(rune('a'+run))) // distinct names: no duplicate-name warning
		got := p.plan(t, w)
		if run == 0 {
			first = got
			continue
		}
		if strings.Join(got, "\n") != strings.Join(first, "\n") {
			t.Fatalf("run %d differs:\n%s\n---\n%s", run, strings.Join(got, "\n"), strings.Join(first, "\n"))
		}
	}
	m := defaultProviderData().evaluator.Model()
	last := -1
	for _, d := range first {
		id, ok := strings.CutPrefix(strings.SplitN(d, ":", 3)[0]+":"+strings.SplitN(d, ":", 3)[1], "Control Not Satisfied: ")
		if !ok {
			continue
		}
		idx := -1
		for i, c := range m.Controls {
			if c.ID == strings.TrimSpace(id) {
				idx = i
			}
		}
		if idx < last {
			t.Fatalf("%s is out of catalog order", id)
		}
		last = idx
	}
	if last < 0 {
		t.Fatal("no control findings to order")
	}
}

// A hostile argument is not echoed back: an unknown service model of 40 KB
// gives an error of a few hundred bytes naming the valid ids.
func TestWorkload_LongInvalidValueNotEchoed(t *testing.T) {
	p := newInProcess(t)
	long := strings.Repeat("wJalrXUtnFEMI/K7MDENG", 2000)
	cfg := dynamicValue(t, p.typ, nullAttrs(p.typ, map[string]tftypes.Value{"name": str("w"), "service_model": str(long)}))
	resp, err := p.srv.ValidateResourceConfig(context.Background(), &tfprotov6.ValidateResourceConfigRequest{TypeName: "srm_workload", Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Diagnostics) == 0 {
		t.Fatal("an unknown service model validated")
	}
	for _, d := range resp.Diagnostics {
		if len(d.Detail) > 600 || strings.Contains(d.Detail, "wJalr") {
			t.Fatalf("diagnostic echoes the value (%d bytes): %.200s", len(d.Detail), d.Detail)
		}
		if !strings.Contains(d.Detail, `"iaas"`) {
			t.Fatalf("diagnostic does not name the valid ids: %s", d.Detail)
		}
	}
}
