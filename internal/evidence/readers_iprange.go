package evidence

import (
	"fmt"
	"strings"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// ipRangeKinds names the exposure an "ip_ranges" mapping flags, in its
// values: "internet" for a range covering the whole internet,
// "azure_services" for Azure's 0.0.0.0-0.0.0.0 rule.
var ipRangeKinds = map[string]detect.RangeExposure{
	"internet":       detect.RangeWorldOpen,
	"azure_services": detect.RangeAzureServices,
}

// ipRangePairs are the start and end attributes of the firewall rule
// resources that allow one address range.
var ipRangePairs = [][2]string{{"start_ip_address", "end_ip_address"}, {"start_ip", "end_ip"}}

// ipRangesReader reads database and service firewall rules as IP ranges:
// a firewall rule resource (the whole resource, its start and end
// attributes in uses), or an allow list of CIDR blocks and addresses (a
// string or a list). The value is network.segmented: false when a range of
// the kind the mapping names is allowed. The range logic is the firewall
// detector's (detect.ClassifyIPRange, detect.ClassifyIPEntry).
var ipRangesReader = reader{types: []string{model.TypeBool}, check: checkIPRangeKind,
	read: func(mp Mapping, v, _ any) (policy.Value, string, error) {
		flag := ipRangeKinds[strings.ToLower(mp.Values[0])]
		kinds, err := ipRangeExposures(mp, v)
		if err != nil || kinds == nil {
			return policy.Value{}, "", err
		}
		for _, k := range kinds {
			if k == flag {
				return policy.KnownBool(false), "allows " + ipRangeText(flag), nil
			}
		}
		return policy.KnownBool(true), fmt.Sprintf("%d ranges, none %s", len(kinds), ipRangeText(flag)), nil
	}}

func ipRangeText(k detect.RangeExposure) string {
	if k == detect.RangeAzureServices {
		return "0.0.0.0-0.0.0.0 (every Azure service)"
	}
	return "the whole internet"
}

// ipRangeExposures classifies every range in v; nil (no error) when the
// rule's ends are unset, which says nothing.
func ipRangeExposures(mp Mapping, v any) ([]detect.RangeExposure, error) {
	switch t := v.(type) {
	case map[string]any:
		for _, p := range ipRangePairs {
			start, hasStart := t[p[0]]
			end, hasEnd := t[p[1]]
			if !hasStart && !hasEnd {
				continue
			}
			if start == nil || end == nil {
				return nil, nil
			}
			s, ok1 := start.(string)
			e, ok2 := end.(string)
			if !ok1 || !ok2 {
				return nil, fmt.Errorf("%s and %s must be strings (IP addresses)", p[0], p[1])
			}
			k, err := detect.ClassifyIPRange(s, e)
			if err != nil {
				return nil, fmt.Errorf("%s-%s: %w", p[0], p[1], err)
			}
			return []detect.RangeExposure{k}, nil
		}
		return nil, fmt.Errorf("%s: has no start_ip_address/end_ip_address or start_ip/end_ip; the mapping's uses must name them", pathOrResource(mp.Attribute))
	case string:
		v = []any{t}
	}
	list, ok := v.([]any)
	if !ok {
		return nil, typeError(mp, v, "a list of CIDR blocks or IP addresses")
	}
	out := make([]detect.RangeExposure, 0, len(list))
	for i, e := range list {
		if e == nil {
			continue
		}
		s, ok := e.(string)
		if !ok {
			return nil, fmt.Errorf("%s[%d]: must be a CIDR block or IP address, got %s", mp.Attribute, i, kind(e))
		}
		k, err := detect.ClassifyIPEntry(s)
		if err != nil {
			return nil, fmt.Errorf("%s[%d]: %w", mp.Attribute, i, err)
		}
		out = append(out, k)
	}
	return out, nil
}

func checkIPRangeKind(mp Mapping) error {
	if len(mp.Values) != 1 {
		return fmt.Errorf("reader %q needs one value: internet or azure_services", mp.Read)
	}
	if _, ok := ipRangeKinds[strings.ToLower(mp.Values[0])]; !ok {
		return fmt.Errorf("reader %q: value %q is not internet or azure_services", mp.Read, mp.Values[0])
	}
	return nil
}
