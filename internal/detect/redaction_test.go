package detect

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// Issue 10 item 5: no finding or error quotes more than four characters of
// anything that could be a secret. Each case puts a generated secret (40
// characters, the length of an AWS secret access key) where a detector
// might echo it: a Sid, an action, a resource, a principal, a condition, a
// port, a protocol, a CIDR, a date, a key name.
func TestNoOutputHoldsMoreThanFourCharactersOfInput(t *testing.T) {
	secrets := []string{fake(90, 40, b64chars), fake(91, 40, alnum), strings.ToLower(fake(92, 32, alnum))}
	for _, secret := range secrets {
		var outputs []string
		record := func(fs []Finding, err error) {
			for _, f := range fs {
				outputs = append(outputs, f.Message, f.Remediation)
			}
			if err != nil {
				outputs = append(outputs, err.Error())
			}
		}
		p := func(s string) string { return fmt.Sprintf(s, secret) }
		for _, policy := range []string{
			p(`{"Statement":[{"Sid":"%s","Effect":"Allow","Action":"*","Resource":"*"}]}`),
			p(`{"Statement":[{"Effect":"Allow","Action":["%[1]s:*","%[1]s","s3:*"],"Resource":"*"}]}`),
			p(`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"s3:GetObject","Resource":"*"}]}`),
			p(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::%s/*","Condition":{"StringEquals":{"aws:SourceVpce":"%[1]s"}}}]}`),
			p(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"%s":"x"}}}]}`),
			p(`{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},"%s"]}`),
			p(`{"Statement":[{"Effect":"Allow","Action":["%s",1],"Resource":"*"}]}`),
			p(`{"Statement":"%s"}`),
			p(`%s`),
		} {
			record(IAMPolicyFindings(policy))
			record(BucketPolicyFindings(policy))
		}
		for _, rules := range []string{
			p(`[{"cidr_blocks":["%s"],"from_port":22,"to_port":22,"protocol":"tcp"}]`),
			p(`[{"cidr_blocks":["0.0.0.0/0"],"from_port":"%s","to_port":22,"protocol":"tcp"}]`),
			p(`[{"cidr_blocks":["0.0.0.0/0"],"from_port":22,"to_port":22,"protocol":"%s"}]`),
			p(`[{"source_address_prefix":"%s","destination_port_range":"22","protocol":"Tcp"}]`),
			p(`[{"source_address_prefix":"*","destination_port_range":"%s","protocol":"Tcp"}]`),
			p(`[{"source_ranges":["0.0.0.0/0"],"allow":[{"protocol":"tcp","ports":["%s"]}]}]`),
			p(`[{"%s":1}]`),
			p(`["%s"]`),
			p(`"%s"`),
		} {
			record(FirewallFindingsFromInput(decodeJSON(t, rules)))
		}
		_, err := IsPublicCIDR(secret)
		record(nil, err)
		_, err = ParseDate(secret)
		record(nil, err)
		record(PublicAccessBlockFindingsFromInput(map[string]any{"block_public_acls": secret}))
		record(PublicAccessBlockFindingsFromInput(secret))
		record(SecretFindings(p("password = \"%s\"\n%[1]s = 1\nhttps://u:%[1]s@h/\n<password>%[1]s</password>")), nil)
		record(PatchFindings(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Now(), 30))
		all := strings.Join(outputs, "\n")
		for i := 0; i+5 <= len(secret); i++ {
			if strings.Contains(all, secret[i:i+5]) {
				t.Errorf("output holds %q of a secret:\n%s", secret[i:i+5], all)
				break
			}
		}
	}
}
