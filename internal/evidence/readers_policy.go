package evidence

import (
	"encoding/json"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// resourcePolicyReader hands a resource-based policy (an SQS queue's, an
// SNS topic's, a KMS key's) to the IAM detector. Such a policy is attached
// to the one resource it governs, so its Resource "*" means that resource,
// not every resource in the account: each statement's Resource is set to a
// stand-in ARN before the detector reads it, which leaves what the detector
// says about principals (anyone, without a condition) and NotAction grants,
// and drops what it would say about "*" resources. A document that is not a
// JSON object goes to the detector unchanged, which reports it.
var resourcePolicyReader = reader{types: []string{model.TypeJSON}, inputs: []string{"string"}, read: func(mp Mapping, v, _ any) (policy.Value, string, error) {
	s, ok := v.(string)
	if !ok {
		return policy.Value{}, "", typeError(mp, v, "a policy document string")
	}
	return policy.KnownString(scopeToResource(s)), "the resource policy", nil
}}

// thisResource stands for the resource a resource-based policy is attached to.
const thisResource = "arn:aws:srm:::the-resource-this-policy-is-attached-to"

func scopeToResource(doc string) string {
	var m map[string]any
	if err := json.Unmarshal([]byte(doc), &m); err != nil {
		return doc
	}
	var stmts []any
	switch s := m["Statement"].(type) {
	case []any:
		stmts = s
	case map[string]any:
		stmts = []any{s}
	default:
		return doc
	}
	for _, st := range stmts {
		if sm, ok := st.(map[string]any); ok {
			delete(sm, "NotResource")
			sm["Resource"] = thisResource
		}
	}
	out, err := json.Marshal(m)
	if err != nil {
		return doc
	}
	return string(out)
}
