package detect

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// FirewallRule is one inbound allow rule in a cloud-neutral form.
type FirewallRule struct {
	Sources  []string // CIDRs or tags such as "0.0.0.0/0", "::/0", "10.0.0.0/8", "*", "Internet", "Any"
	FromPort int      // inclusive; -1 when the protocol has no ports (ICMP)
	ToPort   int      // inclusive; -1 when the protocol has no ports (ICMP)
	Protocol string   // "tcp", "udp", "icmp", "-1", "all", "*" ... (lower-cased)
}

const maxPort = 65535

// Sensitive ports. Administrative ports follow the CIS benchmarks (SSH, RDP);
// the data ports are the default listeners of common databases and caches
// that are routinely found exposed.
var (
	adminPorts    = []int{22, 3389}
	databasePorts = []int{1433, 1521, 3306, 5432, 6379, 9200, 11211, 27017}
)

// NormalizeFirewallRules accepts generic decoded values (as produced from
// HCL/JSON: string, bool, float64, int, int64, []any, map[string]any, nil) and
// returns the inbound allow rules they describe, in input order.
//
// Elements may be AWS security group rules (aws_security_group_rule,
// aws_vpc_security_group_ingress_rule, or the ingress blocks of
// aws_security_group, also nested under an "ingress" key), Azure NSG rules or
// GCP firewall rules, mixed freely. Rules that admit nothing inbound (Azure
// Deny or Outbound, GCP EGRESS, deny-only or disabled, AWS type "egress") are
// left out. An element with several port ranges or protocols yields one rule
// per combination, so a rule's index can differ from its element's index; use
// NormalizeFirewallRulesIndexed to map them back.
func NormalizeFirewallRules(v any) ([]FirewallRule, error) {
	rules, _, err := NormalizeFirewallRulesIndexed(v)
	return rules, err
}

// NormalizeFirewallRulesIndexed is NormalizeFirewallRules that also returns,
// for each rule, the index of the input element it came from.
func NormalizeFirewallRulesIndexed(v any) ([]FirewallRule, []int, error) {
	elems, err := asRuleList(v)
	if err != nil {
		return nil, nil, err
	}
	var rules []FirewallRule
	var origin []int
	for i, e := range elems {
		m, ok := e.(map[string]any)
		if !ok {
			return nil, nil, fmt.Errorf("rule %d: is %s, expected an object (map) with firewall rule fields", i, describe(e))
		}
		got, err := normalizeElement(m)
		if err != nil {
			return nil, nil, fmt.Errorf("rule %d: %w", i, err)
		}
		for _, r := range got {
			rules = append(rules, r)
			origin = append(origin, i)
		}
	}
	return rules, origin, nil
}

func asRuleList(v any) ([]any, error) {
	switch t := v.(type) {
	case nil:
		return nil, nil
	case []any:
		return t, nil
	case []map[string]any:
		out := make([]any, len(t))
		for i, m := range t {
			out[i] = m
		}
		return out, nil
	default:
		return nil, fmt.Errorf("firewall rules are %s, expected a list of rule objects", describe(v))
	}
}

var (
	azureKeys = []string{"source_address_prefix", "source_address_prefixes", "destination_port_range", "destination_port_ranges",
		"sourceAddressPrefix", "sourceAddressPrefixes", "destinationPortRange", "destinationPortRanges"}
	gcpKeys = []string{"source_ranges", "sourceRanges", "allow", "allowed", "deny", "denied", "source_tags", "sourceTags"}
	awsKeys = []string{"cidr_blocks", "ipv6_cidr_blocks", "cidr_ipv4", "cidr_ipv6", "from_port", "to_port", "protocol", "ip_protocol",
		"prefix_list_ids", "security_groups", "self", "source_security_group_id", "referenced_security_group_id", "prefix_list_id"}
)

