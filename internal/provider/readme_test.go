package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// numberWords spells the counts the docs write out.
var numberWords = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}

// TestReadme_QuotedFailingPlan plans the README's failing workload, as the
// README tells a reader to, and checks what the README quotes of the
// output: the first error word for word (line breaks aside), the number of
// errors it says there are, and the controls it says the others are on. A
// change to a message, a reference or a rule that the README does not
// follow fails here.
func TestReadme_QuotedFailingPlan(t *testing.T) {
	t.Parallel()
	cli := verbatimCLI(t)
	raw, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	section := regexp.MustCompile("(?s)## A workload that fails the plan\n(.*?)\n## ").FindStringSubmatch(string(raw))
	if section == nil {
		t.Fatal(`README.md has no "## A workload that fails the plan" section`)
	}
	parts := regexp.MustCompile("(?s)```hcl\n(.*?)```.*?one of the (\\w+) errors.*?```text\n(.*?)```.*?The other (\\w+): (.*?)\n\n").FindStringSubmatch(section[1])
	if parts == nil {
		t.Fatal("the section lost its shape: an hcl block, \"one of the N errors\", a text block, \"The other N: ...\"")
	}
	config, total, quoted, others, otherList := parts[1], parts[2], parts[3], parts[4], parts[5]

	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := runCLI(cli, dir, "plan", "-input=false", "-no-color", "-lock=false")
	if err == nil {
		t.Fatalf("the README's failing example planned without error:\n%s", out)
	}
	errs := diagnosticBlocks(out, "Error: ")
	if len(errs) == 0 {
		t.Fatalf("no errors in:\n%s", out)
	}
	if got, want := normaliseSpace(errs[0]), normaliseSpace(quoted); got != want {
		t.Errorf("README quotes the first error as\n%s\nthe plan prints\n%s", quoted, errs[0])
	}
	if n, ok := numberWords[total]; !ok || n != len(errs) {
		t.Errorf("README says %q errors; the plan has %d", total, len(errs))
	}
	if n, ok := numberWords[others]; !ok || n != len(errs)-1 {
		t.Errorf("README says the other %q; the plan has %d more", others, len(errs)-1)
	}
	var listed, printed []string
	for _, m := range regexp.MustCompile("`([a-z_]+\\.[a-z_]+)`").FindAllStringSubmatch(otherList, -1) {
		listed = append(listed, m[1])
	}
	for _, e := range errs[1:] {
		if m := regexp.MustCompile(`^Error: Control Not Satisfied: (\S+)`).FindStringSubmatch(e); m != nil {
			printed = append(printed, m[1])
		}
	}
	slices.Sort(listed)
	slices.Sort(printed)
	if !slices.Equal(listed, printed) {
		t.Errorf("README names the other errors %v; the plan's are %v", listed, printed)
	}
}

// diagnosticBlocks splits a CLI's plain output into its diagnostics that
// start with prefix ("Error: "), each up to the next diagnostic.
func diagnosticBlocks(out, prefix string) []string {
	var blocks []string
	var cur *strings.Builder
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "Error: ") || strings.HasPrefix(line, "Warning: ") {
			if cur != nil {
				blocks = append(blocks, strings.TrimSpace(cur.String()))
				cur = nil
			}
			if strings.HasPrefix(line, prefix) {
				cur = &strings.Builder{}
			}
		}
		if cur != nil {
			cur.WriteString(line + "\n")
		}
	}
	if cur != nil {
		blocks = append(blocks, strings.TrimSpace(cur.String()))
	}
	return blocks
}

func normaliseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestDocs_ModuleTestCounts runs `terraform test` in the module kit, as the
// README and the guide tell a reader to, and checks the counts they quote:
// the summary line, the runs the guide lists as passing, and the counts of
// the guide's broken-module example (the runs before the failing one pass,
// the runs after it are skipped).
func TestDocs_ModuleTestCounts(t *testing.T) {
	t.Parallel()
	cli := verbatimCLI(t)
	module := filepath.Join(examplesRoot, "modules", "secure-workload")
	tests, err := os.ReadFile(filepath.Join(module, "tests", "baseline.tftest.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	var runs []string
	for _, m := range regexp.MustCompile(`(?m)^run "([^"]+)"`).FindAllStringSubmatch(string(tests), -1) {
		runs = append(runs, m[1])
	}

	dir := t.TempDir()
	for _, rel := range []string{"main.tf", "outputs.tf", "variables.tf", "tests/baseline.tftest.hcl"} {
		raw, err := os.ReadFile(filepath.Join(module, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(rel)), raw, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	out, err := runCLI(cli, dir, "test", "-no-color")
	if err != nil {
		t.Fatalf("terraform test: %v\n%s", err, out)
	}
	success := regexp.MustCompile(`Success! \d+ passed, 0 failed\.`).FindString(out)
	if success == "" || success != fmt.Sprintf("Success! %d passed, 0 failed.", len(runs)) {
		t.Fatalf("terraform test says %q; the file has %d runs:\n%s", success, len(runs), out)
	}

	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	guide, err := os.ReadFile(filepath.Join(repoRoot, "templates", "guides", "testing-a-modules-baseline-with-terraform-test.md.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	for name, page := range map[string]string{"README.md": string(readme), "the terraform test guide": string(guide)} {
		for _, quoted := range regexp.MustCompile(`Success! \d+ passed, \d+ failed\.`).FindAllString(page, -1) {
			if quoted != success {
				t.Errorf("%s quotes %q; terraform test says %q", name, quoted, success)
			}
		}
	}
	for _, m := range regexp.MustCompile(`(?m)^  run "([^"]+)"\.\.\. pass$`).FindAllStringSubmatch(string(guide), -1) {
		if !strings.Contains(out, fmt.Sprintf("run %q... pass", m[1])) {
			t.Errorf("the guide lists run %q as passing; terraform test does not:\n%s", m[1], out)
		}
	}
	broken := regexp.MustCompile(`run "([^"]+)"\.\.\. fail(?s:.*?)Failure! (\d+) passed, 1 failed, (\d+) skipped\.`).FindStringSubmatch(string(guide))
	if broken == nil {
		t.Fatal(`the guide lost its broken-module example ("run ...... fail" then "Failure! N passed, 1 failed, M skipped.")`)
	}
	at := slices.Index(runs, broken[1])
	if at < 0 {
		t.Fatalf("the guide's failing run %q is not in the test file", broken[1])
	}
	if want := fmt.Sprintf("%d passed, 1 failed, %d skipped", at, len(runs)-at-1); fmt.Sprintf("%s passed, 1 failed, %s skipped", broken[2], broken[3]) != want {
		t.Errorf("the guide's broken module says %s passed, %s skipped; with %q failing it is %s", broken[2], broken[3], broken[1], want)
	}
}

// TestChangelog_ListsEveryFeature checks that the CHANGELOG names every
// function, data source and resource the provider serves, so a new one
// cannot ship unannounced.
func TestChangelog_ListsEveryFeature(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile(filepath.Join(repoRoot, "CHANGELOG.md"))
	if err != nil {
		t.Fatal(err)
	}
	changelog := string(raw)
	ctx := context.Background()
	p := &srmProvider{version: "test"}
	var names []string
	for _, f := range p.Functions(ctx) {
		var resp function.MetadataResponse
		f().Metadata(ctx, function.MetadataRequest{}, &resp)
		names = append(names, resp.Name)
	}
	for _, d := range p.DataSources(ctx) {
		var resp datasource.MetadataResponse
		d().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "srm"}, &resp)
		names = append(names, resp.TypeName)
	}
	for _, r := range p.Resources(ctx) {
		var resp resource.MetadataResponse
		r().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "srm"}, &resp)
		names = append(names, resp.TypeName)
	}
	if len(names) < 20 {
		t.Fatalf("found only %d names: %v", len(names), names)
	}
	for _, n := range names {
		if !strings.Contains(changelog, "`"+n+"`") {
			t.Errorf("CHANGELOG.md does not name `%s`", n)
		}
	}
}
