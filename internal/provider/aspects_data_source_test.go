package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAspects_SevenRows(t *testing.T) {
	t.Parallel()
	rows := tfjsonpath.New("rows")
	unitTest(t, resource.TestStep{
		Config: `data "srm_aspects" "all" {}`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.srm_aspects.all", rows, knownvalue.ListSizeExact(7)),
			statecheck.ExpectKnownValue("data.srm_aspects.all", rows.AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
				"aspect":   knownvalue.StringExact("Datacenter Protection"),
				"provider": knownvalue.StringExact("Provider secures physical buildings and hardware"),
				"customer": knownvalue.Null(),
			})),
			statecheck.ExpectKnownValue("data.srm_aspects.all", rows.AtSliceIndex(5), knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"aspect":   knownvalue.StringExact("Application Security"),
				"provider": knownvalue.Null(),
			})),
			statecheck.ExpectKnownValue("data.srm_aspects.all", rows.AtSliceIndex(6).AtMapKey("aspect"), knownvalue.StringExact("Monitoring")),
		},
	})
}

func TestOnPremisesComparison_SixRows(t *testing.T) {
	t.Parallel()
	rows := tfjsonpath.New("rows")
	unitTest(t, resource.TestStep{
		Config: `data "srm_on_premises_comparison" "all" {}`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.srm_on_premises_comparison.all", rows, knownvalue.ListSizeExact(6)),
			statecheck.ExpectKnownValue("data.srm_on_premises_comparison.all", rows.AtSliceIndex(2), knownvalue.ObjectExact(map[string]knownvalue.Check{
				"component":   knownvalue.StringExact("OS Patching"),
				"on_premises": knownvalue.StringExact("Organization patches hypervisors and OS manually"),
				"cloud":       knownvalue.StringExact("Provider patches hypervisors; customer patches OS for VMs"),
			})),
		},
	})
}
