package detect

import (
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

func decodeJSON(t testing.TB, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("bad test JSON: %v", err)
	}
	return v
}

func TestNormalizeFirewallRulesShapes(t *testing.T) {
	tests := []struct {
		name   string
		input  string
		want   []FirewallRule
		origin []int
	}{
		{
			name:  "aws security group rule from a for-expression (float64 ports)",
			input: `[{"type":"ingress","cidr_blocks":["0.0.0.0/0"],"ipv6_cidr_blocks":[],"from_port":22,"to_port":22,"protocol":"tcp"}]`,
			want:  []FirewallRule{{Sources: []string{"0.0.0.0/0"}, FromPort: 22, ToPort: 22, Protocol: "tcp"}},
		},
		{
			name:  "aws all traffic 0/0/-1 and numeric strings",
			input: `[{"cidr_blocks":["10.0.0.0/8"],"from_port":0,"to_port":0,"protocol":"-1"},{"cidr_blocks":["0.0.0.0/0"],"from_port":"443","to_port":"443","protocol":"6"}]`,
			want: []FirewallRule{
				{Sources: []string{"10.0.0.0/8"}, FromPort: 0, ToPort: 65535, Protocol: "-1"},
				{Sources: []string{"0.0.0.0/0"}, FromPort: 443, ToPort: 443, Protocol: "tcp"},
			},
		},
		{
			name:  "aws_vpc_security_group_ingress_rule",
			input: `[{"cidr_ipv4":null,"cidr_ipv6":"::/0","from_port":3389,"to_port":3389,"ip_protocol":"tcp"},{"cidr_ipv4":"0.0.0.0/0","ip_protocol":"-1","from_port":null,"to_port":null}]`,
			want: []FirewallRule{
				{Sources: []string{"::/0"}, FromPort: 3389, ToPort: 3389, Protocol: "tcp"},
				{Sources: []string{"0.0.0.0/0"}, FromPort: 0, ToPort: 65535, Protocol: "-1"},
			},
		},
		{
			name:  "aws_security_group with ingress and egress blocks; egress rule dropped",
			input: `[{"name":"web","ingress":[{"cidr_blocks":["0.0.0.0/0"],"from_port":80,"to_port":80,"protocol":"tcp","self":false},{"cidr_blocks":[],"security_groups":["sg-1"],"from_port":5432,"to_port":5432,"protocol":"tcp"}],"egress":[{"cidr_blocks":["0.0.0.0/0"],"from_port":0,"to_port":0,"protocol":"-1"}]},{"type":"egress","cidr_blocks":["0.0.0.0/0"],"from_port":0,"to_port":0,"protocol":"-1"}]`,
			want: []FirewallRule{
				{Sources: []string{"0.0.0.0/0"}, FromPort: 80, ToPort: 80, Protocol: "tcp"},
				{FromPort: 5432, ToPort: 5432, Protocol: "tcp"},
			},
			origin: []int{0, 0},
		},
		{
			name:  "aws icmp with -1 type",
			input: `[{"cidr_blocks":["0.0.0.0/0"],"from_port":-1,"to_port":-1,"protocol":"icmp"}]`,
			want:  []FirewallRule{{Sources: []string{"0.0.0.0/0"}, FromPort: -1, ToPort: -1, Protocol: "icmp"}},
		},
		{
			name:  "aws missing ports means all ports",
			input: `[{"cidr_blocks":["0.0.0.0/0"],"protocol":"tcp"}]`,
			want:  []FirewallRule{{Sources: []string{"0.0.0.0/0"}, FromPort: 0, ToPort: 65535, Protocol: "tcp"}},
		},
		{
			name:  "azure nsg rules with string ports, lists, deny and outbound",
			input: `[{"name":"ssh","access":"Allow","direction":"Inbound","protocol":"Tcp","source_address_prefix":"Internet","destination_port_range":"22"},{"access":"Allow","direction":"Inbound","protocol":"*","source_address_prefix":"","source_address_prefixes":["10.0.0.0/8","*"],"destination_port_range":"","destination_port_ranges":["1000-2000","3306"]},{"access":"Deny","direction":"Inbound","protocol":"*","source_address_prefix":"*","destination_port_range":"*"},{"access":"Allow","direction":"Outbound","protocol":"*","source_address_prefix":"*","destination_port_range":"*"}]`,
			want: []FirewallRule{
				{Sources: []string{"Internet"}, FromPort: 22, ToPort: 22, Protocol: "tcp"},
				{Sources: []string{"10.0.0.0/8", "*"}, FromPort: 0, ToPort: 65535, Protocol: "*"},
			},
			origin: []int{0, 1},
		},
		{
			name:   "azure tcp with several port ranges",
			input:  `[{"protocol":"Tcp","source_address_prefix":"Any","destination_port_ranges":["22","8000-9000"]}]`,
			want:   []FirewallRule{{Sources: []string{"Any"}, FromPort: 22, ToPort: 22, Protocol: "tcp"}, {Sources: []string{"Any"}, FromPort: 8000, ToPort: 9000, Protocol: "tcp"}},
			origin: []int{0, 0},
		},
		{
			name:  "gcp firewall allow blocks, no ports, egress dropped",
			input: `[{"name":"allow-ssh","direction":"INGRESS","source_ranges":["0.0.0.0/0"],"allow":[{"protocol":"tcp","ports":["22","8000-9000"]},{"protocol":"udp","ports":[]}]},{"direction":"EGRESS","destination_ranges":["0.0.0.0/0"],"allow":[{"protocol":"all"}]}]`,
			want: []FirewallRule{
				{Sources: []string{"0.0.0.0/0"}, FromPort: 22, ToPort: 22, Protocol: "tcp"},
				{Sources: []string{"0.0.0.0/0"}, FromPort: 8000, ToPort: 9000, Protocol: "tcp"},
				{Sources: []string{"0.0.0.0/0"}, FromPort: 0, ToPort: 65535, Protocol: "udp"},
			},
			origin: []int{0, 0, 0},
		},
		{
			name:  "gcp API shape (allowed/IPProtocol) and default source",
			input: `[{"allowed":[{"IPProtocol":"tcp","ports":["3389"]}]},{"source_tags":["web"],"allow":[{"protocol":"tcp","ports":["22"]}]},{"deny":[{"protocol":"all"}],"source_ranges":["0.0.0.0/0"]}]`,
			want: []FirewallRule{
				{Sources: []string{"0.0.0.0/0"}, FromPort: 3389, ToPort: 3389, Protocol: "tcp"},
				{FromPort: 22, ToPort: 22, Protocol: "tcp"},
			},
			origin: []int{0, 1},
		},
		{name: "empty list", input: `[]`},
		{name: "null", input: `null`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, origin, err := NormalizeFirewallRulesIndexed(decodeJSON(t, tt.input))
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("rules\n got  %+v\n want %+v", got, tt.want)
			}
			if tt.origin != nil && !slices.Equal(origin, tt.origin) {
				t.Errorf("origin %v, want %v", origin, tt.origin)
			}
			plain, err := NormalizeFirewallRules(decodeJSON(t, tt.input))
			if err != nil || !reflect.DeepEqual(plain, got) {
				t.Errorf("NormalizeFirewallRules differs from the indexed form")
			}
		})
	}
}

