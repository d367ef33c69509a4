package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/shared-responsibility/terraform-provider-srm/internal/evidence"
	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/pipeline"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

var _ function.Function = (*resourceFindingsFunction)(nil)

type resourceFindingsFunction struct{}

// NewResourceFindingsFunction returns provider::srm::resource_findings.
func NewResourceFindingsFunction() function.Function { return &resourceFindingsFunction{} }

func (f *resourceFindingsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "resource_findings"
}

func (f *resourceFindingsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Findings on a real resource's planned values",
		MarkdownDescription: "Judges one resource of a mapped type (an `aws_db_instance`, an `azurerm_storage_account`, a " +
			"`google_compute_firewall`; the evidence coverage guide lists them and the attributes read) by the `standard` " +
			"baseline's rules, with the ownership of the type's service model. Any other resource type of hashicorp/aws, " +
			"azurerm, google or azuread gives an empty list (not judged), and so does a null object (`count = 0`); the " +
			"object must be one instance of the type (a `for_each` map or a wrapper is an error). Pass the resource itself, or `self` in a " +
			"`postcondition`. Returns a list of finding objects " + findingShapeNames(finding.ShapeResource) + ", empty when clean. A value the resource leaves " +
			"unset takes the provider's documented default. Unknown attributes never make the result unknown: only the " +
			"controls that need them are `deferred`, and they are judged again at apply; in a condition, count the " +
			"violations (`length([for f in provider::srm::resource_findings(\"aws_db_instance\", self) : f if f.status == " +
			"\"violated\"]) == 0`) so a deferred control never fails a plan. A resource whose whole value is unknown " +
			"gives an unknown result. Messages never quote a value " +
			"from the resource. When the object holds sensitive attributes (a password), Terraform marks the result " +
			"sensitive as a whole. An optional third argument names the baseline to judge by: a preset (`minimum`, " +
			"`standard`, `strict`) or a custom baseline's `spec` (`srm_baseline.platform.spec`), as a module's callers " +
			"are held to; it defaults to `standard`.",
		VariadicParameter: function.StringParameter{Name: "baseline",
			MarkdownDescription: "Optional, at most one: a preset baseline id or an `srm_baseline`'s `spec`."},
		Parameters: []function.Parameter{
			function.StringParameter{Name: "resource_type", MarkdownDescription: "The resource's type, e.g. `aws_db_instance`."},
			function.DynamicParameter{Name: "resource", AllowUnknownValues: true, AllowNullValue: true,
				MarkdownDescription: "The resource's object: `aws_db_instance.orders`, or `self` in a condition."},
		},
		Return: findingsReturn(finding.ShapeResource),
	}
}

func (f *resourceFindingsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var baselines []string
	typ, obj, engine, ferr := resourceArguments(ctx, req, &baselines)
	if ferr != nil {
		resp.Error = ferr
		return
	}
	opts, ferr := baselineOption(baselines, 2)
	if ferr != nil {
		resp.Error = ferr
		return
	}
	if policy.IsUnknown(obj) {
		// Nothing about the resource is known yet (a resource being created
		// whose whole value is computed): the result waits for apply, and
		// so does any condition on it.
		resp.Error = resp.Result.Set(ctx, types.ListUnknown(findingObjectType(finding.ShapeResource)))
		return
	}
	findings, err := pipeline.Resource(pipeline.Config{Evidence: engine}, typ, typ, obj, opts...)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(1, "resource: "+err.Error())
		return
	}
	setFindingsResult(ctx, resp, finding.ShapeResource, findings)
}

// resourceArguments reads (resource_type, resource) into the engine's
// generic tree, checking the type against the evidence tables.
// Extra targets receive the function's further arguments.
func resourceArguments(ctx context.Context, req function.RunRequest, extra ...any) (string, any, *evidence.Engine, *function.FuncError) {
	var typ string
	var obj types.Dynamic
	if ferr := req.Arguments.Get(ctx, append([]any{&typ, &obj}, extra...)...); ferr != nil {
		return "", nil, nil, ferr
	}
	engine, err := evidenceEngine()
	if err != nil {
		return "", nil, nil, function.NewFuncError(err.Error() + "; please report this issue to the provider developers")
	}
	if _, ok := engine.Resource(typ); !ok && !evidence.IsRealType(typ) {
		return "", nil, nil, function.NewArgumentFuncError(0, "resource_type: "+engine.UnsupportedTypeError(typ).Error())
	}
	raw, err := obj.ToTerraformValue(ctx)
	if err != nil {
		return "", nil, nil, function.NewArgumentFuncError(1, fmt.Sprintf("resource: %v", err))
	}
	if !obj.IsUnknown() && !obj.IsNull() {
		raw, err = obj.UnderlyingValue().ToTerraformValue(ctx)
		if err != nil {
			return "", nil, nil, function.NewArgumentFuncError(1, fmt.Sprintf("resource: %v", err))
		}
	}
	return typ, toGo(raw), engine, nil
}

// baselineOption reads the optional baseline argument at position: a preset
// id or a custom baseline's spec. A wrong value is described, never quoted.
func baselineOption(args []string, position int64) ([]pipeline.Option, *function.FuncError) {
	switch len(args) {
	case 0:
		return nil, nil
	case 1:
	default:
		return nil, function.NewArgumentFuncError(position, "baseline: give at most one baseline")
	}
	m := model.Default()
	if _, ok := m.Baseline(args[0]); ok {
		return []pipeline.Option{pipeline.WithBaseline(args[0])}, nil
	}
	custom, err := policy.ParseCustomBaseline(m, args[0])
	if err != nil {
		return nil, function.NewArgumentFuncError(position, fmt.Sprintf(
			"baseline: must be one of %s or an srm_baseline's spec, got %s", model.Quoted(m.BaselineIDs()), finding.Redact(args[0])))
	}
	return []pipeline.Option{pipeline.WithCustom(custom)}, nil
}
