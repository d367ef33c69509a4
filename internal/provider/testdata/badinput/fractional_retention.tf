# expect: logging\.retention_days must be a whole number from 0 to 36500, got 90\.5
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  logging       = { enabled = true, retention_days = 90.5 }
}
