# Database ingress may only come from private address space.

terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

variable "database_client_cidrs" {
  type        = list(string)
  description = "Networks allowed to reach the database port."
  default     = ["10.20.0.0/16", "172.16.8.0/24", "fd00:ec2::/64"]

  validation {
    condition     = alltrue([for c in var.database_client_cidrs : !provider::srm::is_public_cidr(c)])
    error_message = "database_client_cidrs must hold private ranges only (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7, ...)."
  }
}

output "cidr_reach" {
  description = "Which of a few ranges reach public address space."
  value = {
    for c in ["0.0.0.0/0", "10.0.0.0/8", "100.64.0.0/10", "198.51.100.0/24", "203.0.113.7", "52.94.0.0/16"] :
    c => provider::srm::is_public_cidr(c) ? "public" : "private or reserved"
  }
}
