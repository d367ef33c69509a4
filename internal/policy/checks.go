package policy

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// check returns the findings of one required control, none when satisfied:
// the declared value's, then each evidence value's. Evidence fills a
// control the author did not declare; a declaration never hides evidence
// that violates the control.
func (x checkContext) check(evidence []*Evidence) []Finding {
	var out []Finding
	evidenced := false
	for _, e := range evidence {
		if e.Value.State != Null {
			evidenced = true
		}
		out = append(out, x.checkValue(e.Value, e)...)
	}
	if x.w.EvidenceOnly {
		return out
	}
	v := x.w.Values[x.c.ID]
	if v.State == Null && evidenced {
		return out
	}
	declared := x.checkValue(v, nil)
	if len(declared) == 0 && v.State == Known {
		for i := range out {
			if out[i].Status == finding.StatusViolated {
				out[i].Message += " This contradicts the declared " + x.c.ID + ": the resource's planned value wins."
			}
		}
	}
	return append(declared, out...)
}

// checkValue judges one value: declared when e is nil, else from evidence.
func (x checkContext) checkValue(v Value, e *Evidence) []Finding {
	switch v.State {
	case Unknown:
		if e != nil {
			return x.withEvidence(e, x.deferred(e.Source+": "+e.Attribute))
		}
		return x.deferred(x.c.ID)
	case Null:
		if x.rule.Required && e == nil {
			return x.violated(x.missing(v))
		}
		return nil
	}
	if e != nil {
		return x.withEvidence(e, x.judge(v, e))
	}
	return x.judge(v, nil)
}

// withEvidence ties findings to the resource they come from.
func (x checkContext) withEvidence(e *Evidence, fs []Finding) []Finding {
	for i := range fs {
		fs[i].Evidence = e
		if fs[i].EvidenceAttribute == "" {
			fs[i].EvidenceAttribute = e.Attribute
		}
		if fs[i].Remediation == "" {
			fs[i].Remediation = e.Remediation
		}
	}
	return fs
}

// subject names what was judged: "encryption.at_rest is false", or
// "aws_ebs_volume.data has encrypted = false".
func (x checkContext) subject(e *Evidence, shown string) string {
	if e == nil {
		return x.c.ID + " is " + shown
	}
	if e.Attribute == "" {
		// A reading of the whole resource (a firewall rule's range): what
		// was judged is the resource itself.
		return fmt.Sprintf("%s: %s", e.Source, e.Shown)
	}
	return fmt.Sprintf("%s has %s = %s", e.Source, e.Attribute, e.Shown)
}

// because adds the evidence mapping's explanation to a message.
func because(e *Evidence, msg string) string {
	if e == nil || e.Message == "" {
		return msg
	}
	return msg + " " + strings.ToUpper(e.Message[:1]) + e.Message[1:] + "."
}

func (x checkContext) judge(v Value, e *Evidence) []Finding {
	switch x.c.Type {
	case model.TypeBool:
		if want := x.expected(); v.Bool != want {
			return x.violated(because(e, fmt.Sprintf("%s; %s needs %s = %t.", x.subject(e, strconv.FormatBool(v.Bool)), x.baselineName(), x.c.ID, want)))
		}
	case model.TypeNumber:
		return x.bounded(v.Number, strconv.FormatFloat(v.Number, 'f', -1, 64), e)
	case model.TypeVersion:
		n, err := strconv.ParseFloat(v.String, 64)
		if err != nil {
			return x.violated(fmt.Sprintf("%s is not a version; valid values are %s.", x.c.ID, model.Quoted(x.c.Enum)))
		}
		return x.bounded(n, strconv.Quote(v.String), e)
	case model.TypeStringSet:
		if x.rule.Required && len(v.Strings) == 0 {
			return x.violated(fmt.Sprintf("%s is empty; %s needs at least one entry.", x.c.ID, x.baselineName()))
		}
	default:
		return x.detect(v, e)
	}
	return nil
}

