# expect: The argument "service_model" is required, but no definition was found
resource "srm_workload" "x" {
  name = "payments-api"
}
