# expect: service_model: value must be one of "on_premises", "iaas", "caas", "paas", "faas", "saas", got "IaaS"; did you mean "iaas"\?
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "IaaS"
}
