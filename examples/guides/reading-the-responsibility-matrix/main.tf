# What changes for the customer when a workload moves from virtual machines
# (IaaS) to a managed platform (PaaS): every domain whose owner differs, with
# what the customer still does there, and the sources behind one cell.

terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

data "srm_responsibility_matrix" "iaas" {
  service_model = "iaas"
}

data "srm_responsibility_matrix" "paas" {
  service_model = "paas"
}

locals {
  iaas_owner = { for e in data.srm_responsibility_matrix.iaas.entries : e.domain => e.owner }
}

output "iaas_to_paas" {
  value = {
    for e in data.srm_responsibility_matrix.paas.entries :
    e.domain => "${local.iaas_owner[e.domain]} -> ${e.owner}. Customer: ${e.customer_responsibility}"
    if local.iaas_owner[e.domain] != e.owner
  }
}

# The in-the-cloud domains the customer shares with the provider in PaaS.
data "srm_responsibility_matrix" "paas_shared" {
  service_model = "paas"
  layer         = "in_the_cloud"
  owner         = "shared"
}

output "paas_shared_domains" {
  value = [for e in data.srm_responsibility_matrix.paas_shared.entries : e.domain]
}

output "paas_hardening_references" {
  value = one([for e in data.srm_responsibility_matrix.paas.entries : e.references if e.domain == "workload_hardening"])
}
