package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/oscal"
)

var _ datasource.DataSourceWithConfigure = (*oscalComponentDefinitionDataSource)(nil)

type oscalComponentDefinitionDataSource struct {
	configuredDataSource
}

// NewOSCALComponentDefinitionDataSource returns the
// srm_oscal_component_definition data source.
func NewOSCALComponentDefinitionDataSource() datasource.DataSource {
	return &oscalComponentDefinitionDataSource{configuredDataSource{data: defaultProviderData()}}
}

type oscalComponentDefinitionModel struct {
	Matrix        types.String `tfsdk:"matrix"`
	ServiceModels types.List   `tfsdk:"service_models"`
	Timestamp     types.String `tfsdk:"timestamp"`
	Content       types.String `tfsdk:"content"`
	UUID          types.String `tfsdk:"uuid"`
}

func (d *oscalComponentDefinitionDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_oscal_component_definition"
}

func (d *oscalComponentDefinitionDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	m := model.Default()
	resp.Schema = schema.Schema{
		MarkdownDescription: "The responsibility matrix and the control catalog as an OSCAL " + oscal.Version + " component " +
			"definition (JSON), for GRC tools and system security plans: one component per service model, whose " +
			"implemented requirements are the catalog's controls, each with a `responsibility` prop (`" +
			oscal.ResponsibilityProvider + "`, `" + oscal.ResponsibilityShared + "` or `" + oscal.ResponsibilityCustomer +
			"`), the responsible roles (`provider`, `customer`) with what each side does, and the NIST SP 800-53, CIS, " +
			"ISO 27001, PCI DSS and CSA CCM ids the catalog cites. UUIDs are derived from the content, so the same " +
			"provider version and matrix always give the same document but for `timestamp`. The guide " +
			"\"OSCAL exports\" shows the document and how to read it.",
		Attributes: map[string]schema.Attribute{
			"matrix": matrixAttribute(m),
			"service_models": schema.ListAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: "The service models to export, one component each, in matrix order: any of " +
					backticked(m.ServiceModelIDs()) + ". Unset means every one but `on_premises`, where no cloud provider shares anything.",
				Validators: []validator.List{
					listvalidator.SizeAtLeast(1),
					listvalidator.UniqueValues(),
					listvalidator.ValueStringsAre(oneOfValidator(m.ServiceModelIDs())),
				},
			},
			"timestamp": timestampAttribute("the document's `last-modified`"),
			"content": schema.StringAttribute{Computed: true,
				MarkdownDescription: "The component definition as indented JSON. Write it with `local_file`."},
			"uuid": schema.StringAttribute{Computed: true,
				MarkdownDescription: "The document's UUID (version 5, derived from its content): it changes exactly when the content does."},
		},
	}
}

func (d *oscalComponentDefinitionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data oscalComponentDefinitionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m := selectedModel(data.Matrix, d.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	data.Matrix = types.StringValue(m.Matrix().ID)
	var models []string
	if !data.ServiceModels.IsNull() {
		resp.Diagnostics.Append(data.ServiceModels.ElementsAs(ctx, &models, false)...)
	}
	stamp, ok := readTimestamp(data.Timestamp, &resp.Diagnostics)
	if !ok {
		return
	}
	doc, err := oscal.NewComponentDefinition(m, oscal.ComponentOptions{Timestamp: stamp, ServiceModels: models})
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("service_models"), "Component Definition Not Built", err.Error())
		return
	}
	content, err := oscal.Encode(doc)
	if err != nil {
		resp.Diagnostics.AddError("Component Definition Not Built", err.Error())
		return
	}
	data.Content = types.StringValue(content)
	data.UUID = types.StringValue(doc.ComponentDefinition.UUID)
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}

// timestampAttribute is the optional time an OSCAL document states.
func timestampAttribute(what string) schema.StringAttribute {
	return schema.StringAttribute{
		Optional: true,
		MarkdownDescription: "An RFC 3339 time (e.g. `2026-12-07T10:00:00Z`, or `plantimestamp()`) for " + what +
			". Unset means the time the data source is read, so the content then changes on every read.",
		Validators: []validator.String{timestampValidator()},
	}
}

func timestampValidator() validator.String {
	return stringCheck{
		desc:    "value must be an RFC 3339 time",
		summary: "Invalid Timestamp",
		check: func(s string) error {
			if _, err := parseTimestamp(s); err != nil {
				return err
			}
			return nil
		},
	}
}

// parseTimestamp reads an RFC 3339 time. Terraform evaluates plantimestamp()
// as 0001-01-01T00:00:00Z while it validates a configuration (observed with
// Terraform 1.8.5), before the plan knows its time: that placeholder comes
// back as the zero time, without an error, for the caller to treat as not
// known yet.
func parseTimestamp(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("the value is not an RFC 3339 time; write it as 2026-12-07T10:00:00Z, or use plantimestamp()")
	}
	if t.IsZero() {
		return time.Time{}, nil
	}
	if _, err := oscal.Timestamp(t); err != nil {
		return time.Time{}, err
	}
	return t, nil
}

// readTimestamp returns a timestamp attribute's time, now when it is null.
func readTimestamp(v types.String, diags *diag.Diagnostics) (time.Time, bool) {
	if v.IsNull() || v.IsUnknown() {
		return time.Now(), true
	}
	t, err := parseTimestamp(v.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root("timestamp"), "Invalid Timestamp", "timestamp: "+err.Error())
		return time.Time{}, false
	}
	if t.IsZero() {
		return time.Now(), true
	}
	return t, true
}
