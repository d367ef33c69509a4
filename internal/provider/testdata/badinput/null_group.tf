# expect: Control Not Satisfied: encryption\.at_rest .* the encryption block is omitted, so encryption\.at_rest is not set; the "standard" baseline needs encryption\.at_rest = true .* Control Not Satisfied: encryption\.in_transit
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  identity      = { mfa_required = true, least_privilege = true }
  network       = { segmented = true }
  encryption    = null
  hardening     = { os_patching = true }
  logging       = { enabled = true, retention_days = 90 }
  backup        = { enabled = true, retention_days = 7 }
}
