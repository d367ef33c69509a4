// Command gencoverage writes the evidence coverage guide's template from the
// mapping tables:
//
//	go run ./internal/evidence/cmd/gencoverage -o templates/guides/evidence-coverage.md.tmpl
//
// `go generate ./...` runs it through the directive in package evidence.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/shared-responsibility/terraform-provider-srm/internal/evidence"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

func main() {
	out := flag.String("o", "", "file to write, e.g. templates/guides/evidence-coverage.md.tmpl")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gencoverage:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	if out == "" {
		return fmt.Errorf("-o is required, e.g. -o templates/guides/evidence-coverage.md.tmpl")
	}
	e, err := evidence.New(model.Default())
	if err != nil {
		return err
	}
	return os.WriteFile(out, []byte(e.CoverageMarkdown()), 0o644)
}
