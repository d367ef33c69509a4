package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// run is one timed CLI invocation.
type run struct {
	wall time.Duration
	// cliPeakKB is ru_maxrss of the CLI as wait4 reports it: the largest
	// resident set of the CLI and the children it reaped.
	cliPeakKB int64
	// providerPeakKB is the largest VmHWM seen among the provider
	// processes started during the run; providers counts them.
	providerPeakKB int64
	providers      int
	// providerCPU is the user and system time of those processes, as last
	// sampled; cliCPU is the CLI's, including the children it reaped.
	providerCPU, cliCPU time.Duration
	output              []byte
}

// runner runs the Terraform CLI with a fixed environment.
type runner struct {
	terraform string
	env       []string
	// providerExe is the provider binary whose processes are sampled; empty
	// for configurations that use no plugin.
	providerExe string
	interval    time.Duration
}

func (r *runner) run(ctx context.Context, dir string, args ...string) (run, error) {
	cmd := exec.CommandContext(ctx, r.terraform, args...)
	cmd.Dir = dir
	cmd.Env = r.env
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out

	var sampler *rssSampler
	if r.providerExe != "" {
		sampler = startSampler(r.providerExe, r.interval)
	}
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	res := run{wall: wall, output: out.Bytes()}
	if sampler != nil {
		res.providerPeakKB, res.providers, res.providerCPU = sampler.stop()
	}
	if ps := cmd.ProcessState; ps != nil {
		res.cliCPU = ps.UserTime() + ps.SystemTime()
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
			res.cliPeakKB = ru.Maxrss // kilobytes on Linux
		}
	}
	if err != nil {
		return res, fmt.Errorf("%s %s in %s: %v\n%s", filepath.Base(r.terraform), strings.Join(args, " "), dir, err, tail(out.Bytes(), 60))
	}
	return res, nil
}

// rssSampler polls /proc for processes whose executable is the provider
// binary and records each one's VmHWM, the kernel's peak resident set size
// of the process. VmHWM only grows, so a sample taken any time before the
// process exits sees its peak up to that moment; the interval bounds what a
// process can add after its last sample.
type rssSampler struct {
	exe  string
	done chan struct{}
	wg   sync.WaitGroup
	peak map[int]int64
	cpu  map[int]time.Duration
}

func startSampler(exe string, interval time.Duration) *rssSampler {
	s := &rssSampler{exe: exe, done: make(chan struct{}), peak: map[int]int64{}, cpu: map[int]time.Duration{}}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			s.sample()
			select {
			case <-s.done:
				return
			case <-t.C:
			}
		}
	}()
	return s
}

func (s *rssSampler) sample() {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return
	}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		exe, err := os.Readlink(filepath.Join("/proc", e.Name(), "exe"))
		if err != nil || exe != s.exe {
			continue
		}
		if kb, ok := vmHWM(pid); ok && kb > s.peak[pid] {
			s.peak[pid] = kb
		}
		if cpu, ok := cpuTime(pid); ok {
			s.cpu[pid] = max(s.cpu[pid], cpu)
		}
	}
}

// stop ends sampling and returns the largest peak, the process count and
// their CPU time.
func (s *rssSampler) stop() (peak int64, processes int, cpu time.Duration) {
	close(s.done)
	s.wg.Wait()
	for _, kb := range s.peak {
		peak = max(peak, kb)
	}
	for _, c := range s.cpu {
		cpu += c
	}
	return peak, len(s.peak), cpu
}

// clockTick is USER_HZ, the unit of the times in /proc/<pid>/stat; Linux
// fixes it at 100 for user space.
const clockTick = 10 * time.Millisecond

// cpuTime reads utime and stime, fields 14 and 15 of /proc/<pid>/stat. The
// command name (field 2) may hold spaces, so fields count from its ')'.
func cpuTime(pid int) (time.Duration, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, false
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, false
	}
	fields := strings.Fields(string(b[i+1:]))
	if len(fields) < 13 {
		return 0, false
	}
	utime, err1 := strconv.ParseInt(fields[11], 10, 64)
	stime, err2 := strconv.ParseInt(fields[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(utime+stime) * clockTick, true
}

// vmHWM reads the VmHWM line ("VmHWM:     12345 kB") of /proc/<pid>/status.
func vmHWM(pid int) (int64, bool) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			fields := strings.Fields(rest)
			if len(fields) == 0 {
				return 0, false
			}
			kb, err := strconv.ParseInt(fields[0], 10, 64)
			return kb, err == nil
		}
	}
	return 0, false
}

func tail(b []byte, lines int) string {
	all := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(all) > lines {
		all = all[len(all)-lines:]
	}
	return strings.Join(all, "\n")
}

// cliEnv is the parent environment minus Terraform settings that would
// change what is measured, plus the run's own.
func cliEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "TF_") || k == "CHECKPOINT_DISABLE" || k == "GORACE" {
			continue
		}
		env = append(env, kv)
	}
	return append(env, append([]string{"CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1"}, extra...)...)
}
