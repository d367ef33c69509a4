package provider

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"maps"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/shared-responsibility/terraform-provider-srm/internal/evidence"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

var (
	_ resource.ResourceWithConfigure      = (*workloadResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*workloadResource)(nil)
	_ resource.ResourceWithValidateConfig = (*workloadResource)(nil)
)

type workloadResource struct {
	data *providerData
}

// NewWorkloadResource returns the srm_workload resource.
func NewWorkloadResource() resource.Resource {
	return &workloadResource{data: defaultProviderData()}
}

// evidenceEngine loads the evidence tables once; they are embedded and
// validated against the catalog.
var evidenceEngine = sync.OnceValues(func() (*evidence.Engine, error) {
	return evidence.New(model.Default())
})

func (r *workloadResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_workload"
}

func (r *workloadResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = workloadSchemaOnce()
}

var workloadSchemaOnce = sync.OnceValue(func() schema.Schema { return workloadSchema(model.Default()) })

func (r *workloadResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if req.ProviderData != nil {
		r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
	}
}

// A workload is logical: the plan is the state, with a random id that no
// configured value can leak into. A verdict that depends on the clock was
// left unknown in the plan and is decided here, once.
func (r *workloadResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = r.store(ctx, req.Config.Raw, req.Plan.Raw, tftypes.NewValue(req.Plan.Raw.Type(), nil))
}

// store is the state for a planned workload: the plan, with the id set and
// a clock-dependent verdict decided now. The plan's diagnostics were given
// when it was made, so those of this judgement are dropped.
func (r *workloadResource) store(ctx context.Context, config, planned, prior tftypes.Value) tftypes.Value {
	top, ok := rawObject(planned)
	if !ok {
		return planned
	}
	if !top["findings"].IsKnown() || !top["compliant"].IsKnown() {
		var diags diag.Diagnostics
		settled := r.judge(ctx, config, planned, prior, true, &diags)
		if t, ok := rawObject(settled); ok && !diags.HasError() {
			top = t
		}
	}
	plan, _ := newPlannedValues(planned, top)
	if !plan.vals["id"].IsKnown() {
		plan.set("id", newWorkloadID())
	}
	return plan.object()
}

func newWorkloadID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return "wl-" + hex.EncodeToString(b)
}

func (r *workloadResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *workloadResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = r.store(ctx, req.Config.Raw, req.Plan.Raw, req.State.Raw)
}

func (r *workloadResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}

// ValidateConfig checks the control groups and evidence against the catalog
// and the evidence tables at `terraform validate`, so a misspelt key or an
// unsupported resource type fails before any plan. Unknown parts are
// checked again at plan and apply.
func (r *workloadResource) ValidateConfig(_ context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	top, ok := rawObject(req.Config.Raw)
	if !ok {
		return
	}
	r.validate(top, &resp.Diagnostics)
}

func (r *workloadResource) validate(top map[string]tftypes.Value, diags *diag.Diagnostics) (map[string]policy.Value, evidence.Reading) {
	m := r.data.evaluator.Model()
	values, errs := readControls(m, top)
	for _, e := range errs {
		diags.AddAttributeError(linePath(e.Path), e.Summary, e.Detail)
	}
	engine, err := evidenceEngine()
	if err != nil {
		diags.AddError("Invalid Evidence Tables", err.Error()+"; please report this issue to the provider developers")
		return nil, evidence.Reading{}
	}
	rd := engine.ReadEvidence(toGo(top["evidence"]))
	for _, e := range rd.Errors {
		diags.AddAttributeError(path.Root("evidence"), e.Summary, "evidence: "+e.Detail)
	}
	return values, rd
}

// ModifyPlan evaluates the workload. Terraform calls it at plan and again
// during apply with a wholly-known configuration, so a control deferred at
// plan is enforced at apply before anything is stored.
func (r *workloadResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	resp.Plan.Raw = r.plan(ctx, req.Config.Raw, req.Plan.Raw, req.State.Raw, &resp.Diagnostics)
}

// plan is ModifyPlan on raw values: it returns the planned object for the
// plan the framework prepared (defaults set, unset computed attributes
// unknown). The protocol server's fast path (server.go) calls it too.
func (r *workloadResource) plan(ctx context.Context, config, planned, state tftypes.Value, diags *diag.Diagnostics) tftypes.Value {
	return r.judge(ctx, config, planned, state, false, diags)
}

