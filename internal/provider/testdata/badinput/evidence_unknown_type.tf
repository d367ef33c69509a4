# expect: Invalid Evidence .* evidence\["aws_rds_instance\.orders"\]: resource type "aws_rds_instance" has no evidence mapping; did you mean
resource "srm_workload" "x" {
  name          = "orders"
  service_model = "paas"
  evidence = {
    "aws_rds_instance.orders" = { storage_encrypted = true }
  }
}
