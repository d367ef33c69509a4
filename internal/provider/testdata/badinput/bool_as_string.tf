# expect: Incorrect attribute value type .* mfa_required = "yes" .* Inappropriate value for attribute "identity": a bool is required
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  identity      = { mfa_required = "yes", least_privilege = true }
}
