package provider

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

func sortedNames[V any](m map[string]V) []string { return sortedKeys(m) }

func tableNames(s finding.Shape) []string {
	names := finding.Names(finding.FieldsOf(s))
	slices.Sort(names)
	return names
}

// Every finding object the provider exposes has exactly the table's
// attributes for its shape.
func TestFindingObjectsComeFromTheTable(t *testing.T) {
	var rs resource.SchemaResponse
	NewWorkloadResource().Schema(context.Background(), resource.SchemaRequest{}, &rs)
	findings, ok := rs.Schema.Attributes["findings"].(schema.ListNestedAttribute)
	if !ok {
		t.Fatalf("findings is a %T", rs.Schema.Attributes["findings"])
	}
	if got := sortedNames(findings.NestedObject.Attributes); !slices.Equal(got, tableNames(finding.ShapeWorkload)) {
		t.Errorf("srm_workload findings: %v, want %v", got, tableNames(finding.ShapeWorkload))
	}
	for _, tc := range []struct {
		f     function.Function
		shape finding.Shape
	}{
		{NewResourceFindingsFunction(), finding.ShapeResource},
		{NewFirewallFindingsFunction(), finding.ShapeDetector},
		{NewSecretFindingsFunction(), finding.ShapeDetector},
		{NewIAMPolicyFindingsFunction(), finding.ShapeDetector},
		{NewBucketPolicyFindingsFunction(), finding.ShapeDetector},
		{NewPatchFindingsFunction(), finding.ShapeDetector},
		{NewPublicAccessBlockFindingsFunction(), finding.ShapeDetector},
	} {
		var md function.MetadataResponse
		tc.f.Metadata(context.Background(), function.MetadataRequest{}, &md)
		var def function.DefinitionResponse
		tc.f.Definition(context.Background(), function.DefinitionRequest{}, &def)
		list, ok := def.Definition.Return.(function.ListReturn)
		if !ok {
			t.Errorf("%s returns a %T", md.Name, def.Definition.Return)
			continue
		}
		elem, ok := list.ElementType.(types.ObjectType)
		if !ok || !slices.Equal(sortedNames(elem.AttrTypes), tableNames(tc.shape)) {
			t.Errorf("%s returns %v, want objects of %v", md.Name, list.ElementType, tableNames(tc.shape))
		}
	}
}

// The catalog's reserved names are exactly srm_workload's own attributes,
// so a group or top-level control can never shadow one.
func TestReservedAttributesAreTheWorkloadsOwn(t *testing.T) {
	m := model.Default()
	var own []string
	for name := range workloadSchema(m).Attributes {
		if _, isControl := m.Control(name); isControl || slices.ContainsFunc(m.Groups, func(g model.Group) bool { return g.ID == name }) {
			continue
		}
		own = append(own, name)
	}
	slices.Sort(own)
	reserved := slices.Sorted(slices.Values(model.ReservedAttributes))
	if !slices.Equal(own, reserved) {
		t.Errorf("srm_workload's own attributes %v, model.ReservedAttributes %v", own, reserved)
	}
	if detect.MaxPatchAgeDays != model.NumberMax {
		t.Errorf("patch_findings accepts up to %d days, srm_workload %d", detect.MaxPatchAgeDays, model.NumberMax)
	}
}
