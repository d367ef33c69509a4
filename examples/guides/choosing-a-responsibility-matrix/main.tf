terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

# The provider follows Microsoft's 2026 matrix: srm_workload, srm_service_model,
# srm_controls and srm_responsibility_matrix all read their owners from it.
provider "srm" {
  matrix = "microsoft_2026"
}

# Every cell where Microsoft's matrix and the project's consensus disagree,
# with both sides' reasons.
data "srm_responsibility_matrix" "vs_consensus" {
  compare_to = "consensus"
}

# The same comparison for Google Cloud's chart.
data "srm_responsibility_matrix" "google_vs_consensus" {
  matrix     = "google"
  compare_to = "consensus"
}

output "microsoft_vs_consensus" {
  value = {
    for d in data.srm_responsibility_matrix.vs_consensus.differences :
    "${d.domain}/${d.service_model}" => "${d.owner} (${d.basis}) vs ${d.other_owner} (${d.other_basis})"
  }
}

output "google_vs_consensus" {
  value = [
    for d in data.srm_responsibility_matrix.google_vs_consensus.differences :
    "${d.domain}/${d.service_model}: ${d.owner} vs ${d.other_owner}"
  ]
}

# Cells Microsoft does not publish fall back to the consensus and say so.
data "srm_responsibility_matrix" "caas" {
  service_model = "caas"
}

output "caas_cells_from_microsoft" {
  value = length([for e in data.srm_responsibility_matrix.caas.entries : e if e.basis == "vendor"])
}
