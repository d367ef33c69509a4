package evidence

import (
	"encoding/base64"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// secretTextsReader hands the texts a resource carries to the secret
// detector as secrets_scan: a string as it is (user data, custom data, a
// container definitions JSON document), base64 of readable text also
// decoded (AWS user data; Azure's custom_data must be base64); a map of
// settings (environment variables, app settings) as one "NAME=value" line
// each, so that the detector sees each setting's name; a {name, value}
// object (CodeBuild's environment_variable, App Service's
// connection_string) as one such line; lists, and the objects a [*] path
// reaches, element by element. The shown text counts the texts and never
// quotes one.
var secretTextsReader = reader{types: []string{model.TypeStringList}, inputs: []string{"string", "map(string)", "list(object)"},
	read: func(mp Mapping, v, _ any) (policy.Value, string, error) {
		var texts []string
		if err := collectTexts(v, "", &texts); err != nil {
			return policy.Value{}, "", typeError(mp, v, "a string, a list of strings, a map of strings or a list of name/value objects")
		}
		if len(texts) == 1 {
			return policy.KnownStrings(texts), "1 text scanned", nil
		}
		return policy.KnownStrings(texts), fmt.Sprintf("%d texts scanned", len(texts)), nil
	}}

// errNotText: a value that is no text, list or map of texts.
var errNotText = fmt.Errorf("not text")

// collectTexts appends the texts in v, each as "name=text" when it is the
// value of a setting called name.
func collectTexts(v any, name string, out *[]string) error {
	add := func(s string) {
		if name != "" {
			s = name + "=" + s
		}
		*out = append(*out, s)
	}
	switch t := v.(type) {
	case nil:
	case string:
		if t == "" {
			return nil
		}
		add(t)
		if dec, ok := decodedText(t); ok {
			add(dec)
		}
	case bool, float64, int, int64:
	case []any:
		for _, e := range t {
			if err := collectTexts(e, name, out); err != nil {
				return err
			}
		}
	case map[string]any:
		if n, ok := t["name"].(string); ok {
			if val, ok := t["value"]; ok {
				return collectTexts(val, n, out)
			}
		}
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if err := collectTexts(t[k], k, out); err != nil {
				return err
			}
		}
	default:
		return errNotText
	}
	return nil
}

// decodedText decodes standard base64 (one unbroken run) whose content is
// readable text.
func decodedText(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 8 || len(s)%4 != 0 || strings.ContainsAny(s, " \n\t") {
		return "", false
	}
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil || !utf8.Valid(raw) {
		return "", false
	}
	text := string(raw)
	for _, r := range text {
		if !unicode.IsPrint(r) && !unicode.IsSpace(r) {
			return "", false
		}
	}
	return text, true
}
