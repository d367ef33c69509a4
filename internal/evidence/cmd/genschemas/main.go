// Command genschemas writes the digest of the real cloud providers' resource
// schemas that the evidence engine checks its tables and the evidence it is
// given against (internal/evidence/schemas/<provider>.txt.gz).
//
// The source is the prebuilt CDKTF bindings of each provider: every resource
// is lib/<name>/index.js (and index-structs/*.js for the largest), whose
// embedded source map holds the generated TypeScript. That source names
// every Terraform attribute with its computed/optional/required flags
// ("// arn - computed: true, optional: false, required: false"), its value
// type (the getter it uses), its nesting (a list, set or map of objects, or
// one object) and, in the generated doc comments, which complex attributes
// are blocks ("* timeouts block"): CDKTF's isBlock flag is set for every
// complex type, so it cannot tell a block from an object attribute.
//
// A maintainer's step, run by `make schemas`:
//
//	go run ./internal/evidence/cmd/genschemas -install    # installs the packages into a temporary directory
//	go run ./internal/evidence/cmd/genschemas -from DIR   # reads DIR/<provider>/node_modules/@cdktf/provider-<provider>
//
// The tests read only the committed digest.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// packages are the CDKTF prebuilt bindings read, with the provider version
// each one was generated from (the package's cdktf.json / README).
var packages = []struct{ provider, pkg, version string }{
	{"aws", "@cdktf/provider-aws", "21.22.1"},
	{"azurerm", "@cdktf/provider-azurerm", "14.23.1"},
	{"google", "@cdktf/provider-google", "16.12.1"},
	{"azuread", "@cdktf/provider-azuread", "14.3.1"},
}

func main() {
	from := flag.String("from", "", "directory holding <provider>/node_modules/@cdktf/provider-<provider> for each provider")
	install := flag.Bool("install", false, "install the four packages with npm into a temporary directory first")
	out := flag.String("o", "internal/evidence/schemas", "directory to write <provider>.txt.gz into")
	flag.Parse()
	if err := run(*from, *install, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genschemas:", err)
		os.Exit(1)
	}
}

func run(from string, install bool, out string) error {
	if install {
		dir, err := os.MkdirTemp("", "genschemas")
		if err != nil {
			return err
		}
		defer func() {
			if err := os.RemoveAll(dir); err != nil {
				fmt.Fprintln(os.Stderr, "genschemas: warning: could not remove the temporary install:", err)
			}
		}()
		for _, p := range packages {
			d := filepath.Join(dir, p.provider)
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			cmd := exec.Command("npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", p.pkg+"@"+p.version)
			cmd.Dir, cmd.Stdout, cmd.Stderr = d, os.Stderr, os.Stderr
			if err := cmd.Run(); err != nil {
				return fmt.Errorf("npm install %s@%s: %w", p.pkg, p.version, err)
			}
		}
		from = dir
	}
	if from == "" {
		return fmt.Errorf("give -from DIR (an existing install) or -install")
	}
	for _, p := range packages {
		root := filepath.Join(from, p.provider, "node_modules", p.pkg)
		text, n, err := digestPackage(root, p.pkg, p.version)
		if err != nil {
			return fmt.Errorf("%s: %w", p.pkg, err)
		}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		if _, err := zw.Write([]byte(text)); err != nil {
			return fmt.Errorf("%s: compressing: %w", p.pkg, err)
		}
		if err := zw.Close(); err != nil {
			return fmt.Errorf("%s: compressing: %w", p.pkg, err)
		}
		path := filepath.Join(out, p.provider+".txt.gz")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%s: %d resource types, %d bytes (%d compressed)\n", path, n, len(text), buf.Len())
	}
	return nil
}

var providerVersion = regexp.MustCompile(`providerVersion: '([0-9.]+)'`)

