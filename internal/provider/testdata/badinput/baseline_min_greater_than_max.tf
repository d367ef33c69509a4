# expect: Invalid Baseline Control .* control "logging\.retention_days": min 400 is greater than max 100
resource "srm_baseline" "pci" {
  name = "pci"
  controls = {
    "logging.retention_days" = { min = 400, max = 100 }
  }
}
