package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// The examples are what the registry docs show, so each one must plan and
// apply as written. examples/quickstart, examples/modules and
// examples/module-consumer have tests of their own.

const examplesRoot = "../../examples"

var examplesCoveredElsewhere = map[string]bool{
	"quickstart":      true,
	"modules":         true,
	"module-consumer": true,
}

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

// exampleConfig concatenates the .tf files of one example directory.
func exampleConfig(t *testing.T, dir string) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(examplesRoot, dir, "*.tf"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	var b strings.Builder
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(raw)
		b.WriteString("\n")
	}
	return b.String()
}

func TestExamples_PlanAndApply(t *testing.T) {
	t.Parallel()
	dirs := exampleDirs(t)
	if len(dirs) == 0 {
		t.Fatalf("no example directories with .tf files under %s", examplesRoot)
	}
	for _, dir := range dirs {
		t.Run(dir, func(t *testing.T) {
			t.Parallel()
			config := exampleConfig(t, dir)
			tc := tfresource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps:                    []tfresource.TestStep{{Config: config}},
			}
			if strings.HasPrefix(dir, "functions/") || strings.Contains(config, "provider::") {
				tc.TerraformVersionChecks = functionsSupported
			}
			tfresource.UnitTest(t, tc)
		})
	}
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
	if tf == "" {
		t.Skip("TF_ACC_TERRAFORM_PATH is not set; `make test` sets it to bin/terraform")
	}
	// Older clients cannot parse the provider::srm:: function syntax.
	if !cliAtLeast(t, tf, 1, 8) {
		t.Skip("the function examples need a client that parses provider-defined functions (Terraform 1.8)")
	}
	cmd := exec.Command(tf, "fmt", "-check", "-recursive", "-diff", "-no-color", "examples")
	cmd.Dir = filepath.Join("..", "..")
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("terraform fmt -check -recursive examples failed (%v); run `make fmt`:\n%s", err, out)
	}
}

// cliAtLeast reports whether the CLI's `version -json` is at least major.minor.
func cliAtLeast(t *testing.T, cli string, major, minor int) bool {
	t.Helper()
	out, err := exec.Command(cli, "version", "-json").Output()
	if err != nil {
		t.Fatalf("%s version -json: %v", cli, err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("reading %s version: %v", cli, err)
	}
	var gotMajor, gotMinor int
	if _, err := fmt.Sscanf(v.Version, "%d.%d", &gotMajor, &gotMinor); err != nil {
		t.Fatalf("reading version %q: %v", v.Version, err)
	}
	return gotMajor > major || (gotMajor == major && gotMinor >= minor)
}
