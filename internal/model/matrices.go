package model

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// ConsensusMatrix is the id of the project's own matrix, which every vendor
// matrix falls back to where the vendor publishes nothing.
const ConsensusMatrix = "consensus"

// Basis values of a cell: where its owner was read.
const (
	// BasisConsensus: the project's reading of all the sources it cites.
	BasisConsensus = "consensus"
	// BasisVendor: read in the selected vendor's published matrix.
	BasisVendor = "vendor"
	// BasisFallback: the vendor publishes no such cell, so the consensus
	// cell stands in and its note says so.
	BasisFallback = "fallback"
)

// MatrixInfo describes one responsibility matrix.
type MatrixInfo struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Publisher   string `json:"publisher"`
	Description string `json:"description"`
	// Verification says how the vendor's page was read.
	Verification string   `json:"verification"`
	Sources      []string `json:"sources"`
	// Columns maps each service model the vendor publishes to the column
	// (or service tier) it is read from.
	Columns map[string]string `json:"columns,omitempty"`
}

// vendorEntry is one domain of a vendor matrix: the vendor rows it is read
// from and the owner the vendor gives it in each column it publishes.
type vendorEntry struct {
	Domain  string            `json:"domain"`
	Rows    []string          `json:"rows"`
	Owners  map[string]string `json:"owners"`
	Sources []string          `json:"sources"`
	Note    string            `json:"note"`
}

type vendorMatrix struct {
	MatrixInfo
	Entries []vendorEntry `json:"cells"`
}

type vendorFile struct {
	Matrices []vendorMatrix `json:"matrices"`
}

// Matrix describes the matrix this model's cells come from.
func (m *Model) Matrix() MatrixInfo { return m.info }

// Matrices describes every selectable matrix, the consensus first.
func (m *Model) Matrices() []MatrixInfo {
	out := []MatrixInfo{m.consensusInfo}
	for _, v := range m.vendors.Matrices {
		out = append(out, v.MatrixInfo)
	}
	return out
}

// MatrixIDs returns the ids of every selectable matrix, the consensus first.
func (m *Model) MatrixIDs() []string {
	return idsOf(m.Matrices(), func(i MatrixInfo) string { return i.ID })
}

// ForMatrix returns the embedded model with the cells of one matrix; the
// catalog is the same in all of them.
func ForMatrix(id string) (*Model, error) {
	Default()
	if m, ok := loaded.matrices[id]; ok {
		return m, nil
	}
	return nil, fmt.Errorf("unknown matrix %q: valid values are %s", id, Quoted(loaded.MatrixIDs()))
}

// withVendor builds the model of a vendor matrix from the consensus model:
// the vendor's owner where it publishes one, the consensus cell otherwise.
func (m *Model) withVendor(v vendorMatrix) *Model {
	out := &Model{
		matrixFile: m.matrixFile, catalogFile: m.catalogFile, known: m.known,
		vendors: m.vendors, consensusInfo: m.consensusInfo, info: v.MatrixInfo,
	}
	published := map[[2]string]vendorEntry{}
	for _, e := range v.Entries {
		for sm := range e.Owners {
			published[[2]string{e.Domain, sm}] = e
		}
	}
	out.Cells = make([]Cell, len(m.Cells))
	for i, c := range m.Cells {
		if e, ok := published[[2]string{c.Domain, c.ServiceModel}]; ok {
			c.Owner, c.Sources, c.Rows, c.Basis = e.Owners[c.ServiceModel], e.Sources, e.Rows, BasisVendor
			c.Note = e.Note
		} else {
			c.Basis, c.Rows = BasisFallback, nil
			c.Note = fallbackNote(v.MatrixInfo, c)
		}
		out.Cells[i] = c
	}
	out.index()
	return out
}

