# expect: Attribute logging\.retention_days value must be a whole number between 0 and 36500, got: 1e\+12
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  logging       = { enabled = true, retention_days = 1000000000000 }
}
