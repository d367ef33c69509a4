package main

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"time"
)

// Targets the benchmark reports against.
const (
	targetRatioN     = 1000
	targetRatio      = 1.2
	targetMemoryN    = 5000
	targetProviderMB = 100
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

// report prints the results as Markdown.
func report(out io.Writer, o options, version string, checks map[string]int, results []sizeResult, validate *sizeResult) {
	par := "default (10)"
	if o.parallelism > 0 {
		par = fmt.Sprint(o.parallelism)
	}
	fmt.Fprintf(out, "%s, %s/%s, %d CPUs, -parallelism %s, %d runs per cell (median shown).\n",
		version, runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), par, o.runs)
	if len(o.env) > 0 {
		fmt.Fprintf(out, "Extra environment: `%s`.\n", o.env.String())
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, "| N | srm_workload plan (s) | terraform_data + preconditions plan (s) | ratio srm / hand-written | provider peak RSS (MB) | provider processes | CLI peak RSS srm / hand-written (MB) | CPU srm CLI / of it provider / hand-written CLI (s) |")
	fmt.Fprintln(out, "|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range results {
		prov, srmCLI, procs := peaks(r.srm)
		_, handCLI, _ := peaks(r.hand)
		fmt.Fprintf(out, "| %d | %s | %s | %.2f | %.1f | %d | %.0f / %.0f | %s / %s / %s |\n",
			r.n, secs(r.srmMedian), secs(r.handMedian), ratio(r), mb(prov), procs, mb(srmCLI), mb(handCLI),
			secs(medianOf(r.srm, func(x run) time.Duration { return x.cliCPU })),
			secs(medianOf(r.srm, func(x run) time.Duration { return x.providerCPU })),
			secs(medianOf(r.hand, func(x run) time.Duration { return x.cliCPU })))
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, "Every run, in order (s):")
	fmt.Fprintln(out)
	for _, r := range results {
		fmt.Fprintf(out, "- N = %d: srm_workload %s; hand-written %s\n", r.n, runList(r.srm), runList(r.hand))
	}
	if validate != nil {
		fmt.Fprintf(out, "\n`terraform validate` at N = %d: srm_workload %ss (runs %s), hand-written %ss (runs %s).\n",
			validate.n, secs(validate.srmMedian), runList(validate.srm), secs(validate.handMedian), runList(validate.hand))
	}
	fmt.Fprintf(out, "\nHand-written preconditions per workload by service model:")
	for _, sm := range serviceModels {
		fmt.Fprintf(out, " %s %d", sm, checks[sm])
	}
	fmt.Fprintln(out, ".")
	fmt.Fprintln(out)
	for _, r := range results {
		if r.n == targetRatioN {
			fmt.Fprintf(out, "Target ratio <= %.1f at N = %d: %.2f, %s.\n", targetRatio, r.n, ratio(r), verdict(ratio(r) <= targetRatio))
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

func ratio(r sizeResult) float64 {
	if r.handMedian == 0 {
		return 0
	}
	return r.srmMedian.Seconds() / r.handMedian.Seconds()
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "missed"
}
