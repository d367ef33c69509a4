# A module that wraps srm_workload and enforces the organisation's baseline on
# every caller: the "acme-production" baseline extends "standard", asks for a
# year of logs and cross-region backups, and locks the controls that no
# caller may waive with an exception.

terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

resource "srm_baseline" "this" {
  name        = "acme-production"
  extends     = "standard"
  description = "Every production workload at Acme."

  controls = {
    "logging.retention_days" = { min = 365 }
    "backup.cross_region"    = { required = true }
    "encryption.at_rest"     = { locked = true }
    "identity.mfa_required"  = { locked = true }
    "network.ingress_rules"  = { locked = true, required = false }
  }
}

resource "srm_workload" "this" {
  name                = var.name
  service_model       = var.service_model
  data_classification = var.data_classification
  environment         = "production"
  custom_baseline     = srm_baseline.this.spec

  identity    = var.identity
  network     = var.network
  encryption  = var.encryption
  hardening   = var.hardening
  application = var.application
  logging     = var.logging
  backup      = var.backup
  storage     = var.storage
  exceptions  = var.exceptions
  evidence    = var.evidence

  # The baseline holds whatever enforcement the caller's provider uses: with
  # enforcement = "warn" the provider reports violations as warnings, and
  # this condition still fails the plan. It is also what a module test's
  # expect_failures = [srm_workload.this] names.
  lifecycle {
    postcondition {
      condition     = self.compliant
      error_message = join("\n", [for f in self.findings : "${f.control}: ${f.message}" if f.status == "violated"])
    }
  }
}