func fallbackNote(v MatrixInfo, c Cell) string {
	var why string
	if _, ok := v.Columns[c.ServiceModel]; !ok {
		why = fmt.Sprintf("%s publishes no column for %s", v.Name, c.ServiceModel)
	} else {
		why = fmt.Sprintf("%s does not cover this domain", v.Name)
	}
	note := "Not published: " + why + ", so the consensus cell is used."
	if c.Note != "" {
		note += " Consensus note: " + c.Note
	}
	return note
}

// CellDifference is one cell whose owner differs between two matrices.
type CellDifference struct {
	Domain       string
	ServiceModel string
	// Owner and Basis are this model's; OtherOwner and OtherBasis the
	// compared model's.
	Owner, OtherOwner string
	Basis, OtherBasis string
	// Why explains both sides from the cells' notes and sources.
	Why string
}

// Differences lists, in matrix order (domain-major), the cells whose owner
// differs between this model's matrix and another's.
func (m *Model) Differences(other *Model) []CellDifference {
	var out []CellDifference
	for _, a := range m.FilterCells(CellFilter{}) {
		b, ok := other.Cell(a.Domain, a.ServiceModel)
		if !ok || a.Owner == b.Owner {
			continue
		}
		out = append(out, CellDifference{
			Domain: a.Domain, ServiceModel: a.ServiceModel,
			Owner: a.Owner, OtherOwner: b.Owner, Basis: a.Basis, OtherBasis: b.Basis,
			Why: m.explain(a) + " " + other.explain(b),
		})
	}
	return out
}

// explain says in one sentence or two who owns a cell in this matrix and why.
func (m *Model) explain(c Cell) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s says %s", m.info.ID, c.Owner)
	if len(c.Rows) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(c.Rows, "; "))
	}
	b.WriteString(".")
	if c.Note != "" {
		b.WriteString(" " + c.Note)
	}
	return b.String()
}

func (m *Model) validateVendors(add func(string, ...any)) {
	ids := map[string]bool{m.consensusInfo.ID: true}
	if m.consensusInfo.ID != ConsensusMatrix || m.consensusInfo.Name == "" || m.consensusInfo.Description == "" {
		add("the consensus matrix must have id %q, a name and a description", ConsensusMatrix)
	}
	for _, v := range m.vendors.Matrices {
		if ids[v.ID] {
			add("duplicate matrix id %q", v.ID)
		}
		ids[v.ID] = true
		if v.Name == "" || v.Publisher == "" || v.Description == "" || v.Verification == "" || len(v.Sources) == 0 {
			add("matrix %q lacks a name, publisher, description, verification or source", v.ID)
		}
		for sm := range v.Columns {
			if m.modelIndex[sm] == nil {
				add("matrix %q: column for unknown service model %q", v.ID, sm)
			}
		}
		m.checkSources("matrix "+v.ID, v.Sources, add)
		seen := map[[2]string]bool{}
		for _, e := range v.Entries {
			where := fmt.Sprintf("matrix %q, domain %q", v.ID, e.Domain)
			if m.domainIndex[e.Domain] == nil {
				add("%s: unknown domain", where)
			}
			if len(e.Rows) == 0 || len(e.Sources) == 0 || strings.TrimSpace(e.Note) == "" {
				add("%s lacks the vendor rows it is read from, a source or a note", where)
			}
			m.checkSources(where, e.Sources, add)
			for _, sm := range slices.Sorted(maps.Keys(e.Owners)) {
				if _, ok := v.Columns[sm]; !ok {
					add("%s: %q is not a column the vendor publishes", where, sm)
				}
				if !slices.Contains(Owners, e.Owners[sm]) {
					add("%s/%s: owner %q is not one of %s", where, sm, e.Owners[sm], Quoted(Owners))
				}
				key := [2]string{e.Domain, sm}
				if seen[key] {
					add("%s/%s is given twice", where, sm)
				}
				seen[key] = true
			}
		}
	}
}

func (m *Model) checkSources(where string, keys []string, add func(string, ...any)) {
	for _, s := range keys {
		if m.sourceIndex[s] == nil {
			add("%s cites undefined source %q", where, s)
		}
	}
}
