package provider

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/defaults"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// NewProtocol6Server returns the provider's protocol 6 server, as main serves
// it and the acceptance tests run it.
//
// Everything is served by the framework except srm_workload's
// ValidateResourceConfig and PlanResourceChange, which Terraform calls for
// every workload on every plan (validate twice): the server decodes the
// request and runs the resource's own ValidateConfig and the schema's
// validators (validateAttribute), or prepares the plan as the framework
// would for this schema (workloadPlanBase) and calls the same ModifyPlan
// logic, without the framework's generic per-attribute walks.
// On a plan of 1,000 workloads those walks were most of the provider's CPU
// (BENCHMARKS.md). The schema stays the framework schema the resource
// declares; workloadPlanBase reads it.
//
// When no TF_LOG* variable asks for logs, nobody reads the provider's logs:
// Terraform discards them. The per-resource calls then run with a context
// that keeps the request's cancellation but none of the per-request loggers
// the plugin server attaches, and the plugin server's own loggers are set
// off (silencePluginLogs). Both build and write trace entries otherwise: on
// a plan of 1,000 workloads the first was half the provider's CPU time, and
// at 5,000 it held the peak memory near 400 MB instead of under 50 MB; the
// second wrote four JSON lines to stderr per call (BENCHMARKS.md). With
// TF_LOG set, everything logs as the SDKs do by default.
func NewProtocol6Server(version string) func() tfprotov6.ProviderServer {
	return newProtocol6Server(New(version)())
}

// newProtocol6Server serves a provider (tests pass one with its own clock).
func newProtocol6Server(p provider.Provider) func() tfprotov6.ProviderServer {
	framework := providerserver.NewProtocol6(p)
	quiet := silencePluginLogs()
	return func() tfprotov6.ProviderServer {
		return &server{ProviderServer: framework(), provider: p, quiet: quiet, unconfigured: sync.OnceValue(defaultProviderData)}
	}
}

// QuietServer serves another framework provider's server with the
// per-request loggers stripped as this provider's are when no TF_LOG*
// variable is set. The scale benchmark's no-op floor uses it, so the floor
// differs from srm_workload only in what the resource does.
func QuietServer(s tfprotov6.ProviderServer) tfprotov6.ProviderServer {
	return &server{ProviderServer: s, quiet: silencePluginLogs()}
}

// logsRequested is read once per process: silencePluginLogs sets TF_LOG_*
// variables itself.
var logsRequested = sync.OnceValue(func() bool { return loggingRequested(os.Environ()) })

// pluginLogLevels are the variables terraform-plugin-go and
// terraform-plugin-log read on every request for the level of the SDK's
// loggers (root, protocol, framework) and the provider's; unset, each logs
// at TRACE and leaves the filtering to Terraform.
var pluginLogLevels = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER"}

// silencePluginLogs sets the plugin SDKs' loggers off when no TF_LOG*
// variable asks for logs, and reports whether it did.
func silencePluginLogs() bool {
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

// server wraps the framework's server.
type server struct {
	tfprotov6.ProviderServer
	provider provider.Provider
	quiet    bool
	// data is what the provider's Configure returned, for the fast path;
	// nil until ConfigureProvider succeeds (resources then use defaults,
	// as the framework hands them no provider data).
	data         atomic.Pointer[providerData]
	unconfigured func() *providerData
}

// requestContext drops the loggers unless logs were asked for.
func (s *server) requestContext(ctx context.Context) (context.Context, func()) {
	if !s.quiet {
		return ctx, func() {}
	}
	return quiet(ctx)
}

// quiet returns a context without values that is cancelled with ctx.
func quiet(ctx context.Context) (context.Context, func()) {
	q, cancel := context.WithCancel(context.Background())
	stop := context.AfterFunc(ctx, cancel)
	return q, func() { stop(); cancel() }
}

// ConfigureProvider lets the framework configure the provider, then runs the
// provider's own Configure on the same configuration to keep the data it
// hands resources, for the fast path.
func (s *server) ConfigureProvider(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	resp, err := s.ProviderServer.ConfigureProvider(ctx, req)
	if err != nil || resp == nil || hasError(resp.Diagnostics) || req.Config == nil || s.provider == nil {
		return resp, err
	}
	var sch provider.SchemaResponse
	s.provider.Schema(ctx, provider.SchemaRequest{}, &sch)
	raw, err := req.Config.Unmarshal(sch.Schema.Type().TerraformType(ctx))
	if err != nil {
		return resp, nil //nolint:nilerr // the framework decoded it; keep its answer
	}
	var conf provider.ConfigureResponse
	s.provider.Configure(ctx, provider.ConfigureRequest{Config: tfsdk.Config{Raw: raw, Schema: sch.Schema}}, &conf)
	if d, ok := conf.ResourceData.(*providerData); ok && !conf.Diagnostics.HasError() {
		s.data.Store(d)
	}
	return resp, nil
}

func hasError(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

func (s *server) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	q, done := s.requestContext(ctx)
	defer done()
	if req.TypeName == workloadTypeName && s.provider != nil {
		return s.validateWorkload(q, req), nil
	}
	return s.ProviderServer.ValidateResourceConfig(q, req)
}

func (s *server) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	q, done := s.requestContext(ctx)
	defer done()
	if req.TypeName == workloadTypeName && s.provider != nil {
		return s.planWorkload(q, req), nil
	}
	return s.ProviderServer.PlanResourceChange(q, req)
}

