# expect: Invalid Baseline Control .* control "encryption\.min_tls_version": bound 1\.25 is not a version; valid values are "1\.0", "1\.1", "1\.2", "1\.3"
resource "srm_baseline" "pci" {
  name = "pci"
  controls = {
    "encryption.min_tls_version" = { min = 1.25 }
  }
}