func (x checkContext) expected() bool {
	if x.rule.Expect != nil {
		return *x.rule.Expect
	}
	return true
}

// baselineName names where the binding rule comes from: `the "strict"
// baseline (raised by confidential data)`.
func (x checkContext) baselineName() string {
	if x.rule.Origin != "" {
		return x.rule.Origin
	}
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

func (x checkContext) bounded(n float64, shown string, e *Evidence) []Finding {
	r := x.rule
	if (r.Min != nil && n < *r.Min) || (r.Max != nil && n > *r.Max) {
		return x.violated(because(e, fmt.Sprintf("%s; %s needs %s.", x.subject(e, shown), x.baselineName(), x.want())))
	}
	return nil
}

func (x checkContext) violated(msg string) []Finding {
	return []Finding{{Status: finding.StatusViolated, Message: msg}}
}

func (x checkContext) deferred(id string) []Finding {
	return []Finding{{Status: finding.StatusDeferred, Message: fmt.Sprintf("%s is not known until apply; it is checked again then.", id)}}
}

// detect runs the control's detector over a known value.
func (x checkContext) detect(v Value, e *Evidence) []Finding {
	switch x.c.Detector {
	case "firewall":
		found := detect.FirewallFindings(v.Rules)
		out := x.fromDetector(found, nil)
		for i, f := range found {
			if f.Index < 0 {
				continue
			}
			origin := f.Index
			if f.Index < len(v.RuleOrigin) {
				origin = v.RuleOrigin[f.Index]
			}
			switch {
			case e == nil:
				out[i].Path = fmt.Sprintf("%s[%d]", x.c.ID, origin)
			case e.Attribute != "":
				out[i].EvidenceAttribute = fmt.Sprintf("%s[%d]", e.Attribute, origin)
			}
		}
		return x.sourced(e, out)
	case "iam":
		fs, err := detect.IAMPolicyFindings(v.String)
		return x.sourced(e, x.fromDetector(fs, err))
	case "bucket_policy":
		fs, err := detect.BucketPolicyFindings(v.String)
		return x.sourced(e, x.fromDetector(fs, err))
	case "acl":
		return x.sourced(e, x.fromDetector(detect.BucketACLFindings(v.String), nil))
	case "secrets":
		var out []Finding
		for i, text := range v.Strings {
			for _, f := range x.fromDetector(detect.SecretFindings(text), nil) {
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

// sourced prefixes detector messages with the evidence resource.
func (x checkContext) sourced(e *Evidence, fs []Finding) []Finding {
	if e == nil {
		return fs
	}
	for i := range fs {
		fs[i].Message = e.Source + ": " + fs[i].Message
	}
	return fs
}

func (x checkContext) fromDetector(fs []detect.Finding, err error) []Finding {
	if err != nil {
		return x.violated(fmt.Sprintf("%s cannot be analysed: %v.", x.c.ID, err))
	}
	out := make([]Finding, 0, len(fs))
	for _, f := range fs {
		out = append(out, Finding{
			Status:      finding.StatusViolated,
			Check:       f.ID,
			Severity:    f.Severity,
			Message:     f.Message,
			Remediation: f.Remediation,
			References:  f.References,
		})
	}
	return out
}

// patch bounds the patch date by the declared value of the control the
// catalog names in bound_by (hardening.max_patch_age_days) when it is
// tighter than the baseline's bound.
func (x checkContext) patch(v Value) []Finding {
	maxAge := math.Inf(1)
	if x.rule.Max != nil {
		maxAge = *x.rule.Max
	}
	var declared Value
	if x.c.BoundBy != "" {
		declared = x.w.Values[x.c.BoundBy]
	}
	switch declared.State {
	case Unknown:
		return x.deferred(x.c.BoundBy)
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
	if x.clock != nil {
		*x.clock = true
	}
	fs, err := detect.PatchFindings(patched, x.w.Now, int(maxAge))
	return x.fromDetector(fs, err)
}
