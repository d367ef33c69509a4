package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	pschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// stringValidators collects every string validator of a schema's
// attributes, nested ones included, by path.
func stringValidators(attrs map[string]any, at path.Path, out map[string][]validator.String) {
	for name, a := range attrs {
		p := at.AtName(name)
		switch t := a.(type) {
		case pschema.StringAttribute:
			out[p.String()] = t.Validators
		case rschema.StringAttribute:
			out[p.String()] = t.Validators
		case dschema.StringAttribute:
			out[p.String()] = t.Validators
		case rschema.ListNestedAttribute:
			stringValidators(anyMap(t.NestedObject.Attributes), p, out)
		case rschema.SingleNestedAttribute:
			stringValidators(anyMap(t.Attributes), p, out)
		case dschema.ListNestedAttribute:
			stringValidators(anyMap(t.NestedObject.Attributes), p, out)
		case dschema.SingleNestedAttribute:
			stringValidators(anyMap(t.Attributes), p, out)
		}
	}
}

func anyMap[T any](m map[string]T) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// allStringValidators is every string validator of the provider's, its
// resources' and its data sources' schemas, by attribute path.
func allStringValidators(ctx context.Context, p provider.Provider) map[string][]validator.String {
	all := map[string][]validator.String{}
	var ps provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &ps)
	stringValidators(anyMap(ps.Schema.Attributes), path.Root("provider"), all)
	for _, f := range p.Resources(ctx) {
		r := f()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "srm"}, &meta)
		var s resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &s)
		stringValidators(anyMap(s.Schema.Attributes), path.Root(meta.TypeName), all)
	}
	for _, f := range p.DataSources(ctx) {
		d := f()
		var meta datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "srm"}, &meta)
		var s datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &s)
		stringValidators(anyMap(s.Schema.Attributes), path.Root("data."+meta.TypeName), all)
	}
	return all
}

// longestSecretFragment is the longest run of secret found in text.
func longestSecretFragment(text, secret string) string {
	best := ""
	for i := range secret {
		for j := len(secret); j > i+len(best); j-- {
			if strings.Contains(text, secret[i:j]) {
				best = secret[i:j]
				break
			}
		}
	}
	return best
}

// An exception's texts are bounded: a megabyte justification would be
// carried into every waived finding and report.
func TestExceptionTextsAreBounded(t *testing.T) {
	ctx := context.Background()
	all := map[string][]validator.String{}
	stringValidators(anyMap(workloadSchemaOnce().Attributes), path.Root("srm_workload"), all)
	for field, limit := range map[string]int{"justification": maxJustificationLength, "approved_by": maxApproverLength} {
		vs := all["srm_workload.exceptions."+field]
		run := func(n int) int {
			var resp validator.StringResponse
			for _, v := range vs {
				v.ValidateString(ctx, validator.StringRequest{Path: path.Root(field), ConfigValue: types.StringValue(strings.Repeat("a", n))}, &resp)
			}
			return resp.Diagnostics.ErrorsCount()
		}
		if run(limit) != 0 || run(limit+1) == 0 || run(1<<20) == 0 {
			t.Errorf("%s: want %d characters accepted and more refused", field, limit)
		}
	}
}
