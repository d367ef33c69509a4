# The module's baseline, proved with `terraform test`: a compliant caller
# plans clean, and a caller who omits, weakens or waives what the baseline
# locks fails on srm_workload.this.
#
# With the provider's default enforcement ("error") a violation is the
# provider's own error, which stops the plan before Terraform evaluates any
# condition, and `terraform test` reports such an error as unexpected. In
# "warn" mode the violations are warnings and the module's postcondition on
# srm_workload.this fails instead: a failure that expect_failures can name.
provider "srm" {
  enforcement = "warn"
}

# A caller that meets the "acme-production" baseline. Each run below changes
# one thing.
variables {
  name          = "orders"
  service_model = "paas"

  # BEGIN generated compliant body: standard encryption.min_tls_version="1.2" logging.retention_days=400 backup.retention_days=14 backup.cross_region=true -hardening
  identity = {
    mfa_required    = true
    least_privilege = true
  }
  network = {
    segmented = true
  }
  encryption = {
    at_rest         = true
    in_transit      = true
    min_tls_version = "1.2"
  }
  logging = {
    enabled        = true
    retention_days = 400
  }
  backup = {
    enabled        = true
    retention_days = 14
    cross_region   = true
  }
  # END generated compliant body
}

run "compliant_caller_passes" {
  command = plan

  assert {
    condition     = srm_workload.this.compliant
    error_message = "A caller meeting the baseline should be compliant."
  }

  assert {
    condition     = contains(srm_workload.this.required_controls, "backup.cross_region")
    error_message = "The baseline should add backup.cross_region to what the standard preset asks."
  }
}

run "omitting_a_locked_control_fails" {
  command = plan

  variables {
    encryption = { in_transit = true, min_tls_version = "1.2" }
  }

  expect_failures = [srm_workload.this]
}

run "weakening_a_locked_control_fails" {
  command = plan

  variables {
    identity = { mfa_required = false, least_privilege = true }
  }

  expect_failures = [srm_workload.this]
}

run "waiving_a_locked_control_fails" {
  command = plan

  variables {
    encryption = { at_rest = false, in_transit = true, min_tls_version = "1.2" }
    exceptions = [{
      control       = "encryption.at_rest"
      justification = "Data is public anyway"
      approved_by   = "reports-team"
      expires       = "2099-01-01"
    }]
  }

  expect_failures = [srm_workload.this]
}

run "short_log_retention_fails" {
  command = plan

  variables {
    logging = { enabled = true, retention_days = 30 }
  }

  expect_failures = [srm_workload.this]
}

# An unlocked control can still be waived: the contrast with the locked one.
# A verdict that an exception's expiry decides is known only once the run is
# applied (the plan leaves it to the clock at apply); srm_workload is
# logical, so the apply creates nothing outside the test's state.
run "waiving_an_unlocked_control_passes" {
  command = apply

  variables {
    backup = { enabled = true, retention_days = 14, cross_region = false }
    exceptions = [{
      control       = "backup.cross_region"
      justification = "Second region contracted for Q3"
      approved_by   = "platform-team"
      expires       = "2099-01-01"
    }]
  }

  assert {
    condition     = srm_workload.this.compliant
    error_message = "A waived, unlocked control should leave the workload compliant."
  }

  assert {
    condition     = [for f in srm_workload.this.findings : f.status if f.control == "backup.cross_region"] == ["waived"]
    error_message = "backup.cross_region should be recorded as waived."
  }
}

# Evidence from the caller's resources: a database that contradicts the
# declared encryption fails; one that proves it lets the caller omit it.
run "contradicting_evidence_fails" {
  command = plan

  variables {
    evidence = {
      "aws_db_instance.orders" = { storage_encrypted = false, backup_retention_period = 14, publicly_accessible = false }
    }
  }

  expect_failures = [srm_workload.this]
}

run "evidence_proves_an_omitted_control" {
  command = plan

  variables {
    encryption = { in_transit = true, min_tls_version = "1.2" }
    evidence = {
      "aws_db_instance.orders" = { storage_encrypted = true, backup_retention_period = 14, publicly_accessible = false }
    }
  }

  assert {
    condition     = srm_workload.this.compliant
    error_message = "Evidence of encryption at rest should satisfy the omitted control."
  }
}

# Evidence of any mapped type counts the same way: a queue whose messages
# are stored unencrypted contradicts the declared encryption.at_rest, and
# one that keeps SQS-managed encryption on proves it when it is omitted.
run "unencrypted_queue_fails" {
  command = plan

  variables {
    evidence = {
      "aws_sqs_queue.orders" = { name = "orders-events", sqs_managed_sse_enabled = false, kms_master_key_id = null }
    }
  }

  expect_failures = [srm_workload.this]
}

run "encrypted_queue_proves_an_omitted_control" {
  command = plan

  variables {
    encryption = { in_transit = true, min_tls_version = "1.2" }
    evidence = {
      "aws_sqs_queue.orders" = { name = "orders-events", sqs_managed_sse_enabled = true, kms_master_key_id = null }
    }
  }

  assert {
    condition     = srm_workload.this.compliant
    error_message = "A queue with SQS-managed encryption should satisfy the omitted encryption.at_rest."
  }
}
