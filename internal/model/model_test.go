package model

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func TestEmbeddedModelIsWhole(t *testing.T) {
	m := Default()
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	if got := len(m.Cells); got != 90 {
		t.Fatalf("cells = %d, want 90", got)
	}
	wantModels := []string{"on_premises", "iaas", "caas", "paas", "faas", "saas"}
	if !slices.Equal(m.ServiceModelIDs(), wantModels) {
		t.Errorf("service models = %v, want %v", m.ServiceModelIDs(), wantModels)
	}
	wantDomains := []string{
		"physical_security", "hardware_integrity", "virtualization", "network_backbone",
		"infrastructure_patching", "environmental_controls", "hardware_lifecycle",
		"identity_access", "network_configuration", "data_protection", "workload_hardening",
		"application_security", "monitoring_logging", "backup_recovery", "compliance",
	}
	if !slices.Equal(m.DomainIDs(), wantDomains) {
		t.Errorf("domains = %v, want %v", m.DomainIDs(), wantDomains)
	}
	if len(m.Aspects) != 7 || len(m.Comparison) != 6 {
		t.Errorf("aspects = %d, comparison rows = %d; want 7 and 6", len(m.Aspects), len(m.Comparison))
	}
}

func TestOwnerOfKnownCells(t *testing.T) {
	m := Default()
	cases := []struct{ model, domain, want string }{
		{"iaas", "physical_security", OwnerProvider},
		{"on_premises", "physical_security", OwnerCustomer},
		{"saas", "network_configuration", OwnerProvider},
		{"paas", "workload_hardening", OwnerProvider},
		{"iaas", "workload_hardening", OwnerCustomer},
		{"caas", "workload_hardening", OwnerShared},
		{"saas", "application_security", OwnerShared},
		{"paas", "network_configuration", OwnerShared},
	}
	for _, sm := range m.ServiceModelIDs() {
		cases = append(cases, struct{ model, domain, want string }{sm, "identity_access", OwnerCustomer})
	}
	for _, tc := range cases {
		got, err := m.Owner(tc.model, tc.domain)
		if err != nil || got != tc.want {
			t.Errorf("Owner(%s, %s) = %q, %v; want %q", tc.model, tc.domain, got, err, tc.want)
		}
	}
}

func TestOnPremisesIsAllCustomer(t *testing.T) {
	m := Default()
	if got := m.DomainsByOwner("on_premises", OwnerCustomer); len(got) != 15 {
		t.Errorf("on_premises customer domains = %d, want 15", len(got))
	}
}

func TestOwnerRejectsUnknownIDs(t *testing.T) {
	m := Default()
	_, err := m.Owner("mainframe", "identity_access")
	if err == nil || !strings.Contains(err.Error(), `"iaas"`) {
		t.Errorf("unknown service model error = %v; want it to list valid values", err)
	}
	_, err = m.Owner("iaas", "physical")
	if err == nil || !strings.Contains(err.Error(), `"physical_security"`) {
		t.Errorf("unknown domain error = %v; want it to list valid values", err)
	}
}

func TestFilterCells(t *testing.T) {
	m := Default()
	cells := m.FilterCells(CellFilter{ServiceModel: "saas", Owner: OwnerProvider})
	for _, c := range cells {
		if c.ServiceModel != "saas" || c.Owner != OwnerProvider {
			t.Fatalf("filter leaked %+v", c)
		}
	}
	// Seven of-the-cloud domains, network configuration and workload hardening.
	if len(cells) != 9 {
		t.Errorf("saas provider cells = %d, want 9", len(cells))
	}
	if got := m.FilterCells(CellFilter{Layer: LayerInTheCloud}); len(got) != 48 {
		t.Errorf("in-the-cloud cells = %d, want 48", len(got))
	}
	if got := m.FilterCells(CellFilter{}); got[0].Domain != "physical_security" || got[1].ServiceModel != "iaas" {
		t.Errorf("order is not domain-major: %s/%s then %s/%s", got[0].Domain, got[0].ServiceModel, got[1].Domain, got[1].ServiceModel)
	}
}

