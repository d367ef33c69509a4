package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
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

// An exception's texts are bounded: each is carried into the waived
// finding's report entries, so an unbounded one multiplies the plan's size.
const (
	maxJustificationLength = 1024
	maxApproverLength      = 256
)

// groupDescription lists a group's controls: the group is a dynamic value,
// checked against the catalog, so the docs must say what it holds.
func groupDescription(m *model.Model, g model.Group) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s Domain `%s`. An object of these attributes; any other key is an error, so a misspelt control never passes silently. Omitting the attribute omits every control in it:", g.Description, g.Domain)
	for _, c := range m.GroupControls(g.ID) {
		_, name := c.Group()
		fmt.Fprintf(&b, "\n  - `%s` (%s) %s", name, typeWord(c), controlDescription(m, c))
	}
	return b.String()
}

func typeWord(c model.Control) string {
	switch c.Type {
	case model.TypeBool:
		return "Bool"
	case model.TypeNumber:
		return fmt.Sprintf("Number, whole, %d to %d", model.NumberMin, model.NumberMax)
	case model.TypeStringSet, model.TypeStringList:
		return "List of String"
	case model.TypeFirewallRules:
		return "List of rule objects `{ cidr_blocks, ipv6_cidr_blocks, from_port, to_port, protocol }`, read as firewall_findings reads them"
	}
	return "String"
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

// controlAttributes returns the groups, as dynamic values validated
// against the catalog, and the top-level controls.
func controlAttributes(m *model.Model) map[string]schema.Attribute {
	out := map[string]schema.Attribute{}
	for _, g := range m.Groups {
		out[g.ID] = schema.DynamicAttribute{Optional: true, MarkdownDescription: groupDescription(m, g)}
	}
	for _, c := range m.GroupControls("") {
		out[c.ID] = schema.ListAttribute{Optional: true, Sensitive: true, ElementType: types.StringType,
			MarkdownDescription: controlDescription(m, c) + " Sensitive: plan output masks it, but Terraform still " +
				"stores sensitive values in state. For text that must not be stored, call `provider::srm::secret_findings` " +
				"in a `precondition` instead. Feed it from `file()` or resource attributes, never from literals."}
	}
	return out
}

func workloadSchema(m *model.Model) schema.Schema {
	attrs := controlAttributes(m)
	strList := func(desc string) schema.ListAttribute {
		return schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: desc}
	}
	maps := map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true, MarkdownDescription: "A random identifier set at create; never derived from `name`, which may be sensitive."},
		"name": schema.StringAttribute{Required: true, MarkdownDescription: "Name of the workload, used in findings and errors.",
			Validators: []validator.String{stringvalidator.LengthBetween(1, 256)}},
		"service_model": schema.StringAttribute{Required: true,
			MarkdownDescription: "How the workload runs: " + backticked(m.ServiceModelIDs()) + ". Decides which domains the customer owns.",
			Validators:          []validator.String{oneOfValidator(m.ServiceModelIDs())}},
		"data_classification": schema.StringAttribute{Optional: true, Computed: true,
			Default:             stringdefault.StaticString("internal"),
			MarkdownDescription: "Sensitivity of the workload's data: " + backticked(model.Classifications) + ". Defaults to `internal`. `confidential` and `restricted` raise the data-protection and backup controls to the `strict` level.",
			Validators:          []validator.String{oneOfValidator(model.Classifications)}},
		"environment": schema.StringAttribute{Optional: true, MarkdownDescription: "Free-form environment label, e.g. `prod`."},
		"baseline": schema.StringAttribute{Optional: true, Computed: true,
			MarkdownDescription: "Preset baseline: " + backticked(m.BaselineIDs()) + ". Defaults to the provider's `default_baseline`. Conflicts with `custom_baseline`.",
			Validators: []validator.String{oneOfValidator(m.BaselineIDs()),
				stringvalidator.ConflictsWith(path.MatchRoot("custom_baseline"))}},
		"custom_baseline": schema.StringAttribute{Optional: true,
			MarkdownDescription: "A module author's baseline: the `spec` of an `srm_baseline` resource (`custom_baseline = srm_baseline.example.spec`). Replaces `baseline`.",
			Validators:          []validator.String{baselineSpecValidator()}},
		"exceptions": schema.ListNestedAttribute{Optional: true,
			MarkdownDescription: "Approved, expiring waivers. A valid, unexpired exception turns its control's violation into a `waived` finding. Expired exceptions, unknown control ids and locked controls are errors; exceptions that waive nothing or expire within 30 days are warnings.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"control": schema.StringAttribute{Required: true, MarkdownDescription: "The control id to waive, e.g. `backup.cross_region`.",
					Validators: []validator.String{controlIDValidator()}},
				"justification": schema.StringAttribute{Required: true,
					MarkdownDescription: fmt.Sprintf("Why the waiver is acceptable, at most %d characters.", maxJustificationLength),
					Validators:          []validator.String{stringvalidator.LengthBetween(1, maxJustificationLength), notBlankValidator()}},
				"approved_by": schema.StringAttribute{Required: true,
					MarkdownDescription: fmt.Sprintf("Who approved it, at most %d characters.", maxApproverLength),
					Validators:          []validator.String{stringvalidator.LengthBetween(1, maxApproverLength), notBlankValidator()}},
				"expires": schema.StringAttribute{Required: true, MarkdownDescription: "When the waiver ends: a date `YYYY-MM-DD` (valid through that day, UTC) or an RFC 3339 time.",
					Validators: []validator.String{dateValidator()}},
			}}},
		"required_controls": strList("Control ids the workload must declare under its baseline, in catalog order."),
		"evidence": schema.DynamicAttribute{Optional: true, Sensitive: true,
			MarkdownDescription: "Real resources whose planned values prove (or disprove) controls: an object from resource address to " +
				"that resource's object, `{ \"aws_db_instance.orders\" = aws_db_instance.orders }`. The type is read from the key " +
				"(`TYPE.NAME`, optionally behind `module.X.` and with `[index]`). A `for_each` resource passed whole (its map " +
				"of instances), or a `count` one (its list), is judged instance by instance under each instance's address " +
				"(`aws_security_group.db[\"a\"]`, string keys cut to four characters). A null object (`count = 0`) and a " +
				"resource type of the AWS, Azure or Google providers that no mapping reads are not judged, with a warning; " +
				"an object that is not the resource it claims to be (a wrapper, a misspelt attribute) is an error. Evidence fills a control the workload does not " +
				"declare and is checked even when it does: a declaration never hides a resource that violates the control. " +
				"Unknown values are deferred at plan and enforced at apply. Sensitive, because resource objects carry secrets; " +
				"findings name only the resource, the attribute and what was judged. The evidence coverage guide lists the types and attributes read. " +
				"Stored in state and written whole into Terraform's debug logs (see **Evidence in state and logs**): on Terraform 1.11 " +
				"or later, prefer `evidence_wo`."},
		evidenceWOAttribute: schema.DynamicAttribute{Optional: true, WriteOnly: true, Sensitive: true,
			MarkdownDescription: "`evidence`, write-only: the same object, read and judged exactly as `evidence` is, that " +
				"Terraform never stores in plan or state, so it is not in `terraform show` nor in the state's log lines. " +
				"Conflicts with `evidence`. Needs Terraform 1.11 or later (or OpenTofu 1.11 or later); an older client " +
				"refuses it with `WriteOnly Attribute Not Allowed`. Terraform cannot compare it with what it was, so a " +
				"workload that sets it is never treated as unchanged: its violations are always errors, on every plan."},
		"findings": schema.ListNestedAttribute{Computed: true,
			MarkdownDescription: "Every violated, waived or deferred control, in catalog order. Unknown at plan while a value it depends on is unknown.",
			NestedObject:        schema.NestedAttributeObject{Attributes: findingSchemaAttributes()}},
		"compliant": schema.BoolAttribute{Computed: true, MarkdownDescription: "True when no finding is `violated`. Unknown at plan while a value it depends on is unknown."},
	}
	for k, v := range maps {
		attrs[k] = v
	}
	return schema.Schema{
		Version: 0,
		MarkdownDescription: "A workload and the customer-owned security controls it declares or that the real " +
			"resources in `evidence` prove. At `terraform plan` the provider looks up who owns each domain under " +
			"`service_model` and fails the plan, on the line to change, when the workload omits or weakens a control its " +
			"baseline requires. A logical resource: it creates nothing outside Terraform state.\n\n" +
			"**Destroy.** Before `terraform destroy` Terraform runs an ordinary plan of the configuration and stops on any " +
			"provider error, and nothing in that request tells the provider it precedes a destroy (measured on Terraform " +
			"1.8.5 and 1.11.4 and OpenTofu 1.6.3). A workload whose configuration was edited into violation therefore " +
			"blocks `terraform destroy`; the first error of such a plan names the way around it, " +
			"`terraform destroy -refresh=false`, which skips that plan. A workload whose configuration is unchanged since it was stored is never blocked: its " +
			"findings are warnings. One that sets `evidence_wo` is never unchanged (below).\n\n" +
			"**Time.** An exception's expiry and a patch date's age are judged by the clock. A verdict one of them " +
			"decides is `(known after apply)` in the plan, whose diagnostics judge it by the clock at plan time, and is " +
			"decided once, when the apply runs: a saved plan applies whatever the clock does in between. An expiry takes " +
			"effect at the first plan or apply after it (a date is valid through that day, UTC), so a plan saved before " +
			"an expiry and applied after it fails its apply with `Exception Expired`. An unchanged workload keeps the " +
			"verdict it was stored with, and its plan's warnings say what the clock has changed since.\n\n" +
			"**Evidence.** Pass real resources by address (`data.` keys and whole `for_each`/`count` resources too, each " +
			"instance judged under its own address), or a `terraform_data` stand-in's `.input`, never the stand-in itself. " +
			"A value known at plan is judged at plan; one unknown until apply is judged during apply, after Terraform has " +
			"created the evidence resource the workload depends on, so the failing apply does not undo it. To stop such a " +
			"resource earlier, make its judged values known at plan, judge it with `provider::srm::resource_findings` in a " +
			"`postcondition` or `check` block, or run `srm audit` on the saved plan. The guide \"Wiring real resources as " +
			"evidence\" shows each.\n\n" +
			"**Many violations.** The first ten violations of a workload are errors of their own; the rest are counted " +
			"by control in one more error, and `findings` lists every one.\n\n" +
			"**State.** Like every Terraform value, the configuration is stored in state in full, `sensitive` ones " +
			"included (`secrets_scan`, `evidence`): sensitive only masks plan output. `evidence_wo` is the exception. Keep other text that must not be stored out " +
			"of the workload and check it with `provider::srm::secret_findings` in a `precondition`. Findings, messages " +
			"and diagnostics never quote more than four characters of a secret nor a value taken from evidence.\n\n" +
			"**Evidence in state and logs.** Measured with a password passed into a database's evidence object through a " +
			"`sensitive` variable, `TF_LOG=trace`, an apply then a plan. With `evidence`, on Terraform 1.8.5 and 1.13.3 alike: the " +
			"state and `terraform show -json` hold the password; the apply's log (no prior state) does not; every later run " +
			"that reads the state (plan, refresh, destroy) logs it whole once, in Terraform's own line " +
			"`[DEBUG] UpgradeResourceState: ignoring dynamic block`, which prints any dynamic attribute's stored value, " +
			"so `TF_LOG=debug` suffices; the framework's trace lines name paths inside it (resource addresses and " +
			"attribute names, never values). With `evidence_wo` on Terraform 1.13.3: the password is in none of the state, " +
			"`terraform show -json`, the plan output and the apply's and plan's trace logs, nor is anything else of the object; " +
			"the state holds `evidence_wo = null`, and the workload's findings and `compliant` as `evidence` would give them. " +
			"Terraform before 1.11 and OpenTofu before 1.11 (measured on 1.8.5 and 1.10.10) send no write-only support and " +
			"refuse a set `evidence_wo` at validate: `Error: WriteOnly Attribute Not Allowed` / `The resource contains a " +
			"non-null value for WriteOnly attribute evidence_wo. Write-only attributes are only supported in Terraform 1.11 " +
			"and later.` (the same text on OpenTofu); use `evidence` there. OpenTofu 1.11 takes write-only attributes " +
			"(opentofu.org/docs/language/ephemerality/write-only-attributes), not measured here. Neither plan nor state holds " +
			"`evidence_wo`, so Terraform cannot show the provider whether it changed: a workload that sets it is never treated " +
			"as unchanged, and its violations are errors on every plan, including the one `terraform destroy` runs first " +
			"(see **Destroy**).",
		Attributes: attrs,
	}
}
