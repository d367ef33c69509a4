package evidence

// Cases for data/azure_data.json.

const azureSubID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders/providers/"

// azureFirewallRuleSpec: a rule resource allowing one address range.
func azureFirewallRuleSpec(typ, start, end string, extra ...any) azureSpec {
	base := azureWith(map[string]any{"name": "office", start: "203.0.113.10", end: "203.0.113.20", "id": Unknown}, extra...)
	return azureSpec{typ: typ, base: base, checks: []azureCheck{
		{id: "open_to_internet", bad: []any{start, "0.0.0.0", end, "255.255.255.255"},
			good: []any{start, "10.0.0.0", end, "10.255.255.255"}},
		{id: "allows_all_azure_services", bad: []any{start, "0.0.0.0", end, "0.0.0.0"}},
	}}
}

func init() {
	registerAzureSpecs("data",
		azureFirewallRuleSpec("azurerm_mssql_firewall_rule", "start_ip_address", "end_ip_address", "server_id", azureSubID+"Microsoft.Sql/servers/sql-orders"),
		azureFirewallRuleSpec("azurerm_postgresql_flexible_server_firewall_rule", "start_ip_address", "end_ip_address", "server_id", azureSubID+"Microsoft.DBforPostgreSQL/flexibleServers/psql-orders"),
		azureFirewallRuleSpec("azurerm_mysql_flexible_server_firewall_rule", "start_ip_address", "end_ip_address", "server_name", "mysql-orders", "resource_group_name", "rg-orders"),
		azureFirewallRuleSpec("azurerm_postgresql_firewall_rule", "start_ip_address", "end_ip_address", "server_name", "psql-legacy", "resource_group_name", "rg-orders"),
		azureFirewallRuleSpec("azurerm_synapse_firewall_rule", "start_ip_address", "end_ip_address", "synapse_workspace_id", azureSubID+"Microsoft.Synapse/workspaces/syn-orders"),
		azureFirewallRuleSpec("azurerm_redis_firewall_rule", "start_ip", "end_ip", "redis_cache_name", "redis-orders", "resource_group_name", "rg-orders"),
		azureSpec{typ: "azurerm_cosmosdb_account", base: map[string]any{
			"name": "cosmos-orders", "offer_type": "Standard", "kind": "GlobalDocumentDB",
			"public_network_access_enabled": false, "ip_range_filter": []any{"203.0.113.0/24"}, "is_virtual_network_filter_enabled": true,
			"minimal_tls_version": "Tls12", "key_vault_key_id": "https://kv-orders.vault.azure.net/keys/cosmos", "managed_hsm_key_id": nil,
			"backup":       azureBlock("type", "Periodic", "interval_in_minutes", 240.0, "retention_in_hours", 720.0, "storage_redundancy", "Geo", "tier", nil),
			"geo_location": []any{map[string]any{"location": "westeurope", "failover_priority": 0.0, "zone_redundant": false}},
			"id":           Unknown, "endpoint": Unknown, "primary_key": Unknown,
			"capabilities": []any{}, "virtual_network_rule": []any{}, "identity": []any{},
			"consistency_policy": azureBlock("consistency_level", "Session", "max_interval_in_seconds", 5.0, "max_staleness_prefix", 100.0),
		}, checks: []azureCheck{
			{id: "public_network_access", bad: []any{"public_network_access_enabled", true}, unset: "violated"},
			{id: "open_to_internet", bad: []any{"ip_range_filter", []any{"203.0.113.0/24", "0.0.0.0/0"}}, good: []any{"ip_range_filter", []any{}}},
			{id: "allows_all_azure_services", bad: []any{"ip_range_filter", []any{"0.0.0.0", "104.42.195.92"}}},
			{id: "tls_below_minimum", bad: []any{"minimal_tls_version", "Tls11"}},
			{id: "no_customer_managed_key", bad: []any{"key_vault_key_id", nil}, unset: "violated"},
			{id: "backups_not_geo_redundant", bad: []any{"backup[0].storage_redundancy", "Local"}, good: []any{"backup[0].type", "Continuous", "backup[0].storage_redundancy", nil}},
		}},
		azureSpec{typ: "azurerm_redis_cache", base: map[string]any{
			"name": "redis-orders", "capacity": 1.0, "family": "P", "sku_name": "Premium",
			"non_ssl_port_enabled": false, "minimum_tls_version": "1.2", "public_network_access_enabled": false,
			"redis_configuration": azureBlock("rdb_backup_enabled", true, "rdb_backup_frequency", 60.0, "rdb_storage_connection_string", Unknown),
			"patch_schedule":      []any{}, "identity": []any{},
			"id": Unknown, "hostname": Unknown, "primary_access_key": Unknown,
		}, checks: []azureCheck{
			{id: "non_ssl_port_enabled", bad: []any{"non_ssl_port_enabled", true}},
			{id: "tls_below_minimum", bad: []any{"minimum_tls_version", "1.0"}, unset: "violated"},
			{id: "public_network_access", bad: []any{"public_network_access_enabled", true}, unset: "violated"},
		}},
		azureSpec{typ: "azurerm_mysql_flexible_server", base: map[string]any{
			"name": "mysql-orders", "sku_name": "GP_Standard_D2ds_v4", "version": "8.0.21", "administrator_login": "mysqladmin", "administrator_password": azureSecret,
			"public_network_access": "Disabled", "backup_retention_days": 35.0, "geo_redundant_backup_enabled": true,
			"customer_managed_key": azureBlock("key_vault_key_id", "https://kv-orders.vault.azure.net/keys/mysql", "primary_user_assigned_identity_id", azureSubID+"Microsoft.ManagedIdentity/userAssignedIdentities/uai-orders",
				"geo_backup_key_vault_key_id", nil, "geo_backup_user_assigned_identity_id", nil, "managed_hsm_key_id", nil),
			"high_availability": []any{}, "maintenance_window": []any{}, "storage": azureBlock("size_gb", 64.0, "auto_grow_enabled", true),
			"id": Unknown, "fqdn": Unknown,
		}, checks: []azureCheck{
			{id: "public_network_access", bad: []any{"public_network_access", "Enabled"}},
			{id: "backup_retention_short", bad: []any{"backup_retention_days", 14.0}, unset: "violated"},
			{id: "backups_not_geo_redundant", bad: []any{"geo_redundant_backup_enabled", false}, unset: "violated"},
			{id: "no_customer_managed_key", bad: []any{"customer_managed_key", []any{}}, unset: "violated"},
		}},
		azureSpec{typ: "azurerm_postgresql_server", base: map[string]any{
			"name": "psql-legacy", "sku_name": "GP_Gen5_4", "version": "11", "administrator_login": "psqladmin", "administrator_login_password": azureSecret,
			"ssl_enforcement_enabled": true, "ssl_minimal_tls_version_enforced": "TLS1_2", "public_network_access_enabled": false,
			"geo_redundant_backup_enabled": true, "backup_retention_days": 35.0, "infrastructure_encryption_enabled": true,
			"threat_detection_policy": []any{}, "identity": []any{}, "id": Unknown, "fqdn": Unknown,
		}, checks: []azureCheck{
			{id: "ssl_not_enforced", bad: []any{"ssl_enforcement_enabled", false}},
			{id: "tls_below_minimum", bad: []any{"ssl_minimal_tls_version_enforced", "TLSEnforcementDisabled"}},
			{id: "public_network_access", bad: []any{"public_network_access_enabled", true}, unset: "violated"},
			{id: "backups_not_geo_redundant", bad: []any{"geo_redundant_backup_enabled", false}},
			{id: "backup_retention_short", bad: []any{"backup_retention_days", 7.0}},
		}},
		azureSpec{typ: "azurerm_mssql_managed_instance", base: map[string]any{
			"name": "sqlmi-orders", "license_type": "BasePrice", "sku_name": "GP_Gen5", "storage_size_in_gb": 32.0, "vcores": 4.0,
			"subnet_id": azureSubID + "Microsoft.Network/virtualNetworks/vnet-orders/subnets/sqlmi", "administrator_login": "miadmin", "administrator_login_password": azureSecret,
			"public_data_endpoint_enabled": false, "minimum_tls_version": "1.2", "storage_account_type": "GZRS",
			"identity": []any{}, "azure_active_directory_administrator": []any{}, "id": Unknown, "fqdn": Unknown,
		}, checks: []azureCheck{
			{id: "public_data_endpoint", bad: []any{"public_data_endpoint_enabled", true}},
			{id: "tls_below_minimum", bad: []any{"minimum_tls_version", "1.1"}},
			{id: "backups_not_geo_redundant", bad: []any{"storage_account_type", "ZRS"}, good: []any{"storage_account_type", "GRS"}},
		}},
		azureSpec{typ: "azurerm_synapse_workspace", base: map[string]any{
			"name": "syn-orders", "storage_data_lake_gen2_filesystem_id": "https://ordersdata.dfs.core.windows.net/synapse",
			"sql_administrator_login": "sqladmin", "sql_administrator_login_password": azureSecret,
			"public_network_access_enabled": false, "managed_virtual_network_enabled": true, "data_exfiltration_protection_enabled": true,
			"customer_managed_key": azureBlock("key_versionless_id", "https://kv-orders.vault.azure.net/keys/synapse", "key_name", "cmk", "user_assigned_identity_id", nil),
			"identity":             azureBlock("type", "SystemAssigned"), "azure_devops_repo": []any{}, "github_repo": []any{},
			"id": Unknown, "connectivity_endpoints": Unknown,
		}, checks: []azureCheck{
			{id: "public_network_access", bad: []any{"public_network_access_enabled", true}, unset: "violated"},
			{id: "no_managed_virtual_network", bad: []any{"managed_virtual_network_enabled", false}},
			{id: "no_customer_managed_key", bad: []any{"customer_managed_key", []any{}}, unset: "violated"},
		}},
		azureSpec{typ: "azurerm_synapse_sql_pool", base: map[string]any{
			"name": "pool_orders", "synapse_workspace_id": azureSubID + "Microsoft.Synapse/workspaces/syn-orders", "sku_name": "DW100c",
			"create_mode": "Default", "data_encrypted": true, "geo_backup_policy_enabled": true, "storage_account_type": "GRS", "restore": []any{}, "id": Unknown,
		}, checks: []azureCheck{
			{id: "tde_disabled", bad: []any{"data_encrypted", false}},
			{id: "geo_backup_disabled", bad: []any{"geo_backup_policy_enabled", false}},
		}},
		azureSpec{typ: "azurerm_kusto_cluster", base: map[string]any{
			"name": "kustoorders", "sku": azureBlock("name", "Standard_D13_v2", "capacity", 2.0),
			"disk_encryption_enabled": true, "double_encryption_enabled": true, "public_network_access_enabled": false,
			"allowed_ip_ranges": []any{"203.0.113.0/24"}, "identity": []any{}, "virtual_network_configuration": []any{},
			"id": Unknown, "uri": Unknown, "data_ingestion_uri": Unknown,
		}, checks: []azureCheck{
			{id: "disk_encryption_disabled", bad: []any{"disk_encryption_enabled", false}, unset: "violated"},
			{id: "public_network_access", bad: []any{"public_network_access_enabled", true}, unset: "violated"},
			{id: "open_to_internet", bad: []any{"allowed_ip_ranges", []any{"0.0.0.0/0"}}},
		}},
		azureSpec{typ: "azurerm_storage_account_network_rules", base: map[string]any{
			"storage_account_id": azureSubID + "Microsoft.Storage/storageAccounts/ordersdata", "default_action": "Deny",
			"bypass": []any{"AzureServices"}, "ip_rules": []any{"203.0.113.0/24"}, "virtual_network_subnet_ids": []any{}, "private_link_access": []any{}, "id": Unknown,
		}, checks: []azureCheck{
			{id: "open_to_all_networks", bad: []any{"default_action", "Allow"}},
			{id: "open_to_internet", bad: []any{"ip_rules", []any{"0.0.0.0/1", "128.0.0.0/1"}}, good: []any{"ip_rules", []any{}}},
		}},
		azureSpec{typ: "azurerm_storage_container", base: map[string]any{
			"name": "invoices", "storage_account_id": azureSubID + "Microsoft.Storage/storageAccounts/ordersdata", "storage_account_name": nil,
			"container_access_type": "private", "metadata": map[string]any{}, "id": Unknown, "resource_manager_id": Unknown,
		}, checks: []azureCheck{
			{id: "public_container", bad: []any{"container_access_type", "blob"}, good: []any{"container_access_type", "private"}},
		}},
		azureSpec{typ: "azurerm_storage_encryption_scope", base: map[string]any{
			"name": "orders", "storage_account_id": azureSubID + "Microsoft.Storage/storageAccounts/ordersdata", "source": "Microsoft.KeyVault",
			"key_vault_key_id": "https://kv-orders.vault.azure.net/keys/scope", "infrastructure_encryption_required": true, "id": Unknown,
		}, checks: []azureCheck{
			{id: "no_customer_managed_key", bad: []any{"source", "Microsoft.Storage"}},
		}},
		azureSpec{typ: "azurerm_storage_account_customer_managed_key", base: map[string]any{
			"storage_account_id": azureSubID + "Microsoft.Storage/storageAccounts/ordersdata", "key_vault_id": azureSubID + "Microsoft.KeyVault/vaults/kv-orders",
			"key_name": "storage-cmk", "key_version": nil, "user_assigned_identity_id": nil, "id": Unknown,
		}, checks: []azureCheck{
			{id: "no_customer_managed_key", bad: []any{"key_name", ""}, unset: "violated"},
		}},
	)
}
