package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
)

// The detector functions on realistic AWS-, Azure- and GCP-shaped objects
// written in HCL, as people use them: in a precondition, a check block and a
// variable validation. No cloud provider plugin is needed.

const awsSecurityGroupRules = `
locals {
  admin_cidrs = ["10.0.0.0/8", "0.0.0.0/0"]
  sg_ingress = concat(
    [{ cidr_blocks = ["0.0.0.0/0"], ipv6_cidr_blocks = [], from_port = 443, to_port = 443, protocol = "tcp" }],
    [for cidr in local.admin_cidrs : { cidr_blocks = [cidr], ipv6_cidr_blocks = [], from_port = 22, to_port = 22, protocol = "tcp" }],
  )
}
`

func TestFunction_FirewallFindingsAWS(t *testing.T) {
	t.Parallel()
	functionTest(t, awsSecurityGroupRules+`
output "ids" {
  value = [for f in provider::srm::firewall_findings(local.sg_ingress) : f.id]
}
output "clean" {
  value = length(provider::srm::firewall_findings([local.sg_ingress[0], local.sg_ingress[1]])) == 0
}
`,
		output("ids", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("firewall.world_open_admin_port")})),
		output("clean", knownvalue.Bool(true)),
	)
}

func TestFunction_FirewallFindingsInPrecondition(t *testing.T) {
	t.Parallel()
	functionError(t, awsSecurityGroupRules+`
resource "terraform_data" "security_group" {
  input = local.sg_ingress
  lifecycle {
    precondition {
      condition     = length(provider::srm::firewall_findings(local.sg_ingress)) == 0
      error_message = join("; ", [for f in provider::srm::firewall_findings(local.sg_ingress) : f.message])
    }
  }
}
`, "Resource precondition failed", "22")
}

func TestFunction_FirewallFindingsAzureAndGCP(t *testing.T) {
	t.Parallel()
	functionTest(t, `
locals {
  nsg_rules = [
    { name = "https", access = "Allow", direction = "Inbound", protocol = "Tcp", source_address_prefix = "*", destination_port_range = "443" },
    { name = "rdp", access = "Allow", direction = "Inbound", protocol = "Tcp", source_address_prefix = "Internet", destination_port_range = "3380-3390" },
    { name = "deny-sql", access = "Deny", direction = "Inbound", protocol = "Tcp", source_address_prefix = "*", destination_port_range = "1433" },
  ]
  gcp_firewall = [
    { direction = "INGRESS", source_ranges = ["0.0.0.0/0"], allow = [{ protocol = "tcp", ports = ["5432"] }] },
    { direction = "INGRESS", source_ranges = ["10.128.0.0/9"], allow = [{ protocol = "tcp", ports = ["22"] }] },
  ]
}
output "azure" { value = [for f in provider::srm::firewall_findings(local.nsg_rules) : f.id] }
output "gcp"   { value = [for f in provider::srm::firewall_findings(local.gcp_firewall) : f.id] }
`,
		output("azure", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("firewall.world_open_admin_port")})),
		output("gcp", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("firewall.world_open_database_port")})),
	)
}