// digestPackage reads every resource of one package into the digest text.
func digestPackage(root, pkg, version string) (string, int, error) {
	raw, err := os.ReadFile(filepath.Join(root, "package.json"))
	if err != nil {
		return "", 0, err
	}
	var meta struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(raw, &meta); err != nil {
		return "", 0, err
	}
	if meta.Version != version {
		return "", 0, fmt.Errorf("installed version %s, want %s", meta.Version, version)
	}
	dirs, err := resourceDirs(filepath.Join(root, "lib"))
	if err != nil {
		return "", 0, err
	}
	type res struct{ name, body string }
	var all []res
	provVersion := ""
	for _, d := range dirs {
		src, err := sources(filepath.Join(root, "lib", d))
		if err != nil {
			return "", 0, fmt.Errorf("%s: %w", d, err)
		}
		if m := providerVersion.FindStringSubmatch(src); m != nil {
			if provVersion != "" && provVersion != m[1] {
				return "", 0, fmt.Errorf("%s: provider version %s, others %s", d, m[1], provVersion)
			}
			provVersion = m[1]
		}
		name, body, err := digestResource(src)
		if err != nil {
			return "", 0, fmt.Errorf("%s: %w", d, err)
		}
		all = append(all, res{name, body})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].name < all[j].name })
	var b strings.Builder
	fmt.Fprintf(&b, "# provider %s %s read from %s %s\n", providerName(pkg), provVersion, pkg, version)
	b.WriteString("# <type>, then one attribute a line, indented by nesting: <name> <type> <flags>; flags r required, o optional, c computed\n")
	for _, r := range all {
		b.WriteString(r.name + "\n" + r.body)
	}
	return b.String(), len(all), nil
}

// resourceDirs lists the directories under lib whose index.js defines a
// resource (a class extending cdktf.TerraformResource). It goes by that
// class, not by the directory's name: data sources are data-<provider>-*,
// but resources such as azurerm_data_protection_backup_vault or
// google_data_fusion_instance live in data-* directories too.
func resourceDirs(lib string) ([]string, error) {
	entries, err := os.ReadDir(lib)
	if err != nil {
		return nil, err
	}
	var dirs []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(lib, e.Name(), "index.js"))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if resourceJS.Match(raw) {
			dirs = append(dirs, e.Name())
		}
	}
	return dirs, nil
}

// resourceJS is a resource class in compiled JavaScript.
var resourceJS = regexp.MustCompile(`(?m)^class \w+ extends cdktf\.TerraformResource \{`)

func providerName(pkg string) string {
	return "hashicorp/" + strings.TrimPrefix(pkg, "@cdktf/provider-")
}

// sources concatenates the TypeScript held in the source maps of a
// resource directory's .js files.
func sources(dir string) (string, error) {
	var b strings.Builder
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".js") {
			return err
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		const marker = "sourceMappingURL=data:application/json;base64,"
		i := bytes.LastIndex(raw, []byte(marker))
		if i < 0 {
			return fmt.Errorf("%s: no inline source map", path)
		}
		enc := bytes.TrimSpace(raw[i+len(marker):])
		dec, err := base64.StdEncoding.DecodeString(string(enc))
		if err != nil {
			return fmt.Errorf("%s: source map: %w", path, err)
		}
		var sm struct {
			SourcesContent []string `json:"sourcesContent"`
		}
		if err := json.Unmarshal(dec, &sm); err != nil {
			return fmt.Errorf("%s: source map: %w", path, err)
		}
		for _, s := range sm.SourcesContent {
			b.WriteString(s)
			b.WriteString("\n")
		}
		return nil
	})
	return b.String(), err
}

