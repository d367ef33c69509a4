package detect

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// Cases derived from the sensitivePorts table: adding a port adds them.
func TestSensitivePortsTable(t *testing.T) {
	seen := map[int]bool{}
	for _, sp := range sensitivePorts {
		if seen[sp.port] || sp.source == "" || sp.service == "" {
			t.Errorf("port %d: duplicate or undocumented row", sp.port)
		}
		seen[sp.port] = true
	}
	for _, sp := range sensitivePorts {
		id := "firewall.world_open_database_port"
		if sp.admin {
			id = "firewall.world_open_admin_port"
		}
		rule := func(cidr string, from, to int, proto string) []any {
			return []any{map[string]any{"cidr_blocks": []any{cidr}, "from_port": float64(from), "to_port": float64(to), "protocol": proto}}
		}
		for _, proto := range []string{"tcp", "udp", "sctp", "6", "17", "TCP"} {
			got, err := FirewallFindingsFromInput(rule("0.0.0.0/0", sp.port, sp.port, proto))
			want := fmt.Sprintf("port %d (%s)", sp.port, sp.service)
			if err != nil || !slices.Equal(ids(got), []string{id}) || !strings.Contains(got[0].Message, want) {
				t.Errorf("%d/%s world-open: %v %v, want [%s] naming %q", sp.port, proto, got, err, id, want)
			}
			checkFindingShape(t, got)
		}
		for name, r := range map[string][]any{
			"private source": rule("10.0.0.0/8", sp.port, sp.port, "tcp"),
			"icmp":           rule("0.0.0.0/0", -1, -1, "icmp"),
			"next port":      rule("0.0.0.0/0", sp.port+1, sp.port+1, "tcp"),
			"narrow public":  rule("198.18.0.0/15", sp.port, sp.port, "tcp"),
		} {
			if seen[sp.port+1] && name == "next port" {
				continue
			}
			if got, _ := FirewallFindingsFromInput(r); len(got) != 0 {
				t.Errorf("%d %s: unexpected %v", sp.port, name, ids(got))
			}
		}
		if got, _ := FirewallFindingsFromInput(rule("::/0", sp.port-1, sp.port+1, "tcp")); !slices.Contains(ids(got), id) {
			t.Errorf("%d in a range: %v", sp.port, ids(got))
		}
	}
}

// Deliberate stances where the peers disagree, each with its source.
func TestFirewallStances(t *testing.T) {
	// tcp with ports 0-0 is port 0, not every port: the EC2 API's
	// IpPermission FromPort/ToPort are the TCP/UDP port range and only
	// protocol "-1" ignores them (EC2 API Reference, IpPermission; the
	// Terraform AWS provider's aws_security_group: "-1" needs from_port and
	// to_port 0). Checkov reads 0-0 as every port; this detector follows AWS.
	zero := []any{map[string]any{"cidr_blocks": []any{"0.0.0.0/0"}, "from_port": 0.0, "to_port": 0.0, "protocol": "tcp"}}
	rules, err := NormalizeFirewallRules(zero)
	if err != nil || !reflect.DeepEqual(rules, []FirewallRule{{Sources: []string{"0.0.0.0/0"}, FromPort: 0, ToPort: 0, Protocol: "tcp"}}) {
		t.Errorf("tcp 0-0 normalised to %+v, %v", rules, err)
	}
	if got, _ := FirewallFindingsFromInput(zero); len(got) != 0 {
		t.Errorf("tcp 0-0: %v", ids(got))
	}
	all := []any{map[string]any{"cidr_blocks": []any{"0.0.0.0/0"}, "from_port": 0.0, "to_port": 0.0, "protocol": "-1"}}
	if got, _ := FirewallFindingsFromInput(all); !slices.Equal(ids(got), []string{"firewall.world_open_all_ports"}) {
		t.Errorf("protocol -1 0-0: %v", ids(got))
	}
	// UDP 3389 counts as RDP: Remote Desktop uses UDP 3389 for its UDP
	// transport as well as TCP 3389 (Microsoft Learn, "RDP Shortpath" and
	// "Remote Desktop Services ports"). SSH and the data ports count over any
	// port-carrying protocol too: a listener is exposed whatever it speaks.
	udp := []any{map[string]any{"cidr_blocks": []any{"0.0.0.0/0"}, "from_port": 3389.0, "to_port": 3389.0, "protocol": "udp"}}
	if got, _ := FirewallFindingsFromInput(udp); !slices.Equal(ids(got), []string{"firewall.world_open_admin_port"}) || !strings.Contains(got[0].Message, "udp 3389") {
		t.Errorf("udp 3389: %v", got)
	}
	// AWS rules with only one port given cover that port, not the rest of
	// the range (issue 10 item 7: the same normaliser serves srm_workload).
	one := []any{map[string]any{"cidr_blocks": []any{"0.0.0.0/0"}, "from_port": 443.0, "protocol": "tcp"}}
	if rules, _ := NormalizeFirewallRules(one); len(rules) != 1 || rules[0].FromPort != 443 || rules[0].ToPort != 443 {
		t.Errorf("from_port only: %+v", rules)
	}
}

