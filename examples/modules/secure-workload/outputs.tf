output "compliant" {
  description = "True when no control is violated."
  value       = srm_workload.this.compliant
}

output "findings" {
  description = "Violated, waived and deferred controls."
  value       = srm_workload.this.findings
}

output "required_controls" {
  description = "What the baseline asks of this workload."
  value       = srm_workload.this.required_controls
}