func TestControlCatalog(t *testing.T) {
	m := Default()
	for _, id := range []string{"encryption.at_rest", "encryption.in_transit", "identity.mfa_required", "identity.least_privilege",
		"network.segmented", "backup.enabled", "backup.retention_days", "logging.enabled", "logging.retention_days", "hardening.os_patching"} {
		if _, ok := m.Control(id); !ok {
			t.Errorf("control %q missing", id)
		}
	}
	for _, c := range m.Controls {
		g, _ := c.Group()
		if g == "" && c.ID != "secrets_scan" {
			t.Errorf("control %q has no group", c.ID)
		}
	}
	pci := m.FilterControls(ControlFilter{Framework: "pci_dss_v4"})
	if len(pci) == 0 || len(pci) == len(m.Controls) {
		t.Errorf("pci filter kept %d of %d controls", len(pci), len(m.Controls))
	}
	for _, c := range m.FilterControls(ControlFilter{ServiceModel: "saas"}) {
		if c.Domain == "network_configuration" || c.Domain == "workload_hardening" {
			t.Errorf("saas keeps provider-owned control %q", c.ID)
		}
	}
}

func TestPresetRuleInheritance(t *testing.T) {
	m := Default()
	c, _ := m.Control("logging.retention_days")
	if _, ok := m.PresetRule("minimum", c); ok {
		t.Error("minimum should not bound log retention")
	}
	if r, ok := m.PresetRule("standard", c); !ok || *r.Min != 90 {
		t.Errorf("standard log retention = %+v", r)
	}
	if r, ok := m.PresetRule("strict", c); !ok || *r.Min != 365 {
		t.Errorf("strict log retention = %+v", r)
	}
	at, _ := m.Control("encryption.at_rest")
	if r, ok := m.PresetRule("strict", at); !ok || !r.Required {
		t.Error("strict should inherit encryption.at_rest from minimum")
	}
}

func TestValidateCatchesBrokenData(t *testing.T) {
	m := Default()
	broken := &Model{matrixFile: m.matrixFile, catalogFile: m.catalogFile}
	broken.Cells = append(slices.Clone(m.Cells[:89]), Cell{Domain: "compliance", ServiceModel: "iaas", Owner: "nobody"})
	broken.Controls = append(slices.Clone(m.Controls), Control{ID: "x.y", Domain: "nowhere", Type: "bool", Severity: "high"})
	broken.index()
	err := broken.Validate()
	if err == nil {
		t.Fatal("broken data validated")
	}
	for _, want := range []string{"missing cell compliance/saas", "duplicate cell compliance/iaas", `owner "nobody"`, `control "x.y": unknown domain`, "has no source"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

func TestSuggest(t *testing.T) {
	got := Suggest("encryption.at_rst", Default().ControlIDs())
	if len(got) == 0 || got[0] != "encryption.at_rest" {
		t.Errorf("Suggest = %v", got)
	}
	if got := Suggest("zzzzzzzzzzzzzzzzzzzzzzzz", Default().ControlIDs()); len(got) != 0 {
		t.Errorf("Suggest for nonsense = %v", got)
	}
}

func BenchmarkOwner(b *testing.B) {
	m := Default()
	for b.Loop() {
		_, _ = m.Owner("caas", "workload_hardening")
	}
}

func TestReadmeShowsTheCurrentMatrix(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), Default().MarkdownMatrix()) {
		t.Errorf("README.md does not contain the current matrix; replace its table with:\n%s", Default().MarkdownMatrix())
	}
}

// A value that differs from a valid one only in case, or that wraps it in a
// common prefix ("TLS1.2" for "1.2"), is suggested first.
func TestSuggestIgnoresCaseAndNamesTheSpelling(t *testing.T) {
	for _, c := range []struct {
		value string
		valid []string
		want  string
	}{
		{"SaaS", []string{"on_premises", "iaas", "caas", "paas", "faas", "saas"}, "saas"},
		{"IAAS", []string{"on_premises", "iaas", "caas", "paas", "faas", "saas"}, "iaas"},
		{"TLS1.2", []string{"1.0", "1.1", "1.2", "1.3"}, "1.2"},
		{"TLSv1.3", []string{"1.0", "1.1", "1.2", "1.3"}, "1.3"},
		{"tls1_2", []string{"1.0", "1.1", "1.2", "1.3"}, "1.2"},
		{"Standard", []string{"minimum", "standard", "strict"}, "standard"},
	} {
		got := Suggest(c.value, c.valid)
		if len(got) == 0 || got[0] != c.want {
			t.Errorf("Suggest(%q) = %v, want %q first", c.value, got, c.want)
		}
	}
}
