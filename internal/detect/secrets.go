package detect

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// secretKind identifies one kind of secret; kinds[k] describes it. The
// fixed kinds come first; one kind per token family follows.
type secretKind uint8

const (
	kindAWSSecret secretKind = iota
	kindSlackWebhook
	kindPrivateKey
	kindJWT
	kindURLPassword
	kindPassword
	kindEntropy
	kindTerraformToken
	kindAzureSecret
	firstFamilyKind
)

type kindInfo struct {
	id       string
	severity string
	label    string // names the kind in messages
	fix      string
	refs     []string
	rank     int // when spans overlap, the higher rank (more specific) wins
}

const (
	fixRotate     = "Revoke or rotate it now, remove it from the text and its history, and read it at run time from a secrets manager or a sensitive variable."
	fixAWSKey     = "Deactivate and rotate the access key in IAM, remove it from the text, and give the workload an IAM role or read the key from a secrets manager at run time."
	fixPassword   = "Move the value into a secrets manager or a sensitive variable (for example a random_password resource or a write-only attribute) and rotate it, since it is exposed."
	fixEntropy    = "If the value is a credential, rotate it and load it from a secrets manager or a sensitive variable instead of writing it in plain text."
	fixPrivateKey = "Replace the key pair, remove the private key from the text, and keep private keys in a secrets manager or key management service."
)

// Ranks: a provider token beats an AWS secret key or a connection-string
// password, which beat a password assignment, which beats high entropy.
const (
	rankEntropy = iota
	rankAssignment
	rankShaped
	rankToken
)

var authRefs = []string{refNISTIA5, refISOAuthInfo}

var fixedKinds = [...]kindInfo{
	kindAWSSecret:    {"secret.aws_secret_access_key", SeverityCritical, "AWS secret access key", fixAWSKey, authRefs, rankShaped},
	kindSlackWebhook: {"secret.slack_token", SeverityMedium, "Slack webhook URL", fixRotate, authRefs, rankToken},
	kindPrivateKey:   {"secret.private_key", SeverityCritical, "private key block", fixPrivateKey, authRefs, rankToken},
	kindJWT:          {"secret.jwt", SeverityMedium, "JSON web token", fixRotate, authRefs, rankToken},
	kindURLPassword:  {"secret.connection_string_password", SeverityHigh, "password in a connection URL", fixPassword, []string{refNISTIA5, refNISTIA51, refISOAuthInfo}, rankShaped},
	kindPassword:     {"secret.password_assignment", SeverityHigh, "literal password or secret assignment", fixPassword, []string{refNISTIA5, refNISTIA51, refISOAuthInfo}, rankAssignment},
	kindEntropy:      {"secret.high_entropy", SeverityMedium, "high-entropy value under a secret-like name", fixEntropy, authRefs, rankEntropy},
	// Shapes with the marker inside the token, from gitleaks' rules
	// hashicorp-tf-api-token and azure-ad-client-secret (commit b58d3f10).
	kindTerraformToken: {"secret.terraform_cloud_token", SeverityCritical, "HCP Terraform (Terraform Cloud/Enterprise) API token", fixRotate, authRefs, rankToken},
	kindAzureSecret:    {"secret.azure_client_secret", SeverityCritical, "Microsoft Entra ID (Azure AD) client secret", fixRotate, authRefs, rankToken},
}

// kinds is fixedKinds followed by one kind per token family.
var kinds = func() []kindInfo {
	out := append([]kindInfo(nil), fixedKinds[:]...)
	for _, f := range tokenFamilies {
		fix := fixRotate
		if f.id == "secret.aws_access_key_id" {
			fix = fixAWSKey
		}
		out = append(out, kindInfo{f.id, f.severity, f.label, fix, authRefs, rankToken})
	}
	if len(out) > 255 {
		panic("too many secret kinds")
	}
	return out
}()

// tokenFamily is one kind of credential a vendor issues with a fixed
// prefix. The body after the prefix is judged too: a body that is a
// placeholder (xxxx…, an alphabet run, "EXAMPLE", "…TokenHere", too few
// distinct characters or character classes) is not a secret.
type tokenFamily struct {
	prefix   string
	id       string
	severity string
	label    string
	body     func(byte) bool // the characters of the body
	cont     func(byte) bool // characters that may not touch the token
	minBody  int
	exact    bool // the body is exactly minBody long
	dots     bool // the body may contain '.' (routable GitLab tokens); trailing dots are punctuation
	mixed    bool // random bodies of 20+ characters hold upper and lower case
	digits   bool // real bodies carry numeric ids (Slack)
	source   string
}

