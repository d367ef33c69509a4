package evidence

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
)

// The real providers' resource schemas, digested from the CDKTF prebuilt
// bindings by cmd/genschemas (`make schemas`): every resource type of
// hashicorp/aws, azurerm, google and azuread with its attributes, their
// nesting, value types and flags. The engine checks its tables against
// them (a test) and the evidence it is given (at run time).
//
//go:embed schemas/*.txt.gz
var schemaFS embed.FS

// Attr is one attribute or block of a resource type's schema.
type Attr struct {
	Name string
	// Type is a value type ("string", "number", "bool", "dynamic",
	// "list(string)", "set(string)", "map(string)", ...), a block
	// ("block_list", "block_set" - lists of objects in the planned value -
	// or "block_single", one object) or an object attribute ("object",
	// "list(object)", "set(object)", "map(object)").
	Type                         string
	Required, Optional, Computed bool
	// Attrs are a block's or object's attributes, sorted by name.
	Attrs []*Attr
}

// ComputedOnly reports whether the provider alone sets the attribute.
func (a *Attr) ComputedOnly() bool { return a.Computed && !a.Optional && !a.Required }

// Child returns a nested attribute by name.
func (a *Attr) Child(name string) *Attr {
	i := sort.Search(len(a.Attrs), func(i int) bool { return a.Attrs[i].Name >= name })
	if i < len(a.Attrs) && a.Attrs[i].Name == name {
		return a.Attrs[i]
	}
	return nil
}

// objectList reports whether the planned value is a list of objects.
func (a *Attr) objectList() bool {
	switch a.Type {
	case "block_list", "block_set", "list(object)", "set(object)":
		return true
	}
	return false
}

// object reports whether the planned value is one object.
func (a *Attr) object() bool { return a.Type == "block_single" || a.Type == "object" }

// describe names the nesting in words, for messages.
func (a *Attr) describe() string {
	switch a.Type {
	case "block_list", "block_set":
		return "a " + strings.TrimPrefix(a.Type, "block_") + " of blocks"
	case "block_single":
		return "a single block"
	case "list(object)", "set(object)":
		return "a " + strings.TrimSuffix(a.Type, "(object)") + " of objects"
	}
	return a.Type
}

// ProviderSchema is one provider's digest. Types are parsed when first
// asked for: loading indexes the names only, so start-up stays fast.
type ProviderSchema struct {
	// Provider is "hashicorp/aws"; Version its release read ("6.25.0");
	// Package the bindings read ("@cdktf/provider-aws 21.22.1").
	Provider, Version, Package string
	text                       string
	index                      map[string][2]int // type -> its lines in text
	mu                         sync.Mutex
	parsed                     map[string]*Attr
}

