package evidence

import (
	"strings"

	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// JudgeBaseline is the baseline a resource is judged by on its own.
const JudgeBaseline = "standard"

// Findings judges one resource on its own (resource_findings): its evidence
// under the JudgeBaseline rules and the ownership of its type's service
// model. Only the controls the resource speaks to are judged, and a value
// not known until apply is a deferred finding, never a violation.
func (e *Engine) Findings(ev *policy.Evaluator, typ string, obj any) ([]policy.Finding, error) {
	items, err := e.Extract(typ, typ, obj)
	if err != nil {
		return nil, err
	}
	r, mapped := e.byType[typ]
	if !mapped || len(items) == 0 {
		return nil, nil // not judged: an unmapped type, or a null object
	}
	res := ev.Evaluate(&policy.Workload{
		Name: typ, ServiceModel: r.ServiceModel, Classification: "internal", Baseline: JudgeBaseline,
		Evidence: items, EvidenceOnly: true,
	})
	return res.Findings, nil
}

// Controls returns, for each control the resource type maps, the value the
// resource proves (resource_controls): Null where the resource says
// nothing, Unknown where the value is not known until apply. When several
// mappings speak to one control, an unknown wins, then a false boolean (one
// unencrypted part makes the resource unencrypted), then the first value.
func (e *Engine) Controls(typ string, obj any) (map[string]policy.Value, error) {
	items, err := e.Extract(typ, typ, obj)
	if err != nil {
		return nil, err
	}
	values := map[string]policy.Value{}
	for _, it := range items {
		cur, seen := values[it.Control]
		switch {
		case !seen, cur.State == policy.Null, it.Value.State == policy.Unknown:
			values[it.Control] = it.Value
		case cur.State == policy.Known && it.Value.State == policy.Known && cur.Bool && !it.Value.Bool:
			values[it.Control] = it.Value
		}
	}
	return values, nil
}

// FindingID is the stable id of a resource finding:
// "aws_db_instance.storage_not_encrypted" for a mapping, or the type with
// the detector's rule ("aws_security_group.world_open_admin_port").
func FindingID(f policy.Finding) string {
	if f.Evidence == nil {
		return f.Control
	}
	if f.Check != "" {
		_, rule, _ := strings.Cut(f.Check, ".")
		return f.Evidence.Type + "." + rule
	}
	return f.Evidence.Check
}