func isAWSContinuation(c byte) bool { return isAlnum(c) || c == '+' || c == '/' }
func isSlackBody(c byte) bool       { return isAlnum(c) || c == '-' }
func isHex(c byte) bool             { return isDigit(c) || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F') }
func isHexDash(c byte) bool         { return isHex(c) || c == '-' }
func isLetter(c byte) bool          { return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') }
func isLowerAlnum(c byte) bool      { return ('a' <= c && c <= 'z') || isDigit(c) }
func isUpperAlnumDash(c byte) bool  { return isUpperAlnum(c) || c == '-' }
func isB64(c byte) bool             { return isAlnum(c) || c == '+' || c == '/' || c == '=' }
func isB64Cont(c byte) bool         { return isAlnum(c) || c == '+' || c == '/' }
func isB64Word(c byte) bool         { return isB64(c) || c == '_' }
func isB64URLPad(c byte) bool       { return isB64URL(c) || c == '=' }
func isPScaleBody(c byte) bool      { return isB64URLPad(c) || c == '.' }

// isBech32Upper is the upper-case bech32 alphabet of age keys.
func isBech32Upper(c byte) bool {
	return isUpperAlnum(c) && c != '1' && c != 'B' && c != 'I' && c != 'O'
}

// Vendor documentation for the token formats.
const (
	srcAWSIDs    = "AWS IAM User Guide, \"IAM identifiers\", unique ID prefixes (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids)"
	srcGitHub    = "GitHub Docs, \"About authentication to GitHub\", GitHub's token formats (https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats)"
	srcGitLab    = "GitLab Docs, \"GitLab token overview\", token prefixes (https://docs.gitlab.com/security/tokens/#token-prefixes)"
	srcGitLabRR  = "GitLab Docs, \"GitLab token overview\", runner registration tokens (deprecated), issued with the GR1348941 prefix (https://docs.gitlab.com/security/tokens/#runner-registration-tokens-deprecated)"
	srcSlack     = "Slack API docs, \"Token types\" (https://docs.slack.dev/authentication/tokens)"
	srcStripe    = "Stripe Docs, \"API keys\" (https://docs.stripe.com/keys)"
	srcStripeWH  = "Stripe Docs, \"Receive Stripe events in your webhook endpoint\", signing secrets (https://docs.stripe.com/webhooks#verify-events)"
	srcGoogleKey = "Google Cloud docs, \"Manage API keys\" (https://cloud.google.com/docs/authentication/api-keys)"
	srcGL        = "gitleaks/gitleaks config/gitleaks.toml, commit b58d3f10 (v8.30.0+27), rule "
	srcGoogleSec = "Google Cloud Help, \"Manage OAuth Clients\": client secrets, issued with the GOCSPX- prefix (https://support.google.com/cloud/answer/15549257)"
)

// tokenFamilies is the one table of prefixed tokens. Every family has true
// and false examples in the tests, derived from this table.
var tokenFamilies = []tokenFamily{
	{"AKIA", "secret.aws_access_key_id", SeverityHigh, "AWS access key id", isUpperAlnum, isAWSContinuation, 16, true, false, false, false, srcAWSIDs},
	{"ASIA", "secret.aws_access_key_id", SeverityHigh, "AWS temporary access key id", isUpperAlnum, isAWSContinuation, 16, true, false, false, false, srcAWSIDs},
	{"ABIA", "secret.aws_access_key_id", SeverityHigh, "AWS STS service bearer token id", isUpperAlnum, isAWSContinuation, 16, true, false, false, false, srcAWSIDs},
	{"ACCA", "secret.aws_access_key_id", SeverityHigh, "AWS context-specific credential id", isUpperAlnum, isAWSContinuation, 16, true, false, false, false, srcAWSIDs},

	{"ghp_", "secret.github_token", SeverityCritical, "GitHub personal access token (classic)", isAlnum, isWordByte, 36, false, false, true, false, srcGitHub},
	{"github_pat_", "secret.github_token", SeverityCritical, "GitHub fine-grained personal access token", isWordByte, isWordByte, 40, false, false, true, false, srcGitHub},
	{"gho_", "secret.github_token", SeverityCritical, "GitHub OAuth access token", isAlnum, isWordByte, 36, false, false, true, false, srcGitHub},
	{"ghu_", "secret.github_token", SeverityCritical, "GitHub user-to-server token", isAlnum, isWordByte, 36, false, false, true, false, srcGitHub},
	{"ghs_", "secret.github_token", SeverityCritical, "GitHub server-to-server (installation) token", isAlnum, isWordByte, 36, false, false, true, false, srcGitHub},
	{"ghr_", "secret.github_token", SeverityCritical, "GitHub refresh token", isAlnum, isWordByte, 36, false, false, true, false, srcGitHub},

	{"glpat-", "secret.gitlab_token", SeverityCritical, "GitLab personal, project, group or impersonation access token", isB64URL, isB64URL, 20, false, true, false, false, srcGitLab},
	{"gloas-", "secret.gitlab_token", SeverityCritical, "GitLab OAuth application secret", isB64URL, isB64URL, 20, false, true, false, false, srcGitLab},
	{"gldt-", "secret.gitlab_token", SeverityCritical, "GitLab deploy token", isB64URL, isB64URL, 20, false, true, false, false, srcGitLab},
	{"glrt-", "secret.gitlab_token", SeverityCritical, "GitLab runner authentication token", isB64URL, isB64URL, 20, false, true, false, false, srcGitLab},
	{"glrtr-", "secret.gitlab_token", SeverityCritical, "GitLab runner authentication token (registration workflow)", isB64URL, isB64URL, 20, false, true, false, false, srcGitLab},
	{"GR1348941", "secret.gitlab_token", SeverityCritical, "GitLab runner registration token", isB64URL, isB64URL, 20, false, false, false, false, srcGitLabRR},
	{"glcbt-", "secret.gitlab_token", SeverityCritical, "GitLab CI/CD job token", isB64URL, isB64URL, 20, false, true, false, false, srcGitLab},
	{"glptt-", "secret.gitlab_token", SeverityCritical, "GitLab pipeline trigger token", isB64URL, isB64URL, 20, false, true, false, false, srcGitLab},
	{"glft-", "secret.gitlab_token", SeverityCritical, "GitLab feed token", isB64URL, isB64URL, 20, false, true, false, false, srcGitLab},
	{"glimt-", "secret.gitlab_token", SeverityCritical, "GitLab incoming mail token", isB64URL, isB64URL, 20, false, true, false, false, srcGitLab},
	{"glagent-", "secret.gitlab_token", SeverityCritical, "GitLab agent for Kubernetes token", isB64URL, isB64URL, 20, false, true, false, false, srcGitLab},
	{"glwt-", "secret.gitlab_token", SeverityCritical, "GitLab workspace token", isB64URL, isB64URL, 20, false, true, false, false, srcGitLab},
	{"glsoat-", "secret.gitlab_token", SeverityCritical, "GitLab SCIM token", isB64URL, isB64URL, 20, false, true, false, false, srcGitLab},
	{"glffct-", "secret.gitlab_token", SeverityCritical, "GitLab feature flags client token", isB64URL, isB64URL, 20, false, true, false, false, srcGitLab},

	{"xoxb-", "secret.slack_token", SeverityHigh, "Slack bot token", isSlackBody, isB64URL, 10, false, false, false, true, srcSlack},
	{"xoxp-", "secret.slack_token", SeverityHigh, "Slack user token", isSlackBody, isB64URL, 10, false, false, false, true, srcSlack},
	{"xapp-", "secret.slack_token", SeverityHigh, "Slack app-level token", isSlackBody, isB64URL, 10, false, false, false, true, srcSlack},
	{"xoxe.xoxp-", "secret.slack_token", SeverityHigh, "Slack configuration access token", isSlackBody, isB64URL, 10, false, false, false, true, srcSlack},
	{"xoxe.xoxb-", "secret.slack_token", SeverityHigh, "Slack configuration access token", isSlackBody, isB64URL, 10, false, false, false, true, srcSlack},
	{"xoxe-", "secret.slack_token", SeverityHigh, "Slack configuration refresh token", isSlackBody, isB64URL, 10, false, false, false, true, srcSlack},
	{"xoxa-", "secret.slack_token", SeverityHigh, "Slack legacy workspace app token", isSlackBody, isB64URL, 10, false, false, false, true, srcSlack},
	{"xoxr-", "secret.slack_token", SeverityHigh, "Slack legacy refresh token", isSlackBody, isB64URL, 10, false, false, false, true, srcSlack},
	{"xoxo-", "secret.slack_token", SeverityHigh, "Slack legacy workspace token", isSlackBody, isB64URL, 10, false, false, false, true, srcSlack},
	{"xoxs-", "secret.slack_token", SeverityHigh, "Slack legacy session token", isSlackBody, isB64URL, 10, false, false, false, true, srcSlack},

	{"sk_live_", "secret.stripe_key", SeverityCritical, "Stripe live-mode secret key", isAlnum, isWordByte, 16, false, false, true, false, srcStripe},
	{"rk_live_", "secret.stripe_key", SeverityCritical, "Stripe live-mode restricted key", isAlnum, isWordByte, 16, false, false, true, false, srcStripe},
	{"sk_test_", "secret.stripe_key", SeverityLow, "Stripe test-mode secret key", isAlnum, isWordByte, 16, false, false, true, false, srcStripe},
	{"rk_test_", "secret.stripe_key", SeverityLow, "Stripe test-mode restricted key", isAlnum, isWordByte, 16, false, false, true, false, srcStripe},
	{"whsec_", "secret.stripe_key", SeverityHigh, "Stripe webhook signing secret", isAlnum, isWordByte, 24, false, false, true, false, srcStripeWH},

	{"AIza", "secret.google_api_key", SeverityHigh, "Google API key", isB64URL, isB64URL, 35, true, false, true, false, srcGoogleKey},
	{"GOCSPX-", "secret.google_oauth_client_secret", SeverityHigh, "Google OAuth client secret", isB64URL, isB64URL, 28, true, false, true, false, srcGoogleSec},

	// Formats in gitleaks' rules (the rule named in each source), written
	// here as prefix, body alphabet and length; the bodies are judged like
	// every other family's.
	// AWS
	{"A3T", "secret.aws_access_key_id", SeverityHigh, "AWS access key id (A3T prefix)", isUpperAlnum, isAWSContinuation, 17, true, false, false, false, srcGL + "aws-access-token"},
	{"ABSK", "secret.aws_bedrock_api_key", SeverityHigh, "Amazon Bedrock long-term API key", isB64, isB64Cont, 109, false, false, true, false, srcGL + "aws-amazon-bedrock-api-key-long-lived"},
	{"bedrock-api-key-", "secret.aws_bedrock_api_key", SeverityHigh, "Amazon Bedrock short-term API key", isB64, isB64Cont, 100, false, false, true, false, srcGL + "aws-amazon-bedrock-api-key-short-lived"},
	// AI and developer platforms
	{"sk-ant-api03-", "secret.anthropic_api_key", SeverityHigh, "Anthropic API key", isB64URL, isB64URL, 93, false, false, true, false, srcGL + "anthropic-api-key"},
	{"sk-ant-admin01-", "secret.anthropic_api_key", SeverityCritical, "Anthropic Admin API key", isB64URL, isB64URL, 93, false, false, true, false, srcGL + "anthropic-admin-api-key"},
	{"sk-proj-", "secret.openai_api_key", SeverityHigh, "OpenAI project API key", isB64URL, isB64URL, 120, false, false, true, false, srcGL + "openai-api-key"},
	{"sk-svcacct-", "secret.openai_api_key", SeverityHigh, "OpenAI service account API key", isB64URL, isB64URL, 120, false, false, true, false, srcGL + "openai-api-key"},
	{"sk-admin-", "secret.openai_api_key", SeverityCritical, "OpenAI admin API key", isB64URL, isB64URL, 120, false, false, true, false, srcGL + "openai-api-key"},
	{"pplx-", "secret.perplexity_api_key", SeverityHigh, "Perplexity API key", isAlnum, isB64URL, 48, true, false, true, false, srcGL + "perplexity-api-key"},
	{"hf_", "secret.huggingface_token", SeverityHigh, "Hugging Face access token", isLetter, isWordByte, 34, true, false, true, false, srcGL + "huggingface-access-token"},
	{"api_org_", "secret.huggingface_token", SeverityHigh, "Hugging Face organization API token", isLetter, isWordByte, 34, true, false, true, false, srcGL + "huggingface-organization-api-token"},
	// Secrets managers and infrastructure
	{"ops_eyJ", "secret.onepassword_token", SeverityCritical, "1Password service account token", isB64, isB64Cont, 250, false, false, true, false, srcGL + "1password-service-account-token"},
	{"A3-", "secret.onepassword_token", SeverityCritical, "1Password account secret key", isUpperAlnumDash, isB64URL, 36, false, false, false, false, srcGL + "1password-secret-key"},
	{"AGE-SECRET-KEY-1", "secret.age_secret_key", SeverityCritical, "age secret key", isBech32Upper, isAlnum, 58, true, false, false, false, srcGL + "age-secret-key"},
	{"hvs.", "secret.vault_token", SeverityCritical, "HashiCorp Vault service token", isB64URL, isB64URL, 90, false, false, true, false, srcGL + "vault-service-token"},
	{"hvb.", "secret.vault_token", SeverityCritical, "HashiCorp Vault batch token", isB64URL, isB64URL, 138, false, false, true, false, srcGL + "vault-batch-token"},
	{"dp.pt.", "secret.doppler_token", SeverityHigh, "Doppler personal token", isAlnum, isWordByte, 43, true, false, true, false, srcGL + "doppler-api-token"},
	{"pul-", "secret.pulumi_token", SeverityHigh, "Pulumi access token", isHex, isB64URL, 40, true, false, false, false, srcGL + "pulumi-api-token"},
	{"ico-", "secret.infracost_token", SeverityMedium, "Infracost API key", isAlnum, isB64URL, 32, true, false, false, false, srcGL + "infracost-api-token"},
	{"pnu_", "secret.prefect_api_key", SeverityHigh, "Prefect API key", isAlnum, isWordByte, 36, true, false, true, false, srcGL + "prefect-api-token"},
	{"sha256~", "secret.openshift_token", SeverityHigh, "OpenShift user token", isB64URL, isB64URL, 43, true, false, false, false, srcGL + "openshift-user-token"},
	{"pscale_tkn_", "secret.planetscale_token", SeverityHigh, "PlanetScale service token", isPScaleBody, isB64URL, 32, false, false, false, false, srcGL + "planetscale-api-token"},
	{"pscale_oauth_", "secret.planetscale_token", SeverityHigh, "PlanetScale OAuth token", isPScaleBody, isB64URL, 32, false, false, false, false, srcGL + "planetscale-oauth-token"},
	{"pscale_pw_", "secret.planetscale_token", SeverityHigh, "PlanetScale database password", isPScaleBody, isB64URL, 32, false, false, false, false, srcGL + "planetscale-password"},
	{"dnkey-", "secret.defined_networking_token", SeverityHigh, "Defined Networking API token", isB64URL, isB64URL, 79, true, false, false, false, srcGL + "defined-networking-api-token"},
	// Cloud platforms
	{"LTAI", "secret.alibaba_access_key_id", SeverityHigh, "Alibaba Cloud AccessKey ID", isAlnum, isAlnum, 20, true, false, false, false, srcGL + "alibaba-access-key-id"},
	{"dop_v1_", "secret.digitalocean_token", SeverityCritical, "DigitalOcean personal access token", isHex, isWordByte, 64, true, false, false, false, srcGL + "digitalocean-pat"},
	{"doo_v1_", "secret.digitalocean_token", SeverityCritical, "DigitalOcean OAuth access token", isHex, isWordByte, 64, true, false, false, false, srcGL + "digitalocean-access-token"},
	{"dor_v1_", "secret.digitalocean_token", SeverityCritical, "DigitalOcean OAuth refresh token", isHex, isWordByte, 64, true, false, false, false, srcGL + "digitalocean-refresh-token"},
	{"v1.0-", "secret.cloudflare_origin_ca_key", SeverityHigh, "Cloudflare Origin CA key", isHexDash, isB64URL, 171, true, false, false, false, srcGL + "cloudflare-origin-ca-key"},
	{"HRKU-AA", "secret.heroku_api_key", SeverityHigh, "Heroku API key", isB64URL, isB64URL, 58, true, false, false, false, srcGL + "heroku-api-key-v2"},
	{"fo1_", "secret.flyio_token", SeverityHigh, "Fly.io access token", isB64URL, isB64URL, 43, true, false, false, false, srcGL + "flyio-access-token"},
	{"fm1a_", "secret.flyio_token", SeverityHigh, "Fly.io macaroon token", isB64, isB64Cont, 100, false, false, true, false, srcGL + "flyio-access-token"},
	{"fm1r_", "secret.flyio_token", SeverityHigh, "Fly.io macaroon token", isB64, isB64Cont, 100, false, false, true, false, srcGL + "flyio-access-token"},
	{"fm2_", "secret.flyio_token", SeverityHigh, "Fly.io macaroon token", isB64, isB64Cont, 100, false, false, true, false, srcGL + "flyio-access-token"},
	{"tk-us-", "secret.scalingo_token", SeverityHigh, "Scalingo API token", isB64URL, isB64URL, 48, true, false, false, false, srcGL + "scalingo-api-token"},
	{"dapi", "secret.databricks_token", SeverityHigh, "Databricks personal access token", isHex, isAlnum, 32, true, false, false, false, srcGL + "databricks-api-token"},
	{"4b1d", "secret.clickhouse_api_key", SeverityHigh, "ClickHouse Cloud API secret key", isAlnum, isAlnum, 38, true, false, true, false, srcGL + "clickhouse-cloud-api-secret-key"},
	{"dt0c01.", "secret.dynatrace_token", SeverityHigh, "Dynatrace API token", isAlnum, isWordByte, 89, true, true, false, false, srcGL + "dynatrace-api-token"},
	{"NRAK-", "secret.newrelic_key", SeverityHigh, "New Relic user API key", isUpperAlnum, isB64URL, 27, true, false, false, false, srcGL + "new-relic-user-api-key"},
	{"NRII-", "secret.newrelic_key", SeverityHigh, "New Relic insert key", isB64URL, isB64URL, 32, true, false, false, false, srcGL + "new-relic-insert-key"},
	{"NRJS-", "secret.newrelic_key", SeverityLow, "New Relic browser API key", isHex, isB64URL, 19, true, false, false, false, srcGL + "new-relic-browser-api-token"},
	{"sntryu_", "secret.sentry_token", SeverityHigh, "Sentry user auth token", isHex, isWordByte, 64, true, false, false, false, srcGL + "sentry-user-token"},
	{"sntrys_", "secret.sentry_token", SeverityHigh, "Sentry organization auth token", isB64Word, isB64URL, 80, false, false, true, false, srcGL + "sentry-org-token"},
	{"pat.", "secret.harness_token", SeverityHigh, "Harness personal access token", isB64URL, isB64URL, 66, true, true, false, false, srcGL + "harness-api-key"},
	{"sat.", "secret.harness_token", SeverityHigh, "Harness service account token", isB64URL, isB64URL, 66, true, true, false, false, srcGL + "harness-api-key"},
	{"API-", "secret.octopus_deploy_api_key", SeverityHigh, "Octopus Deploy API key", isUpperAlnum, isB64URL, 26, true, false, false, false, srcGL + "octopus-deploy-api-key"},
	{"sgp_", "secret.sourcegraph_token", SeverityHigh, "Sourcegraph access token", isWordByte, isWordByte, 40, false, false, false, false, srcGL + "sourcegraph-access-token"},
	{"squ_", "secret.sonar_token", SeverityHigh, "SonarQube user token", isHex, isWordByte, 40, true, false, false, false, srcGL + "sonar-api-token"},
	{"sqp_", "secret.sonar_token", SeverityHigh, "SonarQube project analysis token", isHex, isWordByte, 40, true, false, false, false, srcGL + "sonar-api-token"},
	{"sqa_", "secret.sonar_token", SeverityHigh, "SonarQube global analysis token", isHex, isWordByte, 40, true, false, false, false, srcGL + "sonar-api-token"},
	{"glc_", "secret.grafana_token", SeverityHigh, "Grafana Cloud API token", isB64, isB64Cont, 32, false, false, true, false, srcGL + "grafana-cloud-api-token"},
	{"glsa_", "secret.grafana_token", SeverityHigh, "Grafana service account token", isWordByte, isWordByte, 41, true, false, false, false, srcGL + "grafana-service-account-token"},
	{"eyJrIjoi", "secret.grafana_token", SeverityHigh, "Grafana API key", isB64, isB64Cont, 70, false, false, true, false, srcGL + "grafana-api-key"},
	// Package registries and artefact stores
	{"npm_", "secret.npm_token", SeverityCritical, "npm access token", isAlnum, isWordByte, 36, true, false, true, false, srcGL + "npm-access-token"},
	{"pypi-AgEIcHlwaS5vcmc", "secret.pypi_token", SeverityCritical, "PyPI upload token", isB64URL, isB64URL, 50, false, false, true, false, srcGL + "pypi-upload-token"},
	{"rubygems_", "secret.rubygems_api_key", SeverityCritical, "RubyGems API key", isHex, isWordByte, 48, true, false, false, false, srcGL + "rubygems-api-token"},
	{"CLOJARS_", "secret.clojars_token", SeverityCritical, "Clojars deploy token", isAlnum, isWordByte, 60, true, false, false, false, srcGL + "clojars-api-token"},
	{"AKCp", "secret.artifactory_token", SeverityHigh, "JFrog Artifactory API key", isAlnum, isAlnum, 69, true, false, true, false, srcGL + "artifactory-api-key"},
	{"cmVmd", "secret.artifactory_token", SeverityHigh, "JFrog Artifactory reference token", isAlnum, isAlnum, 59, true, false, true, false, srcGL + "artifactory-reference-token"},
	// SaaS and payment APIs
	{"sk_prod_", "secret.stripe_key", SeverityCritical, "Stripe production secret key", isAlnum, isWordByte, 16, false, false, true, false, srcGL + "stripe-access-token"},
	{"rk_prod_", "secret.stripe_key", SeverityCritical, "Stripe production restricted key", isAlnum, isWordByte, 16, false, false, true, false, srcGL + "stripe-access-token"},
	{"ATATT3", "secret.atlassian_api_token", SeverityHigh, "Atlassian API token", isB64URLPad, isB64URL, 186, false, false, true, false, srcGL + "atlassian-api-token"},
	{"p8e-", "secret.adobe_client_secret", SeverityHigh, "Adobe client secret", isAlnum, isWordByte, 32, true, false, false, false, srcGL + "adobe-client-secret"},
	{"lin_api_", "secret.linear_api_key", SeverityHigh, "Linear API key", isAlnum, isWordByte, 40, true, false, true, false, srcGL + "linear-api-key"},
	{"ntn_", "secret.notion_token", SeverityHigh, "Notion integration token", isAlnum, isWordByte, 46, true, false, false, false, srcGL + "notion-api-token"},
	{"rdme_", "secret.readme_api_key", SeverityHigh, "ReadMe API key", isLowerAlnum, isWordByte, 70, true, false, false, false, srcGL + "readme-api-token"},
	{"fio-u-", "secret.frameio_token", SeverityHigh, "Frame.io API token", isB64URLPad, isB64URL, 64, true, false, false, false, srcGL + "frameio-api-token"},
	{"tfp_", "secret.typeform_token", SeverityHigh, "Typeform personal access token", isB64URLPad, isB64URL, 59, false, true, false, false, srcGL + "typeform-api-token"},
	{"PMAK-", "secret.postman_api_key", SeverityHigh, "Postman API key", isHexDash, isB64URL, 59, true, false, false, false, srcGL + "postman-api-token"},
	{"SG.", "secret.sendgrid_api_key", SeverityHigh, "SendGrid API key", isB64URL, isB64URL, 66, true, true, false, false, srcGL + "sendgrid-api-token"},
	{"xkeysib-", "secret.brevo_api_key", SeverityHigh, "Brevo (Sendinblue) API key", isB64URL, isB64URL, 81, true, false, false, false, srcGL + "sendinblue-api-token"},
	{"SK", "secret.twilio_api_key", SeverityMedium, "Twilio API key SID", isHex, isAlnum, 32, true, false, false, false, srcGL + "twilio-api-key"},
	{"shpat_", "secret.shopify_token", SeverityHigh, "Shopify access token", isHex, isWordByte, 32, true, false, false, false, srcGL + "shopify-access-token"},
	{"shpca_", "secret.shopify_token", SeverityHigh, "Shopify custom app access token", isHex, isWordByte, 32, true, false, false, false, srcGL + "shopify-custom-access-token"},
	{"shppa_", "secret.shopify_token", SeverityHigh, "Shopify private app access token", isHex, isWordByte, 32, true, false, false, false, srcGL + "shopify-private-app-access-token"},
	{"shpss_", "secret.shopify_token", SeverityHigh, "Shopify shared secret", isHex, isWordByte, 32, true, false, false, false, srcGL + "shopify-shared-secret"},
	{"shippo_live_", "secret.shippo_token", SeverityHigh, "Shippo live API token", isHex, isWordByte, 40, true, false, false, false, srcGL + "shippo-api-token"},
	{"shippo_test_", "secret.shippo_token", SeverityLow, "Shippo test API token", isHex, isWordByte, 40, true, false, false, false, srcGL + "shippo-api-token"},
	{"EZAK", "secret.easypost_token", SeverityHigh, "EasyPost production API key", isAlnum, isAlnum, 54, true, false, true, false, srcGL + "easypost-api-token"},
	{"EZTK", "secret.easypost_token", SeverityLow, "EasyPost test API key", isAlnum, isAlnum, 54, true, false, true, false, srcGL + "easypost-test-api-token"},
	{"duffel_live_", "secret.duffel_token", SeverityHigh, "Duffel live access token", isB64URLPad, isB64URL, 43, true, false, false, false, srcGL + "duffel-api-token"},
	{"duffel_test_", "secret.duffel_token", SeverityLow, "Duffel test access token", isB64URLPad, isB64URL, 43, true, false, false, false, srcGL + "duffel-api-token"},
	{"FLWSECK_TEST-", "secret.flutterwave_key", SeverityLow, "Flutterwave test-mode secret key", isB64URL, isB64URL, 12, false, false, false, false, srcGL + "flutterwave-secret-key"},
	{"sq0atp-", "secret.square_token", SeverityHigh, "Square access token", isB64URL, isB64URL, 22, false, false, false, false, srcGL + "square-access-token"},
	{"access-production-", "secret.plaid_token", SeverityHigh, "Plaid production access token", isHexDash, isB64URL, 36, true, false, false, false, srcGL + "plaid-api-token"},
	{"access-development-", "secret.plaid_token", SeverityMedium, "Plaid development access token", isHexDash, isB64URL, 36, true, false, false, false, srcGL + "plaid-api-token"},
	{"access-sandbox-", "secret.plaid_token", SeverityLow, "Plaid sandbox access token", isHexDash, isB64URL, 36, true, false, false, false, srcGL + "plaid-api-token"},
	{"EAAM", "secret.facebook_token", SeverityHigh, "Meta (Facebook) page access token", isAlnum, isAlnum, 100, false, false, true, false, srcGL + "facebook-page-access-token"},
	{"EAAC", "secret.facebook_token", SeverityHigh, "Meta (Facebook) access token", isAlnum, isAlnum, 100, false, false, true, false, srcGL + "facebook-page-access-token"},
	{"AQVN", "secret.yandex_api_key", SeverityHigh, "Yandex Cloud API key", isB64URL, isB64URL, 35, false, false, true, false, srcGL + "yandex-api-key"},
	{"s-s4t2ud-", "secret.intra42_client_secret", SeverityHigh, "42 Intra client secret", isHex, isB64URL, 64, true, false, false, false, srcGL + "intra42-client-secret"},
	{"s-s4t2af-", "secret.intra42_client_secret", SeverityHigh, "42 Intra client secret", isHex, isB64URL, 64, true, false, false, false, srcGL + "intra42-client-secret"},
	{"sm_aat_", "secret.settlemint_token", SeverityHigh, "SettleMint application access token", isAlnum, isWordByte, 16, true, false, false, false, srcGL + "settlemint-application-access-token"},
	{"sm_pat_", "secret.settlemint_token", SeverityHigh, "SettleMint personal access token", isAlnum, isWordByte, 16, true, false, false, false, srcGL + "settlemint-personal-access-token"},
	{"sm_sat_", "secret.settlemint_token", SeverityHigh, "SettleMint service access token", isAlnum, isWordByte, 16, true, false, false, false, srcGL + "settlemint-service-access-token"},
}

// anchorOf chooses where the scanner meets a prefix: at its last byte that
// is not a letter or digit ("ghp_", "ops_eyJ", "hvs."), looking back at the
// byte before; failing that, at its first upper-case letter after the
// start ("cmVmd", "eyJrIjoi"), likewise; otherwise at its first byte,
// looking ahead ("AKIA", "dapi"). Common lower-case letters then start no
// lookup.
func anchorOf(prefix string) (k int, atStart bool) {
	for j := len(prefix) - 1; j >= 1; j-- {
		if !isAlnum(prefix[j]) {
			return j, false
		}
	}
	if c := prefix[0]; 'a' <= c && c <= 'z' || isDigit(c) {
		for j := 1; j < len(prefix); j++ {
			if c := prefix[j]; 'A' <= c && c <= 'Z' {
				return j, false
			}
		}
	}
	return 0, true
}

// familyAnchors lists, for each byte, the families the scanner tries when
// it meets that byte (see anchorOf). Longer prefixes come first, so
// "xoxe.xoxp-" wins over "xoxp-".
//
// The index is keyed by the anchor byte and by its neighbour in the prefix
// (the byte before a look-back anchor, after a first-byte one), so a '-' in
// a date or a '_' in an identifier tries at most a family or two.
var familyAnchors = func() (t [256]*[256][]anchor) {
	for i, f := range tokenFamilies {
		k, atStart := anchorOf(f.prefix)
		a := anchor{family: uint8(i), back: uint8(k), first: f.prefix[0]}
		c, neighbour := f.prefix[k], f.prefix[max(k-1, 0)]
		if atStart {
			neighbour = f.prefix[1]
		}
		if t[c] == nil {
			t[c] = new([256][]anchor)
		}
		t[c][neighbour] = append(t[c][neighbour], a)
	}
	for _, byNeighbour := range t {
		if byNeighbour == nil {
			continue
		}
		for _, list := range byNeighbour {
			slices.SortStableFunc(list, func(a, b anchor) int {
				return len(tokenFamilies[b.family].prefix) - len(tokenFamilies[a.family].prefix)
			})
		}
	}
	return t
}()

// anchor is a family tried at a trigger byte: the prefix starts back bytes
// before it, with byte first.
type anchor struct {
	family uint8
	back   uint8
	first  byte
}

// anchorsAt returns the families to try at text[i]: those anchored at
// their last byte whose byte before matches text[i-1], and those anchored
// at their first byte whose next byte matches text[i+1]. An anchor byte is
// used in one of the two ways only, which the index build checks.
func anchorsAt(text string, i int) []anchor {
	byNeighbour := familyAnchors[text[i]]
	switch {
	case byNeighbour == nil:
		return nil
	case anchorAtStart[text[i]]:
		if i+1 < len(text) {
			return byNeighbour[text[i+1]]
		}
		return nil
	case i > 0:
		return byNeighbour[text[i-1]]
	}
	return nil
}

// anchorAtStart marks the anchor bytes of prefixes anchored at their first
// byte.
var anchorAtStart = func() (t [256]bool) {
	var atEnd [256]bool
	for _, f := range tokenFamilies {
		if k, atStart := anchorOf(f.prefix); atStart {
			t[f.prefix[0]] = true
		} else {
			atEnd[f.prefix[k]] = true
		}
	}
	for c := range t {
		if t[c] && atEnd[c] {
			panic("token family anchor byte used both ways: " + string(rune(c)))
		}
	}
	return t
}()

// startPairs holds the first two bytes of every prefix anchored at its
// first byte, so the scan passes over common letters with one lookup.
var startPairs = func() (t bytePairs) {
	for _, f := range tokenFamilies {
		if _, atStart := anchorOf(f.prefix); atStart {
			t[f.prefix[0]][f.prefix[1]>>6] |= 1 << (f.prefix[1] & 63)
		}
	}
	return t
}()

type bytePairs [256][4]uint64

func (t *bytePairs) has(a, b byte) bool { return t[a][b>>6]&(1<<(b&63)) != 0 }

// secretMatch is a detected secret: text[start:end] is the secret itself.
type secretMatch struct {
	start, end int
	kind       secretKind
}

// Limits that keep every scan linear: no token, key or value is read
// further than these bounds.
const (
	maxTokenLen = 255
	maxKeyLen   = 64
	maxValueLen = 4096
	maxJWTPart  = 8192
	pemWindow   = 64 << 10
	maxUserInfo = 256
)

// Trigger bytes and what the scanner does at them. They are chosen to be
// rare in prose: token prefixes are recognised at their anchor byte, JWTs
// at the 'J' of "eyJ", assignments at '=' and ':', XML elements at '>',
// call arguments at ',', connection URLs at '@'.
const (
	trigNone uint8 = iota
	trigToken
	trigJWT
	trigAssign
	trigDot
	trigXML
	trigCall
	trigAt
)

var trigger = func() (t [256]uint8) {
	for c, fams := range familyAnchors {
		if fams != nil {
			t[c] = trigToken
		}
	}
	t['-'] = trigToken // also PEM headers and --flags
	t['J'] = trigJWT
	t['='], t[':'] = trigAssign, trigAssign
	t['.'] = trigDot
	t['>'] = trigXML
	t[','] = trigCall
	t['@'] = trigAt
	return t
}()

// SecretFindings scans text (user_data, environment values, tags, any
// string) for credentials. It reports one finding per secret occurrence;
// when several detectors match overlapping text, only the most specific is
// reported (provider token > AWS secret key or connection-string password
// > password assignment > high entropy). Findings are ordered by position,
// with Line set and Index -1, at most MaxFindings of them. A finding never
// contains more than the first four characters of the secret.
//
// Decisions: Stripe test-mode keys (sk_test_, rk_test_) are reported with
// low severity, since they cannot move money but still open the account's
// test data; publishable keys (pk_) are public and ignored. AWS's documented
// example keys (containing "EXAMPLE") and token-shaped placeholders are
// ignored. Placeholder values ("changeme", "<password>", "${var.x}", "$VAR",
// "********", env var names) and references (var.x,
// random_password.db.result, function calls) are not literals. Values
// longer than 4096 bytes are not assessed.
func SecretFindings(text string) []Finding {
	matches := scanSecrets(text)
	if len(matches) == 0 {
		return nil
	}
	c := newCollector("secret")
	line, pos := 1, 0
	for _, m := range matches {
		if !c.room() {
			if c.more == 0 {
				line += strings.Count(text[pos:m.start], "\n")
			}
			c.omit(kinds[m.kind].severity, -1, line)
			continue
		}
		line += strings.Count(text[pos:m.start], "\n")
		pos = m.start
		c.add(secretFinding(text[m.start:m.end], m.kind, line))
	}
	return c.result()
}

func secretFinding(secret string, k secretKind, line int) Finding {
	info := kinds[k]
	return Finding{
		ID:          info.id,
		Severity:    info.severity,
		Message:     fmt.Sprintf("%s on line %d (%s…)", info.label, line, secretHint(secret)),
		Remediation: info.fix,
		References:  refs(info.refs...),
		Index:       -1,
		Line:        line,
	}
}

// secretHint returns at most the first four characters of the secret, and
// fewer for short secrets (a quarter of its length), so a hint never gives
// away a meaningful part of it. Only printable ASCII is shown.
func secretHint(secret string) string {
	n := min(hintLen, utf8.RuneCountInString(secret)/4)
	i := 0
	for i < n && i < len(secret) && secret[i] > ' ' && secret[i] < 0x7f {
		i++
	}
	return secret[:i]
}

// SecretFindingKinds lists the finding ids SecretFindings can return, with
// the kinds of secret behind each.
func SecretFindingKinds() []FindingKind {
	var out []FindingKind
	at := map[string]int{}
	labels := map[string][]string{}
	// Token families first, then the kinds judged by shape or context.
	order := make([]int, 0, len(kinds))
	for i := int(firstFamilyKind); i < len(kinds); i++ {
		order = append(order, i)
	}
	for i := range int(firstFamilyKind) {
		order = append(order, i)
	}
	for _, i := range order {
		k := kinds[i]
		label := k.label
		if i >= int(firstFamilyKind) {
			label += " (`" + tokenFamilies[i-int(firstFamilyKind)].prefix + "`)"
		}
		j, ok := at[k.id]
		if !ok {
			j = len(out)
			at[k.id] = j
			out = append(out, FindingKind{ID: k.id})
		}
		if !slices.Contains(out[j].Severities, k.severity) {
			out[j].Severities = append(out[j].Severities, k.severity)
		}
		if !slices.Contains(labels[k.id], label) {
			labels[k.id] = append(labels[k.id], label)
		}
	}
	for i := range out {
		slices.SortFunc(out[i].Severities, func(a, b string) int { return severityRank(a) - severityRank(b) })
		out[i].Meaning = "Found: " + strings.Join(labels[out[i].ID], "; ") + "."
	}
	return append(out, moreFindingsKind("secret"))
}

// scanner carries the text and forward-only caches that keep the scan
// linear on hostile input (for example "token=token=token=…" or many PEM
// headers): the next value delimiter, the next "-----" run, and the value
// span most recently assessed, inside which no further assignment starts.
type scanner struct {
	text      string
	stopFrom  int // no value delimiter lies in text[stopFrom:stopAt]
	stopAt    int
	dashFrom  int // no "-----" starts in text[dashFrom:dashAt]
	dashAt    int
	valueFrom int // text[valueFrom:valueTo] was read as a value
	valueTo   int
}

func scanSecrets(text string) []secretMatch {
	s := &scanner{text: text, stopFrom: -1, dashFrom: -1}
	var cands []secretMatch
	for i := 0; i < len(text); i++ {
		t := trigger[text[i]]
		if t == trigNone {
			continue
		}
		if t == trigToken && anchorAtStart[text[i]] && (i+1 == len(text) || !startPairs.has(text[i], text[i+1])) {
			continue // a letter that starts no prefix with the next byte
		}
		var m secretMatch
		var ok bool
		switch t {
		case trigToken:
			m, ok = s.matchAtToken(i)
		case trigJWT:
			if m, ok = matchJWT(text, i); !ok {
				m, ok = s.matchAtToken(i) // "eyJrIjoi" (Grafana)
			}
		case trigDot:
			if m, ok = matchSlackWebhook(text, i); !ok {
				if m, ok = matchTerraformToken(text, i); !ok {
					m, ok = s.matchAtToken(i) // prefixes ending in '.' ("hvs.", "SG.")
				}
			}
		case trigAssign:
			if i >= s.valueFrom && i < s.valueTo {
				continue
			}
			m, ok = s.matchAssignment(i)
		case trigXML:
			m, ok = s.matchXMLElement(i)
		case trigCall:
			m, ok = s.matchCallPair(i)
		case trigAt:
			m, ok = matchURLPassword(text, i)
		}
		if !ok {
			continue
		}
		cands = append(cands, m)
		if kinds[m.kind].rank == rankToken && m.end > i {
			// Nothing else starts inside a token; assignments are not
			// skipped because their value may hold a more specific token.
			i = m.end - 1
		}
	}
	return resolveOverlaps(cands)
}

// resolveOverlaps keeps, among overlapping matches, the most specific one
// (highest rank, then earliest, then longest) and returns the survivors in
// text order. It works rank by rank, each pass one merge over sorted
// lists, so it stays linear whatever the input.
func resolveOverlaps(cands []secretMatch) []secretMatch {
	if len(cands) < 2 {
		return cands
	}
	slices.SortStableFunc(cands, func(a, b secretMatch) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	var kept []secretMatch // sorted by start, non-overlapping
	for rank := rankToken; rank >= rankEntropy; rank-- {
		var level []secretMatch
		h, lastEnd := 0, -1
		for _, c := range cands {
			if kinds[c.kind].rank != rank || c.start < lastEnd {
				continue
			}
			for h < len(kept) && kept[h].end <= c.start {
				h++
			}
			if h < len(kept) && kept[h].start < c.end {
				continue // overlaps a more specific match
			}
			level = append(level, c)
			lastEnd = c.end
		}
		if len(level) > 0 {
			kept = mergeByStart(kept, level)
		}
	}
	return kept
}

func mergeByStart(a, b []secretMatch) []secretMatch {
	out := make([]secretMatch, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i].start <= b[j].start {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// ---- character classes ----

func isUpperAlnum(c byte) bool { return ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9') }
func isWordByte(c byte) bool   { return isAlnum(c) || c == '_' }
func isB64URL(c byte) bool     { return isAlnum(c) || c == '_' || c == '-' }
func isDigit(c byte) bool      { return '0' <= c && c <= '9' }

// span returns the end of the run of bytes satisfying ok starting at i,
// reading at most limit+1 bytes so callers can tell an over-long run.
func span(text string, i, limit int, ok func(byte) bool) int {
	j := i
	for j < len(text) && j-i <= limit && ok(text[j]) {
		j++
	}
	return j
}

// boundaryBefore reports whether position i starts a token, i.e. the byte
// before it is not one that the token could continue.
func boundaryBefore(text string, i int, cont func(byte) bool) bool {
	return i == 0 || !cont(text[i-1])
}

func boundaryAfter(text string, j int, cont func(byte) bool) bool {
	return j >= len(text) || !cont(text[j])
}

// ---- prefix-anchored tokens ----

// matchAtToken tries the token families anchored at text[i], then, at a
// '-', PEM private key headers and command-line flags.
func (s *scanner) matchAtToken(i int) (secretMatch, bool) {
	text := s.text
	for _, a := range anchorsAt(text, i) {
		start := i - int(a.back)
		if start < 0 || text[start] != a.first {
			continue
		}
		f := &tokenFamilies[a.family]
		if !strings.HasPrefix(text[start:], f.prefix) {
			continue
		}
		if m, ok := matchFamily(text, start, f, firstFamilyKind+secretKind(a.family)); ok {
			return m, true
		}
		return secretMatch{}, false // the longest prefix that is present decides
	}
	if text[i] == '~' {
		return matchAzureSecret(text, i)
	}
	if text[i] == '-' {
		if strings.HasPrefix(text[i:], "-----BEGIN ") {
			return s.matchPrivateKey(i)
		}
		return s.matchFlag(i)
	}
	return secretMatch{}, false
}

// matchFamily checks the body after a family's prefix at start.
func matchFamily(text string, start int, f *tokenFamily, k secretKind) (secretMatch, bool) {
	if !boundaryBefore(text, start, f.cont) {
		return secretMatch{}, false
	}
	body := start + len(f.prefix)
	limit := maxTokenLen
	if f.exact {
		limit = f.minBody
	}
	end := body
	for end < len(text) && end-body <= limit && (f.body(text[end]) || f.dots && text[end] == '.') {
		end++
	}
	if f.dots {
		for end > body && text[end-1] == '.' {
			end--
		}
	}
	n := end - body
	if n < f.minBody || n > limit || (f.exact && n != f.minBody) || !boundaryAfter(text, end, f.cont) {
		return secretMatch{}, false
	}
	b := text[body:end]
	if f.digits && !strings.ContainsAny(b, "0123456789") {
		return secretMatch{}, false // "xoxb-your-token-here": real Slack tokens carry numeric ids
	}
	if placeholderBody(b, f.mixed) {
		return secretMatch{}, false
	}
	return secretMatch{start, end, k}, true
}

// placeholderBodyWords are words of five or more letters that mark a token
// body as a placeholder ("AKIAIOSFODNN7EXAMPLE", "ghp_YourAccessTokenHere…").
// A random body holds one by chance far less than once in a million.
var placeholderBodyWords = newFoldSet("example", "sample", "dummy", "placeholder", "redacted", "token", "secret",
	"password", "changeme", "replace", "insert", "xxxxx", "yourkey", "fakekey")

// foldSet finds any of a few lower-case words in a string, ignoring ASCII
// case, in one pass and without allocating.
type foldSet struct{ byFirst [256][]string }

func newFoldSet(words ...string) *foldSet {
	fs := &foldSet{}
	for _, w := range words {
		fs.byFirst[w[0]] = append(fs.byFirst[w[0]], w)
	}
	return fs
}

func (fs *foldSet) in(s string) bool {
	for i := 0; i < len(s); i++ {
	next:
		for _, w := range fs.byFirst[lower(s[i])] {
			if len(s)-i < len(w) {
				continue
			}
			for j := 1; j < len(w); j++ {
				if lower(s[i+j]) != w[j] {
					continue next
				}
			}
			return true
		}
	}
	return false
}

// placeholderBody reports token bodies that stand for a token rather than
// being one: too few distinct characters ("xxxx…", "0000…"), a run of
// consecutive characters ("abcdefghijklmnopqrstuvwxyz1234567"), a
// placeholder word, low entropy, a single character class, or, for vendors
// whose bodies are random mixed-case, no upper or no lower case letter.
func placeholderBody(b string, mixed bool) bool {
	if distinctBytes(b, 4) < 4 {
		return true
	}
	steps := 0
	for i := 1; i < len(b); i++ {
		if d := int(b[i]) - int(b[i-1]); d == 1 || d == -1 {
			steps++
		}
	}
	if steps*2 >= len(b) {
		return true
	}
	if placeholderBodyWords.in(b) {
		return true
	}
	if len(b) >= 16 && shannon(b) < 3.0 {
		return true
	}
	up, lo, dg, _ := classCounts(b)
	classes := btoi(up > 0) + btoi(lo > 0) + btoi(dg > 0)
	if len(b) >= 12 && classes < 2 {
		return true
	}
	return mixed && len(b) >= 20 && (up == 0 || lo == 0)
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func classCounts(v string) (up, lo, dg, sym int) {
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case 'A' <= c && c <= 'Z':
			up++
		case 'a' <= c && c <= 'z':
			lo++
		case isDigit(c):
			dg++
		default:
			sym++
		}
	}
	return
}

// matchSlackWebhook anchors on the '.' of "hooks.slack.com/".
func matchSlackWebhook(text string, i int) (secretMatch, bool) {
	if i < 5 || text[i-5:i] != "hooks" || !strings.HasPrefix(text[i:], ".slack.com/") {
		return secretMatch{}, false
	}
	start := i - 5
	if !boundaryBefore(text, start, func(c byte) bool { return isAlnum(c) || c == '.' || c == '-' }) {
		return secretMatch{}, false
	}
	p := i + len(".slack.com/")
	var minSlashes int
	switch rest := text[p:]; {
	case strings.HasPrefix(rest, "services/"):
		p, minSlashes = p+len("services/"), 2
	case strings.HasPrefix(rest, "workflows/"):
		p, minSlashes = p+len("workflows/"), 1
	case strings.HasPrefix(rest, "triggers/"):
		p, minSlashes = p+len("triggers/"), 1
	default:
		return secretMatch{}, false
	}
	end := span(text, p, maxTokenLen, func(c byte) bool { return isB64URL(c) || c == '/' })
	if end-p < 20 || end-p > maxTokenLen || strings.Count(text[p:end], "/") < minSlashes {
		return secretMatch{}, false
	}
	last := text[p:end]
	last = last[strings.LastIndexByte(last, '/')+1:]
	if placeholderBody(last, false) {
		return secretMatch{}, false
	}
	for _, scheme := range []string{"https://", "http://"} {
		if strings.HasSuffix(text[:start], scheme) {
			start -= len(scheme)
			break
		}
	}
	return secretMatch{start, end, kindSlackWebhook}, true
}

// matchTerraformToken anchors on the first '.' of an HCP Terraform API
// token: 14 letters or digits, ".atlasv1.", then 60 to 70 base64url
// characters (with '=').
func matchTerraformToken(text string, i int) (secretMatch, bool) {
	const marker = ".atlasv1."
	start := i - 14
	if start < 0 || !strings.HasPrefix(text[i:], marker) || span(text, start, 14, isAlnum) != i || !boundaryBefore(text, start, isB64URL) {
		return secretMatch{}, false
	}
	body := i + len(marker)
	end := span(text, body, 70, isB64URLPad)
	if n := end - body; n < 60 || n > 70 || !boundaryAfter(text, end, isB64URLPad) {
		return secretMatch{}, false
	}
	if placeholderBody(text[start:i], false) || placeholderBody(text[body:end], true) {
		return secretMatch{}, false
	}
	return secretMatch{start, end, kindTerraformToken}, true
}

// isAzureSecretByte is the alphabet of Entra ID client secrets.
func isAzureSecretByte(c byte) bool { return isB64URL(c) || c == '~' || c == '.' }

// matchAzureSecret anchors on the '~' of an Entra ID client secret: three
// characters, a digit and "Q~" start it, 31 to 34 characters follow.
func matchAzureSecret(text string, i int) (secretMatch, bool) {
	start := i - 5
	if start < 0 || text[i-1] != 'Q' || !isDigit(text[i-2]) || !boundaryBefore(text, start, isAzureSecretByte) {
		return secretMatch{}, false
	}
	for j := start; j < i-2; j++ {
		if c := text[j]; !isAlnum(c) && c != '_' && c != '~' && c != '.' {
			return secretMatch{}, false
		}
	}
	end := span(text, i+1, 34, isAzureSecretByte)
	for end > i+1 && text[end-1] == '.' {
		end-- // a full stop after the secret
	}
	if n := end - i - 1; n < 31 || n > 34 || !boundaryAfter(text, end, isB64URL) {
		return secretMatch{}, false
	}
	if placeholderBody(text[i+1:end], true) {
		return secretMatch{}, false
	}
	return secretMatch{start, end, kindAzureSecret}, true
}

// matchPrivateKey accepts "-----BEGIN <label>PRIVATE KEY[ BLOCK]-----"
// followed by at least a few lines' worth of base64 body before the next
// "-----", so that documentation mentioning the header alone does not count.
func (s *scanner) matchPrivateKey(i int) (secretMatch, bool) {
	text := s.text
	labelStart := i + len("-----BEGIN ")
	labelEnd := span(text, labelStart, 64, func(c byte) bool { return isUpperAlnum(c) || c == ' ' })
	label := text[labelStart:labelEnd]
	if !strings.HasPrefix(text[labelEnd:], "-----") ||
		!strings.HasSuffix(label, "PRIVATE KEY") && !strings.HasSuffix(label, "PRIVATE KEY BLOCK") {
		return secretMatch{}, false
	}
	bodyStart := labelEnd + 5
	next := s.nextDashes(bodyStart)
	body := text[bodyStart:min(next, bodyStart+pemWindow)]
	n := 0
	for j := 0; j < len(body) && n < 40; j++ {
		if c := body[j]; isAlnum(c) || c == '+' || c == '/' {
			n++
		}
	}
	if n < 40 {
		return secretMatch{}, false
	}
	end := bodyStart
	if next-bodyStart <= pemWindow && strings.HasPrefix(text[next:], "-----END") {
		end = span(text, next+len("-----END"), 64, func(c byte) bool { return isUpperAlnum(c) || c == ' ' || c == '-' })
	}
	return secretMatch{i, end, kindPrivateKey}, true
}

// nextDashes returns the start of the next "-----" at or after p, or
// len(text). Calls come with increasing p, so the cached answer is reused
// until p passes it and the text is searched once overall.
func (s *scanner) nextDashes(p int) int {
	if s.dashFrom < 0 || p < s.dashFrom || p > s.dashAt {
		s.dashFrom = p
		if k := strings.Index(s.text[p:], "-----"); k >= 0 {
			s.dashAt = p + k
		} else {
			s.dashAt = len(s.text)
		}
	}
	return s.dashAt
}

// nextStop returns the position of the next unquoted-value delimiter at or
// after p, or len(text), caching it like nextDashes.
func (s *scanner) nextStop(p int) int {
	if s.stopFrom < 0 || p < s.stopFrom || p > s.stopAt {
		s.stopFrom = p
		q := p
		for q < len(s.text) && !isValueStop(s.text[q]) {
			q++
		}
		s.stopAt = q
	}
	return s.stopAt
}

// matchJWT anchors on the 'J' of "eyJ" (base64url of `{"`) and requires
// three base64url parts whose first decodes to a JSON object with "alg".
func matchJWT(text string, i int) (secretMatch, bool) {
	start := i - 2
	if start < 0 || text[start] != 'e' || text[start+1] != 'y' || !boundaryBefore(text, start, isB64URL) {
		return secretMatch{}, false
	}
	hEnd := span(text, start, maxJWTPart, isB64URL)
	if hEnd-start < 10 || hEnd-start > maxJWTPart || hEnd >= len(text) || text[hEnd] != '.' {
		return secretMatch{}, false
	}
	pEnd := span(text, hEnd+1, maxJWTPart, isB64URL)
	if pEnd-hEnd-1 < 2 || pEnd-hEnd-1 > maxJWTPart || pEnd >= len(text) || text[pEnd] != '.' {
		return secretMatch{}, false
	}
	sEnd := span(text, pEnd+1, maxJWTPart, isB64URL)
	if sEnd-pEnd-1 < 2 || sEnd-pEnd-1 > maxJWTPart || !boundaryAfter(text, sEnd, func(c byte) bool { return isB64URL(c) || c == '.' }) {
		return secretMatch{}, false
	}
	if !jwtHeaderHasAlg(text[start:hEnd]) {
		return secretMatch{}, false
	}
	return secretMatch{start, sEnd, kindJWT}, true
}

func jwtHeaderHasAlg(h string) bool {
	raw, err := base64.RawURLEncoding.DecodeString(h)
	if err != nil {
		return false
	}
	var hdr map[string]any
	if json.Unmarshal(raw, &hdr) != nil {
		return false
	}
	alg, ok := hdr["alg"].(string)
	return ok && alg != ""
}

// matchURLPassword anchors on the '@' of "scheme://user:password@host" and
// reports the password. It reads back at most maxUserInfo bytes and stops
// at the previous '@', so every byte is read back at most once.
func matchURLPassword(text string, i int) (secretMatch, bool) {
	j := i
	for j > 0 && i-j < maxUserInfo {
		c := text[j-1]
		if c == '/' || c == '@' || c <= ' ' || isQuote(c) || strings.IndexByte("<>()[]{}\\,;", c) >= 0 {
			break
		}
		j--
	}
	if j < 4 || text[j-1] != '/' || text[j-2] != '/' || text[j-3] != ':' {
		return secretMatch{}, false
	}
	if c := text[j-4]; !isAlnum(c) && c != '+' && c != '.' && c != '-' {
		return secretMatch{}, false // no scheme
	}
	colon := strings.IndexByte(text[j:i], ':')
	if colon < 0 {
		return secretMatch{}, false // a user or token alone; the token families judge tokens
	}
	ps := j + colon + 1
	pw := text[ps:i]
	if pw == "" || isPlaceholder(pw, true) || placeholderWords[strings.ToLower(pw)] || strings.HasPrefix(pw, "%") {
		return secretMatch{}, false
	}
	return secretMatch{ps, i, kindURLPassword}, true
}
