package provider

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// The bad-input corpus: each testdata/badinput/*.tf is an invalid
// configuration whose first line, `# expect: <regexp>`, gives the error it
// must fail with. Each runs through the real CLI, plan and apply, and must
// fail with that error, never with a crash.

const badInputDir = "testdata/badinput"

// crashMarkers are what Terraform prints when a provider panics or dies.
var crashMarkers = regexp.MustCompile(`(?i)panic|plugin did not respond|crash`)

// expectation reads the `# expect:` line. Runs of spaces in the regexp
// match any whitespace, since Terraform wraps long diagnostic lines; spaces
// beside `.*` are optional.
func expectation(config string) (*regexp.Regexp, error) {
	first, _, _ := strings.Cut(config, "\n")
	pattern, ok := strings.CutPrefix(strings.TrimSpace(first), "# expect:")
	pattern = strings.TrimSpace(pattern)
	if !ok || pattern == "" {
		return nil, errors.New(`the first line must be "# expect: <regexp>"`)
	}
	joined := strings.Join(strings.Fields(pattern), `\s+`)
	joined = strings.ReplaceAll(strings.ReplaceAll(joined, `\s+.*`, `.*`), `.*\s+`, `.*`)
	return regexp.Compile(`(?s)` + joined)
}

// errApplied marks a configuration that applied without the expected error.
var errApplied = errors.New("applied without error")

// badInputError accepts the step's error only when it matches want and shows
// no crash.
func badInputError(want *regexp.Regexp) func(error) error {
	return func(err error) error {
		if errors.Is(err, errApplied) {
			return err
		}
		if loc := crashMarkers.FindStringIndex(err.Error()); loc != nil {
			return fmt.Errorf("the provider crashed instead of reporting bad input: %w", err)
		}
		if !want.MatchString(err.Error()) {
			return fmt.Errorf("expected an error matching %s, got: %w", want, err)
		}
		return nil
	}
}

func TestBadInputCorpus(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join(badInputDir, "*.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 20 {
		t.Fatalf("the corpus holds %d configurations in %s; it should hold at least 20", len(files), badInputDir)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".tf")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			raw, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			config := string(raw)
			want, err := expectation(config)
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			// ExpectError cannot also reject crash text, so ErrorCheck
			// judges the error, and Check fails the step if none came.
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				ErrorCheck:               badInputError(want),
				Steps: []resource.TestStep{{
					Config: config,
					Check: func(*terraform.State) error {
						return fmt.Errorf("%s %w; expected an error matching %s", file, errApplied, want)
					},
				}},
			})
		})
	}
}

func TestBadInputExpectation(t *testing.T) {
	t.Parallel()
	want, err := expectation("# expect: Invalid Date .* exceptions\\[0\\]\\.expires: date \"x\" is not valid\n")
	if err != nil {
		t.Fatal(err)
	}
	if !want.MatchString("Error: Invalid Date\n\n  with srm_workload.x,\n  exceptions[0].expires: date \"x\"\nis not valid") {
		t.Errorf("%s does not match an error wrapped over lines", want)
	}
	if want.MatchString("Error: Invalid Date exceptions[0].expires: date \"x\" is valid") {
		t.Errorf("%s matches text without its fragments", want)
	}
	if _, err := expectation("resource \"srm_workload\" \"x\" {}\n"); err == nil {
		t.Error("a file without an expect line was accepted")
	}
	check := badInputError(regexp.MustCompile(`Invalid Date`))
	if err := check(errors.New("Error: Invalid Date")); err != nil {
		t.Errorf("matching error rejected: %v", err)
	}
	if err := check(fmt.Errorf("Check failed: %w (expected Invalid Date)", errApplied)); err == nil {
		t.Error("a configuration that applied was accepted")
	}
	for _, text := range []string{
		"Error: Invalid Date\npanic: runtime error: index out of range",
		"Error: Plugin did not respond",
		"Error: Invalid Date\nThe plugin crashed",
		"Error: Invalid JSON Document",
	} {
		if err := check(errors.New(text)); err == nil {
			t.Errorf("%q accepted", text)
		}
	}
}
