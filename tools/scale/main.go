// Command scale measures `terraform plan` over many srm_workload resources
// against the same number of terraform_data resources that carry equivalent
// hand-written preconditions, and checks the provider for data races under
// a wide plan.
//
//	go run ./tools/scale -terraform bin/terraform                 # benchmark
//	go run ./tools/scale -mode race -provider bin/race/terraform-provider-srm
//
// The benchmark builds the provider itself, points a dev_overrides CLI
// configuration at it, and prints a Markdown table; -svg writes a line plot.
// With -profile DIR this program serves the provider itself and writes CPU
// and heap profiles of every provider process into DIR.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

type options struct {
	mode        string
	sizes       []int
	runs        int
	terraform   string
	provider    string
	parallelism int
	validateN   int
	svg         string
	profile     string
	env         envList
	interval    time.Duration
	keep        bool
	evidence    bool
	jsonN       int
}

func main() {
	if servingAsProvider() {
		if err := serveProfiled(); err != nil {
			fmt.Fprintln(os.Stderr, "scale provider:", err)
			os.Exit(1)
		}
		return
	}
	var o options
	var sizes string
	flag.StringVar(&o.mode, "mode", "bench", "bench: time plans at each size; race: one wide plan against a -race provider build")
	flag.StringVar(&sizes, "n", "100,1000,5000", "comma-separated workload counts (race mode uses the first)")
	flag.IntVar(&o.runs, "runs", 3, "timed plans per configuration and size; the median is reported")
	flag.StringVar(&o.terraform, "terraform", "bin/terraform", "the Terraform CLI")
	flag.StringVar(&o.provider, "provider", "", "provider binary named terraform-provider-srm; empty builds one into a temporary directory (bench mode)")
	flag.IntVar(&o.parallelism, "parallelism", 0, "terraform plan -parallelism; 0 keeps the CLI default (10)")
	flag.IntVar(&o.validateN, "validate-n", 1000, "size at which terraform validate is timed; 0 skips it")
	flag.StringVar(&o.svg, "svg", "", "write a line plot of median plan time against N to this file")
	flag.DurationVar(&o.interval, "sample", 10*time.Millisecond, "interval between provider memory samples")
	flag.StringVar(&o.profile, "profile", "", "serve the provider from this program, writing CPU and heap profiles of each provider process into this directory")
	flag.Var(&o.env, "env", "KEY=VALUE added to the CLI's environment (and so the provider's) for every run; repeatable")
	flag.BoolVar(&o.keep, "keep", false, "keep the generated configurations")
	flag.BoolVar(&o.evidence, "evidence", false, "give every workload one aws_db_instance-shaped object of 40 attributes in evidence (and the hand-written and floor configurations the same object)")
	flag.IntVar(&o.jsonN, "json-n", 1000, "size at which the plan is saved and `terraform show -json` of it measured, per workload; 0 skips it")
	flag.Parse()

	var err error
	switch {
	case o.profile != "" && (o.provider != "" || o.mode != "bench"):
		err = errors.New("-profile builds and serves its own provider in bench mode: drop -provider, or -profile")
	default:
		o.sizes, err = parseSizes(sizes)
	}
	if err == nil {
		switch o.mode {
		case "bench":
			err = bench(context.Background(), o, os.Stdout)
		case "race":
			err = race(context.Background(), o, os.Stdout)
		default:
			err = fmt.Errorf("-mode %q: valid values are \"bench\" and \"race\"", o.mode)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "scale:", err)
		os.Exit(1)
	}
}

// envList collects repeated -env flags.
type envList []string

func (e *envList) String() string { return strings.Join(*e, " ") }

func (e *envList) Set(kv string) error {
	if k, _, ok := strings.Cut(kv, "="); !ok || k == "" {
		return fmt.Errorf("%q: want KEY=VALUE", kv)
	}
	*e = append(*e, kv)
	return nil
}

func parseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-n %q: want positive whole numbers separated by commas, e.g. 100,1000,5000", s)
		}
		out = append(out, n)
	}
	return out, nil
}

// workspace holds the generated configurations and the CLI config.
type workspace struct {
	root, cliConfig string
	providerExe     string
	// noopExe is the no-op floor provider, built from tools/scale/noop.
	noopExe string
}

