package evidence

import (
	"strings"

	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// JudgeBaseline is the baseline a resource is judged by on its own.
const JudgeBaseline = "standard"

// Alone is the workload that judges one resource on its own
// (resource_findings, through pipeline.Resource): its evidence, named by
// source, under the JudgeBaseline rules, "internal" data and the ownership
// of its type's service model. Only the controls the resource speaks to are
// judged (EvidenceOnly), and a value not known until apply is deferred.
// It is nil, with no error, when nothing is judged: a type no mapping
// reads, or a null object.
func (e *Engine) Alone(typ, source string, obj any) (*policy.Workload, error) {
	items, err := e.Extract(typ, source, obj)
	if err != nil {
		return nil, err
	}
	r, mapped := e.byType[typ]
	if !mapped || len(items) == 0 {
		return nil, nil // not judged: an unmapped type, or a null object
	}
	return &policy.Workload{
		Name: source, ServiceModel: r.ServiceModel, Classification: "internal", Baseline: JudgeBaseline,
		Evidence: items, EvidenceOnly: true,
	}, nil
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
