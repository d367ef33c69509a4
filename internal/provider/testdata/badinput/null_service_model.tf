# expect: Missing Configuration for Required Attribute .* the service_model attribute
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = null
}
