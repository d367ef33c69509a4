package evidence

import (
	"strings"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// customerKeyReader reads a KMS key argument: set to a key of the
// customer's is true; unset, or set to an AWS managed key's alias
// ("alias/aws/sns", "arn:aws:kms:...:alias/aws/sqs"), is false. AWS
// managed keys are the ones whose aliases start with aws/ (AWS KMS
// Developer Guide, "AWS managed keys"). A key id or ARN cannot be told
// apart from a customer's, so it counts as the customer's.
var customerKeyReader = reader{types: []string{model.TypeBool}, inputs: []string{"string"}, judgesUnset: true, read: func(mp Mapping, v, _ any) (policy.Value, string, error) {
	if isEmpty(v) {
		return policy.KnownBool(mp.Negate), "unset", nil
	}
	s, ok := v.(string)
	if !ok {
		return policy.Value{}, "", typeError(mp, v, "a key id, ARN or alias")
	}
	if awsManagedAlias(s) {
		return policy.KnownBool(mp.Negate), "an AWS managed key's alias", nil
	}
	return policy.KnownBool(!mp.Negate), "set", nil
}}

func awsManagedAlias(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.LastIndex(s, ":alias/"); i >= 0 {
		s = s[i+1:]
	}
	return strings.HasPrefix(s, "alias/aws/")
}

// customerKeySetReader is customerKeyReader for a key argument whose
// absence says nothing: a copy that keeps its source's key, a resource
// whose encryption a setting elsewhere decides.
var customerKeySetReader = reader{types: customerKeyReader.types, inputs: customerKeyReader.inputs, read: customerKeyReader.read}
