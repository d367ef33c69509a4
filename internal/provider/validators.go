package provider

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
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

// oneOfValidator accepts one of valid. Unlike the framework's OneOf it never
// echoes a long value: an argument of any size may be pasted there, a
// secret included, so more than four characters are described, not quoted.
func oneOfValidator(valid []string) validator.String {
	return stringCheck{
		desc:    "value must be one of " + model.Quoted(valid),
		summary: "Invalid Attribute Value",
		check: func(s string) error {
			for _, v := range valid {
				if s == v {
					return nil
				}
			}
			got := finding.Redact(s)
			hint := ""
			if near := model.Suggest(s, valid); len(near) > 0 && len(s) <= 64 {
				hint = "; did you mean " + strconv.Quote(near[0]) + "?"
			}
			return fmt.Errorf("value must be one of %s, got %s%s", model.Quoted(valid), got, hint)
		},
	}
}
