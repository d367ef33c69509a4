package evidence

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// Cases for data/google.json, in the shapes of the google provider v6:
// nested blocks are lists of objects, unset optional attributes null or
// absent, and computed attributes (id, self_link, a computed block left out
// of the configuration) Unknown as they are in a create plan.

// with copies a resource object and sets or replaces top-level attributes.
func gWith(base map[string]any, kv ...any) map[string]any {
	out := make(map[string]any, len(base)+len(kv)/2)
	for k, v := range base {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		k, _ := kv[i].(string)
		out[k] = kv[i+1]
	}
	return out
}

func gList(v ...any) []any { return v }

type gObj = map[string]any

const (
	gcsKey   = "projects/acme-prod/locations/europe-west1/keyRings/data/cryptoKeys/gcs"
	gDiskKey = "projects/acme-prod/locations/europe-west1/keyRings/data/cryptoKeys/disk"
	// Values a resource may carry that must never reach a finding.
	gSQLPassword = "Sup3r-Secret-Root-Pw"
	gRawDiskKey  = "SGVsbG8sIFdvcmxkIGJhc2U2NCBrZXkgMzIgYnl0ZXM="
	gStartupEnv  = "export DB_PASSWORD=Hunter2-Hunter2"
	// A startup script with nothing secret in it.
	gStartupPlain = "#!/bin/sh\napt-get -y upgrade\n"
)

var (
	gcsBucket = gObj{
		"name": "acme-orders", "location": "EU", "force_destroy": false, "storage_class": "STANDARD",
		"id": Unknown, "self_link": Unknown, "url": Unknown, "project": Unknown,
		"uniform_bucket_level_access": true,
		"public_access_prevention":    "enforced",
		"versioning":                  gList(gObj{"enabled": true}),
		"logging":                     gList(gObj{"log_bucket": "acme-access-logs", "log_object_prefix": Unknown}),
		"encryption":                  gList(),
		"retention_policy":            gList(),
		"soft_delete_policy":          Unknown,
	}

	cloudSQLSettings = gObj{
		"tier": "db-custom-2-7680", "availability_type": "REGIONAL", "disk_autoresize": true,
		"ip_configuration": gList(gObj{
			"ipv4_enabled": false, "private_network": "projects/acme-prod/global/networks/vpc",
			"ssl_mode": "ENCRYPTED_ONLY", "authorized_networks": gList(), "allocated_ip_range": nil,
		}),
		"backup_configuration": gList(gObj{
			"enabled": true, "point_in_time_recovery_enabled": true, "start_time": "02:00", "location": nil,
			"transaction_log_retention_days": Unknown,
			"backup_retention_settings":      gList(gObj{"retained_backups": 30.0, "retention_unit": "COUNT"}),
		}),
		"database_flags": gList(gObj{"name": "cloudsql.iam_authentication", "value": "on"}),
	}
	cloudSQLInstance = gObj{
		"name": "orders", "database_version": "POSTGRES_16", "region": "europe-west1",
		"root_password": gSQLPassword, "deletion_protection": true, "encryption_key_name": nil,
		"id": Unknown, "connection_name": Unknown, "public_ip_address": Unknown, "private_ip_address": Unknown, "self_link": Unknown,
		"settings": gList(cloudSQLSettings),
	}

	gceFirewall = gObj{
		"name": "allow-ssh", "network": "projects/acme-prod/global/networks/vpc", "priority": 1000.0,
		"id": Unknown, "self_link": Unknown, "creation_timestamp": Unknown, "project": Unknown,
		"direction": "INGRESS", "disabled": nil,
		"source_ranges": gList("0.0.0.0/0"), "source_tags": nil, "source_service_accounts": nil,
		"target_tags":    gList("ssh-jump"),
		"allow":          gList(gObj{"protocol": "tcp", "ports": gList("22")}),
		"deny":           gList(),
		"log_config":     gList(gObj{"metadata": "INCLUDE_ALL_METADATA"}),
		"enable_logging": nil,
	}

	gceInterface = gObj{"network": "projects/acme-prod/global/networks/vpc", "subnetwork": "app", "network_ip": Unknown,
		"access_config": gList(), "ipv6_access_config": gList(), "alias_ip_range": gList()}
	gceInstance = gObj{
		"name": "app-1", "machine_type": "e2-standard-2", "zone": "europe-west1-b",
		"id": Unknown, "instance_id": Unknown, "self_link": Unknown, "cpu_platform": Unknown,
		"metadata": gObj{"enable-oslogin": "TRUE", "enable-oslogin-2fa": "TRUE", "startup-script": gStartupPlain},
		"boot_disk": gList(gObj{
			"auto_delete": true, "kms_key_self_link": gDiskKey, "disk_encryption_key_raw": nil, "disk_encryption_key_rsa": nil,
			"initialize_params": gList(gObj{"image": "debian-cloud/debian-12", "size": Unknown}),
		}),
		"network_interface": gList(gceInterface),
		"service_account":   gList(gObj{"email": "app@acme-prod.iam.gserviceaccount.com", "scopes": gList("cloud-platform")}),
	}

	gcePDDisk = gObj{"name": "data", "zone": "europe-west1-b", "size": 100.0, "type": "pd-balanced",
		"id": Unknown, "self_link": Unknown, "disk_encryption_key": gList()}

	gKMSKey = gObj{"name": "orders", "key_ring": "projects/acme-prod/locations/europe-west1/keyRings/data",
		"purpose": "ENCRYPT_DECRYPT", "rotation_period": "7776000s", "id": Unknown,
		"version_template": gList(gObj{"algorithm": "GOOGLE_SYMMETRIC_ENCRYPTION", "protection_level": "SOFTWARE"})}

	gkePrivate    = gList(gObj{"enable_private_nodes": true, "enable_private_endpoint": false, "master_ipv4_cidr_block": "172.16.0.0/28", "private_endpoint": Unknown, "public_endpoint": Unknown, "peering_name": Unknown})
	gkeAuthorized = func(cidrs ...string) []any {
		blocks := []any{}
		for _, c := range cidrs {
			blocks = append(blocks, gObj{"cidr_block": c, "display_name": "office"})
		}
		return gList(gObj{"cidr_blocks": blocks, "gcp_public_cidrs_access_enabled": Unknown, "private_endpoint_enforcement_enabled": Unknown})
	}
	gkePool = func(upgrade any) gObj {
		return gObj{"name": "pool", "management": gList(gObj{"auto_repair": true, "auto_upgrade": upgrade})}
	}
	gkeCluster = gObj{
		"name": "prod", "location": "europe-west1", "id": Unknown, "endpoint": Unknown, "master_version": Unknown,
		"logging_service":                   "logging.googleapis.com/kubernetes",
		"private_cluster_config":            gkePrivate,
		"master_authorized_networks_config": gkeAuthorized("203.0.113.0/24"),
		"node_pool":                         gList(gkePool(true)),
		"database_encryption":               gList(gObj{"state": "ENCRYPTED", "key_name": "projects/acme-prod/locations/europe-west1/keyRings/data/cryptoKeys/gke"}),
	}
)