func (s *server) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	q, done := s.requestContext(ctx)
	defer done()
	return s.ProviderServer.ApplyResourceChange(q, req)
}

func (s *server) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	q, done := s.requestContext(ctx)
	defer done()
	return s.ProviderServer.ReadResource(q, req)
}

const workloadTypeName = "srm_workload"

// workloadType is the object type of srm_workload, from its schema.
var workloadType = sync.OnceValue(func() tftypes.Object {
	typ, _ := workloadSchemaOnce().Type().TerraformType(context.Background()).(tftypes.Object)
	return typ
})

// resource is srm_workload as the framework would configure it for a request.
func (s *server) resource() *workloadResource {
	r := &workloadResource{data: s.data.Load()}
	if r.data == nil {
		r.data = s.unconfigured()
	}
	return r
}

// validateWorkload answers ValidateResourceConfig for srm_workload as the
// framework does: the resource's ValidateConfig, then every attribute's
// schema checks and validators (validateAttribute).
func (s *server) validateWorkload(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) *tfprotov6.ValidateResourceConfigResponse {
	if req.Config == nil {
		return &tfprotov6.ValidateResourceConfigResponse{}
	}
	typ := workloadType()
	raw, err := decodeValue(req.Config, typ, nil)
	if err != nil {
		var diags diag.Diagnostics
		diags.AddError("Unable to Read Configuration", "An unexpected error was encountered reading the configuration "+
			"of srm_workload. Please report this issue to the provider developers.\n\n"+err.Error())
		return &tfprotov6.ValidateResourceConfigResponse{Diagnostics: toProtoDiagnostics(diags)}
	}
	var diags diag.Diagnostics
	top, ok := rawObject(raw)
	if ok {
		s.resource().validate(top, &diags)
	}
	sch := workloadSchemaOnce()
	config := tfsdk.Config{Raw: raw, Schema: sch}
	for name, a := range sch.Attributes {
		v, ok := top[name]
		if !ok {
			v = tftypes.NewValue(typ.AttributeTypes[name], nil)
			if !raw.IsKnown() {
				v = tftypes.NewValue(typ.AttributeTypes[name], tftypes.UnknownValue)
			}
		}
		validateAttribute(ctx, a, path.Root(name), path.MatchRoot(name), v, config, &diags)
	}
	return &tfprotov6.ValidateResourceConfigResponse{Diagnostics: toProtoDiagnostics(diags)}
}

