package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var ruleObjectType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
	"cidr_blocks":      tftypes.List{ElementType: tftypes.String},
	"ipv6_cidr_blocks": tftypes.List{ElementType: tftypes.String},
	"from_port":        tftypes.Number,
	"to_port":          tftypes.Number,
	"protocol":         tftypes.String,
	"description":      tftypes.String,
}}

// ruleTuple builds what Terraform sends for a tuple of n rule objects, as a
// [for ...] expression produces, every tenth one world-open on SSH.
func ruleTuple(n int) tftypes.Value {
	types := make([]tftypes.Type, n)
	vals := make([]tftypes.Value, n)
	for i := range n {
		cidr, port := "10.0.0.0/8", 443
		if i%10 == 0 {
			cidr, port = "0.0.0.0/0", 22
		}
		types[i] = ruleObjectType
		vals[i] = tftypes.NewValue(ruleObjectType, map[string]tftypes.Value{
			"cidr_blocks":      tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, cidr)}),
			"ipv6_cidr_blocks": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{}),
			"from_port":        tftypes.NewValue(tftypes.Number, port),
			"to_port":          tftypes.NewValue(tftypes.Number, port),
			"protocol":         tftypes.NewValue(tftypes.String, "tcp"),
			"description":      tftypes.NewValue(tftypes.String, "rule"),
		})
	}
	return tftypes.NewValue(tftypes.Tuple{ElementTypes: types}, vals)
}

// callFunction runs one provider function through the protocol server the
// way Terraform calls it, arguments encoded as on the wire.
func callFunction(tb testing.TB, server tfprotov6.ProviderServer, name string, args ...*tfprotov6.DynamicValue) *tfprotov6.CallFunctionResponse {
	tb.Helper()
	resp, err := server.CallFunction(context.Background(), &tfprotov6.CallFunctionRequest{Name: name, Arguments: args})
	if err != nil {
		tb.Fatal(err)
	}
	return resp
}

func dynamicArgument(tb testing.TB, v tftypes.Value) *tfprotov6.DynamicValue {
	tb.Helper()
	dv, err := tfprotov6.NewDynamicValue(tftypes.DynamicPseudoType, v)
	if err != nil {
		tb.Fatal(err)
	}
	return &dv
}

// BenchmarkFirewallFindingsFunction measures firewall_findings on 100,000
// rules through the provider's protocol server: decoding the argument,
// converting it, detecting and encoding the result.
func BenchmarkFirewallFindingsFunction(b *testing.B) {
	server := NewProtocol6Server("bench")()
	arg := dynamicArgument(b, ruleTuple(100_000))
	b.ReportAllocs()
	for b.Loop() {
		resp := callFunction(b, server, "firewall_findings", arg)
		if resp.Error != nil {
			b.Fatal(resp.Error.Text)
		}
	}
}
