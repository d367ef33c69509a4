# expect: Invalid Attribute Combination .* Attribute "custom_baseline" cannot be specified when "baseline" is specified
resource "srm_baseline" "pci" {
  name = "pci"
}

resource "srm_workload" "x" {
  name            = "payments-api"
  service_model   = "iaas"
  baseline        = "strict"
  custom_baseline = srm_baseline.pci.spec
}
