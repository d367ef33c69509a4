# A findings report at plan: the controls that wait for values known only
# at apply are listed as deferred. srm_workload has sensitive attributes,
# so the result is sensitive; the report never holds a secret.

terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

resource "srm_workload" "billing" {
  name          = "billing"
  service_model = "saas"
  baseline      = "minimum"

  # BEGIN generated compliant body: minimum storage.public_access=false -network -hardening
  identity = {
    mfa_required    = true
    least_privilege = true
  }
  encryption = {
    at_rest    = true
    in_transit = true
  }
  logging = {
    enabled = true
  }
  backup = {
    enabled = true
  }
  storage = {
    public_access = false
  }
  # END generated compliant body
}

output "billing_report" {
  value = nonsensitive(provider::srm::report("markdown", [srm_workload.billing]).content)
}
