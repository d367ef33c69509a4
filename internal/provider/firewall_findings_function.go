package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
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
			"6379, 9200, 11211, 27017), all ports or all protocols. Port ranges that include those ports count. Accepts " +
			"a list of rules in the AWS security group shape (`cidr_blocks`, `ipv6_cidr_blocks`, `from_port`, `to_port`, " +
			"`protocol`), the Azure network security rule shape (`source_address_prefix(es)`, " +
			"`destination_port_range(s)`, `access`, `direction`) or the GCP firewall shape (`source_ranges`, `allow`)." +
			findingsDescription,
		Parameters: []function.Parameter{
			function.DynamicParameter{Name: "rules", MarkdownDescription: "A list (or tuple) of rule objects in any of the accepted shapes."},
		},
		Return: findingsReturn,
	}
}

func (f *firewallFindingsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var rules types.Dynamic
	if resp.Error = req.Arguments.Get(ctx, &rules); resp.Error != nil {
		return
	}
	generic, err := goValue(rules)
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
