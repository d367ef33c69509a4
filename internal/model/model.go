// Package model holds the shared responsibility model: the service models, the
// security domains, who owns each domain in each service model, the customer
// control catalog and the seed document's two comparison tables.
//
// The data ships inside the binary (see data/*.json), is parsed once on first
// use and is read-only afterwards, so every accessor is safe for concurrent use.
package model

import (
	"embed"
	"encoding/json"
	"fmt"
	"sync"
)

// Owner values of a matrix cell.
const (
	OwnerProvider = "provider"
	OwnerCustomer = "customer"
	OwnerShared   = "shared"
)

// Layer values of a domain.
const (
	LayerOfTheCloud = "of_the_cloud"
	LayerInTheCloud = "in_the_cloud"
)

// Owners lists the owner values in their documented order.
var Owners = []string{OwnerProvider, OwnerCustomer, OwnerShared}

// Layers lists the layer values in their documented order.
var Layers = []string{LayerOfTheCloud, LayerInTheCloud}

// ServiceModel is a column of the matrix.
type ServiceModel struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// Domain is a row of the matrix.
type Domain struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Layer       string `json:"layer"`
	Description string `json:"description"`
}

// Cell says who owns one domain under one service model and what each side does.
type Cell struct {
	Domain                 string   `json:"domain"`
	ServiceModel           string   `json:"service_model"`
	Owner                  string   `json:"owner"`
	ProviderResponsibility string   `json:"provider_responsibility"`
	CustomerResponsibility string   `json:"customer_responsibility"`
	Sources                []string `json:"sources"`
	// Note records why the cell has its owner where sources disagree, where
	// the cell is derived rather than read in a vendor matrix, or where a
	// vendor matrix falls back to the consensus cell.
	Note string `json:"note,omitempty"`
	// Basis says where the owner was read: BasisConsensus, BasisVendor or
	// BasisFallback.
	Basis string `json:"basis,omitempty"`
	// Rows names the vendor matrix rows a vendor cell is read from.
	Rows []string `json:"rows,omitempty"`
}

