# expect: Duplicate Exception .* exceptions\[0\] and exceptions\[1\] both name "backup\.enabled"; keep one entry per control
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  baseline      = "minimum"
  identity      = { mfa_required = true, least_privilege = true }
  network       = { segmented = true }
  encryption    = { at_rest = true, in_transit = true }
  hardening     = { os_patching = true }
  logging       = { enabled = true }
  backup        = { enabled = false }
  exceptions = [
    {
      control       = "backup.enabled"
      justification = "Stateless service"
      approved_by   = "security-team"
      expires       = "2099-12-31"
    },
    {
      control       = "backup.enabled"
      justification = "Stateless service"
      approved_by   = "security-team"
      expires       = "2099-12-31"
    },
  ]
}