func normalizeElement(m map[string]any) ([]FirewallRule, error) {
	switch {
	case hasAny(m, azureKeys):
		return normalizeAzure(m)
	case hasAny(m, gcpKeys):
		return normalizeGCP(m)
	case hasAny(m, awsKeys):
		return normalizeAWS(m)
	case m["ingress"] != nil:
		return normalizeSecurityGroup(m)
	default:
		return nil, fmt.Errorf("has no recognised firewall fields: expected AWS (cidr_blocks, from_port, to_port, protocol), Azure (source_address_prefix, destination_port_range) or GCP (source_ranges, allow) fields")
	}
}

// normalizeSecurityGroup expands the ingress blocks of a whole
// aws_security_group object; egress blocks admit nothing inbound.
func normalizeSecurityGroup(m map[string]any) ([]FirewallRule, error) {
	blocks, err := asRuleList(m["ingress"])
	if err != nil {
		return nil, fmt.Errorf("ingress: %w", err)
	}
	var out []FirewallRule
	for j, b := range blocks {
		bm, ok := b.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("ingress %d: is %s, expected an object", j, describe(b))
		}
		r, err := normalizeAWS(bm)
		if err != nil {
			return nil, fmt.Errorf("ingress %d: %w", j, err)
		}
		out = append(out, r...)
	}
	return out, nil
}

func normalizeAWS(m map[string]any) ([]FirewallRule, error) {
	if t, _ := m["type"].(string); strings.EqualFold(t, "egress") {
		return nil, nil
	}
	var sources []string
	for _, key := range []string{"cidr_blocks", "ipv6_cidr_blocks", "cidr_ipv4", "cidr_ipv6"} {
		s, err := stringList(m, key)
		if err != nil {
			return nil, err
		}
		sources = append(sources, s...)
	}
	proto, err := protocolField(m, "protocol", "ip_protocol")
	if err != nil {
		return nil, err
	}
	r := FirewallRule{Sources: sources, Protocol: proto}
	switch protocolClass(proto) {
	case protoAll:
		// AWS ignores ports for all-protocol rules (it stores 0/0 or -1/-1).
		if _, _, err := awsPorts(m, -1, maxPort); err != nil {
			return nil, err
		}
		r.FromPort, r.ToPort = 0, maxPort
	case protoPortless:
		// For ICMP the "ports" are type and code, -1 meaning any.
		if _, _, err := awsPorts(m, -1, 255); err != nil {
			return nil, err
		}
		r.FromPort, r.ToPort = -1, -1
	default:
		from, to, err := awsPorts(m, 0, maxPort)
		if err != nil {
			return nil, err
		}
		if from > to {
			return nil, fmt.Errorf("from_port %d is greater than to_port %d; expected from_port <= to_port", from, to)
		}
		r.FromPort, r.ToPort = from, to
	}
	return []FirewallRule{r}, nil
}

// awsPorts reads from_port and to_port. Missing ports mean all ports; when
// only one is given the rule covers that single port.
func awsPorts(m map[string]any, lo, hi int) (int, int, error) {
	from, hasFrom, err := portNumber(m, "from_port", lo, hi)
	if err != nil {
		return 0, 0, err
	}
	to, hasTo, err := portNumber(m, "to_port", lo, hi)
	if err != nil {
		return 0, 0, err
	}
	switch {
	case !hasFrom && !hasTo:
		return 0, maxPort, nil
	case !hasTo:
		to = from
	case !hasFrom:
		from = to
	}
	return from, to, nil
}

func portNumber(m map[string]any, key string, lo, hi int) (int, bool, error) {
	v, ok := m[key]
	if !ok || v == nil {
		return 0, false, nil
	}
	if s, isStr := v.(string); isStr && strings.TrimSpace(s) == "" {
		return 0, false, nil
	}
	n, ok := toInt(v)
	if !ok {
		return 0, false, fmt.Errorf("%s %s is not a port number; expected an integer from %d to %d", key, show(v), lo, hi)
	}
	if n < int64(lo) || n > int64(hi) {
		return 0, false, fmt.Errorf("%s %d is outside %d..%d", key, n, lo, hi)
	}
	return int(n), true, nil
}

