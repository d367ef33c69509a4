package planserver

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// resourceMethods are the methods of a resource (terraform-plugin-framework
// v1.19's resource.Resource and its With* interfaces) this package knows
// what to do with. A method outside this list is a feature it does not
// implement: the resource then goes to the framework.
var resourceMethods = map[string]bool{
	"Metadata": true, "Schema": true, "Create": true, "Read": true, "Update": true, "Delete": true,
	// Configure: the hooks receive what the provider configured.
	"Configure": true,
	// Served by the hooks; Inspect requires the matching one.
	"ModifyPlan": true, "ValidateConfig": true,
	// Called by the framework only, in RPCs this package does not serve.
	"ImportState": true, "MoveState": true,
	// Allowed when it returns no validator (Inspect calls it).
	"ConfigValidators": true,
}

// Inspect returns why this package cannot serve the resource r, whose
// schema is sch, as the framework would, or nil when it can. It fails
// closed: every feature of terraform-plugin-framework v1.19 that changes
// ValidateResourceConfig or PlanResourceChange and that this package does
// not implement is a reason, and so is anything it does not recognise.
func Inspect(ctx context.Context, p provider.Provider, r resource.Resource, sch schema.Schema, h Hooks) []string {
	var reasons []string
	add := func(format string, args ...any) { reasons = append(reasons, fmt.Sprintf(format, args...)) }

	if _, ok := p.(provider.ProviderWithMetaSchema); ok {
		add("the provider has a meta schema; ModifyPlan would receive provider_meta")
	}
	var meta resource.MetadataResponse
	r.Metadata(ctx, resource.MetadataRequest{}, &meta)
	if meta.ResourceBehavior != (resource.ResourceBehavior{}) {
		add("the resource sets ResourceBehavior")
	}

	rt := reflect.TypeOf(r)
	for i := range rt.NumMethod() {
		if name := rt.Method(i).Name; !resourceMethods[name] {
			add("the resource has method %s (UpgradeState, identity and any interface this package does not know are the framework's)", name)
		}
	}
	if _, ok := r.(resource.ResourceWithModifyPlan); ok != (h.Plan != nil) {
		add("ModifyPlan and the plan hook must come together")
	}
	if _, ok := r.(resource.ResourceWithValidateConfig); ok != (h.Validate != nil) {
		add("ValidateConfig and the validate hook must come together")
	}
	if cv, ok := r.(resource.ResourceWithConfigValidators); ok && len(cv.ConfigValidators(ctx)) > 0 {
		add("the resource has ConfigValidators")
	}

	if sch.Version != 0 {
		add("schema version %d: state upgrades are the framework's", sch.Version)
	}
	if sch.DeprecationMessage != "" {
		add("the resource is deprecated")
	}
	if len(sch.Blocks) > 0 {
		add("the schema has blocks")
	}
	for _, name := range slices.Sorted(maps.Keys(sch.Attributes)) {
		inspectAttribute(name, sch.Attributes[name], true, false, add)
	}
	return reasons
}

// inspectAttribute adds a reason for each feature of attribute a at path at
// that the plan and validation of this package do not implement. top says
// a is a top-level attribute, configurable that a parent of a can be set in
// configuration.
func inspectAttribute(at string, a schema.Attribute, top, configurable bool, add func(string, ...any)) {
	switch a.(type) {
	case schema.StringAttribute, schema.BoolAttribute, schema.NumberAttribute, schema.Int64Attribute,
		schema.Int32Attribute, schema.Float64Attribute, schema.Float32Attribute, schema.ListAttribute,
		schema.SetAttribute, schema.MapAttribute, schema.ObjectAttribute, schema.DynamicAttribute,
		schema.ListNestedAttribute, schema.SingleNestedAttribute:
	default:
		// Set and map nested attributes would need the validation walk
		// to enter them.
		add("%s: attribute kind %T", at, a)
		return
	}
	// A top-level write-only attribute is implemented: validate refuses a
	// set one from a client that does not support write-only attributes,
	// and plan nulls it (writeOnly). Nested ones, and the combinations the
	// framework rejects as invalid definitions, are the framework's.
	if a.IsWriteOnly() && (!top || a.IsComputed() || a.IsRequired()) {
		add("%s: write-only, nested or not optional alone", at)
	}
	if a.GetDeprecationMessage() != "" {
		add("%s: deprecated (the framework warns)", at)
	}
	if !top && configurable && a.IsComputed() {
		add("%s: computed inside a configurable attribute (the plan marks unknowns at the top level only)", at)
	}
	v := reflect.ValueOf(a)
	if f := v.FieldByName("CustomType"); f.IsValid() && !f.IsNil() {
		add("%s: custom type", at)
	}
	_, isString := a.(schema.StringAttribute)
	features(at, v, add, func(method string) bool {
		return isString && (method == "StringValidators" || top && method == "StringDefaultValue")
	})
	var nested map[string]schema.Attribute
	switch n := a.(type) {
	case schema.ListNestedAttribute:
		if n.NestedObject.CustomType != nil {
			add("%s: nested object with a custom type", at)
		}
		features(at, reflect.ValueOf(n.NestedObject), add, func(string) bool { return false })
		nested = n.NestedObject.Attributes
	case schema.SingleNestedAttribute:
		nested = n.Attributes
	}
	configurable = configurable || a.IsOptional() || a.IsRequired()
	for _, name := range slices.Sorted(maps.Keys(nested)) {
		inspectAttribute(at+"."+name, nested[name], false, configurable, add)
	}
}

// features adds a reason for every validator list, plan modifier list and
// default that v declares, found by method name so that kinds added to the
// framework later are not missed, unless allowed says the method's result
// is one this package runs.
func features(at string, v reflect.Value, add func(string, ...any), allowed func(method string) bool) {
	t := v.Type()
	for i := range t.NumMethod() {
		m := t.Method(i)
		if m.Type.NumIn() != 1 || m.Type.NumOut() != 1 || allowed(m.Name) {
			continue
		}
		kind := ""
		switch {
		case strings.HasSuffix(m.Name, "PlanModifiers"):
			kind = "plan modifiers"
		case strings.HasSuffix(m.Name, "Validators"):
			kind = "validators"
		case strings.HasSuffix(m.Name, "DefaultValue"):
			kind = "a default"
		default:
			continue
		}
		out := v.Method(i).Call(nil)[0]
		if (out.Kind() == reflect.Slice && out.Len() > 0) || (out.Kind() == reflect.Interface && !out.IsNil()) {
			add("%s: %s (%s)", at, kind, m.Name)
		}
	}
}
