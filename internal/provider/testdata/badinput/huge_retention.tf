# expect: logging\.retention_days must be a whole number from 0 to 36500, got 1e\+12
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  logging       = { enabled = true, retention_days = 1000000000000 }
}
