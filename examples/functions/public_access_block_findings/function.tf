# Checks the four S3 Block Public Access settings before they are applied.
# Pass the whole aws_s3_bucket_public_access_block resource: its bucket and
# id may be unknown at plan, only the four settings are read. A setting left
# out counts as off, as the resource defaults it to false.
terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

locals {
  # Stands in for aws_s3_bucket_public_access_block.reports.
  reports_public_access_block = {
    bucket                  = "example-corp-reports"
    block_public_acls       = true
    block_public_policy     = true
    ignore_public_acls      = true
    restrict_public_buckets = true
  }

  reports_public_access_findings = provider::srm::public_access_block_findings(local.reports_public_access_block)
}

resource "terraform_data" "reports_bucket" {
  input = local.reports_public_access_block.bucket

  lifecycle {
    precondition {
      condition     = length(local.reports_public_access_findings) == 0
      error_message = join("\n", [for f in local.reports_public_access_findings : "${f.id}: ${f.message}"])
    }
  }
}

# Setting restrict_public_buckets = false fails the plan with
# "bucket.public_access_block_disabled", naming the setting and what it does.
