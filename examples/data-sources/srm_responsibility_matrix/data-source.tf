# Every cell the customer owns alone, across all service models.

terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

data "srm_responsibility_matrix" "customer" {
  owner = "customer"
}

# One row: who owns workload hardening in each service model.
data "srm_responsibility_matrix" "hardening" {
  domain = "workload_hardening"
}

output "hardening_owner_by_model" {
  value = { for e in data.srm_responsibility_matrix.hardening.entries : e.service_model => e.owner }
}