var (
	resourceClass  = regexp.MustCompile(`export class (\w+) extends cdktf\.TerraformResource \{`)
	tfResourceType = regexp.MustCompile(`tfResourceType = "([a-z0-9_]+)"`)
	classStart     = regexp.MustCompile(`(?m)^export class (\w+) extends cdktf\.\w+ \{`)
	ifaceStart     = regexp.MustCompile(`(?m)^export interface (\w+)(?: extends [\w.]+)? \{`)
	attrComment    = regexp.MustCompile(`(?m)^  // (\S+) - computed: (true|false), optional: (true|false), required: (true|false)$`)
	newComplex     = regexp.MustCompile(`private _\w+ = new ([\w.]+)\(this, "([^"]+)"(?:, (true|false))?\)`)
	getter         = regexp.MustCompile(`this\.(get\w+Attribute|interpolationForAttribute)\('([^']+)'\)`)
	blockDoc       = regexp.MustCompile(`(?m)^\s*\* (\w+) block\s*$`)
	hclEntry       = regexp.MustCompile(`(?m)^\s*"?(\w+)"?: \{\n\s*value: [^\n]*\n\s*isBlock: (true|false),\n\s*type: "(\w+)",\n\s*storageClassType: "(\w+)",`)
	hclFunc        = regexp.MustCompile(`(?m)^export function (\w+)ToHclTerraform\(`)
)

// unit is the parsed source of one resource: class bodies, interface
// bodies and HCL synthesis functions by name.
type unit struct {
	classes, ifaces, hcl map[string]string
}

// body returns the text from start to the first line that is "}" alone.
func body(src string, start int) string {
	end := strings.Index(src[start:], "\n}\n")
	if end < 0 {
		return src[start:]
	}
	return src[start : start+end+1]
}

func parseUnit(src string) unit {
	u := unit{classes: map[string]string{}, ifaces: map[string]string{}, hcl: map[string]string{}}
	for _, m := range classStart.FindAllStringSubmatchIndex(src, -1) {
		u.classes[src[m[2]:m[3]]] = body(src, m[0])
	}
	for _, m := range ifaceStart.FindAllStringSubmatchIndex(src, -1) {
		u.ifaces[src[m[2]:m[3]]] = body(src, m[0])
	}
	for _, m := range hclFunc.FindAllStringSubmatchIndex(src, -1) {
		u.hcl[src[m[2]:m[3]]] = body(src, m[0])
	}
	return u
}

func digestResource(src string) (string, string, error) {
	m := resourceClass.FindStringSubmatch(src)
	if m == nil {
		return "", "", fmt.Errorf("no resource class")
	}
	u := parseUnit(src)
	cls := u.classes[m[1]]
	t := tfResourceType.FindStringSubmatch(cls)
	if t == nil {
		return "", "", fmt.Errorf("class %s has no tfResourceType", m[1])
	}
	hclText := cls
	if i := strings.Index(cls, "synthesizeHclAttributes"); i >= 0 {
		hclText = cls[i:]
	}
	var b strings.Builder
	if err := u.attrs(&b, m[1], u.ifaces[m[1]+"Config"], hclText, 1, map[string]bool{}); err != nil {
		return "", "", fmt.Errorf("%s: %w", t[1], err)
	}
	return t[1], b.String(), nil
}

