# expect: storage\.bucket_policy_json must be a JSON object
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  storage       = { bucket_policy_json = jsonencode(["s3:GetObject"]) }
}
