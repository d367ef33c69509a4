# Reports bucket policies that let anyone read or write. A check block warns
# on every plan and apply without blocking either, which suits an estate
# being brought into line; use a precondition to block instead.

terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

locals {
  reports_bucket_arn = "arn:aws:s3:::example-corp-reports"

  # Readable only through the VPC endpoint of the reporting network.
  reports_bucket_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ReadThroughVpcEndpoint"
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["s3:GetObject"]
      Resource  = "${local.reports_bucket_arn}/*"
      Condition = { StringEquals = { "aws:SourceVpce" = "vpce-0a1b2c3d4e5f67890" } }
    }]
  })
}

check "reports_bucket_not_public" {
  assert {
    condition     = length(provider::srm::bucket_policy_findings(local.reports_bucket_policy)) == 0
    error_message = join("\n", [for f in provider::srm::bucket_policy_findings(local.reports_bucket_policy) : "${f.id}: ${f.message}"])
  }
}

# Dropping the Condition makes the check report "bucket.public_read".
