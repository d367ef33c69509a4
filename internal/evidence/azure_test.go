package evidence

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// Cases for data/azure.json, in the azurerm v4 and azuread v3 shapes: nested
// blocks are lists of objects, unset attributes null or absent, and computed
// attributes (id, endpoints, keys) unknown as they are at plan.

// azureWith returns a copy of base with attributes replaced (key, value
// pairs); a value of azureAbsent deletes the attribute.
func azureWith(base map[string]any, kv ...any) map[string]any {
	out := make(map[string]any, len(base))
	for k, v := range base {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		k, _ := kv[i].(string)
		if kv[i+1] == azureAbsent {
			delete(out, k)
			continue
		}
		out[k] = kv[i+1]
	}
	return out
}

type azureAbsentValue struct{}

var azureAbsent any = azureAbsentValue{}

// azureBlock is a nested block as Terraform hands it over: a list of one object.
func azureBlock(kv ...any) []any { return []any{azureWith(map[string]any{}, kv...)} }

func azureStorageAccount() map[string]any {
	return map[string]any{
		"name": "ordersdata", "resource_group_name": "rg-orders", "location": "westeurope",
		"account_kind": "StorageV2", "account_tier": "Standard", "account_replication_type": "GRS",
		"https_traffic_only_enabled": true, "min_tls_version": "TLS1_2",
		"allow_nested_items_to_be_public": false, "public_network_access_enabled": true,
		"shared_access_key_enabled": true,
		"network_rules": azureBlock("default_action", "Deny", "bypass", []any{"AzureServices"},
			"ip_rules", []any{"203.0.113.0/24"}, "virtual_network_subnet_ids", []any{}, "private_link_access", []any{}),
		"blob_properties": azureBlock("versioning_enabled", true, "change_feed_enabled", false, "last_access_time_enabled", false,
			"delete_retention_policy", azureBlock("days", 30.0, "permanent_delete_enabled", false),
			"container_delete_retention_policy", azureBlock("days", 7.0), "cors_rule", []any{}, "restore_policy", []any{}),
		"customer_managed_key": []any{}, "identity": []any{},
		"id": Unknown, "primary_access_key": Unknown, "primary_connection_string": Unknown, "primary_blob_endpoint": Unknown,
	}
}

func azureMSSQLServer() map[string]any {
	return map[string]any{
		"name": "sql-orders", "resource_group_name": "rg-orders", "location": "westeurope", "version": "12.0",
		"administrator_login": "sqladmin", "administrator_login_password": azureSecret,
		"minimum_tls_version": "1.2", "public_network_access_enabled": false, "connection_policy": "Default",
		"transparent_data_encryption_key_vault_key_id": nil, "azuread_administrator": []any{}, "identity": []any{},
		"id": Unknown, "fully_qualified_domain_name": Unknown,
	}
}

func azureMSSQLDatabase() map[string]any {
	return map[string]any{
		"name": "orders", "server_id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders/providers/Microsoft.Sql/servers/sql-orders",
		"sku_name": "GP_Gen5_2", "transparent_data_encryption_enabled": true, "transparent_data_encryption_key_vault_key_id": nil,
		"short_term_retention_policy": azureBlock("retention_days", 35.0, "backup_interval_in_hours", 12.0),
		"long_term_retention_policy":  azureBlock("weekly_retention", "P4W", "monthly_retention", "PT0S", "yearly_retention", "PT0S"),
		"storage_account_type":        "Geo", "threat_detection_policy": []any{}, "import": []any{},
		"id": Unknown,
	}
}

// azureNSGRule is one security_rule element with every attribute present,
// as the plan holds it.
func azureNSGRule(kv ...any) map[string]any {
	return azureWith(map[string]any{
		"name": "https", "description": "", "priority": 100.0, "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
		"source_port_range": "*", "source_port_ranges": []any{}, "destination_port_range": "443", "destination_port_ranges": []any{},
		"source_address_prefix": "*", "source_address_prefixes": []any{}, "destination_address_prefix": "*", "destination_address_prefixes": []any{},
		"source_application_security_group_ids": []any{}, "destination_application_security_group_ids": []any{},
	}, kv...)
}

func azureNSG(rules ...any) map[string]any {
	return map[string]any{"name": "nsg-orders", "resource_group_name": "rg-orders", "location": "westeurope", "security_rule": rules, "id": Unknown}
}

func azureSecurityRule() map[string]any {
	return map[string]any{
		"name": "allow-ssh", "resource_group_name": "rg-orders", "network_security_group_name": "nsg-orders",
		"priority": 110.0, "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
		"source_port_range": "*", "destination_port_range": "22", "source_address_prefix": "10.20.0.0/16", "destination_address_prefix": "*",
		"source_port_ranges": nil, "destination_port_ranges": nil, "source_address_prefixes": nil, "destination_address_prefixes": nil,
		"description": nil, "id": Unknown,
	}
}

func azureKeyVault() map[string]any {
	return map[string]any{
		"name": "kv-orders", "location": "westeurope", "resource_group_name": "rg-orders",
		"tenant_id": "00000000-0000-0000-0000-000000000000", "sku_name": "standard",
		"purge_protection_enabled": true, "soft_delete_retention_days": 90.0, "public_network_access_enabled": true,
		"rbac_authorization_enabled": true, "access_policy": []any{},
		"network_acls": azureBlock("bypass", "AzureServices", "default_action", "Deny", "ip_rules", []any{"203.0.113.0/24"}, "virtual_network_subnet_ids", []any{}),
		"id":           Unknown, "vault_uri": Unknown,
	}
}

func azureKeyVaultKey(rotation []any) map[string]any {
	return map[string]any{
		"name": "orders-cmk", "key_vault_id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders/providers/Microsoft.KeyVault/vaults/kv-orders",
		"key_type": "RSA", "key_size": 2048.0, "key_opts": []any{"unwrapKey", "wrapKey"}, "rotation_policy": rotation,
		"id": Unknown, "version": Unknown, "versionless_id": Unknown, "public_key_pem": Unknown,
	}
}

