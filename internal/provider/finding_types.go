package provider

import (
	"context"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/function"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// Every finding object the provider exposes (srm_workload's findings,
// resource_findings, the detector functions, srm_report's input) is
// derived here from finding.Fields; nothing lists a finding's attributes
// by hand.

// findingTFTypes holds each shape's object type, derived once from its
// framework type: findingValue needs it for every finding of every plan.
var findingTFTypes = sync.OnceValue(func() map[finding.Shape]tftypes.Object {
	out := map[finding.Shape]tftypes.Object{}
	for _, s := range []finding.Shape{finding.ShapeWorkload, finding.ShapeResource, finding.ShapeDetector} {
		out[s], _ = findingObjectType(s).TerraformType(context.Background()).(tftypes.Object)
	}
	return out
})

// findingTFType is the object type of one shape.
func findingTFType(s finding.Shape) tftypes.Object { return findingTFTypes()[s] }

// findingObjectType is the framework type of one shape's object.
func findingObjectType(s finding.Shape) types.ObjectType {
	out := types.ObjectType{AttrTypes: map[string]attr.Type{}}
	for _, f := range finding.FieldsOf(s) {
		out.AttrTypes[f.Name] = fieldAttrType(f.Kind)
	}
	return out
}

func fieldAttrType(k finding.Kind) attr.Type {
	switch k {
	case finding.StringList:
		return types.ListType{ElemType: types.StringType}
	case finding.ExceptionObject:
		attrs := map[string]attr.Type{}
		for _, f := range finding.ExceptionFields {
			attrs[f.Name] = types.StringType
		}
		return types.ObjectType{AttrTypes: attrs}
	}
	return types.StringType
}

// findingValue renders one finding as an object of shape s.
func findingValue(s finding.Shape, fd finding.Finding) tftypes.Value {
	typ := findingTFType(s)
	vals := make(map[string]tftypes.Value, len(typ.AttributeTypes))
	for _, f := range finding.FieldsOf(s) {
		t := typ.AttributeTypes[f.Name]
		switch v := f.Get(fd).(type) {
		case string:
			vals[f.Name] = tftypes.NewValue(t, v)
		case []string:
			vals[f.Name] = tftypes.NewValue(t, rawStringList(v))
		case map[string]string:
			obj := make(map[string]tftypes.Value, len(v))
			for k, x := range v {
				obj[k] = tftypes.NewValue(tftypes.String, x)
			}
			vals[f.Name] = tftypes.NewValue(t, obj)
		default:
			vals[f.Name] = tftypes.NewValue(t, nil)
		}
	}
	return tftypes.NewValue(typ, vals)
}

// findingList renders findings as a list of objects of shape s.
func findingList(s finding.Shape, fs []finding.Finding) tftypes.Value {
	elems := make([]tftypes.Value, len(fs))
	for i, f := range fs {
		elems[i] = findingValue(s, f)
	}
	return tftypes.NewValue(tftypes.List{ElementType: findingTFType(s)}, elems)
}

// findingsReturn is a function's return type: a list of objects of shape s.
func findingsReturn(s finding.Shape) function.ListReturn {
	return function.ListReturn{ElementType: findingObjectType(s)}
}

// setFindingsResult writes findings as a function's result.
func setFindingsResult(ctx context.Context, resp *function.RunResponse, s finding.Shape, fs []finding.Finding) {
	lt := types.ListType{ElemType: findingObjectType(s)}
	v, err := lt.ValueFromTerraform(ctx, findingList(s, fs))
	if err != nil {
		resp.Error = function.ConcatFuncErrors(resp.Error, function.NewFuncError(err.Error()+"; please report this issue to the provider developers"))
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, v))
}

// setFindings writes detector findings as a detector function's result.
func setFindings(ctx context.Context, resp *function.RunResponse, fs []detect.Finding) {
	out := make([]finding.Finding, len(fs))
	for i, f := range fs {
		out[i] = finding.Finding{ID: f.ID, Severity: f.Severity, Message: f.Message, Remediation: f.Remediation, References: f.References}
	}
	setFindingsResult(ctx, resp, finding.ShapeDetector, out)
}

// findingShapeNames lists a shape's attributes for function docs:
// "(`id`, `severity`, ...)".
func findingShapeNames(s finding.Shape) string {
	return "(" + backticked(finding.Names(finding.FieldsOf(s))) + ")"
}

// findingSchemaAttributes are the computed attributes of srm_workload's
// findings.
func findingSchemaAttributes() map[string]rschema.Attribute {
	out := map[string]rschema.Attribute{}
	for _, f := range finding.FieldsOf(finding.ShapeWorkload) {
		switch f.Kind {
		case finding.StringList:
			out[f.Name] = rschema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: f.Description}
		case finding.ExceptionObject:
			nested := map[string]rschema.Attribute{}
			for _, e := range finding.ExceptionFields {
				nested[e.Name] = rschema.StringAttribute{Computed: true, MarkdownDescription: e.Description}
			}
			out[f.Name] = rschema.SingleNestedAttribute{Computed: true, Attributes: nested, MarkdownDescription: f.Description}
		default:
			out[f.Name] = rschema.StringAttribute{Computed: true, MarkdownDescription: f.Description}
		}
	}
	return out
}

// findingInputAttributes are the attributes of a finding in srm_report's
// input: the workload's findings shape, so `findings =
// srm_workload.x.findings` fits, with only control and status required.
func findingInputAttributes(m *model.Model) map[string]dschema.Attribute {
	out := map[string]dschema.Attribute{}
	for _, f := range finding.FieldsOf(finding.ShapeWorkload) {
		desc := f.Input
		var validators []validator.String
		if f.Values != nil {
			values := f.Values(m)
			desc = strings.ReplaceAll(desc, "{values}", backticked(values))
			validators = append(validators, oneOfValidator(values))
		} else if f.Required {
			validators = append(validators, stringvalidator.LengthAtLeast(1), notBlankValidator())
		}
		switch f.Kind {
		case finding.StringList:
			out[f.Name] = dschema.ListAttribute{Optional: !f.Required, Required: f.Required, ElementType: types.StringType, MarkdownDescription: desc}
		case finding.ExceptionObject:
			nested := map[string]dschema.Attribute{}
			for _, e := range finding.ExceptionFields {
				nested[e.Name] = dschema.StringAttribute{Required: true, MarkdownDescription: e.Input}
			}
			out[f.Name] = dschema.SingleNestedAttribute{Optional: !f.Required, Required: f.Required, Attributes: nested, MarkdownDescription: desc}
		default:
			out[f.Name] = dschema.StringAttribute{Optional: !f.Required, Required: f.Required, MarkdownDescription: desc, Validators: validators}
		}
	}
	return out
}
