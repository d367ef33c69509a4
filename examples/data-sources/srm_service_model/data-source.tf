data "srm_service_model" "paas" {
  name = "paas"
}

output "paas_required_controls" {
  value = data.srm_service_model.paas.required_controls
}

# The same service model under Google Cloud's chart, which gives network
# security, audit logging and operations in PaaS to Google.
data "srm_service_model" "paas_google" {
  name   = "paas"
  matrix = "google"
}

output "paas_controls_google_takes_over" {
  value = setsubtract(data.srm_service_model.paas.required_controls, data.srm_service_model.paas_google.required_controls)
}
