package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
)

var _ function.Function = (*patchFindingsFunction)(nil)

type patchFindingsFunction struct {
	now func() time.Time
}

// NewPatchFindingsFunction returns provider::srm::patch_findings.
func NewPatchFindingsFunction() function.Function { return &patchFindingsFunction{now: time.Now} }

func (f *patchFindingsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "patch_findings"
}

func (f *patchFindingsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Machines or images patched too long ago",
		MarkdownDescription: "Checks an image build or last-patch date against a maximum age in days, measured from " +
			"today (UTC). Use 30 for the `strict` baseline (PCI DSS 6.3.3, CIS Controls v8 7.3) and 90 otherwise. The " +
			"result depends on the day the plan runs." + findingsDescription,
		Parameters: []function.Parameter{
			function.StringParameter{Name: "date", MarkdownDescription: "The date, `YYYY-MM-DD` or RFC 3339, e.g. an image's creation date."},
			function.Int64Parameter{Name: "max_age_days", MarkdownDescription: "The most days allowed since `date`; at least 1."},
		},
		Return: findingsReturn,
	}
}

func (f *patchFindingsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var date string
	var maxAge int64
	if resp.Error = req.Arguments.Get(ctx, &date, &maxAge); resp.Error != nil {
		return
	}
	patched, err := detect.ParseDate(date)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, "date: "+err.Error())
		return
	}
	if maxAge < 1 || maxAge > 36500 {
		resp.Error = function.NewArgumentFuncError(1, "max_age_days: must be between 1 and 36500 days")
		return
	}
	fs, err := detect.PatchFindings(patched, f.now(), int(maxAge))
	if err != nil {
		resp.Error = function.NewArgumentFuncError(1, "max_age_days: "+err.Error())
		return
	}
	setFindings(ctx, resp, fs)
}
