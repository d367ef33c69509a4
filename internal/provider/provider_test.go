package provider

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// protoV6ProviderFactories serves the provider in-process to the real
// Terraform CLI that the GNUmakefile installs.
var protoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"srm": func() (tfprotov6.ProviderServer, error) { return NewProtocol6Server("test")(), nil },
}

// unitTest runs one case against the real CLI. No remote API is involved,
// but it needs the CLI, so like every test that does it runs only with
// TF_ACC set (make testacc); without it `go test ./internal/...` is the
// CLI-free unit set (make unit).
func unitTest(t *testing.T, steps ...resource.TestStep) {
	t.Helper()
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: protoV6ProviderFactories, Steps: steps})
}

func TestProvider_BadEnforcement(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
provider "srm" {
  enforcement = "block"
}
data "srm_aspects" "x" {}
`,
		ExpectError: regexp.MustCompile(`(?s)enforcement.*value must be one of.*"error".*"warn"`),
	})
}

func TestProvider_BadDefaultBaseline(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: `
provider "srm" {
  default_baseline = "paranoid"
}
data "srm_aspects" "x" {}
`,
		ExpectError: regexp.MustCompile(`(?s)default_baseline.*"minimum".*"standard".*"strict"`),
	})
}

// errorMatching matches text fragments in order, however Terraform wraps the
// diagnostic's lines.
func errorMatching(fragments ...string) *regexp.Regexp {
	quoted := make([]string, len(fragments))
	for i, f := range fragments {
		quoted[i] = strings.Join(strings.Fields(regexp.QuoteMeta(f)), `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, ".*"))
}

// TestMain registers the provider under its real namespace, so that
// configurations declaring `source = "shared-responsibility/srm"` (modules,
// examples) resolve to the provider under test instead of a registry.
//
// Started by the CLI as a plugin (serveProviderEnv), the test binary serves
// the provider instead.
func TestMain(m *testing.M) {
	serveProviderIfAsked()
	if os.Getenv("TF_ACC_PROVIDER_NAMESPACE") == "" {
		_ = os.Setenv("TF_ACC_PROVIDER_NAMESPACE", "shared-responsibility")
	}
	code := m.Run()
	if devOverridesDir != "" {
		_ = os.RemoveAll(devOverridesDir)
	}
	os.Exit(code)
}
