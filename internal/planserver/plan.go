package planserver

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/defaults"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// validate answers ValidateResourceConfig as the framework does: the
// resource's ValidateConfig (the validate hook), then every attribute's
// schema checks and validators (validateAttribute).
func (r *served) validate(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) *tfprotov6.ValidateResourceConfigResponse {
	if req.Config == nil {
		return &tfprotov6.ValidateResourceConfigResponse{}
	}
	raw, err := decodeValue(req.Config, r.typ, nil)
	if err != nil {
		var diags diag.Diagnostics
		diags.AddError("Unable to Read Configuration", "An unexpected error was encountered reading the configuration "+
			"of "+r.name+". Please report this issue to the provider developers.\n\n"+err.Error())
		return &tfprotov6.ValidateResourceConfigResponse{Diagnostics: toProtoDiagnostics(diags)}
	}
	var diags diag.Diagnostics
	top, ok := rawObject(raw)
	if ok && r.hooks.Validate != nil {
		r.hooks.Validate(ctx, raw, &diags)
	}
	config := tfsdk.Config{Raw: raw, Schema: r.schema}
	writeOnlyAllowed := req.ClientCapabilities != nil && req.ClientCapabilities.WriteOnlyAttributesAllowed
	for name, a := range r.schema.Attributes {
		v, ok := top[name]
		if !ok {
			v = tftypes.NewValue(r.typ.AttributeTypes[name], nil)
			if !raw.IsKnown() {
				v = tftypes.NewValue(r.typ.AttributeTypes[name], tftypes.UnknownValue)
			}
		}
		validateAttribute(ctx, a, path.Root(name), path.MatchRoot(name), v, config, &diags)
		// Terraform before 1.11 (and OpenTofu before 1.11) would store a
		// write-only value, or fail on the null the plan gives it.
		if a.IsWriteOnly() && !writeOnlyAllowed && !(v.IsKnown() && v.IsNull()) {
			diags.AddAttributeError(path.Root(name), "WriteOnly Attribute Not Allowed",
				fmt.Sprintf("The resource contains a non-null value for WriteOnly attribute %s. Write-only attributes are only supported in Terraform 1.11 and later.", name))
		}
	}
	return &tfprotov6.ValidateResourceConfigResponse{Diagnostics: toProtoDiagnostics(diags)}
}

// validateAttribute is the framework's attribute validation for the
// attributes Inspect lets through: the read-only and required checks,
// string validators, list-nested attributes element by element and
// single-nested ones attribute by attribute.
func validateAttribute(ctx context.Context, a schema.Attribute, p path.Path, pe path.Expression, v tftypes.Value, config tfsdk.Config, diags *diag.Diagnostics) {
	null := v.IsKnown() && v.IsNull()
	if a.IsComputed() && !a.IsOptional() && !null {
		diags.AddAttributeError(p, "Invalid Configuration for Read-Only Attribute",
			"Cannot set value for this attribute as the provider has marked it as read-only. Remove the configuration line setting the value.\n\n"+
				"Refer to the provider documentation or contact the provider developers for additional information about configurable and read-only attributes that are supported.")
	}
	if a.IsRequired() && null {
		diags.AddAttributeError(p, "Missing Configuration for Required Attribute",
			fmt.Sprintf("Must set a configuration value for the %s attribute as the provider has marked it as required.\n\n", p.String())+
				"Refer to the provider documentation or contact the provider developers for additional information about configurable attributes that are required.")
	}
	switch a := a.(type) {
	case schema.StringAttribute:
		if len(a.Validators) == 0 {
			return
		}
		value := types.StringUnknown()
		var s string
		switch {
		case !v.IsKnown():
		case v.IsNull() || v.As(&s) != nil:
			value = types.StringNull()
		default:
			value = types.StringValue(s)
		}
		for _, check := range a.Validators {
			var resp validator.StringResponse
			check.ValidateString(ctx, validator.StringRequest{Config: config, ConfigValue: value, Path: p, PathExpression: pe}, &resp)
			diags.Append(resp.Diagnostics...)
		}
	case schema.SingleNestedAttribute:
		attrs, ok := rawObject(v)
		if !ok {
			return
		}
		for name, nested := range a.Attributes {
			nv, ok := attrs[name]
			if !ok {
				continue
			}
			validateAttribute(ctx, nested, p.AtName(name), pe.AtName(name), nv, config, diags)
		}
	case schema.ListNestedAttribute:
		var elems []tftypes.Value
		if !v.IsKnown() || v.IsNull() || v.As(&elems) != nil {
			return
		}
		for i, e := range elems {
			attrs, _ := rawObject(e)
			typ, _ := e.Type().(tftypes.Object)
			for name, nested := range a.NestedObject.Attributes {
				nv, ok := attrs[name]
				if !ok {
					nv = tftypes.NewValue(typ.AttributeTypes[name], nil)
					if !e.IsKnown() {
						nv = tftypes.NewValue(typ.AttributeTypes[name], tftypes.UnknownValue)
					}
				}
				validateAttribute(ctx, nested, p.AtListIndex(i).AtName(name), pe.AtListIndex(i).AtName(name), nv, config, diags)
			}
		}
	}
}

