# expect: Control Not Satisfied: network\.ingress_rules .* 0\.0\.0\.0/0 .* 22
# A single CIDR string is read as a one-element list, as firewall_findings
# reads it: the rule is judged, and SSH open to the world fails.
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  network = {
    segmented     = true
    ingress_rules = [{ cidr_blocks = "0.0.0.0/0", from_port = 22, to_port = 22 }]
  }
}
