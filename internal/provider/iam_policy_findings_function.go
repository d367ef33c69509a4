package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
)

var _ function.Function = (*iamPolicyFindingsFunction)(nil)

type iamPolicyFindingsFunction struct{}

// NewIAMPolicyFindingsFunction returns provider::srm::iam_policy_findings.
func NewIAMPolicyFindingsFunction() function.Function { return &iamPolicyFindingsFunction{} }

func (f *iamPolicyFindingsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "iam_policy_findings"
}

func (f *iamPolicyFindingsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Over-broad AWS IAM policies",
		MarkdownDescription: "Checks an AWS IAM policy or trust policy document for `Allow` of `*` or `service:*` on " +
			"resource `*`, `NotAction` or `NotResource` with `Allow`, `iam:PassRole` on `*`, known privilege-escalation " +
			"paths on `*` (each path is a set of actions; the paths come from the public catalogues), and trust " +
			"statements whose principal is `*` without a condition. `\"NotAction\": null` and `\"NotResource\": null`, " +
			"as `jsonencode` writes unset attributes, count as absent. An explicit `Deny` without a condition on the same " +
			"actions and resources cancels an `Allow` for the finding. Messages name statements by index, never by " +
			"`Sid`, and list at most a few actions." + findingsDescription + findingKindsMarkdown(detect.IAMFindingKinds()),
		Parameters: []function.Parameter{
			function.StringParameter{Name: "policy_json", MarkdownDescription: "The policy as JSON, from `jsonencode(...)`, `data.aws_iam_policy_document.NAME.json` or a heredoc."},
		},
		Return: findingsReturn(finding.ShapeDetector),
	}
}

func (f *iamPolicyFindingsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var policy string
	if resp.Error = req.Arguments.Get(ctx, &policy); resp.Error != nil {
		return
	}
	fs, err := detect.IAMPolicyFindings(policy)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, "policy_json: "+err.Error())
		return
	}
	setFindings(ctx, resp, fs)
}
