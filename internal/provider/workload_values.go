package provider

import (
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// The workload's control values are read generically from the raw plan, by
// walking the catalog, so no Go struct repeats the catalog's attributes.

// rawObject splits an object value into its attributes; ok is false when
// the value is null or unknown.
func rawObject(v tftypes.Value) (map[string]tftypes.Value, bool) {
	if v.IsNull() || !v.IsKnown() {
		return nil, false
	}
	var out map[string]tftypes.Value
	if err := v.As(&out); err != nil {
		return nil, false
	}
	return out, true
}

// rawString reads a known string; state reports null or unknown.
func rawString(v tftypes.Value) (string, policy.State) {
	if !v.IsKnown() {
		return "", policy.Unknown
	}
	if v.IsNull() {
		return "", policy.Null
	}
	var s string
	if err := v.As(&s); err != nil {
		return "", policy.Null
	}
	return s, policy.Known
}

// readControlValues reads every catalog control from the plan's attributes.
func readControlValues(m *model.Model, top map[string]tftypes.Value) (map[string]policy.Value, error) {
	out := make(map[string]policy.Value, len(m.Controls))
	for _, c := range m.Controls {
		group, name := c.Group()
		raw, present := top[name]
		if group != "" {
			g := top[group]
			switch {
			case !g.IsKnown():
				out[c.ID] = policy.Value{State: policy.Unknown}
				continue
			case g.IsNull():
				out[c.ID] = policy.Value{State: policy.Null, GroupOmitted: true}
				continue
			}
			attrs, _ := rawObject(g)
			raw, present = attrs[name]
		}
		if !present {
			out[c.ID] = policy.Value{}
			continue
		}
		v, err := controlValue(c, raw)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.ID, err)
		}
		out[c.ID] = v
	}
	return out, nil
}

func controlValue(c model.Control, raw tftypes.Value) (policy.Value, error) {
	if !raw.IsFullyKnown() {
		return policy.Value{State: policy.Unknown}, nil
	}
	if raw.IsNull() {
		return policy.Value{}, nil
	}
	var err error
	v := policy.Value{State: policy.Known}
	switch c.Type {
	case model.TypeBool:
		err = raw.As(&v.Bool)
	case model.TypeNumber:
		v.Number, err = rawNumber(raw)
	case model.TypeStringSet, model.TypeStringList:
		v.Strings, err = rawStrings(raw)
	case model.TypeFirewallRules:
		v.Rules, err = rawIngressRules(raw)
	default:
		err = raw.As(&v.String)
	}
	return v, err
}

func rawNumber(raw tftypes.Value) (float64, error) {
	var n big.Float
	if err := raw.As(&n); err != nil {
		return 0, err
	}
	f, _ := n.Float64()
	return f, nil
}

func rawStrings(raw tftypes.Value) ([]string, error) {
	var elems []tftypes.Value
	if err := raw.As(&elems); err != nil {
		return nil, err
	}
	out := make([]string, 0, len(elems))
	for _, e := range elems {
		s, state := rawString(e)
		if state == policy.Known {
			out = append(out, s)
		}
	}
	return out, nil
}

// rawIngressRules reads network.ingress_rules into the firewall detector's
// shape. An omitted port means the whole range, as in a security group.
func rawIngressRules(raw tftypes.Value) ([]detect.FirewallRule, error) {
	var elems []tftypes.Value
	if err := raw.As(&elems); err != nil {
		return nil, err
	}
	rules := make([]detect.FirewallRule, 0, len(elems))
	for _, e := range elems {
		attrs, ok := rawObject(e)
		if !ok {
			continue
		}
		rule := detect.FirewallRule{FromPort: 0, ToPort: 65535, Protocol: "tcp"}
		if cidrs, ok := attrs["cidr_blocks"]; ok && !cidrs.IsNull() {
			s, err := rawStrings(cidrs)
			if err != nil {
				return nil, err
			}
			rule.Sources = s
		}
		if p, state := rawString(attrs["protocol"]); state == policy.Known {
			rule.Protocol = p
		}
		if from := attrs["from_port"]; !from.IsNull() {
			f, err := rawNumber(from)
			if err != nil {
				return nil, err
			}
			rule.FromPort = int(f)
		}
		if to := attrs["to_port"]; !to.IsNull() {
			t, err := rawNumber(to)
			if err != nil {
				return nil, err
			}
			rule.ToPort = int(t)
		}
		rules = append(rules, normalizeAllPorts(rule))
	}
	return rules, nil
}

// normalizeAllPorts maps the security-group spellings of "every port"
// (protocol -1, or ports -1/0..0) onto the full range.
func normalizeAllPorts(r detect.FirewallRule) detect.FirewallRule {
	if r.Protocol == "-1" || r.Protocol == "all" || r.FromPort < 0 || (r.FromPort == 0 && r.ToPort == 0) {
		r.FromPort, r.ToPort = 0, 65535
	}
	if r.ToPort < 0 {
		r.ToPort = 65535
	}
	return r
}

// rawExceptions reads the exceptions list; known is false when any part of it
// is unknown.
func rawExceptions(raw tftypes.Value) (list []policy.Exception, known bool) {
	if raw.IsNull() {
		return nil, true
	}
	if !raw.IsFullyKnown() {
		return nil, false
	}
	var elems []tftypes.Value
	if err := raw.As(&elems); err != nil {
		return nil, true
	}
	for _, e := range elems {
		attrs, _ := rawObject(e)
		field := func(name string) string { s, _ := rawString(attrs[name]); return s }
		list = append(list, policy.Exception{
			Control: field("control"), Justification: field("justification"),
			ApprovedBy: field("approved_by"), Expires: field("expires"),
		})
	}
	return list, true
}
