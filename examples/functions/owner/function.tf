# Who owns data protection and workload hardening as the same application
# moves from virtual machines to containers, a platform and functions.

terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

locals {
  service_models = ["iaas", "caas", "paas", "faas"]
}

output "data_protection_owner" {
  value = { for sm in local.service_models : sm => provider::srm::owner(sm, "data_protection") }
}

output "workload_hardening_owner" {
  value = { for sm in local.service_models : sm => provider::srm::owner(sm, "workload_hardening") }
}

# A module can branch on the answer, e.g. ship its own patch pipeline only
# when the customer owns hardening.
output "needs_patch_pipeline" {
  value = provider::srm::owner("caas", "workload_hardening") != "provider"
}
