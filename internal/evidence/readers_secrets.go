package evidence

import (
	"encoding/base64"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// secretTextsReader hands the texts a resource carries to the secret
// detector: a string as it is (user data, a container definitions JSON
// document), base64 user data also decoded, a map of environment variables
// as one "NAME=value" line each, and a list of {name, value} objects (a
// CodeBuild environment_variable block) the same way. The shown text is a
// count, never a value.
var secretTextsReader = reader{types: []string{model.TypeStringList}, inputs: []string{"string", "map(string)", "list(object)"}, read: func(mp Mapping, v, _ any) (policy.Value, string, error) {
	var texts []string
	if err := collectTexts(v, &texts); err != nil {
		return policy.Value{}, "", typeError(mp, v, "a string, a map of strings or a list of name/value objects")
	}
	return policy.KnownStrings(texts), "the text", nil
}}

func collectTexts(v any, out *[]string) error {
	switch t := v.(type) {
	case nil:
	case string:
		*out = append(*out, t)
		if dec, ok := decodedText(t); ok {
			*out = append(*out, dec)
		}
	case bool, float64, int, int64:
	case map[string]any:
		if name, ok := t["name"].(string); ok {
			if val, ok := t["value"].(string); ok {
				*out = append(*out, name+"="+val)
			}
			return nil
		}
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if s, ok := t[k].(string); ok {
				*out = append(*out, k+"="+s)
			}
		}
	case []any:
		for _, e := range t {
			if err := collectTexts(e, out); err != nil {
				return err
			}
		}
	default:
		return errNotText
	}
	return nil
}

type textError struct{}

func (textError) Error() string { return "not text" }

var errNotText = textError{}

// decodedText decodes base64 user data (aws_launch_template requires it,
// aws_instance's user_data_base64 holds it) when it decodes to text.
func decodedText(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 16 || len(s)%4 != 0 || strings.ContainsAny(s, " \n\t") {
		return "", false
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || !utf8.Valid(b) {
		return "", false
	}
	for _, r := range string(b) {
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' {
			return "", false
		}
	}
	return string(b), true
}
