# expect: Error running apply: .* Control Not Satisfied: encryption\.min_tls_version .* caas workload: encryption\.min_tls_version is "1\.1"; the "standard" baseline needs encryption\.min_tls_version of at least "1\.2"
# Each control inside the groups is unknown until apply, and so are the
# service model and the exceptions.
resource "terraform_data" "v" {
  input = { yes = true, no = false, days = 30, model = "caas", tls = "1.1" }
}

resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = terraform_data.v.output.model
  identity      = { mfa_required = terraform_data.v.output.yes, least_privilege = terraform_data.v.output.yes }
  network       = { segmented = terraform_data.v.output.yes }
  encryption    = { at_rest = terraform_data.v.output.yes, in_transit = terraform_data.v.output.yes, min_tls_version = terraform_data.v.output.tls }
  hardening     = { os_patching = terraform_data.v.output.yes }
  logging       = { enabled = terraform_data.v.output.yes, retention_days = terraform_data.v.output.days }
  backup        = { enabled = terraform_data.v.output.yes, retention_days = terraform_data.v.output.days }
  exceptions = [{
    control       = "logging.retention_days"
    justification = "Logs ship to a SIEM that keeps them"
    approved_by   = terraform_data.v.output.model
    expires       = "2099-12-31"
  }]
}
