package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
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

func TestFunction_FirewallFindingsBadRule(t *testing.T) {
	t.Parallel()
	functionError(t, `output "x" { value = provider::srm::firewall_findings([{ cidr_blocks = ["0.0.0.0/0"], from_port = "ssh", to_port = 22, protocol = "tcp" }]) }`,
		"rules:", "rule 0")
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