func gcsBucketWith(kv ...any) gObj { return gWith(gcsBucket, kv...) }

func cloudSQLWith(settings ...any) gObj {
	return gWith(cloudSQLInstance, "settings", gList(gWith(cloudSQLSettings, settings...)))
}

func cloudSQLIP(kv ...any) []any {
	return gList(gWith(firstObj(cloudSQLSettings["ip_configuration"]), kv...))
}

func cloudSQLBackup(kv ...any) []any {
	return gList(gWith(firstObj(cloudSQLSettings["backup_configuration"]), kv...))
}

func cloudSQLRetention(n, unit any) []any {
	return cloudSQLBackup("backup_retention_settings", gList(gObj{"retained_backups": n, "retention_unit": unit}))
}

func gceNIC(kv ...any) gObj { return gWith(gceInterface, kv...) }

func gceBoot(kv ...any) []any { return gList(gWith(firstObj(gceInstance["boot_disk"]), kv...)) }

// firstObj is the first block of a nested block list.
func firstObj(v any) gObj {
	list, _ := v.([]any)
	first, _ := list[0].(gObj)
	return first
}

const (
	gStrict       = "strict"
	gConfidential = "confidential"
	gViolated     = finding.StatusViolated
	gDeferred     = finding.StatusDeferred
)

