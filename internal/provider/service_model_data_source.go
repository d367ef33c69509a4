package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

var _ datasource.DataSourceWithConfigure = (*serviceModelDataSource)(nil)

type serviceModelDataSource struct {
	configuredDataSource
}

// NewServiceModelDataSource returns the srm_service_model data source.
func NewServiceModelDataSource() datasource.DataSource {
	return &serviceModelDataSource{configuredDataSource{data: defaultProviderData()}}
}

type serviceModelModel struct {
	Name             types.String `tfsdk:"name"`
	Matrix           types.String `tfsdk:"matrix"`
	DisplayName      types.String `tfsdk:"display_name"`
	Description      types.String `tfsdk:"description"`
	CustomerDomains  types.List   `tfsdk:"customer_domains"`
	ProviderDomains  types.List   `tfsdk:"provider_domains"`
	SharedDomains    types.List   `tfsdk:"shared_domains"`
	RequiredControls types.List   `tfsdk:"required_controls"`
}

func (d *serviceModelDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_service_model"
}

func (d *serviceModelDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	m := model.Default()
	domainList := func(desc string) schema.ListAttribute {
		return schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: desc + " In matrix row order."}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One service model: who owns which domains and which controls a workload of this model must declare under the provider's `default_baseline`, in the selected `matrix`.",
		Attributes: map[string]schema.Attribute{
			"matrix": matrixAttribute(m),
			"name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Service model id: " + backticked(m.ServiceModelIDs()) + ".",
				Validators:          []validator.String{oneOfValidator(m.ServiceModelIDs())},
			},
			"display_name":      schema.StringAttribute{Computed: true, MarkdownDescription: "Readable name."},
			"description":       schema.StringAttribute{Computed: true, MarkdownDescription: "What the customer runs in this model, with example services."},
			"customer_domains":  domainList("Domains the customer owns alone."),
			"provider_domains":  domainList("Domains the cloud provider owns alone."),
			"shared_domains":    domainList("Domains where both sides have duties."),
			"required_controls": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Control ids a workload of this model must declare under the provider's `default_baseline` with `internal` data, in catalog order."},
		},
	}
}

func (d *serviceModelDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data serviceModelModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m := selectedModel(data.Matrix, d.data, &resp.Diagnostics)
	data.Matrix = types.StringValue(m.Matrix().ID)
	evaluator := d.data.evaluator
	if m != evaluator.Model() {
		evaluator = policy.New(m)
	}
	id := data.Name.ValueString()
	sm, _ := m.ServiceModel(id)
	data.DisplayName = types.StringValue(sm.Name)
	data.Description = types.StringValue(sm.Description)
	data.CustomerDomains = stringList(m.DomainsByOwner(id, model.OwnerCustomer))
	data.ProviderDomains = stringList(m.DomainsByOwner(id, model.OwnerProvider))
	data.SharedDomains = stringList(m.DomainsByOwner(id, model.OwnerShared))
	data.RequiredControls = stringList(evaluator.RequiredControls(id, d.data.defaultBaseline))
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}
