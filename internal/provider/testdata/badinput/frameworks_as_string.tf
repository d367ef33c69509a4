# expect: Inappropriate value for attribute "compliance": attribute "frameworks": set of string required
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  compliance    = { frameworks = "pci_dss_v4" }
}
