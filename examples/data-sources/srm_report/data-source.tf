# Report the findings of two workloads. With enforcement = "warn" a plan
# with violations succeeds, so the report can list them for a pull request;
# a waived finding is listed with its exception.

terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

provider "srm" {
  enforcement = "warn"
}

resource "srm_workload" "payments" {
  name          = "payments-api"
  service_model = "paas"

  # BEGIN generated compliant body: standard encryption.min_tls_version="1.2" logging.retention_days=365 backup.retention_days=14 -hardening
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
    retention_days = 365
  }
  backup = {
    enabled        = true
    retention_days = 14
  }
  # END generated compliant body
}

resource "srm_workload" "legacy" {
  name          = "legacy-batch"
  service_model = "iaas"

  identity   = { mfa_required = true, least_privilege = true }
  network    = { segmented = true }
  encryption = { at_rest = false, in_transit = true, min_tls_version = "1.2" }
  hardening  = { os_patching = true }
  logging    = { enabled = true, retention_days = 365 }
  backup     = { enabled = true, retention_days = 14 }
  storage    = { public_access = true }

  exceptions = [{
    control       = "storage.public_access"
    justification = "Public download mirror for signed release artifacts"
    approved_by   = "security-board"
    expires       = "2099-12-31"
  }]
}

locals {
  workloads = [for w in [srm_workload.payments, srm_workload.legacy] : {
    name          = w.name
    service_model = w.service_model
    baseline      = w.baseline
    findings      = w.findings
  }]
}

# Markdown for a pull-request comment.
data "srm_report" "pr" {
  workloads = local.workloads
  title     = "Shared responsibility findings for this change"
}

# SARIF for code scanning: artifact_uri gives every result the physical
# location that GitHub code scanning requires.
data "srm_report" "sarif" {
  workloads    = local.workloads
  format       = "sarif"
  artifact_uri = "main.tf"
}

# OSCAL 1.1.3 assessment results for an auditor: each finding with the side
# that owns it, waivers as approved risk deviations. The timestamp dates the
# assessment; plantimestamp() gives each plan's time.
data "srm_report" "oscal" {
  workloads = local.workloads
  format    = "oscal"
  timestamp = "2026-12-07T10:00:00Z"
}

output "report_markdown" {
  value = nonsensitive(data.srm_report.pr.content)
}

output "report_sarif" {
  value = nonsensitive(data.srm_report.sarif.content)
}

output "report_oscal" {
  value = nonsensitive(data.srm_report.oscal.content)
}

output "violations" {
  value = data.srm_report.pr.violated
}
