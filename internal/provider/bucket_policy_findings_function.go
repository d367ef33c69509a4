package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
)

var _ function.Function = (*bucketPolicyFindingsFunction)(nil)

type bucketPolicyFindingsFunction struct{}

// NewBucketPolicyFindingsFunction returns provider::srm::bucket_policy_findings.
func NewBucketPolicyFindingsFunction() function.Function { return &bucketPolicyFindingsFunction{} }

func (f *bucketPolicyFindingsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "bucket_policy_findings"
}

func (f *bucketPolicyFindingsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Public grants in an S3 bucket policy",
		MarkdownDescription: "Checks an S3 bucket policy for statements that allow a public principal (`*`, " +
			"`{\"AWS\": \"*\"}` or `NotPrincipal`) to read or write without a condition that restricts who may call. " +
			"Conditions restrict when every value names something specific on `aws:SourceVpce`, `aws:SourceVpc`, " +
			"`aws:VpceAccount`, `aws:PrincipalAccount`, `aws:SourceAccount`, `aws:PrincipalOrgID`, `aws:SourceOrgID`, " +
			"`aws:PrincipalOrgPaths`, `aws:SourceOrgPaths`, `aws:PrincipalArn`, `aws:SourceArn`, `aws:userid` or " +
			"`aws:SourceIp`; conditions that match everyone do not (`ArnLike` `aws:PrincipalArn` " +
			"`arn:aws:iam::*:root`, `StringLike` `*`, `IpAddress` `0.0.0.0/0`), nor do negated, `…IfExists` or `Null` " +
			"operators. An explicit `Deny` on the same actions and resources for everyone, or for everyone outside a " +
			"restricted set (`StringNotEquals` `aws:SourceVpce`, `NotPrincipal`), cancels the grant." +
			findingsDescription + findingKindsMarkdown(detect.BucketPolicyFindingKinds()),
		Parameters: []function.Parameter{
			function.StringParameter{Name: "policy_json", MarkdownDescription: "The bucket policy as JSON."},
		},
		Return: findingsReturn(finding.ShapeDetector),
	}
}

func (f *bucketPolicyFindingsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var policy string
	if resp.Error = req.Arguments.Get(ctx, &policy); resp.Error != nil {
		return
	}
	fs, err := detect.BucketPolicyFindings(policy)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, "policy_json: "+err.Error())
		return
	}
	setFindings(ctx, resp, fs)
}
