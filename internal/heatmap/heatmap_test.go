package heatmap

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

const committedPicture = "../../docs/images/matrix.svg"

// element is a parsed SVG element with its attributes and direct text.
type element struct {
	name     string
	attrs    map[string]string
	text     string
	children []*element
}

func parseSVG(t *testing.T, svg []byte) *element {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	var root *element
	var stack []*element
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := &element{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, e)
			} else {
				root = e
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(tok)
			}
		}
	}
	if root == nil || root.name != "svg" {
		t.Fatalf("the document's root is not <svg>")
	}
	return root
}

func (e *element) walk(fn func(*element)) {
	fn(e)
	for _, c := range e.children {
		c.walk(fn)
	}
}

func (e *element) find(fn func(*element) bool) []*element {
	var out []*element
	e.walk(func(x *element) {
		if fn(x) {
			out = append(out, x)
		}
	})
	return out
}

func (e *element) child(name string) *element {
	for _, c := range e.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

func renderDefault(t *testing.T) []byte {
	t.Helper()
	svg, err := FromModel(model.Default()).SVG()
	if err != nil {
		t.Fatalf("rendering the embedded matrix: %v", err)
	}
	return svg
}

func TestCommittedPictureIsCurrent(t *testing.T) {
	t.Parallel()
	committed, err := os.ReadFile(committedPicture)
	if err != nil {
		t.Fatalf("reading %s: %v (run go generate ./...)", filepath.ToSlash(committedPicture), err)
	}
	if !bytes.Equal(committed, renderDefault(t)) {
		t.Fatalf("docs/images/matrix.svg differs from the renderer's output: run go generate ./...")
	}
}

func TestRenderingIsDeterministic(t *testing.T) {
	t.Parallel()
	if !bytes.Equal(renderDefault(t), renderDefault(t)) {
		t.Fatal("two renderings of the same matrix differ")
	}
}

func TestPictureStructure(t *testing.T) {
	t.Parallel()
	root := parseSVG(t, renderDefault(t))

	width, err := strconv.Atoi(root.attrs["width"])
	if err != nil || width < 800 || width > 900 {
		t.Errorf("width = %q, want 800 to 900 px for a documentation page", root.attrs["width"])
	}
	if got := root.child("title"); got == nil || got.text != "Shared responsibility matrix" {
		t.Errorf("the <svg> has no <title> \"Shared responsibility matrix\"")
	}
	if d := root.child("desc"); d == nil || !strings.Contains(d.text, "SaaS (provider: Physical security") {
		t.Errorf("the <desc> text alternative does not list owners per service model")
	}

	cells := root.find(func(e *element) bool { return e.attrs["class"] == "cell" })
	if len(cells) != 90 {
		t.Fatalf("found %d cells, want 15 domains x 6 service models = 90", len(cells))
	}
	byKey := map[[2]string]*element{}
	for _, c := range cells {
		byKey[[2]string{c.attrs["data-domain"], c.attrs["data-service-model"]}] = c
	}
	for _, tc := range []struct {
		domain, serviceModel, owner, fill, label string
	}{
		{"physical_security", "iaas", "provider", "#004488", "Provider"},
		{"physical_security", "on_premises", "customer", "#DDAA33", "Customer"},
		{"identity_access", "saas", "customer", "#DDAA33", "Customer"},
		{"network_configuration", "saas", "provider", "#004488", "Provider"},
		{"data_protection", "paas", "shared", "#BB5566", "Shared"},
		{"workload_hardening", "iaas", "customer", "#DDAA33", "Customer"},
	} {
		c := byKey[[2]string{tc.domain, tc.serviceModel}]
		if c == nil {
			t.Errorf("no cell for %s/%s", tc.domain, tc.serviceModel)
			continue
		}
		if c.attrs["data-owner"] != tc.owner {
			t.Errorf("%s/%s: data-owner = %q, want %q", tc.domain, tc.serviceModel, c.attrs["data-owner"], tc.owner)
		}
		if r := c.child("rect"); r == nil || r.attrs["fill"] != tc.fill {
			t.Errorf("%s/%s: the cell's rect is not filled %s", tc.domain, tc.serviceModel, tc.fill)
		}
		if txt := c.child("text"); txt == nil || txt.text != tc.label {
			t.Errorf("%s/%s: the cell does not read %q", tc.domain, tc.serviceModel, tc.label)
		}
	}

	legends := root.find(func(e *element) bool { return e.attrs["id"] == "legend" })
	if len(legends) != 1 {
		t.Fatalf("found %d legends, want 1", len(legends))
	}
	items := legends[0].find(func(e *element) bool { return e.attrs["class"] == "legend-item" })
	if len(items) != 3 {
		t.Fatalf("the legend has %d items, want provider, shared and customer", len(items))
	}
	for _, it := range items {
		st := OwnerStyles[it.attrs["data-owner"]]
		if r := it.child("rect"); r == nil || r.attrs["fill"] != st.Fill {
			t.Errorf("legend item %q: swatch is not filled %s", it.attrs["data-owner"], st.Fill)
		}
		if txt := it.child("text"); txt == nil || !strings.HasPrefix(txt.text, st.Label+":") {
			t.Errorf("legend item %q does not start with %q", it.attrs["data-owner"], st.Label)
		}
	}

	layers := root.find(func(e *element) bool { return e.attrs["class"] == "layer" })
	if len(layers) != 2 || layers[0].attrs["data-layer"] != model.LayerOfTheCloud || layers[1].attrs["data-layer"] != model.LayerInTheCloud {
		t.Fatalf("want two layer bands, of_the_cloud then in_the_cloud; got %d", len(layers))
	}
	if txt := layers[0].child("text"); txt == nil || txt.text != "Security of the cloud" {
		t.Errorf("the first band is not labelled \"Security of the cloud\"")
	}

	var headings []string
	for _, h := range root.find(func(e *element) bool { return e.name == "text" && e.attrs["data-service-model"] != "" }) {
		headings = append(headings, strings.TrimSpace(h.text))
	}
	if got, want := strings.Join(headings, ","), "On-premises,IaaS,CaaS,PaaS,FaaS,SaaS"; got != want {
		t.Errorf("column headings = %s, want %s", got, want)
	}
}

func TestOwnerStylesCoverEveryOwner(t *testing.T) {
	t.Parallel()
	fills := map[string]bool{}
	for _, owner := range model.Owners {
		st, ok := OwnerStyles[owner]
		if !ok {
			t.Fatalf("no style for owner %q", owner)
		}
		if fills[st.Fill] {
			t.Errorf("owner %q shares its fill %s with another owner", owner, st.Fill)
		}
		fills[st.Fill] = true
	}
}

func TestEscapesText(t *testing.T) {
	t.Parallel()
	mx := Matrix{
		Domains:       []model.Domain{{ID: "d", Name: "Keys & <secrets>", Layer: model.LayerInTheCloud}},
		ServiceModels: []model.ServiceModel{{ID: "s", Name: "Software \"as\" a service (SaaS)"}},
		Owners:        map[[2]string]string{{"d", "s"}: model.OwnerShared},
	}
	svg, err := mx.SVG()
	if err != nil {
		t.Fatal(err)
	}
	root := parseSVG(t, svg)
	labels := root.find(func(e *element) bool { return e.name == "text" && e.attrs["data-domain"] == "d" })
	if len(labels) != 1 || labels[0].text != "Keys & <secrets>" {
		t.Errorf("the row label did not survive escaping: %+v", labels)
	}
}

func TestRejectsBrokenMatrix(t *testing.T) {
	t.Parallel()
	base := func() Matrix {
		return Matrix{
			Domains:       []model.Domain{{ID: "physical_security", Name: "Physical security", Layer: model.LayerOfTheCloud}},
			ServiceModels: []model.ServiceModel{{ID: "iaas", Name: "IaaS"}, {ID: "saas", Name: "SaaS"}},
			Owners: map[[2]string]string{
				{"physical_security", "iaas"}: model.OwnerProvider,
				{"physical_security", "saas"}: model.OwnerProvider,
			},
		}
	}
	for name, tc := range map[string]struct {
		change func(*Matrix)
		want   string
	}{
		"missing cell": {func(m *Matrix) { delete(m.Owners, [2]string{"physical_security", "saas"}) },
			`no owner for domain "physical_security" under service model "saas"`},
		"unknown owner": {func(m *Matrix) { m.Owners[[2]string{"physical_security", "iaas"}] = "vendor" },
			`has owner "vendor"; valid owners are "provider", "customer", "shared"`},
		"unknown layer": {func(m *Matrix) { m.Domains[0].Layer = "under_the_cloud" },
			`has layer "under_the_cloud"; valid layers are "of_the_cloud", "in_the_cloud"`},
		"empty": {func(m *Matrix) { m.Domains = nil }, "at least one domain and one service model"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := base()
			tc.change(&m)
			_, err := m.SVG()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestShortName(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]string{
		"Infrastructure as a service (IaaS)": "IaaS",
		"On-premises":                        "On-premises",
		"Odd ()":                             "Odd ()",
	} {
		if got := ShortName(model.ServiceModel{Name: name}); got != want {
			t.Errorf("ShortName(%q) = %q, want %q", name, got, want)
		}
	}
}

// Each vendor matrix has its own committed picture; its title names the
// matrix and its fallback cells carry an asterisk explained under the legend.
func TestVendorPictures(t *testing.T) {
	t.Parallel()
	for _, id := range model.Default().MatrixIDs()[1:] {
		m, err := model.ForMatrix(id)
		if err != nil {
			t.Fatal(err)
		}
		svg, err := FromModel(m).SVG()
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		path := filepath.Join("..", "..", "docs", "images", "matrix-"+id+".svg")
		committed, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(committed, svg) {
			t.Errorf("%s differs from the renderer's output (%v): run go generate ./...", filepath.ToSlash(path), err)
		}
		text := string(svg)
		if !strings.Contains(text, "<title id=\"title\">Shared responsibility matrix: "+m.Matrix().Name+"</title>") {
			t.Errorf("%s: the title does not name the matrix", id)
		}
		fallbacks := 0
		for _, c := range m.Cells {
			if c.Basis == model.BasisFallback {
				fallbacks++
			}
		}
		if got := strings.Count(text, `data-fallback="true"`); got != fallbacks || fallbacks == 0 {
			t.Errorf("%s: %d cells marked as fallback, want %d", id, got, fallbacks)
		}
		if !strings.Contains(text, "* Not published by "+m.Matrix().Publisher) {
			t.Errorf("%s: the fallback mark is not explained", id)
		}
	}
}
