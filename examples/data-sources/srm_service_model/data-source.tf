terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

data "srm_service_model" "paas" {
  name = "paas"
}

output "paas_required_controls" {
  value = data.srm_service_model.paas.required_controls
}
