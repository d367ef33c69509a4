// Command genexamples writes the examples' compliant bodies from the control
// catalog: every region between model.BodyBegin and model.BodyEnd lines in a
// .tf or .tftest.hcl file under -dir (go generate ./internal/model/).
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

func main() {
	dir := flag.String("dir", "", "the examples directory, e.g. ../../examples")
	flag.Parse()
	if err := run(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "genexamples:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	if dir == "" {
		return fmt.Errorf("-dir is required, e.g. -dir ../../examples")
	}
	m := model.Default()
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".tf") || strings.HasSuffix(path, ".tftest.hcl")) {
			return err
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out, n, err := m.RewriteCompliantBodies(string(raw))
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if n == 0 || out == string(raw) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		return os.WriteFile(path, []byte(out), info.Mode().Perm())
	})
}
