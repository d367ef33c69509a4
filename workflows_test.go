package main

import (
	"errors"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The GitHub workflows and the release configuration cannot run here; these
// tests check what can be checked without them: actionlint on the
// workflows, and the structure every workflow and release needs. .ci/run,
// which runs `make test`, stays the real gate.

// actionlintVersion is built from the Go module proxy by `go run`.
const actionlintVersion = "v1.7.12"

var actionlintFinding = regexp.MustCompile(`(?m)^\S+\.ya?ml:\d+:\d+: `)

func TestWorkflows_Actionlint(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: actionlint is built from source")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH to build actionlint with")
	}
	files, err := workflowFiles()
	if err != nil {
		t.Fatal(err)
	}
	args := append([]string{"run", "github.com/rhysd/actionlint/cmd/actionlint@" + actionlintVersion, "-no-color"}, files...)
	out, err := exec.Command(goCmd, args...).CombinedOutput()
	switch {
	case err == nil:
	case actionlintFinding.Match(out):
		t.Errorf("actionlint %s:\n%s", actionlintVersion, out)
	default:
		var exit *exec.ExitError
		if errors.As(err, &exit) && strings.Contains(string(out), "actionlint") && !strings.Contains(string(out), "go: ") {
			t.Errorf("actionlint %s failed (%v):\n%s", actionlintVersion, err, out)
			return
		}
		t.Skipf("actionlint %s could not be built (%v); the structural checks still run:\n%s", actionlintVersion, err, out)
	}
}

func workflowFiles() ([]string, error) {
	entries, err := os.ReadDir(".github/workflows")
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".yml") || strings.HasSuffix(e.Name(), ".yaml") {
			files = append(files, ".github/workflows/"+e.Name())
		}
	}
	return files, nil
}

// yamlOutline is a line-based view of a YAML file: its top-level keys and,
// for each job under `jobs:`, the text of the job. YAML cannot be parsed
// without a dependency, and these files keep to block style, two spaces a
// level.
type yamlOutline struct {
	top  []string
	jobs map[string]string
	text string
}

var (
	topKey = regexp.MustCompile(`^([A-Za-z_][\w-]*):`)
	jobKey = regexp.MustCompile(`^  ([A-Za-z_][\w-]*):\s*$`)
)

func readOutline(t *testing.T, path string) yamlOutline {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	o := yamlOutline{jobs: map[string]string{}, text: string(raw)}
	section, job := "", ""
	for i, line := range strings.Split(string(raw), "\n") {
		if strings.Contains(line, "\t") {
			t.Errorf("%s:%d: a tab; YAML indents with spaces", path, i+1)
		}
		if m := topKey.FindStringSubmatch(line); m != nil {
			section, job = m[1], ""
			o.top = append(o.top, m[1])
			continue
		}
		if section != "jobs" {
			continue
		}
		if m := jobKey.FindStringSubmatch(line); m != nil {
			job = m[1]
			o.jobs[job] = ""
			continue
		}
		if job != "" {
			o.jobs[job] += line + "\n"
		}
	}
	return o
}

func (o yamlOutline) requireTop(t *testing.T, path string, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if !slices.Contains(o.top, k) {
			t.Errorf("%s: no top-level %q key (has %v)", path, k, o.top)
		}
	}
}

