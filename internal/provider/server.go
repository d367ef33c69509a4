package provider

import (
	"context"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// NewProtocol6Server returns the provider's protocol 6 server, as main serves
// it and the acceptance tests run it.
//
// When no TF_LOG* variable asks for logs, the per-resource calls run with a
// context that keeps the request's cancellation but none of the per-request
// loggers the plugin server attaches. The SDK builds its trace entries even
// when nobody reads them; on a plan of 1,000 workloads that was half the
// provider's CPU time, and at 5,000 it held the peak memory near 400 MB
// instead of under 50 MB (BENCHMARKS.md). With TF_LOG set, nothing changes.
func NewProtocol6Server(version string) func() tfprotov6.ProviderServer {
	server := providerserver.NewProtocol6(New(version)())
	if loggingRequested(os.Environ()) {
		return server
	}
	return func() tfprotov6.ProviderServer { return quietServer{server()} }
}

func loggingRequested(environ []string) bool {
	for _, kv := range environ {
		if strings.HasPrefix(kv, "TF_LOG") {
			return true
		}
	}
	return false
}

// quietServer strips the loggers from the calls Terraform makes once per
// resource instance.
type quietServer struct{ tfprotov6.ProviderServer }

// quiet returns a context without values that is cancelled with ctx.
func quiet(ctx context.Context) (context.Context, func()) {
	q, cancel := context.WithCancel(context.Background())
	stop := context.AfterFunc(ctx, cancel)
	return q, func() { stop(); cancel() }
}

func (s quietServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	q, done := quiet(ctx)
	defer done()
	return s.ProviderServer.ValidateResourceConfig(q, req)
}

func (s quietServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	q, done := quiet(ctx)
	defer done()
	return s.ProviderServer.PlanResourceChange(q, req)
}

func (s quietServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	q, done := quiet(ctx)
	defer done()
	return s.ProviderServer.ApplyResourceChange(q, req)
}

func (s quietServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	q, done := quiet(ctx)
	defer done()
	return s.ProviderServer.ReadResource(q, req)
}
