package evidence

import (
	"fmt"
	"strings"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// naclReader reads AWS network ACL rules: the ingress blocks of an
// aws_network_acl or aws_default_network_acl (action, rule_no, cidr_block,
// ipv6_cidr_block, protocol, from_port, to_port), or one aws_network_acl_rule
// (rule_action, rule_number, egress and the same fields). Rules are
// evaluated in rule-number order and the first match decides (Amazon VPC
// User Guide, "Control subnet traffic with network access control lists"),
// so an allow that a lower-numbered deny for the same source, protocol and
// ports already refuses admits nothing. The allow rules left are handed to
// the firewall detector's normaliser in its AWS shape.
var naclReader = reader{types: []string{model.TypeFirewallRules}, inputs: []string{"object", "list(object)"}, read: func(mp Mapping, v, _ any) (policy.Value, string, error) {
	elems, ok := v.([]any)
	if !ok {
		elems = []any{v}
	}
	entries := make([]naclEntry, 0, len(elems))
	for i, e := range elems {
		m, ok := e.(map[string]any)
		if !ok {
			if e == nil {
				continue
			}
			return policy.Value{}, "", fmt.Errorf("%s: rule %d must be an object, got %s", pathOrResource(mp.Attribute), i, kind(e))
		}
		n, err := readNACLEntry(m)
		if err != nil {
			return policy.Value{}, "", fmt.Errorf("%s: rule %d: %w", pathOrResource(mp.Attribute), i, err)
		}
		if n.egress {
			continue
		}
		n.index = i
		entries = append(entries, n)
	}
	var allowed []any
	var from []int
	for _, n := range entries {
		if !n.allow || n.cidr == "" || shadowed(n, entries) {
			continue
		}
		key := "cidr_blocks"
		if strings.Contains(n.cidr, ":") {
			key = "ipv6_cidr_blocks"
		}
		allowed = append(allowed, map[string]any{key: []any{n.cidr}, "protocol": n.protocol, "from_port": n.from, "to_port": n.to})
		from = append(from, n.index)
	}
	rules, origin, err := detect.NormalizeFirewallRulesIndexed(allowed)
	if err != nil {
		return policy.Value{}, "", fmt.Errorf("%s: %w", pathOrResource(mp.Attribute), err)
	}
	for i, o := range origin {
		origin[i] = from[o]
	}
	return policy.Value{State: policy.Known, Rules: rules, RuleOrigin: origin}, fmt.Sprintf("%d inbound allow rules", len(rules)), nil
}}

// naclEntry is one network ACL rule in one shape.
type naclEntry struct {
	index          int
	number         float64
	allow, egress  bool
	cidr, protocol string
	from, to       any
	allPorts       bool
}

func readNACLEntry(m map[string]any) (naclEntry, error) {
	var n naclEntry
	action := firstString(m, "action", "rule_action")
	switch strings.ToLower(action) {
	case "allow":
		n.allow = true
	case "deny":
	default:
		return n, fmt.Errorf("action must be \"allow\" or \"deny\"")
	}
	if e, ok := boolean(m["egress"]); ok {
		n.egress = e
	}
	for _, k := range []string{"rule_no", "rule_number"} {
		if x, ok := number(m[k]); ok {
			n.number = x
		}
	}
	n.cidr = firstString(m, "cidr_block", "ipv6_cidr_block")
	p, _ := scalarText(m["protocol"])
	n.protocol = strings.ToLower(strings.TrimSpace(p))
	if name, ok := naclProtocols[n.protocol]; ok {
		n.protocol = name
	}
	n.allPorts = n.protocol == "-1" || n.protocol == "all"
	n.from, n.to = m["from_port"], m["to_port"]
	return n, nil
}

// naclProtocols spells the IANA numbers AWS accepts for a network ACL's
// protocol as names, so a deny on "6" shadows an allow on "tcp".
var naclProtocols = map[string]string{"6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6", "all": "-1"}

// firstString is the first of the keys whose value is a non-empty string,
// or "".
func firstString(m map[string]any, keys ...string) string {
	for _, k := range keys {
		if s, ok := m[k].(string); ok && s != "" {
			return s
		}
	}
	return ""
}

// shadowed reports whether a lower-numbered deny refuses everything the
// allow admits: a source that equals it or is the whole address family, the
// same protocol or all, and ports that cover its ports.
func shadowed(allow naclEntry, entries []naclEntry) bool {
	for _, d := range entries {
		if d.allow || d.number >= allow.number {
			continue
		}
		sameFamily := strings.Contains(d.cidr, ":") == strings.Contains(allow.cidr, ":")
		if d.cidr != allow.cidr && !(sameFamily && (d.cidr == "0.0.0.0/0" || d.cidr == "::/0")) {
			continue
		}
		if !d.allPorts && d.protocol != allow.protocol {
			continue
		}
		if d.allPorts {
			return true
		}
		if allow.allPorts {
			continue
		}
		dl, ok1 := number(d.from)
		dh, ok2 := number(d.to)
		al, ok3 := number(allow.from)
		ah, ok4 := number(allow.to)
		if ok1 && ok2 && ok3 && ok4 && dl <= al && ah <= dh {
			return true
		}
	}
	return false
}