func normalizeAzure(m map[string]any) ([]FirewallRule, error) {
	if a, ok := m["access"].(string); ok && !strings.EqualFold(strings.TrimSpace(a), "allow") {
		return nil, nil
	}
	if d, ok := m["direction"].(string); ok && !strings.EqualFold(strings.TrimSpace(d), "inbound") {
		return nil, nil
	}
	var sources []string
	for _, key := range []string{"source_address_prefix", "sourceAddressPrefix", "source_address_prefixes", "sourceAddressPrefixes"} {
		s, err := stringList(m, key)
		if err != nil {
			return nil, err
		}
		sources = append(sources, s...)
	}
	proto, err := protocolField(m, "protocol")
	if err != nil {
		return nil, err
	}
	var ranges [][2]int
	for _, key := range []string{"destination_port_range", "destinationPortRange", "destination_port_ranges", "destinationPortRanges"} {
		r, err := portRanges(m, key)
		if err != nil {
			return nil, err
		}
		ranges = append(ranges, r...)
	}
	return expandRanges(sources, proto, ranges), nil
}

func normalizeGCP(m map[string]any) ([]FirewallRule, error) {
	if d, ok := m["direction"].(string); ok && !strings.EqualFold(strings.TrimSpace(d), "ingress") {
		return nil, nil
	}
	if disabled, _ := m["disabled"].(bool); disabled {
		return nil, nil
	}
	var sources []string
	for _, key := range []string{"source_ranges", "sourceRanges"} {
		s, err := stringList(m, key)
		if err != nil {
			return nil, err
		}
		sources = append(sources, s...)
	}
	if len(sources) == 0 && !hasNonEmpty(m, "source_tags", "sourceTags", "source_service_accounts", "sourceServiceAccounts") {
		// GCP applies an ingress rule with no source at all to 0.0.0.0/0
		// (hashicorp/terraform-provider-google#6789).
		sources = []string{"0.0.0.0/0"}
	}
	var out []FirewallRule
	for _, key := range []string{"allow", "allowed"} {
		entries, err := asRuleList(m[key])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		for j, e := range entries {
			em, ok := e.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("%s %d: is %s, expected an object with protocol and ports", key, j, describe(e))
			}
			proto, err := protocolField(em, "protocol", "IPProtocol", "ip_protocol")
			if err != nil {
				return nil, fmt.Errorf("%s %d: %w", key, j, err)
			}
			ranges, err := portRanges(em, "ports")
			if err != nil {
				return nil, fmt.Errorf("%s %d: %w", key, j, err)
			}
			out = append(out, expandRanges(sources, proto, ranges)...)
		}
	}
	return out, nil
}

// expandRanges builds one rule per port range; no ranges means all ports.
func expandRanges(sources []string, proto string, ranges [][2]int) []FirewallRule {
	switch protocolClass(proto) {
	case protoAll:
		return []FirewallRule{{Sources: sources, FromPort: 0, ToPort: maxPort, Protocol: proto}}
	case protoPortless:
		return []FirewallRule{{Sources: sources, FromPort: -1, ToPort: -1, Protocol: proto}}
	}
	if len(ranges) == 0 {
		ranges = [][2]int{{0, maxPort}}
	}
	out := make([]FirewallRule, 0, len(ranges))
	for _, r := range ranges {
		out = append(out, FirewallRule{Sources: sources, FromPort: r[0], ToPort: r[1], Protocol: proto})
	}
	return out
}

// portRanges reads a port-range string or a list of them ("22",
// "1000-2000", "*"), as Azure and GCP write ports.
func portRanges(m map[string]any, key string) ([][2]int, error) {
	v, ok := m[key]
	if !ok || v == nil {
		return nil, nil
	}
	var items []any
	switch t := v.(type) {
	case []any:
		items = t
	case []string:
		for _, s := range t {
			items = append(items, s)
		}
	default:
		items = []any{v}
	}
	var out [][2]int
	for j, it := range items {
		r, skip, err := portRange(it)
		if err != nil {
			where := key
			if len(items) > 1 || isList(v) {
				where = fmt.Sprintf("%s[%d]", key, j)
			}
			return nil, fmt.Errorf("%s %s is not a port or port range; expected e.g. \"22\", \"1000-2000\" or \"*\" within 0-65535", where, show(it))
		}
		if !skip {
			out = append(out, r)
		}
	}
	return out, nil
}

