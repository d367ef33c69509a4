package audit

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/oscal"
)

// OSCALDocuments lists the documents srm oscal writes.
var OSCALDocuments = []string{"component-definition"}

// runOSCAL writes the matrix and the catalog as an OSCAL component
// definition (oscal.ComponentDefinitionJSON), as the
// srm_oscal_component_definition data source does.
func runOSCAL(args []string, stdout, stderr io.Writer) int {
	usage := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "srm oscal: "+format+"\n", a...)
		return ExitUsage
	}
	for _, a := range args {
		if a == "-h" || a == "--help" || a == "-help" {
			fmt.Fprint(stdout, Usage())
			return ExitClean
		}
	}
	if len(args) == 0 || args[0] != OSCALDocuments[0] {
		got := "nothing"
		if len(args) > 0 {
			got = fmt.Sprintf("%q", clip(args[0]))
		}
		return usage("the document is %s, got %s (srm help shows the usage)", model.Quoted(OSCALDocuments), got)
	}
	var matrix, serviceModels, timestamp, output string
	fs := flag.NewFlagSet("srm oscal component-definition", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&matrix, "matrix", model.ConsensusMatrix, "")
	fs.StringVar(&serviceModels, "service-models", "", "")
	fs.StringVar(&timestamp, "timestamp", "", "")
	fs.StringVar(&output, "output", "", "")
	if err := fs.Parse(args[1:]); err != nil {
		return usage("%v (srm help shows the flags)", err)
	}
	if fs.NArg() > 0 {
		return usage("component-definition reads no file: got %q", clip(fs.Arg(0)))
	}
	m, err := model.ForMatrix(matrix)
	if err != nil {
		return usage("--matrix: %v", err)
	}
	opts := oscal.ComponentOptions{Timestamp: time.Now().UTC()}
	if timestamp != "" {
		if opts.Timestamp, err = time.Parse(time.RFC3339, timestamp); err != nil {
			return usage("--timestamp %q is not an RFC 3339 time such as 2026-12-07T10:00:00Z", clip(timestamp))
		}
	}
	for _, id := range strings.Split(serviceModels, ",") {
		if id = strings.TrimSpace(id); id != "" {
			opts.ServiceModels = append(opts.ServiceModels, id)
		}
	}
	out, err := oscal.ComponentDefinitionJSON(m, opts)
	if err != nil {
		// The errors name the data source's attributes; the flags are
		// spelt with dashes.
		return usage("--%s", strings.NewReplacer("service_models:", "service-models:").Replace(err.Error()))
	}
	if output != "" {
		if err := os.WriteFile(output, []byte(out), 0o644); err != nil {
			return usage("cannot write the document: %v", err)
		}
		return ExitClean
	}
	if _, err := io.WriteString(stdout, out); err != nil {
		return usage("cannot write the document: %v", err)
	}
	return ExitClean
}
