# expect: Invalid Ingress Rule .* network\.ingress_rules: rule 0
# The workload reads rules through firewall_findings' normaliser, which
# rejects a prefix length beyond /32.
resource "srm_workload" "x" {
  name          = "payments-api"
  service_model = "iaas"
  network = {
    segmented     = true
    ingress_rules = [{ cidr_blocks = ["0.0.0.0/33"], from_port = 443, to_port = 443, protocol = "tcp" }]
  }
}
