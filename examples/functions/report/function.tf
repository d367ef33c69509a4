# A findings report rendered at plan, for a pull request comment: a control
# whose value is not known until apply is listed as deferred, where the
# srm_report data source would wait for apply.

terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

resource "srm_workload" "api" {
  name          = "orders-api"
  service_model = "paas"

  identity   = { mfa_required = true, least_privilege = true }
  network    = { segmented = true }
  encryption = { at_rest = true, in_transit = true, min_tls_version = "1.2" }
  logging    = { enabled = true, retention_days = 90 }
  backup     = { enabled = true, retention_days = 3 }

  exceptions = [{
    control       = "backup.retention_days"
    justification = "The vendor keeps 3 days; the nightly export ships in Q1"
    approved_by   = "security-architecture"
    expires       = "2099-03-31"
  }]
}

locals {
  report = provider::srm::report("markdown", [srm_workload.api])
}

# srm_workload has sensitive attributes, so the result is marked sensitive;
# a report never holds more than four characters of a secret.
output "report_markdown" {
  value = nonsensitive(local.report.content)
}

output "waived" {
  value = nonsensitive(local.report.waived)
}
