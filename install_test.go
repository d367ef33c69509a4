package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// The install path a user takes, through the real CLI: `make dev-env`
// installs the provider into a filesystem mirror (make install) and writes a
// CLI configuration that takes srm from the mirror and every other provider
// from its registry. A second provider, the no-op provider of the scale
// benchmark, is installed into the same mirror under another source address,
// standing for the registry providers (hashicorp/aws, ...) that cannot be
// reached here; MIRROR_PROVIDERS names it so that the configuration takes it
// from the mirror too, as a user who mirrors their other providers would.

// secondProvider is the other provider's source address and version.
const secondProvider, secondVersion = "example/noop", "1.0.0"

const mixedConfig = `terraform {
  required_providers {
    srm = {
      source = "shared-responsibility/srm"
    }
    noop = {
      source = "example/noop"
    }
  }
}

data "srm_service_model" "paas" {
  name = "paas"
}

resource "noop_workload" "app" {
  name          = "app"
  service_model = "paas"
}

output "paas_required_controls" {
  value = data.srm_service_model.paas.required_controls
}
`

var exportLine = regexp.MustCompile(`^export TF_CLI_CONFIG_FILE=(\S+)\n$`)

func TestInstall_MirrorBesideAnotherProvider(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("TF_ACC is not set: this test builds the provider and runs the Terraform CLI")
	}
	cli := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if cli == "" {
		t.Skip("no TF_ACC_TERRAFORM_PATH: make test sets it to bin/terraform")
	}
	makeCmd, err := exec.LookPath("make")
	if err != nil {
		t.Skip("no make on PATH")
	}
	host := clientHost(t, cli)
	platform := runtime.GOOS + "_" + runtime.GOARCH

	tmp := t.TempDir()
	mirror := filepath.Join(tmp, "mirror")
	makeVars := []string{
		"MIRROR_DIR=" + mirror,
		"MIRROR_CLI_CONFIG=" + filepath.Join(tmp, "cli.tfrc"),
		"MIRROR_PROVIDERS=shared-responsibility/srm " + secondProvider,
	}

	// eval "$(make -s dev-env)": stdout is exactly the export line.
	out := run(t, nil, "", makeCmd, append([]string{"-s", "dev-env"}, makeVars...)...)
	m := exportLine.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("make -s dev-env printed %q on stdout; want only the export TF_CLI_CONFIG_FILE=... line", out)
	}
	cliConfig := m[1]
	version := installedProvider(t, mirror, host, platform)
	for _, other := range []string{"registry.terraform.io", "registry.opentofu.org"} {
		if v := installedProvider(t, mirror, other, platform); v != version {
			t.Errorf("%s holds srm %s, %s holds %s: make install should install one build under both hosts", other, v, host, version)
		}
	}

	noop := filepath.Join(mirror, host, secondProvider, secondVersion, platform, "terraform-provider-noop_v"+secondVersion)
	run(t, nil, "", "go", "build", "-o", noop, "./tools/scale/noop")

	dir := configDir(t, filepath.Join(tmp, "config"))
	env := []string{"TF_CLI_CONFIG_FILE=" + cliConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1"}
	tf := func(args ...string) string { return run(t, env, dir, cli, append(args, "-no-color")...) }

	tf("init", "-input=false")
	srmAddr, noopAddr := host+"/shared-responsibility/srm", host+"/"+secondProvider
	lock := readLock(t, dir)
	firstHash := lockHash(t, lock, srmAddr, version)
	lockHash(t, lock, noopAddr, secondVersion)

	if plan := tf("plan", "-input=false"); !strings.Contains(plan, "noop_workload.app will be created") ||
		!strings.Contains(plan, "paas_required_controls") {
		t.Errorf("terraform plan ran but did not plan both providers' objects:\n%s", plan)
	}
	providers := tf("providers")
	for _, addr := range []string{srmAddr, noopAddr} {
		if !strings.Contains(providers, "provider["+addr+"]") {
			t.Errorf("terraform providers does not list %s:\n%s", addr, providers)
		}
	}

	// A rebuild is a new version, as a new release of a published provider
	// is: the lock file keeps the first build (still in the mirror) until
	// `terraform init -upgrade`, the one documented command, records the
	// new one.
	run(t, nil, "", makeCmd, append([]string{"-s", "install"}, makeVars...)...)
	builds, err := filepath.Glob(filepath.Join(mirror, host, "shared-responsibility", "srm", "*"))
	if err != nil || len(builds) != 2 {
		t.Fatalf("after a rebuild the mirror should hold both builds of srm, holds %v (%v)", builds, err)
	}
	rebuilt := filepath.Base(builds[0])
	if rebuilt == version {
		rebuilt = filepath.Base(builds[1])
	}
	if !newerVersion(rebuilt, version) {
		t.Fatalf("the rebuilt provider's version %s does not sort after the first build's %s", rebuilt, version)
	}
	tf("init", "-input=false")
	if h := lockHash(t, readLock(t, dir), srmAddr, version); h != firstHash {
		t.Errorf("terraform init without -upgrade changed the locked srm build's checksum from %s to %s", firstHash, h)
	}
	tf("plan", "-input=false")

	tf("init", "-input=false", "-upgrade")
	lock = readLock(t, dir)
	if h := lockHash(t, lock, srmAddr, rebuilt); h == firstHash {
		t.Errorf("terraform init -upgrade kept the first build's checksum %s in the lock file", h)
	}
	lockHash(t, lock, noopAddr, secondVersion)
	tf("plan", "-input=false")
	if out := tf("version"); !strings.Contains(out, "shared-responsibility/srm v"+rebuilt) {
		t.Errorf("terraform version does not report the rebuilt srm %s:\n%s", rebuilt, out)
	}

	// MIRROR=user: the implied local mirror, ~/.terraform.d/plugins, which
	// the CLI searches by itself when its configuration has no
	// provider_installation block (here an empty one).
	home := filepath.Join(tmp, "home")
	// The go command keeps its caches where they are, not under the new HOME.
	goEnv := strings.Fields(run(t, nil, "", "go", "env", "GOCACHE", "GOMODCACHE", "GOPATH"))
	if len(goEnv) != 3 {
		t.Fatalf("go env GOCACHE GOMODCACHE GOPATH printed %q", goEnv)
	}
	run(t, []string{"HOME=" + home, "GOCACHE=" + goEnv[0], "GOMODCACHE=" + goEnv[1], "GOPATH=" + goEnv[2]}, "",
		makeCmd, "-s", "install", "MIRROR=user")
	userVersion := installedProvider(t, filepath.Join(home, ".terraform.d", "plugins"), host, platform)
	implied := filepath.Join(home, ".terraform.d", "plugins", host, secondProvider, secondVersion, platform)
	if err := os.MkdirAll(implied, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(noop, filepath.Join(implied, filepath.Base(noop))); err != nil {
		t.Fatal(err)
	}
	emptyConfig := filepath.Join(tmp, "empty.tfrc")
	if err := os.WriteFile(emptyConfig, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	userDir := configDir(t, filepath.Join(tmp, "user-config"))
	userEnv := []string{"HOME=" + home, "TF_CLI_CONFIG_FILE=" + emptyConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1"}
	run(t, userEnv, userDir, cli, "init", "-input=false", "-no-color")
	lock = readLock(t, userDir)
	lockHash(t, lock, srmAddr, userVersion)
	lockHash(t, lock, noopAddr, secondVersion)
	run(t, userEnv, userDir, cli, "plan", "-input=false", "-no-color")
}

// configDir writes the mixed configuration into a new directory.
func configDir(t *testing.T, dir string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(mixedConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

// newerVersion reports whether a sorts after b, both x.y.z.
func newerVersion(a, b string) bool {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	if len(as) != 3 || len(bs) != 3 {
		return false
	}
	for i := range as {
		x, errA := strconv.ParseUint(as[i], 10, 64)
		y, errB := strconv.ParseUint(bs[i], 10, 64)
		if errA != nil || errB != nil {
			return false
		}
		if x != y {
			return x > y
		}
	}
	return false
}

// clientHost is the registry host the CLI gives an unqualified source
// address.
func clientHost(t *testing.T, cli string) string {
	t.Helper()
	out := run(t, []string{"TF_CLI_CONFIG_FILE=" + os.DevNull, "CHECKPOINT_DISABLE=1"}, "", cli, "version")
	if strings.HasPrefix(out, "OpenTofu ") {
		return "registry.opentofu.org"
	}
	return "registry.terraform.io"
}

// installedProvider finds the one srm build `make install` put under host,
// in the unpacked mirror layout, and returns its version.
func installedProvider(t *testing.T, mirror, host, platform string) string {
	t.Helper()
	pattern := filepath.Join(mirror, host, "shared-responsibility", "srm", "*", platform, "terraform-provider-srm_v*")
	found, err := filepath.Glob(pattern)
	if err != nil || len(found) != 1 {
		t.Fatalf("make install: want one provider at %s, found %v (%v)", pattern, found, err)
	}
	version := filepath.Base(filepath.Dir(filepath.Dir(found[0])))
	if filepath.Base(found[0]) != "terraform-provider-srm_v"+version {
		t.Fatalf("make install: %s is not named after its version directory %s", found[0], version)
	}
	return version
}

func readLock(t *testing.T, dir string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, ".terraform.lock.hcl"))
	if err != nil {
		t.Fatalf("terraform init wrote no lock file: %v", err)
	}
	return string(raw)
}

// lockHash checks that the lock file records addr at version and returns
// the provider's first hash.
func lockHash(t *testing.T, lock, addr, version string) string {
	t.Helper()
	block := regexp.MustCompile(`(?s)provider "` + regexp.QuoteMeta(addr) + `" \{\s*version\s*=\s*"([^"]+)".*?hashes\s*=\s*\[\s*"([^"]+)"`)
	m := block.FindStringSubmatch(lock)
	if m == nil {
		t.Fatalf("the lock file does not record %s with a hash:\n%s", addr, lock)
	}
	if m[1] != version {
		t.Errorf("the lock file records %s %s, want %s", addr, m[1], version)
	}
	return m[2]
}

func run(t *testing.T, env []string, dir, name string, args ...string) string {
	t.Helper()
	out, err := runErr(env, dir, name, args...)
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
	return out
}

// runErr runs a command with the test's environment plus env, outside any
// make that runs the tests (its flags would reach the inner make). A make
// command's stdout is returned alone, as a shell's $(...) would take it.
func runErr(env []string, dir, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); k != "MAKEFLAGS" && k != "MFLAGS" && k != "MAKELEVEL" {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, env...)
	if filepath.Base(name) == "make" {
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return string(out) + stderr.String(), err
		}
		return string(out), nil
	}
	out, err := cmd.CombinedOutput()
	return string(out), err
}
