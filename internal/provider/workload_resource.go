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
	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/pipeline"
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

// config is the pipeline's configuration for this provider instance.
func (r *workloadResource) config(diags *diag.Diagnostics) (pipeline.Config, bool) {
	engine, err := evidenceEngine()
	if err != nil {
		diags.AddError("Invalid Evidence Tables", err.Error()+"; please report this issue to the provider developers")
		return pipeline.Config{}, false
	}
	return pipeline.Config{Model: r.data.model(), Evidence: engine, DefaultBaseline: r.data.defaultBaseline, Now: r.data.now}, true
}

// validate reads the workload through the pipeline and reports what is
// wrong with its controls and evidence.
func (r *workloadResource) validate(top map[string]tftypes.Value, diags *diag.Diagnostics) {
	cfg, ok := r.config(diags)
	if !ok {
		return
	}
	obj, ok := workloadInput(top, top, diags)
	if !ok {
		return
	}
	_, _, errs := pipeline.Read(cfg, obj)
	addPipelineErrors(errs, evidenceSource(top), diags)
}

// addPipelineErrors reports the pipeline's errors on the attribute's line;
// evidence errors on the line of from, the attribute the evidence came
// from.
func addPipelineErrors(errs []pipeline.Error, from string, diags *diag.Diagnostics) {
	for _, e := range errs {
		diags.AddAttributeError(errorPath(e, from), e.Summary, e.Detail)
	}
}

// evidenceWOAttribute is srm_workload's write-only evidence: the same
// object as evidence, which Terraform (1.11 and later) never stores in plan
// or state, so it reaches the provider only in the configuration.
const evidenceWOAttribute = "evidence_wo"

// evidenceSource names the attribute the configuration cfg gives evidence
// in: evidence_wo when it is set or not yet known, else evidence.
func evidenceSource(cfg map[string]tftypes.Value) string {
	if wo, ok := cfg[evidenceWOAttribute]; ok && !(wo.IsKnown() && wo.IsNull()) {
		return evidenceWOAttribute
	}
	return "evidence"
}

