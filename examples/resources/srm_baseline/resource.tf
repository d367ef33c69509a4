# A module author's baseline: standard, plus a year of logs, TLS 1.3 when
# set, and backups that no caller can waive.

terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

resource "srm_baseline" "payments" {
  name        = "payments"
  extends     = "standard"
  description = "Baseline for every workload that touches card data."

  controls = {
    "logging.retention_days" = {
      min    = 365
      reason = "PCI DSS v4.0.1 10.5.1 keeps audit logs for at least twelve months."
    }
    "encryption.min_tls_version" = { min = 1.3, required = false }
    "backup.enabled"             = { locked = true }
    "backup.cross_region"        = { locked = true }
  }
}

resource "srm_workload" "card_vault" {
  name            = "card-vault"
  service_model   = "caas"
  custom_baseline = srm_baseline.payments.spec

  identity   = { mfa_required = true, least_privilege = true }
  network    = { segmented = true }
  encryption = { at_rest = true, in_transit = true, min_tls_version = "1.3" }
  hardening  = { os_patching = true }
  logging    = { enabled = true, retention_days = 400 }
  backup     = { enabled = true, retention_days = 14, cross_region = true }
}
