package planserver

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// plainResource has what planserver serves: ModifyPlan and ValidateConfig
// with their hooks, string validators and a top-level string default.
type plainResource struct{ schema schema.Schema }

func (r plainResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_thing"
}
func (r plainResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.schema
}
func (plainResource) Create(context.Context, resource.CreateRequest, *resource.CreateResponse) {}
func (plainResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse)       {}
func (plainResource) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {}
func (plainResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
func (plainResource) ModifyPlan(context.Context, resource.ModifyPlanRequest, *resource.ModifyPlanResponse) {
}
func (plainResource) ValidateConfig(context.Context, resource.ValidateConfigRequest, *resource.ValidateConfigResponse) {
}

type upgradable struct{ plainResource }

func (upgradable) UpgradeState(context.Context) map[int64]resource.StateUpgrader { return nil }

type identified struct{ plainResource }

func (identified) IdentitySchema(context.Context, resource.IdentitySchemaRequest, *resource.IdentitySchemaResponse) {
}

type validated struct{ plainResource }

type conflicting struct{}

func (conflicting) Description(context.Context) string         { return "" }
func (conflicting) MarkdownDescription(context.Context) string { return "" }
func (conflicting) ValidateResource(context.Context, resource.ValidateConfigRequest, *resource.ValidateConfigResponse) {
}

func (validated) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{conflicting{}}
}

type behaving struct{ plainResource }

func (b behaving) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	b.plainResource.Metadata(ctx, req, resp)
	resp.ResourceBehavior.MutableIdentity = true
}

type plainProvider struct{}

func (plainProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "x"
}
func (plainProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}
func (plainProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}
func (plainProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }
func (plainProvider) Resources(context.Context) []func() resource.Resource       { return nil }

type metaProvider struct{ plainProvider }

func (metaProvider) MetaSchema(context.Context, provider.MetaSchemaRequest, *provider.MetaSchemaResponse) {
}

type lengthValidator struct{}

func (lengthValidator) Description(context.Context) string         { return "" }
func (lengthValidator) MarkdownDescription(context.Context) string { return "" }
func (lengthValidator) ValidateString(context.Context, validator.StringRequest, *validator.StringResponse) {
}
func (lengthValidator) ValidateBool(context.Context, validator.BoolRequest, *validator.BoolResponse) {
}

var hooks = Hooks{
	Validate: func(context.Context, tftypes.Value, *diag.Diagnostics) {},
	Plan: func(_ context.Context, _, planned, _ tftypes.Value, _ *diag.Diagnostics) tftypes.Value {
		return planned
	},
}

func servedSchema() schema.Schema {
	return schema.Schema{Attributes: map[string]schema.Attribute{
		"id":   schema.StringAttribute{Computed: true},
		"name": schema.StringAttribute{Required: true, Validators: []validator.String{lengthValidator{}}},
		"kind": schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("a")},
		"body": schema.DynamicAttribute{Optional: true},
		"items": schema.ListNestedAttribute{Optional: true, NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"key": schema.StringAttribute{Required: true, Validators: []validator.String{lengthValidator{}}},
		}}},
		"results": schema.ListNestedAttribute{Computed: true, NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"id":     schema.StringAttribute{Computed: true},
			"detail": schema.SingleNestedAttribute{Computed: true, Attributes: map[string]schema.Attribute{"why": schema.StringAttribute{Computed: true}}},
		}}},
	}}
}

