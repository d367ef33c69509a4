# Read what a real resource proves and declare it explicitly: the values
# follow the resource, so a change to it changes the workload's verdict.
# The object stands in for aws_db_instance.reports.
locals {
  reports_db = {
    storage_encrypted       = true
    backup_retention_period = 14
    publicly_accessible     = false
  }
  reports_db_controls = provider::srm::resource_controls("aws_db_instance", local.reports_db)
}

output "reports_db_at_rest" {
  value = local.reports_db_controls["encryption.at_rest"]
}

output "reports_db_backup_days" {
  value = local.reports_db_controls["backup.retention_days"]
}