// attrs writes the attributes of one class (the resource or a nested
// object's OutputReference) at the given depth.
func (u unit) attrs(b *strings.Builder, class, iface, hclText string, depth int, seen map[string]bool) error {
	if seen[class] {
		return fmt.Errorf("recursive type %s", class)
	}
	seen[class] = true
	defer delete(seen, class)
	cls, ok := u.classes[class]
	if !ok {
		return fmt.Errorf("class %s not found", class)
	}
	blocks := map[string]bool{}
	for _, bm := range blockDoc.FindAllStringSubmatch(iface, -1) {
		blocks[bm[1]] = true
	}
	hclType := map[string]string{}
	for _, hm := range hclEntry.FindAllStringSubmatch(hclText, -1) {
		hclType[hm[1]] = hm[3]
	}
	locs := attrComment.FindAllStringSubmatchIndex(cls, -1)
	for i, l := range locs {
		name := cls[l[2]:l[3]]
		computed, optional, required := cls[l[4]:l[5]] == "true", cls[l[6]:l[7]] == "true", cls[l[8]:l[9]] == "true"
		end := len(cls)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		seg := cls[l[1]:end]
		flags := ""
		if required {
			flags += "r"
		}
		if optional {
			flags += "o"
		}
		if computed {
			flags += "c"
		}
		indent := strings.Repeat(" ", depth)
		if cm := newComplex.FindStringSubmatch(seg); cm != nil && cm[2] == name {
			typ := cm[1]
			if prim, ok := cdktfMaps[typ]; ok {
				fmt.Fprintf(b, "%s%s %s %s\n", indent, name, prim, flags)
				continue
			}
			var base, kind string
			switch {
			case strings.HasSuffix(typ, "OutputReference"):
				base = strings.TrimSuffix(typ, "OutputReference")
				switch hclType[name] {
				case "list":
					kind = "list(object)"
				case "set":
					kind = "set(object)"
				default:
					kind = "object"
				}
			case strings.HasSuffix(typ, "List"):
				base = strings.TrimSuffix(typ, "List")
				kind = "list(object)"
				if cm[3] == "true" {
					kind = "set(object)"
				}
			case strings.HasSuffix(typ, "Map"):
				base = strings.TrimSuffix(typ, "Map")
				kind = "map(object)"
			default:
				return fmt.Errorf("%s.%s: unknown complex type %s", class, name, typ)
			}
			if blocks[name] {
				kind = map[string]string{"list(object)": "block_list", "set(object)": "block_set", "object": "block_single"}[kind]
				if kind == "" {
					return fmt.Errorf("%s.%s: a block of a map", class, name)
				}
			}
			fmt.Fprintf(b, "%s%s %s %s\n", indent, name, kind, flags)
			if err := u.attrs(b, base+"OutputReference", u.ifaces[base], u.hcl[lowerFirst(base)], depth+1, seen); err != nil {
				return err
			}
			continue
		}
		gm := getter.FindStringSubmatchIndex(seg)
		if gm == nil || seg[gm[4]:gm[5]] != name {
			return fmt.Errorf("%s.%s: no getter found", class, name)
		}
		prim, ok := getters[seg[gm[2]:gm[3]]]
		if !ok {
			return fmt.Errorf("%s.%s: unknown getter %s", class, name, seg[gm[2]:gm[3]])
		}
		if strings.Contains(seg[max(0, gm[0]-20):gm[0]], "Fn.tolist(") {
			prim = "set" + strings.TrimPrefix(prim, "list")
		}
		fmt.Fprintf(b, "%s%s %s %s\n", indent, name, prim, flags)
	}
	return nil
}

var getters = map[string]string{
	"getStringAttribute":        "string",
	"getBooleanAttribute":       "bool",
	"getNumberAttribute":        "number",
	"getListAttribute":          "list(string)",
	"getNumberListAttribute":    "list(number)",
	"getStringMapAttribute":     "map(string)",
	"getNumberMapAttribute":     "map(number)",
	"getBooleanMapAttribute":    "map(bool)",
	"getAnyMapAttribute":        "map(dynamic)",
	"interpolationForAttribute": "dynamic",
}

var cdktfMaps = map[string]string{
	"cdktf.StringMap":      "map(string)",
	"cdktf.NumberMap":      "map(number)",
	"cdktf.BooleanMap":     "map(bool)",
	"cdktf.AnyMap":         "map(dynamic)",
	"cdktf.StringListMap":  "map(list(string))",
	"cdktf.NumberListMap":  "map(list(number))",
	"cdktf.StringMapList":  "list(map(string))",
	"cdktf.NumberMapList":  "list(map(number))",
	"cdktf.BooleanMapList": "list(map(bool))",
	"cdktf.AnyMapList":     "list(map(dynamic))",
	"cdktf.StringListList": "list(list(string))",
	"cdktf.NumberListList": "list(list(number))",
	"cdktf.BooleanList":    "list(bool)",
	"cdktf.BooleanListMap": "map(list(bool))",
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
