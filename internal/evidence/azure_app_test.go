package evidence

import (
	"strings"
	"testing"
)

// Cases for data/azure_app.json: App Service web apps, function apps and
// their slots share one shape for the mapped attributes.

// azureGitHubToken is a token-shaped test value, never a real token.
const azureGitHubToken = "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"

func azureAppSpec(typ string) azureSpec {
	base := map[string]any{
		"name": "app-orders", "service_plan_id": azureSubID + "Microsoft.Web/serverFarms/plan-orders",
		"https_only": true, "public_network_access_enabled": true, "client_certificate_enabled": false,
		"app_settings": map[string]any{"WEBSITE_RUN_FROM_PACKAGE": "1", "DB_HOST": "sql-orders.database.windows.net"},
		"site_config": azureBlock("minimum_tls_version", "1.2", "scm_minimum_tls_version", "1.2", "ftps_state", "FtpsOnly",
			"http2_enabled", true, "always_on", true, "ip_restriction", []any{}, "application_stack", []any{}),
		"auth_settings": []any{}, "auth_settings_v2": azureBlock("auth_enabled", true, "require_authentication", true, "default_provider", "azureactivedirectory"),
		"identity": azureBlock("type", "SystemAssigned", "principal_id", Unknown), "connection_string": []any{},
		"id": Unknown, "default_hostname": Unknown, "outbound_ip_addresses": Unknown, "site_credential": Unknown,
	}
	if strings.Contains(typ, "_web_app") {
		base["logs"] = []any{} // function apps and their slots have no logs block
	}
	return azureSpec{typ: typ, base: base, checks: []azureCheck{
		{id: "https_not_required", bad: []any{"https_only", false}, unset: "violated"},
		{id: "tls_below_minimum", bad: []any{"site_config[0].minimum_tls_version", "1.0"}, good: []any{"site_config[0].minimum_tls_version", "1.3"}},
		{id: "plain_ftp_allowed", bad: []any{"site_config[0].ftps_state", "AllAllowed"}, good: []any{"site_config[0].ftps_state", "Disabled"}},
		{id: "authentication_disabled", bad: []any{"auth_settings_v2[0].auth_enabled", false}},
	}}
}

var azureAppTypes = []string{
	"azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_linux_function_app", "azurerm_windows_function_app",
	"azurerm_linux_web_app_slot", "azurerm_windows_web_app_slot", "azurerm_linux_function_app_slot", "azurerm_windows_function_app_slot",
}

func init() {
	var specs []azureSpec
	var secretCases []mappingCase
	for _, typ := range azureAppTypes {
		s := azureAppSpec(typ)
		specs = append(specs, s)
		secretCases = append(secretCases,
			mappingCase{Type: typ, Name: "a token in an app setting", Obj: setPaths(s.base, "app_settings",
				map[string]any{"WEBSITE_RUN_FROM_PACKAGE": "1", "GITHUB_TOKEN": azureGitHubToken}),
				Want: map[string]string{typ + ".github_token": "violated"}},
			mappingCase{Type: typ, Name: "app settings unknown at plan", Obj: setPaths(s.base, "app_settings", Unknown),
				Want: map[string]string{typ + ".secrets_in_app_settings": "deferred"}},
			mappingCase{Type: typ, Name: "no app settings", Obj: setPaths(s.base, "app_settings", nil)},
		)
	}
	registerAzureSpecs("app", specs...)
	casesByCloud["azure/app-secrets"] = secretCases
}

// A secret found in app settings is reported without its value.
func TestAzureAppSettingSecretIsRedacted(t *testing.T) {
	obj := setPaths(azureAppSpec("azurerm_linux_web_app").base, "app_settings", map[string]any{"GITHUB_TOKEN": azureGitHubToken})
	fs, err := judgeAlone("azurerm_linux_web_app", obj)
	if err != nil || len(fs) == 0 {
		t.Fatalf("findings %v, %v", fs, err)
	}
	for _, f := range fs {
		for _, text := range []string{f.Message, f.Remediation, f.Detail, f.EvidenceAttribute} {
			if strings.Contains(text, azureGitHubToken[4:12]) || strings.Contains(text, azureGitHubToken[20:]) {
				t.Errorf("%s shows the token: %q", FindingID(f), text)
			}
		}
	}
}
