# expect: identity\.mfa_required must be a bool \(true or false\), got "yes"
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  identity      = { mfa_required = "yes", least_privilege = true }
}
