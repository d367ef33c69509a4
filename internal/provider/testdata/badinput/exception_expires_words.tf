# expect: Invalid Date .* exceptions\[0\]\.expires: date "next…" is not valid; use YYYY-MM-DD
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  exceptions = [{
    control       = "backup.enabled"
    justification = "Stateless service"
    approved_by   = "security-team"
    expires       = "next tuesday"
  }]
}
