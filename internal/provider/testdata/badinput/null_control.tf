# expect: Control Not Satisfied: encryption\.at_rest .* iaas workload: encryption\.at_rest is not set; the "standard" baseline needs encryption\.at_rest = true
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  identity      = { mfa_required = true, least_privilege = true }
  network       = { segmented = true }
  encryption    = { at_rest = null, in_transit = true }
  hardening     = { os_patching = true }
  logging       = { enabled = true, retention_days = 90 }
  backup        = { enabled = true, retention_days = 7 }
}
