package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// seedTableDataSource serves one of the model's two comparison tables as a
// `rows` list: srm_aspects and srm_on_premises_comparison.
type seedTableDataSource struct {
	typeSuffix  string
	description string
	rowDoc      string
	columns     []tableColumn
	rows        func() []map[string]attr.Value
}

type tableColumn struct {
	name, description string
}

type rowsModel struct {
	Rows types.List `tfsdk:"rows"`
}

func (d *seedTableDataSource) rowType() types.ObjectType {
	attrs := make(map[string]attr.Type, len(d.columns))
	for _, c := range d.columns {
		attrs[c.name] = types.StringType
	}
	return types.ObjectType{AttrTypes: attrs}
}

func (d *seedTableDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.typeSuffix
}

func (d *seedTableDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	cols := make(map[string]schema.Attribute, len(d.columns))
	for _, c := range d.columns {
		cols[c.name] = schema.StringAttribute{Computed: true, MarkdownDescription: c.description}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: d.description,
		Attributes: map[string]schema.Attribute{
			"rows": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: d.rowDoc,
				NestedObject:        schema.NestedAttributeObject{Attributes: cols},
			},
		},
	}
}

func (d *seedTableDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	list, diags := objectList(d.rowType(), d.rows())
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &rowsModel{Rows: list})...)
}
