terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

data "srm_aspects" "all" {}

output "customer_side" {
  value = { for r in data.srm_aspects.all.rows : r.aspect => coalesce(r.customer, "not applicable") }
}
