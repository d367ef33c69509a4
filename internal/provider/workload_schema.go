package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// The workload schema's control groups and attributes are generated from the
// control catalog, so adding a control to the catalog adds its attribute,
// its rule, its docs and its error text at once.

var findingObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"control":     types.StringType,
	"domain":      types.StringType,
	"owner":       types.StringType,
	"severity":    types.StringType,
	"status":      types.StringType,
	"message":     types.StringType,
	"remediation": types.StringType,
	"references":  types.ListType{ElemType: types.StringType},
}}

var ingressRuleAttributes = map[string]schema.Attribute{
	"cidr_blocks": schema.ListAttribute{
		Optional: true, ElementType: types.StringType,
		MarkdownDescription: "Source CIDR blocks, IPv4 or IPv6 (`0.0.0.0/0` and `::/0` are the whole internet).",
	},
	"from_port": schema.NumberAttribute{
		Optional: true, MarkdownDescription: "First port of the range, 0 to 65535 (`-1` with protocol `-1` means all).",
		Validators: []validator.Number{wholeNumberBetween{-1, 65535}},
	},
	"to_port": schema.NumberAttribute{
		Optional: true, MarkdownDescription: "Last port of the range, 0 to 65535.",
		Validators: []validator.Number{wholeNumberBetween{-1, 65535}},
	},
	"protocol": schema.StringAttribute{
		Optional: true, MarkdownDescription: "`tcp`, `udp`, `icmp`, or `-1`/`all` for every protocol.",
	},
}

// controlAttribute builds the schema attribute of one catalog control.
func controlAttribute(m *model.Model, c model.Control) schema.Attribute {
	desc := controlDescription(m, c)
	switch c.Type {
	case model.TypeBool:
		return schema.BoolAttribute{Optional: true, MarkdownDescription: desc}
	case model.TypeNumber:
		return schema.NumberAttribute{Optional: true, MarkdownDescription: desc,
			Validators: []validator.Number{wholeNumberBetween{0, 36500}}}
	case model.TypeVersion:
		return schema.StringAttribute{Optional: true, MarkdownDescription: desc,
			Validators: []validator.String{stringvalidator.OneOf(c.Enum...)}}
	case model.TypeJSON:
		return schema.StringAttribute{Optional: true, MarkdownDescription: desc,
			Validators: []validator.String{jsonObjectValidator()}}
	case model.TypeDate:
		return schema.StringAttribute{Optional: true, MarkdownDescription: desc,
			Validators: []validator.String{dateValidator()}}
	case model.TypeStringSet:
		return schema.SetAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: desc}
	case model.TypeStringList:
		return schema.ListAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: desc}
	case model.TypeFirewallRules:
		return schema.ListNestedAttribute{Optional: true, MarkdownDescription: desc,
			NestedObject: schema.NestedAttributeObject{Attributes: ingressRuleAttributes}}
	}
	return schema.StringAttribute{Optional: true, MarkdownDescription: desc}
}

// controlDescription says what the control means, its domain and severity,
// and which preset baselines ask for it.
func controlDescription(m *model.Model, c model.Control) string {
	var b strings.Builder
	b.WriteString(c.Description)
	if len(c.Enum) > 0 {
		fmt.Fprintf(&b, " One of %s.", backticked(c.Enum))
	}
	fmt.Fprintf(&b, " Control `%s`, domain `%s`, severity `%s`.", c.ID, c.Domain, c.Severity)
	if asked := presetSummary(m, c); asked != "" {
		b.WriteString(" " + asked)
	}
	return b.String()
}

func presetSummary(m *model.Model, c model.Control) string {
	var parts []string
	for _, b := range m.BaselineIDs() {
		r, ok := c.Rules[b]
		if !ok {
			continue
		}
		var want []string
		switch {
		case r.Expect != nil:
			want = append(want, fmt.Sprintf("must not be `%t`", !*r.Expect))
		case r.Required && c.Type == model.TypeBool:
			want = append(want, "required `true`")
		case r.Required:
			want = append(want, "required")
		}
		if r.Min != nil {
			want = append(want, fmt.Sprintf("at least %g", *r.Min))
		}
		if r.Max != nil {
			want = append(want, fmt.Sprintf("at most %g", *r.Max))
		}
		if c.Detector != "" && len(want) == 0 {
			want = append(want, "checked when set")
		}
		if r.MinClassification != "" {
			want = append(want, "for `"+r.MinClassification+"` data and above")
		}
		parts = append(parts, fmt.Sprintf("`%s`: %s", b, strings.Join(want, ", ")))
	}
	if len(parts) == 0 {
		return "No preset baseline asks for it; a custom `srm_baseline` can."
	}
	return "Baselines (each includes the ones before it): " + strings.Join(parts, "; ") + "."
}

// controlAttributes returns the group blocks and top-level controls.
func controlAttributes(m *model.Model) map[string]schema.Attribute {
	out := map[string]schema.Attribute{}
	for _, g := range m.Groups {
		nested := map[string]schema.Attribute{}
		for _, c := range m.GroupControls(g.ID) {
			_, name := c.Group()
			nested[name] = controlAttribute(m, c)
		}
		out[g.ID] = schema.SingleNestedAttribute{
			Optional:            true,
			Attributes:          nested,
			MarkdownDescription: g.Description + " Domain `" + g.Domain + "`. Omitting the block omits every control in it.",
		}
	}
	for _, c := range m.GroupControls("") {
		out[c.ID] = controlAttribute(m, c)
	}
	return out
}

