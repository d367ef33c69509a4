# A compliant PaaS workload: the provider patches the OS, so no hardening
# block is needed; the customer still owns identity and shares the rest.

terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

resource "srm_workload" "orders_api" {
  name                = "orders-api"
  service_model       = "paas"
  data_classification = "confidential"
  environment         = "prod"

  # The standard baseline's controls, from the catalog. Confidential data
  # also needs a customer-managed key, and raises backups to the strict
  # level.
  # BEGIN generated compliant body: standard encryption.customer_managed_key=true encryption.min_tls_version="1.2" encryption.key_rotation_days=365 encryption.secret_rotation_days=90 logging.retention_days=365 backup.retention_days=35 backup.cross_region=true backup.restore_tested=true -hardening
  identity = {
    mfa_required    = true
    least_privilege = true
  }
  network = {
    segmented = true
  }
  encryption = {
    at_rest              = true
    in_transit           = true
    min_tls_version      = "1.2"
    customer_managed_key = true
    key_rotation_days    = 365
    secret_rotation_days = 90
  }
  logging = {
    enabled        = true
    retention_days = 365
  }
  backup = {
    enabled        = true
    retention_days = 35
    cross_region   = true
    restore_tested = true
  }
  # END generated compliant body
}

# The same workload without encryption and with two-day backups fails the
# plan with one error per control, each on the attribute to change:
#
#   Error: Control Not Satisfied: encryption.at_rest
#   Error: Control Not Satisfied: backup.retention_days
#
# A control can be waived for a while with an approved exception.
resource "srm_workload" "reporting" {
  name          = "reporting"
  service_model = "saas"

  identity = {
    mfa_required    = true
    least_privilege = true
  }
  encryption = {
    at_rest    = true
    in_transit = true
  }
  logging = {
    enabled        = true
    retention_days = 90
  }
  backup = {
    enabled        = true
    retention_days = 3
  }

  exceptions = [{
    control       = "backup.retention_days"
    justification = "Vendor keeps 3 days; export job lands in Q1"
    approved_by   = "security-architecture"
    expires       = "2099-03-31"
  }]
}

# Evidence: the real resources' planned values prove the controls. Here an
# object of the AWS provider's shape stands in for aws_db_instance.reports;
# in your configuration write "aws_db_instance.reports" = aws_db_instance.reports.
resource "srm_workload" "reports_db" {
  name          = "reports-db"
  service_model = "paas"

  identity   = { mfa_required = true, least_privilege = true }
  encryption = { in_transit = true, min_tls_version = "1.2" }
  logging    = { enabled = true, retention_days = 365 }

  evidence = {
    "aws_db_instance.reports" = {
      storage_encrypted       = true
      backup_retention_period = 14
      publicly_accessible     = false
    }
  }
}
