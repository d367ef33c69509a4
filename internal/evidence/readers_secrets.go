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

// secretTextsReader hands the texts a resource carries (custom data,
// app settings, environment variables) to the secret detector as
// secrets_scan. It takes a string, a list of strings (nested lists and
// objects of a [*] path included) or a map of settings, read as "NAME=value"
// lines so that the detector sees each setting's name. A string that is
// base64 of readable text (Azure's custom_data must be base64) is scanned
// decoded as well. The shown text counts the texts and never quotes one.
var secretTextsReader = reader{types: []string{model.TypeStringList},
	read: func(mp Mapping, v, _ any) (policy.Value, string, error) {
		var texts []string
		if err := collectTexts(v, "", &texts); err != nil {
			return policy.Value{}, "", fmt.Errorf("%s: %w", pathOrResource(mp.Attribute), err)
		}
		if len(texts) == 0 {
			return policy.Value{}, "", nil
		}
		return policy.KnownStrings(texts), fmt.Sprintf("%d texts scanned", len(texts)), nil
	}}

func collectTexts(v any, name string, out *[]string) error {
	switch t := v.(type) {
	case nil:
	case string:
		if t == "" {
			return nil
		}
		line := t
		if name != "" {
			line = name + "=" + t
		}
		*out = append(*out, line)
		if dec, ok := decodedText(t); ok {
			if name != "" {
				dec = name + "=" + dec
			}
			*out = append(*out, dec)
		}
	case bool, float64, int, int64:
	case []any:
		for _, e := range t {
			if err := collectTexts(e, name, out); err != nil {
				return err
			}
		}
	case map[string]any:
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
		return fmt.Errorf("must be text, a list of texts or a map of settings, got %s", kind(v))
	}
	return nil
}

// decodedText decodes standard base64 whose content is readable text.
func decodedText(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 8 || len(s)%4 != 0 {
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
