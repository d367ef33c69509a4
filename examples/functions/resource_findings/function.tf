# Judge a database by what the plan will build. A terraform_data stands in
# for the aws_db_instance, so that the example plans without AWS
# credentials: its output has the AWS provider's shape, and self in a
# postcondition is what the function receives from the real resource too.
# On the real resource the condition reads
#   provider::srm::resource_findings("aws_db_instance", self)

terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

resource "terraform_data" "orders_db" {
  input = {
    storage_encrypted       = true
    backup_retention_period = 14
    publicly_accessible     = false
  }

  # While the object is being created its values are not known at plan: the
  # findings are then "deferred", and the postcondition runs again after
  # apply, so count only the violated ones.
  lifecycle {
    postcondition {
      condition     = length([for f in provider::srm::resource_findings("aws_db_instance", self.output) : f if f.status == "violated"]) == 0
      error_message = join("\n", [for f in provider::srm::resource_findings("aws_db_instance", self.output) : "${f.attribute}: ${f.message} ${f.remediation}" if f.status == "violated"])
    }
  }
}

# A database left at the provider's defaults: an unset storage_encrypted
# means unencrypted, a one-day retention is below the standard baseline's 7,
# and the instance is reachable from the internet.
locals {
  legacy_db = {
    backup_retention_period = 1
    publicly_accessible     = true
  }
}

output "legacy_db_findings" {
  value = [for f in provider::srm::resource_findings("aws_db_instance", local.legacy_db) : "${f.id} (${f.control}, ${f.owner}) at ${f.attribute}"]
}
