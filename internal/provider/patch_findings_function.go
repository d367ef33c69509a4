package provider

import (
	"context"
	"fmt"
	"math/big"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
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
			"result depends on the day the plan runs, and a message gives the age in days and the date judged against." +
			findingsDescription + findingKindsMarkdown(detect.PatchFindingKinds()),
		Parameters: []function.Parameter{
			function.StringParameter{Name: "date", MarkdownDescription: "The date, `YYYY-MM-DD` or RFC 3339, e.g. an image's creation date."},
			function.NumberParameter{Name: "max_age_days", MarkdownDescription: fmt.Sprintf("The most days allowed since `date`: a whole number from 1 to %d.", detect.MaxPatchAgeDays)},
		},
		Return: findingsReturn(finding.ShapeDetector),
	}
}

func (f *patchFindingsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var date string
	var limit *big.Float
	if resp.Error = req.Arguments.Get(ctx, &date, &limit); resp.Error != nil {
		return
	}
	patched, err := detect.ParseDate(date)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, "date: "+err.Error())
		return
	}
	maxAge, ferr := maxAgeDays(limit)
	if ferr != nil {
		resp.Error = ferr
		return
	}
	fs, err := detect.PatchFindings(patched, f.now(), maxAge)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(1, "max_age_days: "+err.Error())
		return
	}
	setFindings(ctx, resp, fs)
}

// maxAgeDays reads the limit as a whole number of days from 1 to
// detect.MaxPatchAgeDays. The parameter is a number rather than an integer so
// that 1e308 or 7.5 get this message instead of the framework's conversion
// failure.
func maxAgeDays(limit *big.Float) (int, *function.FuncError) {
	if limit != nil && limit.IsInt() {
		if n, acc := limit.Int64(); acc == big.Exact && n >= 1 && n <= detect.MaxPatchAgeDays {
			return int(n), nil
		}
	}
	shown := "null"
	if limit != nil {
		shown = limit.Text('g', 6)
	}
	return 0, function.NewArgumentFuncError(1, fmt.Sprintf("max_age_days: %s is not a whole number of days from 1 to %d; use e.g. 30 for monthly patching or 90 for quarterly",
		shown, detect.MaxPatchAgeDays))
}