func portRange(v any) (r [2]int, skip bool, err error) {
	if n, ok := toInt(v); ok {
		if n < 0 || n > maxPort {
			return r, false, fmt.Errorf("out of range")
		}
		return [2]int{int(n), int(n)}, false, nil
	}
	s, ok := v.(string)
	if !ok {
		return r, false, fmt.Errorf("not a string")
	}
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "":
		return r, true, nil
	case "*", "any", "all":
		return [2]int{0, maxPort}, false, nil
	}
	lo, hi, isRange := strings.Cut(s, "-")
	a, errA := parsePort(lo)
	b := a
	var errB error
	if isRange {
		b, errB = parsePort(hi)
	}
	if errA != nil || errB != nil || a > b {
		return r, false, fmt.Errorf("bad range")
	}
	return [2]int{a, b}, false, nil
}

func parsePort(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 || n > maxPort {
		return 0, fmt.Errorf("bad port")
	}
	return n, nil
}

func protocolField(m map[string]any, keys ...string) (string, error) {
	for _, k := range keys {
		v, ok := m[k]
		if !ok || v == nil {
			continue
		}
		if n, isNum := toInt(v); isNum {
			return protocolName(strconv.FormatInt(n, 10)), nil
		}
		s, isStr := v.(string)
		if !isStr {
			return "", fmt.Errorf("%s %s is not a protocol; expected a name such as \"tcp\" or a number such as \"6\" or \"-1\"", k, show(v))
		}
		return protocolName(strings.ToLower(strings.TrimSpace(s))), nil
	}
	return "", nil
}

// protocolName maps the IANA numbers AWS and GCP accept to names so the
// rest of the package deals with one spelling.
func protocolName(p string) string {
	switch p {
	case "6":
		return "tcp"
	case "17":
		return "udp"
	case "1":
		return "icmp"
	case "58":
		return "icmpv6"
	case "132":
		return "sctp"
	}
	return p
}

type protoKind int

const (
	protoPorts    protoKind = iota // carries ports (tcp, udp, sctp, unknown)
	protoAll                       // every protocol and port
	protoPortless                  // no ports (icmp, esp, ...)
)

// protocolClass decides whether ports matter. Unknown protocols are treated
// as port-carrying so that a typo cannot hide an open port.
func protocolClass(p string) protoKind {
	switch strings.ToLower(strings.TrimSpace(p)) {
	case "-1", "all", "*", "any":
		return protoAll
	case "icmp", "icmpv6", "icmp-v6", "ipv6-icmp", "1", "58", "esp", "50", "ah", "51", "gre", "47", "ipip", "4":
		return protoPortless
	}
	return protoPorts
}

// FirewallFindings flags rules that open all ports, an administrative port
// or a database/cache port to a world-open source. It reports one finding
// per (rule, problem), with Index set to the rule's index.
func FirewallFindings(rules []FirewallRule) []Finding {
	var out []Finding
	for i, r := range rules {
		src, ok := worldOpenSource(r.Sources)
		if !ok {
			continue
		}
		out = append(out, ruleFindings(i, r, src)...)
	}
	return out
}

// FirewallFindingsFromInput normalizes rules in any accepted shape and checks
// them, numbering findings by the input element they came from (one Azure or
// GCP element can expand into several rules).
func FirewallFindingsFromInput(v any) ([]Finding, error) {
	rules, origin, err := NormalizeFirewallRulesIndexed(v)
	if err != nil {
		return nil, err
	}
	var out []Finding
	for i, r := range rules {
		if src, ok := worldOpenSource(r.Sources); ok {
			out = append(out, ruleFindings(origin[i], r, src)...)
		}
	}
	return out, nil
}

