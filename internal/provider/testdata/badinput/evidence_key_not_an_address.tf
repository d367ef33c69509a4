# expect: Invalid Evidence Key .* evidence keys are resource addresses such as "aws_db_instance\.orders"
resource "srm_workload" "x" {
  name          = "orders"
  service_model = "paas"
  evidence = {
    "the orders database" = { storage_encrypted = true }
  }
}
