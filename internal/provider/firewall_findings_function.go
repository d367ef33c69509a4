package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
)

var _ function.Function = (*firewallFindingsFunction)(nil)

type firewallFindingsFunction struct{}

// NewFirewallFindingsFunction returns provider::srm::firewall_findings.
func NewFirewallFindingsFunction() function.Function { return &firewallFindingsFunction{} }

func (f *firewallFindingsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "firewall_findings"
}

func (f *firewallFindingsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "World-open ingress to sensitive ports",
		MarkdownDescription: "Checks firewall rules for sources open to the whole internet (`0.0.0.0/0`, `::/0`, `*`, `Internet`, " +
			"very short prefixes) on administrative ports (22, 3389), database and cache ports (1433, 1521, 3306, 5432, " +
			"6379, 9200, 11211, 27017), all ports or all protocols. Port ranges that include those ports count, over TCP, " +
			"UDP or SCTP alike (RDP also listens on UDP 3389). Accepts a list of rules in the AWS security group shape " +
			"(`cidr_blocks`, `ipv6_cidr_blocks`, `from_port`, `to_port`, `protocol`, or a whole `aws_security_group` " +
			"with `ingress` blocks), the Azure network security rule shape (`source_address_prefix(es)`, " +
			"`destination_port_range(s)`, `access`, `direction`, or a whole network security group with " +
			"`security_rule` blocks) or the GCP firewall shape (`source_ranges`, `allow`); a map of rules (a " +
			"`for_each` result, read in key order) or a single rule works too.\n\n" +
			"AWS rules with no ports cover every port; with only one of `from_port` and `to_port` they cover that " +
			"port. TCP or UDP with ports 0 to 0 means port 0, as AWS stores it: only protocol `-1` (all) ignores the " +
			"ports. A rule that cannot be read (a port outside 0-65535, `from_port` above `to_port`, an unknown " +
			"protocol, a CIDR such as `0.0.0.0/33`) becomes a `firewall.invalid_rule` finding at its place in the " +
			"list; the other rules are still checked." + findingsDescription +
			findingKindsMarkdown(detect.FirewallFindingKinds()),
		Parameters: []function.Parameter{
			rawDynamicParameter("rules", "A list (or tuple, or map) of rule objects in any of the accepted shapes.", false),
		},
		Return: findingsReturn(finding.ShapeDetector),
	}
}

func (f *firewallFindingsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	raw, ferr := rawArgument(ctx, req, 0)
	if ferr != nil {
		resp.Error = ferr
		return
	}
	generic, err := goValue(raw)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, "rules: "+err.Error())
		return
	}
	findings, err := detect.FirewallFindingsFromInput(generic)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, "rules: "+err.Error())
		return
	}
	setFindings(ctx, resp, findings)
}
