package evidence

// Cases for data/azure_extra.json.

func init() {
	keyID := "https://kv-orders.vault.azure.net/keys/orders"
	cmkSpec := func(typ, parent, attr string) azureSpec {
		return azureSpec{typ: typ, base: map[string]any{parent: azureSubID + "Microsoft.Example/parents/orders", attr: keyID, "id": Unknown},
			checks: []azureCheck{{id: "no_customer_managed_key", bad: []any{attr, ""}, unset: "violated"}}}
	}
	flag := func(typ, attr string, id string, kv ...any) azureSpec {
		base := azureWith(map[string]any{"name": "orders", "resource_group_name": "rg-orders", "location": "westeurope", attr: false, "id": Unknown}, kv...)
		return azureSpec{typ: typ, base: base, checks: []azureCheck{{id: id, bad: []any{attr, true}, unset: "violated"}}}
	}
	queue := azureSpec{typ: "azurerm_storage_account_queue_properties", base: map[string]any{
		"storage_account_id": azureSubID + "Microsoft.Storage/storageAccounts/ordersdata",
		"logging":            azureBlock("version", "1.0", "read", true, "write", true, "delete", true, "retention_policy_days", 90.0),
		"cors_rule":          []any{}, "hour_metrics": []any{}, "minute_metrics": []any{}, "id": Unknown},
		checks: []azureCheck{
			{id: "read_not_logged", bad: []any{"logging[0].read", false}},
			{id: "write_not_logged", bad: []any{"logging[0].write", false}},
			{id: "delete_not_logged", bad: []any{"logging[0].delete", false}},
		}}
	registerAzureSpecs("extra",
		cmkSpec("azurerm_kusto_cluster_customer_managed_key", "cluster_id", "key_name"),
		cmkSpec("azurerm_cognitive_account_customer_managed_key", "cognitive_account_id", "key_vault_key_id"),
		cmkSpec("azurerm_databricks_workspace_root_dbfs_customer_managed_key", "workspace_id", "key_vault_key_id"),
		cmkSpec("azurerm_postgresql_server_key", "server_id", "key_vault_key_id"),
		cmkSpec("azurerm_log_analytics_cluster_customer_managed_key", "log_analytics_cluster_id", "key_vault_key_id"),
		flag("azurerm_iothub_dps", "public_network_access_enabled", "public_network_access", "sku", azureBlock("name", "S1", "capacity", 1.0)),
		flag("azurerm_dashboard_grafana", "public_network_access_enabled", "public_network_access", "grafana_major_version", "11"),
		flag("azurerm_healthcare_service", "public_network_access_enabled", "public_network_access", "kind", "fhir-R4", "cosmosdb_throughput", 400.0),
		flag("azurerm_machine_learning_compute_cluster", "node_public_ip_enabled", "node_public_ip", "resource_group_name", azureAbsent,
			"machine_learning_workspace_id", azureSubID+"Microsoft.MachineLearningServices/workspaces/mlw-orders", "vm_size", "STANDARD_DS2_V2",
			"subnet_resource_id", azureSubID+"Microsoft.Network/virtualNetworks/vnet-orders/subnets/ml"),
		flag("azurerm_machine_learning_compute_instance", "node_public_ip_enabled", "node_public_ip", "resource_group_name", azureAbsent, "location", azureAbsent,
			"machine_learning_workspace_id", azureSubID+"Microsoft.MachineLearningServices/workspaces/mlw-orders", "virtual_machine_size", "STANDARD_DS2_V2",
			"subnet_resource_id", azureSubID+"Microsoft.Network/virtualNetworks/vnet-orders/subnets/ml"),
		azureSpec{typ: "azurerm_cosmosdb_postgresql_cluster", base: map[string]any{"name": "cpg-orders", "resource_group_name": "rg-orders", "location": "westeurope",
			"node_count": 0.0, "coordinator_storage_quota_in_mb": 131072.0, "coordinator_vcore_count": 2.0, "administrator_login_password": azureSecret,
			"coordinator_public_ip_access_enabled": false, "node_public_ip_access_enabled": false, "id": Unknown},
			checks: []azureCheck{
				{id: "coordinator_public_access", bad: []any{"coordinator_public_ip_access_enabled", true}, unset: "violated"},
				{id: "node_public_access", bad: []any{"node_public_ip_access_enabled", true}},
			}},
		azureSpec{typ: "azurerm_app_service_environment_v3", base: map[string]any{"name": "ase-orders", "resource_group_name": "rg-orders",
			"subnet_id": azureSubID + "Microsoft.Network/virtualNetworks/vnet-orders/subnets/ase", "internal_load_balancing_mode": "Web, Publishing",
			"cluster_setting": []any{}, "id": Unknown},
			checks: []azureCheck{{id: "external_endpoint", bad: []any{"internal_load_balancing_mode", "None"}, unset: "violated"}}},
		queue,
	)
}
