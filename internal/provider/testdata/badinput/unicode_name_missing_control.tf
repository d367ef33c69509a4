# expect: Control Not Satisfied: backup\.enabled .* saas workload: the backup block is omitted, so backup\.enabled is not set
resource "srm_workload" "x" {
  name          = "支付-api-🚀"
  service_model = "saas"
  identity      = { mfa_required = true, least_privilege = true }
  encryption    = { at_rest = true, in_transit = true }
  logging       = { enabled = true, retention_days = 90 }
}
