package provider

import (
	"context"
	"fmt"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/shared-responsibility/terraform-provider-srm/internal/evidence"
	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/pipeline"
)

// leakSecret is shaped like a credential: 40 characters, mixed case and
// digits, no word any message could contain by chance.
const leakSecret = "Zq7xKp2VwR9mTb4NcY6hLd8FsJ3gQe5Ua1XoWi0P"

// leaked returns the longest run of more than finding.MaxShown characters
// of leakSecret in text, or "".
func leaked(text string) string {
	if part := longestSecretFragment(text, leakSecret); len(part) > finding.MaxShown {
		return part
	}
	return ""
}

// runFunction runs a function in process, with arguments converted to the
// parameters' types, and returns its result and error as text.
func runFunction(t *testing.T, f function.Function, args []tftypes.Value) (string, *function.FuncError) {
	t.Helper()
	ctx := context.Background()
	var def function.DefinitionResponse
	f.Definition(ctx, function.DefinitionRequest{}, &def)
	values := make([]attr.Value, 0, len(args))
	params := def.Definition.Parameters
	var variadic []attr.Value
	var variadicTypes []attr.Type
	for i, a := range args {
		var typ attr.Type
		if i < len(params) {
			typ = params[i].GetType()
		} else {
			typ = def.Definition.VariadicParameter.GetType()
		}
		v, err := typ.ValueFromTerraform(ctx, a)
		if err != nil {
			t.Fatalf("argument %d: %v", i, err)
		}
		if i < len(params) {
			values = append(values, v)
		} else {
			variadic = append(variadic, v)
			variadicTypes = append(variadicTypes, typ)
		}
	}
	if def.Definition.VariadicParameter != nil {
		values = append(values, types.TupleValueMust(variadicTypes, variadic))
	}
	result, ferr := def.Definition.Return.NewResultData(ctx)
	if ferr != nil {
		t.Fatal(ferr)
	}
	resp := function.RunResponse{Result: result}
	f.Run(ctx, function.RunRequest{Arguments: function.NewArgumentsData(values)}, &resp)
	out := ""
	if v := resp.Result.Value(); v != nil {
		out = v.String()
	}
	return out, resp.Error
}

func tfStr(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

func tfObj(attrs map[string]tftypes.Value) tftypes.Value {
	typs := map[string]tftypes.Type{}
	for k, v := range attrs {
		typs[k] = v.Type()
	}
	return tftypes.NewValue(tftypes.Object{AttributeTypes: typs}, attrs)
}

func tfTuple(elems ...tftypes.Value) tftypes.Value {
	typs := make([]tftypes.Type, len(elems))
	for i, e := range elems {
		typs[i] = e.Type()
	}
	return tftypes.NewValue(tftypes.Tuple{ElementTypes: typs}, elems)
}

// functionCase is a function's valid arguments; each case below puts the
// secret in one place of them.
var validArguments = map[string][]tftypes.Value{
	"owner":                        {tfStr("paas"), tfStr("data_protection")},
	"customer_domains":             {tfStr("paas")},
	"required_controls":            {tfStr("paas"), tfStr("standard")},
	"is_public_cidr":               {tfStr("10.0.0.0/8")},
	"secret_findings":              {tfStr("nothing here")},
	"iam_policy_findings":          {tfStr("{}")},
	"bucket_policy_findings":       {tfStr("{}")},
	"patch_findings":               {tfStr("2026-01-01"), tftypes.NewValue(tftypes.Number, big.NewFloat(30))},
	"firewall_findings":            {tfTuple()},
	"public_access_block_findings": {tfObj(map[string]tftypes.Value{"block_public_acls": tftypes.NewValue(tftypes.Bool, true)})},
	"resource_findings":            {tfStr("aws_db_instance"), tfObj(map[string]tftypes.Value{})},
	"resource_controls":            {tfStr("aws_db_instance"), tfObj(map[string]tftypes.Value{})},
	"report":                       {tfStr("json"), tfTuple()},
}

// secretPlacements are wrong values holding the secret, for a parameter of
// each kind.
func secretPlacements(p function.Parameter) []tftypes.Value {
	switch p.(type) {
	case function.StringParameter:
		return []tftypes.Value{tfStr(leakSecret)}
	case function.NumberParameter:
		return nil
	}
	return []tftypes.Value{
		tfStr(leakSecret),
		tfTuple(tfStr(leakSecret)),
		tfObj(map[string]tftypes.Value{"storage_encrypted": tfStr(leakSecret), "block_public_acls": tfStr(leakSecret)}),
		tfTuple(tfObj(map[string]tftypes.Value{"cidr_blocks": tfTuple(tfStr(leakSecret)), "from_port": tfStr(leakSecret)})),
		tfTuple(tfObj(map[string]tftypes.Value{"name": tfStr("w"), "service_model": tfStr(leakSecret)})),
		tfTuple(tfObj(map[string]tftypes.Value{"name": tfStr("w"), "service_model": tfStr("paas"),
			"encryption": tfObj(map[string]tftypes.Value{"min_tls_version": tfStr(leakSecret)})})),
		tfTuple(tfObj(map[string]tftypes.Value{"name": tfStr("w"), "service_model": tfStr("paas"), "baseline": tfStr(leakSecret)})),
		tfTuple(tfObj(map[string]tftypes.Value{"name": tfStr("w"), "service_model": tfStr("paas"),
			"logging": tfObj(map[string]tftypes.Value{"retention_days": tfStr(leakSecret)})})),
	}
}

// No function's result or error shows more than four characters of a
// secret-shaped wrong argument, wherever it is passed.
func TestFunctionsNeverEchoAWrongArgument(t *testing.T) {
	p, ok := New("test")().(provider.ProviderWithFunctions)
	if !ok {
		t.Fatal("the provider has no functions")
	}
	ran := 0
	for _, newFunction := range p.Functions(context.Background()) {
		f := newFunction()
		var md function.MetadataResponse
		f.Metadata(context.Background(), function.MetadataRequest{}, &md)
		valid, ok := validArguments[md.Name]
		if !ok {
			t.Errorf("%s: no valid arguments in this test; add them", md.Name)
			continue
		}
		var def function.DefinitionResponse
		f.Definition(context.Background(), function.DefinitionRequest{}, &def)
		params := def.Definition.Parameters
		if def.Definition.VariadicParameter != nil {
			params = append(params, def.Definition.VariadicParameter)
		}
		for i, param := range params {
			for _, wrong := range secretPlacements(param) {
				args := append([]tftypes.Value{}, valid...)
				if i < len(args) {
					args[i] = wrong
				} else {
					args = append(args, wrong)
				}
				out, ferr := runFunction(t, f, args)
				text := out
				if ferr != nil {
					text += ferr.Text
				}
				ran++
				if part := leaked(text); part != "" {
					t.Errorf("%s(%s = %s): the output shows %q of the secret:\n%s", md.Name, param.GetName(), wrong, part, text)
				}
			}
		}
	}
	if ran < 20 {
		t.Errorf("only %d calls ran; the check proves little", ran)
	}
}

// validateAlone runs a validator on the secret without a configuration;
// false when the validator needs one.
func validateAlone(ctx context.Context, v validator.String, resp *validator.StringResponse) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	v.ValidateString(ctx, validator.StringRequest{Path: path.Root("x"), ConfigValue: types.StringValue(leakSecret)}, resp)
	return true
}

