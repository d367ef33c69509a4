# The controls a FaaS workload must declare under each preset baseline, and
# what the strict baseline adds to the standard one.

terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

output "faas_minimum" {
  value = provider::srm::required_controls("faas", "minimum")
}

output "faas_strict_adds" {
  value = setsubtract(
    provider::srm::required_controls("faas", "strict"),
    provider::srm::required_controls("faas", "standard"),
  )
}
