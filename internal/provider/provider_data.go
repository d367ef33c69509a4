package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// providerData is what Configure hands to resources and data sources. The
// evaluator is built from the model of the selected matrix, so everything
// that reads r.data.evaluator (or its Model) follows the provider's
// `matrix` argument.
type providerData struct {
	evaluator       *policy.Evaluator
	enforcement     string
	defaultBaseline string
	// expiredExceptions is the provider's expired_exceptions setting.
	expiredExceptions string
	// version is the provider's version, for SARIF's tool entry; empty
	// before Configure.
	version string
	// now is the clock every time-dependent judgement reads (exception
	// expiry, patch age); tests set their own.
	now func() time.Time
}

func defaultProviderData() *providerData {
	return &providerData{
		evaluator:         policy.New(model.Default()),
		enforcement:       EnforcementError,
		defaultBaseline:   "standard",
		expiredExceptions: ExpiredExceptionsWarnWhenUnchanged,
		now:               time.Now,
	}
}

// withMatrix returns the provider data for a matrix id; the id has passed
// the schema's OneOf validator, so an error here is a provider bug.
func (d *providerData) withMatrix(id string) (*providerData, error) {
	m, err := model.ForMatrix(id)
	if err != nil {
		return nil, err
	}
	out := *d
	out.evaluator = policy.New(m)
	return &out, nil
}

// model returns the model of the provider's matrix.
func (d *providerData) model() *model.Model { return d.evaluator.Model() }

// configuredDataSource gives a data source the provider's data: embed it
// and initialise it with defaultProviderData() for the unconfigured case.
type configuredDataSource struct {
	data *providerData
}

func (d *configuredDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if req.ProviderData != nil {
		d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
	}
}

// providerDataFrom reads what Configure passed, with defaults when the
// provider has not been configured (as during validation).
func providerDataFrom(data any, diags *diag.Diagnostics) *providerData {
	if data == nil {
		return defaultProviderData()
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected Provider Data", fmt.Sprintf("expected *providerData, got %T; please report this issue to the provider developers", data))
		return defaultProviderData()
	}
	return pd
}

// matrixDescription documents the `matrix` argument of the provider and the
// data sources.
func matrixDescription(m *model.Model) string {
	return "Which responsibility matrix decides who owns each cell: " + backticked(m.MatrixIDs()) +
		". `consensus` (the default) is the project's reading of all vendors' models; the others follow one " +
		"vendor's published matrix, falling back to the consensus cell (and saying so in the cell's `note`) " +
		"where the vendor publishes nothing. See the \"Choosing a responsibility matrix\" guide."
}

// matrixAttribute is a data source's optional `matrix` override.
func matrixAttribute(m *model.Model) schema.StringAttribute {
	return schema.StringAttribute{
		Optional:            true,
		Computed:            true,
		MarkdownDescription: matrixDescription(m) + " Defaults to the provider's `matrix`, which is then recorded here.",
		Validators:          []validator.String{oneOfValidator(m.MatrixIDs())},
	}
}

// selectedModel returns the model of a data source's `matrix` argument, or
// the provider's when the argument is null.
func selectedModel(attr types.String, pd *providerData, diags *diag.Diagnostics) *model.Model {
	if attr.IsNull() || attr.IsUnknown() {
		return pd.model()
	}
	m, err := model.ForMatrix(attr.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root("matrix"), "Unknown Matrix", err.Error())
		return pd.model()
	}
	return m
}