func newWorkspace(o options) (*workspace, error) {
	root, err := os.MkdirTemp("", "srm-scale-")
	if err != nil {
		return nil, err
	}
	w := &workspace{root: root, cliConfig: filepath.Join(root, "cli.tfrc")}
	if o.provider == "" {
		dir := filepath.Join(root, "provider")
		w.providerExe = filepath.Join(dir, "terraform-provider-srm")
		pkg := "."
		if o.profile != "" {
			pkg = "./tools/scale"
		}
		build := exec.Command("go", "build", "-o", w.providerExe, pkg)
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return w, fmt.Errorf("building the provider: %v", err)
		}
	} else if w.providerExe, err = filepath.Abs(o.provider); err != nil {
		return w, err
	}
	if filepath.Base(w.providerExe) != "terraform-provider-srm" {
		return w, fmt.Errorf("-provider %s: dev_overrides finds the binary by name, so it must be called terraform-provider-srm", o.provider)
	}
	if _, err := os.Stat(w.providerExe); err != nil {
		return w, fmt.Errorf("-provider: %v", err)
	}
	w.noopExe = filepath.Join(root, "noop", "terraform-provider-noop")
	build := exec.Command("go", "build", "-o", w.noopExe, "./tools/scale/noop")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return w, fmt.Errorf("building the no-op provider: %v", err)
	}
	return w, writeCLIConfig(w.cliConfig, filepath.Dir(w.providerExe), filepath.Dir(w.noopExe))
}

func (w *workspace) close(keep bool, out io.Writer) {
	if keep {
		fmt.Fprintf(out, "\nConfigurations kept in %s\n", w.root)
		return
	}
	os.RemoveAll(w.root)
}

func planArgs(o options) []string {
	args := []string{"plan", "-refresh=false", "-input=false", "-lock=false", "-no-color"}
	if o.parallelism > 0 {
		args = append(args, "-parallelism="+strconv.Itoa(o.parallelism))
	}
	return args
}

// sizeResult is the measurements at one N.
type sizeResult struct {
	n                                  int
	srm, hand, floor                   []run
	srmMedian, handMedian, floorMedian time.Duration
}

func bench(ctx context.Context, o options, out io.Writer) error {
	tf, err := filepath.Abs(o.terraform)
	if err != nil {
		return err
	}
	ws, err := newWorkspace(o)
	if ws != nil {
		defer ws.close(o.keep, out)
	}
	if err != nil {
		return err
	}
	srmRunner := &runner{terraform: tf, env: cliEnv(slices.Concat(o.env, []string{"TF_CLI_CONFIG_FILE=" + ws.cliConfig})...), providerExe: ws.providerExe, interval: o.interval}
	if o.profile != "" {
		if err := srmRunner.enableProfiling(o.profile, ws.root); err != nil {
			return err
		}
	}
	handRunner := &runner{terraform: tf, env: cliEnv(slices.Concat(o.env, []string{"TF_CLI_CONFIG_FILE=" + ws.cliConfig})...)}
	floorRunner := &runner{terraform: tf, env: handRunner.env, providerExe: ws.noopExe, interval: o.interval}

	version, err := exec.Command(tf, "version").Output()
	if err != nil {
		return fmt.Errorf("%s version: %v", tf, err)
	}
	var results []sizeResult
	var checks map[string]int
	for _, n := range o.sizes {
		srmDir, handDir, floorDir, c, err := writeConfigurations(ws, n, o.evidence)
		if err != nil {
			return err
		}
		checks = c
		r := sizeResult{n: n}
		for i := range o.runs {
			// Alternate, so drift in the machine's load hits all alike.
			s, err := srmRunner.run(ctx, srmDir, planArgs(o)...)
			if err != nil {
				return err
			}
			if err := expectPlan(s.output, n); err != nil {
				return fmt.Errorf("srm_workload plan at N=%d: %v", n, err)
			}
			h, err := handRunner.run(ctx, handDir, planArgs(o)...)
			if err != nil {
				return err
			}
			if err := expectPlan(h.output, n); err != nil {
				return fmt.Errorf("terraform_data plan at N=%d: %v", n, err)
			}
			f, err := floorRunner.run(ctx, floorDir, planArgs(o)...)
			if err != nil {
				return err
			}
			if err := expectPlan(f.output, n); err != nil {
				return fmt.Errorf("noop_workload plan at N=%d: %v", n, err)
			}
			s.output, h.output, f.output = nil, nil, nil
			r.srm, r.hand, r.floor = append(r.srm, s), append(r.hand, h), append(r.floor, f)
			fmt.Fprintf(os.Stderr, "N=%d run %d/%d: srm %.2fs (provider peak %.1f MB over %d processes, CPU %.2fs), hand-written %.2fs, no-op floor %.2fs (provider CPU %.2fs)\n",
				n, i+1, o.runs, s.wall.Seconds(), mb(s.providerPeakKB), s.providers, s.providerCPU.Seconds(), h.wall.Seconds(), f.wall.Seconds(), f.providerCPU.Seconds())
		}
		r.srmMedian, r.handMedian, r.floorMedian = median(r.srm), median(r.hand), median(r.floor)
		results = append(results, r)
	}

	var sizes *planSizes
	if o.jsonN > 0 {
		ps, err := measurePlanJSON(ctx, ws, o, srmRunner, floorRunner)
		if err != nil {
			return err
		}
		sizes = &ps
	}

	var validate *sizeResult
	if o.validateN > 0 {
		v, err := timeValidate(ctx, o, ws, srmRunner, handRunner)
		if err != nil {
			return err
		}
		validate = &v
	}

	report(out, o, strings.SplitN(string(version), "\n", 2)[0], checks, results, validate, sizes)
	if o.svg != "" {
		if err := os.WriteFile(o.svg, plotSVG(results), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "wrote %s\n", o.svg)
	}
	return nil
}

