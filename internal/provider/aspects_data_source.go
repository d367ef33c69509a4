package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

var _ datasource.DataSource = (*aspectsDataSource)(nil)

type aspectsDataSource struct{}

// NewAspectsDataSource returns the srm_aspects data source.
func NewAspectsDataSource() datasource.DataSource { return &aspectsDataSource{} }

type rowsModel struct {
	Rows types.List `tfsdk:"rows"`
}

var aspectObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"aspect": types.StringType, "provider": types.StringType, "customer": types.StringType,
}}

func (d *aspectsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_aspects"
}

func (d *aspectsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The seven aspects of \"Security Of the Cloud vs Security In the Cloud\": for each, what the " +
			"cloud provider secures and what the customer secures, in the order of the model's founding document.",
		Attributes: map[string]schema.Attribute{
			"rows": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "One row per aspect.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"aspect":   schema.StringAttribute{Computed: true, MarkdownDescription: "The aspect, e.g. `Datacenter Protection`."},
					"provider": schema.StringAttribute{Computed: true, MarkdownDescription: "Security of the cloud: the provider's part; null where not applicable."},
					"customer": schema.StringAttribute{Computed: true, MarkdownDescription: "Security in the cloud: the customer's part; null where not applicable."},
				}},
			},
		},
	}
}

func (d *aspectsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	var items []map[string]attr.Value
	for _, a := range model.Default().Aspects {
		items = append(items, map[string]attr.Value{
			"aspect": types.StringValue(a.Aspect), "provider": optionalString(a.Provider), "customer": optionalString(a.Customer),
		})
	}
	list, diags := objectList(aspectObjectType, items)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &rowsModel{Rows: list})...)
}
