package evidence

// Cases for the mappings added to data/azure.json's existing types: IP
// ranges through the IP range reader, custom data through the secret
// detector.

func init() {
	const v, d = "violated", "deferred"
	saRules := func(rules any) map[string]any {
		return azureWith(azureStorageAccount(), "network_rules", azureBlock("default_action", "Deny", "bypass", []any{"AzureServices"},
			"ip_rules", rules, "virtual_network_subnet_ids", []any{}, "private_link_access", []any{}))
	}
	aksRanges := func(ranges any) map[string]any {
		return azureWith(azureAKS(), "api_server_access_profile", azureBlock("authorized_ip_ranges", ranges, "subnet_id", nil, "virtual_network_integration_enabled", false))
	}
	script := azureCloudInit("#cloud-config\npackage_upgrade: true\n")
	leaked := azureCloudInit("#!/bin/sh\nexport GITHUB_TOKEN=" + azureGitHubToken + "\n")
	casesByCloud["azure/existing"] = []mappingCase{
		{Type: "azurerm_storage_account", Name: "ip rule covering the internet", Obj: saRules([]any{"203.0.113.0/24", "0.0.0.0/0"}),
			Want: map[string]string{"azurerm_storage_account.ip_rule_open_to_internet": v},
			Attr: map[string]string{"azurerm_storage_account.ip_rule_open_to_internet": "network_rules[0].ip_rules"}},
		{Type: "azurerm_storage_account", Name: "no ip rules", Obj: saRules([]any{})},
		{Type: "azurerm_storage_account", Name: "ip rules unset", Obj: saRules(nil)},
		{Type: "azurerm_storage_account", Name: "ip rules unknown at plan", Obj: saRules(Unknown),
			Want: map[string]string{"azurerm_storage_account.ip_rule_open_to_internet": d}},
		{Type: "azurerm_kubernetes_cluster", Name: "authorized range 0.0.0.0/0", Obj: aksRanges([]any{"0.0.0.0/0"}),
			Want: map[string]string{"azurerm_kubernetes_cluster.authorized_range_open_to_internet": v}},
		{Type: "azurerm_kubernetes_cluster", Name: "authorized ranges unknown at plan", Obj: aksRanges(Unknown),
			Want: map[string]string{"azurerm_kubernetes_cluster.authorized_range_open_to_internet": d, "azurerm_kubernetes_cluster.public_api_server": d}},
		{Type: "azurerm_linux_virtual_machine", Name: "cloud-init without secrets", Obj: azureWith(azureLinuxVM(), "custom_data", script)},
		{Type: "azurerm_linux_virtual_machine", Name: "token in base64 custom data", Obj: azureWith(azureLinuxVM(), "custom_data", leaked),
			Want: map[string]string{"azurerm_linux_virtual_machine.github_token": v}},
		{Type: "azurerm_linux_virtual_machine", Name: "custom data unknown at plan", Obj: azureWith(azureLinuxVM(), "custom_data", Unknown),
			Want: map[string]string{"azurerm_linux_virtual_machine.secrets_in_custom_data": d}},
		{Type: "azurerm_windows_virtual_machine", Name: "script without secrets", Obj: azureWith(azureWindowsVM(), "custom_data", script)},
		{Type: "azurerm_windows_virtual_machine", Name: "token in base64 custom data", Obj: azureWith(azureWindowsVM(), "custom_data", leaked),
			Want: map[string]string{"azurerm_windows_virtual_machine.github_token": v}},
	}
}

func init() {
	casesByCloud["azure/existing-aks"] = []mappingCase{
		{Type: "azurerm_kubernetes_cluster", Name: "RBAC on", Obj: azureWith(azureAKS(), "role_based_access_control_enabled", true)},
		{Type: "azurerm_kubernetes_cluster", Name: "RBAC off", Obj: azureWith(azureAKS(), "role_based_access_control_enabled", false),
			Want: map[string]string{"azurerm_kubernetes_cluster.rbac_disabled": "violated"}},
		{Type: "azurerm_kubernetes_cluster", Name: "RBAC unset takes the default, on", Obj: azureWith(azureAKS(), "role_based_access_control_enabled", nil)},
		{Type: "azurerm_kubernetes_cluster", Name: "RBAC unknown at plan", Obj: azureWith(azureAKS(), "role_based_access_control_enabled", Unknown),
			Want: map[string]string{"azurerm_kubernetes_cluster.rbac_disabled": "deferred"}},
	}
}
