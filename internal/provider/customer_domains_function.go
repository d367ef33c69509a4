package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

var _ function.Function = (*customerDomainsFunction)(nil)

type customerDomainsFunction struct{}

// NewCustomerDomainsFunction returns provider::srm::customer_domains.
func NewCustomerDomainsFunction() function.Function { return &customerDomainsFunction{} }

func (f *customerDomainsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "customer_domains"
}

func (f *customerDomainsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary:             "Domains the customer owns alone under a service model",
		MarkdownDescription: "Returns, in matrix order, the domain ids whose owner is `customer` under `service_model`. Shared domains are not included; see the `srm_service_model` data source for them.",
		Parameters:          []function.Parameter{serviceModelParameter()},
		Return:              function.ListReturn{ElementType: types.StringType},
	}
}

func (f *customerDomainsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var serviceModel string
	if resp.Error = req.Arguments.Get(ctx, &serviceModel); resp.Error != nil {
		return
	}
	if resp.Error = checkServiceModel(serviceModel, 0); resp.Error != nil {
		return
	}
	resp.Error = resp.Result.Set(ctx, stringList(model.Default().DomainsByOwner(serviceModel, model.OwnerCustomer)))
}
