// Command genmatrix writes the responsibility matrix picture for the docs:
//
//	go run ./internal/heatmap/cmd/genmatrix -o docs/images/matrix.svg
//
// `go generate ./...` runs it through the directive in package heatmap.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/shared-responsibility/terraform-provider-srm/internal/heatmap"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

func main() {
	out := flag.String("o", "", "file to write the SVG to, e.g. docs/images/matrix.svg")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "genmatrix:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	if out == "" {
		return fmt.Errorf("-o is required: the path of the SVG to write, e.g. -o docs/images/matrix.svg")
	}
	svg, err := heatmap.FromModel(model.Default()).SVG()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	return os.WriteFile(out, svg, 0o644)
}
