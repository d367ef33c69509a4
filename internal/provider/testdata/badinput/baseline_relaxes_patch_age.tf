# expect: Invalid Baseline Control .* control "hardening\.last_patched": max 120 is above the "strict" preset's max 30 .* use 30 or less
resource "srm_baseline" "lax" {
  name    = "lax"
  extends = "strict"
  controls = {
    "hardening.last_patched" = { max = 120 }
  }
}
