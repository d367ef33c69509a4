package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// unencryptedDatabases is an evidence object of n databases, each one a
// violation of encryption.at_rest.
func unencryptedDatabases(n int) tftypes.Value {
	entries := map[string]tftypes.Value{}
	for i := range n {
		entries[fmt.Sprintf("aws_db_instance.db%d", i)] = obj(map[string]tftypes.Value{"storage_encrypted": boolean(false)})
	}
	return obj(entries)
}

// planWith plans one workload against a prior state (null for a create) and
// returns the error diagnostics.
func (p *inProcess) planWith(t *testing.T, set map[string]tftypes.Value, prior tftypes.Value) []*tfprotov6.Diagnostic {
	t.Helper()
	cfg := dynamicValue(t, p.typ, nullAttrs(p.typ, set))
	resp, err := p.srv.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: "srm_workload", PriorState: dynamicValue(t, p.typ, prior), ProposedNewState: cfg, Config: cfg,
	})
	if err != nil {
		t.Fatal(err)
	}
	var errs []*tfprotov6.Diagnostic
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			errs = append(errs, d)
		}
	}
	return errs
}

// Many violations make a bounded number of diagnostics: the first ones in
// full, the rest counted in one, so a plan's cost and output grow with the
// workloads, not with the square of their findings.
func TestWorkload_ViolationDiagnosticsAreBounded(t *testing.T) {
	p := newInProcess(t)
	w := with(compliantGroups(), map[string]tftypes.Value{
		"name": str("many"), "service_model": str("paas"), "evidence": unencryptedDatabases(200),
	})
	errs := p.planWith(t, w, tftypes.NewValue(p.typ, nil))
	if len(errs) != maxViolationDiagnostics+1 {
		t.Fatalf("%d error diagnostics for 200 violations, want %d in full and one summary", len(errs), maxViolationDiagnostics)
	}
	last := errs[len(errs)-1]
	if !strings.Contains(last.Summary, "More Controls Not Satisfied") || !strings.Contains(last.Detail, "encryption.at_rest (190)") {
		t.Errorf("summary diagnostic: %s: %s", last.Summary, last.Detail)
	}
}

// The destroy hint belongs only where a destroy can be blocked: an update of
// a stored workload, once. A create never shows it.
func TestWorkload_DestroyHintOnlyOnUpdate(t *testing.T) {
	p := newInProcess(t)
	w := with(compliantGroups(), map[string]tftypes.Value{
		"name": str("hint"), "service_model": str("paas"), "evidence": unencryptedDatabases(3),
	})
	count := func(errs []*tfprotov6.Diagnostic) int {
		n := 0
		for _, d := range errs {
			n += strings.Count(d.Detail, "terraform destroy -refresh=false")
		}
		return n
	}
	created := p.planWith(t, w, tftypes.NewValue(p.typ, nil))
	if len(created) == 0 || count(created) != 0 {
		t.Errorf("create: %d errors, %d destroy hints; want errors and no hint", len(created), count(created))
	}
	stored := with(w, map[string]tftypes.Value{"id": str("x"), "name": str("hint-before")})
	updated := p.planWith(t, w, nullAttrs(p.typ, stored))
	if len(updated) == 0 || count(updated) != 1 {
		t.Errorf("update: %d errors, %d destroy hints; want errors and one hint", len(updated), count(updated))
	}
}

// Planning a workload grows linearly with its violating evidence entries:
// compare the ns/op of the sizes side by side.
func BenchmarkWorkloadPlanManyViolations(b *testing.B) {
	for _, n := range []int{1000, 10000, 40000} {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			t := &testing.T{}
			p := newInProcess(t)
			w := with(compliantGroups(), map[string]tftypes.Value{
				"name": str("many"), "service_model": str("paas"), "evidence": unencryptedDatabases(n),
			})
			cfg := dynamicValue(t, p.typ, nullAttrs(p.typ, w))
			prior := dynamicValue(t, p.typ, tftypes.NewValue(p.typ, nil))
			b.ResetTimer()
			for range b.N {
				if _, err := p.srv.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
					TypeName: "srm_workload", PriorState: prior, ProposedNewState: cfg, Config: cfg,
				}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
