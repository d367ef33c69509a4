# Judge a real resource where it is declared: a postcondition on self fails
# the apply of a non-compliant database, and a check block reports on any
# resource without blocking the plan. A terraform_data with the AWS
# provider's shape stands in for aws_db_instance.orders here; on the real
# resource the postcondition reads the same.

terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

resource "terraform_data" "orders_db" {
  input = {
    engine                  = "postgres"
    storage_encrypted       = true
    backup_retention_period = 14
    publicly_accessible     = false
  }

  lifecycle {
    postcondition {
      # Count violations only: a control whose value is unknown at plan is
      # "deferred" and judged again after apply.
      condition = length([for f in provider::srm::resource_findings("aws_db_instance", self.output) : f if f.status == "violated"]) == 0
      error_message = join("\n", [
        for f in provider::srm::resource_findings("aws_db_instance", self.output) :
        "${f.id}: set ${f.attribute} (${f.control}, ${f.owner}-owned): ${f.remediation}" if f.status == "violated"
      ])
    }
  }
}

# Stands in for aws_security_group.db.
resource "terraform_data" "db_security_group" {
  input = {
    ingress = [{ from_port = 5432, to_port = 5432, protocol = "tcp", cidr_blocks = ["10.20.0.0/16"], ipv6_cidr_blocks = [] }]
  }
}

check "db_security_group" {
  assert {
    condition     = length([for f in provider::srm::resource_findings("aws_security_group", terraform_data.db_security_group.output) : f if f.status == "violated"]) == 0
    error_message = "The database's security group has world-open ingress."
  }
}

# The same database judged by a stricter baseline: a preset id, or the spec of
# an srm_baseline a module holds its callers to. A check block only warns.
check "orders_db_strict" {
  assert {
    condition = length([
      for f in provider::srm::resource_findings("aws_db_instance", terraform_data.orders_db.output, "strict") : f if f.status == "violated"
    ]) == 0
    error_message = "The orders database does not meet the strict baseline."
  }
}