func init() {
	casesByCloud["google"] = []mappingCase{
		// google_storage_bucket
		{Type: "google_storage_bucket", Name: "compliant", Obj: gcsBucket},
		{Type: "google_storage_bucket", Name: "public access prevention inherited", Obj: gcsBucketWith("public_access_prevention", "inherited"),
			Want: map[string]string{"google_storage_bucket.public_access_not_prevented": gViolated},
			Attr: map[string]string{"google_storage_bucket.public_access_not_prevented": "public_access_prevention"}},
		{Type: "google_storage_bucket", Name: "public access prevention unset falls back to inherited", Obj: gcsBucketWith("public_access_prevention", nil),
			Want: map[string]string{"google_storage_bucket.public_access_not_prevented": gViolated}},
		{Type: "google_storage_bucket", Name: "public access prevention computed at plan defers", Obj: gcsBucketWith("public_access_prevention", Unknown),
			Want: map[string]string{"google_storage_bucket.public_access_not_prevented": gDeferred}},
		{Type: "google_storage_bucket", Name: "versioning off", Obj: gcsBucketWith("versioning", gList(gObj{"enabled": false})),
			Want: map[string]string{"google_storage_bucket.versioning_disabled": gViolated},
			Attr: map[string]string{"google_storage_bucket.versioning_disabled": "versioning[0].enabled"}},
		{Type: "google_storage_bucket", Name: "versioning block absent says nothing (no documented default)", Obj: gcsBucketWith("versioning", gList())},
		{Type: "google_storage_bucket", Name: "versioning computed at plan defers", Obj: gcsBucketWith("versioning", Unknown),
			Want: map[string]string{"google_storage_bucket.versioning_disabled": gDeferred}},
		{Type: "google_storage_bucket", Name: "no access logging", Obj: gcsBucketWith("logging", gList()),
			Want: map[string]string{"google_storage_bucket.access_logging_disabled": gViolated},
			Attr: map[string]string{"google_storage_bucket.access_logging_disabled": "logging[0].log_bucket"}},
		{Type: "google_storage_bucket", Name: "logging null", Obj: gcsBucketWith("logging", nil),
			Want: map[string]string{"google_storage_bucket.access_logging_disabled": gViolated}},
		{Type: "google_storage_bucket", Name: "log bucket unknown defers", Obj: gcsBucketWith("logging", gList(gObj{"log_bucket": Unknown})),
			Want: map[string]string{"google_storage_bucket.access_logging_disabled": gDeferred}},
		{Type: "google_storage_bucket", Name: "google-managed key for gConfidential data under strict", Obj: gcsBucket,
			Baseline: gStrict, Classification: gConfidential,
			Want: map[string]string{"google_storage_bucket.no_customer_managed_key": gViolated}},
		{Type: "google_storage_bucket", Name: "customer-managed key", Obj: gcsBucketWith("encryption", gList(gObj{"default_kms_key_name": gcsKey})),
			Baseline: gStrict, Classification: gConfidential},

		// google_storage_bucket_iam_member and _binding
		{Type: "google_storage_bucket_iam_member", Name: "allUsers", Obj: gObj{"bucket": "acme-orders", "role": "roles/storage.objectViewer", "member": "allUsers", "etag": Unknown, "id": Unknown, "condition": gList()},
			Want: map[string]string{"google_storage_bucket_iam_member.public_member": gViolated},
			Attr: map[string]string{"google_storage_bucket_iam_member.public_member": "member"}},
		{Type: "google_storage_bucket_iam_member", Name: "allAuthenticatedUsers", Obj: gObj{"bucket": "acme-orders", "role": "roles/storage.objectViewer", "member": "allAuthenticatedUsers"},
			Want: map[string]string{"google_storage_bucket_iam_member.public_member": gViolated}},
		{Type: "google_storage_bucket_iam_member", Name: "named group", Obj: gObj{"bucket": "acme-orders", "role": "roles/storage.objectViewer", "member": "group:order-readers@example.com", "etag": Unknown}},
		{Type: "google_storage_bucket_iam_member", Name: "member unknown defers", Obj: gObj{"bucket": "acme-orders", "role": "roles/storage.objectViewer", "member": Unknown},
			Want: map[string]string{"google_storage_bucket_iam_member.public_member": gDeferred}},
		{Type: "google_storage_bucket_iam_binding", Name: "allUsers among members", Obj: gObj{"bucket": "acme-orders", "role": "roles/storage.objectViewer",
			"members": gList("user:jane@example.com", "allUsers"), "etag": Unknown, "id": Unknown, "condition": gList()},
			Want: map[string]string{"google_storage_bucket_iam_binding.public_member": gViolated},
			Attr: map[string]string{"google_storage_bucket_iam_binding.public_member": "members"}},
		{Type: "google_storage_bucket_iam_binding", Name: "named members", Obj: gObj{"bucket": "acme-orders", "role": "roles/storage.objectViewer",
			"members": gList("serviceAccount:orders@acme-prod.iam.gserviceaccount.com", "group:order-readers@example.com")}},
		{Type: "google_storage_bucket_iam_binding", Name: "one member unknown defers", Obj: gObj{"bucket": "acme-orders", "role": "roles/storage.objectViewer",
			"members": gList("user:jane@example.com", Unknown)},
			Want: map[string]string{"google_storage_bucket_iam_binding.public_member": gDeferred}},

		// google_sql_database_instance
		{Type: "google_sql_database_instance", Name: "private, TLS-only, backed up", Obj: cloudSQLInstance},
		{Type: "google_sql_database_instance", Name: "public IP", Obj: cloudSQLWith("ip_configuration", cloudSQLIP("ipv4_enabled", true)),
			Want: map[string]string{"google_sql_database_instance.public_ip": gViolated},
			Attr: map[string]string{"google_sql_database_instance.public_ip": "settings[0].ip_configuration[0].ipv4_enabled"}},
		{Type: "google_sql_database_instance", Name: "authorized network open to the internet",
			Obj: cloudSQLWith("ip_configuration", cloudSQLIP("ipv4_enabled", true, "authorized_networks", gList(
				gObj{"name": "office", "value": "203.0.113.0/24", "expiration_time": nil},
				gObj{"name": "anyone", "value": "0.0.0.0/0", "expiration_time": nil}))),
			Want: map[string]string{"google_sql_database_instance.public_ip": gViolated, "google_sql_database_instance.authorized_network_world_open": gViolated},
			Attr: map[string]string{"google_sql_database_instance.authorized_network_world_open": "settings[0].ip_configuration[0].authorized_networks[1].value"}},
		{Type: "google_sql_database_instance", Name: "authorized network limited to an office range",
			Obj:  cloudSQLWith("ip_configuration", cloudSQLIP("ipv4_enabled", true, "authorized_networks", gList(gObj{"name": "office", "value": "203.0.113.0/24"}))),
			Want: map[string]string{"google_sql_database_instance.public_ip": gViolated}},
		{Type: "google_sql_database_instance", Name: "ip_configuration computed at plan defers",
			Obj: cloudSQLWith("ip_configuration", Unknown),
			Want: map[string]string{"google_sql_database_instance.public_ip": gDeferred, "google_sql_database_instance.authorized_network_world_open": gDeferred,
				"google_sql_database_instance.ssl_not_required": gDeferred}},
		{Type: "google_sql_database_instance", Name: "unencrypted connections allowed", Obj: cloudSQLWith("ip_configuration", cloudSQLIP("ssl_mode", "ALLOW_UNENCRYPTED_AND_ENCRYPTED")),
			Want: map[string]string{"google_sql_database_instance.ssl_not_required": gViolated},
			Attr: map[string]string{"google_sql_database_instance.ssl_not_required": "settings[0].ip_configuration[0].ssl_mode"}},
		{Type: "google_sql_database_instance", Name: "client certificates required", Obj: cloudSQLWith("ip_configuration", cloudSQLIP("ssl_mode", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"))},
		{Type: "google_sql_database_instance", Name: "ssl_mode computed at plan defers", Obj: cloudSQLWith("ip_configuration", cloudSQLIP("ssl_mode", Unknown)),
			Want: map[string]string{"google_sql_database_instance.ssl_not_required": gDeferred}},
		{Type: "google_sql_database_instance", Name: "PostgreSQL logging flags on", Obj: cloudSQLWith("database_flags", gList(
			gObj{"name": "cloudsql.enable_pgaudit", "value": "on"}, gObj{"name": "log_connections", "value": "on"}, gObj{"name": "log_disconnections", "value": "on"}))},
		{Type: "google_sql_database_instance", Name: "PostgreSQL logging flags off", Obj: cloudSQLWith("database_flags", gList(
			gObj{"name": "cloudsql.enable_pgaudit", "value": "off"}, gObj{"name": "log_connections", "value": "off"}, gObj{"name": "LOG_DISCONNECTIONS", "value": "off"})),
			Want: map[string]string{"google_sql_database_instance.pgaudit_disabled": gViolated, "google_sql_database_instance.log_connections_disabled": gViolated,
				"google_sql_database_instance.log_disconnections_disabled": gViolated},
			Attr: map[string]string{"google_sql_database_instance.log_connections_disabled": "settings[0].database_flags"}},
		{Type: "google_sql_database_instance", Name: "no database flags say nothing (the engine's defaults are not shown)", Obj: cloudSQLWith("database_flags", gList())},
		{Type: "google_sql_database_instance", Name: "a flag value unknown at plan defers", Obj: cloudSQLWith("database_flags", gList(gObj{"name": "log_connections", "value": Unknown})),
			Want: map[string]string{"google_sql_database_instance.pgaudit_disabled": gDeferred, "google_sql_database_instance.log_connections_disabled": gDeferred,
				"google_sql_database_instance.log_disconnections_disabled": gDeferred}},
		{Type: "google_sql_database_instance", Name: "backups off", Obj: cloudSQLWith("backup_configuration", cloudSQLBackup("enabled", false)),
			Want: map[string]string{"google_sql_database_instance.backups_disabled": gViolated},
			Attr: map[string]string{"google_sql_database_instance.backups_disabled": "settings[0].backup_configuration[0].enabled"}},
		{Type: "google_sql_database_instance", Name: "backups unset say nothing (no documented default)", Obj: cloudSQLWith("backup_configuration", cloudSQLBackup("enabled", nil))},
		{Type: "google_sql_database_instance", Name: "backup_configuration computed at plan defers", Obj: cloudSQLWith("backup_configuration", Unknown),
			Want: map[string]string{"google_sql_database_instance.backups_disabled": gDeferred, "google_sql_database_instance.backup_retention_short": gDeferred}},
		{Type: "google_sql_database_instance", Name: "three backups kept", Obj: cloudSQLWith("backup_configuration", cloudSQLRetention(3.0, "COUNT")),
			Want: map[string]string{"google_sql_database_instance.backup_retention_short": gViolated},
			Attr: map[string]string{"google_sql_database_instance.backup_retention_short": "settings[0].backup_configuration[0].backup_retention_settings[0].retained_backups"}},
		{Type: "google_sql_database_instance", Name: "retention unit unset is COUNT", Obj: cloudSQLWith("backup_configuration", cloudSQLRetention(3.0, nil)),
			Want: map[string]string{"google_sql_database_instance.backup_retention_short": gViolated}},
		{Type: "google_sql_database_instance", Name: "seven backups meet standard", Obj: cloudSQLWith("backup_configuration", cloudSQLRetention(7.0, "COUNT"))},
		{Type: "google_sql_database_instance", Name: "retained_backups unknown defers", Obj: cloudSQLWith("backup_configuration", cloudSQLRetention(Unknown, "COUNT")),
			Want: map[string]string{"google_sql_database_instance.backup_retention_short": gDeferred}},
		{Type: "google_sql_database_instance", Name: "no CMEK for gConfidential data under strict", Obj: cloudSQLInstance,
			Baseline: gStrict, Classification: gConfidential,
			Want: map[string]string{"google_sql_database_instance.no_customer_managed_key": gViolated}},
		{Type: "google_sql_database_instance", Name: "CMEK computed at plan defers", Obj: gWith(cloudSQLInstance, "encryption_key_name", Unknown),
			Baseline: gStrict, Classification: gConfidential,
			Want: map[string]string{"google_sql_database_instance.no_customer_managed_key": gDeferred}},
		{Type: "google_sql_database_instance", Name: "CMEK", Obj: gWith(cloudSQLInstance, "encryption_key_name", "projects/acme-prod/locations/europe-west1/keyRings/data/cryptoKeys/sql"),
			Baseline: gStrict, Classification: gConfidential},

		// google_compute_firewall
		{Type: "google_compute_firewall", Name: "ssh from anywhere", Obj: gceFirewall,
			Want: map[string]string{"google_compute_firewall.world_open_admin_port": gViolated}},
		{Type: "google_compute_firewall", Name: "direction unset in a literal object is INGRESS", Obj: gWith(gceFirewall, "direction", nil),
			Want: map[string]string{"google_compute_firewall.world_open_admin_port": gViolated}},
		{Type: "google_compute_firewall", Name: "direction computed at plan defers", Obj: gWith(gceFirewall, "direction", Unknown),
			Want: map[string]string{"google_compute_firewall.world_open_ingress": gDeferred},
			Attr: map[string]string{"google_compute_firewall.world_open_ingress": "direction"}},
		{Type: "google_compute_firewall", Name: "ports unknown defer", Obj: gWith(gceFirewall, "allow", gList(gObj{"protocol": "tcp", "ports": Unknown})),
			Want: map[string]string{"google_compute_firewall.world_open_ingress": gDeferred},
			Attr: map[string]string{"google_compute_firewall.world_open_ingress": "allow"}},
		{Type: "google_compute_firewall", Name: "all protocols from anywhere", Obj: gWith(gceFirewall, "allow", gList(gObj{"protocol": "all", "ports": gList()})),
			Want: map[string]string{"google_compute_firewall.world_open_all_ports": gViolated}},
		{Type: "google_compute_firewall", Name: "postgres from anywhere", Obj: gWith(gceFirewall, "allow", gList(gObj{"protocol": "tcp", "ports": gList("443", "5432")})),
			Want: map[string]string{"google_compute_firewall.world_open_database_port": gViolated}},
		{Type: "google_compute_firewall", Name: "https from anywhere", Obj: gWith(gceFirewall, "allow", gList(gObj{"protocol": "tcp", "ports": gList("443")}))},
		{Type: "google_compute_firewall", Name: "ssh from the IAP range", Obj: gWith(gceFirewall, "source_ranges", gList("35.235.240.0/20"))},
		{Type: "google_compute_firewall", Name: "ssh from tagged instances only", Obj: gWith(gceFirewall, "source_ranges", nil, "source_tags", gList("ssh-jump"))},
		{Type: "google_compute_firewall", Name: "egress", Obj: gWith(gceFirewall, "direction", "EGRESS", "source_ranges", nil, "destination_ranges", gList("0.0.0.0/0"))},
		{Type: "google_compute_firewall", Name: "disabled", Obj: gWith(gceFirewall, "disabled", true)},
		{Type: "google_compute_firewall", Name: "deny rule", Obj: gWith(gceFirewall, "allow", gList(), "deny", gList(gObj{"protocol": "tcp", "ports": gList("22")}))},
		{Type: "google_compute_firewall", Name: "no rule logging", Obj: gWith(gceFirewall, "allow", gList(gObj{"protocol": "tcp", "ports": gList("443")}), "log_config", gList()),
			Want: map[string]string{"google_compute_firewall.logging_disabled": gViolated},
			Attr: map[string]string{"google_compute_firewall.logging_disabled": "log_config"}},
		{Type: "google_compute_firewall", Name: "deprecated enable_logging", Obj: gWith(gceFirewall, "allow", gList(gObj{"protocol": "tcp", "ports": gList("443")}), "log_config", gList(), "enable_logging", true)},
		{Type: "google_compute_firewall", Name: "enable_logging computed at plan defers the logging check", Obj: gWith(gceFirewall, "allow", gList(gObj{"protocol": "tcp", "ports": gList("443")}), "enable_logging", Unknown),
			Want: map[string]string{"google_compute_firewall.logging_disabled": gDeferred}},

		// google_compute_instance
		{Type: "google_compute_instance", Name: "internal only, OS Login 2FA, CMEK boot disk", Obj: gceInstance},
		{Type: "google_compute_instance", Name: "external IPv4 with its address computed at plan",
			Obj:  gWith(gceInstance, "network_interface", gList(gceNIC("access_config", gList(gObj{"nat_ip": Unknown, "network_tier": Unknown, "public_ptr_domain_name": nil})))),
			Want: map[string]string{"google_compute_instance.external_ipv4": gViolated},
			Attr: map[string]string{"google_compute_instance.external_ipv4": "network_interface[0].access_config"}},
		{Type: "google_compute_instance", Name: "external IPv4 on the second interface",
			Obj:  gWith(gceInstance, "network_interface", gList(gceNIC(), gceNIC("access_config", gList(gObj{"nat_ip": "198.51.100.7", "network_tier": "PREMIUM"})))),
			Want: map[string]string{"google_compute_instance.external_ipv4": gViolated},
			Attr: map[string]string{"google_compute_instance.external_ipv4": "network_interface[1].access_config"}},
		{Type: "google_compute_instance", Name: "access_config from an unknown dynamic block defers",
			Obj:  gWith(gceInstance, "network_interface", gList(gceNIC("access_config", Unknown))),
			Want: map[string]string{"google_compute_instance.external_ipv4": gDeferred}},
		{Type: "google_compute_instance", Name: "external IPv6",
			Obj:  gWith(gceInstance, "network_interface", gList(gceNIC("ipv6_access_config", gList(gObj{"network_tier": "PREMIUM", "external_ipv6": Unknown})))),
			Want: map[string]string{"google_compute_instance.external_ipv6": gViolated},
			Attr: map[string]string{"google_compute_instance.external_ipv6": "network_interface[0].ipv6_access_config"}},
		{Type: "google_compute_instance", Name: "OS Login 2FA off", Obj: gWith(gceInstance, "metadata", gObj{"enable-oslogin": "TRUE", "enable-oslogin-2fa": "FALSE"}),
			Want: map[string]string{"google_compute_instance.oslogin_2fa_disabled": gViolated},
			Attr: map[string]string{"google_compute_instance.oslogin_2fa_disabled": "metadata.enable-oslogin-2fa"}},
		{Type: "google_compute_instance", Name: "OS Login 2FA off with OS Login left to the project", Obj: gWith(gceInstance, "metadata", gObj{"enable-oslogin-2fa": "false"}),
			Want: map[string]string{"google_compute_instance.oslogin_2fa_disabled": gViolated}},
		{Type: "google_compute_instance", Name: "OS Login 2FA lower case", Obj: gWith(gceInstance, "metadata", gObj{"enable-oslogin": "true", "enable-oslogin-2fa": "true"})},
		{Type: "google_compute_instance", Name: "2FA key unset says nothing (project metadata may set it)", Obj: gWith(gceInstance, "metadata", gObj{"enable-oslogin": "TRUE"})},
		{Type: "google_compute_instance", Name: "2FA key without OS Login proves nothing", Obj: gWith(gceInstance, "metadata", gObj{"enable-oslogin": "FALSE", "enable-oslogin-2fa": "FALSE"})},
		{Type: "google_compute_instance", Name: "metadata unknown defers", Obj: gWith(gceInstance, "metadata", Unknown),
			Want: map[string]string{"google_compute_instance.oslogin_2fa_disabled": gDeferred, "google_compute_instance.metadata_secrets": gDeferred}},
		{Type: "google_compute_instance", Name: "password in the startup-script metadata key", Obj: gWith(gceInstance, "metadata", gObj{"enable-oslogin": "TRUE", "enable-oslogin-2fa": "TRUE", "startup-script": gStartupEnv}),
			Want: map[string]string{"google_compute_instance.password_assignment": gViolated},
			Attr: map[string]string{"google_compute_instance.password_assignment": "metadata"}},
		{Type: "google_compute_instance", Name: "password in metadata_startup_script", Obj: gWith(gceInstance, "metadata_startup_script", "#!/bin/sh\n"+gStartupEnv+"\n"),
			Want: map[string]string{"google_compute_instance.password_assignment": gViolated},
			Attr: map[string]string{"google_compute_instance.password_assignment": "metadata_startup_script"}},
		{Type: "google_compute_instance", Name: "the default compute service account", Obj: gWith(gceInstance, "service_account", gList(gObj{"email": "123456789012-compute@developer.gserviceaccount.com", "scopes": gList("cloud-platform")})),
			Want: map[string]string{"google_compute_instance.default_service_account": gViolated},
			Attr: map[string]string{"google_compute_instance.default_service_account": "service_account[0].email"}},
		{Type: "google_compute_instance", Name: "service account email unset is computed at plan: deferred", Obj: gWith(gceInstance, "service_account", gList(gObj{"email": Unknown, "scopes": gList("cloud-platform")})),
			Want: map[string]string{"google_compute_instance.default_service_account": gDeferred}},
		{Type: "google_compute_instance", Name: "no service_account block: no service account", Obj: gWith(gceInstance, "service_account", gList())},
		{Type: "google_compute_instance", Name: "metadata_startup_script without secrets", Obj: gWith(gceInstance, "metadata_startup_script", gStartupPlain)},
		{Type: "google_compute_instance", Name: "metadata_startup_script unknown defers", Obj: gWith(gceInstance, "metadata_startup_script", Unknown),
			Want: map[string]string{"google_compute_instance.startup_script_secrets": gDeferred}},
		{Type: "google_compute_instance", Name: "google-managed boot disk key under strict", Obj: gWith(gceInstance, "boot_disk", gceBoot("kms_key_self_link", nil)),
			Baseline: gStrict, Classification: gConfidential,
			Want: map[string]string{"google_compute_instance.no_customer_managed_key": gViolated},
			Attr: map[string]string{"google_compute_instance.no_customer_managed_key": "boot_disk[0].kms_key_self_link"}},
		{Type: "google_compute_instance", Name: "boot disk key computed at plan defers", Obj: gWith(gceInstance, "boot_disk", gceBoot("kms_key_self_link", Unknown)),
			Baseline: gStrict, Classification: gConfidential,
			Want: map[string]string{"google_compute_instance.no_customer_managed_key": gDeferred}},
		{Type: "google_compute_instance", Name: "customer-supplied boot disk key", Obj: gWith(gceInstance, "boot_disk", gceBoot("kms_key_self_link", Unknown, "disk_encryption_key_raw", gRawDiskKey)),
			Baseline: gStrict, Classification: gConfidential},
		{Type: "google_compute_instance", Name: "CMEK boot disk under strict", Obj: gceInstance, Baseline: gStrict, Classification: gConfidential},

		// google_compute_disk
		{Type: "google_compute_disk", Name: "google-managed key under standard is not judged", Obj: gcePDDisk},
		{Type: "google_compute_disk", Name: "google-managed key for gConfidential data under strict", Obj: gcePDDisk,
			Baseline: gStrict, Classification: gConfidential,
			Want: map[string]string{"google_compute_disk.no_customer_managed_key": gViolated},
			Attr: map[string]string{"google_compute_disk.no_customer_managed_key": "disk_encryption_key[0].kms_key_self_link"}},
		{Type: "google_compute_disk", Name: "CMEK with its hash computed at plan",
			Obj:      gWith(gcePDDisk, "disk_encryption_key", gList(gObj{"kms_key_self_link": gDiskKey, "raw_key": nil, "rsa_encrypted_key": nil, "sha256": Unknown, "kms_key_service_account": nil})),
			Baseline: gStrict, Classification: gConfidential},
		{Type: "google_compute_disk", Name: "customer-supplied key",
			Obj:      gWith(gcePDDisk, "disk_encryption_key", gList(gObj{"kms_key_self_link": nil, "raw_key": gRawDiskKey, "sha256": Unknown})),
			Baseline: gStrict, Classification: gConfidential},
		{Type: "google_compute_disk", Name: "key unknown defers", Obj: gWith(gcePDDisk, "disk_encryption_key", gList(gObj{"kms_key_self_link": Unknown, "raw_key": nil})),
			Baseline: gStrict, Classification: gConfidential,
			Want: map[string]string{"google_compute_disk.no_customer_managed_key": gDeferred}},

		// google_kms_crypto_key
		{Type: "google_kms_crypto_key", Name: "rotated every 90 days", Obj: gKMSKey},
		{Type: "google_kms_crypto_key", Name: "rotation unset never rotates", Obj: gWith(gKMSKey, "rotation_period", nil),
			Want: map[string]string{"google_kms_crypto_key.rotation_disabled": gViolated},
			Attr: map[string]string{"google_kms_crypto_key.rotation_disabled": "rotation_period"}},
		{Type: "google_kms_crypto_key", Name: "rotation every two years", Obj: gWith(gKMSKey, "rotation_period", "63072000s"),
			Want: map[string]string{"google_kms_crypto_key.rotation_disabled": gViolated}},
		{Type: "google_kms_crypto_key", Name: "purpose unset is ENCRYPT_DECRYPT", Obj: gWith(gKMSKey, "purpose", nil, "rotation_period", nil),
			Want: map[string]string{"google_kms_crypto_key.rotation_disabled": gViolated}},
		{Type: "google_kms_crypto_key", Name: "signing key is not auto-rotated", Obj: gWith(gKMSKey, "purpose", "ASYMMETRIC_SIGN", "rotation_period", nil)},
		{Type: "google_kms_crypto_key", Name: "rotation unknown defers", Obj: gWith(gKMSKey, "rotation_period", Unknown),
			Want: map[string]string{"google_kms_crypto_key.rotation_disabled": gDeferred}},

		// google_container_cluster
		{Type: "google_container_cluster", Name: "private nodes, authorized networks, auto-upgrade", Obj: gkeCluster},
		{Type: "google_container_cluster", Name: "public endpoint open to all", Obj: gWith(gkeCluster, "master_authorized_networks_config", gList()),
			Want: map[string]string{"google_container_cluster.public_endpoint_unrestricted": gViolated},
			Attr: map[string]string{"google_container_cluster.public_endpoint_unrestricted": "master_authorized_networks_config"}},
		{Type: "google_container_cluster", Name: "no public endpoint", Obj: gWith(gkeCluster, "master_authorized_networks_config", gList(),
			"private_cluster_config", gList(gObj{"enable_private_nodes": true, "enable_private_endpoint": true, "private_endpoint": Unknown}))},
		{Type: "google_container_cluster", Name: "authorized networks with no external ranges", Obj: gWith(gkeCluster, "master_authorized_networks_config", gkeAuthorized())},
		{Type: "google_container_cluster", Name: "computed blocks at plan defer",
			Obj: gWith(gkeCluster, "private_cluster_config", Unknown, "master_authorized_networks_config", Unknown),
			Want: map[string]string{"google_container_cluster.public_endpoint_unrestricted": gDeferred, "google_container_cluster.authorized_network_world_open": gDeferred,
				"google_container_cluster.private_nodes_disabled": gDeferred}},
		{Type: "google_container_cluster", Name: "authorized network 0.0.0.0/0", Obj: gWith(gkeCluster, "master_authorized_networks_config", gkeAuthorized("203.0.113.0/24", "0.0.0.0/0")),
			Want: map[string]string{"google_container_cluster.authorized_network_world_open": gViolated},
			Attr: map[string]string{"google_container_cluster.authorized_network_world_open": "master_authorized_networks_config[0].cidr_blocks[1].cidr_block"}},
		{Type: "google_container_cluster", Name: "public nodes", Obj: gWith(gkeCluster, "private_cluster_config", gList(gObj{"enable_private_nodes": false, "enable_private_endpoint": false})),
			Want: map[string]string{"google_container_cluster.private_nodes_disabled": gViolated},
			Attr: map[string]string{"google_container_cluster.private_nodes_disabled": "private_cluster_config[0].enable_private_nodes"}},
		{Type: "google_container_cluster", Name: "logging off", Obj: gWith(gkeCluster, "logging_service", "none"),
			Want: map[string]string{"google_container_cluster.logging_disabled": gViolated},
			Attr: map[string]string{"google_container_cluster.logging_disabled": "logging_service"}},
		{Type: "google_container_cluster", Name: "logging_service unset is Cloud Logging", Obj: gWith(gkeCluster, "logging_service", nil)},
		{Type: "google_container_cluster", Name: "logging_service computed at plan defers", Obj: gWith(gkeCluster, "logging_service", Unknown),
			Want: map[string]string{"google_container_cluster.logging_disabled": gDeferred}},
		{Type: "google_container_cluster", Name: "a node pool without auto-upgrade", Obj: gWith(gkeCluster, "node_pool", gList(gkePool(true), gkePool(false))),
			Want: map[string]string{"google_container_cluster.node_auto_upgrade_disabled": gViolated},
			Attr: map[string]string{"google_container_cluster.node_auto_upgrade_disabled": "node_pool[1].management[0].auto_upgrade"}},
		{Type: "google_container_cluster", Name: "management unset auto-upgrades", Obj: gWith(gkeCluster, "node_pool", gList(gObj{"name": "pool", "management": gList()}))},
		{Type: "google_container_cluster", Name: "auto_upgrade null auto-upgrades", Obj: gWith(gkeCluster, "node_pool", gList(gkePool(nil)))},
		{Type: "google_container_cluster", Name: "node pools computed at plan defer", Obj: gWith(gkeCluster, "node_pool", Unknown),
			Want: map[string]string{"google_container_cluster.node_auto_upgrade_disabled": gDeferred}},
		{Type: "google_container_cluster", Name: "secrets not encrypted with a customer key under strict",
			Obj:      gWith(gkeCluster, "database_encryption", gList(gObj{"state": "DECRYPTED", "key_name": ""})),
			Baseline: gStrict, Classification: gConfidential,
			Want: map[string]string{"google_container_cluster.secrets_not_encrypted_with_cmek": gViolated},
			Attr: map[string]string{"google_container_cluster.secrets_not_encrypted_with_cmek": "database_encryption[0].state"}},
		{Type: "google_container_cluster", Name: "application-layer secrets encryption", Obj: gkeCluster, Baseline: gStrict, Classification: gConfidential},
		{Type: "google_container_cluster", Name: "legacy ABAC on", Obj: gWith(gkeCluster, "enable_legacy_abac", true),
			Want: map[string]string{"google_container_cluster.legacy_abac_enabled": gViolated},
			Attr: map[string]string{"google_container_cluster.legacy_abac_enabled": "enable_legacy_abac"}},
		{Type: "google_container_cluster", Name: "legacy ABAC off", Obj: gWith(gkeCluster, "enable_legacy_abac", false)},
		{Type: "google_container_cluster", Name: "legacy ABAC unset is off", Obj: gWith(gkeCluster, "enable_legacy_abac", nil)},
		{Type: "google_container_cluster", Name: "legacy ABAC unknown defers", Obj: gWith(gkeCluster, "enable_legacy_abac", Unknown),
			Want: map[string]string{"google_container_cluster.legacy_abac_enabled": gDeferred}},
	}
}

// TestGoogleFindingsNeverEchoValues: no finding text holds a value from
// the resource beyond what the mapping itself lists or says in its fixed
// text (a password, a raw key, a startup script, a bucket or key name).
func TestGoogleFindingsNeverEchoValues(t *testing.T) {
	for _, c := range casesByCloud["google"] {
		r, _ := testEngine.Resource(c.Type)
		listed := map[string]bool{"0.0.0.0/0": true} // the gceFirewall detector names a world-open source
		for _, mp := range r.Mappings {
			for _, v := range mp.Values {
				listed[strings.ToLower(v)] = true
			}
		}
		fixed := ""
		for _, mp := range r.Mappings {
			fixed += mp.Message + " " + mp.Remediation + " "
		}
		var leaves []string
		googleStrings(c.Obj, &leaves)
		for _, f := range c.judge(t) {
			text := f.Message + " " + f.Remediation
			for _, s := range leaves {
				if len(s) > 4 && !listed[strings.ToLower(s)] && !strings.Contains(fixed, s) && strings.Contains(text, s) {
					t.Errorf("%s/%s: finding %s echoes the resource value %q: %s", c.Type, c.Name, FindingID(f), s, text)
				}
			}
		}
	}
}

func googleStrings(v any, out *[]string) {
	switch t := v.(type) {
	case string:
		*out = append(*out, t)
	case []any:
		for _, e := range t {
			googleStrings(e, out)
		}
	case map[string]any:
		for _, e := range t {
			googleStrings(e, out)
		}
	}
}

// TestGoogleControls: resource_controls reports what each resource proves,
// with the documented defaults and never-rotating keys.
func TestGoogleControls(t *testing.T) {
	tests := []struct {
		typ  string
		obj  map[string]any
		want map[string]string
	}{
		{"google_storage_bucket", gcsBucketWith("public_access_prevention", nil, "versioning", gList()),
			map[string]string{"storage.public_access": "true", "backup.enabled": "null", "logging.enabled": "true", "encryption.customer_managed_key": "false"}},
		{"google_sql_database_instance", cloudSQLWith("ip_configuration", cloudSQLIP("ipv4_enabled", true, "authorized_networks", gList(gObj{"value": "10.0.0.0/8"}, gObj{"value": "0.0.0.0/0"}))),
			map[string]string{"network.segmented": "false", "encryption.in_transit": "true", "backup.enabled": "true", "backup.retention_days": "30", "encryption.customer_managed_key": "false", "logging.enabled": "null"}},
		{"google_kms_crypto_key", gWith(gKMSKey, "rotation_period", nil), map[string]string{"encryption.key_rotation_days": "+Inf"}},
		{"google_kms_crypto_key", gKMSKey, map[string]string{"encryption.key_rotation_days": "90"}},
		{"google_container_cluster", gWith(gkeCluster, "node_pool", gList(gkePool(true), gkePool(false)), "logging_service", Unknown),
			map[string]string{"network.segmented": "true", "logging.enabled": "unknown", "hardening.os_patching": "false", "encryption.customer_managed_key": "true", "identity.least_privilege": "true"}},
		{"google_compute_instance", gceInstance, map[string]string{"network.segmented": "true", "identity.mfa_required": "true", "encryption.customer_managed_key": "true", "secrets_scan": "3 texts", "identity.least_privilege": "true"}},
	}
	for _, tt := range tests {
		got, err := testEngine.Controls(tt.typ, tt.obj)
		if err != nil {
			t.Fatalf("%s: %v", tt.typ, err)
		}
		for id, want := range tt.want {
			if s := googleShowValue(got[id]); s != want {
				t.Errorf("%s: %s = %s, want %s", tt.typ, id, s, want)
			}
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s: controls %v, want exactly %v", tt.typ, got, tt.want)
		}
	}
}

func googleShowValue(v policy.Value) string {
	switch {
	case v.State == policy.Null:
		return "null"
	case v.State == policy.Unknown:
		return "unknown"
	case len(v.Strings) > 0:
		return fmt.Sprintf("%d texts", len(v.Strings))
	case math.IsInf(v.Number, 1):
		return "+Inf"
	case v.Number != 0:
		return formatNumber(v.Number)
	}
	if v.Bool {
		return "true"
	}
	return "false"
}

// TestGoogleFirewallUsesOnlyWhatItReads: the firewall reading is not
// deferred by an unknown attribute it does not use (id, self_link).
func TestGoogleFirewallUsesOnlyWhatItReads(t *testing.T) {
	items, err := testEngine.Extract("google_compute_firewall", "google_compute_firewall.ssh", gWith(gceFirewall, "self_link", Unknown, "id", Unknown))
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.Control == "network.ingress_rules" && (it.Value.State != policy.Known || len(it.Value.Rules) != 1) {
			t.Errorf("unknown id or self_link changed the rule reading: %+v", it.Value)
		}
	}
}
