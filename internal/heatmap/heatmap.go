package heatmap

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

// Matrix is what the picture shows: rows, columns and the owner of each
// cell, keyed by domain id and service model id.
type Matrix struct {
	Domains       []model.Domain
	ServiceModels []model.ServiceModel
	Owners        map[[2]string]string
	// Title heads the picture; "Shared responsibility matrix" when empty.
	Title string
	// Fallback marks the cells a vendor matrix does not publish, drawn with
	// an asterisk and explained under the legend by FallbackNote.
	Fallback     map[[2]string]bool
	FallbackNote string
}

const defaultTitle = "Shared responsibility matrix"

// FromModel takes the rows, columns and owners of a model in matrix order;
// a vendor matrix also gives its name to the title and marks its fallback
// cells.
func FromModel(m *model.Model) Matrix {
	mx := Matrix{
		Domains:       append([]model.Domain(nil), m.Domains...),
		ServiceModels: append([]model.ServiceModel(nil), m.ServiceModels...),
		Owners:        make(map[[2]string]string, len(m.Cells)),
	}
	info := m.Matrix()
	if info.ID != model.ConsensusMatrix {
		mx.Title = defaultTitle + ": " + info.Name
		mx.Fallback = map[[2]string]bool{}
		mx.FallbackNote = "* Not published by " + info.Publisher + ": the consensus cell is shown."
	}
	for _, c := range m.Cells {
		mx.Owners[[2]string{c.Domain, c.ServiceModel}] = c.Owner
		if c.Basis == model.BasisFallback {
			mx.Fallback[[2]string{c.Domain, c.ServiceModel}] = true
		}
	}
	return mx
}

// Style of one owner: its fill, the colour of the word written on it and
// the word itself, so the picture also reads without colour.
type Style struct {
	Fill, Text, Label, Meaning string
}

// OwnerStyles uses Paul Tol's high-contrast scheme (dark blue, red, yellow):
// its three colours stay apart for the common colour-vision deficiencies
// and also in greyscale, where they run dark (provider), medium (shared),
// light (customer).
var OwnerStyles = map[string]Style{
	model.OwnerProvider: {Fill: "#004488", Text: "#FFFFFF", Label: "Provider", Meaning: "the cloud provider secures it"},
	model.OwnerShared:   {Fill: "#BB5566", Text: "#FFFFFF", Label: "Shared", Meaning: "both sides have duties"},
	model.OwnerCustomer: {Fill: "#DDAA33", Text: "#1A1A1A", Label: "Customer", Meaning: "the customer secures it"},
}

// legendOrder follows the greyscale ramp from dark to light.
var legendOrder = []string{model.OwnerProvider, model.OwnerShared, model.OwnerCustomer}

var layerLabels = map[string]string{
	model.LayerOfTheCloud: "Security of the cloud",
	model.LayerInTheCloud: "Security in the cloud",
}

var layerFills = map[string]string{
	model.LayerOfTheCloud: "#DADADA",
	model.LayerInTheCloud: "#EFEFEF",
}

// Geometry in pixels. The width suits a documentation page of about 900 px.
const (
	margin    = 20
	bandW     = 28 // the layer band left of the row labels
	labelGap  = 8
	labelW    = 250
	colW      = 92
	titleY    = 36
	subY      = 58
	headerTop = 76
	headerH   = 40
	rowH      = 30
	layerGap  = 10
	cellPad   = 2
	legendGap = 26
	swatch    = 18
	fontStack = "Helvetica, Arial, 'Liberation Sans', sans-serif"
)

