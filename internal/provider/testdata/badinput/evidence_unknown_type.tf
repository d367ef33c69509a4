# expect: Invalid Evidence .* aws_rds_instance\.orders: resource type .* is none of hashicorp/aws, azurerm, google or azuread.s resource types; did you mean "aws_db_instance"
resource "srm_workload" "x" {
  name          = "orders"
  service_model = "paas"
  evidence = {
    "aws_rds_instance.orders" = { storage_encrypted = true }
  }
}
