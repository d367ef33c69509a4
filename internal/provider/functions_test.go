package provider

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// functionTest plans and applies outputs that call provider functions.
func functionTest(t *testing.T, config string, checks ...statecheck.StateCheck) {
	t.Helper()
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   functionsSupported,
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps:                    []resource.TestStep{{Config: config, ConfigStateChecks: checks}},
	})
}

func functionError(t *testing.T, config string, want ...string) {
	t.Helper()
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   functionsSupported,
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps:                    []resource.TestStep{{Config: config, ExpectError: errorMatching(want...)}},
	})
}

func output(name string, check knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownOutputValue(name, check)
}

func TestFunction_Owner(t *testing.T) {
	t.Parallel()
	functionTest(t, `
output "phys_iaas"    { value = provider::srm::owner("iaas", "physical_security") }
output "net_paas"     { value = provider::srm::owner("paas", "network_configuration") }
output "onprem_patch" { value = provider::srm::owner("on_premises", "infrastructure_patching") }
`,
		output("phys_iaas", knownvalue.StringExact("provider")),
		output("net_paas", knownvalue.StringExact("shared")),
		output("onprem_patch", knownvalue.StringExact("customer")),
	)
}

func TestFunction_OwnerBadArguments(t *testing.T) {
	t.Parallel()
	functionError(t, `output "x" { value = provider::srm::owner("mainframe", "physical_security") }`,
		`service_model: unknown service model (a string of 9 characters); valid values are "on_premises"`)
	functionError(t, `output "x" { value = provider::srm::owner("iaas", "firewalls") }`,
		`domain: unknown domain (a string of 9 characters); valid values are "physical_security"`)
}

func TestFunction_CustomerDomainsAndRequiredControls(t *testing.T) {
	t.Parallel()
	functionTest(t, `
output "saas"     { value = provider::srm::customer_domains("saas") }
output "required" { value = provider::srm::required_controls("faas", "minimum") }
`,
		output("saas", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("identity_access")})),
		output("required", knownvalue.ListExact([]knownvalue.Check{
			knownvalue.StringExact("identity.mfa_required"), knownvalue.StringExact("identity.least_privilege"),
			knownvalue.StringExact("network.segmented"), knownvalue.StringExact("encryption.at_rest"),
			// No hardening.os_patching: the platform patches a function's OS.
			knownvalue.StringExact("encryption.in_transit"),
			knownvalue.StringExact("logging.enabled"), knownvalue.StringExact("backup.enabled"),
		})),
	)
	functionError(t, `output "x" { value = provider::srm::required_controls("iaas", "gold") }`,
		`baseline: unknown baseline ("gold"); valid values are "minimum", "standard", "strict"`)
}

// Provider-defined functions arrived in Terraform 1.8 and OpenTofu 1.7.
// OpenTofu reports its own release number as the version, so a check on one
// number (tfversion.SkipBelow(1.8.0)) would skip OpenTofu 1.7 and later,
// which run the functions; the check below asks which client it is first.
var functionsSince = map[string][2]int{"Terraform": {1, 8}, "OpenTofu": {1, 7}}

// functionsSupported skips a test case on a client without provider-defined
// functions.
var functionsSupported = []tfversion.TerraformVersionCheck{functionsCheck{}}

type functionsCheck struct{}

func (functionsCheck) CheckTerraformVersion(_ context.Context, req tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	c, err := testClient()
	if err != nil {
		resp.Error = err
		return
	}
	if segs := req.TerraformVersion.Core().Segments(); len(segs) >= 2 {
		c.major, c.minor = segs[0], segs[1]
	}
	if !c.hasFunctions() {
		resp.Skip = fmt.Sprintf("%s %d.%d has no provider-defined functions (Terraform 1.8 and OpenTofu 1.7 added them)",
			c.name, c.major, c.minor)
	}
}

// client is a Terraform-compatible CLI: its name and release.
type client struct {
	name         string
	major, minor int
}

func (c client) hasFunctions() bool {
	since, ok := functionsSince[c.name]
	return ok && (c.major > since[0] || c.major == since[0] && c.minor >= since[1])
}

// parseClient reads the first line of `version`: "Terraform v1.8.5" or
// "OpenTofu v1.6.3".
func parseClient(out string) (client, error) {
	line, _, _ := strings.Cut(out, "\n")
	var c client
	if _, err := fmt.Sscanf(line, "%s v%d.%d", &c.name, &c.major, &c.minor); err != nil {
		return client{}, fmt.Errorf("reading the client from %q: %w", line, err)
	}
	if _, known := functionsSince[c.name]; !known {
		return client{}, fmt.Errorf("unknown client %q in %q", c.name, line)
	}
	return c, nil
}

// clientOf runs the CLI's `version` once per path.
var clientOf = func() func(cli string) (client, error) {
	var mu sync.Mutex
	seen := map[string]client{}
	return func(cli string) (client, error) {
		mu.Lock()
		defer mu.Unlock()
		if c, ok := seen[cli]; ok {
			return c, nil
		}
		cmd := exec.Command(cli, "version")
		cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
		out, err := cmd.Output()
		if err != nil {
			return client{}, fmt.Errorf("%s version: %w", cli, err)
		}
		c, err := parseClient(string(out))
		if err == nil {
			seen[cli] = c
		}
		return c, err
	}
}()

// acceptanceCLI is the CLI the test harness runs: TF_ACC_TERRAFORM_PATH, or
// else the terraform on PATH; "" when there is neither, and the harness
// installs a Terraform release.
func acceptanceCLI() string {
	if cli := os.Getenv("TF_ACC_TERRAFORM_PATH"); cli != "" {
		return cli
	}
	cli, _ := exec.LookPath("terraform")
	return cli
}

func testClient() (client, error) {
	if cli := acceptanceCLI(); cli != "" {
		return clientOf(cli)
	}
	return client{name: "Terraform"}, nil
}

func TestClient_FunctionsGate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		version string
		want    bool
	}{
		{"Terraform v1.5.7\non linux_amd64\n", false},
		{"Terraform v1.7.5\non linux_amd64\n", false},
		{"Terraform v1.8.0-rc1\non linux_amd64\n", true},
		{"Terraform v1.8.5\non linux_amd64\n", true},
		{"Terraform v1.11.4\non linux_amd64\n", true},
		{"Terraform v2.0.0\n", true},
		{"OpenTofu v1.6.3\non linux_amd64\n", false},
		{"OpenTofu v1.7.0\non linux_amd64\n", true},
		{"OpenTofu v1.10.2\non linux_amd64\n", true},
	} {
		c, err := parseClient(tc.version)
		if err != nil {
			t.Errorf("%q: %v", tc.version, err)
			continue
		}
		if got := c.hasFunctions(); got != tc.want {
			t.Errorf("%q: functions supported = %v, want %v", tc.version, got, tc.want)
		}
	}
	for _, bad := range []string{"", "terraform 1.8.5", "Pulumi v3.0.0"} {
		if _, err := parseClient(bad); err == nil {
			t.Errorf("%q: want an error, got none", bad)
		}
	}
}

func regexpMust(pattern string) *regexp.Regexp { return regexp.MustCompile(pattern) }
