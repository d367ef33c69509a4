// Command noop is the floor the scale benchmark measures srm_workload
// against: a terraform-plugin-framework provider serving one resource,
// noop_workload, that accepts the same configuration as srm_workload's
// inputs (name, service_model, environment and the control groups as
// dynamic values) and has no plan logic at all: no validators, no defaults,
// no plan modifiers, no ModifyPlan. Its plan cost is what any framework
// resource of that shape costs Terraform and the framework.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	srm "github.com/shared-responsibility/terraform-provider-srm/internal/provider"
)

// address is the provider's source address; the benchmark's dev_overrides
// point it at this binary, which must be named terraform-provider-noop.
const address = "shared-responsibility/noop"

func main() {
	// Served as the srm provider is served, without the per-request loggers
	// when no TF_LOG* variable is set, so the floor carries no cost srm
	// avoids.
	framework := providerserver.NewProtocol6(noopProvider{})
	err := tf6server.Serve("registry.terraform.io/"+address, func() tfprotov6.ProviderServer {
		return srm.QuietServer(framework())
	})
	if err != nil {
		log.Fatal(err)
	}
}

type noopProvider struct{}

func (noopProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "noop"
}
func (noopProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}
func (noopProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}
func (noopProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return workload{} }}
}
func (noopProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

type workload struct{}

func (workload) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_workload"
}

func (workload) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"id":            schema.StringAttribute{Computed: true},
		"name":          schema.StringAttribute{Required: true},
		"service_model": schema.StringAttribute{Required: true},
		"environment":   schema.StringAttribute{Optional: true},
		"evidence":      schema.DynamicAttribute{Optional: true, Sensitive: true},
	}
	for _, g := range model.Default().Groups {
		attrs[g.ID] = schema.DynamicAttribute{Optional: true}
	}
	resp.Schema = schema.Schema{Attributes: attrs}
}

// Create stores the plan with a fixed id; nothing else happens.
func (workload) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var attrs map[string]tftypes.Value
	if err := req.Plan.Raw.As(&attrs); err == nil {
		attrs["id"] = tftypes.NewValue(tftypes.String, "noop")
		resp.State.Raw = tftypes.NewValue(req.Plan.Raw.Type(), attrs)
	}
}
func (workload) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}
func (workload) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
}
func (workload) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
