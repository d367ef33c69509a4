package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/shared-responsibility/terraform-provider-srm/internal/provider"
)

// With -profile, this program is also the provider: the benchmark builds it
// under the provider's name, and when Terraform starts it as a plugin (the
// environment holds the plugin handshake cookie and profileEnv) it serves
// the real provider while writing a CPU profile and heap profiles.
const (
	profileEnv = "SRM_SCALE_PROFILE_DIR"
	addressEnv = "SRM_SCALE_PROVIDER_ADDRESS"
	cookieEnv  = "TF_PLUGIN_MAGIC_COOKIE"
)

func servingAsProvider() bool {
	return os.Getenv(profileEnv) != "" && os.Getenv(cookieEnv) != ""
}

// serveProfiled serves the provider and writes cpu-<pid>.pprof for the
// whole process, heap-<pid>.pprof whenever the heap in use reaches a new
// high (so it shows what the peak held), heap-<pid>-end.pprof of what is
// still reachable once serving ends, and stats-<pid>.txt.
func serveProfiled() error {
	dir := os.Getenv(profileEnv)
	pid := os.Getpid()
	cpu, err := os.Create(filepath.Join(dir, fmt.Sprintf("cpu-%d.pprof", pid)))
	if err != nil {
		return err
	}
	defer cpu.Close()
	if err := pprof.StartCPUProfile(cpu); err != nil {
		return err
	}
	done := make(chan struct{})
	stats := make(chan string, 1)
	go watchHeap(filepath.Join(dir, fmt.Sprintf("heap-%d.pprof", pid)), done, stats)

	// The same server main serves, so the profile is the shipped provider's.
	err = tf6server.Serve(os.Getenv(addressEnv), provider.NewProtocol6Server("profile"))
	close(done)
	pprof.StopCPUProfile()
	// Collect first, twice, so that the end profile, which reports the
	// heap as of a completed collection, holds only what is reachable.
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	summary := <-stats + fmt.Sprintf("heap reachable after serving %d bytes\n", ms.HeapAlloc)
	if werr := writeHeap(filepath.Join(dir, fmt.Sprintf("heap-%d-end.pprof", pid))); err == nil {
		err = werr
	}
	if werr := os.WriteFile(filepath.Join(dir, fmt.Sprintf("stats-%d.txt", pid)), []byte(summary), 0o644); err == nil {
		err = werr
	}
	return err
}

// watchHeap also reports the highest heap in use and goroutine count it
// saw, which tells retained memory from requests in flight. Goroutines are
// counted every 10 ms, the heap (which stops the world) every 250 ms.
func watchHeap(path string, done <-chan struct{}, stats chan<- string) {
	var high uint64
	var goroutines int
	t := time.NewTicker(10 * time.Millisecond)
	defer t.Stop()
	for tick := 0; ; tick++ {
		select {
		case <-done:
			stats <- fmt.Sprintf("peak heap in use %d bytes\npeak goroutines %d\n", high, goroutines)
			return
		case <-t.C:
		}
		goroutines = max(goroutines, runtime.NumGoroutine())
		if tick%25 != 0 {
			continue
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse > high+high/10 {
			high = ms.HeapInuse
			_ = writeHeap(path)
		}
	}
}

func writeHeap(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return pprof.Lookup("heap").WriteTo(f, 0)
}

var providerLine = regexp.MustCompile(`provider\[([^\]]+)\]`)

// providerAddress asks the CLI for the full address of the provider that
// the configuration in dir requires.
func providerAddress(terraform, dir string, env []string) (string, error) {
	cmd := exec.Command(terraform, "providers")
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%s providers: %v", terraform, err)
	}
	m := providerLine.FindSubmatch(out)
	if m == nil {
		return "", fmt.Errorf("%s providers printed no provider address:\n%s", terraform, out)
	}
	return string(m[1]), nil
}
