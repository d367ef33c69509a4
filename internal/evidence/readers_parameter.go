package evidence

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// parameterReader reads a parameter group's parameter blocks ({name,
// value}) for one setting: Values lists the accepted "name=value" pairs
// ("rds.force_ssl=1", "require_secure_transport=ON"). The first block that
// names one of them decides: a listed value is true, any other false. A
// group that does not set the parameter leaves it at the engine's default,
// which this resource does not show, so it says nothing.
var parameterReader = reader{types: []string{model.TypeBool}, inputs: []string{"list(object)"}, check: needPairs, read: func(mp Mapping, v, _ any) (policy.Value, string, error) {
	list, ok := v.([]any)
	if !ok {
		return policy.Value{}, "", typeError(mp, v, "a list of parameter blocks")
	}
	for _, e := range list {
		m, _ := e.(map[string]any)
		name, _ := m["name"].(string)
		accepted, named := acceptedValues(mp.Values, name)
		if !named {
			continue
		}
		value, _ := scalarText(m["value"])
		hit := indexFold(accepted, strings.TrimSpace(value)) >= 0
		shown := strconv.Quote(strings.ToLower(name)) + " set to " + map[bool]string{true: "an accepted value", false: "another value"}[hit]
		return policy.KnownBool(hit != mp.Negate), shown, nil
	}
	return policy.Value{}, "", nil
}}

// acceptedValues returns the values Values accepts for a parameter name.
func acceptedValues(pairs []string, name string) ([]string, bool) {
	var out []string
	for _, p := range pairs {
		n, val, _ := strings.Cut(p, "=")
		if strings.EqualFold(n, strings.TrimSpace(name)) {
			out = append(out, val)
		}
	}
	return out, len(out) > 0
}

func needPairs(mp Mapping) error {
	if err := needValues(mp); err != nil {
		return err
	}
	for _, p := range mp.Values {
		if n, _, ok := strings.Cut(p, "="); !ok || n == "" {
			return fmt.Errorf("reader %q needs values of the form \"name=value\", got %q", mp.Read, p)
		}
	}
	return nil
}
