# expect: Invalid Baseline Control .* control "logging\.retention_days": min 30 is below the "standard" preset's min 90 and baselines only tighten the preset they extend
resource "srm_baseline" "lax" {
  name = "lax"
  controls = {
    "logging.retention_days" = { min = 30 }
  }
}
