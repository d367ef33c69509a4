# The domains the customer owns alone shrink as the service model rises.

terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

output "customer_domains_iaas" {
  value = provider::srm::customer_domains("iaas")
}

output "customer_domains_saas" {
  value = provider::srm::customer_domains("saas")
}

output "customer_domain_count" {
  value = { for sm in ["on_premises", "iaas", "caas", "paas", "faas", "saas"] : sm => length(provider::srm::customer_domains(sm)) }
}
