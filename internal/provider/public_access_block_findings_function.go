package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
)

var _ function.Function = (*publicAccessBlockFindingsFunction)(nil)

type publicAccessBlockFindingsFunction struct{}

// NewPublicAccessBlockFindingsFunction returns
// provider::srm::public_access_block_findings.
func NewPublicAccessBlockFindingsFunction() function.Function {
	return &publicAccessBlockFindingsFunction{}
}

func (f *publicAccessBlockFindingsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "public_access_block_findings"
}

// publicAccessBlockKeys are the settings the function reads; the rest of
// the object may be unknown at plan without deferring the result.
var publicAccessBlockKeys = []string{"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"}

func (f *publicAccessBlockFindingsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "S3 Block Public Access settings that are off",
		MarkdownDescription: "Checks the four S3 Block Public Access settings (`block_public_acls`, `block_public_policy`, " +
			"`ignore_public_acls`, `restrict_public_buckets`) of an object such as a whole " +
			"`aws_s3_bucket_public_access_block` resource or an `aws_s3_account_public_access_block`; other attributes " +
			"are ignored. A setting that is absent or null counts as off, as the resource defaults each to `false`. " +
			"Other attributes (the bucket name, the id) may be unknown at plan; while one of the four settings is " +
			"unknown the result is unknown, so a `precondition` waits for apply instead of failing." +
			findingsDescription + findingKindsMarkdown(detect.PublicAccessBlockFindingKinds()),
		Parameters: []function.Parameter{
			rawDynamicParameter("settings", "An object with the four settings, e.g. `aws_s3_bucket_public_access_block.this` or `{ block_public_acls = true, ... }`.", true),
		},
		Return: findingsReturn(finding.ShapeDetector),
	}
}

func (f *publicAccessBlockFindingsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	raw, ferr := rawArgument(ctx, req, 0)
	if ferr != nil {
		resp.Error = ferr
		return
	}
	if !raw.IsKnown() {
		resp.Error = resp.Result.Set(ctx, types.ListUnknown(findingObjectType(finding.ShapeDetector)))
		return
	}
	var settings any
	switch raw.Type().(type) {
	case tftypes.Object, tftypes.Map:
		var attrs map[string]tftypes.Value
		if err := raw.As(&attrs); err != nil {
			resp.Error = function.NewArgumentFuncError(0, "settings: "+err.Error())
			return
		}
		m := make(map[string]any, len(publicAccessBlockKeys))
		for _, k := range publicAccessBlockKeys {
			v, ok := attrs[k]
			if !ok {
				continue
			}
			if !v.IsFullyKnown() {
				resp.Error = resp.Result.Set(ctx, types.ListUnknown(findingObjectType(finding.ShapeDetector)))
				return
			}
			g, err := goValue(v)
			if err != nil {
				resp.Error = function.NewArgumentFuncError(0, "settings: "+k+": "+err.Error())
				return
			}
			m[k] = g
		}
		settings = m
	default:
		g, err := goValue(raw)
		if err != nil {
			resp.Error = function.NewArgumentFuncError(0, "settings: "+err.Error())
			return
		}
		settings = g
	}
	fs, err := detect.PublicAccessBlockFindingsFromInput(settings)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, "settings: "+err.Error())
		return
	}
	setFindings(ctx, resp, fs)
}
