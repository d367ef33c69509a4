package main

import (
	"os"
	"strings"
	"testing"
)

// Every package under internal/ but the Terraform glue is pure: the
// depguard rule that keeps Terraform imports out of it, and the README's
// layout section, must list it, so a new package cannot be left out of
// either unnoticed.
func TestPurePackagesAreListed(t *testing.T) {
	entries, err := os.ReadDir("internal")
	if err != nil {
		t.Fatal(err)
	}
	lint, err := os.ReadFile(".golangci.yml")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	pure := 0
	for _, e := range entries {
		if !e.IsDir() || e.Name() == "provider" {
			continue
		}
		pure++
		if !strings.Contains(string(lint), `"**/internal/`+e.Name()+`/**"`) {
			t.Errorf(".golangci.yml's pure-packages rule does not list internal/%s", e.Name())
		}
		if !strings.Contains(string(readme), "- `internal/"+e.Name()+"`") {
			t.Errorf("the README's layout section does not list internal/%s", e.Name())
		}
	}
	if pure < 5 {
		t.Errorf("found only %d pure packages under internal/", pure)
	}
}
