package audit

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/shared-responsibility/terraform-provider-srm/internal/evidence"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// Exit codes of srm audit.
const (
	ExitClean    = 0
	ExitFindings = 1
	ExitUsage    = 2
)

// Usage is the program's help.
func Usage() string {
	return fmt.Sprintf(usageText, strings.Join(model.Default().MatrixIDs()[1:], ", "))
}

const usageText = `srm judges Terraform and OpenTofu plans under the shared responsibility model.

Usage:
  srm audit [flags] [FILE|-]    judge every resource of a plan or state
  srm oscal component-definition [flags]
                                the matrix and the catalog as an OSCAL
                                component definition
  srm help                      this help

srm audit reads the JSON of "terraform show -json PLANFILE" (or of
"tofu show -json PLANFILE", or of the state: "terraform show -json") from
FILE, or from standard input when FILE is "-" or absent:

  terraform plan -out=tfplan
  terraform show -json tfplan > plan.json
  srm audit --format sarif --output srm.sarif plan.json

Every resource instance in every module (each count and for_each instance
on its own) whose type has an evidence mapping is judged by the same tables
and rules as provider::srm::resource_findings. Values unknown until apply
are deferred, never guessed; sensitive values never appear in any output.
srm_workload resources are reported with the findings their own plan
computed. Resources of other types are listed as not judged; data sources
are skipped. Every finding names its owner (customer, shared or provider)
and why, under the resource's service model: its type's default, a config
file entry whose pattern matches its address, or its srm:service_model tag
(srm_service_model label on Google), in increasing precedence.

Flags:
  --format FORMAT              text (default), json, sarif, markdown, junit or
                               oscal (OSCAL 1.1.3 assessment results: each finding
                               with its owner, each applied waiver a risk whose
                               deviation was approved)
  --output FILE                write the report to FILE instead of standard output
  --matrix ID                  responsibility matrix that decides owners, as the
                               provider's matrix setting: consensus (default) or a
                               vendor's (%s)
  --baseline B                 minimum, standard (default) or strict; or a custom
                               baseline: the spec JSON srm_baseline exports, inline
                               or in a file
  --severity-threshold S       exit 1 when a violated finding is at or above S:
                               low (default), medium, high, critical, or none
  --waivers FILE               waivers (JSON): {"waivers": [{"address": "module.legacy.*",
                               "finding": "aws_s3_bucket.versioning_disabled",
                               "justification": "...", "approved_by": "...",
                               "expires": "2027-06-30"}]}; finding is a finding id or
                               a control id; "*" in address matches anything.
                               Expired or unjustified waivers warn and do not apply
  --config FILE                workloads (JSON): {"workloads": [{"match": "module.pay.*",
                               "workload": "payments", "service_model": "paas",
                               "classification": "confidential", "baseline": "strict"}]};
                               the first matching entry applies
  --artifact-uri URI           SARIF: the file every result points at (default FILE)
  --now TIME                   judge at TIME (RFC 3339) instead of now: waiver
                               expiry, and the times of the OSCAL document
  --max-mib N                  refuse input larger than N MiB (default 256)
  --no-color                   no colour in text output (colour is used only on a
                               terminal, and never when NO_COLOR is set)

Exit codes: 0 no violated finding at or above the threshold; 1 at least one;
2 bad input or usage (a one-line error on standard error).

srm oscal component-definition prints the responsibility matrix and the
control catalog as an OSCAL 1.1.3 component definition, the document of the
srm_oscal_component_definition data source: one component per service model,
each catalog control with the side that implements it and its framework ids.
Every UUID is derived from the content, so the same flags give the same
document but for the timestamp.

  srm oscal component-definition --matrix aws --service-models iaas,paas \
    --timestamp 2026-12-07T10:00:00Z > component-definition.json

Flags:
  --matrix ID                  consensus (default) or a vendor's matrix
  --service-models LIST        comma-separated service models (default: every one
                               but on_premises)
  --timestamp TIME             the document's last-modified time (RFC 3339;
                               default now)
  --output FILE                write the document to FILE instead of standard output

Exit codes: 0 written; 2 bad usage (a one-line error on standard error).
`

// Main runs the srm command line and returns its exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer, stdoutIsTTY bool) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, Usage())
		return ExitUsage
	}
	switch args[0] {
	case "audit":
		return runAudit(args[1:], stdin, stdout, stderr, stdoutIsTTY)
	case "oscal":
		return runOSCAL(args[1:], stdout, stderr)
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, Usage())
		return ExitClean
	}
	fmt.Fprintf(stderr, "srm: unknown command %q: the commands are audit and oscal (srm help shows the usage)\n", clip(args[0]))
	return ExitUsage
}

type auditFlags struct {
	format, output, matrix, baseline, threshold, waivers, config, artifact, now string
	maxMiB                                                                      int64
	noColor                                                                     bool
}

