# The control values a database proves, wired into a workload by hand. (The
# workload's evidence attribute does the same in one line; this shows what it
# reads.) A local stands in for the aws_db_instance object.

terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

locals {
  orders_db = {
    storage_encrypted       = true
    backup_retention_period = 14
    publicly_accessible     = false
  }
  proved = provider::srm::resource_controls("aws_db_instance", local.orders_db)
}

resource "srm_workload" "orders" {
  name          = "orders"
  service_model = "paas"

  identity   = { mfa_required = true, least_privilege = true }
  network    = { segmented = local.proved["network.segmented"] }
  encryption = { at_rest = local.proved["encryption.at_rest"], in_transit = true, min_tls_version = "1.2" }
  logging    = { enabled = true, retention_days = 90 }
  backup     = { enabled = local.proved["backup.enabled"], retention_days = local.proved["backup.retention_days"] }
}

# Every control the type evidences, null where the resource says nothing.
output "orders_db_proves" {
  value = local.proved
}
