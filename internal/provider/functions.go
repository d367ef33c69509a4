package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// Helpers shared by the provider-defined functions.

var findingsDescription = " Returns a list of finding objects " + findingShapeNames(finding.ShapeDetector) + ", empty when nothing is found, so `length(...) == 0` reads as \"clean\" in a `precondition`, " +
	"`check` block or variable `validation`. A message names the element and the problem and quotes at most a short " +
	"fragment of the input (never more than four characters of anything that could be a secret)."

// findingKindsMarkdown renders a detector's table of finding ids for its
// function's documentation, so the docs list exactly what the code returns.
func findingKindsMarkdown(kinds []detect.FindingKind) string {
	var b strings.Builder
	b.WriteString("\n\n## Finding ids\n\n| `id` | severity | meaning |\n|---|---|---|\n")
	for _, k := range kinds {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", k.ID, strings.Join(k.Severities, ", "), strings.ReplaceAll(k.Meaning, "|", "\\|"))
	}
	return b.String()
}

// rawDynamicType is a dynamic parameter type that keeps the argument as the
// protocol value instead of building a framework value for every element.
// On 100,000 firewall rules, building and then re-reading those values was
// most of the function's time; goValue reads the protocol value directly.
type rawDynamicType struct{ basetypes.DynamicType }

var _ basetypes.DynamicTypable = rawDynamicType{}

func (t rawDynamicType) Equal(o attr.Type) bool { _, ok := o.(rawDynamicType); return ok }
func (t rawDynamicType) String() string         { return "rawDynamicType" }

func (t rawDynamicType) ValueType(context.Context) attr.Value { return rawDynamicValue{} }

func (t rawDynamicType) ValueFromTerraform(_ context.Context, v tftypes.Value) (attr.Value, error) {
	return rawDynamicValue{raw: v}, nil
}

func (t rawDynamicType) ValueFromDynamic(ctx context.Context, v basetypes.DynamicValue) (basetypes.DynamicValuable, diag.Diagnostics) {
	raw, err := v.ToTerraformValue(ctx)
	if err != nil {
		var diags diag.Diagnostics
		diags.AddError("Value Conversion Error", err.Error())
		return nil, diags
	}
	return rawDynamicValue{raw: raw}, nil
}

// rawDynamicValue holds a dynamic argument as Terraform sent it.
type rawDynamicValue struct{ raw tftypes.Value }

var _ basetypes.DynamicValuable = rawDynamicValue{}

func (v rawDynamicValue) Type(context.Context) attr.Type { return rawDynamicType{} }
func (v rawDynamicValue) ToTerraformValue(context.Context) (tftypes.Value, error) {
	return v.raw, nil
}
func (v rawDynamicValue) Equal(o attr.Value) bool {
	other, ok := o.(rawDynamicValue)
	return ok && v.raw.Equal(other.raw)
}
func (v rawDynamicValue) IsNull() bool    { return v.raw.IsNull() }
func (v rawDynamicValue) IsUnknown() bool { return !v.raw.IsKnown() }
func (v rawDynamicValue) String() string  { return v.raw.String() }
func (v rawDynamicValue) ToDynamicValue(ctx context.Context) (basetypes.DynamicValue, diag.Diagnostics) {
	av, err := basetypes.DynamicType{}.ValueFromTerraform(ctx, v.raw)
	if err != nil {
		var diags diag.Diagnostics
		diags.AddError("Value Conversion Error", err.Error())
		return basetypes.DynamicValue{}, diags
	}
	dv, ok := av.(basetypes.DynamicValue)
	if !ok {
		var diags diag.Diagnostics
		diags.AddError("Value Conversion Error", fmt.Sprintf("unexpected value %T", av))
		return basetypes.DynamicValue{}, diags
	}
	return dv, nil
}

// rawDynamicParameter is a dynamic parameter read with rawArgument.
func rawDynamicParameter(name, description string, allowUnknown bool) function.DynamicParameter {
	return function.DynamicParameter{Name: name, MarkdownDescription: description, CustomType: rawDynamicType{},
		AllowUnknownValues: allowUnknown}
}

// rawArgument returns a rawDynamicParameter argument as Terraform sent it.
func rawArgument(ctx context.Context, req function.RunRequest, position int) (tftypes.Value, *function.FuncError) {
	var v attr.Value
	if err := req.Arguments.GetArgument(ctx, position, &v); err != nil {
		return tftypes.Value{}, err
	}
	rv, ok := v.(rawDynamicValue)
	if !ok {
		return tftypes.Value{}, function.NewArgumentFuncError(int64(position), fmt.Sprintf("unexpected argument value %T", v))
	}
	return rv.raw, nil
}

// errNotKnown is goValue's error for a value that is not known yet.
var errNotKnown = errors.New("value is not known yet")

// goValue is toGo for the detectors, which judge only wholly known values:
// a value with an unknown part is errNotKnown.
func goValue(v tftypes.Value) (any, error) {
	g := toGo(v)
	if policy.ContainsUnknown(g) {
		return nil, errNotKnown
	}
	return g, nil
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
	// The argument may be anything, of any size, a secret included.
	return function.NewArgumentFuncError(position, "service_model: unknown service model ("+finding.Redact(id)+"); valid values are "+model.Quoted(m.ServiceModelIDs()))
}
