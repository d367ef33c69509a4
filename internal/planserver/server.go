package planserver

import (
	"bytes"
	"context"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Hooks are a resource's own logic on raw values, as its framework methods
// run it.
type Hooks struct {
	// Validate is the resource's ValidateConfig on the configuration.
	Validate func(ctx context.Context, config tftypes.Value, diags *diag.Diagnostics)
	// Plan is the resource's ModifyPlan: it returns the planned state for
	// the plan the framework would hand ModifyPlan (planned).
	Plan func(ctx context.Context, config, planned, prior tftypes.Value, diags *diag.Diagnostics) tftypes.Value
}

// Options say what the server serves besides the framework.
type Options struct {
	// Provider is the provider the framework server serves; resources are
	// looked up and inspected through it.
	Provider provider.Provider
	// Resources are the resource types to serve, by type name, with their
	// hooks.
	Resources map[string]Hooks
	// Configured, when set, is called after the framework configured the
	// provider without error, with the same request.
	Configured func(ctx context.Context, req *tfprotov6.ConfigureProviderRequest)
	// Quiet runs calls without the per-request loggers (SilencePluginLogs).
	Quiet bool
}

// Server is the framework's server with the resources Options name served
// here when Inspect finds nothing against it.
type Server struct {
	tfprotov6.ProviderServer
	quiet      bool
	configured func(context.Context, *tfprotov6.ConfigureProviderRequest)
	served     map[string]*served
	// fallback holds, by type name, why a resource is the framework's.
	fallback map[string][]string
	logOnce  sync.Once
}

// served is one resource this package serves.
type served struct {
	name   string
	hooks  Hooks
	schema schema.Schema
	typ    tftypes.Object
	// configOnly are the attributes that are neither computed nor
	// write-only: a plan keeps their proposed value.
	configOnly map[string]bool
}

// New returns framework with the resources of o served here where Inspect
// allows. A resource type o names that the provider does not have is the
// framework's too.
func New(framework tfprotov6.ProviderServer, o Options) *Server {
	s := &Server{ProviderServer: framework, quiet: o.Quiet, configured: o.Configured,
		served: map[string]*served{}, fallback: map[string][]string{}}
	if o.Provider == nil {
		for name := range o.Resources {
			s.fallback[name] = []string{"no provider to inspect"}
		}
		return s
	}
	ctx := context.Background()
	found := resources(ctx, o.Provider)
	for name, h := range o.Resources {
		r, ok := found[name]
		if !ok {
			s.fallback[name] = []string{"the provider has no such resource"}
			continue
		}
		var sr resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &sr)
		if sr.Diagnostics.HasError() {
			s.fallback[name] = []string{"its schema has errors"}
			continue
		}
		if reasons := Inspect(ctx, o.Provider, r, sr.Schema, h); len(reasons) > 0 {
			s.fallback[name] = reasons
			continue
		}
		typ, ok := sr.Schema.Type().TerraformType(ctx).(tftypes.Object)
		if !ok {
			s.fallback[name] = []string{"its type is not an object"}
			continue
		}
		configOnly := map[string]bool{}
		for n, a := range sr.Schema.Attributes {
			if !a.IsComputed() && !a.IsWriteOnly() {
				configOnly[n] = true
			}
		}
		s.served[name] = &served{name: name, hooks: h, schema: sr.Schema, typ: typ, configOnly: configOnly}
	}
	return s
}

// resources are the provider's resources by type name.
func resources(ctx context.Context, p provider.Provider) map[string]resource.Resource {
	var pm provider.MetadataResponse
	p.Metadata(ctx, provider.MetadataRequest{}, &pm)
	out := map[string]resource.Resource{}
	for _, f := range p.Resources(ctx) {
		r := f()
		var m resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: pm.TypeName}, &m)
		out[m.TypeName] = r
	}
	return out
}

// Fallback returns why the resource type name is served by the framework,
// or nil when it is served here.
func (s *Server) Fallback(name string) []string { return s.fallback[name] }

