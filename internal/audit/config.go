package audit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// Config maps resource address patterns to the workload they belong to and
// how that workload is judged. The first entry whose pattern matches an
// address applies.
type Config struct {
	Workloads []ConfigEntry `json:"workloads"`
}

// ConfigEntry is one address pattern and its settings; empty fields keep
// the defaults (the type's service model, internal data, the --baseline).
type ConfigEntry struct {
	// Match is an address pattern: "*" matches any run of characters,
	// "module.payments.*", "aws_s3_bucket.logs[*]".
	Match          string `json:"match"`
	Workload       string `json:"workload,omitempty"`
	ServiceModel   string `json:"service_model,omitempty"`
	Classification string `json:"classification,omitempty"`
	// Baseline is a preset id or an srm_baseline spec (its JSON).
	Baseline string `json:"baseline,omitempty"`
	custom   *policy.CustomBaseline
}

// ParseConfig reads and validates a config file's JSON.
func ParseConfig(m *model.Model, data []byte) (*Config, error) {
	var c Config
	if err := strictJSON(data, &c); err != nil {
		return nil, err
	}
	for i := range c.Workloads {
		e := &c.Workloads[i]
		at := fmt.Sprintf("workloads[%d]", i)
		if strings.TrimSpace(e.Match) == "" {
			return nil, fmt.Errorf("%s.match is required: an address pattern such as \"module.payments.*\"", at)
		}
		if _, ok := m.ServiceModel(e.ServiceModel); e.ServiceModel != "" && !ok {
			return nil, fmt.Errorf("%s.service_model %q is not a service model: valid values are %s", at, clip(e.ServiceModel), model.Quoted(m.ServiceModelIDs()))
		}
		if e.Classification != "" && model.ClassificationRank(e.Classification) < 0 {
			return nil, fmt.Errorf("%s.classification %q is not valid: valid values are %s", at, clip(e.Classification), model.Quoted(model.Classifications))
		}
		if e.Baseline != "" {
			preset, custom, err := ParseBaseline(m, e.Baseline)
			if err != nil {
				return nil, fmt.Errorf("%s.baseline: %v", at, err)
			}
			e.Baseline, e.custom = preset, custom
		}
	}
	return &c, nil
}

// ParseBaseline reads a baseline flag or config value: a preset id, or the
// JSON spec srm_baseline exports.
func ParseBaseline(m *model.Model, s string) (string, *policy.CustomBaseline, error) {
	if strings.HasPrefix(strings.TrimSpace(s), "{") {
		b, err := policy.ParseCustomBaseline(m, s)
		if err != nil {
			return "", nil, err
		}
		return b.Extends, b, nil
	}
	if _, ok := m.Baseline(s); !ok {
		return "", nil, fmt.Errorf("%q is not a preset baseline: valid values are %s, or an srm_baseline spec (JSON)", clip(s), model.Quoted(m.BaselineIDs()))
	}
	return s, nil, nil
}

func (c *Config) match(address string) (*ConfigEntry, int) {
	if c == nil {
		return nil, -1
	}
	for i := range c.Workloads {
		if MatchAddress(c.Workloads[i].Match, address) {
			return &c.Workloads[i], i
		}
	}
	return nil, -1
}

// MatchAddress reports whether an address matches a pattern in which "*"
// matches any run of characters and everything else matches itself.
func MatchAddress(pattern, address string) bool {
	parts := strings.Split(pattern, "*")
	if len(parts) == 1 {
		return pattern == address
	}
	if !strings.HasPrefix(address, parts[0]) {
		return false
	}
	rest := address[len(parts[0]):]
	last := parts[len(parts)-1]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(rest, p)
		if i < 0 {
			return false
		}
		rest = rest[i+len(p):]
	}
	return len(rest) >= len(last) && strings.HasSuffix(rest, last)
}

// Waiver accepts one finding on the resources an address pattern matches,
// until it expires. Finding is a finding id
// ("aws_s3_bucket.versioning_disabled") or a control id.
type Waiver struct {
	Address       string `json:"address"`
	Finding       string `json:"finding"`
	Justification string `json:"justification"`
	ApprovedBy    string `json:"approved_by"`
	Expires       string `json:"expires"`
}

