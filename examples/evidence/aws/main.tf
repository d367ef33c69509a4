# A database, its security group and its key, the queue and function beside
# it and the subnet's network ACL feed an srm_workload as evidence: the
# verdict comes from what the plan will build.
#
# With the AWS provider in the configuration you pass the resources
# themselves:
#
#   evidence = {
#     "aws_db_instance.orders"   = aws_db_instance.orders
#     "aws_security_group.db"    = aws_security_group.db
#     "aws_kms_key.orders"       = aws_kms_key.orders
#   }
#
# This example stands the resources in with objects of the same shape (the
# attributes srm reads, as the AWS provider's planned values carry them), so
# it plans with no cloud account.

terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

locals {
  aws_db_instance_orders = {
    engine                  = "postgres"
    storage_encrypted       = true
    kms_key_id              = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    backup_retention_period = 14
    publicly_accessible     = false
  }
  aws_security_group_db = {
    ingress = [{
      description      = "PostgreSQL from the application subnets"
      from_port        = 5432
      to_port          = 5432
      protocol         = "tcp"
      cidr_blocks      = ["10.20.0.0/16"]
      ipv6_cidr_blocks = []
    }]
  }
  aws_kms_key_orders = {
    enable_key_rotation     = true
    rotation_period_in_days = 365
  }
  aws_sqs_queue_orders = {
    name                    = "orders-events"
    sqs_managed_sse_enabled = null
    kms_master_key_id       = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
  aws_lambda_function_orders = {
    function_name = "orders-api"
    kms_key_arn   = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    environment   = [{ variables = { LOG_LEVEL = "info", QUEUE_NAME = "orders-events" } }]
  }
  aws_network_acl_db = {
    vpc_id = "vpc-0a1b2c3d4e5f60718"
    ingress = [{
      rule_no         = 100
      action          = "allow"
      protocol        = "tcp"
      from_port       = 5432
      to_port         = 5432
      cidr_block      = "10.20.0.0/16"
      ipv6_cidr_block = ""
      icmp_type       = 0
      icmp_code       = 0
    }]
    egress = []
  }
}

resource "srm_workload" "orders_db" {
  name          = "orders-db"
  service_model = "paas"

  # What no resource here can prove is still declared.
  # BEGIN generated compliant body: standard encryption.min_tls_version="1.2" logging.retention_days=365 -encryption.at_rest -network -hardening -backup
  identity = {
    mfa_required    = true
    least_privilege = true
  }
  encryption = {
    in_transit      = true
    min_tls_version = "1.2"
  }
  logging = {
    enabled        = true
    retention_days = 365
  }
  # END generated compliant body

  # Encryption at rest, exposure, ingress, backups and key rotation come
  # from the resources.
  evidence = {
    "aws_db_instance.orders" = local.aws_db_instance_orders
    "aws_security_group.db"  = local.aws_security_group_db
    "aws_kms_key.orders"     = local.aws_kms_key_orders

    "aws_sqs_queue.orders"       = local.aws_sqs_queue_orders
    "aws_lambda_function.orders" = local.aws_lambda_function_orders
    "aws_network_acl.db"         = local.aws_network_acl_db
  }
}

output "orders_db_compliant" {
  value = srm_workload.orders_db.compliant
}
