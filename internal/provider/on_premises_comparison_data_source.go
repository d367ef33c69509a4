package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

var _ datasource.DataSource = (*onPremisesComparisonDataSource)(nil)

type onPremisesComparisonDataSource struct{}

// NewOnPremisesComparisonDataSource returns the srm_on_premises_comparison data source.
func NewOnPremisesComparisonDataSource() datasource.DataSource {
	return &onPremisesComparisonDataSource{}
}

var comparisonObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"component": types.StringType, "on_premises": types.StringType, "cloud": types.StringType,
}}

func (d *onPremisesComparisonDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_on_premises_comparison"
}

func (d *onPremisesComparisonDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The six components of \"On-Premises vs Cloud Security Responsibilities\": who does what " +
			"on premises and in the cloud, in the order of the model's founding document.",
		Attributes: map[string]schema.Attribute{
			"rows": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "One row per security component.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"component":   schema.StringAttribute{Computed: true, MarkdownDescription: "The security component, e.g. `OS Patching`."},
					"on_premises": schema.StringAttribute{Computed: true, MarkdownDescription: "Who does what on premises."},
					"cloud":       schema.StringAttribute{Computed: true, MarkdownDescription: "Who does what in the cloud."},
				}},
			},
		},
	}
}

func (d *onPremisesComparisonDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	var items []map[string]attr.Value
	for _, c := range model.Default().Comparison {
		items = append(items, map[string]attr.Value{
			"component": types.StringValue(c.Component), "on_premises": types.StringValue(c.OnPremises), "cloud": types.StringValue(c.Cloud),
		})
	}
	list, diags := objectList(comparisonObjectType, items)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &rowsModel{Rows: list})...)
}
