# expect: Invalid Baseline Control .* control "encryption\.at_rest" is a bool: min and max apply only to number, version and date controls
resource "srm_baseline" "pci" {
  name = "pci"
  controls = {
    "encryption.at_rest" = { min = 1 }
  }
}
