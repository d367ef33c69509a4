package audit

import (
	"encoding/json"
	"sort"

	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// PlanJSON writes instances as the JSON of `terraform show -json PLANFILE`
// in the documented format (format_version 1.2): planned_values with each
// module's resources and child modules, and a resource change per instance
// whose after omits unknown values, after_unknown marks them and
// after_sensitive mirrors Sensitive. Values may hold policy.UnknownValue.
// Tests and benchmarks use it to build plans of any size.
func PlanJSON(terraformVersion string, instances []Instance) ([]byte, error) {
	type module struct {
		Address      string           `json:"address,omitempty"`
		Resources    []map[string]any `json:"resources"`
		ChildModules []*module        `json:"child_modules,omitempty"`
	}
	mods := map[string]*module{"": {}}
	var ensure func(addr string) *module
	ensure = func(addr string) *module {
		if m, ok := mods[addr]; ok {
			return m
		}
		m := &module{Address: addr}
		mods[addr] = m
		parent := ensure(parentModule(addr))
		parent.ChildModules = append(parent.ChildModules, m)
		return m
	}
	changes := make([]map[string]any, 0, len(instances))
	for _, inst := range instances {
		known, unknown := splitUnknown(inst.Values)
		if unknown == nil {
			unknown = map[string]any{}
		}
		sensitive := inst.Sensitive
		if sensitive == nil {
			sensitive = map[string]any{}
		}
		mode := inst.Mode
		if mode == "" {
			mode = "managed"
		}
		m := ensure(inst.Module)
		m.Resources = append(m.Resources, map[string]any{
			"address": inst.Address, "mode": mode, "type": inst.Type, "name": resourceName(inst.Address),
			"values": known, "sensitive_values": sensitive,
		})
		action := "create"
		if mode == "data" {
			action = "read"
		}
		rc := map[string]any{
			"address": inst.Address, "mode": mode, "type": inst.Type, "name": resourceName(inst.Address),
			"change": map[string]any{"actions": []string{action}, "before": nil, "after": known,
				"after_unknown": unknown, "before_sensitive": false, "after_sensitive": sensitive},
		}
		if inst.Module != "" {
			rc["module_address"] = inst.Module
		}
		changes = append(changes, rc)
	}
	for _, m := range mods {
		sort.Slice(m.ChildModules, func(i, j int) bool { return m.ChildModules[i].Address < m.ChildModules[j].Address })
		if m.Resources == nil {
			m.Resources = []map[string]any{}
		}
	}
	return json.Marshal(map[string]any{
		"format_version": "1.2", "terraform_version": terraformVersion,
		"planned_values":   map[string]any{"root_module": mods[""]},
		"resource_changes": changes,
	})
}

// splitUnknown separates a value tree into the known values (unknown
// object attributes omitted, unknown list elements null) and the
// after_unknown mirror (nil when nothing is unknown).
func splitUnknown(v any) (known, unknown any) {
	if policy.IsUnknown(v) {
		return nil, true
	}
	switch x := v.(type) {
	case map[string]any:
		k := make(map[string]any, len(x))
		var u map[string]any
		for key, c := range x {
			kc, uc := splitUnknown(c)
			if !policy.IsUnknown(c) {
				k[key] = kc
			}
			if uc != nil {
				if u == nil {
					u = map[string]any{}
				}
				u[key] = uc
			}
		}
		if u == nil {
			return k, nil
		}
		return k, u
	case []any:
		k := make([]any, len(x))
		u := make([]any, len(x))
		some := false
		for i, c := range x {
			kc, uc := splitUnknown(c)
			k[i] = kc
			if uc == nil {
				u[i] = false
			} else {
				u[i], some = uc, true
			}
		}
		if !some {
			return k, nil
		}
		return k, u
	}
	return v, nil
}

// parentModule is "module.a" for "module.a.module.b", "" for "module.a".
func parentModule(addr string) string {
	for i := len(addr) - 1; i > 0; i-- {
		if addr[i] == '.' && len(addr) > i+7 && addr[i+1:i+8] == "module." {
			return addr[:i]
		}
	}
	return ""
}

// resourceName is the NAME of [module...].TYPE.NAME[index].
func resourceName(addr string) string {
	base := addr
	for i := 0; i < len(addr); i++ {
		if addr[i] == '[' {
			base = addr[:i]
			break
		}
	}
	for i := len(base) - 1; i >= 0; i-- {
		if base[i] == '.' {
			return base[i+1:]
		}
	}
	return base
}
