package oscal

import (
	"testing"
	"time"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

var testTime = time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)

func TestComponentDefinition_ValidatesAgainstSchema(t *testing.T) {
	for _, id := range model.Default().MatrixIDs() {
		t.Run(id, func(t *testing.T) {
			m, err := model.ForMatrix(id)
			if err != nil {
				t.Fatal(err)
			}
			out, err := ComponentDefinitionJSON(m, ComponentOptions{Timestamp: testTime})
			if err != nil {
				t.Fatal(err)
			}
			validate(t, out, "component-definition")
		})
	}
}