func TestNormalizeFirewallRulesGoValues(t *testing.T) {
	// Values built in Go (as the provider glue might) rather than decoded.
	in := []map[string]any{
		{"cidr_blocks": []string{"0.0.0.0/0"}, "from_port": int64(5432), "to_port": 5432, "protocol": "TCP"},
		{"source_ranges": []any{"::/0"}, "allow": []any{map[string]any{"protocol": "tcp", "ports": []string{"6379"}}}},
	}
	got, err := NormalizeFirewallRules(in)
	if err != nil {
		t.Fatal(err)
	}
	want := []FirewallRule{
		{Sources: []string{"0.0.0.0/0"}, FromPort: 5432, ToPort: 5432, Protocol: "tcp"},
		{Sources: []string{"::/0"}, FromPort: 6379, ToPort: 6379, Protocol: "tcp"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v", got)
	}
}

func TestNormalizeFirewallRulesErrors(t *testing.T) {
	tests := []struct {
		input string
		want  []string // substrings of the error
	}{
		{`"0.0.0.0/0"`, []string{"firewall rules are a string", "expected a list"}},
		{`{"a":{"cidr_blocks":[]},"b":7}`, []string{"neither a rule nor a map of rules"}},
		{`[{"cidr_blocks":["0.0.0.0/33"],"from_port":22,"to_port":22,"protocol":"tcp"}]`, []string{`rule 0: cidr_blocks[0] "0.0.0.0/33" is not a CIDR block; expected e.g. "10.0.0.0/16"`}},
		{`[{"cidr_blocks":["VirtualNetwork"],"from_port":22,"to_port":22,"protocol":"tcp"}]`, []string{`rule 0: cidr_blocks[0] "Virt…" is not a CIDR block`}},
		{`[{"source_address_prefix":"10.0.0.0/99","destination_port_range":"22","protocol":"Tcp"}]`, []string{`rule 0: source_address_prefix "10.0.0.0/99" is not a CIDR block, IP address or service tag`}},
		{`[{"cidr_blocks":["0.0.0.0/0"],"from_port":22,"to_port":22,"protocol":"tcpp"}]`, []string{`rule 0: protocol "tcpp" is not a protocol; expected tcp, udp`}},
		{`[{"cidr_blocks":["0.0.0.0/0"],"from_port":22,"to_port":22,"protocol":"256"}]`, []string{`rule 0: protocol "256" is not a protocol`}},
		{`[{"cidr_blocks":["0.0.0.0/0"],"from_port":-1,"to_port":-1,"protocol":"tcp"}]`, []string{"rule 0: from_port -1 is outside 0..65535"}},
		{`[{"from_port":22,"to_port":22,"protocol":"tcp"},{"from_port":22,"to_port":22},{"from_port":"abc","to_port":22,"protocol":"tcp"}]`, []string{`rule 2: from_port "abc" is not a port number`}},
		{`[{"from_port":70000,"to_port":70000,"protocol":"tcp"}]`, []string{"rule 0: from_port 70000 is outside 0..65535"}},
		{`[{"from_port":22.5,"to_port":23,"protocol":"tcp"}]`, []string{"rule 0: from_port 22.5 is not a port number"}},
		{`[{"from_port":100,"to_port":22,"protocol":"tcp"}]`, []string{"rule 0: from_port 100 is greater than to_port 22"}},
		{`[{"protocol":"tcp","cidr_blocks":["0.0.0.0/0"]}, "oops"]`, []string{`rule 1: is a string ("oops"), expected an object`}},
		{`[{"protocol":"tcp","cidr_blocks":[1]}]`, []string{"rule 0: cidr_blocks[0] is a number"}},
		{`[{"protocol":"Tcp","source_address_prefix":"*","destination_port_range":"22-abc"}]`, []string{`rule 0: destination_port_range "22-a…" is not a port or port range`}},
		{`[{"protocol":"Tcp","source_address_prefix":"*","destination_port_ranges":["22","99999"]}]`, []string{`rule 0: destination_port_ranges[1] "99999"`}},
		{`[{"source_ranges":["0.0.0.0/0"],"allow":[{"protocol":"tcp","ports":["2000-1000"]}]}]`, []string{`rule 0: allow 0: ports[0] "2000-1000"`}},
		{`[{"source_ranges":["0.0.0.0/0"],"allow":["tcp"]}]`, []string{"rule 0: allow 0: is a string"}},
		{`[{"name":"x","priority":100}]`, []string{"rule 0: has no recognised firewall fields"}},
		{`[{"protocol":{"x":1},"cidr_blocks":[]}]`, []string{"rule 0: protocol an object is not a protocol"}},
		{`[{"ingress":[{"from_port":"x","protocol":"tcp"}]}]`, []string{`rule 0: ingress 0: from_port "x"`}},
	}
	for _, tt := range tests {
		_, err := NormalizeFirewallRules(decodeJSON(t, tt.input))
		if err == nil {
			t.Errorf("%s: no error", tt.input)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s:\n error %q\n lacks %q", tt.input, err, w)
			}
		}
	}
}