// Waiver states in a report.
const (
	WaiverActive      = "active"
	WaiverUnused      = "unused"
	WaiverExpired     = "expired"
	WaiverUnjustified = "unjustified"
	WaiverBadExpiry   = "invalid_expiry"
)

// WaiverState is a waiver as a report lists it: what it says, whether it
// applies and how many findings it waived.
type WaiverState struct {
	Waiver
	State  string `json:"state"`
	Waived int    `json:"waived"`
}

// ParseWaivers reads a waivers file: {"waivers": [...]}.
func ParseWaivers(data []byte) ([]Waiver, error) {
	var f struct {
		Waivers []Waiver `json:"waivers"`
	}
	if err := strictJSON(data, &f); err != nil {
		return nil, err
	}
	for i, w := range f.Waivers {
		if strings.TrimSpace(w.Address) == "" || strings.TrimSpace(w.Finding) == "" {
			return nil, fmt.Errorf("waivers[%d]: address and finding are required (an address pattern and a finding or control id)", i)
		}
	}
	return f.Waivers, nil
}

func strictJSON(data []byte, into any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(into); err != nil {
		return fmt.Errorf("not valid: %v", err)
	}
	return nil
}

// applyWaivers turns violated findings that a valid waiver covers into
// waived ones. An expired or unjustified waiver warns and applies to
// nothing; every waiver is listed in the report with its state.
func (a *auditor) applyWaivers() {
	a.res.Waivers = make([]WaiverState, 0, len(a.opt.Waivers))
	for i, w := range a.opt.Waivers {
		st := WaiverState{Waiver: w, State: WaiverActive}
		switch exp, err := policy.ParseExpiry(w.Expires); {
		case strings.TrimSpace(w.Justification) == "" || strings.TrimSpace(w.ApprovedBy) == "":
			st.State = WaiverUnjustified
			a.warn("waivers[%d] (%s, %s) has no justification or approver: it does not apply", i, w.Address, w.Finding)
		case err != nil:
			st.State = WaiverBadExpiry
			a.warn("waivers[%d] (%s, %s): expires %s: it does not apply", i, w.Address, w.Finding, err)
		case a.opt.Now.After(exp):
			st.State = WaiverExpired
			a.warn("waivers[%d] (%s, %s) expired %s: it no longer applies; renew it or fix the findings", i, w.Address, w.Finding, w.Expires)
		}
		if st.State == WaiverActive {
			for j := range a.res.Findings {
				f := &a.res.Findings[j]
				if f.Status == StatusViolated && (f.ID == w.Finding || f.Control == w.Finding) && MatchAddress(w.Address, f.Address) {
					f.Status = StatusWaived
					wc := w
					f.Waiver = &wc
					st.Waived++
				}
			}
			if st.Waived == 0 {
				st.State = WaiverUnused
				a.warn("waivers[%d] (%s, %s) waives nothing: remove it", i, w.Address, w.Finding)
			}
		}
		a.res.Waivers = append(a.res.Waivers, st)
	}
}

// sensitiveAt reports whether after_sensitive marks the value at an
// attribute path ("password", "rule[2].source", "ingress[*]") or any value
// that holds it as sensitive. "" is the whole resource.
func sensitiveAt(mask any, path string) bool {
	if mask == true {
		return true
	}
	if path == "" {
		return containsTrue(mask)
	}
	cur := mask
	for _, step := range splitPath(path) {
		if cur == true {
			return true
		}
		switch m := cur.(type) {
		case map[string]any:
			cur = m[step]
		case []any:
			if step == "*" {
				return containsTrue(m)
			}
			n, err := strconv.Atoi(step)
			if err != nil || n < 0 || n >= len(m) {
				return false
			}
			cur = m[n]
		default:
			return false
		}
	}
	return containsTrue(cur)
}

// splitPath splits "a.b[0].c" into a, b, 0, c.
func splitPath(p string) []string {
	p = strings.NewReplacer("[", ".", "]", "", "\"", "").Replace(p)
	return strings.FieldsFunc(p, func(r rune) bool { return r == '.' })
}

func containsTrue(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case map[string]any:
		for _, c := range x {
			if containsTrue(c) {
				return true
			}
		}
	case []any:
		for _, c := range x {
			if containsTrue(c) {
				return true
			}
		}
	}
	return false
}
