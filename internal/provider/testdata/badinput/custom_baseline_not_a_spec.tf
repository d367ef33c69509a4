# expect: Invalid Custom Baseline .* custom baseline is not an srm_baseline spec: invalid character .* Set custom_baseline = srm_baseline\.NAME\.spec
resource "srm_workload" "x" {
  name            = "payments-api"
  service_model   = "iaas"
  custom_baseline = "strict"
}
