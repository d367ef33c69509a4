package oscal

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shared-responsibility/terraform-provider-srm/internal/finding"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// CatalogURI is where the control catalog that implemented requirements cite
// can be read; the component definition's back-matter points at it.
const CatalogURI = ToolURI + "/blob/main/internal/model/data/controls.json"

// ComponentOptions selects what a component definition holds.
type ComponentOptions struct {
	// Timestamp is the document's last-modified time. Required.
	Timestamp time.Time
	// ServiceModels limits the components to these service models, in the
	// matrix's order whatever their order here. Empty means every service
	// model but on_premises, where no cloud provider shares anything.
	ServiceModels []string
}

// ComponentDefinitionDocument is the root of an OSCAL component definition.
type ComponentDefinitionDocument struct {
	ComponentDefinition ComponentDefinition `json:"component-definition"`
}

// ComponentDefinition describes components and the controls they implement.
type ComponentDefinition struct {
	UUID       string      `json:"uuid"`
	Metadata   Metadata    `json:"metadata"`
	Components []Component `json:"components,omitempty"`
	BackMatter *BackMatter `json:"back-matter,omitempty"`
}

// Component is one defined component: here, a cloud service model as the
// selected matrix divides its responsibilities.
type Component struct {
	UUID                   string                  `json:"uuid"`
	Type                   string                  `json:"type"`
	Title                  string                  `json:"title"`
	Description            string                  `json:"description"`
	Purpose                string                  `json:"purpose,omitempty"`
	Props                  []Property              `json:"props,omitempty"`
	Links                  []Link                  `json:"links,omitempty"`
	ResponsibleRoles       []ResponsibleRole       `json:"responsible-roles,omitempty"`
	ControlImplementations []ControlImplementation `json:"control-implementations,omitempty"`
	Remarks                string                  `json:"remarks,omitempty"`
}

// ControlImplementation is the set of controls, from one catalog, that a
// component implements.
type ControlImplementation struct {
	UUID                    string                   `json:"uuid"`
	Source                  string                   `json:"source"`
	Description             string                   `json:"description"`
	Props                   []Property               `json:"props,omitempty"`
	ImplementedRequirements []ImplementedRequirement `json:"implemented-requirements"`
}

// ImplementedRequirement says how one control is implemented and by whom.
type ImplementedRequirement struct {
	UUID             string            `json:"uuid"`
	ControlID        string            `json:"control-id"`
	Description      string            `json:"description"`
	Props            []Property        `json:"props,omitempty"`
	Links            []Link            `json:"links,omitempty"`
	ResponsibleRoles []ResponsibleRole `json:"responsible-roles,omitempty"`
	Remarks          string            `json:"remarks,omitempty"`
}

