# expect: Control Not Satisfied: encryption\.at_rest .* encryption\.at_rest is not set; the "standard" baseline needs encryption\.at_rest = true
# A misspelt attribute inside a group (at_rset) never reaches the provider:
# Terraform drops object keys the schema does not declare. The control it
# meant to set is then missing, and that is the error.
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  identity      = { mfa_required = true, least_privilege = true }
  network       = { segmented = true }
  encryption    = { at_rset = true, in_transit = true, min_tls_version = "1.2" }
  hardening     = { os_patching = true }
  logging       = { enabled = true, retention_days = 90 }
  backup        = { enabled = true, retention_days = 7 }
}