// Every feature planserver does not implement is a reason to hand the
// resource to the framework, named in the reason.
func TestInspect(t *testing.T) {
	edit := func(f func(s *schema.Schema)) plainResource {
		s := servedSchema()
		f(&s)
		return plainResource{s}
	}
	setAttr := func(name string, a schema.Attribute) plainResource {
		return edit(func(s *schema.Schema) { s.Attributes[name] = a })
	}
	cases := []struct {
		name     string
		provider provider.Provider
		resource resource.Resource
		hooks    Hooks
		want     string // "" : served
	}{
		{"served", plainProvider{}, plainResource{servedSchema()}, hooks, ""},
		{"plan modifier", plainProvider{}, setAttr("name", schema.StringAttribute{Required: true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}}), hooks, "name: plan modifiers"},
		{"nested plan modifier", plainProvider{}, setAttr("items", schema.ListNestedAttribute{Optional: true, NestedObject: schema.NestedAttributeObject{
			Attributes: map[string]schema.Attribute{"key": schema.StringAttribute{Optional: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}}}}), hooks, "items.key: plan modifiers"},
		{"bool default", plainProvider{}, setAttr("on", schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(true)}), hooks, "on: a default"},
		{"nested string default", plainProvider{}, setAttr("items", schema.ListNestedAttribute{Optional: true, NestedObject: schema.NestedAttributeObject{
			Attributes: map[string]schema.Attribute{"key": schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("k")}}}}),
			hooks, "items.key: a default"},
		{"bool validator", plainProvider{}, setAttr("on", schema.BoolAttribute{Optional: true, Validators: []validator.Bool{lengthValidator{}}}), hooks, "on: validators"},
		{"object validator", plainProvider{}, setAttr("items", schema.ListNestedAttribute{Optional: true, NestedObject: schema.NestedAttributeObject{
			Validators: []validator.Object{}, Attributes: map[string]schema.Attribute{}}, Validators: []validator.List{nil}}), hooks, "items: validators"},
		{"write-only", plainProvider{}, setAttr("token", schema.StringAttribute{Optional: true, WriteOnly: true}), hooks, ""},
		{"write-only required", plainProvider{}, setAttr("token", schema.StringAttribute{Required: true, WriteOnly: true}), hooks, "token: write-only"},
		{"nested write-only", plainProvider{}, setAttr("items", schema.ListNestedAttribute{Optional: true, NestedObject: schema.NestedAttributeObject{
			Attributes: map[string]schema.Attribute{"key": schema.StringAttribute{Optional: true, WriteOnly: true}}}}), hooks, "items.key: write-only"},
		{"deprecated attribute", plainProvider{}, setAttr("old", schema.StringAttribute{Optional: true, DeprecationMessage: "gone"}), hooks, "old: deprecated"},
		{"custom type", plainProvider{}, setAttr("s", schema.StringAttribute{Optional: true, CustomType: types.StringType}), hooks, "s: custom type"},
		{"set nested", plainProvider{}, setAttr("set", schema.SetNestedAttribute{Optional: true}), hooks, "set: attribute kind"},
		{"computed in configurable", plainProvider{}, setAttr("items", schema.ListNestedAttribute{Optional: true, NestedObject: schema.NestedAttributeObject{
			Attributes: map[string]schema.Attribute{"id": schema.StringAttribute{Computed: true}}}}), hooks, "items.id: computed inside"},
		{"blocks", plainProvider{}, edit(func(s *schema.Schema) { s.Blocks = map[string]schema.Block{"b": schema.SingleNestedBlock{}} }), hooks, "blocks"},
		{"version", plainProvider{}, edit(func(s *schema.Schema) { s.Version = 1 }), hooks, "schema version 1"},
		{"deprecated resource", plainProvider{}, edit(func(s *schema.Schema) { s.DeprecationMessage = "gone" }), hooks, "deprecated"},
		{"upgrade state", plainProvider{}, upgradable{plainResource{servedSchema()}}, hooks, "method UpgradeState"},
		{"identity", plainProvider{}, identified{plainResource{servedSchema()}}, hooks, "method IdentitySchema"},
		{"config validators", plainProvider{}, validated{plainResource{servedSchema()}}, hooks, "ConfigValidators"},
		{"resource behavior", plainProvider{}, behaving{plainResource{servedSchema()}}, hooks, "ResourceBehavior"},
		{"meta schema", metaProvider{}, plainResource{servedSchema()}, hooks, "meta schema"},
		{"no plan hook", plainProvider{}, plainResource{servedSchema()}, Hooks{Validate: hooks.Validate}, "ModifyPlan and the plan hook"},
		{"no validate hook", plainProvider{}, plainResource{servedSchema()}, Hooks{Plan: hooks.Plan}, "ValidateConfig and the validate hook"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var sr resource.SchemaResponse
			c.resource.Schema(context.Background(), resource.SchemaRequest{}, &sr)
			got := strings.Join(Inspect(context.Background(), c.provider, c.resource, sr.Schema, c.hooks), "; ")
			if c.want == "" && got != "" || !strings.Contains(got, c.want) {
				t.Errorf("reasons %q, want one with %q", got, c.want)
			}
		})
	}
}
