# A findings report at plan: the controls that wait for values known only
# at apply are listed as deferred. srm_workload has sensitive attributes,
# so the result is sensitive; the report never holds a secret.
resource "srm_workload" "billing" {
  name          = "billing"
  service_model = "saas"
  baseline      = "minimum"

  identity   = { mfa_required = true, least_privilege = true }
  encryption = { at_rest = true, in_transit = true }
  storage    = { public_access = false }
  logging    = { enabled = true }
  backup     = { enabled = true }
}

output "billing_report" {
  value = nonsensitive(provider::srm::report("markdown", [srm_workload.billing]).content)
}
