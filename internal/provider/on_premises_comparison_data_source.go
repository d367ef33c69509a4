package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// NewOnPremisesComparisonDataSource returns the srm_on_premises_comparison data source.
func NewOnPremisesComparisonDataSource() datasource.DataSource {
	return &seedTableDataSource{
		typeSuffix: "_on_premises_comparison",
		description: "The six components of \"On-Premises vs Cloud Security Responsibilities\": who does what " +
			"on premises and in the cloud, in the order of the model's founding document.",
		rowDoc: "One row per security component.",
		columns: []tableColumn{
			{"component", "The security component, e.g. `OS Patching`."},
			{"on_premises", "Who does what on premises."},
			{"cloud", "Who does what in the cloud."},
		},
		rows: func() []map[string]attr.Value {
			var rows []map[string]attr.Value
			for _, c := range model.Default().Comparison {
				rows = append(rows, map[string]attr.Value{
					"component": types.StringValue(c.Component), "on_premises": types.StringValue(c.OnPremises), "cloud": types.StringValue(c.Cloud),
				})
			}
			return rows
		},
	}
}
