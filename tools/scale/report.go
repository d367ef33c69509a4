package main

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"time"
)

// Targets the benchmark reports against (issue 12).
const (
	targetRatioN         = 1000
	targetHandRatio      = 0.8  // srm_workload / hand-written preconditions
	targetFloorRatio     = 1.25 // srm_workload / no-op floor
	targetCPUPerWorkload = time.Millisecond
	targetMemoryN        = 5000
	targetProviderMB     = 100
)

func secs(d time.Duration) string { return fmt.Sprintf("%.2f", d.Seconds()) }

func runList(runs []run) string {
	parts := make([]string, len(runs))
	for i, r := range runs {
		parts[i] = secs(r.wall)
	}
	return strings.Join(parts, ", ")
}

func peaks(runs []run) (provider, srmCLI int64, processes int) {
	for _, r := range runs {
		provider = max(provider, r.providerPeakKB)
		srmCLI = max(srmCLI, r.cliPeakKB)
		processes = max(processes, r.providers)
	}
	return provider, srmCLI, processes
}

func cpuOf(runs []run, provider bool) time.Duration {
	return medianOf(runs, func(x run) time.Duration {
		if provider {
			return x.providerCPU
		}
		return x.cliCPU
	})
}

// report prints the results as Markdown.
func report(out io.Writer, o options, version string, checks map[string]int, results []sizeResult, validate *sizeResult, sizes *planSizes) {
	par := "default (10)"
	if o.parallelism > 0 {
		par = fmt.Sprint(o.parallelism)
	}
	fmt.Fprintf(out, "%s, %s/%s, %d CPUs, -parallelism %s, %d runs per cell (median shown)", version, runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), par, o.runs)
	if o.evidence {
		fmt.Fprint(out, ", every workload with one aws_db_instance object of 40 attributes in evidence")
	}
	fmt.Fprintln(out, ".")
	if len(o.env) > 0 {
		fmt.Fprintf(out, "Extra environment: `%s`.\n", o.env.String())
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, "| N | srm_workload plan (s) | hand-written preconditions (s) | no-op floor (s) | srm / hand-written | srm / floor | provider CPU srm / floor (s) | provider CPU per workload (ms) | provider peak RSS (MB) | provider processes | CLI peak RSS srm / hand / floor (MB) | CLI CPU srm / hand / floor (s) |")
	fmt.Fprintln(out, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range results {
		prov, srmCLI, procs := peaks(r.srm)
		_, handCLI, _ := peaks(r.hand)
		_, floorCLI, _ := peaks(r.floor)
		fmt.Fprintf(out, "| %d | %s | %s | %s | %.2f | %.2f | %s / %s | %.2f | %.1f | %d | %.0f / %.0f / %.0f | %s / %s / %s |\n",
			r.n, secs(r.srmMedian), secs(r.handMedian), secs(r.floorMedian), r.handRatio(), r.floorRatio(),
			secs(cpuOf(r.srm, true)), secs(cpuOf(r.floor, true)), r.cpuPerWorkload().Seconds()*1000,
			mb(prov), procs, mb(srmCLI), mb(handCLI), mb(floorCLI),
			secs(cpuOf(r.srm, false)), secs(cpuOf(r.hand, false)), secs(cpuOf(r.floor, false)))
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, "Every run, in order (s):")
	fmt.Fprintln(out)
	for _, r := range results {
		fmt.Fprintf(out, "- N = %d: srm_workload %s; hand-written %s; no-op floor %s\n", r.n, runList(r.srm), runList(r.hand), runList(r.floor))
	}
	if validate != nil {
		fmt.Fprintf(out, "\n`terraform validate` at N = %d: srm_workload %ss (runs %s), hand-written %ss (runs %s).\n",
			validate.n, secs(validate.srmMedian), runList(validate.srm), secs(validate.handMedian), runList(validate.hand))
	}
	if sizes != nil {
		fmt.Fprintf(out, "\nPlan size per workload at N = %d: `terraform show -json` %d bytes srm_workload, %d bytes no-op floor; saved plan file %d / %d bytes.\n",
			sizes.n, sizes.srmJSON, sizes.floorJSON, sizes.srmPlanFile, sizes.floorPlanFile)
	}
	fmt.Fprintf(out, "\nHand-written preconditions per workload by service model:")
	for _, sm := range serviceModels {
		fmt.Fprintf(out, " %s %d", sm, checks[sm])
	}
	fmt.Fprintln(out, ".")
	fmt.Fprintln(out)
	for _, r := range results {
		if r.n == targetRatioN {
			fmt.Fprintf(out, "Target srm / hand-written <= %.2f at N = %d: %.2f, %s.\n", targetHandRatio, r.n, r.handRatio(), verdict(r.handRatio() <= targetHandRatio))
			fmt.Fprintf(out, "Target srm / no-op floor <= %.2f at N = %d: %.2f, %s.\n", targetFloorRatio, r.n, r.floorRatio(), verdict(r.floorRatio() <= targetFloorRatio))
			fmt.Fprintf(out, "Target provider CPU per workload < %v at N = %d: %.2f ms, %s.\n", targetCPUPerWorkload, r.n,
				r.cpuPerWorkload().Seconds()*1000, verdict(r.cpuPerWorkload() < targetCPUPerWorkload))
		}
		if r.n == targetMemoryN {
			prov, _, _ := peaks(r.srm)
			fmt.Fprintf(out, "Target provider peak < %d MB at N = %d: %.1f MB, %s.\n", targetProviderMB, r.n, mb(prov), verdict(mb(prov) < targetProviderMB))
		}
	}
}

func medianOf(runs []run, field func(run) time.Duration) time.Duration {
	rs := make([]run, len(runs))
	for i, r := range runs {
		rs[i] = run{wall: field(r)}
	}
	return median(rs)
}

func ratioOf(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return a.Seconds() / b.Seconds()
}

func (r sizeResult) handRatio() float64  { return ratioOf(r.srmMedian, r.handMedian) }
func (r sizeResult) floorRatio() float64 { return ratioOf(r.srmMedian, r.floorMedian) }

// cpuPerWorkload is the median provider CPU of the srm plans over N.
func (r sizeResult) cpuPerWorkload() time.Duration {
	return cpuOf(r.srm, true) / time.Duration(r.n)
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "missed"
}
