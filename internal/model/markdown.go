package model

import "strings"

// MarkdownMatrix renders the matrix as a Markdown table: domains as rows,
// service models as columns, each cell its owner. The README embeds it and a
// test keeps the two in step.
func (m *Model) MarkdownMatrix() string {
	var b strings.Builder
	b.WriteString("| Domain | Layer |")
	for _, s := range m.ServiceModels {
		b.WriteString(" " + s.ID + " |")
	}
	b.WriteString("\n|---|---|")
	b.WriteString(strings.Repeat("---|", len(m.ServiceModels)))
	b.WriteString("\n")
	for _, d := range m.Domains {
		b.WriteString("| " + d.ID + " | " + d.Layer + " |")
		for _, s := range m.ServiceModels {
			b.WriteString(" " + m.cellIndex[[2]string{d.ID, s.ID}].Owner + " |")
		}
		b.WriteString("\n")
	}
	return b.String()
}