func azureRotation(afterCreation, beforeExpiry any) []any {
	return azureBlock("expire_after", "P2Y", "notify_before_expiry", "P30D",
		"automatic", azureBlock("time_after_creation", afterCreation, "time_before_expiry", beforeExpiry))
}

func azureOSDisk(kv ...any) []any {
	return []any{azureWith(map[string]any{
		"caching": "ReadWrite", "storage_account_type": "Premium_LRS", "disk_encryption_set_id": nil,
		"secure_vm_disk_encryption_set_id": nil, "security_encryption_type": nil, "diff_disk_settings": []any{},
		"write_accelerator_enabled": false, "name": Unknown, "disk_size_gb": Unknown,
	}, kv...)}
}

func azureLinuxVM() map[string]any {
	return map[string]any{
		"name": "vm-orders", "resource_group_name": "rg-orders", "location": "westeurope", "size": "Standard_D2s_v5",
		"admin_username": "azureuser", "admin_password": nil, "disable_password_authentication": true,
		"admin_ssh_key":          azureBlock("username", "azureuser", "public_key", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample"),
		"network_interface_ids":  []any{"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders/providers/Microsoft.Network/networkInterfaces/nic-orders"},
		"os_disk":                azureOSDisk(),
		"source_image_reference": azureBlock("publisher", "Canonical", "offer", "ubuntu-24_04-lts", "sku", "server", "version", "latest"),
		"patch_mode":             "AutomaticByPlatform", "patch_assessment_mode": "AutomaticByPlatform", "provision_vm_agent": true,
		"encryption_at_host_enabled": true, "custom_data": nil,
		"id": Unknown, "private_ip_address": Unknown, "public_ip_address": Unknown, "virtual_machine_id": Unknown,
	}
}

func azureWindowsVM() map[string]any {
	return azureWith(azureLinuxVM(),
		"admin_password", azureSecret, "disable_password_authentication", azureAbsent, "admin_ssh_key", azureAbsent,
		"source_image_reference", azureBlock("publisher", "MicrosoftWindowsServer", "offer", "WindowsServer", "sku", "2022-datacenter-azure-edition", "version", "latest"),
		"patch_mode", "AutomaticByOS", "automatic_updates_enabled", true, "hotpatching_enabled", false)
}

func azureAKS() map[string]any {
	return map[string]any{
		"name": "aks-orders", "location": "westeurope", "resource_group_name": "rg-orders", "dns_prefix": "orders",
		"kubernetes_version": "1.30", "private_cluster_enabled": false, "sku_tier": "Standard",
		"api_server_access_profile": azureBlock("authorized_ip_ranges", []any{"203.0.113.0/24"}, "subnet_id", nil, "virtual_network_integration_enabled", false),
		"default_node_pool": azureBlock("name", "system", "vm_size", "Standard_D4s_v5", "node_count", 3.0,
			"node_public_ip_enabled", false, "host_encryption_enabled", true,
			"vnet_subnet_id", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders/providers/Microsoft.Network/virtualNetworks/vnet-orders/subnets/aks",
			"upgrade_settings", azureBlock("max_surge", "10%")),
		"network_profile":           azureBlock("network_plugin", "azure", "network_policy", "azure", "network_data_plane", "azure", "load_balancer_sku", "standard"),
		"automatic_upgrade_channel": "patch", "node_os_upgrade_channel": "NodeImage", "disk_encryption_set_id": nil,
		"identity": azureBlock("type", "SystemAssigned", "principal_id", Unknown, "tenant_id", Unknown),
		"id":       Unknown, "fqdn": Unknown, "kube_config": Unknown, "kube_config_raw": Unknown, "kube_admin_config_raw": Unknown,
	}
}

func azurePostgres() map[string]any {
	return map[string]any{
		"name": "psql-orders", "resource_group_name": "rg-orders", "location": "westeurope", "version": "16",
		"sku_name": "GP_Standard_D2s_v3", "administrator_login": "psqladmin", "administrator_password": azureSecret,
		"public_network_access_enabled": false, "backup_retention_days": 35.0, "geo_redundant_backup_enabled": true,
		"delegated_subnet_id":  "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders/providers/Microsoft.Network/virtualNetworks/vnet-orders/subnets/db",
		"customer_managed_key": []any{}, "authentication": azureBlock("password_auth_enabled", true, "active_directory_auth_enabled", false),
		"id": Unknown, "fqdn": Unknown,
	}
}

func azureCAPolicy() map[string]any {
	return map[string]any{
		"display_name": "Require MFA for all users", "state": "enabled",
		"conditions": azureBlock("client_app_types", []any{"all"},
			"applications", azureBlock("included_applications", []any{"All"}, "excluded_applications", []any{}, "included_user_actions", []any{}),
			"users", azureBlock("included_users", []any{"All"}, "excluded_users", []any{}, "excluded_groups", []any{"11111111-1111-1111-1111-111111111111"})),
		"grant_controls":   azureBlock("operator", "OR", "built_in_controls", []any{"mfa"}, "authentication_strength_policy_id", nil, "custom_authentication_factors", []any{}, "terms_of_use", []any{}),
		"session_controls": []any{},
		"id":               Unknown,
	}
}

// azureSecret stands for a password in the objects; no finding may show it.
const azureSecret = "Zx9-Secret-Pa55word!"

func init() {
	sa, sql, db, kv := azureStorageAccount, azureMSSQLServer, azureMSSQLDatabase, azureKeyVault
	lvm, wvm, aks, pg, ca := azureLinuxVM, azureWindowsVM, azureAKS, azurePostgres, azureCAPolicy
	const strict, conf = "strict", "confidential"
	v, d := "violated", "deferred"
	casesByCloud["azure"] = []mappingCase{
		// azurerm_storage_account
		{Type: "azurerm_storage_account", Name: "compliant with computed attributes unknown", Obj: sa()},
		{Type: "azurerm_storage_account", Name: "documented defaults", Obj: map[string]any{
			"name": "ordersdata", "account_tier": "Standard", "account_replication_type": "LRS",
			"https_traffic_only_enabled": nil, "min_tls_version": nil, "allow_nested_items_to_be_public": nil, "public_network_access_enabled": nil},
			Want: map[string]string{"azurerm_storage_account.nested_items_can_be_public": v, "azurerm_storage_account.blob_versioning_disabled": v},
			Attr: map[string]string{"azurerm_storage_account.blob_versioning_disabled": "blob_properties[0].versioning_enabled"}},
		{Type: "azurerm_storage_account", Name: "http allowed and TLS 1.0", Obj: azureWith(sa(), "https_traffic_only_enabled", false, "min_tls_version", "TLS1_0"),
			Want: map[string]string{"azurerm_storage_account.https_not_required": v, "azurerm_storage_account.tls_below_minimum": v},
			Attr: map[string]string{"azurerm_storage_account.tls_below_minimum": "min_tls_version"}},
		{Type: "azurerm_storage_account", Name: "TLS 1.1", Obj: azureWith(sa(), "min_tls_version", "TLS1_1"),
			Want: map[string]string{"azurerm_storage_account.tls_below_minimum": v}},
		{Type: "azurerm_storage_account", Name: "nested items may be public", Obj: azureWith(sa(), "allow_nested_items_to_be_public", true),
			Want: map[string]string{"azurerm_storage_account.nested_items_can_be_public": v},
			Attr: map[string]string{"azurerm_storage_account.nested_items_can_be_public": "allow_nested_items_to_be_public"}},
		{Type: "azurerm_storage_account", Name: "open to all networks", Obj: azureWith(sa(), "network_rules", azureBlock("default_action", "Allow", "ip_rules", []any{})),
			Want: map[string]string{"azurerm_storage_account.open_to_all_networks": v},
			Attr: map[string]string{"azurerm_storage_account.open_to_all_networks": "network_rules[0].default_action"}},
		{Type: "azurerm_storage_account", Name: "open rules but public network access off", Obj: azureWith(sa(),
			"public_network_access_enabled", false, "network_rules", azureBlock("default_action", "Allow"))},
		{Type: "azurerm_storage_account", Name: "network rules computed at plan defer", Obj: azureWith(sa(), "network_rules", Unknown),
			Want: map[string]string{"azurerm_storage_account.open_to_all_networks": d, "azurerm_storage_account.ip_rule_open_to_internet": d}},
		{Type: "azurerm_storage_account", Name: "public network access unknown defers", Obj: azureWith(sa(), "public_network_access_enabled", Unknown),
			Want: map[string]string{"azurerm_storage_account.open_to_all_networks": d},
			Attr: map[string]string{"azurerm_storage_account.open_to_all_networks": "public_network_access_enabled"}},
		{Type: "azurerm_storage_account", Name: "versioning off, soft delete 3 days", Obj: azureWith(sa(),
			"blob_properties", azureBlock("versioning_enabled", false, "delete_retention_policy", azureBlock("days", 3.0))),
			Want: map[string]string{"azurerm_storage_account.blob_versioning_disabled": v, "azurerm_storage_account.blob_soft_delete_short": v},
			Attr: map[string]string{"azurerm_storage_account.blob_soft_delete_short": "blob_properties[0].delete_retention_policy[0].days"}},
		{Type: "azurerm_storage_account", Name: "versioning unknown defers", Obj: azureWith(sa(),
			"blob_properties", azureBlock("versioning_enabled", Unknown, "delete_retention_policy", azureBlock("days", 30.0))),
			Want: map[string]string{"azurerm_storage_account.blob_versioning_disabled": d}},
		{Type: "azurerm_storage_account", Name: "no customer-managed key under strict", Obj: sa(), Baseline: strict, Classification: conf,
			Want: map[string]string{"azurerm_storage_account.no_customer_managed_key": v}},
		{Type: "azurerm_storage_account", Name: "customer-managed key under strict", Baseline: strict, Classification: conf,
			Obj: azureWith(sa(), "customer_managed_key", azureBlock("key_vault_key_id", "https://kv-orders.vault.azure.net/keys/storage",
				"user_assigned_identity_id", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-orders"))},

		// azurerm_mssql_server
		{Type: "azurerm_mssql_server", Name: "compliant", Obj: sql()},
		{Type: "azurerm_mssql_server", Name: "documented defaults", Obj: azureWith(sql(), "minimum_tls_version", nil, "public_network_access_enabled", azureAbsent),
			Want: map[string]string{"azurerm_mssql_server.public_network_access": v},
			Attr: map[string]string{"azurerm_mssql_server.public_network_access": "public_network_access_enabled"}},
		{Type: "azurerm_mssql_server", Name: "TLS 1.0 and public", Obj: azureWith(sql(), "minimum_tls_version", "1.0", "public_network_access_enabled", true),
			Want: map[string]string{"azurerm_mssql_server.tls_below_minimum": v, "azurerm_mssql_server.public_network_access": v}},
		{Type: "azurerm_mssql_server", Name: "TLS minimum Disabled accepts every version", Obj: azureWith(sql(), "minimum_tls_version", "Disabled"),
			Want: map[string]string{"azurerm_mssql_server.tls_below_minimum": v}},
		{Type: "azurerm_mssql_server", Name: "TLS unknown defers", Obj: azureWith(sql(), "minimum_tls_version", Unknown),
			Want: map[string]string{"azurerm_mssql_server.tls_below_minimum": d}},
		{Type: "azurerm_mssql_server", Name: "service-managed TDE key under strict", Obj: sql(), Baseline: strict, Classification: conf,
			Want: map[string]string{"azurerm_mssql_server.no_customer_managed_key": v}},
		{Type: "azurerm_mssql_server", Name: "customer-managed TDE key under strict", Baseline: strict, Classification: conf,
			Obj: azureWith(sql(), "transparent_data_encryption_key_vault_key_id", "https://kv-orders.vault.azure.net/keys/tde/0123456789abcdef")},

		// azurerm_mssql_database
		{Type: "azurerm_mssql_database", Name: "compliant", Obj: db()},
		{Type: "azurerm_mssql_database", Name: "documented defaults", Obj: map[string]any{"name": "orders", "server_id": "x",
			"transparent_data_encryption_enabled": nil, "storage_account_type": nil, "short_term_retention_policy": []any{}}},
		{Type: "azurerm_mssql_database", Name: "documented defaults under strict", Obj: map[string]any{"name": "orders", "server_id": "x",
			"transparent_data_encryption_enabled": nil, "storage_account_type": nil}, Baseline: strict, Classification: conf},
		{Type: "azurerm_mssql_database", Name: "TDE off", Obj: azureWith(db(), "transparent_data_encryption_enabled", false),
			Want: map[string]string{"azurerm_mssql_database.tde_disabled": v},
			Attr: map[string]string{"azurerm_mssql_database.tde_disabled": "transparent_data_encryption_enabled"}},
		{Type: "azurerm_mssql_database", Name: "PITR kept 3 days", Obj: azureWith(db(), "short_term_retention_policy", azureBlock("retention_days", 3.0)),
			Want: map[string]string{"azurerm_mssql_database.backup_retention_short": v},
			Attr: map[string]string{"azurerm_mssql_database.backup_retention_short": "short_term_retention_policy[0].retention_days"}},
		{Type: "azurerm_mssql_database", Name: "PITR kept 7 days is short under strict", Obj: azureWith(db(), "short_term_retention_policy", azureBlock("retention_days", 7.0)),
			Baseline: strict, Classification: conf, Want: map[string]string{"azurerm_mssql_database.backup_retention_short": v}},
		{Type: "azurerm_mssql_database", Name: "local backups under strict", Obj: azureWith(db(), "storage_account_type", "Local"), Baseline: strict, Classification: conf,
			Want: map[string]string{"azurerm_mssql_database.backups_not_geo_redundant": v}},
		{Type: "azurerm_mssql_database", Name: "geo backups under strict", Obj: azureWith(db(), "storage_account_type", "GeoZone"), Baseline: strict, Classification: conf},

		// azurerm_network_security_group
		{Type: "azurerm_network_security_group", Name: "https from anywhere", Obj: azureNSG(azureNSGRule())},
		{Type: "azurerm_network_security_group", Name: "rdp from the internet", Obj: azureNSG(azureNSGRule(),
			azureNSGRule("name", "rdp", "priority", 200.0, "destination_port_range", "3389", "source_address_prefix", "Internet")),
			Want: map[string]string{"azurerm_network_security_group.world_open_admin_port": v},
			Attr: map[string]string{"azurerm_network_security_group.world_open_admin_port": "security_rule[1]"}},
		{Type: "azurerm_network_security_group", Name: "postgres in a port list from 0.0.0.0/0", Obj: azureNSG(
			azureNSGRule("destination_port_range", "", "destination_port_ranges", []any{"443", "5432"}, "source_address_prefix", "0.0.0.0/0")),
			Want: map[string]string{"azurerm_network_security_group.world_open_database_port": v},
			Attr: map[string]string{"azurerm_network_security_group.world_open_database_port": "security_rule[0]"}},
		{Type: "azurerm_network_security_group", Name: "all ports and protocols from anywhere", Obj: azureNSG(
			azureNSGRule("protocol", "*", "destination_port_range", "*")),
			Want: map[string]string{"azurerm_network_security_group.world_open_all_ports": v}},
		{Type: "azurerm_network_security_group", Name: "deny, outbound and private sources are not world-open", Obj: azureNSG(
			azureNSGRule("name", "deny-ssh", "access", "Deny", "destination_port_range", "22"),
			azureNSGRule("name", "out-ssh", "direction", "Outbound", "destination_port_range", "22"),
			azureNSGRule("name", "ssh-vnet", "destination_port_range", "22", "source_address_prefix", "", "source_address_prefixes", []any{"10.0.0.0/8", "192.168.0.0/16"}))},
		{Type: "azurerm_network_security_group", Name: "no rules", Obj: azureNSG()},
		{Type: "azurerm_network_security_group", Name: "unknown source defers", Obj: azureNSG(azureNSGRule("destination_port_range", "22", "source_address_prefix", Unknown)),
			Want: map[string]string{"azurerm_network_security_group.world_open_ingress": d}},

		// azurerm_network_security_rule: the resource is the rule
		{Type: "azurerm_network_security_rule", Name: "ssh from a private range", Obj: azureSecurityRule()},
		{Type: "azurerm_network_security_rule", Name: "ssh from anywhere with the id unknown", Obj: azureWith(azureSecurityRule(), "source_address_prefix", "*"),
			Want: map[string]string{"azurerm_network_security_rule.world_open_admin_port": v},
			Attr: map[string]string{"azurerm_network_security_rule.world_open_admin_port": ""}},
		{Type: "azurerm_network_security_rule", Name: "sql server port from a prefix list with Internet", Obj: azureWith(azureSecurityRule(),
			"source_address_prefix", nil, "source_address_prefixes", []any{"198.51.100.0/24", "0.0.0.0/0"}, "destination_port_range", "1433"),
			Want: map[string]string{"azurerm_network_security_rule.world_open_database_port": v}},
		{Type: "azurerm_network_security_rule", Name: "https from the internet", Obj: azureWith(azureSecurityRule(), "source_address_prefix", "Internet", "destination_port_range", "443")},
		{Type: "azurerm_network_security_rule", Name: "deny from anywhere", Obj: azureWith(azureSecurityRule(), "source_address_prefix", "*", "access", "Deny")},
		{Type: "azurerm_network_security_rule", Name: "unknown source defers", Obj: azureWith(azureSecurityRule(), "source_address_prefix", Unknown),
			Want: map[string]string{"azurerm_network_security_rule.world_open_ingress": d}},
		{Type: "azurerm_network_security_rule", Name: "unknown port defers", Obj: azureWith(azureSecurityRule(), "source_address_prefix", "*", "destination_port_range", Unknown),
			Want: map[string]string{"azurerm_network_security_rule.world_open_ingress": d}},

		// azurerm_key_vault
		{Type: "azurerm_key_vault", Name: "compliant", Obj: kv()},
		{Type: "azurerm_key_vault", Name: "documented defaults say nothing they do not document", Obj: map[string]any{"name": "kv-orders", "sku_name": "standard",
			"purge_protection_enabled": nil, "soft_delete_retention_days": nil, "public_network_access_enabled": nil}},
		{Type: "azurerm_key_vault", Name: "open to all networks", Obj: azureWith(kv(), "network_acls", azureBlock("bypass", "None", "default_action", "Allow")),
			Want: map[string]string{"azurerm_key_vault.open_to_all_networks": v},
			Attr: map[string]string{"azurerm_key_vault.open_to_all_networks": "network_acls[0].default_action"}},
		{Type: "azurerm_key_vault", Name: "open acls but public network access off", Obj: azureWith(kv(),
			"public_network_access_enabled", false, "network_acls", azureBlock("bypass", "None", "default_action", "Allow"))},
		{Type: "azurerm_key_vault", Name: "purge protection off", Obj: azureWith(kv(), "purge_protection_enabled", false),
			Want: map[string]string{"azurerm_key_vault.purge_protection_disabled": v},
			Attr: map[string]string{"azurerm_key_vault.purge_protection_disabled": "purge_protection_enabled"}},
		{Type: "azurerm_key_vault", Name: "soft delete 7 days under strict", Obj: azureWith(kv(), "soft_delete_retention_days", 7.0), Baseline: strict, Classification: conf,
			Want: map[string]string{"azurerm_key_vault.soft_delete_retention_short": v}},
		{Type: "azurerm_key_vault", Name: "soft delete default 90 days under strict", Obj: azureWith(kv(), "soft_delete_retention_days", nil), Baseline: strict, Classification: conf},

		// azurerm_key_vault_key
		{Type: "azurerm_key_vault_key", Name: "rotates yearly", Obj: azureKeyVaultKey(azureRotation("P365D", nil))},
		{Type: "azurerm_key_vault_key", Name: "rotates every 90 days", Obj: azureKeyVaultKey(azureRotation("P90D", nil))},
		{Type: "azurerm_key_vault_key", Name: "no rotation policy never rotates", Obj: azureKeyVaultKey(nil),
			Want: map[string]string{"azurerm_key_vault_key.rotation_disabled": v},
			Attr: map[string]string{"azurerm_key_vault_key.rotation_disabled": "rotation_policy[0].automatic[0].time_after_creation"}},
		{Type: "azurerm_key_vault_key", Name: "expiry only, no automatic rotation", Obj: azureKeyVaultKey(azureBlock("expire_after", "P1Y", "automatic", []any{})),
			Want: map[string]string{"azurerm_key_vault_key.rotation_disabled": v}},
		{Type: "azurerm_key_vault_key", Name: "rotates every two years", Obj: azureKeyVaultKey(azureRotation("P2Y", nil)),
			Want: map[string]string{"azurerm_key_vault_key.rotation_disabled": v}},
		{Type: "azurerm_key_vault_key", Name: "rotation relative to expiry is not judged", Obj: azureKeyVaultKey(azureRotation(nil, "P30D"))},
		{Type: "azurerm_key_vault_key", Name: "unknown period defers", Obj: azureKeyVaultKey(azureRotation(Unknown, nil)),
			Want: map[string]string{"azurerm_key_vault_key.rotation_disabled": d}},

		// azurerm_linux_virtual_machine
		{Type: "azurerm_linux_virtual_machine", Name: "compliant", Obj: lvm()},
		{Type: "azurerm_linux_virtual_machine", Name: "documented defaults", Obj: azureWith(lvm(), "patch_mode", nil, "encryption_at_host_enabled", nil),
			Want: map[string]string{"azurerm_linux_virtual_machine.patching_not_automatic": v},
			Attr: map[string]string{"azurerm_linux_virtual_machine.patching_not_automatic": "patch_mode"}},
		{Type: "azurerm_linux_virtual_machine", Name: "image default patching, no host encryption", Obj: azureWith(lvm(), "patch_mode", "ImageDefault", "encryption_at_host_enabled", false),
			Want: map[string]string{"azurerm_linux_virtual_machine.patching_not_automatic": v, "azurerm_linux_virtual_machine.host_encryption_disabled": v}},
		{Type: "azurerm_linux_virtual_machine", Name: "patch mode unknown defers", Obj: azureWith(lvm(), "patch_mode", Unknown),
			Want: map[string]string{"azurerm_linux_virtual_machine.patching_not_automatic": d}},
		{Type: "azurerm_linux_virtual_machine", Name: "platform key under strict", Obj: lvm(), Baseline: strict, Classification: conf,
			Want: map[string]string{"azurerm_linux_virtual_machine.no_customer_managed_key": v},
			Attr: map[string]string{"azurerm_linux_virtual_machine.no_customer_managed_key": "os_disk[0].disk_encryption_set_id"}},
		{Type: "azurerm_linux_virtual_machine", Name: "disk encryption set under strict", Baseline: strict, Classification: conf,
			Obj: azureWith(lvm(), "os_disk", azureOSDisk("disk_encryption_set_id", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders/providers/Microsoft.Compute/diskEncryptionSets/des-orders"))},
		{Type: "azurerm_linux_virtual_machine", Name: "confidential VM key is not judged", Baseline: strict, Classification: conf,
			Obj: azureWith(lvm(), "encryption_at_host_enabled", nil, "os_disk", azureOSDisk("security_encryption_type", "DiskWithVMGuestState",
				"secure_vm_disk_encryption_set_id", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders/providers/Microsoft.Compute/diskEncryptionSets/des-cvm"))},

		// azurerm_windows_virtual_machine
		{Type: "azurerm_windows_virtual_machine", Name: "compliant", Obj: wvm()},
		{Type: "azurerm_windows_virtual_machine", Name: "documented default patch mode", Obj: azureWith(wvm(), "patch_mode", nil)},
		{Type: "azurerm_windows_virtual_machine", Name: "platform patching", Obj: azureWith(wvm(), "patch_mode", "AutomaticByPlatform")},
		{Type: "azurerm_windows_virtual_machine", Name: "manual patching, no host encryption", Obj: azureWith(wvm(), "patch_mode", "Manual", "automatic_updates_enabled", false, "encryption_at_host_enabled", false),
			Want: map[string]string{"azurerm_windows_virtual_machine.patching_not_automatic": v, "azurerm_windows_virtual_machine.host_encryption_disabled": v},
			Attr: map[string]string{"azurerm_windows_virtual_machine.host_encryption_disabled": "encryption_at_host_enabled"}},
		{Type: "azurerm_windows_virtual_machine", Name: "platform key under strict", Obj: wvm(), Baseline: strict, Classification: conf,
			Want: map[string]string{"azurerm_windows_virtual_machine.no_customer_managed_key": v}},
		{Type: "azurerm_windows_virtual_machine", Name: "disk encryption set under strict", Baseline: strict, Classification: conf,
			Obj: azureWith(wvm(), "os_disk", azureOSDisk("disk_encryption_set_id", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders/providers/Microsoft.Compute/diskEncryptionSets/des-orders"))},
		{Type: "azurerm_windows_virtual_machine", Name: "disk encryption set unknown defers", Baseline: strict, Classification: conf,
			Obj:  azureWith(wvm(), "os_disk", azureOSDisk("disk_encryption_set_id", Unknown)),
			Want: map[string]string{"azurerm_windows_virtual_machine.no_customer_managed_key": d}},

		// azurerm_kubernetes_cluster
		{Type: "azurerm_kubernetes_cluster", Name: "compliant with computed attributes unknown", Obj: aks()},
		{Type: "azurerm_kubernetes_cluster", Name: "documented defaults", Obj: map[string]any{"name": "aks-orders", "dns_prefix": "orders",
			"default_node_pool": azureBlock("name", "system", "vm_size", "Standard_D4s_v5"), "identity": azureBlock("type", "SystemAssigned"),
			"private_cluster_enabled": nil, "automatic_upgrade_channel": nil, "node_os_upgrade_channel": nil},
			Want: map[string]string{"azurerm_kubernetes_cluster.public_api_server": v, "azurerm_kubernetes_cluster.no_network_policy": v,
				"azurerm_kubernetes_cluster.no_automatic_upgrade": v}},
		{Type: "azurerm_kubernetes_cluster", Name: "public API server open to every IP", Obj: azureWith(aks(), "api_server_access_profile", []any{}),
			Want: map[string]string{"azurerm_kubernetes_cluster.public_api_server": v},
			Attr: map[string]string{"azurerm_kubernetes_cluster.public_api_server": "api_server_access_profile[0].authorized_ip_ranges"}},
		{Type: "azurerm_kubernetes_cluster", Name: "private cluster needs no authorized ranges", Obj: azureWith(aks(), "private_cluster_enabled", true, "api_server_access_profile", []any{})},
		{Type: "azurerm_kubernetes_cluster", Name: "nodes with public IPs", Obj: azureWith(aks(), "default_node_pool", azureBlock("name", "system", "node_public_ip_enabled", true, "host_encryption_enabled", true)),
			Want: map[string]string{"azurerm_kubernetes_cluster.node_public_ip": v},
			Attr: map[string]string{"azurerm_kubernetes_cluster.node_public_ip": "default_node_pool[0].node_public_ip_enabled"}},
		{Type: "azurerm_kubernetes_cluster", Name: "no network policy", Obj: azureWith(aks(), "network_profile", azureBlock("network_plugin", "kubenet", "network_policy", "")),
			Want: map[string]string{"azurerm_kubernetes_cluster.no_network_policy": v}},
		{Type: "azurerm_kubernetes_cluster", Name: "network profile computed at plan defers", Obj: azureWith(aks(), "network_profile", Unknown),
			Want: map[string]string{"azurerm_kubernetes_cluster.no_network_policy": d}},
		{Type: "azurerm_kubernetes_cluster", Name: "no upgrades, no node OS updates, no host encryption", Obj: azureWith(aks(),
			"automatic_upgrade_channel", "", "node_os_upgrade_channel", "None",
			"default_node_pool", azureBlock("name", "system", "node_public_ip_enabled", false, "host_encryption_enabled", false)),
			Want: map[string]string{"azurerm_kubernetes_cluster.no_automatic_upgrade": v, "azurerm_kubernetes_cluster.node_os_not_patched": v,
				"azurerm_kubernetes_cluster.host_encryption_disabled": v},
			Attr: map[string]string{"azurerm_kubernetes_cluster.host_encryption_disabled": "default_node_pool[0].host_encryption_enabled"}},
		{Type: "azurerm_kubernetes_cluster", Name: "stable channel with security patches", Obj: azureWith(aks(), "automatic_upgrade_channel", "stable", "node_os_upgrade_channel", "SecurityPatch")},
		{Type: "azurerm_kubernetes_cluster", Name: "private flag unknown defers", Obj: azureWith(aks(), "private_cluster_enabled", Unknown, "api_server_access_profile", []any{}),
			Want: map[string]string{"azurerm_kubernetes_cluster.public_api_server": d}},
		{Type: "azurerm_kubernetes_cluster", Name: "platform key under strict", Obj: aks(), Baseline: strict, Classification: conf,
			Want: map[string]string{"azurerm_kubernetes_cluster.no_customer_managed_key": v}},
		{Type: "azurerm_kubernetes_cluster", Name: "disk encryption set under strict", Baseline: strict, Classification: conf,
			Obj: azureWith(aks(), "disk_encryption_set_id", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders/providers/Microsoft.Compute/diskEncryptionSets/des-aks")},

		// azurerm_postgresql_flexible_server
		{Type: "azurerm_postgresql_flexible_server", Name: "compliant", Obj: pg()},
		{Type: "azurerm_postgresql_flexible_server", Name: "documented defaults", Obj: azureWith(pg(),
			"public_network_access_enabled", nil, "backup_retention_days", nil, "geo_redundant_backup_enabled", nil, "delegated_subnet_id", nil),
			Want: map[string]string{"azurerm_postgresql_flexible_server.public_network_access": v},
			Attr: map[string]string{"azurerm_postgresql_flexible_server.public_network_access": "public_network_access_enabled"}},
		{Type: "azurerm_postgresql_flexible_server", Name: "public network access unknown defers", Obj: azureWith(pg(), "public_network_access_enabled", Unknown),
			Want: map[string]string{"azurerm_postgresql_flexible_server.public_network_access": d}},
		{Type: "azurerm_postgresql_flexible_server", Name: "defaults under strict: no geo backups", Obj: azureWith(pg(), "geo_redundant_backup_enabled", nil),
			Baseline: strict, Classification: conf,
			Want: map[string]string{"azurerm_postgresql_flexible_server.backups_not_geo_redundant": v, "azurerm_postgresql_flexible_server.no_customer_managed_key": v}},
		{Type: "azurerm_postgresql_flexible_server", Name: "7 days of backups is short under strict", Obj: azureWith(pg(), "backup_retention_days", 7.0,
			"customer_managed_key", azureBlock("key_vault_key_id", "https://kv-orders.vault.azure.net/keys/psql", "primary_user_assigned_identity_id", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-orders")),
			Baseline: strict, Classification: conf,
			Want: map[string]string{"azurerm_postgresql_flexible_server.backup_retention_short": v},
			Attr: map[string]string{"azurerm_postgresql_flexible_server.backup_retention_short": "backup_retention_days"}},
		{Type: "azurerm_postgresql_flexible_server", Name: "7 days of backups meets standard", Obj: azureWith(pg(), "backup_retention_days", 7.0)},

		// azuread_conditional_access_policy
		{Type: "azuread_conditional_access_policy", Name: "enabled MFA policy", Obj: ca()},
		{Type: "azuread_conditional_access_policy", Name: "MFA with a compliant device", Obj: azureWith(ca(), "grant_controls",
			azureBlock("operator", "AND", "built_in_controls", []any{"compliantDevice", "mfa"}))},
		{Type: "azuread_conditional_access_policy", Name: "compliant device only", Obj: azureWith(ca(), "grant_controls",
			azureBlock("operator", "OR", "built_in_controls", []any{"compliantDevice", "domainJoinedDevice"})),
			Want: map[string]string{"azuread_conditional_access_policy.mfa_not_required": v},
			Attr: map[string]string{"azuread_conditional_access_policy.mfa_not_required": "grant_controls[0].built_in_controls"}},
		{Type: "azuread_conditional_access_policy", Name: "report-only", Obj: azureWith(ca(), "state", "enabledForReportingButNotEnforced"),
			Want: map[string]string{"azuread_conditional_access_policy.policy_not_enforced": v},
			Attr: map[string]string{"azuread_conditional_access_policy.policy_not_enforced": "state"}},
		{Type: "azuread_conditional_access_policy", Name: "disabled", Obj: azureWith(ca(), "state", "disabled"),
			Want: map[string]string{"azuread_conditional_access_policy.policy_not_enforced": v}},
		{Type: "azuread_conditional_access_policy", Name: "authentication strength instead of built-in controls says nothing", Obj: azureWith(ca(), "grant_controls",
			azureBlock("operator", "OR", "built_in_controls", []any{}, "authentication_strength_policy_id", "/policies/authenticationStrengthPolicies/00000000-0000-0000-0000-000000000002"))},
		{Type: "azuread_conditional_access_policy", Name: "session controls only say nothing", Obj: azureWith(ca(), "grant_controls", []any{},
			"session_controls", azureBlock("sign_in_frequency", 4.0, "sign_in_frequency_period", "hours"))},
		{Type: "azuread_conditional_access_policy", Name: "grant controls unknown defer", Obj: azureWith(ca(), "grant_controls", azureBlock("operator", "OR", "built_in_controls", Unknown)),
			Want: map[string]string{"azuread_conditional_access_policy.mfa_not_required": d}},
	}
}

// A finding states what was judged, never a value the resource carries:
// passwords, keys and connection strings stay out of every text.
func TestAzureFindingsNeverShowResourceValues(t *testing.T) {
	objs := map[string]map[string]any{
		"azurerm_mssql_server":               azureWith(azureMSSQLServer(), "public_network_access_enabled", true, "minimum_tls_version", "1.0"),
		"azurerm_postgresql_flexible_server": azureWith(azurePostgres(), "public_network_access_enabled", true),
		"azurerm_windows_virtual_machine":    azureWith(azureWindowsVM(), "patch_mode", "Manual", "encryption_at_host_enabled", false),
		"azurerm_storage_account": azureWith(azureStorageAccount(), "primary_access_key", azureSecret,
			"min_tls_version", "TLS1_0", "network_rules", azureBlock("default_action", azureSecret)),
	}
	for typ, obj := range objs {
		fs := mappingCase{Type: typ, Obj: obj}.judge(t)
		if len(fs) == 0 {
			t.Fatalf("%s: expected findings", typ)
		}
		for _, f := range fs {
			for _, text := range []string{f.Message, f.Remediation, f.EvidenceAttribute, f.Detail, f.Evidence.Shown} {
				if strings.Contains(text, azureSecret) || strings.Contains(text, azureSecret[:5]) {
					t.Errorf("%s: %s shows a resource value: %q", typ, FindingID(f), text)
				}
			}
		}
	}
}

// resource_controls for Azure types: the values the resource proves, with
// documented defaults filled in and null where it says nothing.
func TestAzureControls(t *testing.T) {
	got, err := testEngine.Controls("azurerm_storage_account", map[string]any{
		"name": "ordersdata", "min_tls_version": nil, "https_traffic_only_enabled": nil,
		"allow_nested_items_to_be_public": false, "public_network_access_enabled": true, "id": Unknown,
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]policy.Value{
		"encryption.in_transit":           policy.KnownBool(true),
		"encryption.min_tls_version":      policy.KnownString("1.2"),
		"storage.public_access":           policy.KnownBool(false),
		"network.segmented":               {},
		"backup.enabled":                  policy.KnownBool(false),
		"backup.retention_days":           {},
		"encryption.customer_managed_key": policy.KnownBool(false),
	}
	if len(got) != len(want) {
		t.Errorf("controls = %v, want %d controls", got, len(want))
	}
	for id, w := range want {
		g := got[id]
		if g.State != w.State || g.Bool != w.Bool || g.String != w.String {
			t.Errorf("%s = %+v, want %+v", id, g, w)
		}
	}

	// Several mappings speak to network.segmented on a cluster: one public
	// part makes the cluster unsegmented.
	got, err = testEngine.Controls("azurerm_kubernetes_cluster", azureWith(azureAKS(), "api_server_access_profile", []any{}))
	if err != nil {
		t.Fatal(err)
	}
	if s := got["network.segmented"]; s.State != policy.Known || s.Bool {
		t.Errorf("network.segmented = %+v, want known false", s)
	}
	if p := got["hardening.os_patching"]; p.State != policy.Known || !p.Bool {
		t.Errorf("hardening.os_patching = %+v, want known true", p)
	}
}

// uses is checked on load: it projects a whole-resource reading only.
func TestUsesIsValidated(t *testing.T) {
	base := func(mp Mapping) []Table {
		return []Table{{Cloud: "azure", Provider: "hashicorp/azurerm", DocsVersion: "v4", Resources: []Resource{{
			Type: "azurerm_network_security_rule", ServiceModel: "iaas", Docs: "website/docs/r/network_security_rule.html.markdown",
			Mappings: []Mapping{mp}}}}}
	}
	ok := Mapping{ID: "r", Control: "network.ingress_rules", Read: "firewall", Uses: []string{"source_address_prefix"}, Message: "m", Remediation: "r"}
	if _, err := NewFromTables(testModel, base(ok)); err != nil {
		t.Fatalf("valid uses rejected: %v", err)
	}
	for name, mp := range map[string]Mapping{
		"on an attribute": {ID: "r", Control: "network.ingress_rules", Attribute: "security_rule", Read: "firewall", Uses: []string{"access"}, Message: "m", Remediation: "r"},
		"a nested path":   {ID: "r", Control: "network.ingress_rules", Read: "firewall", Uses: []string{"rule[0].access"}, Message: "m", Remediation: "r"},
		"an empty name":   {ID: "r", Control: "network.ingress_rules", Read: "firewall", Uses: []string{""}, Message: "m", Remediation: "r"},
	} {
		if _, err := NewFromTables(testModel, base(mp)); err == nil || !strings.Contains(err.Error(), "uses") {
			t.Errorf("%s: err = %v, want a uses error", name, err)
		}
	}
}

// The secret reader takes Azure's shapes too: App Service connection_string
// blocks ({name, type, value}), app settings reached through a [*] path
// (a list of maps) with each setting's name kept, and no text at all.
func TestSecretTextsAzureShapes(t *testing.T) {
	read := readers["secret_texts"].read
	mp := Mapping{Attribute: "connection_string", Read: "secret_texts"}
	v, shown, err := read(mp, []any{map[string]any{"name": "orders", "type": "SQLAzure", "value": "Server=db;Password=pw"}}, nil)
	if err != nil || fmt.Sprint(v.Strings) != "[orders=Server=db;Password=pw]" || strings.Contains(shown, "pw") {
		t.Errorf("connection_string: %q %q %v", v.Strings, shown, err)
	}
	v, _, err = read(mp, []any{map[string]any{"B": "2", "A": "1"}, map[string]any{"C": nil}}, nil)
	if err != nil || fmt.Sprint(v.Strings) != "[A=1 B=2]" {
		t.Errorf("settings through [*]: %q %v", v.Strings, err)
	}
	v, _, err = read(mp, map[string]any{"INIT": "IyEvYmluL2Jhc2gKZWNobyBoaQo="}, nil)
	if err != nil || len(v.Strings) != 2 || v.Strings[1] != "INIT=#!/bin/bash\necho hi\n" {
		t.Errorf("base64 setting: %q %v", v.Strings, err)
	}
	if v, _, err := read(mp, map[string]any{}, nil); err != nil || v.State != policy.Known || len(v.Strings) != 0 {
		t.Errorf("no settings: %+v %v", v, err)
	}
}
