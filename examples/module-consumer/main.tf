# Two callers of the secure-workload module. The first meets the module's
# baseline; the second (enabled with -var include_noncompliant=true) keeps
# logs 30 days, has no cross-region backups and tries to waive encryption,
# which the module has locked, so its plan fails.

terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

variable "include_noncompliant" {
  type    = bool
  default = false
}

module "orders" {
  source = "../modules/secure-workload"

  name          = "orders"
  service_model = "paas"

  # BEGIN generated compliant body: standard encryption.min_tls_version="1.2" logging.retention_days=400 backup.retention_days=14 backup.cross_region=true -hardening
  identity = {
    mfa_required    = true
    least_privilege = true
  }
  network = {
    segmented = true
  }
  encryption = {
    at_rest         = true
    in_transit      = true
    min_tls_version = "1.2"
  }
  logging = {
    enabled        = true
    retention_days = 400
  }
  backup = {
    enabled        = true
    retention_days = 14
    cross_region   = true
  }
  # END generated compliant body
}

module "reports" {
  source = "../modules/secure-workload"
  count  = var.include_noncompliant ? 1 : 0

  name          = "reports"
  service_model = "paas"

  identity   = { mfa_required = true, least_privilege = true }
  network    = { segmented = true }
  encryption = { at_rest = false, in_transit = true }
  logging    = { enabled = true, retention_days = 30 }
  backup     = { enabled = true, retention_days = 14 }

  exceptions = [{
    control       = "encryption.at_rest"
    justification = "Data is public anyway"
    approved_by   = "reports-team"
    expires       = "2099-01-01"
  }]
}

output "orders_compliant" {
  value = module.orders.compliant
}