// judge plans the workload. At plan (final false) a verdict that depends on
// the clock is left unknown: Terraform plans again during apply and fails a
// saved plan whose known values changed, and a clock may cross an expiry or
// midnight in between. Create and Update decide it (final true).
func (r *workloadResource) judge(ctx context.Context, config, planned, state tftypes.Value, final bool, diags *diag.Diagnostics) tftypes.Value {
	top, ok := rawObject(planned)
	if !ok {
		return planned // destroy: never blocked
	}
	plan, ok := newPlannedValues(planned, top)
	if !ok {
		diags.AddError("Unexpected Plan Type", "the planned srm_workload is not an object; please report this issue to the provider developers")
		return planned
	}
	prior, hasPrior := rawObject(state)
	if hasPrior && prior["id"].IsKnown() && !prior["id"].IsNull() {
		plan.vals["id"] = prior["id"]
	} else {
		plan.unknown("id")
	}
	cfg, _ := rawObject(config)
	unchanged := configUnchanged(top, state)
	w, ready := r.workload(top, cfg, prior, unchanged, plan, diags)
	if diags.HasError() {
		return planned
	}
	if name, state := rawString(top["name"]); state == policy.Known && r.nameSeenBefore(name) {
		diags.AddAttributeWarning(path.Root("name"), "Duplicate Workload Name",
			"Another srm_workload in this plan has the same name, so findings, reports and dashboards cannot tell "+
				"the two apart. Give each workload its own name.")
	}
	if ready {
		res := r.data.evaluator.Evaluate(w)
		r.report(ctx, res, unchanged, hasPrior, diags)
		if unchanged {
			r.warnStaleDefault(cfg, prior, diags)
		}
		plan.results(res, w, final)
		if res.ClockDependent && unchanged && !final {
			// An unchanged workload keeps the verdict it was stored with:
			// one decided now could differ at apply. Its diagnostics above
			// judge it by today's clock.
			plan.keep(prior, "findings", "compliant")
		}
	} else {
		plan.unknownResults()
	}
	return plan.object()
}

// workload builds the evaluator's input; ready is false while the service
// model, classification or baseline is unknown: the verdict then waits for
// apply, never falling back to a default.
func (r *workloadResource) workload(top, cfg, prior map[string]tftypes.Value, unchanged bool, plan *plannedValues, diags *diag.Diagnostics) (*policy.Workload, bool) {
	m := r.data.evaluator.Model()
	name, _ := rawString(top["name"])
	sm, smState := rawString(top["service_model"])
	class, classState := rawString(top["data_classification"])
	// The configured baseline, not the planned one: the framework marks an
	// unset computed attribute unknown in the plan, which must not read as
	// a baseline still to come.
	baseline, baselineState := rawString(cfg["baseline"])
	spec, specState := rawString(top["custom_baseline"])

	switch {
	case specState == policy.Known:
		baselineState = policy.Null
		plan.set("baseline", nil)
	case baselineState == policy.Null && specState == policy.Null:
		baseline, baselineState = r.data.defaultBaseline, policy.Known
		if stored, state := rawString(prior["baseline"]); state == policy.Known && unchanged {
			baseline = stored // judged by the stored baseline until changed; warnStaleDefault says so
		}
		plan.set("baseline", baseline)
	case baselineState == policy.Unknown:
		plan.unknown("baseline")
	}
	values, rd := r.validate(top, diags)
	if diags.HasError() {
		return nil, false
	}
	for _, n := range rd.NotJudged {
		diags.AddAttributeWarning(path.Root("evidence"), "Evidence Not Judged", n.Reason)
	}
	items, evidenceUnknown := rd.Items, rd.Unknown
	if smState != policy.Known || classState != policy.Known || specState == policy.Unknown ||
		(specState == policy.Null && baselineState != policy.Known) {
		return nil, false
	}
	w := &policy.Workload{Name: name, ServiceModel: sm, Classification: class, Baseline: baseline, Now: r.data.now()}
	if specState == policy.Known {
		custom, err := policy.ParseCustomBaseline(m, spec)
		if err != nil {
			diags.AddAttributeError(path.Root("custom_baseline"), "Invalid Custom Baseline", err.Error())
			return nil, false
		}
		w.Custom = custom
	}
	w.Values = values
	w.Evidence = items
	var exceptionsUnknown bool
	w.Exceptions, exceptionsUnknown = exceptionsFromObject(toGo(top["exceptions"]))
	w.ExceptionsUnknown = exceptionsUnknown || evidenceUnknown
	return w, true
}

// planNames counts the workload names each configured provider instance
// has planned. Terraform starts provider instances for each walk, so one
// instance plans each workload once.
var planNames sync.Map // *providerData -> *sync.Map of name -> struct{}

// nameSeenBefore records a planned name and reports whether another
// workload of this walk had it already.
func (r *workloadResource) nameSeenBefore(name string) bool {
	names, _ := planNames.LoadOrStore(r.data, &sync.Map{})
	m, _ := names.(*sync.Map)
	_, seen := m.LoadOrStore(name, struct{}{})
	return seen
}

