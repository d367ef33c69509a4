# expect: Attribute network\.ingress_rules\[0\]\.to_port value must be a whole number between -1 and 65535, got: 70000
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
