# Machine images older than the patch window are refused. With the AWS
# provider the date comes from data.aws_ami.base.creation_date; here an
# object of the same shape stands in for it: an image built two weeks ago.

terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

locals {
  base_image = {
    id            = "ami-0abcdef1234567890"
    creation_date = timeadd(plantimestamp(), "-336h")
  }

  # 30 days under the strict baseline (PCI DSS 6.3.3), 90 otherwise.
  patch_window_days = 30

  base_image_findings = provider::srm::patch_findings(local.base_image.creation_date, local.patch_window_days)
}

# Stands in for aws_launch_template.app (image_id = local.base_image.id).
resource "terraform_data" "app_launch_template" {
  input = local.base_image.id

  lifecycle {
    precondition {
      condition     = length(local.base_image_findings) == 0
      error_message = join("\n", [for f in local.base_image_findings : "${f.message} ${f.remediation}"])
    }
  }
}
