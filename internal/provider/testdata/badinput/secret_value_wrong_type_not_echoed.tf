# expect: identity\.mfa_required must be a bool \(true or false\), got a string of 40 characters
# A long wrong value is described by its kind, never echoed: it may be a
# secret pasted into the wrong attribute.
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  identity      = { mfa_required = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", least_privilege = true }
}
