# expect: extends: value must be one of "minimum", "standard", "strict", got "gold"
resource "srm_baseline" "pci" {
  name    = "pci"
  extends = "gold"
}
