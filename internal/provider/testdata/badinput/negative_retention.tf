# expect: backup\.retention_days must be a whole number from 0 to 36500, got -1
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  backup        = { enabled = true, retention_days = -1 }
}
