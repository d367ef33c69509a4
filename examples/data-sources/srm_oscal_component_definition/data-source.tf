# Export the responsibility matrix and the control catalog as an OSCAL 1.1.3
# component definition, for a GRC tool or a system security plan: one
# component per service model, each catalog control with the side that
# implements it and the framework ids it maps to.

terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

# Every cloud service model, under the provider's matrix. A fixed timestamp
# keeps the document the same from run to run; without one it is the time of
# the read.
data "srm_oscal_component_definition" "all" {
  timestamp = "2026-12-07T10:00:00Z"
}

# Only PaaS and SaaS, as Microsoft's 2026 matrix divides them.
data "srm_oscal_component_definition" "microsoft" {
  matrix         = "microsoft_2026"
  service_models = ["paas", "saas"]
  timestamp      = "2026-12-07T10:00:00Z"
}

locals {
  paas = one([for c in jsondecode(data.srm_oscal_component_definition.all.content)["component-definition"].components :
  c if c.title == "Platform as a service (PaaS)"])
}

# Which controls the customer configures under PaaS.
output "paas_customer_controls" {
  value = [for r in local.paas["control-implementations"][0]["implemented-requirements"] :
  r["control-id"] if contains([for p in r.props : p.value if p.name == "responsibility"], "customer-configured")]
}

output "component_definition" {
  value = data.srm_oscal_component_definition.all.content
}
