package provider

import (
	"os"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/shared-responsibility/terraform-provider-srm/internal/planserver"
)

// NewProtocol6Server returns the provider's protocol 6 server, as main serves
// it and the tests run it: the framework's server, with srm_workload's
// ValidateResourceConfig and PlanResourceChange served by planserver
// (which hands them back to the framework when the resource uses anything
// it does not implement), and, when no TF_LOG* variable asks for logs,
// without the plugin SDKs' per-request loggers (BENCHMARKS.md).
func NewProtocol6Server(version string) func() tfprotov6.ProviderServer {
	return newProtocol6Server(New(version)())
}

// frameworkPlanEnv, set to any value, leaves every call to the framework.
// Only the scale benchmark sets it, to measure what the fast path saves.
const frameworkPlanEnv = "SRM_FRAMEWORK_PLAN"

// newProtocol6Server serves p as NewProtocol6Server does; tests serve copies
// of the provider through it.
func newProtocol6Server(p provider.Provider) func() tfprotov6.ProviderServer {
	return serve(p, planserver.SilencePluginLogs())
}

// serve is the shipped server; quiet strips the per-request loggers (no
// TF_LOG* variable set when the process started). Tests that read the logs
// serve with quiet false.
func serve(p provider.Provider, quiet bool) func() tfprotov6.ProviderServer {
	framework := providerserver.NewProtocol6(p)
	return func() tfprotov6.ProviderServer {
		h := &workloadHooks{provider: p, unconfigured: sync.OnceValue(defaultProviderData)}
		o := planserver.Options{Provider: p, Quiet: quiet, Configured: h.configure}
		if os.Getenv(frameworkPlanEnv) == "" {
			o.Resources = map[string]planserver.Hooks{workloadTypeName: {Validate: h.validate, Plan: h.plan}}
		}
		return planserver.New(framework(), o)
	}
}

// QuietServer serves another framework provider's server with the
// per-request loggers stripped as this provider's are when no TF_LOG*
// variable is set. The scale benchmark's no-op floor uses it, so the floor
// differs from srm_workload only in what the resource does.
func QuietServer(s tfprotov6.ProviderServer) tfprotov6.ProviderServer {
	return planserver.New(s, planserver.Options{Quiet: planserver.SilencePluginLogs()})
}
