package evidence

// Cases for data/azure_more.json.

// azureConfigSpec: a server configuration resource setting one parameter.
func azureConfigSpec(typ, server, name, good, bad string) azureSpec {
	id := name
	return azureSpec{typ: typ, base: map[string]any{"name": name, server: azureSubID + "Microsoft.DBforPostgreSQL/flexibleServers/db-orders", "value": good, "id": Unknown},
		checks: []azureCheck{{id: id, bad: []any{"value", bad}}}}
}

func init() {
	ws := azureSubID + "Microsoft.OperationalInsights/workspaces/log-orders"
	audit := func(typ, parent string) azureSpec {
		return azureSpec{typ: typ, base: map[string]any{parent: azureSubID + "Microsoft.Synapse/workspaces/syn-orders", "storage_endpoint": "https://auditlogs.blob.core.windows.net/",
			"retention_in_days": 0.0, "log_monitoring_enabled": true, "storage_account_access_key": nil, "id": Unknown},
			checks: []azureCheck{
				{id: "retention_short", bad: []any{"retention_in_days", 60.0}, good: []any{"retention_in_days", 400.0}},
				{id: "not_centralized", bad: []any{"log_monitoring_enabled", false}},
			}}
	}
	legacyVMSS := azureSpec{typ: "azurerm_virtual_machine_scale_set", base: map[string]any{"name": "vmss-legacy", "resource_group_name": "rg-orders", "location": "westeurope",
		"upgrade_policy_mode": "Rolling", "automatic_os_upgrade": true, "sku": azureBlock("name", "Standard_D2s_v5", "capacity", 2.0),
		"os_profile": azureBlock("computer_name_prefix", "legacy", "admin_username", "azureuser", "admin_password", nil, "custom_data", "echo ready"), "id": Unknown},
		checks: []azureCheck{{id: "os_image_not_upgraded", bad: []any{"automatic_os_upgrade", false}, unset: "violated"}}}
	pgFlex, pgSingle, mysqlFlex := "azurerm_postgresql_flexible_server_configuration", "azurerm_postgresql_configuration", "azurerm_mysql_flexible_server_configuration"
	registerAzureSpecs("more",
		audit("azurerm_synapse_workspace_extended_auditing_policy", "synapse_workspace_id"),
		audit("azurerm_synapse_sql_pool_extended_auditing_policy", "sql_pool_id"),
		azureSpec{typ: "azurerm_monitor_aad_diagnostic_setting", base: map[string]any{"name": "entra-logs", "log_analytics_workspace_id": ws,
			"eventhub_authorization_rule_id": nil, "storage_account_id": nil,
			"enabled_log": []any{map[string]any{"category": "SignInLogs"}, map[string]any{"category": "AuditLogs"}}, "id": Unknown},
			checks: []azureCheck{
				{id: "no_logs", bad: []any{"enabled_log", []any{}}, unset: "violated"},
				{id: "not_centralized", bad: []any{"log_analytics_workspace_id", nil}, unset: "violated"},
			}},
		legacyVMSS,
		azureSpec{typ: "azurerm_spring_cloud_api_portal", base: map[string]any{"name": "default", "spring_cloud_service_id": azureSubID + "Microsoft.AppPlatform/spring/asa-orders",
			"https_only_enabled": true, "public_network_access_enabled": false, "instance_count": 1.0, "sso": []any{}, "id": Unknown, "url": Unknown},
			checks: []azureCheck{
				{id: "https_not_required", bad: []any{"https_only_enabled", false}},
				{id: "public_network_access", bad: []any{"public_network_access_enabled", true}},
			}},
		azureSpec{typ: "azurerm_frontdoor", base: map[string]any{"name": "fd-orders", "resource_group_name": "rg-orders",
			"frontend_endpoint": []any{map[string]any{"name": "orders", "host_name": "fd-orders.azurefd.net", "session_affinity_enabled": false,
				"web_application_firewall_policy_link_id": azureSubID + "Microsoft.Network/frontDoorWebApplicationFirewallPolicies/wafOrders"}},
			"backend_pool": []any{}, "routing_rule": []any{}, "id": Unknown, "cname": Unknown},
			checks: []azureCheck{{id: "no_waf", bad: []any{"frontend_endpoint[0].web_application_firewall_policy_link_id", nil}, unset: "violated"}}},
		azureSpec{typ: "azurerm_frontdoor_firewall_policy", base: map[string]any{"name": "wafOrders", "resource_group_name": "rg-orders", "mode": "Prevention", "enabled": true,
			"custom_rule": []any{}, "managed_rule": []any{}, "id": Unknown},
			checks: []azureCheck{
				{id: "detection_only", bad: []any{"mode", "Detection"}},
				{id: "policy_disabled", bad: []any{"enabled", false}},
			}},
		azureSpec{typ: "azurerm_managed_redis", base: map[string]any{"name": "amr-orders", "resource_group_name": "rg-orders", "location": "westeurope", "sku_name": "Balanced_B3",
			"public_network_access": "Disabled", "default_database": []any{}, "id": Unknown, "hostname": Unknown},
			checks: []azureCheck{{id: "public_network_access", bad: []any{"public_network_access", "Enabled"}, unset: "violated"}}},
		azureSpec{typ: "azurerm_redis_enterprise_cluster", base: map[string]any{"name": "re-orders", "resource_group_name": "rg-orders", "location": "westeurope",
			"sku_name": "Enterprise_E10-2", "minimum_tls_version": "1.2", "id": Unknown, "hostname": Unknown},
			checks: []azureCheck{{id: "tls_below_minimum", bad: []any{"minimum_tls_version", "1.0"}}}},
		azureConfigSpec(pgFlex, "server_id", "require_secure_transport", "on", "off"),
		azureConfigSpec(pgFlex, "server_id", "ssl_min_protocol_version", "TLSv1.2", "TLSv1.1"),
		azureConfigSpec(pgFlex, "server_id", "log_connections", "on", "off"),
		azureConfigSpec(pgFlex, "server_id", "log_checkpoints", "on", "off"),
		azureConfigSpec(pgSingle, "server_name", "log_connections", "on", "off"),
		azureConfigSpec(pgSingle, "server_name", "log_checkpoints", "on", "off"),
		azureConfigSpec(pgSingle, "server_name", "log_retention", "on", "off"),
		azureConfigSpec(mysqlFlex, "server_name", "require_secure_transport", "ON", "OFF"),
		azureConfigSpec(mysqlFlex, "server_name", "tls_version", "TLSv1.2,TLSv1.3", "TLSv1"),
		azureConfigSpec(mysqlFlex, "server_name", "audit_log_enabled", "ON", "OFF"),
	)
	casesByCloud["azure/more-configs"] = []mappingCase{
		{Type: "azurerm_virtual_machine_scale_set", Name: "token in plain custom data", Obj: setPaths(legacyVMSS.base, "os_profile[0].custom_data", "GITHUB_TOKEN="+azureGitHubToken),
			Want: map[string]string{"azurerm_virtual_machine_scale_set.github_token": "violated"}},
		// A configuration the table does not judge says nothing.
		{Type: pgFlex, Name: "an unjudged parameter", Obj: map[string]any{"name": "work_mem", "server_id": "x", "value": "8192", "id": Unknown}},
		// The name unknown at plan defers every parameter mapping.
		{Type: mysqlFlex, Name: "name unknown at plan", Obj: map[string]any{"name": Unknown, "server_name": "x", "value": "OFF", "id": Unknown},
			Want: map[string]string{mysqlFlex + ".require_secure_transport": "deferred", mysqlFlex + ".tls_version": "deferred", mysqlFlex + ".audit_log_enabled": "deferred"}},
	}
}
