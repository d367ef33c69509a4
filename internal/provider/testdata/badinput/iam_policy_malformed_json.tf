# expect: Invalid Attribute Value .* identity\.iam_policy_json must be a JSON object
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  identity = {
    mfa_required    = true
    least_privilege = true
    iam_policy_json = "{\"Version\": \"2012-10-17\", \"Statement\": ["
  }
}
