# expect: service_model: value must be one of "on_premises", "iaas", "caas", "paas", "faas", "saas", got a string of 40 characters
# A long wrong value is described, never echoed back.
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
}
