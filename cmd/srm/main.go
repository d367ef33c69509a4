// Command srm judges a whole Terraform or OpenTofu plan under the shared
// responsibility model: `srm audit plan.json` (see `srm help`).
package main

import (
	"os"

	"github.com/shared-responsibility/terraform-provider-srm/internal/audit"
)

func main() {
	fi, err := os.Stdout.Stat()
	tty := err == nil && fi.Mode()&os.ModeCharDevice != 0
	os.Exit(audit.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, tty))
}
