package evidence

import (
	"testing"

	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// awsDefaultState says what an unset attribute must read as: "known" where
// the mapping applies the cloud's default, "null" where the resource says
// nothing and a setting elsewhere decides.
type awsDefaultState struct {
	Type, Name, Check, State string
	Obj                      map[string]any
}

var awsDefaultStates []awsDefaultState

func TestAWSUnsetAttributesTakeTheCloudDefault(t *testing.T) {
	for _, c := range awsDefaultStates {
		items, err := testEngine.Extract(c.Type, c.Type, c.Obj)
		if err != nil {
			t.Fatalf("%s/%s: %v", c.Type, c.Name, err)
		}
		found := false
		for _, it := range items {
			if it.Check != c.Check {
				continue
			}
			found = true
			switch c.State {
			case "known":
				if it.Value.State != policy.Known {
					t.Errorf("%s/%s: %s reads %+v, want the documented default", c.Type, c.Name, c.Check, it.Value)
				}
			case "null":
				if it.Value.State != policy.Null {
					t.Errorf("%s/%s: %s reads %+v, want nothing (a setting elsewhere decides)", c.Type, c.Name, c.Check, it.Value)
				}
			}
		}
		if !found && c.State == "known" {
			t.Errorf("%s/%s: %s yields no evidence", c.Type, c.Name, c.Check)
		}
	}
}
