package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
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
		MarkdownDescription: "Checks an S3 bucket policy for statements that allow a public principal (`*` or " +
			"`{\"AWS\": \"*\"}`) to read or write without a condition that restricts who (source VPC, VPC endpoint, IP, " +
			"organization or account)." + findingsDescription,
		Parameters: []function.Parameter{
			function.StringParameter{Name: "policy_json", MarkdownDescription: "The bucket policy as JSON."},
		},
		Return: findingsReturn,
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
