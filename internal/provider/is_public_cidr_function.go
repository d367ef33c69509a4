package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
)

var _ function.Function = (*isPublicCIDRFunction)(nil)

type isPublicCIDRFunction struct{}

// NewIsPublicCIDRFunction returns provider::srm::is_public_cidr.
func NewIsPublicCIDRFunction() function.Function { return &isPublicCIDRFunction{} }

func (f *isPublicCIDRFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "is_public_cidr"
}

func (f *isPublicCIDRFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Whether a CIDR reaches public address space",
		MarkdownDescription: "Returns `true` when the CIDR block (or bare IP address), IPv4 or IPv6, contains any " +
			"globally routable address, and `false` when it lies wholly in private, loopback, link-local, shared " +
			"(CGNAT), documentation or multicast ranges.",
		Parameters: []function.Parameter{
			function.StringParameter{Name: "cidr", MarkdownDescription: "A CIDR block such as `10.0.0.0/8` or `0.0.0.0/0`, or an IP address."},
		},
		Return: function.BoolReturn{},
	}
}

func (f *isPublicCIDRFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var cidr string
	if resp.Error = req.Arguments.Get(ctx, &cidr); resp.Error != nil {
		return
	}
	public, err := detect.IsPublicCIDR(cidr)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, "cidr: "+err.Error())
		return
	}
	resp.Error = resp.Result.Set(ctx, public)
}
