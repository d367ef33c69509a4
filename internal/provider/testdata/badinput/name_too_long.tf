# expect: Attribute name string length must be between 1 and 256, got: 100000
# A 100,000-character name: 1,000 chunks of 100 digits.
resource "srm_workload" "x" {
  name          = join("", [for i in range(1000) : format("%0100d", i)])
  service_model = "iaas"
}
