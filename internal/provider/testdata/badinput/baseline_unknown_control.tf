# expect: Invalid Baseline Control .* "backup\.cross_regoin" is not a control id; did you mean "backup\.cross_region"
resource "srm_baseline" "pci" {
  name = "pci"
  controls = {
    "backup.cross_regoin" = { locked = true }
  }
}