// findingPath is where a finding's diagnostic points. Evidence findings
// point at their evidence entry; secret findings at the resource, never at
// the expression that holds the secret, since Terraform prints that line and
// the values on it.
func findingPath(f policy.Finding) (path.Path, bool) {
	switch {
	case f.Evidence != nil:
		return path.Root("evidence"), true
	case strings.HasPrefix(f.Check, "secrets."):
		return path.Empty(), false
	}
	return linePath(f.Path), true
}

// linePath is the part of a control path that Terraform can show a line
// for: the group's attribute. Terraform (1.8 to 1.11, OpenTofu 1.6)
// resolves a diagnostic path only to attributes of the schema, and a path
// into a dynamic value falls back to the whole resource, so the text names
// the full path ("encryption.at_rest") and the diagnostic points at the
// group's line.
func linePath(p string) path.Path {
	root, _, _ := strings.Cut(p, ".")
	root, _, _ = strings.Cut(root, "[")
	return path.Root(root)
}

// destroyNote follows the first error of a plan that changes a stored
// workload: Terraform plans the current configuration before destroying and
// stops on any provider error, and no field of that request tells the
// provider it is a destroy. A create has nothing to destroy.
const destroyNote = "To destroy this workload anyway, skip that plan: terraform destroy -refresh=false"

// maxViolationDiagnostics is how many violations a workload reports as
// diagnostics of their own; the rest are counted in one, and every one is
// in findings. The framework de-duplicates diagnostics by scanning them, so
// an unbounded count made a plan's cost grow with its square.
const maxViolationDiagnostics = 10

// report turns findings and exception notices into diagnostics.
//
// Errors block only plans that create the workload or change its
// configuration. Failing an unchanged workload (stored in warn mode, or
// whose exception has since expired) would block its destruction, so such
// findings are warnings; findings and compliant still record them.
func (r *workloadResource) report(ctx context.Context, res policy.Result, unchanged, stored bool, diags *diag.Diagnostics) {
	warnOnly := r.data.enforcement == EnforcementWarn || unchanged
	hinted := false
	add := func(p path.Path, hasPath bool, summary, detail string) {
		switch {
		case unchanged:
			detail += "\n\n" + unchangedNote
		case !warnOnly && stored && !hinted:
			detail += "\n\n" + destroyNote
			hinted = true
		}
		switch {
		case warnOnly && hasPath:
			diags.AddAttributeWarning(p, summary, detail)
		case warnOnly:
			diags.AddWarning(summary, detail)
		case hasPath:
			diags.AddAttributeError(p, summary, detail)
		default:
			diags.AddError(summary, detail)
		}
	}
	var rest []string
	reported := 0
	for _, f := range res.Findings {
		tflog.Debug(ctx, "srm_workload finding", map[string]any{
			"control": f.Control, "status": f.Status, "check": f.Check,
		})
		if f.Status != policy.StatusViolated {
			continue
		}
		if reported == maxViolationDiagnostics {
			rest = append(rest, f.Control)
			continue
		}
		reported++
		p, ok := findingPath(f)
		add(p, ok, "Control Not Satisfied: "+f.Control, f.Detail)
	}
	if len(rest) > 0 {
		add(path.Empty(), false, "More Controls Not Satisfied", moreViolations(rest))
	}
	for _, n := range res.Notices {
		p := path.Root("exceptions") // a path into the list resolves only to the resource's line
		n.Detail = fmt.Sprintf("exceptions[%d].%s: %s", n.Index, n.Field, n.Detail)
		if n.Error {
			add(p, true, n.Summary, n.Detail)
		} else {
			diags.AddAttributeWarning(p, n.Summary, n.Detail)
		}
	}
	if len(res.Deferred) > 0 {
		diags.AddWarning("Controls Deferred Until Apply",
			fmt.Sprintf("%s depend on values not known until apply. They are checked again during apply, "+
				"before anything is stored, and a violation then fails the apply with the same error.",
				strings.Join(res.Deferred, ", ")))
	}
}

// moreViolations counts the violations past maxViolationDiagnostics by
// control, in the order they came.
func moreViolations(controls []string) string {
	counts := map[string]int{}
	var order []string
	for _, c := range controls {
		if counts[c] == 0 {
			order = append(order, c)
		}
		counts[c]++
	}
	parts := make([]string, len(order))
	for i, c := range order {
		parts[i] = fmt.Sprintf("%s (%d)", c, counts[c])
	}
	return fmt.Sprintf("%d more violations, not shown one by one: %s. The workload's findings attribute lists every one.",
		len(controls), strings.Join(parts, ", "))
}

const unchangedNote = "This plan does not change the workload's configuration, so the finding is a warning " +
	"here; any plan that changes the workload fails on it."

