variable "name" {
  description = "Workload name, shown in every finding."
  type        = string
}

variable "service_model" {
  description = "on_premises, iaas, caas, paas, faas or saas."
  type        = string
}

variable "data_classification" {
  description = "public, internal, confidential or restricted."
  type        = string
  default     = "internal"
}

# Each control group is passed through as given; srm_workload validates it.
variable "identity" {
  type    = any
  default = null
}

variable "network" {
  type    = any
  default = null
}

variable "encryption" {
  type    = any
  default = null
}

variable "hardening" {
  type    = any
  default = null
}

variable "application" {
  type    = any
  default = null
}

variable "logging" {
  type    = any
  default = null
}

variable "backup" {
  type    = any
  default = null
}

variable "storage" {
  type    = any
  default = null
}

variable "exceptions" {
  description = "Approved, expiring exceptions. Locked controls cannot be waived."
  type = list(object({
    control       = string
    justification = string
    approved_by   = string
    expires       = string
  }))
  default = null
}

variable "evidence" {
  description = "The caller's real resources, keyed by address: { \"aws_db_instance.orders\" = aws_db_instance.orders }. Their planned values fill omitted controls and override declarations."
  type        = any
  default     = null
}