// NewComponentDefinition exports the model's matrix and catalog as a
// component definition: one component per selected service model, each with
// one control implementation whose implemented requirements are the catalog's
// controls. Each requirement carries:
//
//   - a "responsibility" prop: provider-implemented, shared or
//     customer-configured, from the matrix owner of the control's domain;
//   - the responsible roles of the sides that own it ("provider",
//     "customer", both when shared), each with what that side does in the
//     matrix cell as its remarks, and the cell's sources as links;
//   - one "framework-control-id" prop per framework id the catalog cites,
//     its class the framework (nist_800_53_r5, csa_ccm_v4, ...);
//   - "applies-to-workloads" = no, with the reason, where the control is
//     never asked of that service model's workloads.
//
// The catalog, the matrix's sources and the frameworks' id lists are
// back-matter resources that the document links to.
func NewComponentDefinition(m *model.Model, opts ComponentOptions) (*ComponentDefinitionDocument, error) {
	stamp, err := Timestamp(opts.Timestamp)
	if err != nil {
		return nil, fmt.Errorf("timestamp: %w", err)
	}
	models, err := selectServiceModels(m, opts.ServiceModels)
	if err != nil {
		return nil, err
	}
	matrix := m.Matrix()
	res := newResources()
	catalog := res.add(Resource{
		UUID:        NameUUID("resource", "catalog"),
		Title:       ToolName + " control catalog",
		Description: "The customer-side controls that srm_workload enforces, with the framework ids each one cites.",
		RLinks:      []RLink{{Href: CatalogURI}},
	})
	for _, fw := range m.Frameworks {
		if k, ok := m.KnownIDs(fw.ID); ok {
			res.add(Resource{
				UUID: NameUUID("resource", "framework", fw.ID), Title: fw.Name,
				Description: "Where the " + fw.Name + " ids cited here were checked: " + k.Source,
				Props:       []Property{prop("framework", fw.ID), prop("verification", k.Verification)},
				RLinks:      []RLink{{Href: k.URL}},
			})
		}
	}

	var components []Component
	for _, sm := range models {
		components = append(components, component(m, matrix, sm, catalog, res))
	}
	doc := &ComponentDefinitionDocument{ComponentDefinition: ComponentDefinition{
		Metadata: Metadata{
			Title:        fmt.Sprintf("Shared responsibility: %s matrix", matrix.Name),
			OSCALVersion: Version,
			Props:        []Property{prop("matrix", matrix.ID)},
			Links:        []Link{{Href: ToolURI, Rel: "reference", Text: ToolName}},
			Roles:        sideRoles(),
			Parties:      []Party{toolParty()},
			Remarks: "Who implements each control of the " + ToolName + " catalog under each cloud service model, as the " +
				matrix.Name + " matrix assigns its domains. " + matrix.Description,
		},
		Components: components,
		BackMatter: &BackMatter{Resources: res.list},
	}}
	// The document's UUID and version change exactly when its content does.
	sum, err := digest(doc)
	if err != nil {
		return nil, err
	}
	cd := &doc.ComponentDefinition
	cd.UUID = NameUUID("component-definition", sum)
	cd.Metadata.Version = "sha256-" + sum[:16]
	cd.Metadata.LastModified = stamp
	return doc, nil
}

// ComponentDefinitionJSON renders NewComponentDefinition's document as
// indented JSON. It is what the data source and the command line print.
func ComponentDefinitionJSON(m *model.Model, opts ComponentOptions) (string, error) {
	doc, err := NewComponentDefinition(m, opts)
	if err != nil {
		return "", err
	}
	return Encode(doc)
}

// selectServiceModels returns the selected service models in matrix order.
func selectServiceModels(m *model.Model, ids []string) ([]model.ServiceModel, error) {
	for _, id := range ids {
		if _, ok := m.ServiceModel(id); !ok {
			return nil, fmt.Errorf("service_models: %s is not a service model; valid values are %s", finding.Redact(id), model.Quoted(m.ServiceModelIDs()))
		}
	}
	var out []model.ServiceModel
	for _, sm := range m.ServiceModels {
		if (len(ids) == 0 && sm.ID != "on_premises") || slices.Contains(ids, sm.ID) {
			out = append(out, sm)
		}
	}
	return out, nil
}

func component(m *model.Model, matrix model.MatrixInfo, sm model.ServiceModel, catalog string, res *resources) Component {
	props := []Property{prop("service-model", sm.ID), prop("matrix", matrix.ID)}
	for _, c := range m.FilterCells(model.CellFilter{ServiceModel: sm.ID}) {
		p := prop("domain-responsibility", Responsibility(c.Owner))
		p.Class = c.Domain
		props = append(props, p)
	}
	var reqs []ImplementedRequirement
	for _, c := range m.Controls {
		reqs = append(reqs, requirement(m, matrix, sm, c, res))
	}
	return Component{
		UUID:  NameUUID("component", matrix.ID, sm.ID),
		Type:  "service",
		Title: sm.Name,
		Description: sm.Description + " The responsibilities are those the " + matrix.Name +
			" matrix gives each side under " + sm.ID + ".",
		Purpose: "Says which side, the cloud service provider or the customer, implements each control of the catalog under " + sm.ID + ".",
		Props:   nonEmpty(props),
		ResponsibleRoles: []ResponsibleRole{
			{RoleID: RoleProvider, Remarks: "Implements the controls whose domains the matrix gives to the provider, and its part of the shared ones."},
			{RoleID: RoleCustomer, Remarks: "Configures the controls whose domains the matrix gives to the customer, and its part of the shared ones."},
		},
		ControlImplementations: []ControlImplementation{{
			UUID:   NameUUID("control-implementation", matrix.ID, sm.ID),
			Source: "#" + catalog,
			Description: "Every control of the " + ToolName + " catalog under " + sm.Name + ", with the side that implements it " +
				"(the responsibility prop and the responsible roles) and the framework ids the catalog cites for it.",
			ImplementedRequirements: reqs,
		}, nistImplementation(m, matrix, sm)},
	}
}

