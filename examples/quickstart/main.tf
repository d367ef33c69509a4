# Quickstart: ask the model who owns what, then declare a workload whose
# customer-owned controls are checked at plan time.
#
# From the repository root:
#
#   make demo                  # builds the provider and plans this directory twice
#   eval "$(make -s dev-env DEV_OVERRIDES=1)"  # points terraform at the provider in bin/
#
# then, in this directory, the failing plan:
#
#   terraform plan -var include_failing_workload=true

terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

provider "srm" {}

variable "include_failing_workload" {
  description = "Add a workload that omits controls it owns, to see the plan fail."
  type        = bool
  default     = false
}

# Who owns what when the workload runs on virtual machines (IaaS)?
data "srm_service_model" "iaas" {
  name = "iaas"
}

# The whole row for network configuration, across the six service models.
data "srm_responsibility_matrix" "network" {
  domain = "network_configuration"
}

# A compliant IaaS workload under the default "standard" baseline.
resource "srm_workload" "orders_api" {
  name          = "orders-api"
  service_model = "iaas"
  environment   = "prod"

  # BEGIN generated compliant body: standard encryption.min_tls_version="1.2" logging.retention_days=365 backup.retention_days=14 -network
  identity = {
    mfa_required    = true
    least_privilege = true
  }
  encryption = {
    at_rest         = true
    in_transit      = true
    min_tls_version = "1.2"
  }
  hardening = {
    os_patching = true
  }
  logging = {
    enabled        = true
    retention_days = 365
  }
  backup = {
    enabled        = true
    retention_days = 14
  }
  # END generated compliant body
  network = {
    segmented = true
    ingress_rules = [
      { cidr_blocks = ["0.0.0.0/0"], from_port = 443, to_port = 443, protocol = "tcp" },
      { cidr_blocks = ["10.20.0.0/16"], from_port = 22, to_port = 22, protocol = "tcp" },
    ]
  }
}

# The same kind of workload with the seed's common failures: no encryption
# block, SSH open to the world and backups kept two days.
resource "srm_workload" "legacy_batch" {
  count = var.include_failing_workload ? 1 : 0

  name          = "legacy-batch"
  service_model = "iaas"

  identity = {
    mfa_required    = true
    least_privilege = true
  }
  network = {
    segmented = true
    ingress_rules = [
      { cidr_blocks = ["0.0.0.0/0"], from_port = 22, to_port = 22, protocol = "tcp" },
    ]
  }
  hardening = {
    os_patching = true
  }
  logging = {
    enabled        = true
    retention_days = 365
  }
  backup = {
    enabled        = true
    retention_days = 2
  }
}

output "iaas_customer_domains" {
  description = "Domains the customer owns alone on IaaS."
  value       = data.srm_service_model.iaas.customer_domains
}

output "iaas_shared_domains" {
  value = data.srm_service_model.iaas.shared_domains
}

output "network_configuration_owner_by_model" {
  value = { for e in data.srm_responsibility_matrix.network.entries : e.service_model => e.owner }
}

output "orders_api_required_controls" {
  value = srm_workload.orders_api.required_controls
}

output "orders_api_compliant" {
  value = srm_workload.orders_api.compliant
}
