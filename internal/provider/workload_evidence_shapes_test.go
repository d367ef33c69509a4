package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// shapeWorkload is compliantWorkload with an evidence map.
func shapeWorkload(evidence string) string {
	return strings.Replace(compliantWorkload("paas"), compliantControls, compliantControls+"  evidence = "+evidence+"\n", 1)
}

// A for_each resource passed whole is judged instance by instance: the
// instance with SSH open to the world fails under its own address.
func TestWorkloadEvidence_ForEachMapIsJudgedPerInstance(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: shapeWorkload(`{
    "aws_security_group.db" = {
      a = { name = "a", ingress = [{ from_port = 443, to_port = 443, protocol = "tcp", cidr_blocks = ["0.0.0.0/0"] }] }
      b = { name = "b", ingress = [{ from_port = 22, to_port = 22, protocol = "tcp", cidr_blocks = ["0.0.0.0/0"] }] }
    }
  }`),
		ExpectError: errorMatching(`aws_security_group.db["b"]`),
		PlanOnly:    true,
	})
}

// A wrapper that does not hold the resource's attributes is an error on
// its key, not a resource with every default.
func TestWorkloadEvidence_WrapperIsAnError(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: shapeWorkload(`{
    "aws_db_instance.db" = { id = "x", input = { storage_encrypted = false }, output = null, triggers_replace = null }
  }`),
		ExpectError: errorMatching(`evidence: aws_db_instance.db: holds none of aws_db_instance's attributes`, `pass its .input`),
		PlanOnly:    true,
	})
}

// Null evidence (count = 0), a real type no table maps and a name in
// another script are accepted; none of them fails the workload.
func TestWorkloadEvidence_NothingToJudgeIsAccepted(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: shapeWorkload(`{
    "aws_db_instance.db"       = null
    "aws_cloudwatch_dashboard.ops" = { dashboard_name = "ops", dashboard_body = "{}" }
    "aws_db_instance.données"  = { storage_encrypted = true, backup_retention_period = 14 }
    "aws_instance.web"         = { ami = "ami-1", ebs_block_device = null, root_block_device = [{ encrypted = true }] }
  }`),
		ConfigStateChecks: expectCompliant("srm_workload.api"),
	})
}
