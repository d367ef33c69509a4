# expect: retention_days = 90\.5 .* is not an integer
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  logging       = { enabled = true, retention_days = 90.5 }
}
