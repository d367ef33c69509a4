package detect

import (
	"fmt"
	"net/netip"
	"slices"
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

// sensitivePort is one port that must not be open to the whole Internet.
type sensitivePort struct {
	port    int
	service string
	admin   bool   // remote administration (critical) rather than a data service (high)
	source  string // why the port is listed
}

// sensitivePorts is the one table of ports the firewall detector guards.
// Every port-carrying protocol counts (tcp, udp, sctp, or none given): RDP
// listens on UDP 3389 as well as TCP, and a data service reached over an
// unexpected protocol is still exposed.
var sensitivePorts = []sensitivePort{
	{22, "SSH", true, "CIS AWS Foundations Benchmark v5.0 5.3 and 5.4 (no ingress from 0.0.0.0/0 or ::/0 to remote server administration ports); IANA service registry: ssh 22"},
	{3389, "RDP", true, "CIS AWS Foundations Benchmark v5.0 5.3 and 5.4; Microsoft Learn, \"Change the listening port for Remote Desktop\" (default 3389) and RDP Shortpath (UDP transport on 3389)"},
	{1433, "Microsoft SQL Server", false, "IANA service registry: ms-sql-s 1433"},
	{1521, "Oracle Database listener", false, "Oracle Database Net Services Reference: default listener port 1521"},
	{3306, "MySQL", false, "IANA service registry: mysql 3306"},
	{5432, "PostgreSQL", false, "IANA service registry: postgresql 5432"},
	{6379, "Redis", false, "IANA service registry: redis 6379"},
	{9200, "Elasticsearch", false, "Elasticsearch reference, networking settings: http.port defaults to 9200"},
	{11211, "Memcached", false, "IANA service registry: memcache 11211 (tcp and udp)"},
	{27017, "MongoDB", false, "IANA service registry: mongodb 27017"},
}

// NormalizeFirewallRules accepts generic decoded values (as produced from
// HCL/JSON: string, bool, float64, int, int64, []any, map[string]any, nil) and
// returns the inbound allow rules they describe, in input order.
//
// Elements may be AWS security group rules (aws_security_group_rule,
// aws_vpc_security_group_ingress_rule, or the ingress blocks of
// aws_security_group, also nested under an "ingress" key), Azure NSG rules
// (also the security_rule blocks of a whole azurerm_network_security_group)
// or GCP firewall rules, mixed freely. The list may also be a map of rule
// objects (a for_each result), read in key order as values() would, or a
// single rule object. Null elements are skipped. Rules that admit nothing inbound (Azure Deny or
// Outbound, GCP EGRESS, deny-only or disabled, AWS type "egress") are left
// out. An element with several port ranges or protocols yields one rule per
// combination, so a rule's index can differ from its element's index; use
// NormalizeFirewallRulesIndexed to map them back.
//
// This normaliser is the one place where rule semantics live:
//   - AWS ports: both missing means every port; only one given means that
//     single port; from_port greater than to_port is an error.
//   - tcp or udp with ports 0-0 means port 0 only, as AWS stores it: the EC2
//     API's IpPermission FromPort/ToPort are the port range for TCP and UDP,
//     and only protocol "-1" ignores them (EC2 API Reference, IpPermission;
//     Terraform AWS provider, aws_security_group: "-1" needs from_port and
//     to_port 0). Port 0 is reserved, so such a rule opens nothing sensitive.
//   - protocols must be a known name (tcp, udp, icmp, icmpv6, sctp, esp, ah,
//     gre, ipip, all, any, "*", "-1") or an IP protocol number 0-255.
//   - sources must be CIDR blocks or IP addresses (Azure also accepts
//     service tags such as "VirtualNetwork" or "Internet").
//
// The first element that cannot be read is an error; use
// NormalizeFirewallRulesChecked to get every readable rule and one problem
// per unreadable element instead.
func NormalizeFirewallRules(v any) ([]FirewallRule, error) {
	rules, _, err := NormalizeFirewallRulesIndexed(v)
	return rules, err
}

// NormalizeFirewallRulesIndexed is NormalizeFirewallRules that also returns,
// for each rule, the index of the input element it came from.
func NormalizeFirewallRulesIndexed(v any) ([]FirewallRule, []int, error) {
	rules, origin, problems, err := NormalizeFirewallRulesChecked(v)
	if err != nil {
		return nil, nil, err
	}
	if len(problems) > 0 {
		return nil, nil, problems[0]
	}
	return rules, origin, nil
}

// RuleProblem is one input element the normaliser could not read.
type RuleProblem struct {
	Index int   // the element's index in the input
	Err   error // names the field and says what would be right
}

func (p RuleProblem) Error() string { return fmt.Sprintf("rule %d: %v", p.Index, p.Err) }

// NormalizeFirewallRulesChecked is NormalizeFirewallRulesIndexed that keeps
// going past elements it cannot read: it returns every rule it could read
// with its element index, and one problem per element it could not. The
// error is only for a value that is not a list (or map) of rules at all.
func NormalizeFirewallRulesChecked(v any) (rules []FirewallRule, origin []int, problems []RuleProblem, err error) {
	elems, err := asRuleList(v)
	if err != nil {
		return nil, nil, nil, err
	}
	for i, e := range elems {
		if e == nil {
			continue // [for ... : cond ? rule : null] leaves nulls for rules left out
		}
		m, ok := e.(map[string]any)
		if !ok {
			problems = append(problems, RuleProblem{i, fmt.Errorf("is %s, expected an object (map) with firewall rule fields", describe(e))})
			continue
		}
		got, err := normalizeElement(m)
		if err != nil {
			problems = append(problems, RuleProblem{i, err})
			continue
		}
		for _, r := range got {
			rules = append(rules, r)
			origin = append(origin, i)
		}
	}
	return rules, origin, problems, nil
}

// asRuleList reads the top-level value: a list of rules, a map of rules (a
// for_each result, in key order) or one rule object.
func asRuleList(v any) ([]any, error) {
	m, isMap := v.(map[string]any)
	if !isMap {
		list, err := asList(v)
		if err != nil {
			return nil, fmt.Errorf("firewall rules are %s, expected a list of rule objects", describe(v))
		}
		return list, nil
	}
	if looksLikeRule(m) {
		return []any{m}, nil
	}
	keys := make([]string, 0, len(m))
	for k, e := range m {
		if _, ok := e.(map[string]any); !ok && e != nil {
			return nil, fmt.Errorf("firewall rules are an object that is neither a rule nor a map of rules; expected a list of rule objects")
		}
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]any, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out, nil
}

// asList reads a nested list of blocks (ingress, allow, security_rule).
func asList(v any) ([]any, error) {
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
	}
	return nil, fmt.Errorf("is %s, expected a list of objects", describe(v))
}