func ruleFindings(i int, r FirewallRule, src string) []Finding {
	class := protocolClass(r.Protocol)
	if class == protoPortless {
		return nil
	}
	lo, hi := max(r.FromPort, 0), min(r.ToPort, maxPort)
	proto := r.Protocol
	if proto == "" {
		proto = "any protocol"
	}
	where := fmt.Sprintf("rule %d", i)
	shown := clip(src, 64)
	if class == protoAll || (lo <= 1 && hi >= maxPort) {
		return []Finding{{
			ID:          "firewall.world_open_all_ports",
			Severity:    SeverityCritical,
			Message:     fmt.Sprintf("%s opens all ports to %s (%s).", where, shown, proto),
			Remediation: fmt.Sprintf("Limit %s to the ports the workload serves and to known source ranges; deny everything else by default.", where),
			References:  refs(refNISTSC7, refNISTSC75, refCISv8FW),
			Index:       i,
		}}
	}
	if lo > hi {
		return nil
	}
	var out []Finding
	if ports := portsIn(adminPorts, lo, hi); len(ports) > 0 {
		cis := refCISAWSSGv4
		if isIPv6Source(src) {
			cis = refCISAWSSGv6
		}
		out = append(out, Finding{
			ID:          "firewall.world_open_admin_port",
			Severity:    SeverityCritical,
			Message:     fmt.Sprintf("%s opens administrative %s to %s (%s %s).", where, portWord(ports), shown, proto, rangeText(lo, hi)),
			Remediation: fmt.Sprintf("Restrict %s to known administrator ranges, or reach the hosts through a bastion, VPN or session manager instead.", where),
			References:  refs(refNISTSC7, refCISv8FW, cis),
			Index:       i,
		})
	}
	if ports := portsIn(databasePorts, lo, hi); len(ports) > 0 {
		out = append(out, Finding{
			ID:          "firewall.world_open_database_port",
			Severity:    SeverityHigh,
			Message:     fmt.Sprintf("%s opens database/cache %s to %s (%s %s).", where, portWord(ports), shown, proto, rangeText(lo, hi)),
			Remediation: fmt.Sprintf("Restrict %s to the application's private subnets or security groups; databases should not be reachable from the Internet.", where),
			References:  refs(refNISTSC7, refNISTCM7, refCISv8FW),
			Index:       i,
		})
	}
	return out
}

func portsIn(ports []int, lo, hi int) []int {
	var in []int
	for _, p := range ports {
		if p >= lo && p <= hi {
			in = append(in, p)
		}
	}
	return in
}

func portWord(ports []int) string {
	s := make([]string, len(ports))
	for i, p := range ports {
		s[i] = strconv.Itoa(p)
	}
	if len(ports) == 1 {
		return "port " + s[0]
	}
	return "ports " + strings.Join(s, ", ")
}

func rangeText(lo, hi int) string {
	if lo == hi {
		return strconv.Itoa(lo)
	}
	return fmt.Sprintf("%d-%d", lo, hi)
}

func worldOpenSource(sources []string) (string, bool) {
	for _, s := range sources {
		if isWorldOpen(s) {
			return s, true
		}
	}
	return "", false
}

// isWorldOpen reports whether a source covers most of the public address
// space: the provider tags for "anywhere", or a very short public prefix.
func isWorldOpen(s string) bool {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "*", "internet", "any", "0.0.0.0", "::/0", "0.0.0.0/0":
		return true
	}
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return false
	}
	p = p.Masked()
	limit := 4
	if p.Addr().Is6() {
		limit = 8
	}
	// fc00::/7 is short but private; the coverage check keeps it out.
	return p.Bits() <= limit && !coveredByNonPublic(p)
}

func isIPv6Source(s string) bool {
	p, err := netip.ParsePrefix(strings.TrimSpace(s))
	return err == nil && p.Addr().Is6()
}

// IsPublicCIDR reports whether a CIDR (or a bare IP address) contains public
// (globally routable) address space, that is, is not entirely inside
// private, loopback, link-local, CGNAT, documentation, benchmarking,
// reserved or multicast ranges.
func IsPublicCIDR(s string) (bool, error) {
	p, err := parseCIDROrAddr(s)
	if err != nil {
		return false, err
	}
	return !coveredByNonPublic(p), nil
}

