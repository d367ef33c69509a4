# expect: Invalid Evidence .* evidence must be an object from resource address to resource
resource "srm_workload" "x" {
  name          = "orders"
  service_model = "paas"
  evidence      = ["aws_db_instance.orders"]
}