func TestFirewallFindings(t *testing.T) {
	tests := []struct {
		name  string
		rules []FirewallRule
		want  []string // "id@index"
		msg   string   // substring of the first finding's message
	}{
		{"ssh from anywhere", []FirewallRule{{Sources: []string{"0.0.0.0/0"}, FromPort: 22, ToPort: 22, Protocol: "tcp"}},
			[]string{"firewall.world_open_admin_port@0"}, "rule 0 opens administrative port 22 (SSH) to 0.0.0.0/0 (tcp 22)"},
		{"rdp from ipv6 anywhere", []FirewallRule{{Sources: []string{"::/0"}, FromPort: 3389, ToPort: 3389, Protocol: "tcp"}},
			[]string{"firewall.world_open_admin_port@0"}, "port 3389"},
		{"azure Internet tag", []FirewallRule{{Sources: []string{"Internet"}, FromPort: 22, ToPort: 22, Protocol: "tcp"}},
			[]string{"firewall.world_open_admin_port@0"}, "Internet"},
		{"range covering admin and db ports", []FirewallRule{{Sources: []string{"10.0.0.0/8", "*"}, FromPort: 20, ToPort: 4000, Protocol: "tcp"}},
			[]string{"firewall.world_open_admin_port@0", "firewall.world_open_database_port@0"}, "ports 22 (SSH), 3389 (RDP)"},
		{"database ports", []FirewallRule{
			{Sources: []string{"0.0.0.0/0"}, FromPort: 443, ToPort: 443, Protocol: "tcp"},
			{Sources: []string{"0.0.0.0/0"}, FromPort: 5432, ToPort: 5432, Protocol: "tcp"},
			{Sources: []string{"Any"}, FromPort: 27017, ToPort: 27017, Protocol: "tcp"},
		}, []string{"firewall.world_open_database_port@1", "firewall.world_open_database_port@2"}, "database/cache port 5432"},
		{"all traffic", []FirewallRule{{Sources: []string{"0.0.0.0/0"}, FromPort: 0, ToPort: 65535, Protocol: "-1"}},
			[]string{"firewall.world_open_all_ports@0"}, "all ports"},
		{"whole tcp range", []FirewallRule{{Sources: []string{"0.0.0.0/0"}, FromPort: 1, ToPort: 65535, Protocol: "tcp"}},
			[]string{"firewall.world_open_all_ports@0"}, "all ports"},
		{"short public prefixes count as world", []FirewallRule{
			{Sources: []string{"0.0.0.0/1"}, FromPort: 22, ToPort: 22, Protocol: "tcp"},
			{Sources: []string{"2000::/3"}, FromPort: 22, ToPort: 22, Protocol: "tcp"},
			{Sources: []string{"0.0.0.0"}, FromPort: 22, ToPort: 22, Protocol: "tcp"},
		}, []string{"firewall.world_open_admin_port@0", "firewall.world_open_admin_port@1", "firewall.world_open_admin_port@2"}, ""},
		{"private and narrow sources are fine", []FirewallRule{
			{Sources: []string{"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8"}, FromPort: 0, ToPort: 65535, Protocol: "-1"},
			{Sources: []string{"fc00::/7", "fe80::/10"}, FromPort: 22, ToPort: 22, Protocol: "tcp"},
			{Sources: []string{"203.0.113.0/24", "8.0.0.0/5"}, FromPort: 22, ToPort: 22, Protocol: "tcp"},
			{Sources: []string{"VirtualNetwork", "sg-123", "AzureLoadBalancer"}, FromPort: 3306, ToPort: 3306, Protocol: "tcp"},
		}, nil, ""},
		{"safe ports and icmp", []FirewallRule{
			{Sources: []string{"0.0.0.0/0"}, FromPort: 443, ToPort: 443, Protocol: "tcp"},
			{Sources: []string{"0.0.0.0/0"}, FromPort: 80, ToPort: 80, Protocol: "tcp"},
			{Sources: []string{"0.0.0.0/0"}, FromPort: -1, ToPort: -1, Protocol: "icmp"},
		}, nil, ""},
		{"odd hand-built rules do not panic", []FirewallRule{
			{Sources: []string{"0.0.0.0/0"}, FromPort: 900, ToPort: 10, Protocol: "tcp"},
			{Sources: nil, FromPort: 22, ToPort: 22},
			{Sources: []string{"not a cidr", ""}, FromPort: 22, ToPort: 22},
		}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FirewallFindings(tt.rules)
			var keys []string
			for _, f := range got {
				keys = append(keys, f.ID+"@"+strconv.Itoa(f.Index))
			}
			if !slices.Equal(keys, tt.want) {
				t.Fatalf("got %v, want %v", keys, tt.want)
			}
			if tt.msg != "" && !strings.Contains(got[0].Message, tt.msg) {
				t.Errorf("message %q lacks %q", got[0].Message, tt.msg)
			}
			checkFindingShape(t, got)
		})
	}
}