// Serves reports whether the resource type name is served here.
func (s *Server) Serves(name string) bool { return s.served[name] != nil }

// logFallbacks logs, once, each resource handed back to the framework and
// why, on the logger of the first request (before any quieting).
func (s *Server) logFallbacks(ctx context.Context) {
	s.logOnce.Do(func() {
		for _, name := range slices.Sorted(maps.Keys(s.fallback)) {
			tflog.Warn(ctx, "plan fast path off: "+name+" is served by the framework: "+strings.Join(s.fallback[name], "; "))
		}
	})
}

// requestContext drops the loggers unless logs were asked for.
func (s *Server) requestContext(ctx context.Context) (context.Context, func()) {
	if !s.quiet {
		return ctx, func() {}
	}
	q, cancel := context.WithCancel(context.Background())
	stop := context.AfterFunc(ctx, cancel)
	return q, func() { stop(); cancel() }
}

// ConfigureProvider lets the framework configure the provider, then tells
// Options.Configured.
func (s *Server) ConfigureProvider(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	resp, err := s.ProviderServer.ConfigureProvider(ctx, req)
	if err == nil && resp != nil && !hasError(resp.Diagnostics) && req.Config != nil && s.configured != nil {
		s.configured(ctx, req)
	}
	return resp, err
}

func hasError(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

func (s *Server) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	s.logFallbacks(ctx)
	q, done := s.requestContext(ctx)
	defer done()
	if r := s.served[req.TypeName]; r != nil {
		return r.validate(q, req), nil
	}
	return s.ProviderServer.ValidateResourceConfig(q, req)
}

func (s *Server) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	s.logFallbacks(ctx)
	q, done := s.requestContext(ctx)
	defer done()
	// Private state and provider meta reach ModifyPlan, not the hooks.
	if r := s.served[req.TypeName]; r != nil && len(req.PriorPrivate) == 0 && req.ProviderMeta == nil {
		return r.plan(q, req), nil
	}
	return s.ProviderServer.PlanResourceChange(q, req)
}

func (s *Server) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	q, done := s.requestContext(ctx)
	defer done()
	return s.ProviderServer.ApplyResourceChange(q, req)
}

func (s *Server) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	q, done := s.requestContext(ctx)
	defer done()
	return s.ProviderServer.ReadResource(q, req)
}

// logsRequested is read once per process: SilencePluginLogs sets TF_LOG_*
// variables itself.
var logsRequested = sync.OnceValue(func() bool { return loggingRequested(os.Environ()) })

// pluginLogLevels are the variables terraform-plugin-go and
// terraform-plugin-log read on every request for the level of the SDK's
// loggers (root, protocol, framework) and the provider's; unset, each logs
// at TRACE and leaves the filtering to Terraform.
var pluginLogLevels = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER"}

// SilencePluginLogs sets the plugin SDKs' loggers off when no TF_LOG*
// variable asks for logs, and reports whether it did. Terraform discards
// the provider's logs then, yet terraform-plugin-go's loggers default to
// TRACE and wrote four JSON lines to stderr per call (BENCHMARKS.md).
func SilencePluginLogs() bool {
	if logsRequested() {
		return false
	}
	for _, name := range pluginLogLevels {
		_ = os.Setenv(name, "OFF")
	}
	return true
}

func loggingRequested(environ []string) bool {
	for _, kv := range environ {
		if strings.HasPrefix(kv, "TF_LOG") {
			return true
		}
	}
	return false
}

func sameDynamicValue(a, b tfprotov6.DynamicValue) bool {
	return a.JSON == nil && b.JSON == nil && a.MsgPack != nil && bytes.Equal(a.MsgPack, b.MsgPack)
}

// rawObject splits an object value into its attributes; ok is false when
// the value is null or unknown.
func rawObject(v tftypes.Value) (map[string]tftypes.Value, bool) {
	if v.IsNull() || !v.IsKnown() {
		return nil, false
	}
	var out map[string]tftypes.Value
	if err := v.As(&out); err != nil {
		return nil, false
	}
	return out, true
}
