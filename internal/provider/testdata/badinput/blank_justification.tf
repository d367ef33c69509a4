# expect: Blank Value .* exceptions\[0\]\.justification: the value is blank
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  exceptions = [{
    control       = "backup.enabled"
    justification = "   "
    approved_by   = "security-team"
    expires       = "2099-12-31"
  }]
}
