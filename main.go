// Command terraform-provider-srm serves the srm provider: the cloud shared
// responsibility model as data sources, plan-time checks and functions.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/shared-responsibility/terraform-provider-srm/internal/provider"
)

// version is set by the release build (-ldflags "-X main.version=...").
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/shared-responsibility/srm",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}