func TestFirewallFindingsSeverityAndReferences(t *testing.T) {
	got := FirewallFindings([]FirewallRule{
		{Sources: []string{"0.0.0.0/0"}, FromPort: 22, ToPort: 22, Protocol: "tcp"},
		{Sources: []string{"::/0"}, FromPort: 22, ToPort: 22, Protocol: "tcp"},
		{Sources: []string{"0.0.0.0/0"}, FromPort: 6379, ToPort: 6379, Protocol: "tcp"},
		{Sources: []string{"0.0.0.0/0"}, Protocol: "all"},
	})
	want := []struct {
		sev string
		ref string
	}{
		{SeverityCritical, "CIS AWS Foundations v5.0 5.3"},
		{SeverityCritical, "CIS AWS Foundations v5.0 5.4"},
		{SeverityHigh, "NIST SP 800-53 Rev. 5 SC-7"},
		{SeverityCritical, "NIST SP 800-53 Rev. 5 SC-7(5)"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %v", ids(got))
	}
	for i, w := range want {
		if got[i].Severity != w.sev || !slices.Contains(got[i].References, w.ref) || !slices.Contains(got[i].References, "CIS Controls v8 4.4") {
			t.Errorf("finding %d: %s %v", i, got[i].Severity, got[i].References)
		}
	}
}

func TestFirewallEndToEnd(t *testing.T) {
	// A for-expression over a map of services, as jsonencode would show it.
	input := `[{"cidr_blocks":["0.0.0.0/0"],"description":"ssh","from_port":22,"protocol":"tcp","to_port":22},
	           {"cidr_blocks":["10.0.0.0/16"],"description":"pg","from_port":5432,"protocol":"tcp","to_port":5432},
	           {"cidr_blocks":["0.0.0.0/0"],"description":"web","from_port":443,"protocol":"tcp","to_port":443}]`
	rules, err := NormalizeFirewallRules(decodeJSON(t, input))
	if err != nil {
		t.Fatal(err)
	}
	got := FirewallFindings(rules)
	if len(got) != 1 || got[0].ID != "firewall.world_open_admin_port" || got[0].Index != 0 {
		t.Fatalf("got %+v", got)
	}
}

func TestIsPublicCIDR(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"0.0.0.0/0", true}, {"8.8.8.8/32", true}, {"8.8.8.8", true}, {"10.1.0.0/16", false},
		{"10.0.0.0/7", true}, // 10/8 plus 11/8, which is public
		{"172.16.0.0/12", false}, {"172.32.0.0/16", true}, {"192.168.1.1", false}, {"100.64.0.0/10", false},
		{"127.0.0.1", false}, {"169.254.169.254", false}, {"192.0.2.0/24", false}, {"198.51.100.7", false},
		{"203.0.113.0/24", false}, {"224.0.0.0/4", false}, {"224.0.0.0/3", false}, {"192.0.0.0/8", true},
		{"0.0.0.0", false}, {"255.255.255.255", false},
		{"::/0", true}, {"::1", false}, {"fc00::/7", false}, {"fd12:3456::/48", false}, {"fe80::1%eth0", false},
		{"2001:db8::/32", false}, {"2001:4860:4860::8888", true}, {"2000::/3", true}, {"ff02::1", false},
		{"::ffff:10.0.0.1", false}, {"::ffff:8.8.8.8", true}, {" 8.8.4.0/24 ", true},
	}
	for _, tt := range tests {
		got, err := IsPublicCIDR(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("IsPublicCIDR(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "abc", "10.0.0.0/33", "10.0.0/8", "::/129", "Internet", "1.2.3.4/x"} {
		_, err := IsPublicCIDR(bad)
		if err == nil || !strings.Contains(err.Error(), "not a valid CIDR") || !strings.Contains(err.Error(), `"10.0.0.0/16"`) {
			t.Errorf("IsPublicCIDR(%q) error = %v", bad, err)
		}
	}
}

func TestFirewallConcurrent(t *testing.T) {
	rules := benchRules()
	want := FirewallFindings(rules)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := FirewallFindings(rules); !reflect.DeepEqual(got, want) {
				t.Error("results differ between goroutines")
			}
		}()
	}
	wg.Wait()
}