// Issue 11: one rule that cannot be read is a finding at its place in the
// list, not an error that hides every other rule.
func TestFunction_FirewallFindingsBadRuleIsAFinding(t *testing.T) {
	t.Parallel()
	functionTest(t, `
locals {
  rules = [
    { cidr_blocks = ["0.0.0.0/0"], from_port = -1, to_port = -1, protocol = "tcp" },
    { cidr_blocks = ["0.0.0.0/33"], from_port = 22, to_port = 22, protocol = "tcp" },
    { cidr_blocks = ["0.0.0.0/0"], from_port = 22, to_port = 22, protocol = "tcpp" },
    { cidr_blocks = ["0.0.0.0/0"], from_port = 3389, to_port = 22, protocol = "tcp" },
    { cidr_blocks = ["0.0.0.0/0"], from_port = 22, to_port = 22, protocol = "tcp" },
  ]
  findings = provider::srm::firewall_findings(local.rules)
}
output "ids"      { value = [for f in local.findings : f.id] }
output "messages" { value = [for f in local.findings : f.message] }
`,
		output("ids", knownvalue.ListExact([]knownvalue.Check{
			knownvalue.StringExact("firewall.invalid_rule"), knownvalue.StringExact("firewall.invalid_rule"),
			knownvalue.StringExact("firewall.invalid_rule"), knownvalue.StringExact("firewall.invalid_rule"),
			knownvalue.StringExact("firewall.world_open_admin_port"),
		})),
		output("messages", knownvalue.ListExact([]knownvalue.Check{
			knownvalue.StringRegexp(regexpMust(`^rule 0 cannot be checked: from_port -1 is outside 0\.\.65535`)),
			knownvalue.StringRegexp(regexpMust(`^rule 1 cannot be checked: cidr_blocks\[0\] "0\.0\.0\.0/33" is not a CIDR block`)),
			knownvalue.StringRegexp(regexpMust(`^rule 2 cannot be checked: protocol "tcpp" is not a protocol`)),
			knownvalue.StringRegexp(regexpMust(`^rule 3 cannot be checked: from_port 3389 is greater than to_port 22`)),
			knownvalue.StringRegexp(regexpMust(`^rule 4 opens administrative port 22 \(SSH\)`)),
		})),
	)
	// A value that is not a list of rules at all is still an argument error.
	functionError(t, `output "x" { value = provider::srm::firewall_findings("0.0.0.0/0") }`, "rules:", "firewall rules are a string")
}

// Odd but valid shapes from real configurations: a whole security group
// with inline ingress blocks and null attributes, a for_each map of rules,
// numeric strings for ports, lower-case Azure words, a single rule object.
func TestFunction_FirewallFindingsOddShapes(t *testing.T) {
	t.Parallel()
	functionTest(t, `
locals {
  security_group = {
    name   = "web"
    vpc_id = null
    ingress = [
      { cidr_blocks = ["0.0.0.0/0"], ipv6_cidr_blocks = null, prefix_list_ids = null, security_groups = null, self = false, description = null, from_port = 443, to_port = 443, protocol = "tcp" },
      { cidr_blocks = null, ipv6_cidr_blocks = ["::/0"], prefix_list_ids = null, security_groups = null, self = false, description = null, from_port = "22", to_port = "22", protocol = "6" },
    ]
    egress = [{ cidr_blocks = ["0.0.0.0/0"], from_port = 0, to_port = 0, protocol = "-1" }]
  }
  by_name = {
    postgres = { cidr_blocks = ["0.0.0.0/0"], from_port = 5432, to_port = 5432, protocol = "tcp" }
    https    = { cidr_blocks = ["0.0.0.0/0"], from_port = 443, to_port = 443, protocol = "tcp" }
  }
  nsg_rule = { access = "allow", direction = "inbound", protocol = "tcp", source_address_prefix = "internet", destination_port_range = "3389" }
}
output "group"  { value = [for f in provider::srm::firewall_findings([local.security_group]) : "${f.id}@${f.message}"] }
output "map"    { value = [for f in provider::srm::firewall_findings(local.by_name) : f.id] }
output "single" { value = [for f in provider::srm::firewall_findings(local.nsg_rule) : f.id] }
`,
		output("group", knownvalue.ListExact([]knownvalue.Check{
			knownvalue.StringRegexp(regexpMust(`^firewall\.world_open_admin_port@rule 0 opens administrative port 22 \(SSH\) to ::/0`)),
		})),
		output("map", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("firewall.world_open_database_port")})),
		output("single", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("firewall.world_open_admin_port")})),
	)
}

// Issue 11, firewall at scale: a large rule list through Terraform. The
// in-process benchmark BenchmarkFirewallFindingsFunction measures 100,000;
// here 5,000 keep the suite quick while going through the real CLI.
func TestFunction_FirewallFindingsManyRules(t *testing.T) {
	t.Parallel()
	functionTest(t, `
locals {
  rules = flatten([for a in range(5) : [for b in range(1000) : {
    cidr_blocks = [b % 10 == 0 ? "0.0.0.0/0" : "10.0.0.0/8"], from_port = b % 10 == 0 ? 22 : 443, to_port = b % 10 == 0 ? 22 : 443, protocol = "tcp"
  }]])
}
output "count" { value = length(provider::srm::firewall_findings(local.rules)) }
`, output("count", knownvalue.Int64Exact(500)))
}

