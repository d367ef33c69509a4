# expect: encryption\.min_tls_version must be one of "1\.0", "1\.1", "1\.2", "1\.3", got 1\.25
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  encryption    = { at_rest = true, in_transit = true, min_tls_version = 1.25 }
}
