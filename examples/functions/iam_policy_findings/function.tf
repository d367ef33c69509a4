# A caller passes the task role's policy to a module; the module refuses a
# policy that grants everything, passes any role or allows privilege
# escalation, before any IAM resource is planned.

terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

variable "task_role_policy" {
  type        = string
  description = "IAM policy JSON for the orders service's task role."
  default     = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "ReadWriteOrders",
          "Effect": "Allow",
          "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
          "Resource": "arn:aws:dynamodb:eu-west-1:123456789012:table/orders"
        }
      ]
    }
  JSON

  validation {
    condition     = length(provider::srm::iam_policy_findings(var.task_role_policy)) == 0
    error_message = "The task role policy grants more than the service needs: use named actions on named resources, without wildcards, NotAction or iam:PassRole on \"*\"."
  }
}

output "task_role_policy_findings" {
  description = "Empty for the default policy; one finding per problem otherwise."
  value       = [for f in provider::srm::iam_policy_findings(var.task_role_policy) : "${f.severity} ${f.id}: ${f.message}"]
}
