# expect: Attribute backup\.retention_days value must be a whole number between 0 and 36500, got: -1
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  backup        = { enabled = true, retention_days = -1 }
}