func workloadSchema(m *model.Model) schema.Schema {
	attrs := controlAttributes(m)
	strList := func(desc string) schema.ListAttribute {
		return schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: desc}
	}
	maps := map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The workload's name."},
		"name": schema.StringAttribute{Required: true, MarkdownDescription: "Name of the workload, used in findings and errors.",
			Validators: []validator.String{stringvalidator.LengthBetween(1, 256)}},
		"service_model": schema.StringAttribute{Required: true,
			MarkdownDescription: "How the workload runs: " + backticked(m.ServiceModelIDs()) + ". Decides which domains the customer owns.",
			Validators:          []validator.String{stringvalidator.OneOf(m.ServiceModelIDs()...)}},
		"data_classification": schema.StringAttribute{Optional: true, Computed: true,
			Default:             stringdefault.StaticString("internal"),
			MarkdownDescription: "Sensitivity of the workload's data: " + backticked(model.Classifications) + ". Defaults to `internal`. `confidential` and `restricted` raise the data-protection and backup controls to the `strict` level.",
			Validators:          []validator.String{stringvalidator.OneOf(model.Classifications...)}},
		"environment": schema.StringAttribute{Optional: true, MarkdownDescription: "Free-form environment label, e.g. `prod`."},
		"baseline": schema.StringAttribute{Optional: true, Computed: true,
			MarkdownDescription: "Preset baseline: " + backticked(m.BaselineIDs()) + ". Defaults to the provider's `default_baseline`. Conflicts with `custom_baseline`.",
			Validators: []validator.String{stringvalidator.OneOf(m.BaselineIDs()...),
				stringvalidator.ConflictsWith(path.MatchRoot("custom_baseline"))}},
		"custom_baseline": schema.StringAttribute{Optional: true,
			MarkdownDescription: "A module author's baseline: the `spec` of an `srm_baseline` resource (`custom_baseline = srm_baseline.example.spec`). Replaces `baseline`.",
			Validators:          []validator.String{baselineSpecValidator()}},
		"exceptions": schema.ListNestedAttribute{Optional: true,
			MarkdownDescription: "Approved, expiring waivers. A valid, unexpired exception turns its control's violation into a `waived` finding. Expired exceptions, unknown control ids and locked controls are errors; exceptions that waive nothing or expire within 30 days are warnings.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"control": schema.StringAttribute{Required: true, MarkdownDescription: "The control id to waive, e.g. `backup.cross_region`.",
					Validators: []validator.String{controlIDValidator()}},
				"justification": schema.StringAttribute{Required: true, MarkdownDescription: "Why the waiver is acceptable.",
					Validators: []validator.String{stringvalidator.LengthAtLeast(1), notBlankValidator()}},
				"approved_by": schema.StringAttribute{Required: true, MarkdownDescription: "Who approved it.",
					Validators: []validator.String{stringvalidator.LengthAtLeast(1), notBlankValidator()}},
				"expires": schema.StringAttribute{Required: true, MarkdownDescription: "When the waiver ends: a date `YYYY-MM-DD` (valid through that day, UTC) or an RFC 3339 time.",
					Validators: []validator.String{dateValidator()}},
			}}},
		"customer_domains":  strList("Domains the customer owns alone under `service_model`, in matrix order."),
		"provider_domains":  strList("Domains the cloud provider owns under `service_model`; they never require anything."),
		"shared_domains":    strList("Domains where both sides have duties under `service_model`."),
		"required_controls": strList("Control ids the workload must declare under its baseline, in catalog order."),
		"findings": schema.ListNestedAttribute{Computed: true,
			MarkdownDescription: "Every violated, waived or deferred control, in catalog order. Unknown at plan while a value it depends on is unknown.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"control":     schema.StringAttribute{Computed: true, MarkdownDescription: "Control id."},
				"domain":      schema.StringAttribute{Computed: true, MarkdownDescription: "The control's domain."},
				"owner":       schema.StringAttribute{Computed: true, MarkdownDescription: "Who owns the domain under `service_model`: `customer` or `shared`."},
				"severity":    schema.StringAttribute{Computed: true, MarkdownDescription: "`critical`, `high`, `medium` or `low`."},
				"status":      schema.StringAttribute{Computed: true, MarkdownDescription: "`violated`, `waived` (by an exception) or `deferred` (value unknown until apply)."},
				"message":     schema.StringAttribute{Computed: true, MarkdownDescription: "What is wrong and what would satisfy the control."},
				"remediation": schema.StringAttribute{Computed: true, MarkdownDescription: "How to fix it."},
				"references":  schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Framework references."},
			}}},
		"compliant": schema.BoolAttribute{Computed: true, MarkdownDescription: "True when no finding is `violated`. Unknown at plan while a value it depends on is unknown."},
	}
	for k, v := range maps {
		attrs[k] = v
	}
	return schema.Schema{
		Version: 0,
		MarkdownDescription: "A workload and the customer-owned security controls it declares. At `terraform plan` the " +
			"provider looks up who owns each domain under `service_model` and fails the plan, on the attribute to change, " +
			"when the workload omits or weakens a control its baseline requires. A logical resource: it creates nothing " +
			"outside Terraform state, and destroying it is never blocked.",
		Attributes: attrs,
	}
}
