# expect: encryption\.at_rest must be a bool \(true or false\), got a list
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  encryption    = { at_rest = [true], in_transit = true }
}
