package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

var _ datasource.DataSource = (*seedTableDataSource)(nil)

// NewAspectsDataSource returns the srm_aspects data source.
func NewAspectsDataSource() datasource.DataSource {
	return &seedTableDataSource{
		typeSuffix: "_aspects",
		description: "The seven aspects of \"Security Of the Cloud vs Security In the Cloud\": for each, what the " +
			"cloud provider secures and what the customer secures, in the order of the model's founding document.",
		rowDoc: "One row per aspect.",
		columns: []tableColumn{
			{"aspect", "The aspect, e.g. `Datacenter Protection`."},
			{"provider", "Security of the cloud: the provider's part; null where not applicable."},
			{"customer", "Security in the cloud: the customer's part; null where not applicable."},
		},
		rows: func() []map[string]attr.Value {
			var rows []map[string]attr.Value
			for _, a := range model.Default().Aspects {
				rows = append(rows, map[string]attr.Value{
					"aspect": types.StringValue(a.Aspect), "provider": optionalString(a.Provider), "customer": optionalString(a.Customer),
				})
			}
			return rows
		},
	}
}
