package finding

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// MaxShown is the most characters of a user-supplied value that any
// message, diagnostic, finding or function error may show: a value could be
// a secret.
const MaxShown = 4

// Redact renders a user-supplied string for a message: quoted when it is at
// most MaxShown bytes long, otherwise only its length ("a string of 40
// characters"). Every diagnostic and function error that echoes a wrong
// value goes through it.
func Redact(s string) string {
	if len(s) <= MaxShown {
		return strconv.Quote(s)
	}
	return fmt.Sprintf("a string of %d characters", len(s))
}

// Clip keeps at most MaxShown characters of a user's text, marking the cut
// with an ellipsis: for text that must be recognisable in a channel that
// Terraform does not mark sensitive, where the text may have been.
func Clip(s string) string {
	r := []rune(s)
	if len(r) <= MaxShown {
		return s
	}
	return string(r[:MaxShown]) + "…"
}

// WithoutUserText is the finding as a computed attribute may hold it:
// Terraform marks a resource's computed values by their schema alone, never
// by the configuration they came from, so an exception's justification and
// approver, which a sensitive variable may hold, are clipped to MaxShown
// characters. The exceptions entry keeps them whole, with Terraform's marks.
func (f Finding) WithoutUserText() Finding {
	if f.Exception != nil {
		ex := *f.Exception
		ex.Justification, ex.ApprovedBy = Clip(ex.Justification), Clip(ex.ApprovedBy)
		f.Exception = &ex
	}
	return f
}

// RedactValue renders a value of a generic tree (nil, bool, float64,
// string, []any, map[string]any) for a message: scalars as Redact and
// strconv show them, anything else only by its kind.
func RedactValue(v any) string {
	switch t := v.(type) {
	case string:
		return Redact(t)
	case float64:
		return strconv.FormatFloat(t, 'g', 6, 64)
	case bool:
		return strconv.FormatBool(t)
	}
	return KindOf(v)
}

// KindOf names a value's type without showing it: "null", "a bool", "a
// number", "a string", "a list", "an object".
func KindOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a bool"
	case float64, int, int64:
		return "a number"
	case string:
		return "a string"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("a %T", v)
}

// RedactName renders a user-supplied name (a misspelt attribute key or
// control id) for a message: quoted when it is at most MaxShown bytes, or
// when it reads as a misspelling of one of the valid names (lower-case
// letters, underscores and dots, at most 64 characters, close to a valid
// name), so "did you mean" messages can show the typo. Anything else may be
// anything, a secret included, and is described by its length only.
func RedactName(s string, valid []string) string {
	if len(s) <= MaxShown {
		return strconv.Quote(s)
	}
	wordLike := len(s) <= 64 && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '_' || r == '.' || ('a' <= r && r <= 'z'))
	}) < 0
	if wordLike && len(model.Suggest(s, valid)) > 0 {
		return strconv.Quote(s)
	}
	return fmt.Sprintf("(a name of %d characters, not quoted)", len(s))
}
