# expect: Error running apply: .* Control Not Satisfied: backup\.enabled .* backup\.enabled is false; the "standard" baseline needs backup\.enabled = true
# Every control group comes from a value that is unknown until apply: the
# plan defers the controls, and the apply enforces them.
resource "terraform_data" "controls" {
  input = {
    identity   = { mfa_required = true, least_privilege = true }
    network    = { segmented = true }
    encryption = { at_rest = true, in_transit = true, min_tls_version = "1.2" }
    hardening  = { os_patching = true }
    logging    = { enabled = true, retention_days = 90 }
    backup     = { enabled = false, retention_days = 7 }
    storage    = { public_access = false }
    compliance = { frameworks = ["pci_dss_v4"] }
  }
}

resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  identity      = terraform_data.controls.output.identity
  network       = terraform_data.controls.output.network
  encryption    = terraform_data.controls.output.encryption
  hardening     = terraform_data.controls.output.hardening
  application   = { authentication = true }
  logging       = terraform_data.controls.output.logging
  backup        = terraform_data.controls.output.backup
  storage       = terraform_data.controls.output.storage
  compliance    = terraform_data.controls.output.compliance
}
