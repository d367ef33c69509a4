package provider

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// The examples and the docs' code blocks are what a reader copies, so each
// one must plan as written, in an empty folder, with nothing but the CLI
// configuration that `make dev-env` prints: dev_overrides pointing at the
// provider, no `terraform init`, `terraform get` where the configuration
// calls local modules.

const (
	repoRoot     = "../.."
	examplesRoot = repoRoot + "/examples"
)

// examplesCoveredElsewhere are example directories that are not root
// configurations: the module kit is planned through examples/module-consumer
// and proved by its own `terraform test` files (make test-modules).
var examplesCoveredElsewhere = map[string]bool{"modules": true}

// exampleDirs returns every directory under examples/ that holds .tf files,
// relative to examples/, except the ones covered elsewhere.
func exampleDirs(t *testing.T) []string {
	t.Helper()
	seen := map[string]bool{}
	err := filepath.WalkDir(examplesRoot, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, relErr := filepath.Rel(examplesRoot, path)
		if relErr != nil {
			return relErr
		}
		if d.IsDir() {
			if examplesCoveredElsewhere[strings.Split(filepath.ToSlash(rel), "/")[0]] || d.Name() == ".terraform" {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(d.Name(), ".tf") {
			seen[filepath.ToSlash(filepath.Dir(rel))] = true
		}
		return nil
	})
	if err != nil {
		t.Fatalf("reading %s: %v", examplesRoot, err)
	}
	dirs := make([]string, 0, len(seen))
	for d := range seen {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	return dirs
}

// A verbatim case is a set of files written into an empty folder, and the
// directory among them to plan.
type verbatimCase struct {
	name  string
	files map[string]string // slash path in the folder -> content
	root  string            // directory to plan, "" for the folder itself
	vars  []string          // -var arguments
	// wantErr, when set, are fragments of the errors the plan must fail
	// with, in any order.
	wantErr []string
	// syntaxOnly blocks are fragments or need another provider (AWS, Azure,
	// Google Cloud), which cannot be installed or configured offline: they
	// are checked with `terraform fmt -check`, which parses them.
	syntaxOnly bool
}

var localModuleSource = regexp.MustCompile(`(?m)^\s*source\s*=\s*"(\.\.?/[^"]+)"`)

// exampleCase copies one example directory, and the local modules it calls,
// to the same relative places in the folder.
func exampleCase(t *testing.T, dir string) verbatimCase {
	t.Helper()
	c := verbatimCase{name: "examples/" + dir, files: map[string]string{}, root: dir}
	var copyDir func(rel string)
	copyDir = func(rel string) {
		matches, err := filepath.Glob(filepath.Join(examplesRoot, filepath.FromSlash(rel), "*.tf"))
		if err != nil || len(matches) == 0 {
			t.Fatalf("examples/%s: no .tf files (%v)", rel, err)
		}
		for _, f := range matches {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			name := rel + "/" + filepath.Base(f)
			if _, done := c.files[name]; done {
				continue
			}
			c.files[name] = string(raw)
			for _, m := range localModuleSource.FindAllStringSubmatch(string(raw), -1) {
				copyDir(filepath.ToSlash(filepath.Clean(filepath.Join(rel, m[1]))))
			}
		}
	}
	copyDir(dir)
	return c
}

// exampleVariants are further plans of an example directory with variables
// set, as its comments and the README tell readers to run them.
var exampleVariants = []struct {
	dir     string
	vars    []string
	wantErr []string
}{
	{"quickstart", []string{"include_failing_workload=true"}, []string{
		"Control Not Satisfied: encryption.at_rest", "Control Not Satisfied: network.ingress_rules",
	}},
}

// docBlocksThatFail are code blocks that show a failing plan, found by a line
// they contain, with the error they fail with.
var docBlocksThatFail = map[string][]string{
	`resource "srm_workload" "legacy_batch" {`: {"Control Not Satisfied: encryption.at_rest"},
}

var (
	codeFence     = regexp.MustCompile("(?ms)^([ \t]*)```(terraform|hcl|tf)[ \t]*\n(.*?)^[ \t]*```[ \t]*$")
	foreignType   = regexp.MustCompile(`\b(aws|azurerm|azuread|google)_[a-z0-9_]+\b`)
	topLevelBlock = regexp.MustCompile(`(?m)^(terraform|provider|resource|data|variable|output|locals|module|check|import|moved|removed)\b`)
)

// docPages are the Markdown files a reader copies code from.
func docPages(t *testing.T) []string {
	t.Helper()
	var pages []string
	for _, top := range []string{"README.md", "CONTRIBUTING.md"} {
		if _, err := os.Stat(filepath.Join(repoRoot, top)); err == nil {
			pages = append(pages, top)
		}
	}
	err := filepath.WalkDir(filepath.Join(repoRoot, "docs"), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".md") {
			rel, err := filepath.Rel(repoRoot, path)
			if err != nil {
				return err
			}
			pages = append(pages, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(pages)
	return pages
}

// exampleFiles is the content of every file under examples/, which the
// example cases plan in their own layout.
func exampleFiles(t *testing.T) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	err := filepath.WalkDir(examplesRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.HasSuffix(path, ".tf") || strings.HasSuffix(path, ".hcl") {
			raw, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			out[strings.TrimSpace(string(raw))] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// docBlockCases returns one case per Terraform code block of the docs that
// is not an example file. A block without its own required_providers gets
// the one an earlier block on the same page shows, as the page tells its
// reader to.
func docBlockCases(t *testing.T) []verbatimCase {
	t.Helper()
	examples := exampleFiles(t)
	var cases []verbatimCase
	for _, page := range docPages(t) {
		raw, err := os.ReadFile(filepath.Join(repoRoot, page))
		if err != nil {
			t.Fatal(err)
		}
		var shown string // the page's required_providers block, once shown
		for i, m := range codeFence.FindAllStringSubmatch(string(raw), -1) {
			body := dedent(m[3], m[1])
			c := verbatimCase{name: fmt.Sprintf("%s#%d", page, i+1), files: map[string]string{"main.tf": body}}
			if shown == "" && onlyTerraformBlock(body) {
				shown = body
			}
			switch {
			case examples[strings.TrimSpace(body)]:
				continue
			case foreignType.MatchString(body) || !topLevelBlock.MatchString(body):
				c.syntaxOnly = true
			case !strings.Contains(body, "required_providers") && shown != "":
				c.files["versions.tf"] = shown
			}
			for line, want := range docBlocksThatFail {
				if strings.Contains(body, line) {
					c.wantErr = want
				}
			}
			cases = append(cases, c)
		}
	}
	return cases
}

// onlyTerraformBlock reports whether a block holds a terraform block with
// required_providers and nothing else.
func onlyTerraformBlock(body string) bool {
	blocks := topLevelBlock.FindAllString(body, -1)
	return len(blocks) == 1 && blocks[0] == "terraform" && strings.Contains(body, "required_providers")
}

func dedent(body, indent string) string {
	if indent == "" {
		return body
	}
	lines := strings.Split(body, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, indent)
	}
	return strings.Join(lines, "\n")
}

// TestExamples_Verbatim copies every example directory and every Terraform
// code block of the docs and the README into an empty folder, plans it with
// the provider under test through dev_overrides, and applies it.
func TestExamples_Verbatim(t *testing.T) {
	t.Parallel()
	cli := verbatimCLI(t)
	var cases []verbatimCase
	for _, dir := range exampleDirs(t) {
		cases = append(cases, exampleCase(t, dir))
	}
	for _, v := range exampleVariants {
		c := exampleCase(t, v.dir)
		c.name += " -var " + strings.Join(v.vars, " -var ")
		c.vars, c.wantErr = v.vars, v.wantErr
		cases = append(cases, c)
	}
	if len(cases) < 18 {
		t.Fatalf("found %d example directories under %s, expected at least 18", len(cases), examplesRoot)
	}
	blocks := docBlockCases(t)
	if len(blocks) == 0 {
		t.Fatal("found no Terraform code block in the docs outside the examples")
	}
	for _, c := range append(cases, blocks...) {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runVerbatim(t, cli, c)
		})
	}
}

func runVerbatim(t *testing.T, cli string, c verbatimCase) {
	dir := t.TempDir()
	for name, body := range c.files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	root := filepath.Join(dir, filepath.FromSlash(c.root))
	var config strings.Builder
	for _, body := range c.files {
		config.WriteString(body)
	}
	// Older clients cannot even parse the provider::srm:: call syntax.
	if strings.Contains(config.String(), "provider::") && !clientHasFunctions(t, cli) {
		t.Skip("the client has no provider-defined functions")
	}
	if c.syntaxOnly {
		t.Logf("%s is an excerpt (another provider's resources, or not a whole configuration): parsed only", c.name)
		if out, err := runCLI(cli, root, "fmt", "-check", "-diff", "-no-color", "main.tf"); err != nil {
			t.Fatalf("%s does not parse or is not formatted (%v):\n%s\n%s", c.name, err, out, c.files["main.tf"])
		}
		return
	}
	if localModuleSource.MatchString(config.String()) {
		if out, err := runCLI(cli, root, "get", "-no-color"); err != nil {
			t.Fatalf("terraform get: %v\n%s", err, out)
		}
	}
	args := []string{"plan", "-input=false", "-no-color", "-lock=false"}
	for _, v := range c.vars {
		args = append(args, "-var", v)
	}
	out, err := runCLI(cli, root, args...)
	if c.wantErr != nil {
		if err == nil {
			t.Fatalf("%s: expected the plan to fail, it succeeded:\n%s", c.name, out)
		}
		for _, want := range c.wantErr {
			if !errorMatching(want).MatchString(out) {
				t.Errorf("%s: expected the plan to fail with %q:\n%s", c.name, want, out)
			}
		}
		return
	}
	if err != nil {
		t.Fatalf("%s, copied verbatim into an empty folder, does not plan (%v):\n%s", c.name, err, out)
	}
	if out, err := runCLI(cli, root, "apply", "-input=false", "-no-color", "-auto-approve"); err != nil {
		t.Fatalf("%s does not apply (%v):\n%s", c.name, err, out)
	}
	if out, err := runCLI(cli, root, "plan", "-input=false", "-no-color", "-detailed-exitcode"); err != nil {
		t.Fatalf("%s: the plan after apply is not empty (%v):\n%s", c.name, err, out)
	}
}

// serveProviderEnv makes the test binary serve the provider instead of
// running tests (TestMain): dev_overrides point the CLI at the test binary,
// so the verbatim cases exercise the code under test without a separate
// build.
const serveProviderEnv = "SRM_TEST_SERVE_PROVIDER"

func serveProviderIfAsked() {
	if os.Getenv(serveProviderEnv) == "" {
		return
	}
	if err := tf6server.Serve("registry.terraform.io/shared-responsibility/srm", NewProtocol6Server("test")); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

var (
	devOverridesOnce sync.Once
	devOverridesDir  string
	devOverridesErr  error
)

// devOverrides writes, once per test run, a directory holding the test
// binary as terraform-provider-srm and a CLI configuration pointing both
// Terraform's and OpenTofu's provider address at it.
func devOverrides() (string, error) {
	devOverridesOnce.Do(func() {
		self, err := os.Executable()
		if err != nil {
			devOverridesErr = err
			return
		}
		dir, err := os.MkdirTemp("", "srm-dev-overrides-")
		if err != nil {
			devOverridesErr = err
			return
		}
		devOverridesDir = dir
		if err := os.Symlink(self, filepath.Join(dir, "terraform-provider-srm")); err != nil {
			devOverridesErr = err
			return
		}
		config := fmt.Sprintf("provider_installation {\n  dev_overrides {\n"+
			"    \"registry.terraform.io/shared-responsibility/srm\" = %[1]q\n"+
			"    \"registry.opentofu.org/shared-responsibility/srm\" = %[1]q\n"+
			"  }\n  direct {}\n}\n", dir)
		devOverridesErr = os.WriteFile(filepath.Join(dir, "dev.terraformrc"), []byte(config), 0o600)
	})
	return filepath.Join(devOverridesDir, "dev.terraformrc"), devOverridesErr
}

func runCLI(cli, dir string, args ...string) (string, error) {
	config, err := devOverrides()
	if err != nil {
		return "", err
	}
	cmd := exec.Command(cli, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+config, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		serveProviderEnv+"=1")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// verbatimCLI is the CLI the acceptance tests run.
func verbatimCLI(t *testing.T) string {
	t.Helper()
	cli := acceptanceCLI()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make testacc)")
	}
	if cli == "" {
		t.Skip("no Terraform CLI: set TF_ACC_TERRAFORM_PATH (make testacc sets it to bin/terraform)")
	}
	return cli
}

func clientHasFunctions(t *testing.T, cli string) bool {
	t.Helper()
	c, err := clientOf(cli)
	if err != nil {
		t.Fatal(err)
	}
	return c.hasFunctions()
}

// TestExamples_EveryPageHasOne checks that the docs generator finds an
// example for every data source, resource and function the provider serves,
// and that no example names something the provider does not serve.
func TestExamples_EveryPageHasOne(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := New("test")()
	var meta provider.MetadataResponse
	p.Metadata(ctx, provider.MetadataRequest{}, &meta)

	want := map[string]bool{"provider/provider.tf": true}
	for _, newDS := range p.DataSources(ctx) {
		var r datasource.MetadataResponse
		newDS().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: meta.TypeName}, &r)
		want["data-sources/"+r.TypeName+"/data-source.tf"] = true
	}
	for _, newRes := range p.Resources(ctx) {
		var r resource.MetadataResponse
		newRes().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: meta.TypeName}, &r)
		want["resources/"+r.TypeName+"/resource.tf"] = true
	}
	pf, ok := p.(provider.ProviderWithFunctions)
	if !ok {
		t.Fatal("the provider serves no functions; expected provider.ProviderWithFunctions")
	}
	for _, newFn := range pf.Functions(ctx) {
		var r function.MetadataResponse
		newFn().Metadata(ctx, function.MetadataRequest{}, &r)
		want["functions/"+r.Name+"/function.tf"] = true
	}
	if len(want) < 1+5+2+9 {
		t.Fatalf("expected at least 5 data sources, 2 resources and 9 functions, found %d pages", len(want)-1)
	}

	for page := range want {
		if _, err := os.Stat(filepath.Join(examplesRoot, page)); err != nil {
			t.Errorf("examples/%s is missing: every data source, resource and function page shows its example", page)
		}
	}
	for _, dir := range exampleDirs(t) {
		kind := strings.Split(dir, "/")[0]
		if kind != "data-sources" && kind != "resources" && kind != "functions" {
			continue
		}
		found := false
		for page := range want {
			if strings.HasPrefix(page, dir+"/") {
				found = true
			}
		}
		if !found {
			t.Errorf("examples/%s names no %s the provider serves; rename or remove it", dir, strings.TrimSuffix(kind, "s"))
		}
	}
}

func TestExamples_TerraformFmt(t *testing.T) {
	t.Parallel()
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" || os.Getenv("TF_ACC") == "" {
		t.Skip("TF_ACC_TERRAFORM_PATH is not set; `make test` sets it to bin/terraform")
	}
	// Older clients cannot parse the provider::srm:: function syntax.
	if !clientHasFunctions(t, tf) {
		t.Skip("the function examples need a client that parses provider-defined functions")
	}
	cmd := exec.Command(tf, "fmt", "-check", "-recursive", "-diff", "-no-color", "examples")
	cmd.Dir = repoRoot
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("terraform fmt -check -recursive examples failed (%v); run `make fmt`:\n%s", err, out)
	}
}
