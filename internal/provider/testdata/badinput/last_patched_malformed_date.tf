# expect: hardening\.last_patched must be a date YYYY-MM-DD or an RFC 3339 time, got a string of 10 characters
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  hardening     = { os_patching = true, last_patched = "2024-02-30" }
}
