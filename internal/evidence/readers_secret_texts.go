package evidence

import (
	"fmt"
	"sort"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// secretTexts hands the texts a resource carries to the secret detector
// (secrets_scan): a startup script (a string), metadata or environment
// variables (a map of strings, read as KEY=value lines so a key such as
// DB_PASSWORD gives its value away), or a container's env blocks (a list of
// {name, value} objects, read the same way). Values that are not strings
// (a secret_key_ref block, a null value) are not texts and are skipped.
var secretTexts = reader{types: []string{model.TypeStringList}, read: func(mp Mapping, v, _ any) (policy.Value, string, error) {
	var texts []string
	switch t := v.(type) {
	case string:
		texts = []string{t}
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if s, ok := t[k].(string); ok {
				texts = append(texts, k+"="+s)
			}
		}
	case []any:
		for _, e := range t {
			switch x := e.(type) {
			case string:
				texts = append(texts, x)
			case map[string]any:
				name, _ := x["name"].(string)
				if s, ok := x["value"].(string); ok {
					texts = append(texts, name+"="+s)
				}
			}
		}
	default:
		return policy.Value{}, "", typeError(mp, v, "a string, a map of strings or a list of name/value blocks")
	}
	return policy.KnownStrings(texts), fmt.Sprintf("%d texts", len(texts)), nil
}}
