# expect: retention_days = 1e30 .* cannot be represented as a 64-bit integer
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  logging       = { enabled = true, retention_days = 1e30 }
}
