# Every cell the customer owns alone, across all service models.
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

# The same row in AWS's published model; `basis` says whether each cell was
# read from AWS ("vendor") or falls back to the consensus ("fallback").
data "srm_responsibility_matrix" "hardening_aws" {
  matrix = "aws"
  domain = "workload_hardening"
}

output "hardening_aws" {
  value = { for e in data.srm_responsibility_matrix.hardening_aws.entries : e.service_model => "${e.owner} (${e.basis})" }
}

# Where AWS's model and the consensus disagree, and why.
data "srm_responsibility_matrix" "aws_vs_consensus" {
  matrix     = "aws"
  compare_to = "consensus"
}

output "aws_differences" {
  value = [for d in data.srm_responsibility_matrix.aws_vs_consensus.differences : "${d.domain}/${d.service_model}: ${d.owner} vs ${d.other_owner}"]
}
