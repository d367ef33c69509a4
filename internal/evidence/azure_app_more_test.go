package evidence

// Cases for data/azure_app_more.json.

func init() {
	settings := map[string]any{"FUNCTIONS_WORKER_RUNTIME": "python"}
	leaky := map[string]any{"FUNCTIONS_WORKER_RUNTIME": "python", "GITHUB_TOKEN": azureGitHubToken}
	flex := map[string]any{"name": "func-flex", "resource_group_name": "rg-orders", "location": "westeurope", "service_plan_id": azureSubID + "Microsoft.Web/serverFarms/plan-flex",
		"https_only": true, "public_network_access_enabled": true, "app_settings": settings,
		"site_config": azureBlock("minimum_tls_version", "1.2", "cors", []any{}, "ip_restriction", []any{}), "id": Unknown, "default_hostname": Unknown}
	logic := map[string]any{"name": "logic-orders", "resource_group_name": "rg-orders", "location": "westeurope", "app_service_plan_id": azureSubID + "Microsoft.Web/serverFarms/plan-logic",
		"https_only": true, "app_settings": settings, "site_config": azureBlock("min_tls_version", "1.2", "ftps_state", "Disabled", "ip_restriction", []any{}),
		"id": Unknown, "default_hostname": Unknown}
	swa := map[string]any{"name": "swa-orders", "resource_group_name": "rg-orders", "location": "westeurope", "app_settings": settings, "id": Unknown, "api_key": Unknown}
	named := map[string]any{"name": "backend-url", "resource_group_name": "rg-orders", "api_management_name": "apim-orders", "display_name": "backend-url",
		"value": "https://orders.example.com", "secret": false, "value_from_key_vault": []any{}, "id": Unknown}
	registerAzureSpecs("app-more",
		azureSpec{typ: "azurerm_function_app_flex_consumption", base: flex, checks: []azureCheck{
			{id: "https_not_required", bad: []any{"https_only", false}, unset: "violated"},
			{id: "tls_below_minimum", bad: []any{"site_config[0].minimum_tls_version", "1.1"}},
		}},
		azureSpec{typ: "azurerm_logic_app_standard", base: logic, checks: []azureCheck{
			{id: "https_not_required", bad: []any{"https_only", false}, unset: "violated"},
			{id: "tls_below_minimum", bad: []any{"site_config[0].min_tls_version", "1.0"}},
			{id: "plain_ftp_allowed", bad: []any{"site_config[0].ftps_state", "AllAllowed"}, unset: "violated"},
		}},
	)
	const leak = ".github_token"
	var cases []mappingCase
	for typ, obj := range map[string]map[string]any{"azurerm_function_app_flex_consumption": flex, "azurerm_logic_app_standard": logic, "azurerm_static_web_app": swa} {
		cases = append(cases,
			mappingCase{Type: typ, Name: "token in an app setting", Obj: setPaths(obj, "app_settings", leaky), Want: map[string]string{typ + leak: "violated"}},
			mappingCase{Type: typ, Name: "app settings unknown at plan", Obj: setPaths(obj, "app_settings", Unknown), Want: map[string]string{typ + ".secrets_in_app_settings": "deferred"}},
			mappingCase{Type: typ, Name: "no app settings", Obj: setPaths(obj, "app_settings", nil)},
		)
	}
	cases = append(cases, mappingCase{Type: "azurerm_static_web_app", Name: "settings without secrets", Obj: swa})
	nv := "azurerm_api_management_named_value"
	cases = append(cases,
		mappingCase{Type: nv, Name: "plain value", Obj: named},
		mappingCase{Type: nv, Name: "token in a plain value", Obj: setPaths(named, "value", azureGitHubToken), Want: map[string]string{nv + leak: "violated"}},
		mappingCase{Type: nv, Name: "token in a value with secret unset (default false)", Obj: setPaths(named, "value", azureGitHubToken, "secret", nil),
			Want: map[string]string{nv + leak: "violated"}},
		mappingCase{Type: nv, Name: "secret value is masked and not scanned", Obj: setPaths(named, "value", azureGitHubToken, "secret", true)},
		mappingCase{Type: nv, Name: "value unknown at plan", Obj: setPaths(named, "value", Unknown), Want: map[string]string{nv + ".secrets_in_value": "deferred"}},
	)
	for _, db := range []string{"azure_sql_database", "sql_server", "postgresql", "mysql"} {
		typ := "azurerm_data_factory_linked_service_" + db
		base := map[string]any{"name": "orders-db", "data_factory_id": azureSubID + "Microsoft.DataFactory/factories/adf-orders",
			"connection_string": "Server=tcp:orders-db.example.com,1433;Database=orders;Authentication=Active Directory Managed Identity;",
			"id":                Unknown}
		if db == "azure_sql_database" || db == "sql_server" {
			base["key_vault_password"] = []any{} // the MySQL and PostgreSQL linked services have no Key Vault blocks
		}
		cases = append(cases,
			mappingCase{Type: typ, Name: "managed identity, no password", Obj: base},
			mappingCase{Type: typ, Name: "token in the connection string", Obj: setPaths(base, "connection_string", "Server=orders;Token="+azureGitHubToken+";"),
				Want: map[string]string{typ + leak: "violated"}},
			mappingCase{Type: typ, Name: "password in the connection string", Obj: setPaths(base, "connection_string",
				"Server=tcp:orders-db.example.com;Database=orders;User ID=app;Password=Qw7rT9zX2vB5kLm3;"),
				Want: map[string]string{typ + ".password_assignment": "violated"}},
			mappingCase{Type: typ, Name: "connection string unknown at plan", Obj: setPaths(base, "connection_string", Unknown),
				Want: map[string]string{typ + ".secrets_in_connection_string": "deferred"}},
		)
	}
	casesByCloud["azure/app-more-secrets"] = cases
}
