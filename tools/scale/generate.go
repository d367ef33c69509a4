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

// body is what every generated workload declares: the catalog's compliant
// body under the standard baseline (model.CompliantBody), compliant for
// every service model, so a new required control reaches the benchmark
// without an edit here.
var body = func() []controlValue {
	m := model.Default()
	compliant := m.CompliantBody(baseline)
	var out []controlValue
	for _, c := range m.Controls {
		group, name := c.Group()
		g, _ := compliant[group].(map[string]any)
		v, ok := g[name]
		if !ok {
			continue
		}
		var lit string
		switch t := v.(type) {
		case bool:
			lit = strconv.FormatBool(t)
		case float64:
			lit = strconv.FormatFloat(t, 'f', -1, 64)
		case string:
			lit = strconv.Quote(t)
		default:
			continue // handChecks then reports the required control the body omits
		}
		out = append(out, controlValue{c.ID, lit})
	}
	return out
}()

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

// writeSRM writes n srm_workload resources into dir/main.tf; with
// evidence, each carries one database object in its evidence.
func writeSRM(dir string, n int, evidence bool) error {
	return writeWorkloads(dir, n, evidence, "srm", srmSource, "srm_workload")
}

// writeFloor writes n noop_workload resources, the same configuration
// served by the no-op provider (tools/scale/noop), into dir/main.tf.
func writeFloor(dir string, n int, evidence bool) error {
	return writeWorkloads(dir, n, evidence, "noop", noopSource, "noop_workload")
}

const (
	srmSource  = "shared-responsibility/srm"
	noopSource = "shared-responsibility/noop"
)

func writeWorkloads(dir string, n int, evidence bool, local, source, resourceType string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "terraform {\n  required_providers {\n    %s = { source = %q }\n  }\n}\n\n", local, source)
	controls := groupedBody("  ")
	for i := range n {
		sm := serviceModels[i%len(serviceModels)]
		fmt.Fprintf(&b, "resource %q %q {\n  name          = %q\n  service_model = %q\n  environment   = \"prod\"\n%s",
			resourceType, workloadName(i), workloadName(i), sm, controls)
		if evidence {
			fmt.Fprintf(&b, "  evidence = {\n    %q = %s\n  }\n", "aws_db_instance."+workloadName(i), dbInstance("    ", workloadName(i)))
		}
		b.WriteString("}\n\n")
	}
	return writeFile(dir, b.String())
}

// dbAttributes is one aws_db_instance as its planned object carries it: 40
// arguments and attributes named as in the AWS provider's db_instance docs
// (hashicorp/aws v5, website/docs/r/db_instance.html.markdown), with values
// that satisfy the mappings internal/evidence/data/aws.json reads
// (storage_encrypted, publicly_accessible, backup_retention_period).
var dbAttributes = []struct{ name, value string }{
	{"allocated_storage", "100"},
	{"max_allocated_storage", "500"},
	{"engine", `"postgres"`},
	{"engine_version", `"16.3"`},
	{"instance_class", `"db.r6g.large"`},
	{"db_name", `"orders"`},
	{"username", `"app"`},
	{"password", `"not-a-real-password-0000"`},
	{"port", "5432"},
	{"parameter_group_name", `"default.postgres16"`},
	{"db_subnet_group_name", `"private"`},
	{"vpc_security_group_ids", `["sg-0123456789abcdef0"]`},
	{"availability_zone", `"eu-west-1a"`},
	{"multi_az", "true"},
	{"storage_type", `"gp3"`},
	{"iops", "3000"},
	{"storage_throughput", "125"},
	{"storage_encrypted", "true"},
	{"kms_key_id", `"arn:aws:kms:eu-west-1:111122223333:key/00000000-0000-0000-0000-000000000000"`},
	{"publicly_accessible", "false"},
	{"backup_retention_period", "14"},
	{"backup_window", `"03:00-04:00"`},
	{"maintenance_window", `"Mon:04:00-Mon:05:00"`},
	{"copy_tags_to_snapshot", "true"},
	{"delete_automated_backups", "false"},
	{"deletion_protection", "true"},
	{"skip_final_snapshot", "false"},
	{"final_snapshot_identifier", `"orders-final"`},
	{"auto_minor_version_upgrade", "true"},
	{"allow_major_version_upgrade", "false"},
	{"apply_immediately", "false"},
	{"ca_cert_identifier", `"rds-ca-rsa2048-g1"`},
	{"iam_database_authentication_enabled", "true"},
	{"performance_insights_enabled", "true"},
	{"performance_insights_retention_period", "7"},
	{"monitoring_interval", "60"},
	{"enabled_cloudwatch_logs_exports", `["postgresql", "upgrade"]`},
	{"network_type", `"IPV4"`},
	{"license_model", `"postgresql-license"`},
	{"tags", `{ team = "orders", env = "prod" }`},
}

func dbInstance(indent, name string) string {
	var b strings.Builder
	b.WriteString("{\n")
	fmt.Fprintf(&b, "%s  identifier = %q\n", indent, name)
	for _, a := range dbAttributes {
		fmt.Fprintf(&b, "%s  %s = %s\n", indent, a.name, a.value)
	}
	b.WriteString(indent + "}")
	return b.String()
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

// evidenceChecks are the preconditions a module author would write on the
// database object for what the evidence mappings read.
var evidenceChecks = []check{
	{"local.%[1]s.db.storage_encrypted == true", "the database's storage must be encrypted"},
	{"local.%[1]s.db.publicly_accessible == false", "the database must not be reachable from the internet"},
	{"local.%[1]s.db.backup_retention_period >= 7", "automated backups must be kept at least 7 days"},
}

// writeHand writes n terraform_data resources, each with the same inputs in
// a local and the preconditions of its service model, into dir/main.tf;
// with evidence, each local also holds the database object and the checks
// include evidenceChecks.
func writeHand(dir string, n int, evidence bool) (checksPerModel map[string]int, err error) {
	m := model.Default()
	checks := map[string][]check{}
	checksPerModel = map[string]int{}
	for _, sm := range serviceModels {
		cs, err := handChecks(m, sm)
		if err != nil {
			return nil, err
		}
		if evidence {
			cs = append(cs, evidenceChecks...)
		}
		checks[sm] = cs
		checksPerModel[sm] = len(cs)
	}
	var b strings.Builder
	b.WriteString("locals {\n")
	controls := groupedBody("    ")
	for i := range n {
		sm := serviceModels[i%len(serviceModels)]
		fmt.Fprintf(&b, "  %s = {\n    name          = %q\n    service_model = %q\n    environment   = \"prod\"\n%s",
			workloadName(i), workloadName(i), sm, controls)
		if evidence {
			fmt.Fprintf(&b, "    db = %s\n", dbInstance("    ", workloadName(i)))
		}
		b.WriteString("  }\n")
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

// writeCLIConfig points dev_overrides for the provider at providerDir and
// for the no-op floor at noopDir. The short source addresses get the CLI's
// default host.
func writeCLIConfig(path, providerDir, noopDir string) error {
	cfg := fmt.Sprintf(`provider_installation {
  dev_overrides {
    %q = %q
    %q = %q
  }
  direct {}
}
`, srmSource, providerDir, noopSource, noopDir)
	return os.WriteFile(path, []byte(cfg), 0o644)
}
