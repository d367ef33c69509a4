# expect: Inappropriate value for attribute "encryption": object required
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  encryption    = [{ at_rest = true, in_transit = true }]
}
