package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
)

var _ function.Function = (*secretFindingsFunction)(nil)

type secretFindingsFunction struct{}

// NewSecretFindingsFunction returns provider::srm::secret_findings.
func NewSecretFindingsFunction() function.Function { return &secretFindingsFunction{} }

func (f *secretFindingsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "secret_findings"
}

func (f *secretFindingsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Leaked credentials in text",
		MarkdownDescription: "Scans text (user data, environment variables, tags, any string) for AWS access keys, " +
			"GitHub, GitLab and Slack tokens, Google API keys, Stripe keys, private key PEM blocks, JSON web tokens, " +
			"`password=`-style assignments with literal values and high-entropy values under key-like names. A finding " +
			"names the kind and line and at most the first four characters, never the secret." + findingsDescription,
		Parameters: []function.Parameter{
			function.StringParameter{Name: "text", MarkdownDescription: "The text to scan."},
		},
		Return: findingsReturn,
	}
}

func (f *secretFindingsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var text string
	if resp.Error = req.Arguments.Get(ctx, &text); resp.Error != nil {
		return
	}
	setFindings(ctx, resp, detect.SecretFindings(text))
}
