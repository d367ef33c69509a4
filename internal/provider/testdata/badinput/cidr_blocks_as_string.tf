# expect: Inappropriate value for attribute "network": attribute "ingress_rules": element 0: attribute "cidr_blocks": list of string required
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  network = {
    segmented     = true
    ingress_rules = [{ cidr_blocks = "0.0.0.0/0", from_port = 22, to_port = 22 }]
  }
}
