package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

var _ function.Function = (*requiredControlsFunction)(nil)

type requiredControlsFunction struct{}

// NewRequiredControlsFunction returns provider::srm::required_controls.
func NewRequiredControlsFunction() function.Function { return &requiredControlsFunction{} }

func (f *requiredControlsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "required_controls"
}

func (f *requiredControlsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	m := model.Default()
	resp.Definition = function.Definition{
		Summary:             "Controls a workload must declare",
		MarkdownDescription: "Returns, in catalog order, the control ids a workload of `service_model` must declare under a preset `baseline` with `internal` data.",
		Parameters: []function.Parameter{
			serviceModelParameter(),
			function.StringParameter{Name: "baseline", MarkdownDescription: "A preset baseline: " + backticked(m.BaselineIDs()) + "."},
		},
		Return: function.ListReturn{ElementType: types.StringType},
	}
}

func (f *requiredControlsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var serviceModel, baseline string
	if resp.Error = req.Arguments.Get(ctx, &serviceModel, &baseline); resp.Error != nil {
		return
	}
	if resp.Error = checkServiceModel(serviceModel, 0); resp.Error != nil {
		return
	}
	m := model.Default()
	if _, ok := m.Baseline(baseline); !ok {
		resp.Error = function.NewArgumentFuncError(1, "baseline: unknown baseline ("+finding.Redact(baseline)+"); valid values are "+model.Quoted(m.BaselineIDs()))
		return
	}
	resp.Error = resp.Result.Set(ctx, stringList(policy.New(m).RequiredControls(serviceModel, baseline)))
}