// validateAttribute is the framework's attribute validation for the kinds
// of attribute srm_workload's schema has: the read-only and required
// checks, string validators, and list-nested attributes element by
// element. TestWorkloadValidateCoversSchema fails if the schema gains a
// validator of another kind.
func validateAttribute(ctx context.Context, a schema.Attribute, p path.Path, pe path.Expression, v tftypes.Value, config tfsdk.Config, diags *diag.Diagnostics) {
	null := v.IsKnown() && v.IsNull()
	if a.IsComputed() && !a.IsOptional() && !null {
		diags.AddAttributeError(p, "Invalid Configuration for Read-Only Attribute",
			"Cannot set value for this attribute as the provider has marked it as read-only. Remove the configuration line setting the value.\n\n"+
				"Refer to the provider documentation or contact the provider developers for additional information about configurable and read-only attributes that are supported.")
	}
	if a.IsRequired() && null {
		diags.AddAttributeError(p, "Missing Configuration for Required Attribute",
			fmt.Sprintf("Must set a configuration value for the %s attribute as the provider has marked it as required.\n\n", p.String())+
				"Refer to the provider documentation or contact the provider developers for additional information about configurable attributes that are required.")
	}
	switch a := a.(type) {
	case schema.StringAttribute:
		value := types.StringUnknown()
		switch s, state := rawString(v); state {
		case policy.Null:
			value = types.StringNull()
		case policy.Known:
			value = types.StringValue(s)
		}
		for _, check := range a.Validators {
			var resp validator.StringResponse
			check.ValidateString(ctx, validator.StringRequest{Config: config, ConfigValue: value, Path: p, PathExpression: pe}, &resp)
			diags.Append(resp.Diagnostics...)
		}
	case schema.ListNestedAttribute:
		var elems []tftypes.Value
		if !v.IsKnown() || v.IsNull() || v.As(&elems) != nil {
			return
		}
		for i, e := range elems {
			attrs, _ := rawObject(e)
			typ, _ := e.Type().(tftypes.Object)
			for name, nested := range a.NestedObject.Attributes {
				nv, ok := attrs[name]
				if !ok {
					nv = tftypes.NewValue(typ.AttributeTypes[name], nil)
					if !e.IsKnown() {
						nv = tftypes.NewValue(typ.AttributeTypes[name], tftypes.UnknownValue)
					}
				}
				validateAttribute(ctx, nested, p.AtListIndex(i).AtName(name), pe.AtListIndex(i).AtName(name), nv, config, diags)
			}
		}
	}
}

// planWorkload answers PlanResourceChange for srm_workload as the framework
// does, in fewer steps: decode, workloadPlanBase, ModifyPlan's logic, encode.
func (s *server) planWorkload(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) *tfprotov6.PlanResourceChangeResponse {
	typ := workloadType()
	var diags diag.Diagnostics
	// decode reads one of the request's values; spans, when not nil,
	// receives its attributes' encodings (decodeValue).
	decode := func(dv *tfprotov6.DynamicValue, what string, spans map[string][]byte) tftypes.Value {
		if dv == nil {
			return tftypes.NewValue(typ, nil)
		}
		v, err := decodeValue(dv, typ, spans)
		if err != nil {
			diags.AddError("Unable to Read "+what, "An unexpected error was encountered reading the "+what+
				" of srm_workload. Please report this issue to the provider developers.\n\n"+err.Error())
		}
		return v
	}
	spans := make(map[string][]byte, len(typ.AttributeTypes))
	config := decode(req.Config, "configuration", spans)
	proposed := config
	// For a new workload Terraform usually proposes the configuration
	// itself: the same bytes decode to the same value, once.
	if req.ProposedNewState == nil || req.Config == nil || !sameDynamicValue(*req.ProposedNewState, *req.Config) {
		clear(spans)
		proposed = decode(req.ProposedNewState, "proposed new state", spans)
	}
	prior := decode(req.PriorState, "prior state", nil)
	if diags.HasError() {
		return &tfprotov6.PlanResourceChangeResponse{Diagnostics: toProtoDiagnostics(diags)}
	}
	planned := s.resource().plan(ctx, config, workloadPlanBase(ctx, workloadSchemaOnce(), config, proposed, prior), prior, &diags)
	resp := &tfprotov6.PlanResourceChangeResponse{Diagnostics: toProtoDiagnostics(diags), PlannedPrivate: req.PriorPrivate}
	// A plan keeps the proposed value of every attribute that is not
	// computed (Terraform rejects one that changes them), so those are
	// copied as they arrived.
	state, err := encodeObject(typ, planned, spans, configOnlyAttributes())
	if err != nil {
		resp.Diagnostics = append(resp.Diagnostics, &tfprotov6.Diagnostic{Severity: tfprotov6.DiagnosticSeverityError,
			Summary: "Unable to Write Plan", Detail: "An unexpected error was encountered writing the plan of srm_workload. " +
				"Please report this issue to the provider developers.\n\n" + err.Error()})
		return resp
	}
	resp.PlannedState = &state
	return resp
}

