# expect: Invalid Baseline Control .* control "encryption\.at_rest": the "minimum" preset requires it and baselines only tighten .* remove `required = false`
resource "srm_baseline" "lax" {
  name    = "lax"
  extends = "minimum"
  controls = {
    "encryption.at_rest" = { required = false }
  }
}
