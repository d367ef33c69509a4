package detect

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// Benchmarks on hostile and large inputs. Each must stay linear: the
// figures per byte (or per rule) do not grow with the input size.

// hostileSecretTexts are inputs that once made the scanner quadratic or
// slow: many tokens mixed with password assignments (overlap resolution),
// runs of "token=" (each '=' re-read the value), open quotes, PEM headers,
// and the newer triggers (XML tags, call pairs, URL user info, flags).
func hostileSecretTexts(size int) map[string]string {
	gh := "gh" + "p_" + fake(61, 36, alnum)
	rep := func(unit string) string { return strings.Repeat(unit, size/len(unit)+1)[:size] }
	return map[string]string{
		"tokens and passwords": rep(gh + ` password="` + fake(62, 12, alnum) + `" `),
		"assignment runs":      rep("token="),
		"yaml keys":            rep("password: "),
		"open quotes":          rep(`token='`),
		"pem headers":          rep("-----BEGIN RSA PRIVATE KEY-----"),
		"xml tags":             rep("<password>"),
		"call pairs":           rep(`("token", `),
		"url user info":        rep("a:b@"),
		"flags":                rep("--password -p "),
		"token prefixes":       rep("sk_live_AKIAglpat-xoxb-"),
	}
}

func BenchmarkSecretFindingsHostile(b *testing.B) {
	texts := hostileSecretTexts(4 << 20)
	for _, name := range []string{"tokens and passwords", "assignment runs", "yaml keys", "open quotes", "pem headers",
		"xml tags", "call pairs", "url user info", "flags", "token prefixes"} {
		text := texts[name]
		b.Run(strings.ReplaceAll(name, " ", "_"), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				SecretFindings(text)
			}
		})
	}
}

// bigPolicy is a policy of about size bytes: one statement with a long
// Action list of service wildcards and escalation actions, then many small
// statements.
func bigPolicy(size int) string {
	var b strings.Builder
	b.WriteString(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*","Action":[`)
	for i := 0; b.Len() < size/2; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"svc%d:*","iam:Put%dPolicy"`, i, i)
	}
	b.WriteString(`]}`)
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, `,{"Sid":"S%d","Effect":"Allow","Action":["iam:CreateAccessKey","s3:GetObject"],"Resource":"*"}`, i)
	}
	b.WriteString(`]}`)
	return b.String()
}

func BenchmarkIAMPolicyFindingsLarge(b *testing.B) {
	policy := bigPolicy(2 << 20)
	b.SetBytes(int64(len(policy)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := IAMPolicyFindings(policy); err != nil {
			b.Fatal(err)
		}
	}
}

// decodedRules builds n decoded rules as a for-expression would produce
// them, every tenth one world-open on SSH.
func decodedRules(n int) []any {
	out := make([]any, n)
	for i := range out {
		cidr, port := "10.0.0.0/8", 443.0
		if i%10 == 0 {
			cidr, port = "0.0.0.0/0", 22
		}
		out[i] = map[string]any{"cidr_blocks": []any{cidr}, "ipv6_cidr_blocks": []any{}, "from_port": port, "to_port": port, "protocol": "tcp", "description": "rule"}
	}
	return out
}

func BenchmarkFirewallFindingsFromInput100k(b *testing.B) {
	rules := decodedRules(100_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FirewallFindingsFromInput(rules); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSecretFindingsQuadraticOnce runs the inputs that once took time
// quadratic in their length, before the scanner cached its forward
// searches, at 512 KiB and 1 MiB: the throughput (MB/s) of the two sizes
// stays about equal while the scan is linear.
func BenchmarkSecretFindingsQuadraticOnce(b *testing.B) {
	inputs := func(n int) map[string]string {
		return map[string]string{
			"repeated assignments": strings.Repeat("token=", n/6),
			"pem headers":          strings.Repeat("-----BEGIN RSA PRIVATE KEY-----", n/31),
			"yaml keys":            strings.Repeat("password: ", n/10),
			"jwt-like parts":       strings.Repeat("eyJhbGciOiJIUzI1NiJ9.", n/21),
			"open quotes":          strings.Repeat(`token='`, n/7),
			"long key":             strings.Repeat("a", n) + "=x",
			"token prefixes":       strings.Repeat("sk_live_", n/8) + strings.Repeat("AKIA", n/4),
		}
	}
	for _, size := range []int{1 << 19, 1 << 20} {
		in := inputs(size)
		for _, name := range slices.Sorted(maps.Keys(in)) {
			text := in[name]
			b.Run(fmt.Sprintf("%s/%dKiB", strings.ReplaceAll(name, " ", "_"), size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					SecretFindings(text)
				}
			})
		}
	}
}
