package provider

import (
	"context"
	"math"
	"math/big"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/pipeline"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

var _ function.Function = (*resourceControlsFunction)(nil)

type resourceControlsFunction struct{}

// NewResourceControlsFunction returns provider::srm::resource_controls.
func NewResourceControlsFunction() function.Function { return &resourceControlsFunction{} }

func (f *resourceControlsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "resource_controls"
}

// neverDays stands for "never rotates": the largest value srm_workload
// accepts, longer than any baseline's bound, so wiring it into a workload
// fails as the resource does.
const neverDays = model.NumberMax

func (f *resourceControlsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The control values a real resource proves",
		MarkdownDescription: "Returns an object from control id to the value the resource proves, for every control its type " +
			"maps (the evidence coverage guide lists them): `{ \"encryption.at_rest\" = true, \"backup.retention_days\" = 7 }`. " +
			"Null where the resource says nothing, unknown where the value is not known until plan's end. Booleans, numbers " +
			"and TLS versions as srm_workload takes them; a key that never rotates is " + formatInt(neverDays) + " days; " +
			"ingress rules as a count of inbound rules; policy documents as given. Wire the values into a workload's " +
			"groups when you want to declare them explicitly; `srm_workload`'s `evidence` does the same in one line.",
		Parameters: []function.Parameter{
			function.StringParameter{Name: "resource_type", MarkdownDescription: "The resource's type, e.g. `aws_db_instance`."},
			function.DynamicParameter{Name: "resource", AllowUnknownValues: true, AllowNullValue: true,
				MarkdownDescription: "The resource's object: `aws_db_instance.orders`, or `self` in a condition."},
		},
		Return: function.DynamicReturn{},
	}
}

func (f *resourceControlsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	typ, obj, engine, ferr := resourceArguments(ctx, req)
	if ferr != nil {
		resp.Error = ferr
		return
	}
	values, err := pipeline.Controls(pipeline.Config{Evidence: engine}, typ, obj)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(1, "resource: "+err.Error())
		return
	}
	m := model.Default()
	ids := make([]string, 0, len(values))
	for id := range values {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	attrTypes := map[string]attr.Type{}
	attrValues := map[string]attr.Value{}
	for _, id := range ids {
		c, _ := m.Control(id)
		attrTypes[id], attrValues[id] = controlAttrValue(c, values[id])
	}
	result := types.ObjectValueMust(attrTypes, attrValues)
	resp.Error = resp.Result.Set(ctx, types.DynamicValue(result))
}

// controlAttrValue renders one control value in the type srm_workload takes.
func controlAttrValue(c model.Control, v policy.Value) (attr.Type, attr.Value) {
	switch c.Type {
	case model.TypeBool:
		switch v.State {
		case policy.Known:
			return types.BoolType, types.BoolValue(v.Bool)
		case policy.Unknown:
			return types.BoolType, types.BoolUnknown()
		}
		return types.BoolType, types.BoolNull()
	case model.TypeNumber, model.TypeFirewallRules:
		n := v.Number
		if c.Type == model.TypeFirewallRules {
			n = float64(len(v.Rules))
		}
		if math.IsInf(n, 1) {
			n = neverDays
		}
		switch v.State {
		case policy.Known:
			return types.NumberType, types.NumberValue(big.NewFloat(n))
		case policy.Unknown:
			return types.NumberType, types.NumberUnknown()
		}
		return types.NumberType, types.NumberNull()
	}
	switch v.State {
	case policy.Known:
		return types.StringType, types.StringValue(v.String)
	case policy.Unknown:
		return types.StringType, types.StringUnknown()
	}
	return types.StringType, types.StringNull()
}

func formatInt(n int) string { return big.NewInt(int64(n)).String() }
