# expect: Attribute name string length must be between 1 and 256, got: 0
resource "srm_workload" "x" {
  name          = ""
  service_model = "iaas"
}
