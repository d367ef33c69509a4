package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
)

// Through the CLI, one Azure type per new evidence reader: a database
// firewall rule read as an IP range (the whole internet, and Azure's
// 0.0.0.0-0.0.0.0 as its own finding), and app settings handed to the
// secret detector without the secret in any output.
func TestFunction_ResourceFindingsAzureReaders(t *testing.T) {
	t.Parallel()
	functionTest(t, `
locals {
  token = "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
}
output "world" {
  value = [for f in provider::srm::resource_findings("azurerm_mssql_firewall_rule", { name = "all", start_ip_address = "0.0.0.0", end_ip_address = "255.255.255.255" }) : "${f.id}=${f.status}"]
}
output "azure_services" {
  value = [for f in provider::srm::resource_findings("azurerm_mssql_firewall_rule", { name = "azure", start_ip_address = "0.0.0.0", end_ip_address = "0.0.0.0" }) : "${f.id}=${f.status}"]
}
output "office" {
  value = provider::srm::resource_findings("azurerm_mssql_firewall_rule", { name = "office", start_ip_address = "203.0.113.10", end_ip_address = "203.0.113.20" })
}
output "app_setting" {
  value = [for f in provider::srm::resource_findings("azurerm_linux_web_app", { https_only = true, app_settings = { GITHUB_TOKEN = local.token } }) : "${f.id}=${f.status}"]
}
output "app_setting_shows_token" {
  value = strcontains(jsonencode(provider::srm::resource_findings("azurerm_linux_web_app", { https_only = true, app_settings = { GITHUB_TOKEN = local.token } })), substr(local.token, 4, 20))
}
`,
		output("world", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("azurerm_mssql_firewall_rule.open_to_internet=violated")})),
		output("azure_services", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("azurerm_mssql_firewall_rule.allows_all_azure_services=violated")})),
		output("office", knownvalue.ListSizeExact(0)),
		output("app_setting", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("azurerm_linux_web_app.github_token=violated")})),
		output("app_setting_shows_token", knownvalue.Bool(false)),
	)
}