// plan answers PlanResourceChange as the framework does, in fewer steps:
// decode, planBase, the plan hook, encode.
func (r *served) plan(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) *tfprotov6.PlanResourceChangeResponse {
	typ := r.typ
	var diags diag.Diagnostics
	// decode reads one of the request's values; spans, when not nil,
	// receives its attributes' encodings (decodeValue).
	decode := func(dv *tfprotov6.DynamicValue, what string, spans map[string][]byte) tftypes.Value {
		if dv == nil {
			return tftypes.NewValue(typ, nil)
		}
		v, err := decodeValue(dv, typ, spans)
		if err != nil {
			diags.AddError("Unable to Read "+what, "An unexpected error was encountered reading the "+what+
				" of "+r.name+". Please report this issue to the provider developers.\n\n"+err.Error())
		}
		return v
	}
	spans := make(map[string][]byte, len(typ.AttributeTypes))
	config := decode(req.Config, "configuration", spans)
	proposed := config
	// For a new instance Terraform usually proposes the configuration
	// itself: the same bytes decode to the same value, once.
	if req.ProposedNewState == nil || req.Config == nil || !sameDynamicValue(*req.ProposedNewState, *req.Config) {
		clear(spans)
		proposed = decode(req.ProposedNewState, "proposed new state", spans)
	}
	prior := decode(req.PriorState, "prior state", nil)
	if diags.HasError() {
		return &tfprotov6.PlanResourceChangeResponse{Diagnostics: toProtoDiagnostics(diags)}
	}
	planned := r.hooks.Plan(ctx, config, planBase(ctx, r.schema, config, proposed, prior), prior, &diags)
	resp := &tfprotov6.PlanResourceChangeResponse{Diagnostics: toProtoDiagnostics(diags), PlannedPrivate: req.PriorPrivate}
	// A plan keeps the proposed value of every attribute that is not
	// computed (Terraform rejects one that changes them), so those are
	// copied as they arrived; write-only ones are never copied (planBase
	// nulls them).
	state, err := encodeObject(typ, planned, spans, r.configOnly)
	if err != nil {
		resp.Diagnostics = append(resp.Diagnostics, &tfprotov6.Diagnostic{Severity: tfprotov6.DiagnosticSeverityError,
			Summary: "Unable to Write Plan", Detail: "An unexpected error was encountered writing the plan of " + r.name + ". " +
				"Please report this issue to the provider developers.\n\n" + err.Error()})
		return resp
	}
	resp.PlannedState = &state
	return resp
}

// planBase is the plan the framework hands ModifyPlan: the proposed new
// state with attribute defaults set where the configuration is null,
// write-only attributes null (a plan never holds their value), and, unless
// the plan then equals the prior state, every computed attribute without a
// default that the configuration leaves null unknown. It reads only
// top-level attributes and string defaults: Inspect sends a schema that
// needs more to the framework.
func planBase(ctx context.Context, sch schema.Schema, config, proposed, prior tftypes.Value) tftypes.Value {
	top, ok := rawObject(proposed)
	if !ok {
		return proposed
	}
	cfg, _ := rawObject(config)
	typ, _ := proposed.Type().(tftypes.Object)
	vals := make(map[string]tftypes.Value, len(top))
	for name, v := range top {
		vals[name] = v
	}
	for name, a := range sch.Attributes {
		if c, ok := cfg[name]; ok && !c.IsNull() {
			continue
		}
		if d := stringDefault(a); d != nil {
			var resp defaults.StringResponse
			d.DefaultString(ctx, defaults.StringRequest{Path: path.Root(name)}, &resp)
			if v, err := resp.PlanValue.ToTerraformValue(ctx); err == nil && !resp.Diagnostics.HasError() {
				vals[name] = v
			}
		}
	}
	for name, a := range sch.Attributes {
		if v, ok := vals[name]; ok && a.IsWriteOnly() && !v.IsNull() {
			vals[name] = tftypes.NewValue(a.GetType().TerraformType(ctx), nil)
		}
	}
	planned := tftypes.NewValue(typ, vals)
	if planned.Equal(prior) {
		return planned
	}
	for name, a := range sch.Attributes {
		if c, ok := cfg[name]; (ok && !c.IsNull()) || !a.IsComputed() || stringDefault(a) != nil {
			continue
		}
		t := typ.AttributeTypes[name]
		if _, dynamic := a.GetType().(basetypes.DynamicTypable); dynamic {
			t = tftypes.DynamicPseudoType
		}
		vals[name] = tftypes.NewValue(t, tftypes.UnknownValue)
	}
	return tftypes.NewValue(typ, vals)
}

func stringDefault(a schema.Attribute) defaults.String {
	if s, ok := a.(schema.StringAttribute); ok {
		return s.Default
	}
	return nil
}

// toProtoDiagnostics converts diagnostics as the framework does.
func toProtoDiagnostics(diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	var out []*tfprotov6.Diagnostic
	for _, d := range diags {
		pd := &tfprotov6.Diagnostic{Summary: d.Summary(), Detail: d.Detail(), Severity: tfprotov6.DiagnosticSeverityError}
		if d.Severity() == diag.SeverityWarning {
			pd.Severity = tfprotov6.DiagnosticSeverityWarning
		}
		if dp, ok := d.(diag.DiagnosticWithPath); ok {
			pd.Attribute = protoPath(dp.Path())
		}
		out = append(out, pd)
	}
	return out
}

func protoPath(p path.Path) *tftypes.AttributePath {
	var steps []tftypes.AttributePathStep
	for _, step := range p.Steps() {
		switch st := step.(type) {
		case path.PathStepAttributeName:
			steps = append(steps, tftypes.AttributeName(string(st)))
		case path.PathStepElementKeyInt:
			steps = append(steps, tftypes.ElementKeyInt(int64(st)))
		case path.PathStepElementKeyString:
			steps = append(steps, tftypes.ElementKeyString(string(st)))
		default:
			return tftypes.NewAttributePathWithSteps(steps) // the nearest the protocol can name
		}
	}
	return tftypes.NewAttributePathWithSteps(steps)
}
