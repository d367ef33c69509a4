package provider

import (
	"context"
	"maps"
	"slices"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

var (
	_ resource.ResourceWithModifyPlan     = (*baselineResource)(nil)
	_ resource.ResourceWithValidateConfig = (*baselineResource)(nil)
)

type baselineResource struct{}

// NewBaselineResource returns the srm_baseline resource.
func NewBaselineResource() resource.Resource { return &baselineResource{} }

type baselineModel struct {
	ID             types.String `tfsdk:"id"`
	Name           types.String `tfsdk:"name"`
	Extends        types.String `tfsdk:"extends"`
	Description    types.String `tfsdk:"description"`
	Controls       types.Map    `tfsdk:"controls"`
	Spec           types.String `tfsdk:"spec"`
	LockedControls types.List   `tfsdk:"locked_controls"`
}

type baselineControlModel struct {
	Required types.Bool    `tfsdk:"required"`
	Min      types.Float64 `tfsdk:"min"`
	Max      types.Float64 `tfsdk:"max"`
	Locked   types.Bool    `tfsdk:"locked"`
	Reason   types.String  `tfsdk:"reason"`
}

func (r *baselineResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_baseline"
}

func (r *baselineResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	m := model.Default()
	resp.Schema = schema.Schema{
		MarkdownDescription: "A custom baseline for module authors: a preset plus tighter rules and locked controls. " +
			"Workloads use it with `custom_baseline = srm_baseline.NAME.spec`. A custom baseline can only add to its " +
			"preset, never relax it; a `locked` control can never be waived by an exception, so a module's callers " +
			"cannot silently drop it. Logical: it stores its definition in state only.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The baseline's name."},
			"name": schema.StringAttribute{Required: true, MarkdownDescription: "Name of the baseline, shown in workload errors.",
				Validators: []validator.String{stringvalidator.LengthBetween(1, 128)}},
			"extends": schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString(defaultExtends),
				MarkdownDescription: "The preset it builds on: " + backticked(m.BaselineIDs()) + ". Defaults to `standard`.",
				Validators:          []validator.String{oneOfValidator(m.BaselineIDs())}},
			"description": schema.StringAttribute{Optional: true, MarkdownDescription: "What the baseline is for."},
			"controls": schema.MapNestedAttribute{
				Optional: true,
				MarkdownDescription: "Rules by control id (`\"backup.cross_region\" = { locked = true }`). Naming a control makes it " +
					"required; `min` and `max` bound number, version and patch-date controls.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"required": schema.BoolAttribute{Optional: true, MarkdownDescription: "Whether leaving the control unset is a violation. Defaults to `true`; `false` keeps only the bounds, checked when the value is set."},
					"min":      schema.Float64Attribute{Optional: true, MarkdownDescription: "Lowest accepted value (for `min_tls_version`, a version such as `1.3`)."},
					"max":      schema.Float64Attribute{Optional: true, MarkdownDescription: "Highest accepted value; for `hardening.last_patched`, the most days since the patch date."},
					"locked":   schema.BoolAttribute{Optional: true, MarkdownDescription: "When `true`, no exception can waive the control."},
					"reason": schema.StringAttribute{Optional: true,
						MarkdownDescription: "Why the baseline asks for the control, in a sentence (at most " + strconv.Itoa(policy.MaxReasonLength) +
							" characters). A violation's diagnostic shows it after \"Why the \"NAME\" baseline asks for it:\", whole: it is " +
							"policy text that the baseline's author writes, not a value that may be a secret, so the rule that " +
							"diagnostics show at most four characters of a value does not apply to it. Do not put a secret in it. " +
							"Unset, the diagnostic says that no reason was given."},
				}},
			},
			"spec": schema.StringAttribute{Computed: true,
				MarkdownDescription: "The baseline as canonical JSON, known at plan. Pass it to `srm_workload.custom_baseline`."},
			"locked_controls": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "The locked control ids, sorted."},
		},
	}
}

// defaultExtends is the preset a custom baseline builds on when it names none.
const defaultExtends = "standard"

// ValidateConfig rejects unknown control ids and misplaced bounds at
// `terraform validate`, on the entry that is wrong.
func (r *baselineResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg baselineModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() || cfg.Controls.IsNull() || cfg.Controls.IsUnknown() {
		return
	}
	entries := map[string]baselineControlModel{}
	resp.Diagnostics.Append(cfg.Controls.ElementsAs(ctx, &entries, false)...)
	m := model.Default()
	// An unknown extends is "", which skips the tightening check until the
	// workload reads the spec; a null one is the default.
	extends := cfg.Extends.ValueString()
	if cfg.Extends.IsNull() {
		extends = defaultExtends
	}
	for _, id := range slices.Sorted(maps.Keys(entries)) {
		if err := policy.ValidateCustomRuleFor(m, extends, id, entries[id].rule()); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("controls").AtMapKey(id), "Invalid Baseline Control", err.Error())
		}
	}
}

func (e baselineControlModel) rule() policy.CustomRule {
	return policy.CustomRule{
		Required: e.Required.ValueBoolPointer(),
		Min:      e.Min.ValueFloat64Pointer(),
		Max:      e.Max.ValueFloat64Pointer(),
		Locked:   e.Locked.ValueBool(),
		Reason:   e.Reason.ValueString(),
	}
}

func (r *baselineResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan baselineModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.ID = plan.Name
	if !knownExceptComputed(plan) {
		plan.Spec = types.StringUnknown()
		plan.LockedControls = types.ListUnknown(types.StringType)
		resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
		return
	}
	b := policy.CustomBaseline{Name: plan.Name.ValueString(), Extends: plan.Extends.ValueString()}
	entries := map[string]baselineControlModel{}
	if !plan.Controls.IsNull() {
		resp.Diagnostics.Append(plan.Controls.ElementsAs(ctx, &entries, false)...)
	}
	var locked []string
	if len(entries) > 0 {
		b.Controls = map[string]policy.CustomRule{}
	}
	for id, e := range entries {
		b.Controls[id] = e.rule()
		if e.Locked.ValueBool() {
			locked = append(locked, id)
		}
	}
	slices.Sort(locked)
	plan.Spec = types.StringValue(b.Spec())
	plan.LockedControls = stringList(locked)
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// knownExceptComputed reports whether every configurable value is known; the
// computed ones are unknown at plan until this resource fills them.
func knownExceptComputed(p baselineModel) bool {
	for _, v := range []attr.Value{p.Name, p.Extends, p.Controls} {
		if v.IsUnknown() {
			return false
		}
	}
	if p.Controls.IsNull() {
		return true
	}
	for _, e := range p.Controls.Elements() {
		obj, ok := e.(types.Object)
		if !ok || obj.IsUnknown() {
			return false
		}
		for _, a := range obj.Attributes() {
			if a.IsUnknown() {
				return false
			}
		}
	}
	return true
}

func (r *baselineResource) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = req.Plan.Raw
}

func (r *baselineResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *baselineResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
}

func (r *baselineResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}
