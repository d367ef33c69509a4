package evidence

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// A reader turns the value found at a mapping's attribute into the
// control's value and a short text of what was judged. The text never
// holds a value from the resource that the mapping does not list (an enum
// it knows), a boolean or a number: resources carry passwords.
type reader struct {
	types []string // catalog types the reader can yield
	// inputs are the schema value types the reader reads ("bool",
	// "list(string)", "object", ...), checked against the providers'
	// schemas by CheckSchema; none means any (see readerInputs for the
	// readers defined here).
	inputs []string
	read   func(mp Mapping, v any, root any) (policy.Value, string, error)
	check  func(mp Mapping) error
	// judgesUnset: an unset value is itself the evidence (a key argument
	// left out), so the reader sees it instead of a default; and whether a
	// block is set is known while values inside it are not.
	judgesUnset bool
}

var readers = map[string]reader{
	// Database and service firewall rules as IP ranges (readers_iprange.go).
	"ip_ranges": ipRangesReader,
	// Texts handed to the secret detector (readers_secrets.go).
	"secret_texts":     secretTextsReader,
	"nacl":             naclReader,
	"customer_key":     customerKeyReader,
	"customer_key_set": customerKeySetReader,
	"parameter":        parameterReader,
	"resource_policy":  resourcePolicyReader,
	"iam_members":      iamMembers,
	"iam_roles":        iamRoles,
	// The attribute is a boolean.
	"bool": {types: []string{model.TypeBool}, read: func(mp Mapping, v, _ any) (policy.Value, string, error) {
		b, ok := boolean(v)
		if !ok {
			return policy.Value{}, "", typeError(mp, v, "a bool")
		}
		return policy.KnownBool(b != mp.Negate), strconv.FormatBool(b), nil
	}},
	// A boolean the provider stores as the string "true" or "false"
	// (aws_elasticache_replication_group's at_rest_encryption_enabled and
	// auto_minor_version_upgrade in hashicorp/aws 6.x); a bool, as older
	// releases stored it, reads the same.
	"bool_string": {types: []string{model.TypeBool}, read: func(mp Mapping, v, _ any) (policy.Value, string, error) {
		b, ok := boolean(v)
		if !ok {
			return policy.Value{}, "", typeError(mp, v, "\"true\" or \"false\"")
		}
		return policy.KnownBool(b != mp.Negate), strconv.FormatBool(b), nil
	}},
	// The attribute is a number: days, hours, a count.
	"number": {types: []string{model.TypeNumber}, read: func(mp Mapping, v, _ any) (policy.Value, string, error) {
		n, ok := number(v)
		if !ok {
			return policy.Value{}, "", typeError(mp, v, "a number")
		}
		return policy.KnownNumber(n), formatNumber(n), nil
	}},
	// A number above zero means the feature is on (a backup retention
	// period of 0 turns automated backups off).
	"positive": {types: []string{model.TypeBool}, read: func(mp Mapping, v, _ any) (policy.Value, string, error) {
		n, ok := number(v)
		if !ok {
			return policy.Value{}, "", typeError(mp, v, "a number")
		}
		return policy.KnownBool((n > 0) != mp.Negate), formatNumber(n), nil
	}},
	// Setting the attribute at all (a key id, a logging block) is the
	// evidence.
	"present": {types: []string{model.TypeBool}, judgesUnset: true, read: func(mp Mapping, v, _ any) (policy.Value, string, error) {
		if isEmpty(v) {
			return policy.KnownBool(mp.Negate), "unset", nil
		}
		return policy.KnownBool(!mp.Negate), "set", nil
	}},
	// The attribute equals one of Values.
	"equals": {types: []string{model.TypeBool}, check: needValues, read: func(mp Mapping, v, _ any) (policy.Value, string, error) {
		s, ok := scalarText(v)
		if !ok {
			return policy.Value{}, "", typeError(mp, v, "a string")
		}
		hit := indexFold(mp.Values, s)
		return policy.KnownBool((hit >= 0) != mp.Negate), shownEnum(mp.Values, hit), nil
	}},
	// The attribute, a list of strings, contains one of Values.
	"contains": {types: []string{model.TypeBool}, check: needValues, read: func(mp Mapping, v, _ any) (policy.Value, string, error) {
		list, ok := v.([]any)
		if !ok {
			return policy.Value{}, "", typeError(mp, v, "a list of strings")
		}
		for _, e := range list {
			if s, ok := scalarText(e); ok {
				if hit := indexFold(mp.Values, s); hit >= 0 {
					return policy.KnownBool(!mp.Negate), "contains " + strconv.Quote(mp.Values[hit]), nil
				}
			}
		}
		return policy.KnownBool(mp.Negate), "contains none of " + model.Quoted(mp.Values), nil
	}},
	// A TLS policy name becomes the catalog's version ("TLS1_2" -> "1.2").
	// A name the mapping does not list says nothing: it is not guessed.
	"tls_version": {types: []string{model.TypeVersion}, check: needVersions, read: func(mp Mapping, v, _ any) (policy.Value, string, error) {
		s, ok := scalarText(v)
		if !ok {
			return policy.Value{}, "", typeError(mp, v, "a string")
		}
		for name, version := range mp.Versions {
			if strings.EqualFold(name, s) {
				return policy.KnownString(version), strconv.Quote(name) + " (TLS " + version + ")", nil
			}
		}
		return policy.Value{}, "", nil
	}},
	// A duration ("7776000s", "P90D", "P1Y") in days; "never" is no
	// rotation at all, longer than any bound.
	"duration_days": {types: []string{model.TypeNumber}, read: func(mp Mapping, v, _ any) (policy.Value, string, error) {
		s, ok := scalarText(v)
		if !ok {
			return policy.Value{}, "", typeError(mp, v, "a duration string")
		}
		days, ok := durationDays(s)
		if !ok {
			return policy.Value{}, "", fmt.Errorf("%s: is not a duration such as \"7776000s\" or \"P90D\"", mp.Attribute)
		}
		return policy.KnownNumber(days), daysText(days), nil
	}},
	// An enable flag beside a period in days (aws_kms_key's
	// enable_key_rotation and rotation_period_in_days): off is never.
	"rotation_days": {types: []string{model.TypeNumber}, check: needPeriod, read: func(mp Mapping, v, root any) (policy.Value, string, error) {
		on, ok := boolean(v)
		if !ok {
			return policy.Value{}, "", typeError(mp, v, "a bool")
		}
		if !on {
			return policy.KnownNumber(math.Inf(1)), "false (never rotates)", nil
		}
		days := mp.PeriodDefault
		steps, _ := parsePath(mp.PeriodAttribute)
		switch p := lookup(root, steps, "")[0].value; {
		case IsUnknown(p):
			return policy.Value{State: policy.Unknown}, "", nil
		case p != nil:
			n, ok := number(p)
			if !ok {
				return policy.Value{}, "", fmt.Errorf("%s: is not a number", mp.PeriodAttribute)
			}
			days = n
		}
		return policy.KnownNumber(days), "true, every " + daysText(days), nil
	}},
	// Firewall rules in the cloud's own shape, through the firewall
	// detector's normaliser; the empty attribute is a rule resource itself.
	"firewall": {types: []string{model.TypeFirewallRules}, read: func(mp Mapping, v, _ any) (policy.Value, string, error) {
		if _, isList := v.([]any); !isList {
			v = []any{v}
		}
		rules, origin, err := detect.NormalizeFirewallRulesIndexed(v)
		if err != nil {
			return policy.Value{}, "", fmt.Errorf("%s: %w", pathOrResource(mp.Attribute), err)
		}
		return policy.Value{State: policy.Known, Rules: rules, RuleOrigin: origin}, fmt.Sprintf("%d inbound rules", len(rules)), nil
	}},
	// A policy document or ACL handed to the control's detector as text.
	"text": {types: []string{model.TypeJSON, model.TypeString}, read: func(mp Mapping, v, _ any) (policy.Value, string, error) {
		s, ok := v.(string)
		if !ok {
			return policy.Value{}, "", typeError(mp, v, "a string")
		}
		return policy.KnownString(s), "the document", nil
	}},
	// Added for aws_cloudwatch_log_group's retention_in_days, where 0 keeps
	// events forever: "number" would read that 0 as no retention at all.
	// A retention in days; 0 is never expiring, longer than any bound.
	"days_or_forever": {types: []string{model.TypeNumber}, read: func(mp Mapping, v, _ any) (policy.Value, string, error) {
		n, ok := number(v)
		if !ok {
			return policy.Value{}, "", typeError(mp, v, "a number")
		}
		if n == 0 {
			return policy.KnownNumber(math.Inf(1)), "0 (never expires)", nil
		}
		return policy.KnownNumber(n), formatNumber(n), nil
	}},
	// Added for aws_secretsmanager_secret_rotation's schedule_expression,
	// which no other reader parses: "rate(30 days)", "rate(12 hours)" in
	// days. A cron() schedule says nothing: its interval is not one number.
	"rate_days": {types: []string{model.TypeNumber}, read: func(mp Mapping, v, _ any) (policy.Value, string, error) {
		s, ok := v.(string)
		if !ok {
			return policy.Value{}, "", typeError(mp, v, "a schedule expression")
		}
		if strings.HasPrefix(strings.ToLower(strings.TrimSpace(s)), "cron(") {
			return policy.Value{}, "", nil
		}
		days, ok := rateDays(s)
		if !ok {
			return policy.Value{}, "", fmt.Errorf("%s: is not a schedule such as \"rate(30 days)\" or \"cron(0 12 * * ? *)\"", mp.Attribute)
		}
		return policy.KnownNumber(days), "a rate of " + daysText(days), nil
	}},
}