// No attribute validator of the provider, a resource or a data source
// quotes more than
// four characters of a wrong value, and neither does srm_workload's
// pipeline for the values it reads.
func TestAttributesNeverEchoAWrongValue(t *testing.T) {
	ctx := context.Background()
	p := New("test")()
	checked := 0
	check := func(where string, validators []validator.String) {
		for _, v := range validators {
			var resp validator.StringResponse
			if !validateAlone(ctx, v, &resp) {
				continue // it reads other attributes (ConflictsWith), and shows none of this one
			}
			checked++
			for _, d := range resp.Diagnostics {
				if part := leaked(d.Summary() + d.Detail()); part != "" {
					t.Errorf("%s: a validator shows %q of the secret: %s", where, part, d.Detail())
				}
			}
		}
	}
	for where, validators := range allStringValidators(ctx, p) {
		check(where, validators)
	}
	if checked < 20 {
		t.Errorf("only %d validators ran; the check proves little", checked)
	}

	engine, err := evidence.New(model.Default())
	if err != nil {
		t.Fatal(err)
	}
	cfg := pipeline.Config{Evidence: engine}
	base := func() map[string]any { return map[string]any{"name": "w", "service_model": "paas"} }
	m := model.Default()
	var cases []map[string]any
	for _, key := range []string{"service_model", "data_classification", "baseline", "custom_baseline", "evidence", "exceptions"} {
		o := base()
		o[key] = leakSecret
		cases = append(cases, o)
	}
	for _, c := range m.Controls {
		group, name := c.Group()
		o := base()
		if group == "" {
			o[c.ID] = leakSecret
		} else {
			o[group] = map[string]any{name: leakSecret}
		}
		cases = append(cases, o)
	}
	ex := base()
	ex["exceptions"] = []any{map[string]any{"control": leakSecret, "justification": "j", "approved_by": "a", "expires": "2026-01-01"}}
	ev := base()
	ev["evidence"] = map[string]any{"aws_db_instance.x": map[string]any{"storage_encrypted": leakSecret, "backup_retention_period": leakSecret}}
	cases = append(cases, ex, ev)
	for _, o := range cases {
		out := pipeline.Workload(cfg, o)
		text := fmt.Sprint(out.Errors)
		for _, f := range out.Result.Findings {
			text += f.Message + f.Detail + f.Remediation
		}
		for _, n := range out.Result.Notices {
			text += n.Detail
		}
		if part := leaked(text); part != "" {
			t.Errorf("srm_workload %v: shows %q of the secret: %s", o, part, text)
		}
	}
}
