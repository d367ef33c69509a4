package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

var _ datasource.DataSourceWithConfigure = (*controlsDataSource)(nil)

type controlsDataSource struct {
	configuredDataSource
}

// NewControlsDataSource returns the srm_controls data source.
func NewControlsDataSource() datasource.DataSource {
	return &controlsDataSource{configuredDataSource{data: defaultProviderData()}}
}

type controlsModel struct {
	Matrix       types.String `tfsdk:"matrix"`
	Domain       types.String `tfsdk:"domain"`
	ServiceModel types.String `tfsdk:"service_model"`
	Framework    types.String `tfsdk:"framework"`
	Controls     types.List   `tfsdk:"controls"`
}

var controlObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id":                           types.StringType,
	"domain":                       types.StringType,
	"title":                        types.StringType,
	"description":                  types.StringType,
	"severity":                     types.StringType,
	"remediation":                  types.StringType,
	"frameworks":                   types.MapType{ElemType: types.ListType{ElemType: types.StringType}},
	"remediation_by_service_model": types.MapType{ElemType: types.StringType},
	"not_applicable":               types.MapType{ElemType: types.StringType},
}}

func (d *controlsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_controls"
}

func (d *controlsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	m := model.Default()
	resp.Schema = schema.Schema{
		MarkdownDescription: "The customer control catalog. Each control id is its attribute path on `srm_workload` " +
			"(`encryption.at_rest`, `backup.retention_days`, ...). Controls are listed in catalog order.",
		Attributes: map[string]schema.Attribute{
			"matrix":        matrixAttribute(m),
			"domain":        filterAttribute("controls of this domain", m.DomainIDs()),
			"service_model": filterAttribute("controls a workload of this service model can be asked for: its domain is owned or shared by the customer in the selected `matrix`, and the control is not marked not applicable to the service model", m.ServiceModelIDs()),
			"framework":     filterAttribute("controls that cite this framework", m.FrameworkIDs()),
			"controls": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "Matching controls.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":          schema.StringAttribute{Computed: true, MarkdownDescription: "Control id: the attribute path on `srm_workload`."},
					"domain":      schema.StringAttribute{Computed: true, MarkdownDescription: "The domain the control belongs to."},
					"title":       schema.StringAttribute{Computed: true, MarkdownDescription: "Short title."},
					"description": schema.StringAttribute{Computed: true, MarkdownDescription: "What the control asks."},
					"severity":    schema.StringAttribute{Computed: true, MarkdownDescription: "Default severity: `critical`, `high`, `medium` or `low`."},
					"remediation": schema.StringAttribute{Computed: true, MarkdownDescription: "How to satisfy the control."},
					"frameworks": schema.MapAttribute{Computed: true, ElementType: types.ListType{ElemType: types.StringType},
						MarkdownDescription: "Framework id (" + backticked(m.FrameworkIDs()) + ") to the ids the control maps to. Every id is checked against a shipped list of the framework's ids, which cites where it comes from."},
					"remediation_by_service_model": schema.MapAttribute{Computed: true, ElementType: types.StringType,
						MarkdownDescription: "Service model id to the remediation that replaces `remediation` for it, where the general advice would not fit."},
					"not_applicable": schema.MapAttribute{Computed: true, ElementType: types.StringType,
						MarkdownDescription: "Service model id to why its workloads are never asked for this control (for example `faas` for OS patching)."},
				}},
			},
		},
	}
}

func (d *controlsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data controlsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m := selectedModel(data.Matrix, d.data, &resp.Diagnostics)
	data.Matrix = types.StringValue(m.Matrix().ID)
	var items []map[string]attr.Value
	for _, c := range m.FilterControls(model.ControlFilter{
		Domain: data.Domain.ValueString(), ServiceModel: data.ServiceModel.ValueString(), Framework: data.Framework.ValueString(),
	}) {
		items = append(items, controlObjectValues(c))
	}
	list, diags := objectList(controlObjectType, items)
	resp.Diagnostics.Append(diags...)
	data.Controls = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}

func controlObjectValues(c model.Control) map[string]attr.Value {
	fws := make(map[string]attr.Value, len(c.Frameworks))
	for fw, ids := range c.Frameworks {
		fws[fw] = stringList(ids)
	}
	return map[string]attr.Value{
		"id":                           types.StringValue(c.ID),
		"domain":                       types.StringValue(c.Domain),
		"title":                        types.StringValue(c.Title),
		"description":                  types.StringValue(c.Description),
		"severity":                     types.StringValue(c.Severity),
		"remediation":                  types.StringValue(c.Remediation),
		"frameworks":                   types.MapValueMust(types.ListType{ElemType: types.StringType}, fws),
		"remediation_by_service_model": stringMap(c.RemediationByServiceModel),
		"not_applicable":               stringMap(c.NotApplicable),
	}
}

// stringMap builds a known map of strings; nil becomes empty.
func stringMap(values map[string]string) types.Map {
	elems := make(map[string]attr.Value, len(values))
	for k, v := range values {
		elems[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, elems)
}