const iamPolicies = `
locals {
  admin_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
  scoped_policy = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "ReadOrders",
          "Effect": "Allow",
          "Action": ["dynamodb:GetItem", "dynamodb:Query"],
          "Resource": "arn:aws:dynamodb:eu-west-1:123456789012:table/orders"
        }
      ]
    }
  JSON
}
`

func TestFunction_IAMPolicyFindings(t *testing.T) {
	t.Parallel()
	functionTest(t, iamPolicies+`
output "admin"  { value = [for f in provider::srm::iam_policy_findings(local.admin_policy) : f.id] }
output "scoped" { value = provider::srm::iam_policy_findings(local.scoped_policy) }
output "severity" { value = provider::srm::iam_policy_findings(local.admin_policy)[0].severity }
`,
		output("admin", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("iam.wildcard_action")})),
		output("scoped", knownvalue.ListSizeExact(0)),
		output("severity", knownvalue.StringExact("critical")),
	)
}

func TestFunction_IAMPolicyFindingsInVariableValidation(t *testing.T) {
	t.Parallel()
	functionError(t, `
variable "policy" {
  type    = string
  default = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"*\"}}"
  validation {
    condition     = length(provider::srm::iam_policy_findings(var.policy)) == 0
    error_message = "The policy grants too much."
  }
}
output "policy" { value = var.policy }
`, "Invalid value for variable", "The policy grants too much.")
}

func TestFunction_IAMPolicyMalformed(t *testing.T) {
	t.Parallel()
	functionError(t, `output "x" { value = provider::srm::iam_policy_findings("{\"Statement\": [") }`,
		"policy_json:", "JSON")
}

func TestFunction_BucketPolicyFindingsInCheckBlock(t *testing.T) {
	t.Parallel()
	// A failing check block is a warning, so the apply succeeds and the
	// finding is visible in the output.
	functionTest(t, `
locals {
  bucket_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["s3:GetObject"]
      Resource  = "arn:aws:s3:::public-site/*"
    }]
  })
  private_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::internal/*"
      Condition = { StringEquals = { "aws:SourceVpce" = "vpce-1a2b3c4d" } }
    }]
  })
}
check "bucket_not_public" {
  assert {
    condition     = length(provider::srm::bucket_policy_findings(local.bucket_policy)) == 0
    error_message = "The bucket policy is public."
  }
}
output "public"  { value = [for f in provider::srm::bucket_policy_findings(local.bucket_policy) : f.id] }
output "private" { value = provider::srm::bucket_policy_findings(local.private_policy) }
`,
		output("public", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("bucket.public_read")})),
		output("private", knownvalue.ListSizeExact(0)),
	)
}

func TestFunction_SecretFindings(t *testing.T) {
	t.Parallel()
	functionTest(t, `
locals {
  user_data = <<-EOT
    #!/bin/bash
    export AWS_ACCESS_KEY_ID=AKIAQ3EGUMMYKEY7ABCD
    yum update -y
  EOT
}
output "kinds"   { value = [for f in provider::srm::secret_findings(local.user_data) : f.id] }
output "message" { value = provider::srm::secret_findings(local.user_data)[0].message }
output "clean"   { value = provider::srm::secret_findings("image = \"ami-0abcdef1234567890\"\nid = \"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"") }
`,
		output("kinds", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("secret.aws_access_key_id")})),
		output("message", knownvalue.StringRegexp(regexpMust(`line 2.*AKIA…`))),
		output("clean", knownvalue.ListSizeExact(0)),
	)
}