// enableProfiling makes the provider processes write profiles into dir.
func (r *runner) enableProfiling(dir, scratch string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return err
	}
	probe := filepath.Join(scratch, "address")
	if err := writeSRM(probe, 1, false); err != nil {
		return err
	}
	addr, err := providerAddress(r.terraform, probe, r.env)
	if err != nil {
		return err
	}
	r.env = append(r.env, profileEnv+"="+abs, addressEnv+"="+addr)
	return nil
}

func timeValidate(ctx context.Context, o options, ws *workspace, srmRunner, handRunner *runner) (sizeResult, error) {
	n := o.validateN
	r := sizeResult{n: n}
	srmDir, handDir, _, _, err := writeConfigurations(ws, n, o.evidence)
	if err != nil {
		return r, err
	}
	for range o.runs {
		s, err := srmRunner.run(ctx, srmDir, "validate", "-no-color")
		if err != nil {
			return r, err
		}
		h, err := handRunner.run(ctx, handDir, "validate", "-no-color")
		if err != nil {
			return r, err
		}
		r.srm, r.hand = append(r.srm, s), append(r.hand, h)
	}
	r.srmMedian, r.handMedian = median(r.srm), median(r.hand)
	return r, nil
}

// writeConfigurations writes the three configurations for n workloads, once.
func writeConfigurations(ws *workspace, n int, evidence bool) (srmDir, handDir, floorDir string, checks map[string]int, err error) {
	srmDir = filepath.Join(ws.root, fmt.Sprintf("srm-%d", n))
	handDir = filepath.Join(ws.root, fmt.Sprintf("hand-%d", n))
	floorDir = filepath.Join(ws.root, fmt.Sprintf("floor-%d", n))
	if err = writeSRM(srmDir, n, evidence); err != nil {
		return
	}
	if err = writeFloor(floorDir, n, evidence); err != nil {
		return
	}
	checks, err = writeHand(handDir, n, evidence)
	return
}

// planSizes is the saved plan and its JSON rendering, per workload.
type planSizes struct {
	n                          int
	srmJSON, floorJSON         int
	srmPlanFile, floorPlanFile int
}

// measurePlanJSON saves the plan at -json-n and measures `terraform show
// -json` of it, for srm_workload and the floor.
func measurePlanJSON(ctx context.Context, ws *workspace, o options, srmRunner, floorRunner *runner) (planSizes, error) {
	n := o.jsonN
	ps := planSizes{n: n}
	srmDir, _, floorDir, _, err := writeConfigurations(ws, n, o.evidence)
	if err != nil {
		return ps, err
	}
	for _, side := range []struct {
		r        *runner
		dir      string
		json, pf *int
	}{{srmRunner, srmDir, &ps.srmJSON, &ps.srmPlanFile}, {floorRunner, floorDir, &ps.floorJSON, &ps.floorPlanFile}} {
		if _, err := side.r.run(ctx, side.dir, append(planArgs(o), "-out=plan.tfplan")...); err != nil {
			return ps, err
		}
		st, err := os.Stat(filepath.Join(side.dir, "plan.tfplan"))
		if err != nil {
			return ps, err
		}
		*side.pf = int(st.Size()) / n
		show, err := side.r.run(ctx, side.dir, "show", "-json", "plan.tfplan")
		if err != nil {
			return ps, err
		}
		*side.json = len(show.output) / n
	}
	return ps, nil
}

var planSummary = regexp.MustCompile(`Plan: (\d+) to add, 0 to change, 0 to destroy`)