// warnStaleDefault says when the provider's default_baseline no longer
// matches the baseline an unchanged workload was stored with.
func (r *workloadResource) warnStaleDefault(cfg, prior map[string]tftypes.Value, diags *diag.Diagnostics) {
	if cfg == nil {
		return
	}
	_, cfgBaseline := rawString(cfg["baseline"])
	_, cfgSpec := rawString(cfg["custom_baseline"])
	stored, state := rawString(prior["baseline"])
	if cfgBaseline != policy.Null || cfgSpec != policy.Null || state != policy.Known || stored == r.data.defaultBaseline {
		return
	}
	diags.AddAttributeWarning(path.Root("baseline"), "Judged by the Stored Baseline",
		fmt.Sprintf("The provider's default_baseline is now %q, but this workload sets no baseline and was stored under %q. "+
			"It is judged by %q until its configuration changes; set baseline = %q to move it now.",
			r.data.defaultBaseline, stored, stored, r.data.defaultBaseline))
}

// computedAttributes are the attributes ModifyPlan derives: those the schema
// marks computed and not optional, so adding one keeps configUnchanged right.
var computedAttributes = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for name, a := range workloadSchemaOnce().Attributes {
		if a.IsComputed() && !a.IsOptional() {
			out[name] = true
		}
	}
	return out
})

// configUnchanged reports whether the planned configuration equals the
// stored one.
func configUnchanged(plan map[string]tftypes.Value, state tftypes.Value) bool {
	prior, ok := rawObject(state)
	if !ok {
		return false
	}
	computed := computedAttributes()
	for name, v := range plan {
		if !computed[name] && !v.Equal(prior[name]) {
			return false
		}
	}
	return true
}

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

// keep plans the stored values of the named attributes, where the state
// has them.
func (p *plannedValues) keep(prior map[string]tftypes.Value, names ...string) {
	for _, name := range names {
		if v, ok := prior[name]; ok && v.IsFullyKnown() && !v.IsNull() {
			p.vals[name] = v
		}
	}
}

func (p *plannedValues) unknownResults() {
	p.unknown("required_controls")
	p.unknown("findings")
	p.unknown("compliant")
}

func (p *plannedValues) results(res policy.Result, w *policy.Workload, final bool) {
	p.set("required_controls", rawStringList(res.RequiredControls))
	if len(res.Deferred) > 0 || (res.ClockDependent && !final) {
		p.unknown("findings")
		p.unknown("compliant")
		return
	}
	list, _ := p.typ.AttributeTypes["findings"].(tftypes.List)
	elem, _ := list.ElementType.(tftypes.Object)
	findings := make([]tftypes.Value, 0, len(res.Findings))
	for _, f := range res.Findings {
		findings = append(findings, tftypes.NewValue(elem, findingValues(f, w)))
	}
	p.set("findings", findings)
	p.set("compliant", res.Compliant)
}

// findingValues renders one finding in the shape findingFields defines.
func findingValues(f policy.Finding, w *policy.Workload) map[string]tftypes.Value {
	out := make(map[string]tftypes.Value, len(findingFields))
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	null := func(k findingFieldKind) tftypes.Value { return tftypes.NewValue(k.tfType(), nil) }
	for _, field := range findingFields {
		var v tftypes.Value
		switch field.name {
		case "id":
			v = str(evidence.FindingID(f))
		case "control":
			v = str(f.Control)
		case "domain":
			v = str(f.Domain)
		case "owner":
			v = str(f.Owner)
		case "severity":
			v = str(f.Severity)
		case "status":
			v = str(f.Status)
		case "message":
			v = str(f.Message)
		case "remediation":
			v = str(f.Remediation)
		case "references":
			v = tftypes.NewValue(field.kind.tfType(), rawStringList(f.References))
		case "resource":
			v = null(field.kind)
			if f.Evidence != nil {
				v = str(f.Evidence.Source)
			}
		case "attribute":
			v = null(field.kind)
			if f.Evidence != nil {
				v = str(f.EvidenceAttribute)
			}
		case "exception":
			v = null(field.kind)
			if ex, ok := waiverOf(f, w); ok && f.Status == policy.StatusWaived {
				v = tftypes.NewValue(field.kind.tfType(), map[string]tftypes.Value{
					"justification": str(ex.Justification), "approved_by": str(ex.ApprovedBy), "expires": str(ex.Expires),
				})
			}
		}
		out[field.name] = v
	}
	return out
}

// waiverOf finds the exception that waives a finding's control.
func waiverOf(f policy.Finding, w *policy.Workload) (policy.Exception, bool) {
	for _, ex := range w.Exceptions {
		if ex.Control == f.Control {
			return ex, true
		}
	}
	return policy.Exception{}, false
}
