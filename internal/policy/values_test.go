package policy

import (
	"strings"
	"testing"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// A TLS version written the way a cloud console or a provider writes it
// ("TLS1.2", "TLSv1_3") is refused with the catalog's spelling suggested.
func TestVersionSpellingIsSuggested(t *testing.T) {
	m := model.Default()
	for value, want := range map[string]string{"TLS1.2": `did you mean "1.2"`, "TLSv1_3": `did you mean "1.3"`} {
		_, errs := ReadControls(m, map[string]any{"encryption": map[string]any{"min_tls_version": value}})
		if len(errs) != 1 || !strings.Contains(errs[0].Detail, want) {
			t.Errorf("%s: errors %v, want one that says %s", value, errs, want)
		}
	}
}

// An unknown key is quoted only when it reads as a misspelling of a valid
// name; an identifier-shaped token is described by its length.
func TestUnknownKeysAreQuotedOnlyAsMisspellings(t *testing.T) {
	m := model.Default()
	_, errs := ReadControls(m, map[string]any{"encryption": map[string]any{"at_rst": true}})
	if len(errs) != 1 || !strings.Contains(errs[0].Detail, `"at_rst"`) || !strings.Contains(errs[0].Detail, "at_rest") {
		t.Errorf("misspelling: %v", errs)
	}
	token := "AKIAQ7XZ3RW9PLMK4TNV8HJ2sk_live_51Hq9Zp"
	_, errs = ReadControls(m, map[string]any{"encryption": map[string]any{token: true}})
	if len(errs) != 1 || strings.Contains(errs[0].Detail, token[:5]) || strings.Contains(errs[0].Path, token[:5]) {
		t.Errorf("token-shaped key echoed: %v", errs)
	}
	if err := UnknownControlError(m, token); strings.Contains(err.Error(), token[:5]) {
		t.Errorf("token-shaped control id echoed: %v", err)
	}
}

// Evidence read from a whole resource names the resource and what was
// judged, with no empty attribute name.
func TestWholeResourceEvidenceMessage(t *testing.T) {
	w := workload("paas", "standard", compliantValues())
	w.Evidence = []Evidence{{Source: "azurerm_mssql_firewall_rule.office", Type: "azurerm_mssql_firewall_rule",
		Check: "azurerm_mssql_firewall_rule.internet", Control: "network.segmented",
		Value: KnownBool(false), Shown: "allows the whole internet", Message: "the rule opens the server to the internet"}}
	f := findingFor(t, evaluate(w), "network.segmented")
	if !strings.Contains(f.Message, "azurerm_mssql_firewall_rule.office: allows the whole internet") || strings.Contains(f.Message, "has  =") {
		t.Errorf("message: %s", f.Message)
	}
}
