package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// Each validator skips null and unknown values: Terraform validates again
// once the value is known.

// stringCheck adapts a func(string) error into a string validator.
type stringCheck struct {
	desc    string
	summary string
	check   func(string) error
}

func (v stringCheck) Description(context.Context) string         { return v.desc }
func (v stringCheck) MarkdownDescription(context.Context) string { return v.desc }

func (v stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := v.check(req.ConfigValue.ValueString()); err != nil {
		// Name the path in the text: Terraform highlights only the resource
		// block for attributes nested in objects and lists.
		resp.Diagnostics.AddAttributeError(req.Path, v.summary, req.Path.String()+": "+err.Error())
	}
}

func dateValidator() validator.String {
	return stringCheck{
		desc:    "value must be a date YYYY-MM-DD or an RFC 3339 time",
		summary: "Invalid Date",
		check: func(s string) error {
			_, err := detect.ParseDate(s)
			return err
		},
	}
}

func jsonObjectValidator() validator.String {
	return stringCheck{
		desc:    "value must be a JSON object",
		summary: "Invalid JSON Document",
		check: func(s string) error {
			var obj map[string]any
			if err := json.Unmarshal([]byte(s), &obj); err != nil {
				return fmt.Errorf("the value must be a JSON object such as jsonencode({ Version = \"2012-10-17\", Statement = [...] }): %v", err)
			}
			return nil
		},
	}
}

func controlIDValidator() validator.String {
	return stringCheck{
		desc:    "value must be a control id of the catalog",
		summary: "Unknown Control",
		check: func(s string) error {
			m := model.Default()
			if _, ok := m.Control(s); ok {
				return nil
			}
			return policy.UnknownControlError(m, s)
		},
	}
}

func notBlankValidator() validator.String {
	return stringCheck{
		desc:    "value must not be blank",
		summary: "Blank Value",
		check: func(s string) error {
			if strings.TrimSpace(s) == "" {
				return fmt.Errorf("the value is blank; write who or why in words")
			}
			return nil
		},
	}
}

func baselineSpecValidator() validator.String {
	return stringCheck{
		desc:    "value must be the spec of an srm_baseline resource",
		summary: "Invalid Custom Baseline",
		check: func(s string) error {
			_, err := policy.ParseCustomBaseline(model.Default(), s)
			if err != nil {
				return fmt.Errorf("%v. Set custom_baseline = srm_baseline.NAME.spec", err)
			}
			return nil
		},
	}
}

// wholeNumberBetween accepts whole numbers in [minimum, maximum]; a fraction
// or an out-of-range value gets an error that names the attribute and the
// accepted range.
type wholeNumberBetween struct {
	minimum, maximum int64
}

func (v wholeNumberBetween) Description(context.Context) string {
	return fmt.Sprintf("value must be a whole number between %d and %d", v.minimum, v.maximum)
}

func (v wholeNumberBetween) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v wholeNumberBetween) ValidateNumber(_ context.Context, req validator.NumberRequest, resp *validator.NumberResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	n := req.ConfigValue.ValueBigFloat()
	if n.IsInt() && n.Cmp(big.NewFloat(float64(v.minimum))) >= 0 && n.Cmp(big.NewFloat(float64(v.maximum))) <= 0 {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid Attribute Value",
		fmt.Sprintf("Attribute %s value must be a whole number between %d and %d, got: %s", req.Path, v.minimum, v.maximum, n.Text('g', -1)))
}
