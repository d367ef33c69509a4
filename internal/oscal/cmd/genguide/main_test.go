package main

import (
	"os"
	"strings"
	"testing"

	"github.com/shared-responsibility/terraform-provider-srm/internal/oscal/oscaltest"
)

const committed = "../../../../templates/guides/oscal-exports.md.tmpl"

// The committed guide is what the generator writes now, so its examples
// are the code's output; both examples validate against NIST's schema.
func TestGuideIsCurrent(t *testing.T) {
	got, err := Guide()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(committed)
	if err != nil {
		t.Fatal(err)
	}
	if string(raw) != got {
		t.Errorf("%s is stale: run go generate ./internal/oscal/ (or make docs) and commit it", committed)
	}
	docs, err := os.ReadFile("../../../../docs/guides/oscal-exports.md")
	if err == nil && string(docs) != got {
		t.Errorf("docs/guides/oscal-exports.md differs from the template: run make docs")
	}
	blocks := strings.Split(got, "```json\n")
	if len(blocks) != 3 {
		t.Fatalf("want two JSON examples, found %d", len(blocks)-1)
	}
	oscaltest.Validate(t, strings.SplitN(blocks[1], "```", 2)[0], "component-definition")
	oscaltest.Validate(t, strings.SplitN(blocks[2], "```", 2)[0], "assessment-results")
}
