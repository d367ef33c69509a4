terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

data "srm_on_premises_comparison" "all" {}

output "os_patching" {
  value = one([for r in data.srm_on_premises_comparison.all.rows : r.cloud if r.component == "OS Patching"])
}
