# A storage account, a SQL server and its firewall rule, a network security
# group, a web app and a backup vault feed an srm_workload as evidence. With
# the azurerm provider you pass the resources themselves, e.g.
# "azurerm_storage_account.data" = azurerm_storage_account.data; here objects
# of the same shape stand in for them, so the example plans with no
# subscription.

terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

locals {
  azurerm_storage_account_data = {
    account_tier                    = "Standard"
    https_traffic_only_enabled      = true
    min_tls_version                 = "TLS1_2"
    allow_nested_items_to_be_public = false
    public_network_access_enabled   = true
    network_rules                   = [{ default_action = "Deny", ip_rules = [], virtual_network_subnet_ids = [] }]
    blob_properties = [{
      versioning_enabled      = true
      delete_retention_policy = [{ days = 14 }]
    }]
  }
  azurerm_mssql_server_orders = {
    version                       = "12.0"
    minimum_tls_version           = "1.2"
    public_network_access_enabled = false
  }
  azurerm_network_security_group_app = {
    security_rule = [{
      name                       = "https-in"
      priority                   = 100
      direction                  = "Inbound"
      access                     = "Allow"
      protocol                   = "Tcp"
      source_port_range          = "*"
      destination_port_range     = "443"
      source_address_prefix      = "Internet"
      destination_address_prefix = "*"
    }]
  }
  azurerm_mssql_firewall_rule_office = {
    name             = "office"
    start_ip_address = "203.0.113.0"
    end_ip_address   = "203.0.113.255"
  }
  azurerm_linux_web_app_orders = {
    name         = "orders-web"
    https_only   = true
    app_settings = { LOG_LEVEL = "info", ORDERS_DB_SERVER = "orders-sql" }
    site_config = [{
      minimum_tls_version = "1.2"
      ftps_state          = "Disabled"
    }]
  }
  azurerm_recovery_services_vault_orders = {
    name                          = "orders-vault"
    sku                           = "Standard"
    soft_delete_enabled           = true
    storage_mode_type             = "GeoRedundant"
    public_network_access_enabled = false
  }
}

resource "srm_workload" "orders" {
  name          = "orders"
  service_model = "paas"

  # BEGIN generated compliant body: standard logging.retention_days=365 -encryption.in_transit -backup.retention_days -network -hardening
  identity = {
    mfa_required    = true
    least_privilege = true
  }
  encryption = {
    at_rest = true
  }
  logging = {
    enabled        = true
    retention_days = 365
  }
  backup = {
    enabled = true
  }
  # END generated compliant body

  evidence = {
    "azurerm_storage_account.data"       = local.azurerm_storage_account_data
    "azurerm_mssql_server.orders"        = local.azurerm_mssql_server_orders
    "azurerm_network_security_group.app" = local.azurerm_network_security_group_app

    "azurerm_mssql_firewall_rule.office"     = local.azurerm_mssql_firewall_rule_office
    "azurerm_linux_web_app.orders"           = local.azurerm_linux_web_app_orders
    "azurerm_recovery_services_vault.orders" = local.azurerm_recovery_services_vault_orders
  }
}

output "orders_compliant" {
  value = srm_workload.orders.compliant
}
