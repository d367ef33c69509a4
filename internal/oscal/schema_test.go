package oscal

import (
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/shared-responsibility/terraform-provider-srm/internal/oscal/oscaltest"
)

// validate checks a rendered document against NIST's schema and that its
// root is the expected model.
func validate(t testing.TB, content, root string) {
	t.Helper()
	oscaltest.Validate(t, content, root)
}

// oscalSchema is the compiled official schema.
func oscalSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	s, err := oscaltest.Schema()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSchemaRejects proves the validator enforces what the documents rely
// on: required fields, the UUID pattern, and the token pattern written with
// XML Schema's \p{L} and \p{N} classes (which Go's regexp accepts, so the
// schema needs no rewriting).
func TestSchemaRejects(t *testing.T) {
	valid := `{"component-definition": {"uuid": "5c0e4f71-2b8a-5d3e-9f26-61d40b7ac358", "metadata": {"title": "t",
	  "last-modified": "2026-12-07T10:00:00Z", "version": "1", "oscal-version": "1.1.3"},
	  "components": [{"uuid": "5c0e4f71-2b8a-5d3e-9f26-61d40b7ac358", "type": "service", "title": "t", "description": "d",
	    "control-implementations": [{"uuid": "5c0e4f71-2b8a-5d3e-9f26-61d40b7ac358", "source": "#x", "description": "d",
	      "implemented-requirements": [{"uuid": "5c0e4f71-2b8a-5d3e-9f26-61d40b7ac358", "control-id": "CONTROL", "description": "d"}]}]}]}}`
	s := oscalSchema(t)
	check := func(name, doc string, wantValid bool) {
		t.Helper()
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := s.Validate(inst); (err == nil) != wantValid {
			t.Errorf("%s: valid = %v, want %v (%v)", name, err == nil, wantValid, err)
		}
	}
	check("valid", valid, true)
	check("unicode letters in a token", strings.Replace(valid, "CONTROL", "contrôle_é.1", 1), true)
	for name, bad := range map[string]string{
		"token starting with a digit":  strings.Replace(valid, "CONTROL", "1control", 1),
		"token with a space":           strings.Replace(valid, "CONTROL", "a control", 1),
		"version 1 UUID":               strings.Replace(valid, "5c0e4f71-2b8a-5d3e", "5c0e4f71-2b8a-1d3e", 1),
		"timestamp without a zone":     strings.Replace(valid, "10:00:00Z", "10:00:00", 1),
		"missing required description": strings.Replace(valid, `"title": "t", "description": "d",`, `"title": "t",`, 1),
		"unknown property":             strings.Replace(valid, `"title": "t",`, `"title": "t", "colour": "red",`, 1),
	} {
		check(name, bad, false)
	}
}