// NISTFramework is the framework whose ids a component definition also lists
// as implemented requirements of their own, in OSCAL's control-id form, for
// tools that import SP 800-53 implementations (system security plans,
// FedRAMP packages).
const NISTFramework = "nist_800_53_r5"

// nistImplementation lists, under a service model, each NIST SP 800-53 id
// the catalog cites, implemented through the catalog controls that cite it:
// its responsibility is theirs when they agree and shared when they do not.
// Its source is the NIST catalog the known ids were checked in.
func nistImplementation(m *model.Model, matrix model.MatrixInfo, sm model.ServiceModel) ControlImplementation {
	var ids []string
	citing := map[string][]model.Control{}
	for _, c := range m.Controls {
		for _, id := range c.Frameworks[NISTFramework] {
			if citing[id] == nil {
				ids = append(ids, id)
			}
			citing[id] = append(citing[id], c)
		}
	}
	reqs := make([]ImplementedRequirement, 0, len(ids))
	for _, id := range ids {
		owners := map[string]bool{}
		props := []Property{}
		var names []string
		for _, c := range citing[id] {
			cell, _ := m.Cell(c.Domain, sm.ID)
			owners[cell.Owner] = true
			props = append(props, prop("catalog-control", c.ID))
			names = append(names, c.ID)
		}
		owner := model.OwnerShared
		if len(owners) == 1 {
			for o := range owners {
				owner = o
			}
		}
		var roles []ResponsibleRole
		if owner != model.OwnerCustomer {
			roles = append(roles, ResponsibleRole{RoleID: RoleProvider})
		}
		if owner != model.OwnerProvider {
			roles = append(roles, ResponsibleRole{RoleID: RoleCustomer})
		}
		reqs = append(reqs, ImplementedRequirement{
			UUID:      NameUUID("implemented-requirement", matrix.ID, sm.ID, NISTFramework, id),
			ControlID: NISTControlID(id),
			Description: fmt.Sprintf("NIST SP 800-53 Rev. 5 %s, as the catalog controls %s implement it under %s: %s.",
				id, strings.Join(names, ", "), sm.ID, Responsibility(owner)),
			Props:            append([]Property{prop("responsibility", Responsibility(owner)), frameworkProp(NISTFramework, id)}, props...),
			ResponsibleRoles: roles,
		})
	}
	return ControlImplementation{
		UUID:   NameUUID("control-implementation", matrix.ID, sm.ID, NISTFramework),
		Source: "#" + NameUUID("resource", "framework", NISTFramework),
		Description: "The NIST SP 800-53 Rev. 5 controls the catalog cites, each implemented through the catalog controls " +
			"that cite it; control ids in the form of NIST's OSCAL catalog.",
		ImplementedRequirements: reqs,
	}
}

// NISTControlID turns an SP 800-53 id as the catalog writes it ("IA-2(1)")
// into the control id of NIST's OSCAL catalog ("ia-2.1").
func NISTControlID(id string) string {
	id = strings.ToLower(id)
	id = strings.ReplaceAll(id, "(", ".")
	return strings.ReplaceAll(id, ")", "")
}

