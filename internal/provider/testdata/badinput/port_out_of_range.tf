# expect: Invalid Ingress Rule .* network\.ingress_rules: rule 0: to_port 70000 is outside 0\.\.65535
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  network = {
    segmented = true
    ingress_rules = [{
      cidr_blocks = ["10.0.0.0/8"]
      from_port   = 443
      to_port     = 70000
      protocol    = "tcp"
    }]
  }
}
