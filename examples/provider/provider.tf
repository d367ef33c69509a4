terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
  }
}

provider "srm" {
  # "error" (default) fails the plan on a violated control; "warn" only warns.
  enforcement = "error"

  # Baseline for workloads that set none: "minimum", "standard" (default) or "strict".
  default_baseline = "standard"
}