func parseFlags(args []string) (*auditFlags, []string, error) {
	f := &auditFlags{}
	fs := flag.NewFlagSet("srm audit", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&f.format, "format", FormatText, "")
	fs.StringVar(&f.output, "output", "", "")
	fs.StringVar(&f.matrix, "matrix", model.ConsensusMatrix, "")
	fs.StringVar(&f.baseline, "baseline", evidence.JudgeBaseline, "")
	fs.StringVar(&f.threshold, "severity-threshold", "low", "")
	fs.StringVar(&f.waivers, "waivers", "", "")
	fs.StringVar(&f.config, "config", "", "")
	fs.StringVar(&f.artifact, "artifact-uri", "", "")
	fs.StringVar(&f.now, "now", "", "")
	fs.Int64Var(&f.maxMiB, "max-mib", DefaultMaxBytes>>20, "")
	fs.BoolVar(&f.noColor, "no-color", false, "")
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		files = append(files, args[0])
		args = args[1:]
	}
	return f, files, nil
}

func runAudit(args []string, stdin io.Reader, stdout, stderr io.Writer, tty bool) int {
	usage := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "srm audit: "+format+"\n", a...)
		return ExitUsage
	}
	for _, a := range args {
		if a == "-h" || a == "--help" || a == "-help" {
			fmt.Fprint(stdout, Usage())
			return ExitClean
		}
	}
	f, files, err := parseFlags(args)
	if err != nil {
		return usage("%v (srm help shows the flags)", err)
	}
	if len(files) > 1 {
		return usage("one input at a time: got %d files", len(files))
	}
	opt, ro, err := f.options()
	if err != nil {
		return usage("%v", err)
	}
	input, name := stdin, "-"
	if len(files) == 1 && files[0] != "-" {
		name = files[0]
		fh, err := os.Open(name)
		if err != nil {
			return usage("cannot open the input: %v", err)
		}
		defer fh.Close()
		input = fh
	}
	in, err := Read(input, f.maxMiB<<20)
	if err != nil {
		return usage("%s: %v", name, err)
	}
	if ro.ArtifactURI == "" && name != "-" {
		ro.ArtifactURI = name
	}
	res := Run(in, opt)
	ro.Color = tty && f.output == "" && !f.noColor && os.Getenv("NO_COLOR") == ""
	out, err := Render(opt.Model, res, f.format, ro)
	if err != nil {
		return usage("%v", err)
	}
	if f.output != "" {
		if err := os.WriteFile(f.output, []byte(out), 0o644); err != nil {
			return usage("cannot write the report: %v", err)
		}
	} else if _, err := io.WriteString(stdout, out); err != nil {
		return usage("cannot write the report: %v", err)
	}
	if f.format != FormatText || f.output != "" {
		for _, w := range res.Warnings {
			fmt.Fprintf(stderr, "srm audit: warning: %s\n", w)
		}
	}
	if res.Failed() {
		return ExitFindings
	}
	return ExitClean
}

// options turns the flags into audit and render options, reading the
// files they name.
func (f *auditFlags) options() (Options, RenderOptions, error) {
	var opt Options
	ro := RenderOptions{ArtifactURI: f.artifact, ToolVersion: toolVersion()}
	if !slices.Contains(Formats, f.format) {
		return opt, ro, fmt.Errorf("--format %q is not a format: valid values are %s", clip(f.format), model.Quoted(Formats))
	}
	m, err := model.ForMatrix(f.matrix)
	if err != nil {
		return opt, ro, fmt.Errorf("--matrix: %v", err)
	}
	engine, err := evidence.New(m)
	if err != nil {
		return opt, ro, err
	}
	opt.Model, opt.Engine = m, engine
	spec := f.baseline
	if _, preset := m.Baseline(spec); !preset && !strings.HasPrefix(strings.TrimSpace(spec), "{") {
		if data, err := os.ReadFile(spec); err == nil {
			spec = string(data)
		}
	}
	if opt.Baseline, opt.Custom, err = ParseBaseline(m, spec); err != nil {
		return opt, ro, fmt.Errorf("--baseline: %v", err)
	}
	if !slices.Contains(Thresholds(), f.threshold) {
		return opt, ro, fmt.Errorf("--severity-threshold %q is not valid: valid values are %s", clip(f.threshold), model.Quoted(Thresholds()))
	}
	opt.Threshold = f.threshold
	if f.maxMiB <= 0 || f.maxMiB > 1<<20 {
		return opt, ro, errors.New("--max-mib must be a number of MiB from 1 to 1048576")
	}
	if f.now != "" {
		t, err := time.Parse(time.RFC3339, f.now)
		if err != nil {
			return opt, ro, fmt.Errorf("--now %q is not an RFC 3339 time such as 2026-12-07T10:00:00Z", clip(f.now))
		}
		opt.Now = t
	}
	if f.waivers != "" {
		data, err := os.ReadFile(f.waivers)
		if err != nil {
			return opt, ro, fmt.Errorf("--waivers: %v", err)
		}
		if opt.Waivers, err = ParseWaivers(data); err != nil {
			return opt, ro, fmt.Errorf("--waivers %s: %v", f.waivers, err)
		}
	}
	if f.config != "" {
		data, err := os.ReadFile(f.config)
		if err != nil {
			return opt, ro, fmt.Errorf("--config: %v", err)
		}
		if opt.Config, err = ParseConfig(m, data); err != nil {
			return opt, ro, fmt.Errorf("--config %s: %v", f.config, err)
		}
	}
	return opt, ro, nil
}

// toolVersion is the version srm was built as: the module version that
// `go install ...@version` records, else "dev".
func toolVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}
