package provider

import (
	"context"
	"fmt"
	"maps"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

var (
	_ resource.ResourceWithConfigure  = (*workloadResource)(nil)
	_ resource.ResourceWithModifyPlan = (*workloadResource)(nil)
)

type workloadResource struct {
	data *providerData
	now  func() time.Time
}

// NewWorkloadResource returns the srm_workload resource.
func NewWorkloadResource() resource.Resource {
	return &workloadResource{data: defaultProviderData(), now: time.Now}
}

func (r *workloadResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_workload"
}

func (r *workloadResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = workloadSchema(model.Default())
}

func (r *workloadResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if req.ProviderData != nil {
		r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
	}
}

// A workload is logical: the plan, which ModifyPlan made wholly known, is
// the state.
func (r *workloadResource) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = req.Plan.Raw
}

func (r *workloadResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *workloadResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
}

func (r *workloadResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}

// ModifyPlan evaluates the workload. Terraform calls it at plan and again
// during apply with a wholly-known configuration, so a control deferred at
// plan is enforced at apply before anything is stored.
func (r *workloadResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	top, ok := rawObject(req.Plan.Raw)
	if !ok {
		return // destroy: never blocked
	}
	plan, ok := newPlannedValues(req.Plan.Raw, top)
	if !ok {
		resp.Diagnostics.AddError("Unexpected Plan Type", "the planned srm_workload is not an object; please report this issue to the provider developers")
		return
	}
	if name, state := rawString(top["name"]); state == policy.Known {
		plan.set("id", name)
	} else {
		plan.unknown("id")
	}
	w, ready := r.workload(top, plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if ready {
		res := r.data.evaluator.Evaluate(w)
		r.report(ctx, w, res, configUnchanged(top, req.State.Raw), &resp.Diagnostics)
		plan.results(res)
	} else {
		plan.unknownResults()
	}
	resp.Plan.Raw = plan.object()
}

// workload builds the evaluator's input; ready is false while the service
// model, classification or baseline is unknown.
func (r *workloadResource) workload(top map[string]tftypes.Value, plan *plannedValues, diags *diag.Diagnostics) (*policy.Workload, bool) {
	m := r.data.evaluator.Model()
	name, _ := rawString(top["name"])
	sm, smState := rawString(top["service_model"])
	class, classState := rawString(top["data_classification"])
	baseline, baselineState := rawString(top["baseline"])
	spec, specState := rawString(top["custom_baseline"])

	switch {
	case specState == policy.Known:
		baselineState = policy.Null
		plan.set("baseline", nil)
	case baselineState != policy.Known && specState == policy.Null:
		baseline, baselineState = r.data.defaultBaseline, policy.Known
		plan.set("baseline", baseline)
	}
	if smState != policy.Known || classState != policy.Known || specState == policy.Unknown ||
		(specState == policy.Null && baselineState != policy.Known) {
		return nil, false
	}
	w := &policy.Workload{Name: name, ServiceModel: sm, Classification: class, Baseline: baseline, Now: r.now()}
	if specState == policy.Known {
		custom, err := policy.ParseCustomBaseline(m, spec)
		if err != nil {
			diags.AddAttributeError(path.Root("custom_baseline"), "Invalid Custom Baseline", err.Error())
			return nil, false
		}
		w.Custom = custom
	}
	values, err := readControlValues(m, top)
	if err != nil {
		diags.AddError("Unreadable Workload Value", err.Error())
		return nil, false
	}
	w.Values = values
	var known bool
	w.Exceptions, known = rawExceptions(top["exceptions"])
	w.ExceptionsUnknown = !known
	return w, true
}

// report turns findings and exception notices into diagnostics.
//
// Errors block only plans that create the workload or change its
// configuration. `terraform destroy` first runs an ordinary plan of the
// unchanged configuration and stops on any error from it, so failing an
// unchanged workload (one stored in warn mode, or whose exception has since
// expired) would block its destruction. Such findings are warnings, and
// findings and compliant still record them.
func (r *workloadResource) report(ctx context.Context, w *policy.Workload, res policy.Result, unchanged bool, diags *diag.Diagnostics) {
	warnOnly := r.data.enforcement == EnforcementWarn || unchanged
	addError := func(p path.Path, summary, detail string) {
		switch {
		case unchanged:
			diags.AddAttributeWarning(p, summary, detail+"\n\n"+unchangedNote)
		case warnOnly:
			diags.AddAttributeWarning(p, summary, detail)
		default:
			diags.AddAttributeError(p, summary, detail)
		}
	}
	for _, f := range res.Findings {
		tflog.Debug(ctx, "srm_workload finding", map[string]any{
			"workload": w.Name, "control": f.Control, "status": f.Status, "check": f.Check,
		})
		if f.Status != policy.StatusViolated {
			continue
		}
		addError(attributePath(f.Path), "Control Not Satisfied: "+f.Control, f.Detail)
	}
	for _, n := range res.Notices {
		p := path.Root("exceptions").AtListIndex(n.Index).AtName(n.Field)
		if n.Error {
			addError(p, n.Summary, n.Detail)
		} else {
			diags.AddAttributeWarning(p, n.Summary, n.Detail)
		}
	}
	if len(res.Deferred) > 0 {
		diags.AddWarning("Controls Deferred Until Apply",
			fmt.Sprintf("Workload %q: %s depend on values not known until apply. They are checked again during apply, "+
				"before anything is stored, and a violation then fails the apply with the same error.",
				w.Name, strings.Join(res.Deferred, ", ")))
	}
}

const unchangedNote = "This plan does not change the workload's configuration, so the finding is a warning " +
	"here; any plan that changes the workload fails on it."

// computedAttributes are derived by ModifyPlan; every other attribute comes
// from configuration.
var computedAttributes = map[string]bool{
	"id": true, "customer_domains": true, "provider_domains": true,
	"shared_domains": true, "required_controls": true, "findings": true, "compliant": true,
}

// configUnchanged reports whether the planned configuration equals the
// stored one.
func configUnchanged(plan map[string]tftypes.Value, state tftypes.Value) bool {
	prior, ok := rawObject(state)
	if !ok {
		return false
	}
	for name, v := range plan {
		if !computedAttributes[name] && !v.Equal(prior[name]) {
			return false
		}
	}
	return true
}

var resultListAttributes = []string{"customer_domains", "provider_domains", "shared_domains", "required_controls"}

// plannedValues collects what ModifyPlan decides and writes it into the plan
// in one object rebuild, rather than one framework call per attribute: on a
// plan of thousands of workloads those calls were a large share of the
// provider's time.
type plannedValues struct {
	typ  tftypes.Object
	vals map[string]tftypes.Value
}

func newPlannedValues(raw tftypes.Value, top map[string]tftypes.Value) (*plannedValues, bool) {
	typ, ok := raw.Type().(tftypes.Object)
	return &plannedValues{typ: typ, vals: maps.Clone(top)}, ok
}

func (p *plannedValues) set(name string, v any) {
	p.vals[name] = tftypes.NewValue(p.typ.AttributeTypes[name], v)
}

func (p *plannedValues) unknown(name string) { p.set(name, tftypes.UnknownValue) }

func (p *plannedValues) object() tftypes.Value { return tftypes.NewValue(p.typ, p.vals) }

func rawStringList(values []string) []tftypes.Value {
	out := make([]tftypes.Value, len(values))
	for i, v := range values {
		out[i] = tftypes.NewValue(tftypes.String, v)
	}
	return out
}

func (p *plannedValues) unknownResults() {
	for _, name := range resultListAttributes {
		p.unknown(name)
	}
	p.unknown("findings")
	p.unknown("compliant")
}

func (p *plannedValues) results(res policy.Result) {
	lists := [][]string{res.CustomerDomains, res.ProviderDomains, res.SharedDomains, res.RequiredControls}
	for i, name := range resultListAttributes {
		p.set(name, rawStringList(lists[i]))
	}
	if len(res.Deferred) > 0 {
		p.unknown("findings")
		p.unknown("compliant")
		return
	}
	list, _ := p.typ.AttributeTypes["findings"].(tftypes.List)
	elem, _ := list.ElementType.(tftypes.Object)
	findings := make([]tftypes.Value, 0, len(res.Findings))
	for _, f := range res.Findings {
		findings = append(findings, tftypes.NewValue(elem, map[string]tftypes.Value{
			"control":     tftypes.NewValue(tftypes.String, f.Control),
			"domain":      tftypes.NewValue(tftypes.String, f.Domain),
			"owner":       tftypes.NewValue(tftypes.String, f.Owner),
			"severity":    tftypes.NewValue(tftypes.String, f.Severity),
			"status":      tftypes.NewValue(tftypes.String, f.Status),
			"message":     tftypes.NewValue(tftypes.String, f.Message),
			"remediation": tftypes.NewValue(tftypes.String, f.Remediation),
			"references":  tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, rawStringList(f.References)),
		}))
	}
	p.set("findings", findings)
	p.set("compliant", res.Compliant)
}
