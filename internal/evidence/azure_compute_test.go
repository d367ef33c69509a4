package evidence

import "encoding/base64"

// Cases for data/azure_compute.json and data/azure_identity.json.

// azureCloudInit is custom data as azurerm takes it: base64 of a script.
func azureCloudInit(script string) string { return base64.StdEncoding.EncodeToString([]byte(script)) }

func init() {
	des := azureSubID + "Microsoft.Compute/diskEncryptionSets/des-orders"
	osDisk := azureBlock("caching", "ReadWrite", "storage_account_type", "Premium_LRS", "disk_encryption_set_id", des,
		"secure_vm_disk_encryption_set_id", nil, "security_encryption_type", nil, "diff_disk_settings", []any{}, "write_accelerator_enabled", false)
	script := azureCloudInit("#cloud-config\npackage_upgrade: true\nruncmd:\n  - systemctl enable --now orders\n")
	leaked := azureCloudInit("#!/bin/sh\nexport GITHUB_TOKEN=" + azureGitHubToken + "\n/opt/orders/start\n")
	vmss := func(kv ...any) map[string]any {
		return azureWith(map[string]any{"name": "vmss-orders", "resource_group_name": "rg-orders", "location": "westeurope", "sku": "Standard_D2s_v5",
			"instances": 2.0, "admin_username": "azureuser", "encryption_at_host_enabled": true, "os_disk": osDisk, "custom_data": script,
			"network_interface": azureBlock("name", "nic", "primary", true, "ip_configuration", azureBlock("name", "internal", "subnet_id", azureSubID+"Microsoft.Network/virtualNetworks/vnet-orders/subnets/app")),
			"id":                Unknown, "unique_id": Unknown}, kv...)
	}
	linuxVMSS := vmss("upgrade_mode", "Rolling", "automatic_os_upgrade_policy", azureBlock("enable_automatic_os_upgrade", true, "disable_automatic_rollback", false),
		"admin_ssh_key", azureBlock("username", "azureuser", "public_key", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample"))
	windowsVMSS := vmss("admin_password", azureSecret, "enable_automatic_updates", true, "upgrade_mode", "Manual")
	orchestrated := map[string]any{"name": "vmss-flex", "resource_group_name": "rg-orders", "location": "westeurope", "platform_fault_domain_count": 1.0,
		"sku_name": "Standard_D2s_v5", "instances": 2.0, "encryption_at_host_enabled": true,
		"os_profile": azureBlock("custom_data", script,
			"linux_configuration", azureBlock("admin_username", "azureuser", "disable_password_authentication", true, "patch_mode", "AutomaticByPlatform", "patch_assessment_mode", "AutomaticByPlatform"),
			"windows_configuration", []any{}),
		"id": Unknown, "unique_id": Unknown}
	windowsOrchestrated := setPaths(orchestrated, "os_profile[0].linux_configuration", []any{},
		"os_profile[0].windows_configuration", azureBlock("admin_username", "azureadmin", "admin_password", azureSecret, "patch_mode", "AutomaticByPlatform", "enable_automatic_updates", true))
	legacyVM := map[string]any{"name": "vm-legacy", "resource_group_name": "rg-orders", "location": "westeurope", "vm_size": "Standard_D2s_v5",
		"network_interface_ids":     []any{azureSubID + "Microsoft.Network/networkInterfaces/nic-legacy"},
		"os_profile":                azureBlock("computer_name", "legacy", "admin_username", "azureadmin", "admin_password", azureSecret, "custom_data", "echo ready"),
		"os_profile_windows_config": azureBlock("provision_vm_agent", true, "enable_automatic_upgrades", true, "timezone", nil),
		"os_profile_linux_config":   []any{}, "storage_os_disk": azureBlock("name", "osdisk", "create_option", "FromImage", "managed_disk_type", "Premium_LRS"),
		"id": Unknown}
	cmk := azureCheck{id: "no_customer_managed_key", bad: []any{"os_disk[0].disk_encryption_set_id", nil}, unset: "violated"}
	hostEnc := azureCheck{id: "host_encryption_disabled", bad: []any{"encryption_at_host_enabled", false}}
	registerAzureSpecs("compute",
		azureSpec{typ: "azurerm_linux_virtual_machine_scale_set", base: linuxVMSS, checks: []azureCheck{
			{id: "os_image_not_upgraded", bad: []any{"automatic_os_upgrade_policy[0].enable_automatic_os_upgrade", false}, unset: "violated"}, hostEnc, cmk}},
		azureSpec{typ: "azurerm_windows_virtual_machine_scale_set", base: windowsVMSS, checks: []azureCheck{
			{id: "automatic_updates_disabled", bad: []any{"enable_automatic_updates", false}}, hostEnc, cmk}},
		azureSpec{typ: "azurerm_orchestrated_virtual_machine_scale_set", base: orchestrated, checks: []azureCheck{
			{id: "linux_patching_not_automatic", bad: []any{"os_profile[0].linux_configuration[0].patch_mode", "ImageDefault"}}, hostEnc}},
		azureSpec{typ: "azurerm_orchestrated_virtual_machine_scale_set", base: windowsOrchestrated, checks: []azureCheck{
			{id: "windows_patching_manual", bad: []any{"os_profile[0].windows_configuration[0].patch_mode", "Manual"}, good: []any{"os_profile[0].windows_configuration[0].patch_mode", "AutomaticByOS"}}}},
		azureSpec{typ: "azurerm_virtual_machine", base: legacyVM, checks: []azureCheck{
			{id: "windows_automatic_updates_disabled", bad: []any{"os_profile_windows_config[0].enable_automatic_upgrades", false}}}},
		azureSpec{typ: "azurerm_kubernetes_cluster_node_pool", base: map[string]any{"name": "user", "kubernetes_cluster_id": azureSubID + "Microsoft.ContainerService/managedClusters/aks-orders",
			"vm_size": "Standard_D4s_v5", "node_count": 3.0, "node_public_ip_enabled": false, "host_encryption_enabled": true,
			"upgrade_settings": azureBlock("max_surge", "10%"), "id": Unknown},
			checks: []azureCheck{
				{id: "node_public_ip", bad: []any{"node_public_ip_enabled", true}},
				{id: "host_encryption_disabled", bad: []any{"host_encryption_enabled", false}},
			}},
		azureSpec{typ: "azurerm_container_group", base: map[string]any{"name": "aci-orders", "resource_group_name": "rg-orders", "location": "westeurope", "os_type": "Linux",
			"ip_address_type": "Private", "subnet_ids": []any{azureSubID + "Microsoft.Network/virtualNetworks/vnet-orders/subnets/aci"},
			"container": []any{map[string]any{"name": "worker", "image": "mcr.microsoft.com/azuredocs/aci-helloworld:latest", "cpu": 0.5, "memory": 1.5,
				"environment_variables": map[string]any{"LOG_LEVEL": "info"}, "secure_environment_variables": map[string]any{"API_KEY": azureSecret}, "ports": []any{}}},
			"id": Unknown, "ip_address": Unknown},
			checks: []azureCheck{{id: "public_ip", bad: []any{"ip_address_type", "Public"}, unset: "violated"}}},
		azureSpec{typ: "azurerm_maintenance_configuration", base: map[string]any{"name": "patch-weekly", "resource_group_name": "rg-orders", "location": "westeurope",
			"scope": "InGuestPatch", "in_guest_user_patch_mode": "User",
			"window": azureBlock("start_date_time", "2026-01-04 02:00", "duration", "03:00", "time_zone", "UTC", "recur_every", "1Week Sunday"),
			"install_patches": azureBlock("reboot", "IfRequired",
				"linux", azureBlock("classifications_to_include", []any{"Critical", "Security"}, "package_names_mask_to_exclude", []any{}, "package_names_mask_to_include", []any{}),
				"windows", azureBlock("classifications_to_include", []any{"Critical", "Security", "UpdateRollup"}, "kb_numbers_to_exclude", []any{}, "kb_numbers_to_include", []any{})),
			"id": Unknown},
			checks: []azureCheck{
				{id: "linux_security_patches_excluded", bad: []any{"install_patches[0].linux[0].classifications_to_include", []any{"Other"}}},
				{id: "windows_security_patches_excluded", bad: []any{"install_patches[0].windows[0].classifications_to_include", []any{"Definition", "Tools"}}},
			}},
		azureSpec{typ: "azurerm_maintenance_assignment_virtual_machine", base: map[string]any{"location": "westeurope",
			"maintenance_configuration_id": azureSubID + "Microsoft.Maintenance/maintenanceConfigurations/patch-weekly",
			"virtual_machine_id":           azureSubID + "Microsoft.Compute/virtualMachines/vm-orders", "id": Unknown},
			checks: []azureCheck{{id: "no_maintenance_configuration", bad: []any{"maintenance_configuration_id", ""}, unset: "violated"}}},
		azureSpec{typ: "azurerm_role_definition", base: map[string]any{"name": "orders-operator", "scope": "/subscriptions/00000000-0000-0000-0000-000000000000",
			"assignable_scopes": []any{"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders"},
			"permissions": []any{map[string]any{"actions": []any{"Microsoft.Compute/virtualMachines/restart/action", "Microsoft.Compute/virtualMachines/read"},
				"not_actions": []any{}, "data_actions": []any{}, "not_data_actions": []any{}}},
			"role_definition_id": Unknown, "role_definition_resource_id": Unknown, "id": Unknown},
			checks: []azureCheck{
				{id: "wildcard_actions", bad: []any{"permissions[0].actions", []any{"*"}}},
				{id: "can_manage_access", bad: []any{"permissions[0].actions", []any{"Microsoft.Compute/*/read", "Microsoft.Authorization/roleAssignments/write"}}},
			}},
		azureSpec{typ: "azurerm_role_assignment", base: map[string]any{"scope": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders",
			"role_definition_name": "Reader", "role_definition_id": Unknown, "principal_id": "22222222-2222-2222-2222-222222222222", "principal_type": Unknown, "id": Unknown},
			checks: []azureCheck{{id: "privileged_role", bad: []any{"role_definition_name", "Owner"}, good: []any{"role_definition_name", "Virtual Machine Contributor"}}}},
		azureSpec{typ: "azuread_directory_role_assignment", base: map[string]any{"role_id": "88d8e3e3-8f55-4a1e-953a-9b9898b8876b",
			"principal_object_id": "22222222-2222-2222-2222-222222222222", "directory_scope_id": "/", "app_scope_id": nil, "id": Unknown},
			checks: []azureCheck{{id: "privileged_directory_role", bad: []any{"role_id", "62e90394-69f5-4237-9190-012177145e10"}}}},
		azureSpec{typ: "azuread_authentication_strength_policy", base: map[string]any{"display_name": "Phishing-resistant", "description": nil,
			"allowed_combinations": []any{"fido2", "windowsHelloForBusiness", "x509CertificateMultiFactor"}, "id": Unknown},
			checks: []azureCheck{{id: "single_factor_allowed", bad: []any{"allowed_combinations", []any{"fido2", "password"}}, good: []any{"allowed_combinations", []any{"password,microsoftAuthenticatorPush", "password,hardwareOath"}}}}},
		azureSpec{typ: "azuread_group_role_management_policy", base: map[string]any{"group_id": "33333333-3333-3333-3333-333333333333", "role_id": "member",
			"activation_rules": azureBlock("maximum_duration", "PT8H", "require_approval", true, "require_justification", true,
				"require_multifactor_authentication", true, "required_conditional_access_authentication_context", nil, "approval_stage", []any{}),
			"eligible_assignment_rules": []any{}, "active_assignment_rules": []any{}, "notification_rules": []any{}, "id": Unknown},
			checks: []azureCheck{{id: "activation_without_mfa", bad: []any{"activation_rules[0].require_multifactor_authentication", false}}}},
	)
	var more []azureSpec
	for _, v := range []struct {
		typ   string
		value any
	}{{"bool", true}, {"datetime", "2026-01-01T00:00:00Z"}, {"int", 42.0}, {"string", "orders"}, {"object", `{"tier":"gold"}`}} {
		typ := "azurerm_automation_variable_" + v.typ
		more = append(more, azureSpec{typ: typ, base: map[string]any{"name": "orders-setting", "resource_group_name": "rg-orders",
			"automation_account_name": "aa-orders", "value": v.value, "encrypted": true, "description": nil, "id": Unknown},
			checks: []azureCheck{{id: "not_encrypted", bad: []any{"encrypted", false}, unset: "violated"}}})
	}
	for _, c := range []string{"hadoop", "hbase", "interactive_query", "kafka", "spark"} {
		typ := "azurerm_hdinsight_" + c + "_cluster"
		base := map[string]any{"name": "hdi-orders", "resource_group_name": "rg-orders", "location": "westeurope", "cluster_version": "5.1", "tier": "Standard",
			"tls_min_version": "1.2", "gateway": azureBlock("username", "hdiadmin", "password", azureSecret), "component_version": []any{}, "roles": []any{},
			"storage_account": []any{}, "disk_encryption": []any{}, "id": Unknown, "https_endpoint": Unknown}
		checks := []azureCheck{{id: "tls_below_minimum", bad: []any{"tls_min_version", "1.0"}}}
		if c != "hadoop" && c != "hbase" {
			base["encryption_in_transit_enabled"] = true
			checks = append(checks, azureCheck{id: "no_encryption_in_transit", bad: []any{"encryption_in_transit_enabled", false}})
		}
		more = append(more, azureSpec{typ: typ, base: base, checks: checks})
	}
	registerAzureSpecs("compute-more", more...)

	// Secrets in custom data (base64 as azurerm takes it, or the legacy
	// resource's plain text), container environment variables and env values.
	const leakID = ".github_token"
	casesByCloud["azure/compute-secrets"] = []mappingCase{
		{Type: "azurerm_linux_virtual_machine_scale_set", Name: "token in base64 custom data", Obj: setPaths(linuxVMSS, "custom_data", leaked),
			Want: map[string]string{"azurerm_linux_virtual_machine_scale_set" + leakID: "violated"}},
		{Type: "azurerm_linux_virtual_machine_scale_set", Name: "custom data unknown at plan", Obj: setPaths(linuxVMSS, "custom_data", Unknown),
			Want: map[string]string{"azurerm_linux_virtual_machine_scale_set.secrets_in_custom_data": "deferred"}},
		{Type: "azurerm_linux_virtual_machine_scale_set", Name: "no custom data", Obj: setPaths(linuxVMSS, "custom_data", nil)},
		{Type: "azurerm_windows_virtual_machine_scale_set", Name: "token in base64 custom data", Obj: setPaths(windowsVMSS, "custom_data", leaked),
			Want: map[string]string{"azurerm_windows_virtual_machine_scale_set" + leakID: "violated"}},
		{Type: "azurerm_orchestrated_virtual_machine_scale_set", Name: "token in base64 custom data", Obj: setPaths(orchestrated, "os_profile[0].custom_data", leaked),
			Want: map[string]string{"azurerm_orchestrated_virtual_machine_scale_set" + leakID: "violated"}},
		{Type: "azurerm_orchestrated_virtual_machine_scale_set", Name: "custom data unknown at plan", Obj: setPaths(orchestrated, "os_profile[0].custom_data", Unknown),
			Want: map[string]string{"azurerm_orchestrated_virtual_machine_scale_set.secrets_in_custom_data": "deferred"}},
		{Type: "azurerm_virtual_machine", Name: "token in plain custom data", Obj: setPaths(legacyVM, "os_profile[0].custom_data", "export GITHUB_TOKEN="+azureGitHubToken),
			Want: map[string]string{"azurerm_virtual_machine" + leakID: "violated"}},
		{Type: "azurerm_virtual_machine", Name: "custom data unknown at plan", Obj: setPaths(legacyVM, "os_profile[0].custom_data", Unknown),
			Want: map[string]string{"azurerm_virtual_machine.secrets_in_custom_data": "deferred"}},
		{Type: "azurerm_container_group", Name: "token in a plain environment variable", Obj: setPaths(map[string]any{"ip_address_type": "Private",
			"container": []any{map[string]any{"name": "worker", "environment_variables": map[string]any{"GITHUB_TOKEN": azureGitHubToken}}}}),
			Want: map[string]string{"azurerm_container_group" + leakID: "violated"}},
		{Type: "azurerm_container_group", Name: "environment variables unknown at plan", Obj: map[string]any{"ip_address_type": "Private",
			"container": []any{map[string]any{"name": "worker", "environment_variables": Unknown}}},
			Want: map[string]string{"azurerm_container_group.secrets_in_environment_variables": "deferred"}},
		{Type: "azurerm_container_app", Name: "env values without secrets", Obj: azureContainerApp("LOG_LEVEL", "info")},
		{Type: "azurerm_container_app", Name: "token in an env value", Obj: azureContainerApp("GITHUB_TOKEN", azureGitHubToken),
			Want: map[string]string{"azurerm_container_app" + leakID: "violated"}},
		{Type: "azurerm_container_app", Name: "env value unknown at plan", Obj: azureContainerApp("GITHUB_TOKEN", Unknown),
			Want: map[string]string{"azurerm_container_app.secrets_in_env": "deferred"}},
	}
}

func azureContainerApp(name string, value any) map[string]any {
	return map[string]any{"name": "ca-orders", "resource_group_name": "rg-orders", "revision_mode": "Single",
		"container_app_environment_id": azureSubID + "Microsoft.App/managedEnvironments/cae-orders",
		"template": azureBlock("min_replicas", 1.0, "max_replicas", 3.0, "container", []any{map[string]any{
			"name": "api", "image": "mcr.microsoft.com/k8se/quickstart:latest", "cpu": 0.5, "memory": "1Gi",
			"env": []any{map[string]any{"name": name, "value": value, "secret_name": nil}}}}),
		"secret": []any{}, "ingress": []any{}, "id": Unknown, "latest_revision_fqdn": Unknown}
}
