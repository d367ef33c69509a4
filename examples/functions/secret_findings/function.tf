# Instance user data ends up readable by anyone who can describe the
# instance, so credentials in it leak. Read them at boot from a secrets
# store instead, and let the plan refuse user data that carries one.

terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

locals {
  app_user_data = <<-EOT
    #!/bin/bash
    set -euo pipefail
    dnf -y update
    DB_URL="$(aws ssm get-parameter --name /orders/prod/db-url --with-decryption --query Parameter.Value --output text)"
    echo "DB_URL=$DB_URL" > /etc/orders.env
    systemctl enable --now orders
  EOT

  app_user_data_findings = provider::srm::secret_findings(local.app_user_data)
}

# Stands in for aws_instance.app (user_data = local.app_user_data).
resource "terraform_data" "app_instance" {
  input = sha256(local.app_user_data)

  lifecycle {
    precondition {
      condition     = length(local.app_user_data_findings) == 0
      error_message = join("\n", [for f in local.app_user_data_findings : f.message])
    }
  }
}

# An inline "export AWS_SECRET_ACCESS_KEY=..." or "DB_PASSWORD=hunter2-prod"
# fails the plan; a finding names the kind and the line and shows at most
# the first four characters of the value.