// A rule that cannot be read is a finding at its place in the list; the
// other rules are still checked.
func TestFirewallInvalidRulesInPlace(t *testing.T) {
	in := decodeJSON(t, `[
		{"cidr_blocks":["0.0.0.0/0"],"from_port":22,"to_port":22,"protocol":"tcp"},
		{"cidr_blocks":["0.0.0.0/0"],"from_port":-1,"to_port":-1,"protocol":"tcp"},
		{"source_address_prefix":"*","destination_port_ranges":["22","3389"],"protocol":"Tcp"},
		"oops",
		{"cidr_blocks":["0.0.0.0/33"],"from_port":22,"to_port":22,"protocol":"tcp"},
		{"cidr_blocks":["0.0.0.0/0"],"from_port":5432,"to_port":5432,"protocol":"tcp"}
	]`)
	got, err := FirewallFindingsFromInput(in)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"firewall.world_open_admin_port@0/critical", "firewall.invalid_rule@1/medium", "firewall.world_open_admin_port@2/critical",
		"firewall.world_open_admin_port@2/critical", "firewall.invalid_rule@3/medium", "firewall.invalid_rule@4/medium", "firewall.world_open_database_port@5/high"}
	if k := keys(got); !slices.Equal(k, want) {
		t.Errorf("got %v\nwant %v", k, want)
	}
	checkFindingShape(t, got)
	_, _, problems, err := NormalizeFirewallRulesChecked(in)
	if err != nil || len(problems) != 3 || problems[1].Error() != `rule 3: is a string ("oops"), expected an object (map) with firewall rule fields` {
		t.Errorf("problems %v, %v", problems, err)
	}
	// NormalizeFirewallRulesIndexed keeps failing on the first one.
	if _, _, err := NormalizeFirewallRulesIndexed(in); err == nil || !strings.HasPrefix(err.Error(), "rule 1: from_port -1 is outside 0..65535") {
		t.Errorf("indexed: %v", err)
	}
}

// Odd but valid shapes from real configurations.
func TestFirewallOddShapes(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  []string
	}{
		{"for_each map of rules, in key order", `{"ssh":{"cidr_blocks":["0.0.0.0/0"],"from_port":22,"to_port":22,"protocol":"tcp"},"db":{"cidr_blocks":["0.0.0.0/0"],"from_port":5432,"to_port":5432,"protocol":"tcp"},"gone":null}`,
			[]string{"firewall.world_open_database_port@0/high", "firewall.world_open_admin_port@2/critical"}},
		{"single rule object", `{"cidr_blocks":["0.0.0.0/0"],"from_port":"3389","to_port":"3389","protocol":"tcp"}`,
			[]string{"firewall.world_open_admin_port@0/critical"}},
		{"azure nsg with inline security_rule, lower case", `[{"name":"nsg","security_rule":[{"access":"allow","direction":"inbound","protocol":"tcp","source_address_prefix":"internet","destination_port_range":"22"},{"access":"deny","direction":"inbound","protocol":"*","source_address_prefix":"*","destination_port_range":"*"}]}]`,
			[]string{"firewall.world_open_admin_port@0/critical"}},
		{"aws security group from state with nulls", `[{"name":"web","ingress":[{"cidr_blocks":null,"ipv6_cidr_blocks":["::/0"],"prefix_list_ids":[],"security_groups":null,"self":false,"description":null,"from_port":443,"to_port":443,"protocol":"tcp"}],"egress":null}]`, nil},
		{"gcp with lower-case direction and no source", `[{"direction":"ingress","allow":[{"protocol":"tcp","ports":["22"]}]}]`,
			[]string{"firewall.world_open_admin_port@0/critical"}},
	}
	for _, tt := range tests {
		got, err := FirewallFindingsFromInput(decodeJSON(t, tt.input))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if k := keys(got); !slices.Equal(k, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, k, tt.want)
		}
	}
}