// expectPlan checks that the plan succeeded with every workload to add, so a
// timing never comes from a plan that stopped early.
func expectPlan(output []byte, n int) error {
	m := planSummary.FindSubmatch(output)
	if m == nil {
		return fmt.Errorf("no plan summary in the output:\n%s", tail(output, 40))
	}
	if got, _ := strconv.Atoi(string(m[1])); got != n {
		return fmt.Errorf("plan adds %d resources, want %d", got, n)
	}
	return nil
}

func median(runs []run) time.Duration {
	ds := make([]time.Duration, len(runs))
	for i, r := range runs {
		ds[i] = r.wall
	}
	slices.Sort(ds)
	if len(ds) == 0 {
		return 0
	}
	if len(ds)%2 == 1 {
		return ds[len(ds)/2]
	}
	return (ds[len(ds)/2-1] + ds[len(ds)/2]) / 2
}

func mb(kb int64) float64 { return float64(kb) / 1024 }

// raceMarkers are what the race detector and a crashing plugin print.
var raceMarkers = []string{"WARNING: DATA RACE", "panic:", "Plugin did not respond", "The plugin encountered an error"}

// race plans the first size once against a provider built with -race, with
// the race detector's reports sent to files and the provider's log kept, and
// fails if either, or the CLI output, shows a race or a crash.
func race(ctx context.Context, o options, out io.Writer) error {
	if o.provider == "" {
		return errors.New("-mode race needs -provider: a binary built with go build -race, named terraform-provider-srm")
	}
	tf, err := filepath.Abs(o.terraform)
	if err != nil {
		return err
	}
	ws, err := newWorkspace(o)
	if ws != nil {
		defer ws.close(o.keep, out)
	}
	if err != nil {
		return err
	}
	n := o.sizes[0]
	dir := filepath.Join(ws.root, fmt.Sprintf("srm-%d", n))
	if err := writeSRM(dir, n, o.evidence); err != nil {
		return err
	}
	raceLog := filepath.Join(ws.root, "race")
	providerLog := filepath.Join(ws.root, "provider.log")
	r := &runner{terraform: tf, providerExe: ws.providerExe, interval: o.interval, env: cliEnv(slices.Concat(o.env, []string{
		"TF_CLI_CONFIG_FILE=" + ws.cliConfig,
		// The plugin inherits the CLI's environment: the race detector
		// writes each process's reports to race.<pid>.
		"GORACE=log_path=" + raceLog + " halt_on_error=0",
		// The provider's stderr reaches the log at debug level.
		"TF_LOG_PROVIDER=DEBUG", "TF_LOG_PATH=" + providerLog,
	})...)}
	parallelism := o.parallelism
	if parallelism == 0 {
		parallelism = 64
	}
	o.parallelism = parallelism
	start := time.Now()
	res, planErr := r.run(ctx, dir, planArgs(o)...)
	texts := map[string][]byte{"plan output": res.output}
	if b, err := os.ReadFile(providerLog); err == nil {
		texts["provider log"] = b
	}
	reports, _ := filepath.Glob(raceLog + ".*")
	for _, f := range reports {
		b, err := os.ReadFile(f)
		if err == nil {
			texts["race report "+filepath.Base(f)] = b
		}
	}
	var problems []string
	for _, name := range slices.Sorted(maps.Keys(texts)) {
		for _, marker := range raceMarkers {
			if i := bytes.Index(texts[name], []byte(marker)); i >= 0 {
				end := min(len(texts[name]), i+3000)
				problems = append(problems, fmt.Sprintf("%s contains %q:\n%s", name, marker, texts[name][i:end]))
			}
		}
	}
	fmt.Fprintf(out, "race check: %d workloads, terraform plan -parallelism=%d against a -race provider build (%s, %d CPUs)\n",
		n, parallelism, runtime.GOOS+"/"+runtime.GOARCH, runtime.NumCPU())
	fmt.Fprintf(out, "wall time %.1fs, provider processes %d, provider peak RSS %.1f MB, provider log %d bytes, race report files %d\n",
		time.Since(start).Seconds(), res.providers, mb(res.providerPeakKB), len(texts["provider log"]), len(reports))
	if planErr == nil {
		planErr = expectPlan(res.output, n)
	}
	if len(problems) > 0 {
		return fmt.Errorf("race check failed:\n%s", strings.Join(problems, "\n\n"))
	}
	if planErr != nil {
		return planErr
	}
	fmt.Fprintln(out, "no data race, panic or plugin crash reported")
	return nil
}