func TestFunction_PatchFindings(t *testing.T) {
	t.Parallel()
	functionTest(t, `
output "old"    { value = [for f in provider::srm::patch_findings("2020-01-01", 30) : f.id] }
output "recent" { value = provider::srm::patch_findings(formatdate("YYYY-MM-DD", plantimestamp()), 30) }
`,
		output("old", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("patch.stale")})),
		output("recent", knownvalue.ListSizeExact(0)),
	)
	functionError(t, `output "x" { value = provider::srm::patch_findings("01/02/2026", 30) }`, "date:", "01/02/2026")
	functionError(t, `output "x" { value = provider::srm::patch_findings("2026-01-02", 0) }`, "max_age_days:")
}

// Issue 10 item 9: an absurd limit is an argument error naming the range,
// not the framework's "report this to the provider developer", and a
// message gives the age in days and the date judged against.
func TestFunction_PatchFindingsRangeAndMessage(t *testing.T) {
	t.Parallel()
	functionError(t, `output "x" { value = provider::srm::patch_findings("2026-01-02", 1e308) }`,
		"max_age_days: 1e+308 is not a whole number of days from 1 to 36500")
	functionError(t, `output "x" { value = provider::srm::patch_findings("2026-01-02", 7.5) }`,
		"max_age_days: 7.5 is not a whole number of days from 1 to 36500")
	functionTest(t, `
output "message" { value = provider::srm::patch_findings("2020-01-01", 30)[0].message }
`, output("message", knownvalue.StringRegexp(regexpMust(`^Last patched 2020-01-01, \d+ days before the check date \d{4}-\d{2}-\d{2}: more than twice the 30-day limit\.$`))))
}

func TestFunction_IsPublicCIDR(t *testing.T) {
	t.Parallel()
	functionTest(t, `
output "world"   { value = provider::srm::is_public_cidr("0.0.0.0/0") }
output "private" { value = provider::srm::is_public_cidr("10.1.0.0/16") }
output "v6"      { value = provider::srm::is_public_cidr("2001:db8::/32") }
output "host"    { value = provider::srm::is_public_cidr("8.8.8.8") }
`,
		output("world", knownvalue.Bool(true)),
		output("private", knownvalue.Bool(false)),
		output("v6", knownvalue.Bool(false)),
		output("host", knownvalue.Bool(true)),
	)
	functionError(t, `output "x" { value = provider::srm::is_public_cidr("10.0.0.0/33") }`, "cidr:", "10.0.0.0/33")
}