func parseCIDROrAddr(s string) (netip.Prefix, error) {
	t := strings.TrimSpace(s)
	if strings.Contains(t, "/") {
		if p, err := netip.ParsePrefix(t); err == nil {
			return p.Masked(), nil
		}
	} else if a, err := netip.ParseAddr(t); err == nil {
		a = a.WithZone("")
		return netip.PrefixFrom(a, a.BitLen()), nil
	}
	return netip.Prefix{}, fmt.Errorf("%q is not a valid CIDR or IP address; expected a form like \"10.0.0.0/16\", \"2001:db8::/32\" or \"203.0.113.7\"", clip(s, 80))
}

// nonPublic lists the ranges that are not globally routable (IANA special
// purpose registries): this-network, private (RFC 1918), CGNAT, loopback,
// link-local, IETF protocol assignments, documentation, benchmarking,
// multicast and reserved, plus their IPv6 counterparts.
var nonPublic = mustPrefixes(
	"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
	"172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15",
	"198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
	"::/128", "::1/128", "100::/64", "2001:db8::/32", "3fff::/20", "fc00::/7", "fe80::/10", "ff00::/8",
)

func mustPrefixes(ss ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}

// coveredByNonPublic reports whether every address of p lies in some
// non-public range. A block can be covered by several ranges together
// (224.0.0.0/3 = multicast + reserved), so it is split in halves where
// needed; the recursion only follows halves that overlap a listed range.
func coveredByNonPublic(p netip.Prefix) bool {
	if p.Addr().Is4In6() {
		// IPv4-mapped IPv6 (::ffff:a.b.c.d) carries IPv4 reachability.
		if p.Bits() >= 96 {
			p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
		}
	}
	overlaps := false
	for _, r := range nonPublic {
		if r.Addr().BitLen() != p.Addr().BitLen() {
			continue
		}
		if r.Bits() <= p.Bits() && r.Contains(p.Addr()) {
			return true
		}
		if r.Overlaps(p) {
			overlaps = true
		}
	}
	if !overlaps || p.Bits() >= p.Addr().BitLen() {
		return false
	}
	lo, hi := halves(p)
	return coveredByNonPublic(lo) && coveredByNonPublic(hi)
}

// halves splits p into its two sub-prefixes one bit longer.
func halves(p netip.Prefix) (netip.Prefix, netip.Prefix) {
	bits := p.Bits()
	a := p.Addr()
	lo := netip.PrefixFrom(a, bits+1)
	if a.Is4() {
		b := a.As4()
		b[bits/8] |= 0x80 >> (bits % 8)
		return lo, netip.PrefixFrom(netip.AddrFrom4(b), bits+1)
	}
	b := a.As16()
	b[bits/8] |= 0x80 >> (bits % 8)
	return lo, netip.PrefixFrom(netip.AddrFrom16(b), bits+1)
}

// ---- generic value helpers ----

func hasAny(m map[string]any, keys []string) bool {
	for _, k := range keys {
		if _, ok := m[k]; ok {
			return true
		}
	}
	return false
}

func hasNonEmpty(m map[string]any, keys ...string) bool {
	for _, k := range keys {
		switch t := m[k].(type) {
		case string:
			if strings.TrimSpace(t) != "" {
				return true
			}
		case []any:
			for _, e := range t {
				if s, ok := e.(string); !ok || strings.TrimSpace(s) != "" {
					return true
				}
			}
		case []string:
			for _, s := range t {
				if strings.TrimSpace(s) != "" {
					return true
				}
			}
		}
	}
	return false
}

// stringList reads a string or a list of strings, dropping blanks and nils.
func stringList(m map[string]any, key string) ([]string, error) {
	v, ok := m[key]
	if !ok || v == nil {
		return nil, nil
	}
	var out []string
	add := func(s string) {
		for _, part := range strings.Split(s, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	switch t := v.(type) {
	case string:
		add(t)
	case []string:
		for _, s := range t {
			add(s)
		}
	case []any:
		for j, e := range t {
			if e == nil {
				continue
			}
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("%s[%d] is %s, expected a CIDR or tag string", key, j, describe(e))
			}
			add(s)
		}
	default:
		return nil, fmt.Errorf("%s is %s, expected a string or a list of strings", key, describe(v))
	}
	return out, nil
}