var rateExpression = regexp.MustCompile(`^rate\(\s*(\d+)\s+(minutes?|hours?|days?)\s*\)$`)

// rateDays reads a rate() schedule expression in days.
func rateDays(s string) (float64, bool) {
	m := rateExpression.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m == nil {
		return 0, false
	}
	n, _ := strconv.ParseFloat(m[1], 64)
	switch m[2][0] {
	case 'm':
		return n / 1440, true
	case 'h':
		return n / 24, true
	}
	return n, true
}

// ReaderNames lists the readers, sorted.
func ReaderNames() []string {
	out := make([]string, 0, len(readers))
	for k := range readers {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func needValues(mp Mapping) error {
	if len(mp.Values) == 0 {
		return fmt.Errorf("reader %q needs values", mp.Read)
	}
	return nil
}

func needVersions(mp Mapping) error {
	if len(mp.Versions) == 0 {
		return fmt.Errorf("reader %q needs versions", mp.Read)
	}
	return nil
}

func needPeriod(mp Mapping) error {
	if mp.PeriodAttribute == "" || mp.PeriodDefault <= 0 {
		return fmt.Errorf("reader %q needs period_attribute and period_default", mp.Read)
	}
	return nil
}

func typeError(mp Mapping, v any, want string) error {
	return fmt.Errorf("%s: must be %s, got %s", pathOrResource(mp.Attribute), want, kind(v))
}

func pathOrResource(p string) string {
	if p == "" {
		return "the resource"
	}
	return p
}

// kind names a value's type without showing it.
func kind(v any) string { return finding.KindOf(v) }

func scalarText(v any) (string, bool) {
	switch t := v.(type) {
	case string:
		return t, true
	case bool:
		return strconv.FormatBool(t), true
	case float64, int, int64:
		n, _ := number(t)
		return formatNumber(n), true
	}
	return "", false
}

func indexFold(values []string, s string) int {
	return slices.IndexFunc(values, func(v string) bool { return strings.EqualFold(v, s) })
}

// shownEnum shows a matched value, or says only that it is none of them.
func shownEnum(values []string, hit int) string {
	if hit >= 0 {
		return strconv.Quote(values[hit])
	}
	return "none of " + model.Quoted(values)
}

func formatNumber(n float64) string { return strconv.FormatFloat(n, 'f', -1, 64) }

func daysText(d float64) string {
	if math.IsInf(d, 1) {
		return "never"
	}
	return formatNumber(d) + " days"
}

var isoDuration = regexp.MustCompile(`^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$`)

// durationDays reads Google's "<seconds>s" and ISO 8601 durations (Azure's
// rotation policies). Months count 30 days and years 365, as Azure's key
// rotation does not promise calendar months.
func durationDays(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "never") {
		return math.Inf(1), true
	}
	if secs, ok := strings.CutSuffix(s, "s"); ok {
		f, err := strconv.ParseFloat(secs, 64)
		if err != nil || f < 0 {
			return 0, false
		}
		return f / 86400, true
	}
	m := isoDuration.FindStringSubmatch(strings.ToUpper(s))
	if m == nil || s == "P" || strings.HasSuffix(strings.ToUpper(s), "T") {
		return 0, false
	}
	weights := []float64{365, 30, 7, 1, 1.0 / 24, 1.0 / 1440, 1.0 / 86400}
	var days float64
	for i, w := range weights {
		if m[i+1] != "" {
			n, _ := strconv.ParseFloat(m[i+1], 64)
			days += n * w
		}
	}
	return days, true
}
