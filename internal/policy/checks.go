package policy

import (
	"fmt"
	"math"
	"strconv"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// check returns the findings of one required control; none when satisfied.
func (x checkContext) check() []Finding {
	v := x.w.Values[x.c.ID]
	switch v.State {
	case Unknown:
		return x.deferred(x.c.ID)
	case Null:
		if x.rule.Required {
			return x.violated(x.missing(v))
		}
		return nil
	}
	switch x.c.Type {
	case model.TypeBool:
		if want := x.expected(); v.Bool != want {
			return x.violated(fmt.Sprintf("%s is %t; %s needs %s = %t.", x.c.ID, v.Bool, x.baselineName(), x.c.ID, want))
		}
	case model.TypeNumber:
		return x.bounded(v.Number, strconv.FormatFloat(v.Number, 'f', -1, 64))
	case model.TypeVersion:
		n, err := strconv.ParseFloat(v.String, 64)
		if err != nil {
			return x.violated(fmt.Sprintf("%s is %q; valid values are %s.", x.c.ID, v.String, model.Quoted(x.c.Enum)))
		}
		return x.bounded(n, strconv.Quote(v.String))
	case model.TypeStringSet:
		if x.rule.Required && len(v.Strings) == 0 {
			return x.violated(fmt.Sprintf("%s is empty; %s needs at least one entry.", x.c.ID, x.baselineName()))
		}
	default:
		return x.detect(v)
	}
	return nil
}

func (x checkContext) expected() bool {
	if x.rule.Expect != nil {
		return *x.rule.Expect
	}
	return true
}

func (x checkContext) baselineName() string {
	return fmt.Sprintf("the %q baseline", x.rule.Baseline)
}

// want says in words what value satisfies the rule.
func (x checkContext) want() string {
	r := x.rule
	switch {
	case x.c.Type == model.TypeBool:
		return fmt.Sprintf("%s = %t", x.c.ID, x.expected())
	case x.c.Type == model.TypeStringSet:
		return x.c.ID + " with at least one entry"
	case r.Min != nil && r.Max != nil:
		return fmt.Sprintf("%s between %s and %s", x.c.ID, x.bound(*r.Min), x.bound(*r.Max))
	case r.Min != nil:
		return fmt.Sprintf("%s of at least %s", x.c.ID, x.bound(*r.Min))
	case r.Max != nil:
		return fmt.Sprintf("%s of at most %s", x.c.ID, x.bound(*r.Max))
	}
	return x.c.ID + " set"
}

func (x checkContext) bound(v float64) string {
	if x.c.Type == model.TypeVersion {
		return strconv.Quote(formatVersion(v))
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func (x checkContext) missing(v Value) string {
	if v.GroupOmitted {
		group, _ := x.c.Group()
		return fmt.Sprintf("the %s block is omitted, so %s is not set; %s needs %s.", group, x.c.ID, x.baselineName(), x.want())
	}
	return fmt.Sprintf("%s is not set; %s needs %s.", x.c.ID, x.baselineName(), x.want())
}

func (x checkContext) bounded(n float64, shown string) []Finding {
	r := x.rule
	if (r.Min != nil && n < *r.Min) || (r.Max != nil && n > *r.Max) {
		return x.violated(fmt.Sprintf("%s is %s; %s needs %s.", x.c.ID, shown, x.baselineName(), x.want()))
	}
	return nil
}

func (x checkContext) violated(msg string) []Finding {
	return []Finding{{Status: StatusViolated, Message: msg}}
}

func (x checkContext) deferred(id string) []Finding {
	return []Finding{{Status: StatusDeferred, Message: fmt.Sprintf("%s is not known until apply; it is checked again then.", id)}}
}

// detect runs the control's detector over a known value.
func (x checkContext) detect(v Value) []Finding {
	switch x.c.Detector {
	case "firewall":
		return x.fromDetector(detect.FirewallFindings(v.Rules), nil, true)
	case "iam":
		fs, err := detect.IAMPolicyFindings(v.String)
		return x.fromDetector(fs, err, false)
	case "bucket_policy":
		fs, err := detect.BucketPolicyFindings(v.String)
		return x.fromDetector(fs, err, false)
	case "acl":
		return x.fromDetector(detect.BucketACLFindings(v.String), nil, false)
	case "secrets":
		var out []Finding
		for i, text := range v.Strings {
			for _, f := range x.fromDetector(detect.SecretFindings(text), nil, false) {
				f.Path = fmt.Sprintf("%s[%d]", x.c.ID, i)
				f.Message = fmt.Sprintf("%s: %s", f.Path, f.Message)
				out = append(out, f)
			}
		}
		return out
	case "patch":
		return x.patch(v)
	}
	return nil
}

func (x checkContext) fromDetector(fs []detect.Finding, err error, indexed bool) []Finding {
	if err != nil {
		return x.violated(fmt.Sprintf("%s cannot be analysed: %v.", x.c.ID, err))
	}
	out := make([]Finding, 0, len(fs))
	for _, f := range fs {
		nf := Finding{
			Status:      StatusViolated,
			Check:       f.ID,
			Severity:    f.Severity,
			Message:     f.Message,
			Remediation: f.Remediation,
			References:  f.References,
		}
		if indexed && f.Index >= 0 {
			nf.Path = fmt.Sprintf("%s[%d]", x.c.ID, f.Index)
		}
		out = append(out, nf)
	}
	return out
}

// patch bounds the patch date by the declared max_patch_age_days when it is
// tighter than the baseline's bound.
func (x checkContext) patch(v Value) []Finding {
	maxAge := math.Inf(1)
	if x.rule.Max != nil {
		maxAge = *x.rule.Max
	}
	declared := x.w.Values["hardening.max_patch_age_days"]
	switch declared.State {
	case Unknown:
		return x.deferred("hardening.max_patch_age_days")
	case Known:
		maxAge = math.Min(maxAge, declared.Number)
	}
	if math.IsInf(maxAge, 1) || maxAge < 1 {
		return nil
	}
	patched, err := detect.ParseDate(v.String)
	if err != nil {
		return x.violated(fmt.Sprintf("%s: %v", x.c.ID, err))
	}
	fs, err := detect.PatchFindings(patched, x.w.Now, int(maxAge))
	return x.fromDetector(fs, err, false)
}