// configOnlyAttributes are srm_workload's attributes that are not computed:
// their planned value is always the proposed one.
var configOnlyAttributes = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for name, a := range workloadSchemaOnce().Attributes {
		if !a.IsComputed() {
			out[name] = true
		}
	}
	return out
})

func sameDynamicValue(a, b tfprotov6.DynamicValue) bool {
	return a.JSON == nil && b.JSON == nil && a.MsgPack != nil && bytes.Equal(a.MsgPack, b.MsgPack)
}

// workloadPlanBase is the plan the framework hands ModifyPlan: the proposed
// new state with attribute defaults set where the configuration is null,
// and, unless the plan equals the prior state, every computed attribute
// without a default that the configuration leaves null unknown. It reads
// only top-level attributes: TestWorkloadPlanBaseCoversSchema fails if a
// nested attribute ever needs either step.
func workloadPlanBase(ctx context.Context, sch schema.Schema, config, proposed, prior tftypes.Value) tftypes.Value {
	top, ok := rawObject(proposed)
	if !ok {
		return proposed
	}
	cfg, _ := rawObject(config)
	typ, _ := proposed.Type().(tftypes.Object)
	vals := make(map[string]tftypes.Value, len(top))
	for name, v := range top {
		vals[name] = v
	}
	for name, a := range sch.Attributes {
		if c, ok := cfg[name]; ok && !c.IsNull() {
			continue
		}
		if d := stringDefault(a); d != nil {
			var resp defaults.StringResponse
			d.DefaultString(ctx, defaults.StringRequest{Path: path.Root(name)}, &resp)
			if v, err := resp.PlanValue.ToTerraformValue(ctx); err == nil && !resp.Diagnostics.HasError() {
				vals[name] = v
			}
		}
	}
	planned := tftypes.NewValue(typ, vals)
	if planned.Equal(prior) {
		return planned
	}
	for name, a := range sch.Attributes {
		if c, ok := cfg[name]; (ok && !c.IsNull()) || !a.IsComputed() || stringDefault(a) != nil {
			continue
		}
		t := typ.AttributeTypes[name]
		if _, dynamic := a.GetType().(basetypes.DynamicTypable); dynamic {
			t = tftypes.DynamicPseudoType
		}
		vals[name] = tftypes.NewValue(t, tftypes.UnknownValue)
	}
	return tftypes.NewValue(typ, vals)
}

func stringDefault(a schema.Attribute) defaults.String {
	if s, ok := a.(schema.StringAttribute); ok {
		return s.Default
	}
	return nil
}

// toProtoDiagnostics converts diagnostics as the framework does.
func toProtoDiagnostics(diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	var out []*tfprotov6.Diagnostic
	for _, d := range diags {
		pd := &tfprotov6.Diagnostic{Summary: d.Summary(), Detail: d.Detail(), Severity: tfprotov6.DiagnosticSeverityError}
		if d.Severity() == diag.SeverityWarning {
			pd.Severity = tfprotov6.DiagnosticSeverityWarning
		}
		if dp, ok := d.(diag.DiagnosticWithPath); ok {
			pd.Attribute = protoPath(dp.Path())
		}
		out = append(out, pd)
	}
	return out
}

func protoPath(p path.Path) *tftypes.AttributePath {
	var steps []tftypes.AttributePathStep
	for _, step := range p.Steps() {
		switch st := step.(type) {
		case path.PathStepAttributeName:
			steps = append(steps, tftypes.AttributeName(string(st)))
		case path.PathStepElementKeyInt:
			steps = append(steps, tftypes.ElementKeyInt(int64(st)))
		case path.PathStepElementKeyString:
			steps = append(steps, tftypes.ElementKeyString(string(st)))
		default:
			return tftypes.NewAttributePathWithSteps(steps) // the nearest the protocol can name
		}
	}
	return tftypes.NewAttributePathWithSteps(steps)
}
