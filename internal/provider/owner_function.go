package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

var _ function.Function = (*ownerFunction)(nil)

type ownerFunction struct{}

// NewOwnerFunction returns provider::srm::owner.
func NewOwnerFunction() function.Function { return &ownerFunction{} }

func (f *ownerFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "owner"
}

func (f *ownerFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	m := model.Default()
	resp.Definition = function.Definition{
		Summary:             "Who owns a security domain under a service model",
		MarkdownDescription: "Returns `provider`, `customer` or `shared`: who owns `domain` when a workload runs as `service_model`.",
		Parameters: []function.Parameter{
			serviceModelParameter(),
			function.StringParameter{Name: "domain", MarkdownDescription: "A domain id: " + backticked(m.DomainIDs()) + "."},
		},
		Return: function.StringReturn{},
	}
}

func (f *ownerFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var serviceModel, domain string
	resp.Error = req.Arguments.Get(ctx, &serviceModel, &domain)
	if resp.Error != nil {
		return
	}
	m := model.Default()
	if err := checkServiceModel(serviceModel, 0); err != nil {
		resp.Error = err
		return
	}
	if _, ok := m.Domain(domain); !ok {
		resp.Error = function.NewArgumentFuncError(1, "domain: unknown domain ("+finding.Redact(domain)+"); valid values are "+model.Quoted(m.DomainIDs()))
		return
	}
	owner, _ := m.Owner(serviceModel, domain)
	resp.Error = resp.Result.Set(ctx, owner)
}
