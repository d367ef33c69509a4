# A Cloud SQL instance, its firewall, its bucket and who may read it, and a
# GKE node pool feed an srm_workload as evidence. With the google provider
# you pass the resources themselves, e.g.
# "google_sql_database_instance.orders" = google_sql_database_instance.orders;
# here objects of the same shape stand in for them, so the example plans
# with no project.

terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

locals {
  google_sql_database_instance_orders = {
    database_version = "POSTGRES_15"
    settings = [{
      tier = "db-custom-2-7680"
      ip_configuration = [{
        ipv4_enabled        = false
        ssl_mode            = "ENCRYPTED_ONLY"
        authorized_networks = []
      }]
      backup_configuration = [{
        enabled = true
        backup_retention_settings = [{
          retained_backups = 14
          retention_unit   = "COUNT"
        }]
      }]
    }]
  }
  google_compute_firewall_db = {
    name          = "allow-postgres-from-app"
    direction     = "INGRESS"
    disabled      = false
    source_ranges = ["10.20.0.0/16"]
    allow         = [{ protocol = "tcp", ports = ["5432"] }]
    deny          = []
    log_config    = [{ metadata = "INCLUDE_ALL_METADATA" }]
  }
  google_storage_bucket_exports = {
    location                 = "EU"
    public_access_prevention = "enforced"
    versioning               = [{ enabled = true }]
    logging                  = [{ log_bucket = "orders-access-logs" }]
  }
  google_storage_bucket_iam_member_exports_readers = {
    bucket    = "orders-exports"
    role      = "roles/storage.objectViewer"
    member    = "group:orders-analysts@example.com"
    condition = []
  }
  google_container_node_pool_workers = {
    name       = "orders-workers"
    cluster    = "orders"
    management = [{ auto_repair = true, auto_upgrade = true }]
    node_config = [{
      machine_type      = "e2-standard-4"
      service_account   = "orders-nodes@orders-prod.iam.gserviceaccount.com"
      boot_disk_kms_key = "projects/orders-prod/locations/europe-west1/keyRings/orders/cryptoKeys/nodes"
    }]
  }
}

resource "srm_workload" "orders" {
  name          = "orders"
  service_model = "paas"

  # BEGIN generated compliant body: standard encryption.min_tls_version="1.2" logging.retention_days=365 backup.retention_days=14 -encryption.in_transit -backup.enabled -hardening
  identity = {
    mfa_required    = true
    least_privilege = true
  }
  network = {
    segmented = true
  }
  encryption = {
    at_rest         = true
    min_tls_version = "1.2"
  }
  logging = {
    enabled        = true
    retention_days = 365
  }
  backup = {
    retention_days = 14
  }
  # END generated compliant body

  evidence = {
    "google_sql_database_instance.orders" = local.google_sql_database_instance_orders
    "google_compute_firewall.db"          = local.google_compute_firewall_db
    "google_storage_bucket.exports"       = local.google_storage_bucket_exports

    "google_storage_bucket_iam_member.exports_readers" = local.google_storage_bucket_iam_member_exports_readers
    "google_container_node_pool.workers"               = local.google_container_node_pool_workers
  }
}

output "orders_compliant" {
  value = srm_workload.orders.compliant
}
