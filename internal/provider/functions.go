package provider

import (
	"context"
	"fmt"
	"math/big"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// Helpers shared by the provider-defined functions.

// detectorFindingType is the object every *_findings function returns a
// list of; it matches the fields of srm_workload's findings.
var detectorFindingType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id":          types.StringType,
	"severity":    types.StringType,
	"message":     types.StringType,
	"remediation": types.StringType,
	"references":  types.ListType{ElemType: types.StringType},
}}

var findingsReturn = function.ListReturn{ElementType: detectorFindingType}

const findingsDescription = " Returns a list of finding objects (`id`, `severity`, `message`, `remediation`, " +
	"`references`), empty when nothing is found, so `length(...) == 0` reads as \"clean\" in a `precondition`, " +
	"`check` block or variable `validation`."

// setFindings writes detector findings as the function's result.
func setFindings(ctx context.Context, resp *function.RunResponse, fs []detect.Finding) {
	elems := make([]attr.Value, 0, len(fs))
	for _, f := range fs {
		elems = append(elems, types.ObjectValueMust(detectorFindingType.AttrTypes, map[string]attr.Value{
			"id":          types.StringValue(f.ID),
			"severity":    types.StringValue(f.Severity),
			"message":     types.StringValue(f.Message),
			"remediation": types.StringValue(f.Remediation),
			"references":  stringList(f.References),
		}))
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, types.ListValueMust(detectorFindingType, elems)))
}

// goValue converts a Terraform value of any type into plain Go values
// (string, bool, float64, []any, map[string]any, nil) for the detectors.
func goValue(v attr.Value) (any, error) {
	if v == nil || v.IsNull() {
		return nil, nil
	}
	if v.IsUnknown() {
		return nil, fmt.Errorf("value is not known yet")
	}
	switch t := v.(type) {
	case basetypes.DynamicValue:
		return goValue(t.UnderlyingValue())
	case basetypes.StringValue:
		return t.ValueString(), nil
	case basetypes.BoolValue:
		return t.ValueBool(), nil
	case basetypes.NumberValue:
		f, _ := new(big.Float).Set(t.ValueBigFloat()).Float64()
		return f, nil
	case basetypes.Int64Value:
		return float64(t.ValueInt64()), nil
	case basetypes.Float64Value:
		return t.ValueFloat64(), nil
	case basetypes.ListValue:
		return goSlice(t.Elements())
	case basetypes.SetValue:
		return goSlice(t.Elements())
	case basetypes.TupleValue:
		return goSlice(t.Elements())
	case basetypes.ObjectValue:
		return goMap(t.Attributes())
	case basetypes.MapValue:
		return goMap(t.Elements())
	}
	return nil, fmt.Errorf("unsupported value type %T", v)
}

func goSlice(elems []attr.Value) ([]any, error) {
	out := make([]any, len(elems))
	for i, e := range elems {
		v, err := goValue(e)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func goMap(attrs map[string]attr.Value) (map[string]any, error) {
	out := make(map[string]any, len(attrs))
	for k, e := range attrs {
		v, err := goValue(e)
		if err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, nil
}

func serviceModelParameter() function.StringParameter {
	return function.StringParameter{
		Name:                "service_model",
		MarkdownDescription: "A service model id: " + backticked(model.Default().ServiceModelIDs()) + ".",
	}
}

// checkServiceModel returns an argument error naming the valid ids.
func checkServiceModel(id string, position int64) *function.FuncError {
	m := model.Default()
	if _, ok := m.ServiceModel(id); ok {
		return nil
	}
	return function.NewArgumentFuncError(position, "service_model: unknown service model "+strconv.Quote(id)+"; valid values are "+model.Quoted(m.ServiceModelIDs()))
}
