# Controls a SaaS workload can be asked for that cite PCI DSS v4.0.1.
data "srm_controls" "saas_pci" {
  service_model = "saas"
  framework     = "pci_dss_v4"
}

output "saas_pci_controls" {
  value = [for c in data.srm_controls.saas_pci.controls : "${c.id}: ${join(", ", c.frameworks["pci_dss_v4"])}"]
}

# Controls a function is never asked for, and why.
data "srm_controls" "hardening" {
  domain = "workload_hardening"
}

output "not_asked_of_functions" {
  value = { for c in data.srm_controls.hardening.controls : c.id => c.not_applicable["faas"] if contains(keys(c.not_applicable), "faas") }
}
