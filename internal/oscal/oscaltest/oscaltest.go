// Package oscaltest validates OSCAL documents against NIST's OSCAL JSON
// schema in tests (the oscal package's testdata holds the schema and says
// where it comes from). Only tests import it.
package oscaltest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

var (
	once   sync.Once
	schema *jsonschema.Schema
	err    error
)

// SchemaPath is the schema file, found beside this package's source.
func SchemaPath() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "testdata", "oscal_complete_schema.json")
}

// Schema compiles the schema once, with format assertions on (date-time,
// uri and uri-reference are checked, not only annotated).
func Schema() (*jsonschema.Schema, error) {
	once.Do(func() {
		var raw []byte
		if raw, err = os.ReadFile(SchemaPath()); err != nil {
			return
		}
		var doc any
		if doc, err = jsonschema.UnmarshalJSON(bytes.NewReader(raw)); err != nil {
			return
		}
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		if err = c.AddResource("oscal_complete_schema.json", doc); err != nil {
			return
		}
		schema, err = c.Compile("oscal_complete_schema.json")
	})
	return schema, err
}

// Check reports why content is not a valid OSCAL document whose root is
// {root: ...}; nil when it is.
func Check(content, root string) error {
	s, err := Schema()
	if err != nil {
		return fmt.Errorf("compiling the OSCAL schema: %w", err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(content))
	if err != nil {
		return fmt.Errorf("the document is not JSON: %w", err)
	}
	if obj, ok := inst.(map[string]any); !ok || obj[root] == nil || len(obj) != 1 {
		return fmt.Errorf("the document's root is not {%q: ...}", root)
	}
	if err := s.Validate(inst); err != nil {
		return fmt.Errorf("the document does not validate against the OSCAL schema:\n%v", err)
	}
	return nil
}

// Validate fails the test when content is not a valid OSCAL document whose
// root is root.
func Validate(t testing.TB, content, root string) {
	t.Helper()
	if err := Check(content, root); err != nil {
		t.Fatal(err)
	}
}
