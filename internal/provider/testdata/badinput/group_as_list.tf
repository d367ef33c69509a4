# expect: encryption must be an object such as \{ at_rest = \.\.\. \}, got a list
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  encryption    = [{ at_rest = true, in_transit = true }]
}
