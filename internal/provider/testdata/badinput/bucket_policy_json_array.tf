# expect: Invalid JSON Document .* storage\.bucket_policy_json: the value must be a JSON object such as .* cannot unmarshal array
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  storage       = { bucket_policy_json = jsonencode(["s3:GetObject"]) }
}
