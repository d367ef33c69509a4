package oscal

import (
	"strings"
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

// Every requirement of every component says what the matrix says: the
// responsibility prop and the responsible roles follow the owner of the
// control's domain, each role's remarks are that side's text in the cell,
// and the framework props are exactly the catalog's ids.
func TestComponentDefinition_FollowsMatrixAndCatalog(t *testing.T) {
	for _, id := range []string{model.ConsensusMatrix, "microsoft_2026"} {
		m, err := model.ForMatrix(id)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := NewComponentDefinition(m, ComponentOptions{Timestamp: testTime})
		if err != nil {
			t.Fatal(err)
		}
		comps := doc.ComponentDefinition.Components
		if len(comps) != len(m.ServiceModels)-1 {
			t.Fatalf("%s: %d components, want one per cloud service model (%d)", id, len(comps), len(m.ServiceModels)-1)
		}
		seen := map[string]bool{}
		for _, comp := range comps {
			sm := propValue(comp.Props, "service-model")
			if sm == "on_premises" || sm == "" {
				t.Errorf("%s: component %q has service model %q", id, comp.Title, sm)
			}
			reqs := comp.ControlImplementations[0].ImplementedRequirements
			if len(reqs) != len(m.Controls) {
				t.Errorf("%s/%s: %d requirements, want %d", id, sm, len(reqs), len(m.Controls))
			}
			for _, r := range reqs {
				if seen[r.UUID] {
					t.Errorf("%s: UUID %s used twice", id, r.UUID)
				}
				seen[r.UUID] = true
				c, _ := m.Control(r.ControlID)
				cell, _ := m.Cell(c.Domain, sm)
				if got, want := propValue(r.Props, "responsibility"), Responsibility(cell.Owner); got != want || want == "" {
					t.Errorf("%s/%s/%s: responsibility %q, want %q", id, sm, c.ID, got, want)
				}
				roles := map[string]string{}
				for _, role := range r.ResponsibleRoles {
					roles[role.RoleID] = role.Remarks
				}
				wantRoles := map[string]string{}
				if cell.Owner != model.OwnerCustomer {
					wantRoles[RoleProvider] = cell.ProviderResponsibility
				}
				if cell.Owner != model.OwnerProvider {
					wantRoles[RoleCustomer] = cell.CustomerResponsibility
				}
				if len(roles) != len(wantRoles) {
					t.Errorf("%s/%s/%s: roles %v, want %v", id, sm, c.ID, roles, wantRoles)
				}
				for role, text := range wantRoles {
					if roles[role] != text {
						t.Errorf("%s/%s/%s: role %s remarks %q, want %q", id, sm, c.ID, role, roles[role], text)
					}
				}
				var refs []string
				for _, p := range r.Props {
					if p.Name == "framework-control-id" {
						refs = append(refs, p.Class+":"+p.Value)
					}
				}
				var want []string
				for _, fw := range m.Frameworks {
					for _, fid := range c.Frameworks[fw.ID] {
						want = append(want, fw.ID+":"+fid)
					}
				}
				if strings.Join(refs, ",") != strings.Join(want, ",") {
					t.Errorf("%s/%s/%s: framework ids %v, want %v", id, sm, c.ID, refs, want)
				}
				if applies := propValue(r.Props, "applies-to-workloads"); (applies == "yes") != m.Applies(c, sm) {
					t.Errorf("%s/%s/%s: applies-to-workloads = %q", id, sm, c.ID, applies)
				}
			}
		}
	}
}

// The vendor matrix's components differ from the consensus ones exactly in
// the cells where the matrices differ.
func TestComponentDefinition_VendorMatrixDiffers(t *testing.T) {
	consensus := model.Default()
	vendor, err := model.ForMatrix("microsoft_2026")
	if err != nil {
		t.Fatal(err)
	}
	diffs := vendor.Differences(consensus)
	if len(diffs) == 0 {
		t.Skip("the matrices agree everywhere")
	}
	a, _ := NewComponentDefinition(consensus, ComponentOptions{Timestamp: testTime})
	b, _ := NewComponentDefinition(vendor, ComponentOptions{Timestamp: testTime})
	if a.ComponentDefinition.UUID == b.ComponentDefinition.UUID {
		t.Error("the consensus and vendor documents share a UUID")
	}
	for _, d := range diffs {
		for _, comp := range b.ComponentDefinition.Components {
			if propValue(comp.Props, "service-model") != d.ServiceModel {
				continue
			}
			for _, p := range comp.Props {
				if p.Name == "domain-responsibility" && p.Class == d.Domain && p.Value != Responsibility(d.Owner) {
					t.Errorf("%s/%s: %s, want %s", d.ServiceModel, d.Domain, p.Value, Responsibility(d.Owner))
				}
			}
		}
	}
}

// The same model gives the same bytes but for the timestamp; the service
// model filter keeps the matrix order and names a wrong value.
func TestComponentDefinition_StableAndFiltered(t *testing.T) {
	m := model.Default()
	a, err := ComponentDefinitionJSON(m, ComponentOptions{Timestamp: testTime})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := ComponentDefinitionJSON(m, ComponentOptions{Timestamp: testTime.Add(48 * time.Hour)})
	if strings.ReplaceAll(b, "2026-12-09T10:00:00Z", "2026-12-07T10:00:00Z") != a {
		t.Error("two runs differ in more than the timestamp")
	}
	if a == b {
		t.Error("the timestamp is not written")
	}
	doc, err := NewComponentDefinition(m, ComponentOptions{Timestamp: testTime, ServiceModels: []string{"saas", "iaas", "on_premises"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range doc.ComponentDefinition.Components {
		got = append(got, propValue(c.Props, "service-model"))
	}
	if strings.Join(got, ",") != "on_premises,iaas,saas" {
		t.Errorf("components %v, want matrix order on_premises,iaas,saas", got)
	}
	out, _ := ComponentDefinitionJSON(m, ComponentOptions{Timestamp: testTime, ServiceModels: []string{"on_premises"}})
	validate(t, out, "component-definition")
	if _, err := NewComponentDefinition(m, ComponentOptions{Timestamp: testTime, ServiceModels: []string{"SaaS"}}); err == nil ||
		!strings.Contains(err.Error(), `service_models: "SaaS" is not a service model; valid values are`) {
		t.Errorf("err = %v", err)
	}
	if _, err := NewComponentDefinition(m, ComponentOptions{}); err == nil || !strings.Contains(err.Error(), "timestamp") {
		t.Errorf("err = %v", err)
	}
}

func propValue(ps []Property, name string) string {
	for _, p := range ps {
		if p.Name == name {
			return p.Value
		}
	}
	return ""
}

// Each NIST SP 800-53 id the catalog cites is a requirement of its own, in
// NIST's OSCAL id form, implemented through the catalog controls citing it;
// its responsibility is theirs when they agree, shared otherwise.
func TestComponentDefinition_NISTImplementation(t *testing.T) {
	m := model.Default()
	for in, want := range map[string]string{"IA-2(1)": "ia-2.1", "AC-6": "ac-6", "SC-7(5)": "sc-7.5", "AC-2(12)": "ac-2.12"} {
		if got := NISTControlID(in); got != want {
			t.Errorf("NISTControlID(%q) = %q, want %q", in, got, want)
		}
	}
	doc, err := NewComponentDefinition(m, ComponentOptions{Timestamp: testTime})
	if err != nil {
		t.Fatal(err)
	}
	sawSingle := false
	for _, comp := range doc.ComponentDefinition.Components {
		sm := propValue(comp.Props, "service-model")
		if len(comp.ControlImplementations) != 2 {
			t.Fatalf("%s: %d control implementations, want the catalog's and NIST's", sm, len(comp.ControlImplementations))
		}
		nist := comp.ControlImplementations[1]
		cited := map[string]bool{}
		for _, c := range m.Controls {
			for _, id := range c.Frameworks[NISTFramework] {
				cited[NISTControlID(id)] = true
			}
		}
		if len(nist.ImplementedRequirements) != len(cited) {
			t.Errorf("%s: %d NIST requirements, want %d", sm, len(nist.ImplementedRequirements), len(cited))
		}
		for _, r := range nist.ImplementedRequirements {
			owners := map[string]bool{}
			for _, p := range r.Props {
				if p.Name != "catalog-control" {
					continue
				}
				c, ok := m.Control(p.Value)
				if !ok {
					t.Fatalf("%s/%s: catalog-control %q is not in the catalog", sm, r.ControlID, p.Value)
				}
				cell, _ := m.Cell(c.Domain, sm)
				owners[cell.Owner] = true
			}
			want := ResponsibilityShared
			if len(owners) == 1 {
				sawSingle = true
				for o := range owners {
					want = Responsibility(o)
				}
			}
			if got := propValue(r.Props, "responsibility"); got != want {
				t.Errorf("%s/%s: responsibility %q, want %q (owners %v)", sm, r.ControlID, got, want, owners)
			}
		}
	}
	if !sawSingle {
		t.Error("no NIST requirement has a single owner; the test checks nothing")
	}
}
