# expect: Invalid Evidence .* aws_db_instance\.orders: storage_encrypted: must be a bool, got a list
resource "srm_workload" "x" {
  name          = "orders"
  service_model = "paas"
  evidence = {
    "aws_db_instance.orders" = { storage_encrypted = [true] }
  }
}
