# expect: data_classification: value must be one of "public", "internal", "confidential", "restricted", got a string of 10 characters
resource "srm_workload" "x" {
  name                = "payments-api"
  service_model       = "iaas"
  data_classification = "top-secret"
}
