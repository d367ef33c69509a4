package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
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
			"every GitHub, GitLab and Slack token kind, Google API keys and OAuth client secrets, Stripe keys, private key " +
			"PEM blocks, JSON web tokens, passwords in connection URLs, literal values and passphrases assigned to " +
			"secret-like names, and high-entropy values under key-like names. Assignments are read in the syntaxes " +
			"configuration and code use: `key = \"v\"`, `key: v`, `KEY=v`, `\"key\": \"v\"`, `x := \"v\"`, " +
			"`var x string = \"v\"`, make's `?=`, `:=`, `::=`, `+=`, PHP's `.=`, call arguments such as " +
			"`System.setProperty(\"k\", \"v\")`, XML elements and `key`/`value` attributes, `name`/`value` pairs " +
			"(Kubernetes and ECS environment lists), `--password v` and `-p v` flags, and `Password=...;` connection " +
			"strings. Placeholders are not secrets, even in a token's exact shape: `xxxx…`, alphabet runs, AWS's " +
			"documented example keys, `…TokenHere`, `<...>`, `${...}`. A finding names the kind and line and at most " +
			"the first four characters, never the secret." + findingsDescription +
			findingKindsMarkdown(detect.SecretFindingKinds()),
		Parameters: []function.Parameter{
			function.StringParameter{Name: "text", MarkdownDescription: "The text to scan."},
		},
		Return: findingsReturn(finding.ShapeDetector),
	}
}

func (f *secretFindingsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var text string
	if resp.Error = req.Arguments.Get(ctx, &text); resp.Error != nil {
		return
	}
	setFindings(ctx, resp, detect.SecretFindings(text))
}
