# expect: Invalid Custom Baseline .* control "logging\.retention_days": min 7 is below the "standard" preset's min 90 and baselines only tighten
resource "srm_workload" "x" {
  name            = "payments-api"
  service_model   = "iaas"
  custom_baseline = jsonencode({ name = "lax", extends = "standard", controls = { "logging.retention_days" = { min = 7 } } })
}