// Type returns a resource type's schema.
func (p *ProviderSchema) Type(name string) (*Attr, bool) {
	span, ok := p.index[name]
	if !ok {
		return nil, false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if a, ok := p.parsed[name]; ok {
		return a, true
	}
	a, err := parseType(name, p.text[span[0]:span[1]])
	if err != nil {
		// The digest is generated and tested; a broken one is a bug.
		return nil, false
	}
	p.parsed[name] = a
	return a, true
}

// TypeNames lists the provider's resource types, sorted.
func (p *ProviderSchema) TypeNames() []string {
	out := make([]string, 0, len(p.index))
	for t := range p.index {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// digestFiles are the digests, each loaded when first needed: a type's
// name prefix says which one holds it, so judging AWS evidence never
// unpacks Google's schemas.
var digestFiles = []struct {
	prefix string
	load   func() (*ProviderSchema, error)
}{
	{"aws_", digestLoader("aws")},
	{"azurerm_", digestLoader("azurerm")},
	{"azuread_", digestLoader("azuread")},
	{"google_", digestLoader("google")},
}

func digestLoader(name string) func() (*ProviderSchema, error) {
	return sync.OnceValues(func() (*ProviderSchema, error) { return loadDigest("schemas/" + name + ".txt.gz") })
}

// digestOf returns the digest that would hold a type.
func digestOf(typ string) *ProviderSchema {
	for _, d := range digestFiles {
		if strings.HasPrefix(typ, d.prefix) {
			p, err := d.load()
			if err != nil {
				return nil
			}
			return p
		}
	}
	return nil
}

// schemaFor returns a resource type's schema and its provider's digest.
func schemaFor(typ string) (*Attr, *ProviderSchema, bool) {
	p := digestOf(typ)
	if p == nil {
		return nil, nil, false
	}
	a, ok := p.Type(typ)
	return a, p, ok
}

// ProviderSchemas returns the digests of the four providers.
func ProviderSchemas() ([]*ProviderSchema, error) {
	var out []*ProviderSchema
	for _, d := range digestFiles {
		p, err := d.load()
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// RealTypes lists every resource type name of the four providers, sorted.
var RealTypes = sync.OnceValue(func() []string {
	all, _ := ProviderSchemas()
	var out []string
	for _, p := range all {
		out = append(out, p.TypeNames()...)
	}
	sort.Strings(out)
	return out
})

// IsRealType reports whether a name is a resource type of one of the four
// providers.
func IsRealType(typ string) bool {
	p := digestOf(typ)
	if p == nil {
		return false
	}
	_, ok := p.index[typ]
	return ok
}

func loadDigest(name string) (*ProviderSchema, error) {
	raw, err := schemaFS.ReadFile(name)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("schema digest %s: %w", name, err)
	}
	text, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("schema digest %s: %w", name, err)
	}
	p, err := indexDigest(string(text))
	if err != nil {
		return nil, fmt.Errorf("schema digest %s: %w", name, err)
	}
	return p, nil
}

// indexDigest reads the text cmd/genschemas writes: a header, then each
// type's name alone on a line followed by its attributes, one a line,
// indented one space per level of nesting: "<name> <type> <flags>".
func indexDigest(text string) (*ProviderSchema, error) {
	p := &ProviderSchema{text: text, index: map[string][2]int{}, parsed: map[string]*Attr{}}
	cur, start := "", 0
	for pos := 0; pos < len(text); {
		end := strings.IndexByte(text[pos:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += pos
		}
		line := text[pos:end]
		switch {
		case strings.HasPrefix(line, "# provider "):
			// "# provider hashicorp/aws 6.25.0 read from @cdktf/provider-aws 21.22.1"
			f := strings.Fields(strings.TrimPrefix(line, "# provider "))
			if len(f) != 6 {
				return nil, fmt.Errorf("malformed header")
			}
			p.Provider, p.Version, p.Package = f[0], f[1], f[4]+" "+f[5]
		case line == "" || line[0] == '#' || line[0] == ' ':
		default:
			if cur != "" {
				p.index[cur] = [2]int{start, pos}
			}
			cur, start = line, end+1
		}
		pos = end + 1
	}
	if cur != "" {
		p.index[cur] = [2]int{min(start, len(text)), len(text)}
	}
	if p.Provider == "" {
		return nil, fmt.Errorf("no header")
	}
	return p, nil
}

// parseType reads one type's attribute lines into a tree.
func parseType(name, text string) (*Attr, error) {
	root := &Attr{Name: name, Type: "resource"}
	stack := []*Attr{root} // stack[d] is the parent at depth d+1
	for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		depth := len(line) - len(strings.TrimLeft(line, " "))
		f := strings.Fields(line)
		if len(f) != 3 || depth == 0 || depth > len(stack) {
			return nil, fmt.Errorf("%s: malformed attribute line %q", name, line)
		}
		a := &Attr{Name: f[0], Type: f[1], Required: strings.Contains(f[2], "r"),
			Optional: strings.Contains(f[2], "o"), Computed: strings.Contains(f[2], "c")}
		parent := stack[depth-1]
		parent.Attrs = append(parent.Attrs, a)
		stack = append(stack[:depth], a)
	}
	sortAttrs(root)
	return root, nil
}

func sortAttrs(a *Attr) {
	sort.Slice(a.Attrs, func(i, j int) bool { return a.Attrs[i].Name < a.Attrs[j].Name })
	for _, c := range a.Attrs {
		sortAttrs(c)
	}
}

func attrNames(a *Attr) []string {
	out := make([]string, len(a.Attrs))
	for i, c := range a.Attrs {
		out[i] = c.Name
	}
	return out
}
