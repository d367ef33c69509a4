package provider

import (
	"context"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

const workloadTypeName = "srm_workload"

// workloadHooks run srm_workload's validate and plan logic for planserver,
// on the provider data the framework would configure the resource with.
type workloadHooks struct {
	provider provider.Provider
	// data is what the provider's Configure returned; nil until
	// ConfigureProvider succeeds (resources then use defaults, as the
	// framework hands them no provider data).
	data         atomic.Pointer[providerData]
	unconfigured func() *providerData
}

// configure runs the provider's own Configure on the configuration the
// framework accepted, to keep the data it hands resources.
func (h *workloadHooks) configure(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) {
	var sch provider.SchemaResponse
	h.provider.Schema(ctx, provider.SchemaRequest{}, &sch)
	raw, err := req.Config.Unmarshal(sch.Schema.Type().TerraformType(ctx))
	if err != nil {
		return // the framework decoded it; its answer stands
	}
	var conf provider.ConfigureResponse
	h.provider.Configure(ctx, provider.ConfigureRequest{Config: tfsdk.Config{Raw: raw, Schema: sch.Schema}}, &conf)
	if d, ok := conf.ResourceData.(*providerData); ok && !conf.Diagnostics.HasError() {
		h.data.Store(d)
	}
}

// resource is srm_workload as the framework would configure it for a request.
func (h *workloadHooks) resource() *workloadResource {
	r := &workloadResource{data: h.data.Load()}
	if r.data == nil {
		r.data = h.unconfigured()
	}
	return r
}

func (h *workloadHooks) validate(_ context.Context, config tftypes.Value, diags *diag.Diagnostics) {
	if top, ok := rawObject(config); ok {
		h.resource().validate(top, diags)
	}
}

func (h *workloadHooks) plan(ctx context.Context, config, planned, prior tftypes.Value, diags *diag.Diagnostics) tftypes.Value {
	return h.resource().plan(ctx, config, planned, prior, diags)
}