// Issue 11: public_access_block_findings, judged at plan even when the
// bucket is not known yet, deferred while a setting is unknown.
func TestFunction_PublicAccessBlockFindings(t *testing.T) {
	t.Parallel()
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   functionsSupported,
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
resource "terraform_data" "bucket" { input = "logs" }
resource "terraform_data" "flag"   { input = true }
locals {
  block = {
    bucket                  = terraform_data.bucket.output
    block_public_acls       = true
    block_public_policy     = true
    ignore_public_acls      = true
    restrict_public_buckets = false
  }
  pending = merge(local.block, { restrict_public_buckets = terraform_data.flag.output })
}
output "ids"     { value = [for f in provider::srm::public_access_block_findings(local.block) : f.id] }
output "message" { value = provider::srm::public_access_block_findings(local.block)[0].message }
output "partial" { value = [for f in provider::srm::public_access_block_findings({ block_public_acls = true }) : f.message] }
output "pending" { value = provider::srm::public_access_block_findings(local.pending) }
resource "terraform_data" "guarded" {
  input = "x"
  lifecycle {
    precondition {
      condition     = length(provider::srm::public_access_block_findings(local.pending)) == 0
      error_message = "Block Public Access is off."
    }
  }
}
`,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectKnownOutputValue("ids", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("bucket.public_access_block_disabled")})),
				plancheck.ExpectUnknownOutputValue("pending"),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				output("message", knownvalue.StringRegexp(regexpMust(`^S3 Block Public Access has restrict_public_buckets \(limits`))),
				output("partial", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringRegexp(regexpMust(
					`block_public_policy .*ignore_public_acls .*restrict_public_buckets .*turned off`))})),
				output("pending", knownvalue.ListSizeExact(0)),
			},
		}},
	})
	functionError(t, `output "x" { value = provider::srm::public_access_block_findings({ block_public_acls = "yes" }) }`,
		"settings: block_public_acls is a string", "expected true or false")
}

// Issue 11: "NotAction": null from jsonencode of optional attributes is
// absent, and an explicit Deny cancels the Allow.
func TestFunction_IAMPolicyNullsAndDeny(t *testing.T) {
	t.Parallel()
	functionTest(t, `
variable "statements" {
  type = list(object({
    Effect      = string
    Action      = optional(list(string))
    NotAction   = optional(list(string))
    Resource    = optional(string)
    NotResource = optional(string)
  }))
  default = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::reports/*" }]
}
locals {
  denied = jsonencode({ Version = "2012-10-17", Statement = [
    { Effect = "Allow", Action = ["iam:PassRole", "iam:CreateAccessKey"], Resource = "*" },
    { Effect = "Deny", Action = ["iam:*"], Resource = "*" },
  ] })
}
output "nulls"  { value = provider::srm::iam_policy_findings(jsonencode({ Version = "2012-10-17", Statement = var.statements })) }
output "denied" { value = provider::srm::iam_policy_findings(local.denied) }
`,
		output("nulls", knownvalue.ListSizeExact(0)),
		output("denied", knownvalue.ListSizeExact(0)),
	)
}

// Issue 10 item 5: findings about secrets quote at most four characters.
func TestFunction_SecretFindingsNeverEchoTheSecret(t *testing.T) {
	t.Parallel()
	functionTest(t, `
locals {
  text = "DATABASE_URL=postgres://app:Sup3r-S3cret-Pw@db.internal:5432/app\nmysqladmin --password Sup3r-S3cret-Pw status\ntoken = \"ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"\n"
}
output "ids"      { value = [for f in provider::srm::secret_findings(local.text) : f.id] }
output "messages" { value = join("\n", [for f in provider::srm::secret_findings(local.text) : f.message]) }
`,
		output("ids", knownvalue.ListExact([]knownvalue.Check{
			knownvalue.StringExact("secret.connection_string_password"), knownvalue.StringExact("secret.password_assignment"),
		})),
		output("messages", knownvalue.StringRegexp(regexpMust(`^password in a connection URL on line 1 \(Sup…\)\nliteral password or secret assignment on line 2 \(Sup…\)$`))),
	)
}

// The function docs list every finding id the code can return: each
// findings function's description is built from its detector's table.
func TestFindingFunctionDocsListEveryID(t *testing.T) {
	cases := map[string][]detect.FindingKind{
		"firewall_findings":            detect.FirewallFindingKinds(),
		"iam_policy_findings":          detect.IAMFindingKinds(),
		"bucket_policy_findings":       detect.BucketPolicyFindingKinds(),
		"public_access_block_findings": detect.PublicAccessBlockFindingKinds(),
		"secret_findings":              detect.SecretFindingKinds(),
		"patch_findings":               detect.PatchFindingKinds(),
	}
	p, ok := New("test")().(interface {
		Functions(context.Context) []func() function.Function
	})
	if !ok {
		t.Fatal("the provider serves no functions")
	}
	seen := 0
	for _, newFn := range p.Functions(context.Background()) {
		fn := newFn()
		var meta function.MetadataResponse
		fn.Metadata(context.Background(), function.MetadataRequest{}, &meta)
		kinds, ok := cases[meta.Name]
		if !ok {
			continue
		}
		seen++
		var def function.DefinitionResponse
		fn.Definition(context.Background(), function.DefinitionRequest{}, &def)
		for _, k := range kinds {
			row := "| `" + k.ID + "` | " + strings.Join(k.Severities, ", ") + " |"
			if !strings.Contains(def.Definition.MarkdownDescription, row) {
				t.Errorf("%s: description lacks the row for %s", meta.Name, k.ID)
			}
		}
	}
	if seen != len(cases) {
		t.Errorf("found %d of %d findings functions", seen, len(cases))
	}
}