func (o yamlOutline) requireJob(t *testing.T, path, job string, fragments ...string) {
	t.Helper()
	body, ok := o.jobs[job]
	if !ok {
		t.Errorf("%s: no job %q (has %v)", path, job, keys(o.jobs))
		return
	}
	for _, f := range append([]string{"runs-on:", "steps:"}, fragments...) {
		if !strings.Contains(body, f) {
			t.Errorf("%s: job %q lacks %q", path, job, f)
		}
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

var usesLine = regexp.MustCompile(`uses:\s*(\S+)`)

func TestWorkflows_Structure(t *testing.T) {
	const test, release = ".github/workflows/test.yml", ".github/workflows/release.yml"

	o := readOutline(t, test)
	o.requireTop(t, test, "name", "on", "permissions", "jobs")
	o.requireJob(t, test, "build", "go build", "make vet", "make unit", "make lint")
	o.requireJob(t, test, "docs", "make docs-check", "hashicorp/setup-terraform")
	o.requireJob(t, test, "test", "matrix:", "make test-compat", "hashicorp/setup-terraform", "opentofu/setup-opentofu",
		"version: '1.5.*'", "version: '1.8.*'", "version: '1.13.*'", "version: latest", "cli: tofu", "version: '1.10.*'")
	o.requireJob(t, test, "modules", "make test-modules")
	if !strings.Contains(o.text, "contents: read") {
		t.Errorf("%s: the tests should only read the repository (permissions: contents: read)", test)
	}

	r := readOutline(t, release)
	r.requireTop(t, release, "name", "on", "permissions", "jobs")
	r.requireJob(t, release, "goreleaser", "fetch-depth: 0", "crazy-max/ghaction-import-gpg", "goreleaser/goreleaser-action",
		"release --clean", "GPG_FINGERPRINT: ${{ steps.import_gpg.outputs.fingerprint }}", "secrets.GPG_PRIVATE_KEY")
	for _, f := range []string{"tags:", "- 'v*'", "contents: write"} {
		if !strings.Contains(r.text, f) {
			t.Errorf("%s lacks %q", release, f)
		}
	}

	// Third-party actions run with the repository's token: pin each one.
	for _, path := range []string{test, release} {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range usesLine.FindAllStringSubmatch(string(raw), -1) {
			if _, ref, ok := strings.Cut(m[1], "@"); !ok || ref == "" || ref == "main" || ref == "master" {
				t.Errorf("%s: %s is not pinned to a commit or a release tag", path, m[1])
			}
		}
	}
}

func TestGoreleaser_RegistryRelease(t *testing.T) {
	text := readText(t, ".goreleaser.yml")
	// What the Terraform Registry reads from a release: zip archives named
	// NAME_VERSION_OS_ARCH, a SHA256SUMS file, its detached GPG signature
	// and the manifest with the protocol versions.
	for _, f := range []string{
		"version: 2", "CGO_ENABLED=0", "binary: '{{ .ProjectName }}_v{{ .Version }}'", "formats: [zip]",
		"name_template: '{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}'",
		"name_template: '{{ .ProjectName }}_{{ .Version }}_SHA256SUMS'", "algorithm: sha256",
		"artifacts: checksum", "--detach-sign", "{{ .Env.GPG_FINGERPRINT }}",
		"name_template: '{{ .ProjectName }}_{{ .Version }}_manifest.json'",
	} {
		if !strings.Contains(text, f) {
			t.Errorf(".goreleaser.yml lacks %q", f)
		}
	}
	if n := strings.Count(text, "glob: terraform-registry-manifest.json"); n != 2 {
		t.Errorf(".goreleaser.yml names the manifest %d times; want it in checksum.extra_files and release.extra_files", n)
	}
	manifest := readText(t, "terraform-registry-manifest.json")
	if !strings.Contains(manifest, `"protocol_versions": ["6.0"]`) {
		t.Errorf("terraform-registry-manifest.json should declare protocol 6.0, which main.go serves:\n%s", manifest)
	}
}

func TestCI_RunsMakeTest(t *testing.T) {
	var commands []string
	for _, line := range strings.Split(readText(t, ".ci/run"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "set ") || strings.HasPrefix(line, "cd ") {
			continue
		}
		commands = append(commands, line)
	}
	if !slices.Equal(commands, []string{"make test"}) {
		t.Errorf(".ci/run should run `make test` and nothing else, runs %q", commands)
	}
}

// makeRule is the recipe of one rule of the GNUmakefile: the lines after
// "target:" up to the first line that is not a recipe line.
func makeRule(t *testing.T, makefile, target string) string {
	t.Helper()
	var rule []string
	in := false
	for _, line := range strings.Split(makefile, "\n") {
		switch {
		case strings.HasPrefix(line, target+":"):
			in = true
		case in && strings.HasPrefix(line, "\t"):
			rule = append(rule, line)
		case in:
			return strings.Join(rule, "\n")
		}
	}
	if !in {
		t.Fatalf("the GNUmakefile has no %q rule", target)
	}
	return strings.Join(rule, "\n")
}

// The clients `make test` runs, which the README and CONTRIBUTING name, and
// the install layout the release shares with `make install`.
func TestMakefile_ClientsAndInstall(t *testing.T) {
	makefile := readText(t, "GNUmakefile")
	for _, f := range []string{
		"TERRAFORM_VERSION ?= 1.8.5", "OPENTOFU_NEW_VERSION  ?= 1.10.10", "TERRAFORM_NEW_VERSION ?= 1.13.3",
		"OPENTOFU_VERSION  ?= 1.6.3", "TERRAFORM_COMPAT_VERSION ?= 1.5.7",
	} {
		if !strings.Contains(makefile, f) {
			t.Errorf("the GNUmakefile lacks %q", f)
		}
	}
	test := makeRule(t, makefile, "test")
	for _, f := range []string{"TF_ACC_TERRAFORM_PATH=$(TERRAFORM)", "go test -race", "./...", "test-compat COMPAT_CLIS=$(TOFU_NEW)"} {
		if !strings.Contains(test, f) {
			t.Errorf("make test should run %q:\n%s", f, test)
		}
	}
	if compat := regexp.MustCompile(`(?m)^COMPAT_CLIS \?= (.*)$`).FindStringSubmatch(makefile); compat == nil ||
		!strings.Contains(compat[1], "$(TOFU)") || !strings.Contains(compat[1], "$(TERRAFORM_NEW)") ||
		!strings.Contains(compat[1], "$(TERRAFORM_COMPAT)") {
		t.Errorf("make test-compat should run OpenTofu 1.6.3, Terraform 1.13.3 and 1.5.7, runs %q", compat)
	}
	// The release's binary name, which the registry's zip holds and
	// `terraform init` unpacks, is the one make install gives the build.
	install := makeRule(t, makefile, "install")
	if !strings.Contains(readText(t, ".goreleaser.yml"), "binary: '{{ .ProjectName }}_v{{ .Version }}'") ||
		!strings.Contains(install, "terraform-provider-srm_v$(PROVIDER_VERSION)") ||
		!strings.Contains(install, "shared-responsibility/srm/$(PROVIDER_VERSION)/$(PLATFORM)") {
		t.Errorf("make install should use the release's layout, <host>/shared-responsibility/srm/<version>/<os>_<arch>/"+
			"terraform-provider-srm_v<version>:\n%s", install)
	}
}

func readText(t *testing.T, path string) string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}
