// Package provider is the Terraform glue of the srm provider: schemas,
// conversions and diagnostics. The model, the evaluator and the detectors
// live in framework-free packages beside it.
package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// Enforcement modes of the provider block.
const (
	EnforcementError = "error"
	EnforcementWarn  = "warn"
)

// Values of the provider's expired_exceptions.
const (
	// ExpiredExceptionsWarnWhenUnchanged: an expired exception fails a plan
	// that changes the workload and warns on one that does not (default).
	ExpiredExceptionsWarnWhenUnchanged = "warn_when_unchanged"
	// ExpiredExceptionsError: an expired exception fails every plan.
	ExpiredExceptionsError = "error"
)

var _ provider.ProviderWithFunctions = (*srmProvider)(nil)

type srmProvider struct {
	version string
	// now replaces the clock when set (tests that move time between a
	// saved plan and its apply).
	now func() time.Time
}

type srmProviderModel struct {
	Enforcement       types.String `tfsdk:"enforcement"`
	DefaultBaseline   types.String `tfsdk:"default_baseline"`
	Matrix            types.String `tfsdk:"matrix"`
	ExpiredExceptions types.String `tfsdk:"expired_exceptions"`
}

// New returns a constructor for the provider, as providerserver expects.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &srmProvider{version: version} }
}

func (p *srmProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "srm"
	resp.Version = p.version
}

func (p *srmProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	m := model.Default()
	resp.Schema = schema.Schema{
		MarkdownDescription: "The cloud shared responsibility model, executable: who owns each security domain in each " +
			"service model, and plan-time checks that a workload declares the controls its owner must run.",
		Attributes: map[string]schema.Attribute{
			"enforcement": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "What a violated control does to the plan: `error` (default) fails it, `warn` " +
					"reports a warning and lets the plan succeed. Findings are recorded either way.",
				Validators: []validator.String{oneOfValidator([]string{EnforcementError, EnforcementWarn})},
			},
			"default_baseline": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Baseline for workloads that set none: " + backticked(m.BaselineIDs()) +
					". Defaults to `standard`.",
				Validators: []validator.String{oneOfValidator(m.BaselineIDs())},
			},
			"expired_exceptions": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "What an `srm_workload` exception past its `expires` does to a plan: `warn_when_unchanged` " +
					"(default) fails a plan that changes the workload and only warns on one that does not, so CI stays green " +
					"until someone edits it; `error` fails every plan that includes the workload, changed or not, and " +
					"whatever `enforcement` says: the gate for a pipeline that must not run past an expired waiver.",
				Validators: []validator.String{oneOfValidator([]string{ExpiredExceptionsWarnWhenUnchanged, ExpiredExceptionsError})},
			},
			"matrix": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: matrixDescription(m) + " `srm_workload`, `srm_service_model`, " +
					"`srm_responsibility_matrix` and `srm_controls` follow it; the data sources can override it.",
				Validators: []validator.String{oneOfValidator(m.MatrixIDs())},
			},
		},
	}
}

func (p *srmProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg srmProviderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	data := defaultProviderData()
	data.version = p.version
	if p.now != nil {
		data.now = p.now
	}
	if v := cfg.Enforcement.ValueString(); v != "" {
		data.enforcement = v
	}
	if v := cfg.ExpiredExceptions.ValueString(); v != "" {
		data.expiredExceptions = v
	}
	if v := cfg.DefaultBaseline.ValueString(); v != "" {
		data.defaultBaseline = v
	}
	if v := cfg.Matrix.ValueString(); v != "" {
		selected, err := data.withMatrix(v)
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("matrix"), "Unknown Matrix", err.Error())
			return
		}
		data = selected
	}
	resp.DataSourceData = data
	resp.ResourceData = data
}

func (p *srmProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewWorkloadResource,
		NewBaselineResource,
	}
}

func (p *srmProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewResponsibilityMatrixDataSource,
		NewServiceModelDataSource,
		NewControlsDataSource,
		NewAspectsDataSource,
		NewOnPremisesComparisonDataSource,
		NewReportDataSource,
		NewOSCALComponentDefinitionDataSource,
	}
}

func (p *srmProvider) Functions(_ context.Context) []func() function.Function {
	return []func() function.Function{
		NewOwnerFunction,
		NewCustomerDomainsFunction,
		NewRequiredControlsFunction,
		NewFirewallFindingsFunction,
		NewIAMPolicyFindingsFunction,
		NewBucketPolicyFindingsFunction,
		NewSecretFindingsFunction,
		NewPatchFindingsFunction,
		NewIsPublicCIDRFunction,
		NewResourceFindingsFunction,
		NewResourceControlsFunction,
		func() function.Function { return &reportFunction{version: p.version} },
		NewPublicAccessBlockFindingsFunction,
	}
}
