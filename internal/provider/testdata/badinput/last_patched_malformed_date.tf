# expect: Invalid Date .* hardening\.last_patched: date "2024-02-30" is not valid; use YYYY-MM-DD
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  hardening     = { os_patching = true, last_patched = "2024-02-30" }
}
