package policy

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// FuzzEvaluateUnknownAndSecrets builds a workload from fuzzed values and a
// fuzzed secret placed where users put secrets (a scanned text, an IAM
// statement's Sid, a workload name). Two properties hold for every input:
// making values unknown never adds a violation, and no finding or detail
// holds more than 4 characters in a row of the secret.
func FuzzEvaluateUnknownAndSecrets(f *testing.F) {
	f.Add(uint64(0), uint64(0), "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "iaas")
	f.Add(uint64(0xffffffffffffffff), uint64(0x5555), "ghp_16C7e42F292c6912E7710c838347Ae178B4a", "paas")
	f.Add(uint64(12345), uint64(0xf0f0), "correct-horse-battery-staple", "saas")
	m := model.Default()
	ev := New(m)
	f.Fuzz(func(t *testing.T, bits, unknownBits uint64, secret, serviceModel string) {
		if _, ok := m.ServiceModel(serviceModel); !ok {
			serviceModel = "iaas"
		}
		if len(secret) < 8 || strings.ContainsAny(secret, "\n\r") {
			return
		}
		w := &Workload{Name: secret, ServiceModel: serviceModel, Classification: "internal", Baseline: "standard",
			Now: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC), Values: map[string]Value{}}
		for i, c := range m.Controls {
			on := bits>>(uint(i)%64)&1 == 1
			switch c.Type {
			case model.TypeBool:
				w.Values[c.ID] = KnownBool(on)
			case model.TypeNumber:
				n := 7.0
				if on {
					n = 400
				}
				w.Values[c.ID] = KnownNumber(n)
			case model.TypeStringList:
				w.Values[c.ID] = KnownStrings([]string{"db_password = \"" + secret + "\"", "token: " + secret})
			case model.TypeJSON:
				doc, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
					"Sid": secret, "Effect": "Allow", "Action": "*", "Resource": "*", "Principal": "*"}}})
				w.Values[c.ID] = KnownString(string(doc))
			}
		}
		known := ev.Evaluate(w)
		// The same workload with a neutral secret gives the fixed prose, in
		// which words of a passphrase may occur by chance.
		neutral := strings.Repeat("Q", len(secret))
		var prose strings.Builder
		for _, fd := range ev.Evaluate(withSecret(w, secret, neutral)).Findings {
			prose.WriteString(fd.Message + fd.Detail + fd.Remediation)
		}
		for _, fd := range known.Findings {
			for _, text := range []string{fd.Message, fd.Detail, fd.Remediation} {
				if leak := longestRun(text, secret, prose.String()); leak > 4 {
					t.Fatalf("%s: %d characters of the secret in %q", fd.Control, leak, text)
				}
			}
		}
		violated := map[string]bool{}
		for _, fd := range known.Findings {
			if fd.Status == finding.StatusViolated {
				violated[fd.Control] = true
			}
		}
		u := *w
		u.Values = map[string]Value{}
		for i, c := range m.Controls {
			v := w.Values[c.ID]
			if unknownBits>>(uint(i)%64)&1 == 1 {
				v = Value{State: Unknown}
			}
			u.Values[c.ID] = v
		}
		for _, fd := range ev.Evaluate(&u).Findings {
			if fd.Status == finding.StatusViolated && !violated[fd.Control] {
				t.Fatalf("making values unknown added a violation of %s: %s", fd.Control, fd.Message)
			}
		}
	})
}

// longestRun is the length of the longest substring of secret in text
// that the fixed prose does not hold too.
func longestRun(text, secret, prose string) int {
	best := 0
	for i := range secret {
		for j := i + 5; j <= len(secret); j++ {
			sub := secret[i:j]
			if !strings.Contains(text, sub) {
				break
			}
			if !strings.Contains(prose, sub) && j-i > best {
				best = j - i
			}
		}
	}
	return best
}

// withSecret copies a workload with every occurrence of secret replaced.
func withSecret(w *Workload, secret, by string) *Workload {
	c := *w
	c.Name = strings.ReplaceAll(w.Name, secret, by)
	c.Values = map[string]Value{}
	for id, v := range w.Values {
		v.String = strings.ReplaceAll(v.String, secret, by)
		var ss []string
		for _, s := range v.Strings {
			ss = append(ss, strings.ReplaceAll(s, secret, by))
		}
		v.Strings = ss
		c.Values[id] = v
	}
	return &c
}
