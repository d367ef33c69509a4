package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

var _ datasource.DataSource = (*responsibilityMatrixDataSource)(nil)

type responsibilityMatrixDataSource struct{}

// NewResponsibilityMatrixDataSource returns the srm_responsibility_matrix data source.
func NewResponsibilityMatrixDataSource() datasource.DataSource {
	return &responsibilityMatrixDataSource{}
}

type responsibilityMatrixModel struct {
	ServiceModel  types.String `tfsdk:"service_model"`
	Domain        types.String `tfsdk:"domain"`
	Owner         types.String `tfsdk:"owner"`
	Layer         types.String `tfsdk:"layer"`
	ServiceModels types.List   `tfsdk:"service_models"`
	Domains       types.List   `tfsdk:"domains"`
	Entries       types.List   `tfsdk:"entries"`
}

var domainObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id": types.StringType, "name": types.StringType, "layer": types.StringType, "description": types.StringType,
}}

var entryObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"domain":                  types.StringType,
	"layer":                   types.StringType,
	"service_model":           types.StringType,
	"owner":                   types.StringType,
	"provider_responsibility": types.StringType,
	"customer_responsibility": types.StringType,
	"references":              types.ListType{ElemType: types.StringType},
}}

func (d *responsibilityMatrixDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_responsibility_matrix"
}

// filterAttribute is an optional filter restricted to known values.
func filterAttribute(what string, valid []string) schema.StringAttribute {
	return schema.StringAttribute{
		Optional:            true,
		MarkdownDescription: "Keep only " + what + ". One of " + backticked(valid) + ".",
		Validators:          []validator.String{stringvalidator.OneOf(valid...)},
	}
}

func (d *responsibilityMatrixDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	m := model.Default()
	resp.Schema = schema.Schema{
		MarkdownDescription: "The shared responsibility matrix: who owns each of the 15 security domains under each of " +
			"the six service models, what each side does, and the public sources behind each cell. Every filter is " +
			"optional; `entries` are ordered by domain (matrix row order), then service model (column order).",
		Attributes: map[string]schema.Attribute{
			"service_model": filterAttribute("the cells of this service model", m.ServiceModelIDs()),
			"domain":        filterAttribute("the cells of this domain", m.DomainIDs()),
			"owner":         filterAttribute("cells with this owner", model.Owners),
			"layer":         filterAttribute("domains of this layer", model.Layers),
			"service_models": schema.ListAttribute{
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "Service model ids in column order: " + backticked(m.ServiceModelIDs()) + ".",
			},
			"domains": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "Domains in row order, after the `domain` and `layer` filters.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":          schema.StringAttribute{Computed: true, MarkdownDescription: "Domain id."},
					"name":        schema.StringAttribute{Computed: true, MarkdownDescription: "Readable name."},
					"layer":       schema.StringAttribute{Computed: true, MarkdownDescription: "`of_the_cloud` (the provider's layer) or `in_the_cloud` (the customer's)."},
					"description": schema.StringAttribute{Computed: true, MarkdownDescription: "What the domain covers."},
				}},
			},
			"entries": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "Matching cells.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"domain":                  schema.StringAttribute{Computed: true, MarkdownDescription: "Domain id."},
					"layer":                   schema.StringAttribute{Computed: true, MarkdownDescription: "The domain's layer."},
					"service_model":           schema.StringAttribute{Computed: true, MarkdownDescription: "Service model id."},
					"owner":                   schema.StringAttribute{Computed: true, MarkdownDescription: "`provider`, `customer` or `shared` (both sides have duties)."},
					"provider_responsibility": schema.StringAttribute{Computed: true, MarkdownDescription: "What the cloud provider does in this cell."},
					"customer_responsibility": schema.StringAttribute{Computed: true, MarkdownDescription: "What the customer does in this cell."},
					"references": schema.ListAttribute{Computed: true, ElementType: types.StringType,
						MarkdownDescription: "Titles and addresses of the public sources behind the cell."},
				}},
			},
		},
	}
}

func (d *responsibilityMatrixDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data responsibilityMatrixModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m := model.Default()
	filter := model.CellFilter{
		ServiceModel: data.ServiceModel.ValueString(),
		Domain:       data.Domain.ValueString(),
		Owner:        data.Owner.ValueString(),
		Layer:        data.Layer.ValueString(),
	}
	var domains []map[string]attr.Value
	for _, dom := range m.Domains {
		if (filter.Domain != "" && dom.ID != filter.Domain) || (filter.Layer != "" && dom.Layer != filter.Layer) {
			continue
		}
		domains = append(domains, domainValues(dom))
	}
	var entries []map[string]attr.Value
	for _, c := range m.FilterCells(filter) {
		entries = append(entries, cellValues(m, c))
	}
	data.ServiceModels = stringList(m.ServiceModelIDs())
	var domainDiags, entryDiags diag.Diagnostics
	data.Domains, domainDiags = objectList(domainObjectType, domains)
	data.Entries, entryDiags = objectList(entryObjectType, entries)
	resp.Diagnostics.Append(domainDiags...)
	resp.Diagnostics.Append(entryDiags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}

func domainValues(d model.Domain) map[string]attr.Value {
	return map[string]attr.Value{
		"id": types.StringValue(d.ID), "name": types.StringValue(d.Name),
		"layer": types.StringValue(d.Layer), "description": types.StringValue(d.Description),
	}
}

func cellValues(m *model.Model, c model.Cell) map[string]attr.Value {
	dom, _ := m.Domain(c.Domain)
	refs := make([]string, 0, len(c.Sources))
	for _, key := range c.Sources {
		s, _ := m.Source(key)
		refs = append(refs, s.Title+" <"+s.URL+">")
	}
	return map[string]attr.Value{
		"domain":                  types.StringValue(c.Domain),
		"layer":                   types.StringValue(dom.Layer),
		"service_model":           types.StringValue(c.ServiceModel),
		"owner":                   types.StringValue(c.Owner),
		"provider_responsibility": types.StringValue(c.ProviderResponsibility),
		"customer_responsibility": types.StringValue(c.CustomerResponsibility),
		"references":              stringList(refs),
	}
}