func looksLikeRule(m map[string]any) bool {
	return hasAny(m, azureKeys) || hasAny(m, gcpKeys) || hasAny(m, awsKeys) || m["ingress"] != nil || m["security_rule"] != nil
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
		return normalizeBlocks(m, "ingress", normalizeAWS)
	case m["security_rule"] != nil:
		return normalizeBlocks(m, "security_rule", normalizeAzure)
	default:
		return nil, fmt.Errorf("has no recognised firewall fields: expected AWS (cidr_blocks, from_port, to_port, protocol), Azure (source_address_prefix, destination_port_range) or GCP (source_ranges, allow) fields")
	}
}

// normalizeBlocks expands the nested rule blocks of a whole security group
// (aws_security_group's ingress, azurerm_network_security_group's
// security_rule); AWS egress blocks admit nothing inbound.
func normalizeBlocks(m map[string]any, key string, each func(map[string]any) ([]FirewallRule, error)) ([]FirewallRule, error) {
	blocks, err := asList(m[key])
	if err != nil {
		return nil, fmt.Errorf("%s %w", key, err)
	}
	var out []FirewallRule
	for j, b := range blocks {
		bm, ok := b.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s %d: is %s, expected an object", key, j, describe(b))
		}
		r, err := each(bm)
		if err != nil {
			return nil, fmt.Errorf("%s %d: %w", key, j, err)
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
		s, err := sourceList(m, key, false)
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
		s, err := sourceList(m, key, true)
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
		s, err := sourceList(m, key, false)
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
		entries, err := asList(m[key])
		if err != nil {
			return nil, fmt.Errorf("%s %w", key, err)
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
		var p string
		if s, isStr := v.(string); isStr {
			p = strings.ToLower(strings.TrimSpace(s))
		} else if n, isNum := toInt(v); isNum {
			p = strconv.FormatInt(n, 10)
		} else {
			return "", fmt.Errorf("%s %s is not a protocol; %s", k, show(v), protocolHelp)
		}
		if p == "" {
			continue
		}
		name, ok := protocolName(p)
		if !ok {
			return "", fmt.Errorf("%s %s is not a protocol; %s", k, show(v), protocolHelp)
		}
		return name, nil
	}
	return "", nil
}

const protocolHelp = "expected tcp, udp, icmp, icmpv6, sctp, esp, ah, gre, all (or \"-1\", \"*\") or an IP protocol number from 0 to 255"

// protocolSpellings maps the names and IANA numbers AWS, Azure and GCP
// accept to one spelling, so the rest of the package deals with one name.
// The all-protocol spellings are kept as written.
var protocolSpellings = map[string]string{
	"tcp": "tcp", "6": "tcp", "udp": "udp", "17": "udp", "icmp": "icmp", "1": "icmp",
	"icmpv6": "icmpv6", "icmp-v6": "icmpv6", "ipv6-icmp": "icmpv6", "58": "icmpv6",
	"sctp": "sctp", "132": "sctp", "esp": "esp", "50": "esp", "ah": "ah", "51": "ah",
	"gre": "gre", "47": "gre", "ipip": "ipip", "4": "ipip",
	"-1": "-1", "all": "all", "*": "*", "any": "any",
}

// protocolName returns the one spelling of a lower-cased protocol; other
// IP protocol numbers (0-255) are kept as numbers.
func protocolName(p string) (string, bool) {
	if name, ok := protocolSpellings[p]; ok {
		return name, true
	}
	if n, err := strconv.Atoi(p); err == nil && n >= 0 && n <= 255 {
		return p, true
	}
	return "", false
}

type protoKind int

const (
	protoPorts    protoKind = iota // carries ports (tcp, udp, sctp, unknown)
	protoAll                       // every protocol and port
	protoPortless                  // no ports (icmp, esp, ...)
)

// protocolClass decides whether ports matter. A rule without a protocol
// (or a hand-built rule with an unknown one) counts as port-carrying, so a
// missing protocol cannot hide an open port; numbered protocols other than
// tcp, udp and sctp carry no ports.
func protocolClass(p string) protoKind {
	switch p = strings.ToLower(strings.TrimSpace(p)); p {
	case "-1", "all", "*", "any":
		return protoAll
	case "tcp", "udp", "sctp", "6", "17", "132", "":
		return protoPorts
	}
	if name, ok := protocolName(p); ok && name != "tcp" && name != "udp" && name != "sctp" {
		return protoPortless
	}
	return protoPorts
}

// FirewallFindings flags rules that open all ports, an administrative port
// or a database/cache port to a world-open source. It reports one finding
// per (rule, problem), with Index set to the rule's index, at most
// MaxFindings of them.
func FirewallFindings(rules []FirewallRule) []Finding {
	c := newCollector("firewall")
	for i, r := range rules {
		if src, ok := worldOpenSource(r.Sources); ok {
			ruleFindings(c, i, r, src)
		}
	}
	return c.result()
}

// FirewallFindingsFromInput normalizes rules in any accepted shape and checks
// them, numbering findings by the input element they came from (one Azure or
// GCP element can expand into several rules). An element that cannot be
// read becomes a "firewall.invalid_rule" finding at its place in the list,
// so one bad rule does not hide the others; the error is only for a value
// that is not a list of rules.
func FirewallFindingsFromInput(v any) ([]Finding, error) {
	rules, origin, problems, err := NormalizeFirewallRulesChecked(v)
	if err != nil {
		return nil, err
	}
	c := newCollector("firewall")
	p := 0
	for i, r := range rules {
		for ; p < len(problems) && problems[p].Index < origin[i]; p++ {
			invalidRule(c, problems[p])
		}
		if src, ok := worldOpenSource(r.Sources); ok {
			ruleFindings(c, origin[i], r, src)
		}
	}
	for ; p < len(problems); p++ {
		invalidRule(c, problems[p])
	}
	return c.result(), nil
}

func invalidRule(c *collector, p RuleProblem) {
	if !c.room() {
		c.omit(SeverityMedium, p.Index, 0)
		return
	}
	c.add(Finding{
		ID:          "firewall.invalid_rule",
		Severity:    SeverityMedium,
		Message:     fmt.Sprintf("rule %d cannot be checked: %v.", p.Index, p.Err),
		Remediation: fmt.Sprintf("Correct rule %d as the message says so that it can be checked; the other rules were checked.", p.Index),
		References:  refs(refNISTSC7, refCISv8FW),
		Index:       p.Index,
	})
}

func ruleFindings(c *collector, i int, r FirewallRule, src string) {
	class := protocolClass(r.Protocol)
	if class == protoPortless {
		return
	}
	lo, hi := max(r.FromPort, 0), min(r.ToPort, maxPort)
	all := class == protoAll || (lo <= 1 && hi >= maxPort)
	if !all && lo > hi {
		return
	}
	var admin, data []sensitivePort
	if !all {
		for _, sp := range sensitivePorts {
			if sp.port >= lo && sp.port <= hi {
				if sp.admin {
					admin = append(admin, sp)
				} else {
					data = append(data, sp)
				}
			}
		}
	}
	count := len(admin) + len(data)
	if all {
		count = 1
	}
	if count == 0 {
		return
	}
	if !c.room() {
		sev := SeverityHigh
		if all || len(admin) > 0 {
			sev = SeverityCritical
		}
		for range count {
			c.omit(sev, i, 0)
		}
		return
	}
	proto := r.Protocol
	if proto == "" {
		proto = "any protocol"
	}
	where := fmt.Sprintf("rule %d", i)
	shown := strings.TrimSpace(src)
	if all {
		c.add(Finding{
			ID:          "firewall.world_open_all_ports",
			Severity:    SeverityCritical,
			Message:     fmt.Sprintf("%s opens all ports to %s (%s).", where, shown, proto),
			Remediation: fmt.Sprintf("Limit %s to the ports the workload serves and to known source ranges; deny everything else by default.", where),
			References:  refs(refNISTSC7, refNISTSC75, refCISv8FW),
			Index:       i,
		})
		return
	}
	if len(admin) > 0 {
		cis := refCISAWSSGv4
		if isIPv6Source(src) {
			cis = refCISAWSSGv6
		}
		c.add(Finding{
			ID:          "firewall.world_open_admin_port",
			Severity:    SeverityCritical,
			Message:     fmt.Sprintf("%s opens administrative %s to %s (%s %s).", where, portWord(admin), shown, proto, rangeText(lo, hi)),
			Remediation: fmt.Sprintf("Restrict %s to known administrator ranges, or reach the hosts through a bastion, VPN or session manager instead.", where),
			References:  refs(refNISTSC7, refCISv8FW, cis),
			Index:       i,
		})
	}
	if len(data) > 0 {
		c.add(Finding{
			ID:          "firewall.world_open_database_port",
			Severity:    SeverityHigh,
			Message:     fmt.Sprintf("%s opens database/cache %s to %s (%s %s).", where, portWord(data), shown, proto, rangeText(lo, hi)),
			Remediation: fmt.Sprintf("Restrict %s to the application's private subnets or security groups; databases should not be reachable from the Internet.", where),
			References:  refs(refNISTSC7, refNISTCM7, refCISv8FW),
			Index:       i,
		})
	}
}

// FirewallFindingKinds lists the finding ids FirewallFindings and
// FirewallFindingsFromInput can return.
func FirewallFindingKinds() []FindingKind {
	var admin, data []string
	for _, sp := range sensitivePorts {
		name := fmt.Sprintf("%d (%s)", sp.port, sp.service)
		if sp.admin {
			admin = append(admin, name)
		} else {
			data = append(data, name)
		}
	}
	const world = "a world-open source (0.0.0.0/0, ::/0, *, Internet, Any, or a public prefix of /4 or shorter, /8 for IPv6)"
	return []FindingKind{
		{"firewall.world_open_all_ports", []string{SeverityCritical}, "A rule admits every port, or every protocol, from " + world + "."},
		{"firewall.world_open_admin_port", []string{SeverityCritical}, "A rule's port range includes an administrative port, " + strings.Join(admin, ", ") + ", open to " + world + "."},
		{"firewall.world_open_database_port", []string{SeverityHigh}, "A rule's port range includes a database or cache port, " + strings.Join(data, ", ") + ", open to " + world + "."},
		{"firewall.invalid_rule", []string{SeverityMedium}, "An element of the list cannot be read (a bad port, protocol, CIDR or shape); the message names the field and what would be right, and the other rules are still checked."},
		moreFindingsKind("firewall"),
	}
}

func portWord(ports []sensitivePort) string {
	s := make([]string, len(ports))
	for i, p := range ports {
		s[i] = fmt.Sprintf("%d (%s)", p.port, p.service)
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
	return netip.Prefix{}, fmt.Errorf("%s is not a valid CIDR or IP address; expected a form like \"10.0.0.0/16\", \"2001:db8::/32\" or \"203.0.113.7\"", quoteInput(strings.TrimSpace(s)))
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

// sourceList reads a source field and checks each entry: a CIDR block, an
// IP address, or one of the world tags ("*", "Any", "Internet"); tags also
// allows service tags such as "VirtualNetwork" or "Storage.WestEurope"
// (Azure).
func sourceList(m map[string]any, key string, tags bool) ([]string, error) {
	out, err := stringList(m, key)
	if err != nil {
		return nil, err
	}
	for j, s := range out {
		if validSource(s, tags) {
			continue
		}
		where := key
		if isList(m[key]) || len(out) > 1 {
			where = fmt.Sprintf("%s[%d]", key, j)
		}
		if tags {
			return nil, fmt.Errorf("%s %s is not a CIDR block, IP address or service tag; expected e.g. \"10.0.0.0/16\", \"::/0\" or \"VirtualNetwork\"", where, quoteInput(s))
		}
		return nil, fmt.Errorf("%s %s is not a CIDR block; expected e.g. \"10.0.0.0/16\" or \"::/0\"", where, quoteInput(s))
	}
	return out, nil
}

func validSource(s string, tags bool) bool {
	switch strings.ToLower(s) {
	case "*", "any", "internet":
		return true
	}
	if _, err := netip.ParsePrefix(s); err == nil {
		return true
	}
	if _, err := netip.ParseAddr(s); err == nil {
		return true
	}
	if !tags || !('A' <= s[0] && s[0] <= 'Z' || 'a' <= s[0] && s[0] <= 'z') || len(s) > 80 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isAlnum(c) && c != '.' && c != '-' && c != '_' {
			return false
		}
	}
	return true
}
