package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

var _ datasource.DataSourceWithConfigure = (*responsibilityMatrixDataSource)(nil)

type responsibilityMatrixDataSource struct {
	configuredDataSource
}

// NewResponsibilityMatrixDataSource returns the srm_responsibility_matrix data source.
func NewResponsibilityMatrixDataSource() datasource.DataSource {
	return &responsibilityMatrixDataSource{configuredDataSource{data: defaultProviderData()}}
}

type responsibilityMatrixModel struct {
	Matrix        types.String `tfsdk:"matrix"`
	CompareTo     types.String `tfsdk:"compare_to"`
	Differences   types.List   `tfsdk:"differences"`
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
	"basis":                   types.StringType,
	"note":                    types.StringType,
}}

var differenceObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"domain":        types.StringType,
	"service_model": types.StringType,
	"owner":         types.StringType,
	"other_owner":   types.StringType,
	"basis":         types.StringType,
	"other_basis":   types.StringType,
	"why":           types.StringType,
}}

func (d *responsibilityMatrixDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_responsibility_matrix"
}

// filterAttribute is an optional filter restricted to known values.
func filterAttribute(what string, valid []string) schema.StringAttribute {
	return schema.StringAttribute{
		Optional:            true,
		MarkdownDescription: "Keep only " + what + ". One of " + backticked(valid) + ".",
		Validators:          []validator.String{oneOfValidator(valid)},
	}
}

func (d *responsibilityMatrixDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	m := model.Default()
	resp.Schema = schema.Schema{
		MarkdownDescription: "The shared responsibility matrix: who owns each of the 15 security domains under each of " +
			"the six service models, what each side does, and the public sources behind each cell. Every filter is " +
			"optional; `entries` are ordered by domain (matrix row order), then service model (column order). " +
			"`matrix` selects the consensus or a vendor's published matrix, and `compare_to` lists the cells whose " +
			"owner differs between two matrices, with why.",
		Attributes: map[string]schema.Attribute{
			"matrix": matrixAttribute(m),
			"compare_to": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Another matrix (" + backticked(m.MatrixIDs()) + ") to compare `matrix` with: " +
					"`differences` then lists every cell whose owner differs. The filters do not apply to it.",
				Validators: []validator.String{oneOfValidator(m.MatrixIDs())},
			},
			"differences": schema.ListNestedAttribute{
				Computed: true,
				MarkdownDescription: "With `compare_to`: the cells whose owner differs between `matrix` and `compare_to`, " +
					"in matrix order; empty without it or when the two agree.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"domain":        schema.StringAttribute{Computed: true, MarkdownDescription: "Domain id."},
					"service_model": schema.StringAttribute{Computed: true, MarkdownDescription: "Service model id."},
					"owner":         schema.StringAttribute{Computed: true, MarkdownDescription: "The owner in `matrix`."},
					"other_owner":   schema.StringAttribute{Computed: true, MarkdownDescription: "The owner in `compare_to`."},
					"basis":         schema.StringAttribute{Computed: true, MarkdownDescription: "Where `matrix` reads the cell: `consensus`, `vendor` or `fallback`."},
					"other_basis":   schema.StringAttribute{Computed: true, MarkdownDescription: "Where `compare_to` reads the cell."},
					"why":           schema.StringAttribute{Computed: true, MarkdownDescription: "Both matrices' reasons: the vendor rows each cell is read from and its note."},
				}},
			},
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
					"basis": schema.StringAttribute{Computed: true, MarkdownDescription: "Where the owner was read: `consensus` (the project's matrix), " +
						"`vendor` (the selected vendor's published matrix) or `fallback` (the vendor publishes no such cell, so the consensus cell stands in)."},
					"note": schema.StringAttribute{Computed: true, MarkdownDescription: "Why the cell has its owner where sources disagree, it is derived, " +
						"or a vendor matrix falls back to the consensus; empty otherwise."},
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
	m := selectedModel(data.Matrix, d.data, &resp.Diagnostics)
	data.Matrix = types.StringValue(m.Matrix().ID)
	var diffs []map[string]attr.Value
	if !data.CompareTo.IsNull() {
		other, err := model.ForMatrix(data.CompareTo.ValueString())
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("compare_to"), "Unknown Matrix", err.Error())
			return
		}
		for _, df := range m.Differences(other) {
			diffs = append(diffs, differenceValues(df))
		}
	}
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
	var domainDiags, entryDiags, diffDiags diag.Diagnostics
	data.Domains, domainDiags = objectList(domainObjectType, domains)
	data.Entries, entryDiags = objectList(entryObjectType, entries)
	data.Differences, diffDiags = objectList(differenceObjectType, diffs)
	resp.Diagnostics.Append(domainDiags...)
	resp.Diagnostics.Append(entryDiags...)
	resp.Diagnostics.Append(diffDiags...)
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
		"basis":                   types.StringValue(c.Basis),
		"note":                    types.StringValue(c.Note),
	}
}

func differenceValues(d model.CellDifference) map[string]attr.Value {
	return map[string]attr.Value{
		"domain":        types.StringValue(d.Domain),
		"service_model": types.StringValue(d.ServiceModel),
		"owner":         types.StringValue(d.Owner),
		"other_owner":   types.StringValue(d.OtherOwner),
		"basis":         types.StringValue(d.Basis),
		"other_basis":   types.StringValue(d.OtherBasis),
		"why":           types.StringValue(d.Why),
	}
}
