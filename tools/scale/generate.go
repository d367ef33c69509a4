package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// serviceModels is the order the generator cycles through, so every N mixes
// all six models.
var serviceModels = []string{"on_premises", "iaas", "caas", "paas", "faas", "saas"}

// baseline is the provider's default preset; the generated workloads leave
// `baseline` unset and the hand-written checks mirror this preset.
const baseline = "standard"

// controlValue is one declared control of the generated body.
type controlValue struct {
	id    string // catalog id, e.g. "encryption.at_rest"
	value string // HCL literal
}

// body is what every generated workload declares: all groups, compliant
// under the standard baseline for every service model. Declaring groups the
// provider owns is allowed and ignored by the checks.
var body = []controlValue{
	{"identity.mfa_required", "true"},
	{"identity.least_privilege", "true"},
	{"network.segmented", "true"},
	{"encryption.at_rest", "true"},
	{"encryption.in_transit", "true"},
	{"encryption.min_tls_version", `"1.2"`},
	{"hardening.os_patching", "true"},
	{"logging.enabled", "true"},
	{"logging.retention_days", "365"},
	{"backup.enabled", "true"},
	{"backup.retention_days", "14"},
}

func workloadName(i int) string { return fmt.Sprintf("w%05d", i) }

// groupedBody renders the body as `group = { attr = value, ... }` lines.
func groupedBody(indent string) string {
	var b strings.Builder
	var order []string
	groups := map[string][]string{}
	for _, cv := range body {
		g, a := splitID(cv.id)
		if _, seen := groups[g]; !seen {
			order = append(order, g)
		}
		groups[g] = append(groups[g], a+" = "+cv.value)
	}
	for _, g := range order {
		fmt.Fprintf(&b, "%s%s = { %s }\n", indent, g, strings.Join(groups[g], ", "))
	}
	return b.String()
}

func splitID(id string) (group, attr string) {
	g, a, _ := strings.Cut(id, ".")
	return g, a
}

// writeSRM writes n srm_workload resources into dir/main.tf.
func writeSRM(dir string, n int) error {
	var b strings.Builder
	b.WriteString(`terraform {
  required_providers {
    srm = { source = "shared-responsibility/srm" }
  }
}

`)
	controls := groupedBody("  ")
	for i := range n {
		sm := serviceModels[i%len(serviceModels)]
		fmt.Fprintf(&b, "resource \"srm_workload\" %q {\n  name          = %q\n  service_model = %q\n  environment   = \"prod\"\n%s}\n\n",
			workloadName(i), workloadName(i), sm, controls)
	}
	return writeFile(dir, b.String())
}

// check is one hand-written precondition.
type check struct {
	condition string
	message   string
}

// handChecks derives, from the catalog, the preconditions a module author
// would write by hand to enforce what srm_workload enforces on the generated
// body under the standard baseline: every required control, and every bound
// on a declared value, for the domains the customer owns or shares under the
// service model.
func handChecks(m *model.Model, serviceModel string) ([]check, error) {
	declared := map[string]string{}
	for _, cv := range body {
		declared[cv.id] = cv.value
	}
	var out []check
	for _, c := range m.Controls {
		if !m.CustomerHasDuty(serviceModel, c.Domain) {
			continue
		}
		rule, ok := m.PresetRule(baseline, c)
		if !ok {
			continue
		}
		_, isDeclared := declared[c.ID]
		if !isDeclared {
			if rule.Required {
				return nil, fmt.Errorf("control %s is required under %s for %s but the generated body omits it", c.ID, baseline, serviceModel)
			}
			continue // nothing declared, nothing to bound
		}
		ref := "local.%[1]s." + c.ID
		switch c.Type {
		case model.TypeBool:
			want := true
			if rule.Expect != nil {
				want = *rule.Expect
			}
			out = append(out, check{fmt.Sprintf("%s == %t", ref, want), fmt.Sprintf("%s must be %t", c.ID, want)})
		case model.TypeNumber, model.TypeVersion:
			val := ref
			if c.Type == model.TypeVersion {
				val = "tonumber(" + ref + ")"
			}
			if rule.Required {
				out = append(out, check{ref + " != null", c.ID + " must be set"})
			}
			if rule.Min != nil {
				out = append(out, check{val + " >= " + num(*rule.Min), c.ID + " must be at least " + num(*rule.Min)})
			}
			if rule.Max != nil {
				out = append(out, check{val + " <= " + num(*rule.Max), c.ID + " must be at most " + num(*rule.Max)})
			}
		}
	}
	return out, nil
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// writeHand writes n terraform_data resources, each with the same inputs in
// a local and the preconditions of its service model, into dir/main.tf.
func writeHand(dir string, n int) (checksPerModel map[string]int, err error) {
	m := model.Default()
	checks := map[string][]check{}
	checksPerModel = map[string]int{}
	for _, sm := range serviceModels {
		cs, err := handChecks(m, sm)
		if err != nil {
			return nil, err
		}
		checks[sm] = cs
		checksPerModel[sm] = len(cs)
	}
	var b strings.Builder
	b.WriteString("locals {\n")
	controls := groupedBody("    ")
	for i := range n {
		sm := serviceModels[i%len(serviceModels)]
		fmt.Fprintf(&b, "  %s = {\n    name          = %q\n    service_model = %q\n    environment   = \"prod\"\n%s  }\n",
			workloadName(i), workloadName(i), sm, controls)
	}
	b.WriteString("}\n\n")
	for i := range n {
		name := workloadName(i)
		sm := serviceModels[i%len(serviceModels)]
		fmt.Fprintf(&b, "resource \"terraform_data\" %q {\n  input = local.%s\n  lifecycle {\n", name, name)
		for _, c := range checks[sm] {
			fmt.Fprintf(&b, "    precondition {\n      condition     = %s\n      error_message = %q\n    }\n",
				fmt.Sprintf(c.condition, name), fmt.Sprintf("Workload %s (%s): %s under the %s baseline.", name, sm, c.message, baseline))
		}
		b.WriteString("  }\n}\n\n")
	}
	return checksPerModel, writeFile(dir, b.String())
}

func writeFile(dir, content string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "main.tf"), []byte(content), 0o644)
}

// writeCLIConfig points dev_overrides for the provider at providerDir. The
// short source address gets the CLI's default host.
func writeCLIConfig(path, providerDir string) error {
	cfg := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "shared-responsibility/srm" = %q
  }
  direct {}
}
`, providerDir)
	return os.WriteFile(path, []byte(cfg), 0o644)
}