// workloadInput is the workload the pipeline reads: the attributes of top
// (the plan, or the configuration at validate), with evidence_wo, which no
// plan holds, read from the configuration cfg under the evidence key, so
// the pipeline judges both alike. Both set is an error naming both (ok
// false); while one is set and the other not known, the evidence is not
// known, so the plan defers it and the apply, which knows both, decides.
func workloadInput(top, cfg map[string]tftypes.Value, diags *diag.Diagnostics) (obj map[string]any, ok bool) {
	obj = goObject(top)
	delete(obj, evidenceWOAttribute)
	if evidenceSource(cfg) != evidenceWOAttribute {
		return obj, true
	}
	wo, ev := cfg[evidenceWOAttribute], top["evidence"]
	switch {
	case ev.IsKnown() && ev.IsNull():
		obj["evidence"] = toGo(wo)
	case ev.IsKnown() && wo.IsKnown():
		diags.AddAttributeError(path.Root(evidenceWOAttribute), "Conflicting Evidence Attributes",
			"evidence and evidence_wo are both set. Set one of them: evidence_wo takes the same object and keeps it out "+
				"of plan and state (Terraform 1.11 or later); evidence works on every client but is stored in state.")
		return obj, false
	default:
		obj["evidence"] = policy.UnknownValue
	}
	return obj, true
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
	unchanged := configUnchanged(top, cfg, state)
	out, ok := r.workload(top, cfg, prior, unchanged, plan, diags)
	if !ok {
		return planned
	}
	if name, state := rawString(top["name"]); state == policy.Known && r.nameSeenBefore(name) {
		diags.AddAttributeWarning(path.Root("name"), "Duplicate Workload Name",
			"Another srm_workload in this plan has the same name, so findings, reports and dashboards cannot tell "+
				"the two apart. Give each workload its own name.")
	}
	if out.Ready {
		r.report(ctx, out.Result, evidenceSource(cfg), unchanged, hasPrior, diags)
		if unchanged {
			r.warnStaleDefault(cfg, prior, diags)
		}
		plan.results(out, final)
		if out.Result.ClockDependent && unchanged && !final {
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

// workload runs the pipeline on the planned workload and records the
// baseline it applies in the plan. The configured baseline is read, not the
// planned one: the framework marks an unset computed attribute unknown in
// the plan, which must not read as a baseline still to come. An unchanged
// workload that sets no baseline keeps the one it was stored with;
// warnStaleDefault says so. ok is false when the pipeline reported errors.
func (r *workloadResource) workload(top, cfg, prior map[string]tftypes.Value, unchanged bool, plan *plannedValues, diags *diag.Diagnostics) (pipeline.Outcome, bool) {
	pc, ok := r.config(diags)
	if !ok {
		return pipeline.Outcome{}, false
	}
	obj, ok := workloadInput(top, cfg, diags)
	if !ok {
		return pipeline.Outcome{}, false
	}
	obj["baseline"] = toGo(cfg["baseline"])
	_, baselineState := rawString(cfg["baseline"])
	_, specState := rawString(top["custom_baseline"])
	if stored, state := rawString(prior["baseline"]); baselineState == policy.Null && specState == policy.Null &&
		state == policy.Known && unchanged {
		obj["baseline"] = stored
	}
	out := pipeline.Workload(pc, obj)
	switch {
	case specState == policy.Known:
		plan.set("baseline", nil)
	case baselineState == policy.Null && specState == policy.Null:
		plan.set("baseline", out.Input.Baseline)
	case baselineState == policy.Unknown:
		plan.unknown("baseline")
	}
	from := evidenceSource(cfg)
	addPipelineErrors(out.Errors, from, diags)
	for _, w := range out.Warnings {
		diags.AddAttributeWarning(errorPath(w, from), w.Summary, w.Detail)
	}
	return out, !diags.HasError()
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
// point at the attribute the evidence came from (from); secret findings at
// the resource, never at the expression that holds the secret, since
// Terraform prints that line and the values on it.
func findingPath(f policy.Finding, from string) (path.Path, bool) {
	switch {
	case f.Evidence != nil:
		return evidenceKeyPath(from, f.Evidence.Key), true
	case strings.HasPrefix(f.Check, "secrets."):
		return path.Empty(), false
	}
	return linePath(f.Path), true
}

// errorPath is where an input error points: an evidence entry's own line
// when it is one (Terraform resolves a key of a map written in place; of a
// map built by an expression, the whole expression), in from, the attribute
// the evidence came from; else linePath.
func errorPath(e pipeline.Error, from string) path.Path {
	if e.Path == "evidence" {
		return evidenceKeyPath(from, e.Key)
	}
	return linePath(e.Path)
}

// evidenceKeyPath points at an evidence entry's line when its key can be
// named whole: a resource address whose instance keys, if any, are short.
// Terraform and the plugin SDK log a diagnostic's path, so a key that might
// hold a secret points at the whole attribute instead.
func evidenceKeyPath(from, key string) path.Path {
	if key == "" || evidence.DescribeKey(key) != key {
		return path.Root(from)
	}
	return path.Root(from).AtMapKey(key)
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
func (r *workloadResource) report(ctx context.Context, res policy.Result, evidenceFrom string, unchanged, stored bool, diags *diag.Diagnostics) {
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
		if f.Status != finding.StatusViolated {
			continue
		}
		if reported == maxViolationDiagnostics {
			rest = append(rest, f.Control)
			continue
		}
		reported++
		p, ok := findingPath(f, evidenceFrom)
		add(p, ok, "Control Not Satisfied: "+f.Control, f.Detail)
	}
	if len(rest) > 0 {
		add(path.Empty(), false, "More Controls Not Satisfied", moreViolations(rest))
	}
	for _, n := range res.Notices {
		p := path.Root("exceptions") // a path into the list resolves only to the resource's line
		n.Detail = fmt.Sprintf("exceptions[%d].%s: %s", n.Index, n.Field, n.Detail)
		if n.Expired && r.data.expiredExceptions == ExpiredExceptionsError {
			diags.AddAttributeError(p, n.Summary, n.Detail+"\n\n"+expiredGateNote)
			continue
		}
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

const expiredGateNote = "The provider's expired_exceptions = \"error\" fails every plan on an expired exception, " +
	"whether or not the workload changes."

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
// stored one. A configuration cfg that sets evidence_wo never does: neither
// plan nor state holds it, so a change to it cannot be seen.
func configUnchanged(plan, cfg map[string]tftypes.Value, state tftypes.Value) bool {
	prior, ok := rawObject(state)
	if !ok || evidenceSource(cfg) == evidenceWOAttribute {
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

func (p *plannedValues) results(out pipeline.Outcome, final bool) {
	res := out.Result
	p.set("required_controls", rawStringList(res.RequiredControls))
	if len(res.Deferred) > 0 || (res.ClockDependent && !final) {
		p.unknown("findings")
		p.unknown("compliant")
		return
	}
	stored := make([]finding.Finding, len(out.Findings))
	for i, f := range out.Findings {
		stored[i] = f.WithoutUserText()
	}
	p.vals["findings"] = findingList(finding.ShapeWorkload, stored)
	p.set("compliant", res.Compliant)
}
