// Command terraform-provider-srm serves the srm provider: the cloud shared
// responsibility model as data sources, plan-time checks and functions.
package main

import (
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/shared-responsibility/terraform-provider-srm/internal/provider"
)

// version is set by the release build (-ldflags "-X main.version=...").
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	err := tf6server.Serve("registry.terraform.io/shared-responsibility/srm", provider.NewProtocol6Server(version), opts...)
	if err != nil {
		log.Fatal(err.Error())
	}
}
