# expect: Exception For Locked Control .* "backup\.enabled" is locked by the "pci" baseline: no exception can waive it
resource "srm_baseline" "pci" {
  name     = "pci"
  extends  = "minimum"
  controls = { "backup.enabled" = { locked = true } }
}

resource "srm_workload" "x" {
  name            = "payments-api"
  service_model   = "iaas"
  custom_baseline = srm_baseline.pci.spec
  identity        = { mfa_required = true, least_privilege = true }
  network         = { segmented = true }
  encryption      = { at_rest = true, in_transit = true }
  hardening       = { os_patching = true }
  logging         = { enabled = true }
  backup          = { enabled = false }
  exceptions = [{
    control       = "backup.enabled"
    justification = "Stateless service"
    approved_by   = "security-team"
    expires       = "2099-12-31"
  }]
}