func benchRules() []FirewallRule {
	sources := [][]string{{"0.0.0.0/0"}, {"10.0.0.0/8"}, {"::/0"}, {"Internet"}, {"192.168.0.0/16", "203.0.113.0/24"}}
	ports := [][2]int{{22, 22}, {443, 443}, {0, 65535}, {5432, 5432}, {8000, 9000}, {1000, 4000}}
	var rules []FirewallRule
	for i := range 1000 {
		p := ports[i%len(ports)]
		rules = append(rules, FirewallRule{Sources: sources[i%len(sources)], FromPort: p[0], ToPort: p[1], Protocol: "tcp"})
	}
	return rules
}

func BenchmarkFirewallFindings(b *testing.B) {
	rules := benchRules()
	b.ReportAllocs()
	for b.Loop() {
		FirewallFindings(rules)
	}
}

func FuzzNormalizeFirewallRules(f *testing.F) {
	for _, s := range []string{
		`[{"cidr_blocks":["0.0.0.0/0"],"from_port":22,"to_port":22,"protocol":"tcp"}]`,
		`[{"cidr_ipv6":"::/0","ip_protocol":"-1"}]`,
		`[{"ingress":[{"cidr_blocks":["0.0.0.0/0"],"from_port":0,"to_port":0,"protocol":"-1"}]}]`,
		`[{"access":"Allow","direction":"Inbound","protocol":"Tcp","source_address_prefix":"*","destination_port_range":"1000-4000"}]`,
		`[{"source_ranges":["0.0.0.0/0"],"allow":[{"protocol":"tcp","ports":["22","8000-9000"]}]}]`,
		`[{"allowed":[{"IPProtocol":"all"}]}]`,
		`[{"from_port":"abc"}]`, `[1, "x", null, []]`, `{}`, `null`, `[{"protocol":"icmp","from_port":8,"to_port":0,"cidr_blocks":["0.0.0.0/1"]}]`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var v any
		if json.Unmarshal([]byte(s), &v) != nil {
			return
		}
		rules, origin, err := NormalizeFirewallRulesIndexed(v)
		if err != nil {
			if rules != nil || err.Error() == "" {
				t.Fatalf("error %q with rules %v", err, rules)
			}
			return
		}
		if len(origin) != len(rules) {
			t.Fatalf("%d origins for %d rules", len(origin), len(rules))
		}
		for i, r := range rules {
			if r.FromPort == -1 && r.ToPort == -1 {
				continue
			}
			if r.FromPort < 0 || r.ToPort > 65535 || r.FromPort > r.ToPort {
				t.Fatalf("rule %d has bad ports %d-%d", i, r.FromPort, r.ToPort)
			}
		}
		got := FirewallFindings(rules)
		checkFindingShape(t, got)
		for _, f := range got {
			if f.Index < 0 || f.Index >= len(rules) {
				t.Fatalf("finding index %d out of range", f.Index)
			}
		}
	})
}