func requirement(m *model.Model, matrix model.MatrixInfo, sm model.ServiceModel, c model.Control, res *resources) ImplementedRequirement {
	cell, _ := m.Cell(c.Domain, sm.ID)
	domain, _ := m.Domain(c.Domain)
	responsibility := Responsibility(cell.Owner)
	props := []Property{
		prop("responsibility", responsibility),
		prop("domain", c.Domain),
		prop("severity", c.Severity),
	}
	if cell.Basis != "" {
		props = append(props, prop("matrix-basis", cell.Basis))
	}
	applies := m.Applies(c, sm.ID)
	applyProp := prop("applies-to-workloads", "yes")
	if !applies {
		applyProp.Value = "no"
		applyProp.Remarks = notApplicableReason(c, sm.ID, cell.Owner)
	}
	props = append(props, applyProp)
	props = append(props, frameworkProps(m, c)...)

	var roles []ResponsibleRole
	var links []Link
	for _, key := range cell.Sources {
		if s, ok := m.Source(key); ok {
			links = append(links, Link{Href: "#" + res.source(s), Rel: "reference", Text: s.Title})
		}
	}
	if cell.Owner != model.OwnerCustomer {
		roles = append(roles, ResponsibleRole{RoleID: RoleProvider, Remarks: cell.ProviderResponsibility})
	}
	if cell.Owner != model.OwnerProvider {
		roles = append(roles, ResponsibleRole{RoleID: RoleCustomer, Remarks: cell.CustomerResponsibility})
	}

	var desc strings.Builder
	fmt.Fprintf(&desc, "%s. %s Under %s the %s domain is %s-owned in the %s matrix, so the control is %s.",
		strings.TrimSuffix(c.Title, "."), c.Description, sm.ID, domain.Name, cell.Owner, matrix.Name, responsibility)
	var remarks []string
	if applies {
		remarks = append(remarks, "To satisfy it: "+m.Remediation(c.ID, sm.ID))
	}
	if cell.Note != "" {
		remarks = append(remarks, "Matrix note: "+cell.Note)
	}
	return ImplementedRequirement{
		UUID:             NameUUID("implemented-requirement", matrix.ID, sm.ID, c.ID),
		ControlID:        c.ID,
		Description:      desc.String(),
		Props:            nonEmpty(props),
		Links:            links,
		ResponsibleRoles: roles,
		Remarks:          strings.Join(remarks, "\n\n"),
	}
}

// notApplicableReason says why a workload of a service model is never asked
// for a control.
func notApplicableReason(c model.Control, sm, owner string) string {
	if why, ok := c.NotApplicable[sm]; ok {
		return why
	}
	return fmt.Sprintf("The %s domain is %s-owned under %s, so workloads are not asked for the control.", c.Domain, owner, sm)
}

// frameworkProps lists a control's framework ids, frameworks in catalog
// order, each id as the catalog lists it.
func frameworkProps(m *model.Model, c model.Control) []Property {
	var out []Property
	for _, fw := range m.Frameworks {
		for _, id := range c.Frameworks[fw.ID] {
			out = append(out, frameworkProp(fw.ID, id))
		}
	}
	return out
}

// frameworkProp is one framework id, its class the framework.
func frameworkProp(framework, id string) Property {
	p := prop("framework-control-id", id)
	p.Class = framework
	return p
}

// resources collects back-matter resources, each once, in first-use order.
type resources struct {
	list []Resource
	seen map[string]bool
}

func newResources() *resources { return &resources{seen: map[string]bool{}} }

// add records r once and returns its UUID.
func (r *resources) add(res Resource) string {
	if !r.seen[res.UUID] {
		r.seen[res.UUID] = true
		r.list = append(r.list, res)
	}
	return res.UUID
}

// source records a matrix source and returns its resource's UUID.
func (r *resources) source(s model.Source) string {
	return r.add(Resource{
		UUID: NameUUID("resource", "source", s.Key), Title: s.Title,
		Props: []Property{prop("source-key", s.Key)}, RLinks: []RLink{{Href: s.URL}},
	})
}
