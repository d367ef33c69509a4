# expect: compliance\.frameworks must be a list of strings, got a string of 10 characters
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  compliance    = { frameworks = "pci_dss_v4" }
}
