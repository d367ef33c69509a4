package evidence

// Cases for data/azure_services.json.

// azureServiceSpec: a service resource with public network access off
// (attr, documented default true) and the given attributes set; more
// checks follow the public access one.
func azureServiceSpec(typ, attr string, kv []any, checks ...azureCheck) azureSpec {
	base := azureWith(map[string]any{"name": "orders", "resource_group_name": "rg-orders", "location": "westeurope",
		attr: false, "identity": []any{}, "id": Unknown}, kv...)
	pna := azureCheck{id: "public_network_access", bad: []any{attr, true}, unset: "violated"}
	return azureSpec{typ: typ, base: base, checks: append([]azureCheck{pna}, checks...)}
}

// azureIPRule is one allow-list block with its CIDR under key.
func azureIPRule(key, cidr string) []any {
	return []any{map[string]any{key: cidr, "action": "Allow"}}
}

func init() {
	keyID := "https://kv-orders.vault.azure.net/keys/orders"
	uai := azureSubID + "Microsoft.ManagedIdentity/userAssignedIdentities/uai-orders"
	safe, world := "203.0.113.0/24", "0.0.0.0/0"
	tls := func(path string) azureCheck {
		return azureCheck{id: "tls_below_minimum", bad: []any{path, "1.1"}, good: []any{path, "1.2"}}
	}
	cmkBlock := func(path string) azureCheck {
		return azureCheck{id: "no_customer_managed_key", bad: []any{path, []any{}}, unset: "violated"}
	}
	registerAzureSpecs("services",
		azureServiceSpec("azurerm_eventhub_namespace", "public_network_access_enabled", []any{"sku", "Standard", "minimum_tls_version", "1.2",
			"network_rulesets", azureBlock("default_action", "Deny", "public_network_access_enabled", false, "trusted_service_access_enabled", true,
				"ip_rule", azureIPRule("ip_mask", safe), "virtual_network_rule", []any{})},
			tls("minimum_tls_version"),
			azureCheck{id: "open_to_internet", bad: []any{"network_rulesets[0].ip_rule[*].ip_mask", world}}),
		azureServiceSpec("azurerm_servicebus_namespace", "public_network_access_enabled", []any{"sku", "Premium", "capacity", 1.0, "premium_messaging_partitions", 1.0,
			"minimum_tls_version", "1.2", "local_auth_enabled", false,
			"customer_managed_key", azureBlock("key_vault_key_id", keyID, "identity_id", uai, "infrastructure_encryption_enabled", true),
			"network_rule_set", azureBlock("default_action", "Deny", "public_network_access_enabled", false, "trusted_services_allowed", true, "ip_rules", []any{safe}, "network_rules", []any{})},
			tls("minimum_tls_version"), cmkBlock("customer_managed_key"),
			azureCheck{id: "open_to_internet", bad: []any{"network_rule_set[0].ip_rules", []any{safe, world}}}),
		azureServiceSpec("azurerm_eventgrid_topic", "public_network_access_enabled", []any{"local_auth_enabled", false, "input_schema", "EventGridSchema",
			"inbound_ip_rule", azureIPRule("ip_mask", safe), "input_mapping_fields", []any{}, "input_mapping_default_values", []any{}, "endpoint", Unknown},
			azureCheck{id: "open_to_internet", bad: []any{"inbound_ip_rule[*].ip_mask", world}}),
		azureServiceSpec("azurerm_eventgrid_domain", "public_network_access_enabled", []any{"local_auth_enabled", false, "input_schema", "EventGridSchema",
			"inbound_ip_rule", azureIPRule("ip_mask", safe), "input_mapping_fields", []any{}, "input_mapping_default_values", []any{}, "endpoint", Unknown},
			azureCheck{id: "open_to_internet", bad: []any{"inbound_ip_rule[*].ip_mask", world}}),
		func() azureSpec {
			s := azureServiceSpec("azurerm_iothub", "public_network_access_enabled", []any{"sku", azureBlock("name", "S1", "capacity", 1.0), "min_tls_version", "1.2",
				"network_rule_set", azureBlock("default_action", "Deny", "apply_to_builtin_eventhub_endpoint", true, "ip_rule", []any{map[string]any{"name": "plant", "ip_mask": safe, "action": "Allow"}})},
				azureCheck{id: "open_to_internet", bad: []any{"network_rule_set[0].ip_rule[*].ip_mask", world}})
			s.checks[0].unset = "" // no documented default
			return s
		}(),
		azureServiceSpec("azurerm_cognitive_account", "public_network_access_enabled", []any{"kind", "OpenAI", "sku_name", "S0", "local_auth_enabled", false,
			"custom_subdomain_name", "orders-ai",
			"customer_managed_key", azureBlock("key_vault_key_id", keyID, "identity_client_id", "11111111-1111-1111-1111-111111111111"),
			"network_acls", azureBlock("default_action", "Deny", "ip_rules", []any{safe}, "virtual_network_rules", []any{}, "bypass", "AzureServices")},
			cmkBlock("customer_managed_key"),
			azureCheck{id: "open_to_internet", bad: []any{"network_acls[0].ip_rules", []any{world}}}),
		azureServiceSpec("azurerm_search_service", "public_network_access_enabled", []any{"sku", "standard", "allowed_ips", []any{"203.0.113.7"},
			"local_authentication_enabled", false, "customer_managed_key_enforcement_enabled", true},
			azureCheck{id: "open_to_internet", bad: []any{"allowed_ips", []any{"0.0.0.0/1", "128.0.0.0/1"}}, good: []any{"allowed_ips", []any{}}}),
		azureServiceSpec("azurerm_machine_learning_workspace", "public_network_access_enabled", []any{
			"application_insights_id", azureSubID + "Microsoft.Insights/components/appi-orders", "key_vault_id", azureSubID + "Microsoft.KeyVault/vaults/kv-orders",
			"storage_account_id", azureSubID + "Microsoft.Storage/storageAccounts/ordersdata", "identity", azureBlock("type", "SystemAssigned"),
			"encryption", azureBlock("key_vault_id", azureSubID+"Microsoft.KeyVault/vaults/kv-orders", "key_id", keyID, "user_assigned_identity_id", nil)},
			cmkBlock("encryption")),
		azureServiceSpec("azurerm_batch_account", "public_network_access_enabled", []any{"pool_allocation_mode", "BatchService",
			"encryption", azureBlock("key_vault_key_id", keyID),
			"network_profile", azureBlock("account_access", azureBlock("default_action", "Deny", "ip_rule", azureIPRule("ip_range", safe)), "node_management_access", []any{})},
			cmkBlock("encryption"),
			azureCheck{id: "open_to_internet", bad: []any{"network_profile[0].account_access[0].ip_rule[*].ip_range", world}}),
		azureServiceSpec("azurerm_signalr_service", "public_network_access_enabled", []any{"sku", azureBlock("name", "Standard_S1", "capacity", 1.0), "local_auth_enabled", false}),
		azureServiceSpec("azurerm_web_pubsub", "public_network_access_enabled", []any{"sku", "Standard_S1", "capacity", 1.0, "local_auth_enabled", false}),
		azureServiceSpec("azurerm_automation_account", "public_network_access_enabled", []any{"sku_name", "Basic", "local_authentication_enabled", false,
			"encryption", azureBlock("key_vault_key_id", keyID, "user_assigned_identity_id", uai)},
			cmkBlock("encryption")),
		azureSpec{typ: "azurerm_app_configuration", base: map[string]any{"name": "appcs-orders", "sku": "standard", "public_network_access": "Disabled",
			"local_auth_enabled": false, "purge_protection_enabled": true, "soft_delete_retention_days": 7.0,
			"encryption": azureBlock("key_vault_key_identifier", keyID, "identity_client_id", "11111111-1111-1111-1111-111111111111"),
			"identity":   azureBlock("type", "UserAssigned", "identity_ids", []any{uai}), "replica": []any{}, "id": Unknown, "endpoint": Unknown},
			checks: []azureCheck{
				{id: "public_network_access", bad: []any{"public_network_access", "Enabled"}},
				{id: "purge_protection_disabled", bad: []any{"purge_protection_enabled", false}, unset: "violated"},
				cmkBlock("encryption"),
			}},
		azureServiceSpec("azurerm_data_factory", "public_network_enabled", []any{"customer_managed_key_id", keyID, "customer_managed_key_identity_id", uai,
			"github_configuration", []any{}, "vsts_configuration", []any{}, "global_parameter", []any{}},
			azureCheck{id: "no_customer_managed_key", bad: []any{"customer_managed_key_id", nil}, unset: "violated"}),
		azureServiceSpec("azurerm_databricks_workspace", "public_network_access_enabled", []any{"identity", azureAbsent, "sku", "premium", "customer_managed_key_enabled", true,
			"infrastructure_encryption_enabled", true, "network_security_group_rules_required", "NoAzureDatabricksRules", "custom_parameters", []any{}},
			azureCheck{id: "no_customer_managed_key", bad: []any{"customer_managed_key_enabled", false}, unset: "violated"}),
		azureServiceSpec("azurerm_container_registry", "public_network_access_enabled", []any{"sku", "Premium", "admin_enabled", false, "anonymous_pull_enabled", false,
			"encryption", azureBlock("key_vault_key_id", keyID, "identity_client_id", "11111111-1111-1111-1111-111111111111"),
			"georeplications", azureBlock("location", "northeurope", "zone_redundancy_enabled", true, "regional_endpoint_enabled", false, "tags", map[string]any{}),
			"network_rule_set", azureBlock("default_action", "Deny", "ip_rule", azureIPRule("ip_range", safe)), "login_server", Unknown},
			azureCheck{id: "admin_user_enabled", bad: []any{"admin_enabled", true}},
			azureCheck{id: "anonymous_pull_enabled", bad: []any{"anonymous_pull_enabled", true}},
			cmkBlock("encryption"),
			azureCheck{id: "not_geo_replicated", bad: []any{"georeplications", []any{}}, unset: "violated"},
			azureCheck{id: "open_to_internet", bad: []any{"network_rule_set[0].ip_rule[*].ip_range", world}}),
		azureSpec{typ: "azurerm_managed_disk", base: map[string]any{"name": "disk-orders", "storage_account_type": "Premium_LRS", "create_option": "Empty", "disk_size_gb": 128.0,
			"network_access_policy": "DenyAll", "public_network_access_enabled": false, "disk_access_id": nil,
			"disk_encryption_set_id": azureSubID + "Microsoft.Compute/diskEncryptionSets/des-orders", "secure_vm_disk_encryption_set_id": nil,
			"encryption_settings": []any{}, "id": Unknown},
			checks: []azureCheck{
				{id: "open_network_access", bad: []any{"network_access_policy", "AllowAll"}, unset: "violated", good: []any{"network_access_policy", "AllowPrivate"}},
				{id: "no_customer_managed_key", bad: []any{"disk_encryption_set_id", nil}, unset: "violated"},
			}},
		azureSpec{typ: "azurerm_snapshot", base: map[string]any{"name": "snap-orders", "create_option": "Copy", "source_uri": azureSubID + "Microsoft.Compute/disks/disk-orders",
			"network_access_policy": "DenyAll", "public_network_access_enabled": false, "encryption_settings": []any{}, "id": Unknown},
			checks: []azureCheck{{id: "open_network_access", bad: []any{"network_access_policy", "AllowAll"}, unset: "violated"}}},
		azureServiceSpec("azurerm_purview_account", "public_network_enabled", []any{"identity", azureBlock("type", "SystemAssigned")}),
		azureServiceSpec("azurerm_api_management", "public_network_access_enabled", []any{"publisher_name", "Orders", "publisher_email", "ops@example.com", "sku_name", "Developer_1",
			"virtual_network_type", "Internal", "security", []any{}}),
		azureServiceSpec("azurerm_key_vault_managed_hardware_security_module", "public_network_access_enabled", []any{"identity", azureAbsent, "sku_name", "Standard_B1",
			"tenant_id", "00000000-0000-0000-0000-000000000000", "admin_object_ids", []any{"11111111-1111-1111-1111-111111111111"},
			"purge_protection_enabled", true, "soft_delete_retention_days", 90.0, "network_acls", azureBlock("default_action", "Deny", "bypass", "None")},
			azureCheck{id: "purge_protection_disabled", bad: []any{"purge_protection_enabled", false}},
			azureCheck{id: "soft_delete_retention_short", bad: []any{"soft_delete_retention_days", 14.0}}),
	)
}
