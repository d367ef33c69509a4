package evidence

import (
	"strings"
	"testing"

	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// Cases for data/google_services.json. Each spec names one mapping, a
// resource in the provider's 6.50.0 shape that passes every mapping of its
// type, and the values that violate and pass it; gSvcCases turns a spec
// into four cases judged through the engine: violating, passing, unset (the
// attribute null: the provider's default, or nothing) and unknown at plan
// (the attribute Unknown, as an optional+computed argument arrives).

type gSvcSpec struct {
	typ  string
	base gObj
	id   string // the mapping
	// path is where the values go, the mapping's attribute with [*] as [0]
	// unless given.
	path      string
	bad, good any
	// unset is the status when the attribute is null: "" for no finding.
	unset string
	// finding is the finding id a violation carries when a detector names
	// it (the secret detector's rule); "" is the mapping's own.
	finding string
	// alsoDeferred are the other mappings an unknown value here defers
	// (a metadata map read by two mappings).
	alsoDeferred []string
	// strict judges under the strict baseline with confidential data, where
	// customer-managed keys, centralised logs and alerting are required.
	strict bool
}

// gSet copies obj with the value at path replaced, copying every object
// and list on the way so the spec's base is never changed.
func gSet(obj any, path string, v any) any {
	steps, ok := parsePath(path)
	if !ok {
		panic("bad path " + path)
	}
	return gSetSteps(obj, steps, v)
}

func gSetSteps(cur any, steps []step, v any) any {
	if len(steps) == 0 {
		return v
	}
	s := steps[0]
	if s.index == -1 {
		m, _ := cur.(map[string]any)
		out := make(map[string]any, len(m)+1)
		for k, x := range m {
			out[k] = x
		}
		out[s.name] = gSetSteps(m[s.name], steps[1:], v)
		return out
	}
	i := s.index
	if i == anyIndex {
		i = 0
	}
	list, _ := cur.([]any)
	out := append([]any(nil), list...)
	for len(out) <= i {
		out = append(out, map[string]any{})
	}
	out[i] = gSetSteps(out[i], steps[1:], v)
	return out
}

func gSvcCases(specs []gSvcSpec) []mappingCase {
	var out []mappingCase
	for _, s := range specs {
		r, ok := testEngine.Resource(s.typ)
		if !ok {
			panic("no mapping for " + s.typ)
		}
		var mp Mapping
		for _, x := range r.Mappings {
			if x.ID == s.id {
				mp = x
			}
		}
		if mp.ID == "" {
			panic("no mapping " + s.typ + "." + s.id)
		}
		path := s.path
		if path == "" {
			path = strings.ReplaceAll(mp.Attribute, "[*]", "[0]")
		}
		check, finding := s.typ+"."+s.id, s.typ+"."+s.id
		if s.finding != "" {
			finding = s.typ + "." + s.finding
		}
		with := func(v any) gObj { return gSet(s.base, path, v).(map[string]any) }
		c := mappingCase{Type: s.typ}
		if s.strict {
			c.Baseline, c.Classification = gStrict, gConfidential
		}
		add := func(name string, obj gObj, want map[string]string) {
			x := c
			x.Name, x.Obj, x.Want = s.id+": "+name, obj, want
			out = append(out, x)
		}
		add("compliant", s.base, nil)
		add("violating", with(s.bad), map[string]string{finding: gViolated})
		attr := strings.ReplaceAll(mp.Attribute, "[*]", "[0]")
		if !strings.HasPrefix(attr, path) {
			attr = path
		}
		out[len(out)-1].Attr = map[string]string{finding: attr}
		add("passing", with(s.good), nil)
		var unset map[string]string
		if s.unset != "" {
			unset = map[string]string{finding: s.unset}
		}
		add("unset", with(nil), unset)
		deferred := map[string]string{check: gDeferred}
		for _, id := range s.alsoDeferred {
			deferred[s.typ+"."+id] = gDeferred
		}
		add("unknown at plan", with(Unknown), deferred)
	}
	return out
}

const gSecretEnv = "Hunter2-Hunter2-Hunter2"

var (
	gKey    = "projects/acme-prod/locations/europe-west1/keyRings/data/cryptoKeys/app"
	gSecret = gObj{"DB_PASSWORD": gSecretEnv}
	gPlain  = gObj{"LOG_LEVEL": "info", "REGION": "europe-west1"}
	gEnv    = func(name, value string) []any {
		return gList(gObj{"name": name, "value": value, "value_from": gList()})
	}
	gEnvV2 = func(name, value string) []any {
		return gList(gObj{"name": name, "value": value, "value_source": gList()})
	}
	gTemplateNIC = gObj{"network": "vpc", "subnetwork": "app", "access_config": gList(), "ipv6_access_config": gList(), "alias_ip_range": gList()}
	gTemplate    = gObj{
		"name": "app", "machine_type": "e2-standard-2", "id": Unknown, "self_link": Unknown,
		"metadata":                gObj{"enable-oslogin": "TRUE"},
		"metadata_startup_script": "#!/bin/sh\napt-get update\n",
		"disk": gList(gObj{"source_image": "debian-cloud/debian-12", "auto_delete": true, "boot": true,
			"disk_encryption_key": gList(gObj{"kms_key_self_link": gKey, "kms_key_service_account": nil})}),
		"network_interface": gList(gTemplateNIC),
		"service_account":   gList(gObj{"email": "app@acme-prod.iam.gserviceaccount.com", "scopes": gList("cloud-platform")}),
	}
	gLogBucket = func(scope string) gObj {
		return gObj{scope: "acme", "location": "global", "bucket_id": "_Default", "retention_days": 400.0, "id": Unknown,
			"cmek_settings": gList(gObj{"kms_key_name": gKey, "kms_key_version_name": Unknown, "name": Unknown, "service_account_id": Unknown}),
			"index_configs": gList()}
	}
	gSink = func(scope string) gObj {
		return gObj{scope: "acme", "name": "to-archive", "destination": "storage.googleapis.com/acme-log-archive", "filter": "",
			"disabled": false, "exclusions": gList(), "bigquery_options": gList(), "id": Unknown, "writer_identity": Unknown}
	}
	gAudit = func(scope string) gObj {
		return gObj{scope: "acme", "service": "allServices", "etag": Unknown, "id": Unknown, "audit_log_config": gList(
			gObj{"log_type": "ADMIN_READ", "exempted_members": nil},
			gObj{"log_type": "DATA_READ", "exempted_members": nil})}
	}
)

func gSvcSpecs() []gSvcSpec {
	sslPolicy := gObj{"name": "tls12", "profile": "MODERN", "min_tls_version": "TLS_1_2", "custom_features": nil, "id": Unknown, "fingerprint": Unknown, "self_link": Unknown, "enabled_features": Unknown}
	specs := []gSvcSpec{
		{typ: "google_compute_ssl_policy", base: sslPolicy, id: "min_tls_version_low", bad: "TLS_1_0", good: "TLS_1_2", unset: gViolated},
		{typ: "google_compute_region_ssl_policy", base: gWith(sslPolicy, "region", "europe-west1"), id: "min_tls_version_low", bad: "TLS_1_1", good: "TLS_1_2", unset: gViolated},
		{typ: "google_compute_subnetwork", id: "flow_logs_disabled", bad: gList(), good: gList(gObj{"aggregation_interval": "INTERVAL_5_SEC", "flow_sampling": 0.5, "metadata": "INCLUDE_ALL_METADATA", "filter_expr": "true", "metadata_fields": nil}), unset: gViolated,
			base: gObj{"name": "app", "network": "vpc", "ip_cidr_range": "10.0.0.0/24", "region": "europe-west1", "purpose": "PRIVATE", "enable_flow_logs": Unknown,
				"log_config": gList(gObj{"aggregation_interval": "INTERVAL_5_SEC", "flow_sampling": 0.5, "metadata": "INCLUDE_ALL_METADATA"}), "secondary_ip_range": gList(), "id": Unknown, "gateway_address": Unknown}},
		{typ: "google_container_node_pool", id: "auto_upgrade_disabled", bad: false, good: true,
			base: gObj{"name": "pool", "cluster": "prod", "location": "europe-west1", "node_count": 3.0, "id": Unknown, "version": Unknown,
				"management":  gList(gObj{"auto_repair": true, "auto_upgrade": true}),
				"node_config": gList(gObj{"machine_type": "e2-standard-4", "boot_disk_kms_key": gKey, "metadata": Unknown, "oauth_scopes": Unknown})}},
		{typ: "google_container_node_pool", id: "no_customer_managed_key", bad: nil, good: gKey, unset: gViolated, strict: true,
			base: gObj{"name": "pool", "cluster": "prod", "management": gList(gObj{"auto_repair": true, "auto_upgrade": true}),
				"node_config": gList(gObj{"machine_type": "e2-standard-4", "boot_disk_kms_key": gKey})}},
		{typ: "google_container_node_pool", id: "no_customer_managed_key", path: "node_config", bad: gList(), good: gList(gObj{"boot_disk_kms_key": gKey}), unset: gViolated, strict: true, alsoDeferred: []string{"default_service_account"},
			base: gObj{"name": "pool", "cluster": "prod", "management": gList(gObj{"auto_repair": true, "auto_upgrade": true}),
				"node_config": gList(gObj{"machine_type": "e2-standard-4", "boot_disk_kms_key": gKey})}},
		{typ: "google_container_node_pool", id: "default_service_account", bad: "default", good: "nodes@acme-prod.iam.gserviceaccount.com",
			base: gObj{"name": "pool", "cluster": "prod", "management": gList(gObj{"auto_repair": true, "auto_upgrade": true}),
				"node_config": gList(gObj{"machine_type": "e2-standard-4", "boot_disk_kms_key": gKey, "service_account": "nodes@acme-prod.iam.gserviceaccount.com"})}},
	}
	for _, scope := range []struct{ kind, key string }{{"project", "project"}, {"folder", "folder"}, {"organization", "org_id"}, {"billing_account", "billing_account"}} {
		typ := "google_logging_" + scope.kind + "_sink"
		specs = append(specs, gSvcSpec{typ: typ, base: gSink(scope.key), id: "sink_disabled", bad: true, good: false, strict: true})
	}
	for _, scope := range []struct{ kind, key string }{{"project", "project"}, {"folder", "folder"}, {"organization", "organization"}, {"billing_account", "billing_account"}} {
		typ := "google_logging_" + scope.kind + "_bucket_config"
		specs = append(specs,
			gSvcSpec{typ: typ, base: gLogBucket(scope.key), id: "retention_short", bad: 30.0, good: 400.0, unset: gViolated, strict: true},
			gSvcSpec{typ: typ, base: gLogBucket(scope.key), id: "no_customer_managed_key", bad: nil, good: gKey, unset: gViolated, strict: true})
	}
	for _, scope := range []struct{ kind, key string }{{"project", "project"}, {"folder", "folder"}, {"organization", "org_id"}} {
		specs = append(specs, gSvcSpec{typ: "google_" + scope.kind + "_iam_audit_config", base: gAudit(scope.key), id: "exempted_members",
			bad: gList("user:jane@example.com"), good: gList(), unset: ""})
	}
	datasetAccess := gList(
		gObj{"role": "OWNER", "special_group": "projectOwners", "iam_member": nil, "user_by_email": nil, "group_by_email": nil, "domain": nil, "view": gList(), "dataset": gList(), "routine": gList(), "condition": gList()},
		gObj{"role": "READER", "special_group": nil, "iam_member": "serviceAccount:etl@acme-prod.iam.gserviceaccount.com", "group_by_email": nil, "view": gList(), "dataset": gList(), "routine": gList(), "condition": gList()})
	dataset := gObj{"dataset_id": "orders", "location": "EU", "id": Unknown, "self_link": Unknown, "etag": Unknown,
		"access":                           datasetAccess,
		"default_encryption_configuration": gList(gObj{"kms_key_name": gKey})}
	specs = append(specs,
		gSvcSpec{typ: "google_bigquery_dataset", base: dataset, id: "special_group_public", bad: "allAuthenticatedUsers", good: "projectReaders"},
		gSvcSpec{typ: "google_bigquery_dataset", base: gWith(dataset, "access", gList(datasetAccess[1], datasetAccess[0])), id: "iam_member_public", bad: "allUsers", good: "serviceAccount:etl@acme-prod.iam.gserviceaccount.com"},
		gSvcSpec{typ: "google_bigquery_dataset", base: dataset, id: "no_customer_managed_key", bad: nil, good: gKey, unset: gViolated, strict: true},
		gSvcSpec{typ: "google_bigquery_table", id: "no_customer_managed_key", bad: nil, good: gKey, unset: gViolated, strict: true,
			base: gObj{"dataset_id": "orders", "table_id": "events", "deletion_protection": true, "schema": Unknown, "id": Unknown,
				"encryption_configuration": gList(gObj{"kms_key_name": gKey, "kms_key_version": Unknown})}},
		gSvcSpec{typ: "google_pubsub_topic", id: "no_customer_managed_key", bad: "", good: gKey, unset: gViolated, strict: true,
			base: gObj{"name": "orders", "kms_key_name": gKey, "id": Unknown, "message_storage_policy": Unknown}},
		gSvcSpec{typ: "google_artifact_registry_repository", id: "no_customer_managed_key", bad: "", good: gKey, unset: gViolated, strict: true,
			base: gObj{"repository_id": "images", "format": "DOCKER", "location": "europe-west1", "kms_key_name": gKey, "id": Unknown, "name": Unknown}},
		gSvcSpec{typ: "google_bigtable_instance", id: "no_customer_managed_key", bad: nil, good: gKey, unset: gViolated, strict: true,
			base: gObj{"name": "orders", "deletion_protection": true, "id": Unknown,
				"cluster": gList(gObj{"cluster_id": "orders-c1", "zone": "europe-west1-b", "num_nodes": 1.0, "storage_type": "SSD", "kms_key_name": gKey, "autoscaling_config": gList()})}},
		gSvcSpec{typ: "google_spanner_database", id: "no_customer_managed_key", bad: gList(), good: gList(gObj{"kms_key_name": nil, "kms_key_names": gList(gKey, gKey)}), unset: gViolated, strict: true,
			base: gObj{"instance": "main", "name": "orders", "deletion_protection": true, "id": Unknown, "state": Unknown,
				"encryption_config": gList(gObj{"kms_key_name": gKey, "kms_key_names": nil})}},
	)
	dataproc := gObj{"name": "etl", "region": "europe-west1", "id": Unknown, "cluster_config": gList(gObj{
		"bucket":             Unknown,
		"gce_cluster_config": gList(gObj{"internal_ip_only": true, "subnetwork": "app", "zone": Unknown, "network": Unknown}),
		"encryption_config":  gList(gObj{"kms_key_name": gKey}),
	})}
	specs = append(specs,
		gSvcSpec{typ: "google_dataproc_cluster", base: dataproc, id: "public_ip", bad: false, good: true, unset: gViolated},
		gSvcSpec{typ: "google_dataproc_cluster", base: dataproc, id: "no_customer_managed_key", bad: "", good: gKey, unset: gViolated, strict: true},
		gSvcSpec{typ: "google_dataflow_job", id: "public_worker_ips", bad: "WORKER_IP_PUBLIC", good: "WORKER_IP_PRIVATE", unset: gViolated,
			base: gObj{"name": "etl", "template_gcs_path": "gs://dataflow-templates/latest/Word_Count", "temp_gcs_location": "gs://acme-tmp/dataflow", "ip_configuration": "WORKER_IP_PRIVATE", "kms_key_name": gKey, "id": Unknown, "job_id": Unknown, "state": Unknown}},
		gSvcSpec{typ: "google_dataflow_job", id: "no_customer_managed_key", bad: "", good: gKey, unset: gViolated, strict: true,
			base: gObj{"name": "etl", "ip_configuration": "WORKER_IP_PRIVATE", "kms_key_name": gKey, "id": Unknown}},
	)
	redis := gObj{"name": "cache", "memory_size_gb": 1.0, "tier": "STANDARD_HA", "auth_enabled": true, "transit_encryption_mode": "SERVER_AUTHENTICATION", "customer_managed_key": gKey,
		"id": Unknown, "host": Unknown, "port": Unknown, "server_ca_certs": Unknown, "auth_string": Unknown}
	specs = append(specs,
		gSvcSpec{typ: "google_redis_instance", base: redis, id: "transit_encryption_disabled", bad: "DISABLED", good: "SERVER_AUTHENTICATION", unset: gViolated},
		gSvcSpec{typ: "google_redis_instance", base: redis, id: "no_customer_managed_key", bad: "", good: gKey, unset: gViolated, strict: true},
		gSvcSpec{typ: "google_redis_cluster", id: "transit_encryption_disabled", bad: "TRANSIT_ENCRYPTION_MODE_DISABLED", good: "TRANSIT_ENCRYPTION_MODE_SERVER_AUTHENTICATION", unset: gViolated,
			base: gObj{"name": "cache", "shard_count": 3.0, "region": "europe-west1", "transit_encryption_mode": "TRANSIT_ENCRYPTION_MODE_SERVER_AUTHENTICATION", "psc_configs": gList(gObj{"network": "vpc"}), "id": Unknown, "discovery_endpoints": Unknown}},
	)
	fn1 := gObj{"name": "orders", "runtime": "python312", "entry_point": "handle", "ingress_settings": "ALLOW_INTERNAL_ONLY", "id": Unknown, "https_trigger_url": Unknown,
		"environment_variables": gPlain, "build_environment_variables": nil, "secret_environment_variables": gList(gObj{"key": "DB_PASSWORD", "secret": "db-password", "version": "latest", "project_id": Unknown})}
	fn2 := gObj{"name": "orders", "location": "europe-west1", "id": Unknown, "url": Unknown,
		"build_config":   gList(gObj{"runtime": "python312", "entry_point": "handle", "environment_variables": nil}),
		"service_config": gList(gObj{"ingress_settings": "ALLOW_INTERNAL_AND_GCLB", "environment_variables": gPlain, "secret_environment_variables": gList(), "service": Unknown, "uri": Unknown})}
	specs = append(specs,
		gSvcSpec{typ: "google_cloudfunctions_function", base: fn1, id: "environment_secrets", bad: gSecret, good: gPlain, finding: "password_assignment"},
		gSvcSpec{typ: "google_cloudfunctions_function", base: fn1, id: "build_environment_secrets", bad: gSecret, good: gObj{"GOOGLE_FUNCTION_SOURCE": "main.py"}, finding: "password_assignment"},
		gSvcSpec{typ: "google_cloudfunctions_function", base: fn1, id: "ingress_allow_all", bad: "ALLOW_ALL", good: "ALLOW_INTERNAL_AND_GCLB", unset: gViolated},
		gSvcSpec{typ: "google_cloudfunctions2_function", base: fn2, id: "environment_secrets", bad: gSecret, good: gPlain, finding: "password_assignment"},
		gSvcSpec{typ: "google_cloudfunctions2_function", base: fn2, id: "build_environment_secrets", bad: gSecret, good: gObj{"GOOGLE_NODE_RUN_SCRIPTS": ""}, finding: "password_assignment"},
		gSvcSpec{typ: "google_cloudfunctions2_function", base: fn2, id: "ingress_allow_all", bad: "ALLOW_ALL", good: "ALLOW_INTERNAL_ONLY", unset: gViolated},
		gSvcSpec{typ: "google_cloud_run_service", id: "environment_secrets", bad: gEnv("DB_PASSWORD", gSecretEnv), good: gEnv("LOG_LEVEL", "info"), finding: "password_assignment",
			base: gObj{"name": "orders", "location": "europe-west1", "id": Unknown, "status": Unknown, "metadata": Unknown,
				"template": gList(gObj{"metadata": Unknown, "spec": gList(gObj{"service_account_name": "orders@acme-prod.iam.gserviceaccount.com",
					"containers": gList(gObj{"image": "europe-docker.pkg.dev/acme/images/orders:1.4", "env": gEnv("LOG_LEVEL", "info"), "ports": Unknown})})})}},
		gSvcSpec{typ: "google_cloud_run_v2_service", id: "environment_secrets", bad: gEnvV2("API_TOKEN", gSecretEnv), good: gEnvV2("LOG_LEVEL", "info"), finding: "password_assignment",
			base: gObj{"name": "orders", "location": "europe-west1", "ingress": "INGRESS_TRAFFIC_INTERNAL_ONLY", "id": Unknown, "uri": Unknown,
				"template": gList(gObj{"service_account": "orders@acme-prod.iam.gserviceaccount.com",
					"containers": gList(gObj{"image": "europe-docker.pkg.dev/acme/images/orders:1.4", "env": gEnvV2("LOG_LEVEL", "info")})})}},
		gSvcSpec{typ: "google_cloud_run_v2_job", id: "environment_secrets", bad: gEnvV2("DB_PASSWORD", gSecretEnv), good: gEnvV2("LOG_LEVEL", "info"), finding: "password_assignment",
			base: gObj{"name": "nightly", "location": "europe-west1", "id": Unknown,
				"template": gList(gObj{"task_count": 1.0, "template": gList(gObj{"max_retries": 3.0,
					"containers": gList(gObj{"image": "europe-docker.pkg.dev/acme/images/nightly:2.0", "env": gEnvV2("LOG_LEVEL", "info")})})})}},
	)
	for _, typ := range []string{"google_compute_instance_template", "google_compute_region_instance_template"} {
		base := gTemplate
		if typ == "google_compute_region_instance_template" {
			base = gWith(gTemplate, "region", "europe-west1")
		}
		specs = append(specs,
			gSvcSpec{typ: typ, base: base, id: "external_ipv4", bad: gList(gObj{"nat_ip": Unknown, "network_tier": Unknown}), good: gList(), unset: ""},
			gSvcSpec{typ: typ, base: base, id: "startup_script_secrets", bad: "#!/bin/sh\nexport DB_PASSWORD=" + gSecretEnv + "\n", good: "#!/bin/sh\napt-get -y upgrade\n", finding: "password_assignment"},
			gSvcSpec{typ: typ, base: base, id: "metadata_secrets", bad: gObj{"enable-oslogin": "TRUE", "db-password": gSecretEnv}, good: gObj{"enable-oslogin": "TRUE"}, finding: "password_assignment"},
			gSvcSpec{typ: typ, base: base, id: "no_customer_managed_key", bad: nil, good: gKey, unset: gViolated, strict: true},
			gSvcSpec{typ: typ, base: base, id: "default_service_account", bad: "123456789012-compute@developer.gserviceaccount.com", good: "app@acme-prod.iam.gserviceaccount.com"})
	}
	projectMeta := gObj{"project": "acme-prod", "id": Unknown, "metadata": gObj{"enable-oslogin": "TRUE", "enable-oslogin-2fa": "TRUE"}}
	specs = append(specs,
		gSvcSpec{typ: "google_compute_project_metadata", base: projectMeta, id: "oslogin_2fa_disabled", bad: "FALSE", good: "TRUE", alsoDeferred: []string{"metadata_secrets"}},
		gSvcSpec{typ: "google_compute_project_metadata", base: projectMeta, id: "metadata_secrets", path: "metadata", bad: gObj{"enable-oslogin": "TRUE", "enable-oslogin-2fa": "TRUE", "api_key": gSecretEnv}, good: gObj{"enable-oslogin": "TRUE", "enable-oslogin-2fa": "TRUE"}, finding: "password_assignment", alsoDeferred: []string{"oslogin_2fa_disabled"}},
		gSvcSpec{typ: "google_monitoring_alert_policy", id: "alert_policy_disabled", bad: false, good: true, strict: true,
			base: gObj{"display_name": "IAM changes", "combiner": "OR", "enabled": true, "notification_channels": gList("projects/acme-prod/notificationChannels/1"), "id": Unknown, "name": Unknown,
				"conditions": gList(gObj{"display_name": "audit", "condition_matched_log": gList(gObj{"filter": "protoPayload.methodName=\"SetIamPolicy\""}), "name": Unknown})}},
		gSvcSpec{typ: "google_os_config_patch_deployment", id: "not_recurring", bad: gList(), good: gList(gObj{"time_zone": gList(gObj{"id": "Europe/Brussels"}), "time_of_day": gList(gObj{"hours": 2.0}), "monthly": gList(gObj{"month_day": 1.0}), "next_execute_time": Unknown}), unset: gViolated,
			base: gObj{"patch_deployment_id": "monthly", "id": Unknown, "name": Unknown, "instance_filter": gList(gObj{"all": true}), "one_time_schedule": gList(),
				"recurring_schedule": gList(gObj{"time_zone": gList(gObj{"id": "Europe/Brussels"}), "time_of_day": gList(gObj{"hours": 2.0}), "weekly": gList(gObj{"day_of_week": "SUNDAY"})})}},
		gSvcSpec{typ: "google_compute_resource_policy", id: "snapshot_retention_short", bad: 3.0, good: 14.0,
			base: gObj{"name": "daily", "region": "europe-west1", "id": Unknown, "self_link": Unknown, "snapshot_schedule_policy": gList(gObj{
				"schedule":         gList(gObj{"daily_schedule": gList(gObj{"days_in_cycle": 1.0, "start_time": "04:00"})}),
				"retention_policy": gList(gObj{"max_retention_days": 14.0, "on_source_disk_delete": "KEEP_AUTO_SNAPSHOTS"}),
			})}},
	)
	gkeBackup := gObj{"name": "daily", "cluster": "projects/acme-prod/locations/europe-west1/clusters/prod", "location": "europe-west1", "id": Unknown, "uid": Unknown,
		"backup_schedule":  gList(gObj{"cron_schedule": "0 3 * * *", "paused": false, "rpo_config": gList()}),
		"retention_policy": gList(gObj{"backup_retain_days": 14.0, "backup_delete_lock_days": 7.0, "locked": false})}
	specs = append(specs,
		gSvcSpec{typ: "google_gke_backup_backup_plan", base: gkeBackup, id: "backup_schedule_paused", bad: true, good: false},
		gSvcSpec{typ: "google_gke_backup_backup_plan", base: gkeBackup, id: "backup_retention_short", bad: 3.0, good: 14.0},
		gSvcSpec{typ: "google_backup_dr_backup_plan", id: "backup_retention_short", bad: 3.0, good: 30.0,
			base: gObj{"backup_plan_id": "vms", "location": "europe-west1", "resource_type": "compute.googleapis.com/Instance", "backup_vault": "vault", "id": Unknown, "name": Unknown,
				"backup_rules": gList(gObj{"rule_id": "daily", "backup_retention_days": 30.0, "standard_schedule": gList(gObj{"recurrence_type": "DAILY", "time_zone": "UTC"})})}},
		gSvcSpec{typ: "google_secret_manager_secret", id: "rotation_too_slow", bad: "31536000s", good: "2592000s", unset: gViolated,
			base: gObj{"secret_id": "db-password", "id": Unknown, "name": Unknown, "replication": gList(gObj{"auto": gList(gObj{})}),
				"topics": gList(gObj{"name": "projects/acme-prod/topics/rotate"}), "rotation": gList(gObj{"rotation_period": "2592000s", "next_rotation_time": "2027-01-01T00:00:00Z"})}},
		gSvcSpec{typ: "google_secret_manager_secret", id: "rotation_too_slow", path: "rotation", bad: gList(), good: gList(gObj{"rotation_period": "7776000s", "next_rotation_time": "2027-01-01T00:00:00Z"}), unset: gViolated,
			base: gObj{"secret_id": "db-password", "rotation": gList(gObj{"rotation_period": "2592000s", "next_rotation_time": "2027-01-01T00:00:00Z"})}},
		gSvcSpec{typ: "google_compute_router_nat", id: "logging_disabled", bad: false, good: true, unset: gViolated,
			base: gObj{"name": "nat", "router": "router", "region": "europe-west1", "nat_ip_allocate_option": "AUTO_ONLY", "source_subnetwork_ip_ranges_to_nat": "ALL_SUBNETWORKS_ALL_IP_RANGES", "id": Unknown,
				"log_config": gList(gObj{"enable": true, "filter": "ALL"})}},
		gSvcSpec{typ: "google_compute_router_nat", id: "logging_disabled", path: "log_config", bad: gList(), good: gList(gObj{"enable": true, "filter": "ERRORS_ONLY"}), unset: gViolated,
			base: gObj{"name": "nat", "router": "router", "log_config": gList(gObj{"enable": true, "filter": "ALL"})}},
	)
	for _, typ := range []string{"google_compute_backend_service", "google_compute_region_backend_service"} {
		specs = append(specs, gSvcSpec{typ: typ, id: "logging_disabled", bad: false, good: true, unset: gViolated,
			base: gObj{"name": "web", "protocol": "HTTPS", "load_balancing_scheme": "EXTERNAL_MANAGED", "id": Unknown, "self_link": Unknown, "fingerprint": Unknown,
				"backend": gList(gObj{"group": "projects/acme-prod/zones/europe-west1-b/instanceGroups/web"}), "log_config": gList(gObj{"enable": true, "sample_rate": 1.0, "optional_mode": Unknown})}})
	}
	fusion := gObj{"name": "etl", "type": "BASIC", "region": "europe-west1", "private_instance": true, "enable_stackdriver_logging": true, "id": Unknown, "service_endpoint": Unknown,
		"network_config": gList(gObj{"network": "vpc", "ip_allocation": "10.89.48.0/22", "connection_type": Unknown})}
	specs = append(specs,
		gSvcSpec{typ: "google_data_fusion_instance", base: fusion, id: "public_instance", bad: false, good: true, unset: gViolated},
		gSvcSpec{typ: "google_data_fusion_instance", base: fusion, id: "logging_disabled", bad: false, good: true, unset: gViolated},
		gSvcSpec{typ: "google_cloudbuild_worker_pool", id: "external_ip", bad: false, good: true,
			base: gObj{"name": "private", "location": "europe-west1", "id": Unknown, "state": Unknown,
				"worker_config":  gList(gObj{"machine_type": "e2-standard-4", "disk_size_gb": 100.0, "no_external_ip": true}),
				"network_config": gList(gObj{"peered_network": "projects/acme-prod/global/networks/vpc", "peered_network_ip_range": Unknown})}},
		gSvcSpec{typ: "google_notebooks_instance", id: "public_ip", bad: false, good: true, unset: gViolated,
			base: gObj{"name": "nb", "location": "europe-west1-b", "machine_type": "e2-standard-4", "no_public_ip": true, "no_proxy_access": false, "id": Unknown, "proxy_uri": Unknown, "vm_image": gList(gObj{"project": "deeplearning-platform-release", "image_family": "tf-latest-cpu"})}},
		gSvcSpec{typ: "google_workbench_instance", id: "public_ip", bad: false, good: true,
			base: gObj{"name": "wb", "location": "europe-west1-b", "id": Unknown, "proxy_uri": Unknown, "gce_setup": gList(gObj{"machine_type": "e2-standard-4", "disable_public_ip": true, "metadata": Unknown, "tags": Unknown})}},
		gSvcSpec{typ: "google_vertex_ai_dataset", id: "no_customer_managed_key", bad: nil, good: gKey, unset: gViolated, strict: true,
			base: gObj{"display_name": "images", "metadata_schema_uri": "gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml", "region": "europe-west1", "id": Unknown, "name": Unknown,
				"encryption_spec": gList(gObj{"kms_key_name": gKey})}},
		gSvcSpec{typ: "google_filestore_instance", id: "no_customer_managed_key", bad: "", good: gKey, unset: gViolated, strict: true,
			base: gObj{"name": "files", "tier": "BASIC_HDD", "location": "europe-west1-b", "kms_key_name": gKey, "id": Unknown,
				"file_shares": gList(gObj{"name": "share", "capacity_gb": 1024.0}), "networks": gList(gObj{"network": "vpc", "modes": gList("MODE_IPV4"), "ip_addresses": Unknown})}},
		gSvcSpec{typ: "google_compute_region_disk", id: "no_customer_managed_key", bad: nil, good: gKey, unset: gViolated, strict: true,
			base: gObj{"name": "data", "region": "europe-west1", "replica_zones": gList("europe-west1-b", "europe-west1-c"), "size": 100.0, "id": Unknown, "self_link": Unknown,
				"disk_encryption_key": gList(gObj{"kms_key_name": gKey, "raw_key": nil, "rsa_encrypted_key": nil, "sha256": Unknown})}},
		gSvcSpec{typ: "google_compute_region_disk", id: "no_customer_managed_key", path: "disk_encryption_key", bad: gList(), good: gList(gObj{"kms_key_name": nil, "raw_key": gRawDiskKey, "sha256": Unknown}), unset: gViolated, strict: true,
			base: gObj{"name": "data", "region": "europe-west1", "disk_encryption_key": gList(gObj{"kms_key_name": gKey, "raw_key": nil})}},
	)
	for _, typ := range []string{"google_compute_target_https_proxy", "google_compute_target_ssl_proxy", "google_compute_region_target_https_proxy"} {
		specs = append(specs, gSvcSpec{typ: typ, id: "default_ssl_policy", bad: nil, good: "projects/acme-prod/global/sslPolicies/tls12", unset: gViolated,
			base: gObj{"name": "web", "ssl_certificates": gList("projects/acme-prod/global/sslCertificates/web"), "ssl_policy": "projects/acme-prod/global/sslPolicies/tls12", "id": Unknown, "self_link": Unknown, "proxy_id": Unknown}})
	}
	storageACL := func(kv ...any) gObj {
		return gWith(gObj{"bucket": "acme-orders", "role_entity": gList("OWNER:project-owners-123456789012", "READER:group-order-readers@example.com"), "predefined_acl": nil, "id": Unknown}, kv...)
	}
	specs = append(specs,
		gSvcSpec{typ: "google_project", id: "default_network", bad: true, good: false, unset: gViolated,
			base: gObj{"project_id": "acme-prod", "name": "acme-prod", "org_id": "123456789012", "billing_account": "000000-000000-000000", "auto_create_network": false, "deletion_policy": "PREVENT", "id": Unknown, "number": Unknown}},
		gSvcSpec{typ: "google_compute_security_policy", id: "layer7_ddos_defense_disabled", bad: false, good: true, unset: gViolated, strict: true,
			base: gObj{"name": "edge", "type": Unknown, "id": Unknown, "fingerprint": Unknown, "rule": Unknown,
				"adaptive_protection_config": gList(gObj{"layer_7_ddos_defense_config": gList(gObj{"enable": true, "rule_visibility": "STANDARD", "threshold_configs": gList()})})}},
		gSvcSpec{typ: "google_dns_managed_zone", id: "query_logging_disabled", bad: false, good: true, unset: gViolated,
			base: gObj{"name": "internal", "dns_name": "internal.example.com.", "visibility": "private", "id": Unknown, "name_servers": Unknown,
				"cloud_logging_config": gList(gObj{"enable_logging": true})}},
		gSvcSpec{typ: "google_bigquery_dataset_access", id: "special_group_public", bad: "allAuthenticatedUsers", good: "projectReaders",
			base: gObj{"dataset_id": "orders", "role": "READER", "special_group": "projectReaders", "iam_member": nil, "view": gList(), "dataset": gList(), "routine": gList(), "condition": gList(), "id": Unknown, "api_updated_member": Unknown}},
		gSvcSpec{typ: "google_bigquery_dataset_access", id: "iam_member_public", bad: "allUsers", good: "serviceAccount:etl@acme-prod.iam.gserviceaccount.com",
			base: gObj{"dataset_id": "orders", "role": "READER", "special_group": nil, "iam_member": "serviceAccount:etl@acme-prod.iam.gserviceaccount.com", "view": gList(), "id": Unknown}},
		gSvcSpec{typ: "google_storage_bucket_acl", base: storageACL(), id: "public_entity", bad: gList("OWNER:project-owners-123456789012", "READER:allUsers"), good: gList("READER:group-order-readers@example.com")},
		gSvcSpec{typ: "google_storage_bucket_acl", base: storageACL("predefined_acl", "projectPrivate", "role_entity", nil), id: "public_predefined_acl", bad: "publicReadWrite", good: "private"},
		gSvcSpec{typ: "google_storage_object_acl", base: gWith(storageACL(), "object", "exports/latest.csv"), id: "public_entity", bad: gList("READER:allAuthenticatedUsers"), good: gList("OWNER:project-owners-123456789012")},
		gSvcSpec{typ: "google_storage_object_acl", base: gWith(storageACL("predefined_acl", "bucketOwnerRead", "role_entity", nil), "object", "exports/latest.csv"), id: "public_predefined_acl", bad: "authenticatedRead", good: "bucketOwnerFullControl"},
		gSvcSpec{typ: "google_storage_default_object_acl", base: gObj{"bucket": "acme-orders", "role_entity": gList("OWNER:project-owners-123456789012"), "id": Unknown}, id: "public_entity", bad: gList("READER:allUsers"), good: gList("READER:group-order-readers@example.com")},
	)
	for _, typ := range []string{"google_storage_bucket_access_control", "google_storage_object_access_control", "google_storage_default_object_access_control"} {
		base := gObj{"bucket": "acme-orders", "role": "READER", "entity": "group-order-readers@example.com", "domain": Unknown, "email": Unknown, "id": Unknown}
		if typ == "google_storage_object_access_control" {
			base = gWith(base, "object", "exports/latest.csv")
		}
		specs = append(specs, gSvcSpec{typ: typ, id: "public_entity", bad: "allUsers", good: "group-order-readers@example.com", base: base})
	}
	specs = append(specs,
		gSvcSpec{typ: "google_compute_image", id: "no_customer_managed_key", bad: nil, good: gKey, unset: gViolated, strict: true,
			base: gObj{"name": "app-2026-12", "source_disk": "projects/acme-prod/zones/europe-west1-b/disks/build", "id": Unknown, "self_link": Unknown, "archive_size_bytes": Unknown,
				"image_encryption_key": gList(gObj{"kms_key_self_link": gKey, "kms_key_service_account": nil, "raw_key": nil, "rsa_encrypted_key": nil})}},
		gSvcSpec{typ: "google_compute_snapshot", id: "no_customer_managed_key", bad: nil, good: gKey, unset: gViolated, strict: true,
			base: gObj{"name": "data-2026-12-07", "source_disk": "data", "zone": "europe-west1-b", "id": Unknown, "self_link": Unknown, "storage_bytes": Unknown,
				"snapshot_encryption_key": gList(gObj{"kms_key_self_link": gKey, "kms_key_service_account": nil, "raw_key": nil, "rsa_encrypted_key": nil, "sha256": Unknown})}},
		gSvcSpec{typ: "google_compute_snapshot", id: "no_customer_managed_key", path: "snapshot_encryption_key", bad: gList(), good: gList(gObj{"kms_key_self_link": nil, "raw_key": gRawDiskKey, "sha256": Unknown}), unset: gViolated, strict: true,
			base: gObj{"name": "data-2026-12-07", "source_disk": "data", "snapshot_encryption_key": gList(gObj{"kms_key_self_link": gKey, "raw_key": nil})}},
		gSvcSpec{typ: "google_spanner_backup_schedule", id: "backup_retention_short", bad: "172800s", good: "2592000s",
			base: gObj{"instance": "main", "database": "orders", "name": "daily", "retention_duration": "2592000s", "id": Unknown,
				"spec": gList(gObj{"cron_spec": gList(gObj{"text": "0 2 * * *"})}), "full_backup_spec": gList(gObj{}), "encryption_config": gList(gObj{"encryption_type": "USE_DATABASE_ENCRYPTION"})}},
		gSvcSpec{typ: "google_firestore_backup_schedule", id: "backup_retention_short", bad: "259200s", good: "8467200s",
			base: gObj{"database": "(default)", "retention": "8467200s", "daily_recurrence": gList(gObj{}), "weekly_recurrence": gList(), "id": Unknown, "name": Unknown}},
		gSvcSpec{typ: "google_backup_dr_backup_vault", id: "backup_retention_short", bad: "86400s", good: "2678400s",
			base: gObj{"backup_vault_id": "vault", "location": "europe-west1", "backup_minimum_enforced_retention_duration": "2678400s", "force_delete": false, "id": Unknown, "name": Unknown, "state": Unknown}},
	)
	memorystore := gObj{"instance_id": "cache", "location": "europe-west1", "shard_count": 1.0, "transit_encryption_mode": "SERVER_AUTHENTICATION", "kms_key": gKey, "id": Unknown, "endpoints": Unknown,
		"desired_auto_created_endpoints": gList(gObj{"network": "projects/acme-prod/global/networks/vpc", "project_id": "acme-prod"})}
	specs = append(specs,
		gSvcSpec{typ: "google_memorystore_instance", base: memorystore, id: "transit_encryption_disabled", bad: "TRANSIT_ENCRYPTION_DISABLED", good: "SERVER_AUTHENTICATION"},
		gSvcSpec{typ: "google_memorystore_instance", base: memorystore, id: "no_customer_managed_key", bad: "", good: gKey, unset: gViolated, strict: true},
	)
	alloyCluster := gObj{"cluster_id": "orders", "location": "europe-west1", "id": Unknown, "name": Unknown, "uid": Unknown,
		"network_config": gList(gObj{"network": "projects/acme-prod/global/networks/vpc"}),
		"automated_backup_policy": gList(gObj{"enabled": true, "backup_window": Unknown, "location": Unknown,
			"weekly_schedule":          gList(gObj{"days_of_week": gList("MONDAY", "THURSDAY"), "start_times": gList(gObj{"hours": 2.0})}),
			"time_based_retention":     gList(gObj{"retention_period": "2592000s"}),
			"quantity_based_retention": gList()}),
		"continuous_backup_config": gList(gObj{"enabled": true, "recovery_window_days": 14.0, "encryption_config": gList()}),
		"encryption_config":        gList(gObj{"kms_key_name": gKey})}
	alloyInstance := gObj{"cluster": "projects/acme-prod/locations/europe-west1/clusters/orders", "instance_id": "primary", "instance_type": "PRIMARY", "id": Unknown, "ip_address": Unknown,
		"network_config":           gList(gObj{"enable_public_ip": false, "enable_outbound_public_ip": false, "authorized_external_networks": gList()}),
		"client_connection_config": gList(gObj{"require_connectors": false, "ssl_config": gList(gObj{"ssl_mode": "ENCRYPTED_ONLY"})})}
	specs = append(specs,
		gSvcSpec{typ: "google_alloydb_cluster", base: alloyCluster, id: "automated_backups_disabled", bad: false, good: true},
		gSvcSpec{typ: "google_alloydb_cluster", base: alloyCluster, id: "continuous_backup_disabled", bad: false, good: true},
		gSvcSpec{typ: "google_alloydb_cluster", base: alloyCluster, id: "backup_retention_short", bad: "259200s", good: "1209600s"},
		gSvcSpec{typ: "google_alloydb_cluster", base: alloyCluster, id: "no_customer_managed_key", bad: nil, good: gKey, unset: gViolated, strict: true},
		gSvcSpec{typ: "google_alloydb_instance", base: alloyInstance, id: "public_ip", bad: true, good: false},
		gSvcSpec{typ: "google_alloydb_instance", base: alloyInstance, id: "ssl_not_required", bad: "ALLOW_UNENCRYPTED_AND_ENCRYPTED", good: "ENCRYPTED_ONLY"},
	)
	specs = append(specs, gSvcSpec{typ: "google_iam_workload_identity_pool_provider", id: "no_attribute_condition", bad: nil, good: "assertion.repository_owner == 'acme'", unset: gViolated,
		base: gObj{"workload_identity_pool_id": "ci", "workload_identity_pool_provider_id": "github", "id": Unknown, "name": Unknown, "state": Unknown,
			"attribute_condition": "assertion.repository_owner == 'acme'",
			"attribute_mapping":   gObj{"google.subject": "assertion.sub", "attribute.repository": "assertion.repository"},
			"oidc":                gList(gObj{"issuer_uri": "https://token.actions.githubusercontent.com", "allowed_audiences": nil}), "aws": gList(), "saml": gList(), "x509": gList()}})
	return specs
}

func init() {
	casesByCloud["google-services"] = gSvcCases(gSvcSpecs())
}

// Every mapping of data/google_services.json has a spec, so each one has
// its violating, passing, unset and unknown cases.
func TestGoogleServicesSpecs(t *testing.T) {
	have := map[string]bool{}
	for _, s := range gSvcSpecs() {
		have[s.typ+"."+s.id] = true
	}
	for _, tbl := range testEngine.Tables() {
		if !strings.Contains(tbl.DocsVersion, "optional+computed") {
			continue
		}
		for _, r := range tbl.Resources {
			for _, mp := range r.Mappings {
				if !have[r.Type+"."+mp.ID] {
					t.Errorf("%s.%s: no spec", r.Type, mp.ID)
				}
			}
		}
	}
}

// The findings of the services table never echo a resource's value: a
// secret in an environment variable or a startup script shows at most its
// first characters.
func TestGoogleServicesNeverEchoSecrets(t *testing.T) {
	for _, c := range casesByCloud["google-services"] {
		for _, f := range c.judge(t) {
			if strings.Contains(f.Message+f.Remediation, gSecretEnv[:8]) || strings.Contains(f.Message, gKey) {
				t.Errorf("%s/%s: %s echoes a value: %s", c.Type, c.Name, FindingID(f), f.Message)
			}
		}
	}
}

// The conditions of the services table: a proxy-only subnet cannot log
// flows, an unset purpose is computed at plan, OS Login 2FA means nothing
// while OS Login is off, and a customer-supplied disk key is a customer key.
func init() {
	subnet := gObj{"name": "proxy", "network": "vpc", "ip_cidr_range": "10.1.0.0/23", "region": "europe-west1", "log_config": gList(), "id": Unknown}
	casesByCloud["google-services"] = append(casesByCloud["google-services"],
		mappingCase{Type: "google_compute_subnetwork", Name: "proxy-only subnet is not judged", Obj: gWith(subnet, "purpose", "REGIONAL_MANAGED_PROXY", "role", "ACTIVE")},
		mappingCase{Type: "google_compute_subnetwork", Name: "purpose unset is computed at plan and defers", Obj: gWith(subnet, "purpose", Unknown),
			Want: map[string]string{"google_compute_subnetwork.flow_logs_disabled": gDeferred}},
		mappingCase{Type: "google_compute_subnetwork", Name: "purpose null is judged as a PRIVATE subnet", Obj: gWith(subnet, "purpose", nil),
			Want: map[string]string{"google_compute_subnetwork.flow_logs_disabled": gViolated}},
		mappingCase{Type: "google_storage_bucket_acl", Name: "a canned ACL leaves role_entity computed at plan: deferred",
			Obj:  gObj{"bucket": "acme-orders", "predefined_acl": "private", "role_entity": Unknown, "id": Unknown},
			Want: map[string]string{"google_storage_bucket_acl.public_entity": gDeferred}},
		mappingCase{Type: "google_compute_target_https_proxy", Name: "an SSL policy created in the same plan is unknown: deferred",
			Obj: gObj{"name": "web", "ssl_policy": Unknown, "ssl_certificates": gList("c")}, Want: map[string]string{"google_compute_target_https_proxy.default_ssl_policy": gDeferred}},
		mappingCase{Type: "google_compute_project_metadata", Name: "OS Login off: 2FA is not judged", Obj: gObj{"project": "acme-prod", "metadata": gObj{"enable-oslogin": "FALSE"}}},
		mappingCase{Type: "google_compute_project_metadata", Name: "metadata with no secret and no OS Login keys", Obj: gObj{"project": "acme-prod", "metadata": gObj{"serial-port-enable": "FALSE"}}},
		mappingCase{Type: "google_dataflow_job", Name: "workers' IPs unset are public", Obj: gObj{"name": "etl", "ip_configuration": nil, "kms_key_name": gKey},
			Want: map[string]string{"google_dataflow_job.public_worker_ips": gViolated}},
		mappingCase{Type: "google_logging_project_bucket_config", Name: "the 30-day default falls short of the standard baseline's 90 days",
			Obj:  gObj{"project": "acme", "location": "global", "bucket_id": "_Default", "retention_days": nil, "cmek_settings": gList()},
			Want: map[string]string{"google_logging_project_bucket_config.retention_short": gViolated}},
	)
}

// The secret_texts reader on Google's shapes: a startup script, metadata
// and environment maps, and Cloud Run's env blocks, where a secret
// reference (value_source, value_from) has no value to scan.
func TestSecretTextsReaderOnGoogleShapes(t *testing.T) {
	mp := Mapping{Attribute: "env", Read: "secret_texts"}
	tests := []struct {
		name string
		v    any
		want []string
	}{
		{"a script", "#!/bin/sh\n", []string{"#!/bin/sh\n"}},
		{"a map, as sorted KEY=value lines", gObj{"B": "2", "A": "1", "N": nil}, []string{"A=1", "B=2"}},
		{"env blocks; a secret reference has no value", gList(gObj{"name": "A", "value": "1"}, gObj{"name": "S", "value": nil, "value_source": gList(gObj{})}), []string{"A=1"}},
		{"a list of strings", gList("x", "y"), []string{"x", "y"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, shown, err := readers["secret_texts"].read(mp, tt.v, nil)
			if err != nil {
				t.Fatalf("err = %v", err)
			}
			if strings.Join(got.Strings, "|") != strings.Join(tt.want, "|") || got.State != policy.Known {
				t.Errorf("got %q, want %q", got.Strings, tt.want)
			}
			if strings.Contains(shown, "=") {
				t.Errorf("shown %q repeats a text", shown)
			}
		})
	}
}
