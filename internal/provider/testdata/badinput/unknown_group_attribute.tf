# expect: Unknown Attribute .* encryption has no attribute "at_rset"\. Did you mean at_rest\?
# A misspelt attribute inside a group (at_rset) is an error naming the key
# and the nearest valid name, never a silently dropped attribute.
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  identity      = { mfa_required = true, least_privilege = true }
  network       = { segmented = true }
  encryption    = { at_rset = true, in_transit = true, min_tls_version = "1.2" }
  hardening     = { os_patching = true }
  logging       = { enabled = true, retention_days = 90 }
  backup        = { enabled = true, retention_days = 7 }
}