// SVG renders the matrix. It fails, naming the problem, when a cell is
// missing or has an owner or layer the picture has no style for.
func (mx Matrix) SVG() ([]byte, error) {
	if len(mx.Domains) == 0 || len(mx.ServiceModels) == 0 {
		return nil, errors.New("the matrix needs at least one domain and one service model")
	}
	var problems []string
	for _, d := range mx.Domains {
		if _, ok := layerLabels[d.Layer]; !ok {
			problems = append(problems, fmt.Sprintf("domain %q has layer %q; valid layers are %s", d.ID, d.Layer, model.Quoted(model.Layers)))
		}
		for _, s := range mx.ServiceModels {
			owner, ok := mx.Owners[[2]string{d.ID, s.ID}]
			if !ok {
				problems = append(problems, fmt.Sprintf("no owner for domain %q under service model %q", d.ID, s.ID))
				continue
			}
			if _, ok := OwnerStyles[owner]; !ok {
				problems = append(problems, fmt.Sprintf("domain %q under service model %q has owner %q; valid owners are %s", d.ID, s.ID, owner, model.Quoted(model.Owners)))
			}
		}
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "; "))
	}

	gridX := margin + bandW + labelGap + labelW
	width := gridX + colW*len(mx.ServiceModels) + margin
	groups := layerRuns(mx.Domains)
	gridTop := headerTop + headerH
	gridBottom := gridTop + rowH*len(mx.Domains) + layerGap*(len(groups)-1)
	legendY := gridBottom + legendGap
	noteY := legendY + swatch + 28
	height := noteY + margin
	if mx.FallbackNote != "" {
		height += 18
	}
	title := mx.Title
	if title == "" {
		title = defaultTitle
	}

	var b svgWriter
	b.printf(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.printf(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-labelledby="title desc" font-family="%s">`+"\n",
		width, height, width, height, fontStack)
	b.printf("<title id=\"title\">%s</title>\n", esc(title))
	b.printf("<desc id=\"desc\">%s</desc>\n", esc(describe(mx)))
	b.printf(`<rect width="%d" height="%d" fill="#FFFFFF"/>`+"\n", width, height)

	b.printf(`<text x="%d" y="%d" font-size="20" font-weight="bold" fill="#1A1A1A">%s</text>`+"\n", margin, titleY, esc(title))
	b.printf(`<text x="%d" y="%d" font-size="13" fill="#444444">Who secures each security domain under each service model</text>`+"\n", margin, subY)

	// Column headers.
	headerY := headerTop + headerH/2 + 5
	b.printf(`<g id="columns" font-size="14" font-weight="bold" fill="#1A1A1A">` + "\n")
	b.printf(`<text x="%d" y="%d" font-size="12" font-weight="normal" fill="#444444">Security domain</text>`+"\n", margin+bandW+labelGap, headerY)
	for i, s := range mx.ServiceModels {
		x := gridX + colW*i + colW/2
		b.printf(`<text x="%d" y="%d" text-anchor="middle" data-service-model="%s"><title>%s</title>%s</text>`+"\n",
			x, headerY, esc(s.ID), esc(s.Name), esc(ShortName(s)))
	}
	b.printf("</g>\n")

	// Layer bands, row labels and cells.
	y := gridTop
	for gi, g := range groups {
		if gi > 0 {
			y += layerGap
		}
		h := rowH * len(g.domains)
		cx, cy := margin+bandW/2, y+h/2
		b.printf(`<g class="layer" data-layer="%s">`+"\n", esc(g.layer))
		b.printf(`<rect x="%d" y="%d" width="%d" height="%d" rx="3" fill="%s"/>`+"\n", margin, y+cellPad, bandW, h-2*cellPad, layerFills[g.layer])
		b.printf(`<text x="%d" y="%d" transform="rotate(-90 %d %d)" text-anchor="middle" dominant-baseline="central" font-size="12" font-weight="bold" fill="#333333">%s</text>`+"\n",
			cx, cy, cx, cy, esc(layerLabels[g.layer]))
		b.printf("</g>\n")
		for _, d := range g.domains {
			b.printf(`<text x="%d" y="%d" font-size="13" fill="#1A1A1A" data-domain="%s">%s</text>`+"\n",
				margin+bandW+labelGap, y+rowH/2+5, esc(d.ID), esc(d.Name))
			for i, s := range mx.ServiceModels {
				owner := mx.Owners[[2]string{d.ID, s.ID}]
				st := OwnerStyles[owner]
				x := gridX + colW*i
				label, fallback, tip := st.Label, "", owner
				if mx.Fallback[[2]string{d.ID, s.ID}] {
					label, fallback, tip = st.Label+" *", ` data-fallback="true"`, owner+" (not published by the vendor; consensus cell)"
				}
				b.printf(`<g class="cell" data-domain="%s" data-service-model="%s" data-owner="%s"%s>`, esc(d.ID), esc(s.ID), esc(owner), fallback)
				b.printf(`<title>%s, %s: %s</title>`, esc(d.Name), esc(ShortName(s)), esc(tip))
				b.printf(`<rect x="%d" y="%d" width="%d" height="%d" rx="3" fill="%s"/>`, x+cellPad, y+cellPad, colW-2*cellPad, rowH-2*cellPad, st.Fill)
				b.printf(`<text x="%d" y="%d" text-anchor="middle" font-size="12" fill="%s">%s</text>`, x+colW/2, y+rowH/2+4, st.Text, esc(label))
				b.printf("</g>\n")
			}
			y += rowH
		}
	}

	// Legend.
	b.printf(`<g id="legend" font-size="12" fill="#1A1A1A">` + "\n")
	x := margin
	for _, owner := range legendOrder {
		st := OwnerStyles[owner]
		b.printf(`<g class="legend-item" data-owner="%s">`, esc(owner))
		b.printf(`<rect x="%d" y="%d" width="%d" height="%d" rx="3" fill="%s"/>`, x, legendY, swatch, swatch, st.Fill)
		text := st.Label + ": " + st.Meaning
		b.printf(`<text x="%d" y="%d">%s</text>`, x+swatch+6, legendY+swatch-5, esc(text))
		b.printf("</g>\n")
		x += swatch + 6 + approxTextWidth(text, 12) + 28
	}
	b.printf("</g>\n")
	b.printf(`<text x="%d" y="%d" font-size="11" fill="#555555">On-premises, the customer secures every layer. The srm_responsibility_matrix data source lists what each side does in every cell.</text>`+"\n", margin, noteY)
	if mx.FallbackNote != "" {
		b.printf(`<text x="%d" y="%d" font-size="11" fill="#555555">%s</text>`+"\n", margin, noteY+18, esc(mx.FallbackNote))
	}
	b.printf("</svg>\n")
	return b.buf.Bytes(), nil
}

// ShortName is a service model's column heading: the abbreviation in
// parentheses at the end of its name ("IaaS"), or the whole name.
func ShortName(s model.ServiceModel) string {
	name := strings.TrimSpace(s.Name)
	if strings.HasSuffix(name, ")") {
		if i := strings.LastIndex(name, "("); i >= 0 && i < len(name)-2 {
			return name[i+1 : len(name)-1]
		}
	}
	return name
}

type layerRun struct {
	layer   string
	domains []model.Domain
}

// layerRuns groups consecutive domains of the same layer, keeping matrix
// order.
func layerRuns(ds []model.Domain) []layerRun {
	var runs []layerRun
	for _, d := range ds {
		if n := len(runs); n > 0 && runs[n-1].layer == d.Layer {
			runs[n-1].domains = append(runs[n-1].domains, d)
			continue
		}
		runs = append(runs, layerRun{layer: d.Layer, domains: []model.Domain{d}})
	}
	return runs
}

// describe is the picture's text alternative: per service model, which
// domains each owner holds.
func describe(mx Matrix) string {
	var parts []string
	for _, s := range mx.ServiceModels {
		var byOwner []string
		for _, owner := range legendOrder {
			var names []string
			for _, d := range mx.Domains {
				if mx.Owners[[2]string{d.ID, s.ID}] == owner {
					names = append(names, d.Name)
				}
			}
			if len(names) > 0 {
				byOwner = append(byOwner, owner+": "+strings.Join(names, ", "))
			}
		}
		parts = append(parts, ShortName(s)+" ("+strings.Join(byOwner, "; ")+")")
	}
	return "Owner of each security domain by service model. " + strings.Join(parts, ". ") + "."
}

// approxTextWidth estimates the width of text in a sans-serif font, enough
// to space the legend entries.
func approxTextWidth(s string, fontSize int) int {
	return len([]rune(s)) * fontSize * 50 / 100
}

type svgWriter struct{ buf bytes.Buffer }

func (w *svgWriter) printf(format string, args ...any) { fmt.Fprintf(&w.buf, format, args...) }

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // writing to a strings.Builder cannot fail
	return b.String()
}