// Source is a public document that a cell or a rule cites.
type Source struct {
	Key   string `json:"key"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// Aspect is a row of the seed's "Security Of the Cloud vs Security In the
// Cloud" table. A nil side is "Not applicable" in the seed.
type Aspect struct {
	Aspect   string  `json:"aspect"`
	Provider *string `json:"provider"`
	Customer *string `json:"customer"`
}

// Comparison is a row of the seed's "On-Premises vs Cloud Security
// Responsibilities" table.
type Comparison struct {
	Component  string `json:"component"`
	OnPremises string `json:"on_premises"`
	Cloud      string `json:"cloud"`
}

type matrixFile struct {
	Info          MatrixInfo     `json:"matrix"`
	ServiceModels []ServiceModel `json:"service_models"`
	Domains       []Domain       `json:"domains"`
	Sources       []Source       `json:"sources"`
	Cells         []Cell         `json:"cells"`
	Aspects       []Aspect       `json:"aspects"`
	Comparison    []Comparison   `json:"on_premises_comparison"`
}

// Model is the parsed, validated and indexed data set: the cells of one
// matrix (the consensus or a vendor's) and the catalog, which every matrix
// shares.
type Model struct {
	matrixFile
	catalogFile
	known   knownIDsFile
	vendors vendorFile
	// info describes the matrix of the cells; consensusInfo the consensus.
	info, consensusInfo MatrixInfo
	// matrices holds every matrix's model; only the loaded consensus model
	// has it.
	matrices map[string]*Model

	cellIndex    map[[2]string]*Cell
	domainIndex  map[string]*Domain
	modelIndex   map[string]*ServiceModel
	controlIndex map[string]*Control
	groupIndex   map[string]*Group
	// groupControls holds each group's controls, "" the top-level ones.
	groupControls map[string][]Control
	sourceIndex   map[string]*Source
	baselineIdx   map[string]*Baseline
	knownIndex    map[string]*KnownIDs
}

//go:embed data/*.json
var dataFS embed.FS

var (
	loadOnce sync.Once
	loaded   *Model
	loadErr  error
)

// Default returns the embedded model with the consensus matrix. It panics
// only if the embedded data is broken, which the package tests rule out
// before any release.
func Default() *Model {
	loadOnce.Do(func() { loaded, loadErr = load() })
	if loadErr != nil {
		panic(fmt.Sprintf("embedded responsibility model is invalid: %v", loadErr))
	}
	return loaded
}

func load() (*Model, error) {
	m := &Model{}
	if err := decode("data/matrix.json", &m.matrixFile); err != nil {
		return nil, err
	}
	if err := decode("data/controls.json", &m.catalogFile); err != nil {
		return nil, err
	}
	if err := decode("data/framework_ids.json", &m.known); err != nil {
		return nil, err
	}
	if err := decode("data/vendor_matrices.json", &m.vendors); err != nil {
		return nil, err
	}
	m.info, m.consensusInfo = m.Info, m.Info
	for i := range m.Cells {
		m.Cells[i].Basis = BasisConsensus
	}
	m.index()
	if err := m.Validate(); err != nil {
		return nil, err
	}
	m.matrices = map[string]*Model{ConsensusMatrix: m}
	for _, v := range m.vendors.Matrices {
		vm := m.withVendor(v)
		if err := vm.Validate(); err != nil {
			return nil, fmt.Errorf("matrix %s: %w", v.ID, err)
		}
		m.matrices[v.ID] = vm
	}
	return m, nil
}

func decode(name string, into any) error {
	raw, err := dataFS.ReadFile(name)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, into); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

func (m *Model) index() {
	m.cellIndex = make(map[[2]string]*Cell, len(m.Cells))
	for i := range m.Cells {
		c := &m.Cells[i]
		m.cellIndex[[2]string{c.Domain, c.ServiceModel}] = c
	}
	m.domainIndex = make(map[string]*Domain, len(m.Domains))
	for i := range m.Domains {
		m.domainIndex[m.Domains[i].ID] = &m.Domains[i]
	}
	m.modelIndex = make(map[string]*ServiceModel, len(m.ServiceModels))
	for i := range m.ServiceModels {
		m.modelIndex[m.ServiceModels[i].ID] = &m.ServiceModels[i]
	}
	m.sourceIndex = make(map[string]*Source, len(m.Sources))
	for i := range m.Sources {
		m.sourceIndex[m.Sources[i].Key] = &m.Sources[i]
	}
	m.indexCatalog()
	m.indexKnownIDs()
}

// idsOf lists the ids of items in their order.
func idsOf[T any](items []T, id func(T) string) []string {
	ids := make([]string, len(items))
	for i, item := range items {
		ids[i] = id(item)
	}
	return ids
}

// ServiceModelIDs returns the service model ids in matrix column order.
func (m *Model) ServiceModelIDs() []string {
	return idsOf(m.ServiceModels, func(s ServiceModel) string { return s.ID })
}

// DomainIDs returns the domain ids in matrix row order.
func (m *Model) DomainIDs() []string {
	return idsOf(m.Domains, func(d Domain) string { return d.ID })
}

// ServiceModel looks up a service model by id.
func (m *Model) ServiceModel(id string) (ServiceModel, bool) {
	s, ok := m.modelIndex[id]
	if !ok {
		return ServiceModel{}, false
	}
	return *s, true
}

// Domain looks up a domain by id.
func (m *Model) Domain(id string) (Domain, bool) {
	d, ok := m.domainIndex[id]
	if !ok {
		return Domain{}, false
	}
	return *d, true
}

// Source looks up a source by key.
func (m *Model) Source(key string) (Source, bool) {
	s, ok := m.sourceIndex[key]
	if !ok {
		return Source{}, false
	}
	return *s, true
}

// Cell returns the matrix cell for a domain and a service model.
func (m *Model) Cell(domain, serviceModel string) (Cell, bool) {
	c, ok := m.cellIndex[[2]string{domain, serviceModel}]
	if !ok {
		return Cell{}, false
	}
	return *c, true
}

// Owner returns who owns a domain under a service model.
func (m *Model) Owner(serviceModel, domain string) (string, error) {
	if _, ok := m.modelIndex[serviceModel]; !ok {
		return "", fmt.Errorf("unknown service model %q: valid values are %s", serviceModel, Quoted(m.ServiceModelIDs()))
	}
	if _, ok := m.domainIndex[domain]; !ok {
		return "", fmt.Errorf("unknown domain %q: valid values are %s", domain, Quoted(m.DomainIDs()))
	}
	return m.cellIndex[[2]string{domain, serviceModel}].Owner, nil
}

// DomainsByOwner returns, in matrix row order, the domains that owner owns
// under a service model.
func (m *Model) DomainsByOwner(serviceModel, owner string) []string {
	var out []string
	for _, d := range m.Domains {
		if c := m.cellIndex[[2]string{d.ID, serviceModel}]; c != nil && c.Owner == owner {
			out = append(out, d.ID)
		}
	}
	return out
}

// CellFilter selects matrix cells; an empty field matches everything.
type CellFilter struct {
	ServiceModel, Domain, Owner, Layer string
}

// Cells returns the cells that match the filter, domain-major in matrix
// order (all service models of the first domain, then the next domain).
func (m *Model) FilterCells(f CellFilter) []Cell {
	var out []Cell
	for _, d := range m.Domains {
		if (f.Domain != "" && d.ID != f.Domain) || (f.Layer != "" && d.Layer != f.Layer) {
			continue
		}
		for _, s := range m.ServiceModels {
			if f.ServiceModel != "" && s.ID != f.ServiceModel {
				continue
			}
			c := m.cellIndex[[2]string{d.ID, s.ID}]
			if f.Owner != "" && c.Owner != f.Owner {
				continue
			}
			out = append(out, *c)
		}
	}
	return out
}
