# The ingress rules of a web tier in the shape of aws_security_group's
# ingress blocks, built from a map of services. Feed the same list to the
# security group (dynamic "ingress" { for_each = local.web_ingress ... }) and
# to the function, and a world-open admin or database port stops the plan
# before the group exists.

terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

variable "admin_cidrs" {
  type        = list(string)
  description = "Networks that may reach SSH on the web tier."
  default     = ["10.20.0.0/16"]
}

locals {
  web_services = {
    https = { port = 443, cidrs = ["0.0.0.0/0"] }
    ssh   = { port = 22, cidrs = var.admin_cidrs }
  }

  web_ingress = [for name, svc in local.web_services : {
    description      = name
    from_port        = svc.port
    to_port          = svc.port
    protocol         = "tcp"
    cidr_blocks      = svc.cidrs
    ipv6_cidr_blocks = []
  }]

  web_ingress_findings = provider::srm::firewall_findings(local.web_ingress)
}

# Stands in for aws_security_group.web: the precondition reads the same there.
resource "terraform_data" "web_security_group" {
  input = local.web_ingress

  lifecycle {
    precondition {
      condition     = length(local.web_ingress_findings) == 0
      error_message = join("\n", [for f in local.web_ingress_findings : "${f.id}: ${f.message} ${f.remediation}"])
    }
  }
}

# Setting admin_cidrs = ["0.0.0.0/0"] fails the plan with
# "firewall.world_open_admin_port" and the offending rule and port.
