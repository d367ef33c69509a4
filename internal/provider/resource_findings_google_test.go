package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
)

// Through the CLI, Google's IAM grants read by the iam_members reader: a
// bucket grant to allUsers is a finding, a grant to a named group is none;
// members of a binding and a policy document from jsonencode read the same.
func TestFunction_ResourceFindingsGoogleIAMMembers(t *testing.T) {
	t.Parallel()
	functionTest(t, `
output "public" {
  value = [for f in provider::srm::resource_findings("google_storage_bucket_iam_member", { bucket = "acme-orders", role = "roles/storage.objectViewer", member = "allUsers" }) : "${f.id}=${f.status} at ${f.attribute}"]
}
output "private" {
  value = provider::srm::resource_findings("google_storage_bucket_iam_member", { bucket = "acme-orders", role = "roles/storage.objectViewer", member = "group:order-readers@example.com" })
}
output "binding" {
  value = [for f in provider::srm::resource_findings("google_storage_bucket_iam_binding", { bucket = "acme-orders", role = "roles/storage.objectViewer", members = ["group:order-readers@example.com", "allAuthenticatedUsers"] }) : "${f.id}=${f.status}"]
}
output "policy" {
  value = [for f in provider::srm::resource_findings("google_storage_bucket_iam_policy", {
    bucket      = "acme-orders"
    policy_data = jsonencode({ bindings = [{ role = "roles/storage.objectViewer", members = ["allUsers"] }] })
  }) : "${f.id}=${f.status}"]
}
`,
		output("public", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("google_storage_bucket_iam_member.public_member=violated at member")})),
		output("private", knownvalue.ListSizeExact(0)),
		output("binding", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("google_storage_bucket_iam_binding.public_member=violated")})),
		output("policy", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("google_storage_bucket_iam_policy.public_member=violated")})),
	)
}
