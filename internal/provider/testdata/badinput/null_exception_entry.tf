# expect: Missing Configuration for Required Attribute .* the exceptions\[0\]\.justification attribute
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  exceptions    = [null]
}
