// Command genmatrix writes the responsibility matrix picture for the docs:
//
//	go run ./internal/heatmap/cmd/genmatrix -o docs/images/matrix.svg
//	go run ./internal/heatmap/cmd/genmatrix -matrix aws -o docs/images/matrix-aws.svg
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
	matrix := flag.String("matrix", model.ConsensusMatrix, "the matrix to draw: "+model.Quoted(model.Default().MatrixIDs()))
	flag.Parse()
	if err := run(*out, *matrix); err != nil {
		fmt.Fprintln(os.Stderr, "genmatrix:", err)
		os.Exit(1)
	}
}

func run(out, matrix string) error {
	if out == "" {
		return fmt.Errorf("-o is required: the path of the SVG to write, e.g. -o docs/images/matrix.svg")
	}
	m, err := model.ForMatrix(matrix)
	if err != nil {
		return fmt.Errorf("-matrix: %w", err)
	}
	svg, err := heatmap.FromModel(m).SVG()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	return os.WriteFile(out, svg, 0o644)
}
