# expect: Unknown Attribute .* network\.ingress_rules\[0\] has no attribute "cidr_block"\. Did you mean cidr_blocks\?
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  network = {
    segmented     = true
    ingress_rules = [{ cidr_block = ["0.0.0.0/0"], from_port = 22, to_port = 22, protocol = "tcp" }]
  }
}
