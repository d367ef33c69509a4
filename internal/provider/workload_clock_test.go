package provider

import (
	"context"
	"regexp"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// movingClock serves the provider with a clock at before until the first
// plan of a workload is made (the saved plan) and at after from then on
// (its apply, which plans the workload again): the clock crosses an expiry
// or midnight between plan and apply.
func movingClock(before, after time.Time) map[string]func() (tfprotov6.ProviderServer, error) {
	var plans atomic.Int32
	now := func() time.Time {
		if plans.Load() == 0 {
			return before
		}
		return after
	}
	return map[string]func() (tfprotov6.ProviderServer, error){
		"srm": func() (tfprotov6.ProviderServer, error) {
			return countingPlans{newProtocol6Server(&srmProvider{version: "test", now: now})(), &plans}, nil
		},
	}
}

// countingPlans counts the workload plans it has answered.
type countingPlans struct {
	tfprotov6.ProviderServer
	plans *atomic.Int32
}

func (c countingPlans) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	defer c.plans.Add(1)
	return c.ProviderServer.PlanResourceChange(ctx, req)
}

const waivedUntil2030 = `{
    control       = "backup.enabled"
    justification = "Stateless service"
    approved_by   = "security-team"
    expires       = "2030-01-31"
  }`

var (
	beforeExpiry = time.Date(2030, 1, 31, 23, 59, 0, 0, time.UTC)
	afterExpiry  = time.Date(2030, 2, 1, 0, 1, 0, 0, time.UTC)
)

// A saved plan made before an exception expires and applied after it is
// never "inconsistent": the waived verdict waits for apply, which decides it
// once. In warn mode the apply stores the violation.
func TestWorkload_SavedPlanAcrossExpiryWarn(t *testing.T) {
	t.Parallel()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: movingClock(beforeExpiry, afterExpiry),
		Steps: []resource.TestStep{{
			Config: "provider \"srm\" {\n  enforcement = \"warn\"\n}\n" + exceptionWorkload(waivedUntil2030),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("srm_workload.api", tfjsonpath.New("compliant"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("srm_workload.api", tfjsonpath.New("findings"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"control": knownvalue.StringExact("backup.enabled"),
						"status":  knownvalue.StringExact("violated"),
					}),
				})),
			},
		}},
	})
}

// In error mode the same crossing fails the apply with the expiry, as a
// plan made after it would, and never with a provider bug.
func TestWorkload_SavedPlanAcrossExpiryError(t *testing.T) {
	t.Parallel()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: movingClock(beforeExpiry, afterExpiry),
		Steps: []resource.TestStep{{
			Config:      exceptionWorkload(waivedUntil2030),
			ExpectError: regexp.MustCompile(`(?s)^(?:[^i]|i[^n]|in[^c])*Exception Expired(?:[^i]|i[^n]|in[^c])*$`),
		}},
	})
}

// A patch date judged across midnight: the age passes the bound between
// plan (30 days) and apply (31 days), and the saved plan still applies; in
// warn mode the apply stores the violation.
func TestWorkload_SavedPlanAcrossMidnight(t *testing.T) {
	t.Parallel()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: movingClock(time.Date(2030, 3, 1, 23, 59, 0, 0, time.UTC), time.Date(2030, 3, 2, 0, 1, 0, 0, time.UTC)),
		Steps: []resource.TestStep{{
			Config: `
provider "srm" {
  enforcement = "warn"
}

resource "srm_workload" "api" {
  name          = "payments-api"
  service_model = "iaas"
  baseline      = "minimum"
  identity      = { mfa_required = true, least_privilege = true }
  network       = { segmented = true }
  encryption    = { at_rest = true, in_transit = true }
  hardening     = { os_patching = true, max_patch_age_days = 30, last_patched = "2030-01-30" }
  logging       = { enabled = true }
  backup        = { enabled = true }
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("srm_workload.api", tfjsonpath.New("compliant"), knownvalue.Bool(false)),
			},
		}},
	})
}

// An exception that expires while the workload stays as it is: by default
// the next plan only warns (CI stays green); with expired_exceptions =
// "error" every plan fails on it, changed or not, warn enforcement too.
func TestWorkload_ExpiredExceptionsGate(t *testing.T) {
	t.Parallel()
	var expired atomic.Bool
	now := func() time.Time {
		if expired.Load() {
			return afterExpiry
		}
		return beforeExpiry
	}
	factories := map[string]func() (tfprotov6.ProviderServer, error){
		"srm": func() (tfprotov6.ProviderServer, error) {
			return newProtocol6Server(&srmProvider{version: "test", now: now})(), nil
		},
	}
	expire := func() { expired.Store(true) }
	workload := exceptionWorkload(waivedUntil2030)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			{Config: workload},
			// Default: the unchanged workload's plan succeeds, with the
			// expiry as a warning.
			{PreConfig: expire, Config: workload, PlanOnly: true},
			{
				Config:      "provider \"srm\" {\n  expired_exceptions = \"error\"\n}\n" + workload,
				PlanOnly:    true,
				ExpectError: errorMatching(`Exception Expired`, `exceptions[0].expires: The exception for "backup.enabled" expired 2030-01-31`, `expired_exceptions = "error" fails every plan`),
			},
			{
				Config:      "provider \"srm\" {\n  enforcement = \"warn\"\n  expired_exceptions = \"error\"\n}\n" + workload,
				PlanOnly:    true,
				ExpectError: errorMatching(`Exception Expired`),
			},
		},
	})
}

func TestProvider_BadExpiredExceptions(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config:      "provider \"srm\" {\n  expired_exceptions = \"fail\"\n}\ndata \"srm_aspects\" \"x\" {}\n",
		ExpectError: errorMatching(`expired_exceptions`, `value must be one of`, `"warn_when_unchanged"`, `"error"`),
	})
}