func FuzzIsPublicCIDR(f *testing.F) {
	for _, s := range []string{"0.0.0.0/0", "10.0.0.0/8", "8.8.8.8", "::/0", "fc00::/7", "::ffff:1.2.3.4/120", "fe80::1%eth0", "x", "224.0.0.0/3", "1.2.3.4/0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		pub, err := IsPublicCIDR(s)
		if err != nil {
			if pub || !strings.Contains(err.Error(), "not a valid CIDR") {
				t.Fatalf("bad error result: %v %v", pub, err)
			}
			return
		}
		// A block is public iff at least one of its halves is.
		p, _ := parseCIDROrAddr(s)
		if p.Bits() < p.Addr().BitLen() {
			lo, hi := halves(p)
			if pub != (!coveredByNonPublic(lo) || !coveredByNonPublic(hi)) {
				t.Fatalf("%s: public=%v disagrees with its halves %s, %s", s, pub, lo, hi)
			}
		}
		// World-open sources are always public.
		if isWorldOpen(s) && !pub && strings.Contains(s, "/") {
			t.Fatalf("%s is world-open but not public", s)
		}
	})
}

func TestFirewallFindingsFromInputNumbersInputElements(t *testing.T) {
	input := []any{
		map[string]any{"access": "Allow", "direction": "Inbound", "protocol": "Tcp", "source_address_prefix": "*",
			"destination_port_ranges": []any{"443", "8443"}},
		map[string]any{"access": "Allow", "direction": "Inbound", "protocol": "Tcp", "source_address_prefix": "Internet",
			"destination_port_range": "22"},
	}
	fs, err := FirewallFindingsFromInput(input)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].Index != 1 || !strings.HasPrefix(fs[0].Message, "rule 1 ") {
		t.Fatalf("findings = %+v; want one finding for input element 1", fs)
	}
}
