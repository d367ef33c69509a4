package audit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// The reader follows Terraform's JSON output format, "terraform show -json"
// of a saved plan or of the state:
// https://developer.hashicorp.com/terraform/internals/json-format (format
// version 1.x, read for Terraform 1.8 and OpenTofu 1.6, which writes the
// same format).

// DefaultMaxBytes is the largest input read unless the caller says
// otherwise: a plan of 50,000 resources is well under it, and a file past
// it would take gigabytes of memory to decode.
const DefaultMaxBytes = 256 << 20

// MaxDepth is how deeply a resource's values may nest. Real resources nest
// a few levels (blocks in blocks); deeper input is not a plan.
const MaxDepth = 64

// supportedMajor is the format_version major this reader knows; a newer
// major changes the shape incompatibly (the format's own rule).
const supportedMajor = 1

// Kinds of input.
const (
	KindPlan  = "plan"
	KindState = "state"
)

// Input is a decoded plan or state.
type Input struct {
	Kind             string
	FormatVersion    string
	TerraformVersion string
	Instances        []Instance
}

// Instance is one resource instance with its planned (or stored) values.
type Instance struct {
	// Address as Terraform writes it: module path, type, name, [index].
	Address string
	// Module is the module path ("module.a.module.b"), "" for the root.
	Module string
	Mode   string
	Type   string
	// Values is the generic tree the evidence engine reads, with
	// policy.UnknownValue where after_unknown marks a value unknown.
	Values any
	// Sensitive mirrors Values with true where a value is sensitive.
	Sensitive any
}

// InputError is a one-line description of what is wrong with the input.
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

func inputErr(format string, args ...any) error {
	return &InputError{Msg: fmt.Sprintf(format, args...)}
}

type rawDoc struct {
	FormatVersion    *string     `json:"format_version"`
	TerraformVersion string      `json:"terraform_version"`
	PlannedValues    *rawValues  `json:"planned_values"`
	ResourceChanges  []rawChange `json:"resource_changes"`
	Values           *rawValues  `json:"values"`
}

type rawValues struct {
	RootModule *rawModule `json:"root_module"`
}

type rawModule struct {
	Address      string        `json:"address"`
	Resources    []rawResource `json:"resources"`
	ChildModules []rawModule   `json:"child_modules"`
}

// rawResource keeps its values undecoded: in a plan the resource change
// carries them again, with what is unknown, and only one copy is decoded.
type rawResource struct {
	Address         string          `json:"address"`
	Mode            string          `json:"mode"`
	Type            string          `json:"type"`
	Values          json.RawMessage `json:"values"`
	SensitiveValues json.RawMessage `json:"sensitive_values"`
}

type rawChange struct {
	Address       string `json:"address"`
	ModuleAddress string `json:"module_address"`
	Mode          string `json:"mode"`
	Type          string `json:"type"`
	// Deposed is set on the change of a deposed object (the old half of a
	// create_before_destroy replacement), which shares the address.
	Deposed string `json:"deposed"`
	Change  struct {
		Actions        []string `json:"actions"`
		After          any      `json:"after"`
		AfterUnknown   any      `json:"after_unknown"`
		AfterSensitive any      `json:"after_sensitive"`
	} `json:"change"`
}

// Read decodes the JSON of "terraform show -json" (or "tofu show -json")
// of a saved plan or of the state. maxBytes <= 0 means DefaultMaxBytes.
// Every error is an *InputError of one line.
func Read(r io.Reader, maxBytes int64) (*Input, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	data, err := io.ReadAll(io.LimitReader(r, maxBytes+1))
	if err != nil {
		return nil, inputErr("cannot read the input: %v", err)
	}
	if int64(len(data)) > maxBytes {
		return nil, inputErr("the input is larger than %d MiB: split the configuration or raise --max-bytes", maxBytes>>20)
	}
	return Decode(data)
}

// Decode is Read over bytes already in memory.
func Decode(data []byte) (*Input, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, inputErr("the input is empty: give the output of terraform show -json PLANFILE")
	}
	if b := bytes.TrimSpace(data); b[0] != '{' {
		return nil, inputErr("the input is not a JSON object: give the output of terraform show -json PLANFILE, not the plan file itself or the text of terraform plan")
	}
	var doc rawDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, jsonError(data, err)
	}
	if doc.FormatVersion == nil {
		return nil, inputErr("format_version is missing: this is not the output of terraform show -json")
	}
	if err := checkVersions(*doc.FormatVersion, doc.TerraformVersion); err != nil {
		return nil, err
	}
	in := &Input{FormatVersion: *doc.FormatVersion, TerraformVersion: doc.TerraformVersion}
	var err error
	switch {
	case doc.PlannedValues != nil || doc.ResourceChanges != nil:
		in.Kind = KindPlan
		err = in.readPlan(&doc)
	case doc.Values != nil:
		in.Kind = KindState
		err = in.walk(doc.Values.RootModule, nil)
	default:
		return nil, inputErr("the input has neither planned_values nor values: the plan or state holds no resources")
	}
	if err != nil {
		return nil, err
	}
	if len(in.Instances) == 0 {
		return nil, inputErr("the %s holds no resources: nothing to audit", in.Kind)
	}
	sort.SliceStable(in.Instances, func(i, j int) bool { return in.Instances[i].Address < in.Instances[j].Address })
	for i := 1; i < len(in.Instances); i++ {
		if in.Instances[i].Address == in.Instances[i-1].Address {
			return nil, inputErr("resource address %s appears twice", clip(in.Instances[i].Address))
		}
	}
	return in, nil
}

func jsonError(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "unexpected end of JSON input"):
		return inputErr("the input is truncated: the JSON ends after %d bytes, before it is complete", len(data))
	case strings.Contains(err.Error(), "exceeded max depth"):
		return inputErr("the input nests values too deeply to be a plan")
	case errors.As(err, &syn):
		return inputErr("the input is not valid JSON at byte %d: %s", syn.Offset, syn.Error())
	case errors.As(err, &typ):
		return inputErr("%s must be a JSON %s, got %s: this is not the output of terraform show -json", clip(typ.Field), goKind(typ.Type.Kind().String()), typ.Value)
	}
	return inputErr("the input is not valid JSON: %v", err)
}

func goKind(k string) string {
	switch k {
	case "slice":
		return "array"
	case "struct", "map", "ptr":
		return "object"
	}
	return k
}

// checkVersions rejects a format this reader does not know: another
// format_version major, or a client whose major is newer than 1.
func checkVersions(format, client string) error {
	major, _, _ := strings.Cut(format, ".")
	n, err := strconv.Atoi(major)
	if err != nil {
		return inputErr("format_version %q is not a version number such as \"1.2\"", clip(format))
	}
	if n != supportedMajor {
		return inputErr("format_version %q is not supported: srm audit reads format 1.x, which Terraform 1.x and OpenTofu 1.x write", clip(format))
	}
	if client != "" {
		cm, _, _ := strings.Cut(client, ".")
		if c, err := strconv.Atoi(cm); err == nil && c > supportedMajor {
			return inputErr("terraform_version %q is newer than srm audit reads (1.x): upgrade srm", clip(client))
		}
	}
	return nil
}

func (in *Input) readPlan(doc *rawDoc) error {
	changes := make(map[string]*rawChange, len(doc.ResourceChanges))
	for i := range doc.ResourceChanges {
		rc := &doc.ResourceChanges[i]
		if rc.Deposed == "" && !isDelete(rc.Change.Actions) {
			changes[rc.Address] = rc
		}
	}
	if doc.PlannedValues != nil && doc.PlannedValues.RootModule != nil {
		return in.walk(doc.PlannedValues.RootModule, changes)
	}
	// No planned_values: the changes alone, deletions aside.
	for i := range doc.ResourceChanges {
		rc := &doc.ResourceChanges[i]
		if rc.Deposed != "" || isDelete(rc.Change.Actions) {
			continue
		}
		inst, err := fromChange(rc)
		if err != nil {
			return err
		}
		in.Instances = append(in.Instances, inst)
	}
	return nil
}

func decodeRaw(raw json.RawMessage, into *any) error {
	if len(raw) == 0 {
		return nil
	}
	return json.Unmarshal(raw, into)
}

func isDelete(actions []string) bool { return len(actions) == 1 && actions[0] == "delete" }

func fromChange(rc *rawChange) (Instance, error) {
	inst := Instance{Address: rc.Address, Module: rc.ModuleAddress, Mode: rc.Mode, Type: rc.Type}
	return inst, inst.fill(rc.Change.After, rc.Change.AfterUnknown, rc.Change.AfterSensitive)
}

// walk adds a module's resources and its children's. With changes (a plan)
// each resource's after, after_unknown and after_sensitive come from its
// resource change; planned_values alone omit unknown values.
func (in *Input) walk(m *rawModule, changes map[string]*rawChange) error {
	if m == nil {
		return nil
	}
	for i := range m.Resources {
		r := &m.Resources[i]
		if r.Address == "" || r.Type == "" {
			return inputErr("a resource in module %q has no address or type", clip(m.Address))
		}
		inst := Instance{Address: r.Address, Module: m.Address, Mode: r.Mode, Type: r.Type}
		var err error
		if rc, ok := changes[r.Address]; ok {
			err = inst.fill(rc.Change.After, rc.Change.AfterUnknown, rc.Change.AfterSensitive)
		} else {
			var values, sensitive any
			if err := decodeRaw(r.Values, &values); err != nil {
				return inputErr("%s: values: %v", clip(r.Address), err)
			}
			if err := decodeRaw(r.SensitiveValues, &sensitive); err != nil {
				return inputErr("%s: sensitive_values: %v", clip(r.Address), err)
			}
			err = inst.fill(values, nil, sensitive)
		}
		if err != nil {
			return err
		}
		in.Instances = append(in.Instances, inst)
	}
	for i := range m.ChildModules {
		if err := in.walk(&m.ChildModules[i], changes); err != nil {
			return err
		}
	}
	return nil
}

func (inst *Instance) fill(after, unknown, sensitive any) error {
	if inst.Mode == "" {
		inst.Mode = "managed"
	}
	if depth(after, 0) > MaxDepth || depth(unknown, 0) > MaxDepth || depth(sensitive, 0) > MaxDepth {
		return inputErr("%s: values nest more than %d levels deep, deeper than any resource schema", clip(inst.Address), MaxDepth)
	}
	inst.Values = mergeUnknown(after, unknown)
	inst.Sensitive = sensitive
	return nil
}

func depth(v any, d int) int {
	if d > MaxDepth {
		return d
	}
	best := d
	switch x := v.(type) {
	case map[string]any:
		for _, c := range x {
			if n := depth(c, d+1); n > best {
				best = n
			}
		}
	case []any:
		for _, c := range x {
			if n := depth(c, d+1); n > best {
				best = n
			}
		}
	}
	return best
}

// mergeUnknown puts policy.UnknownValue wherever after_unknown is true.
// after_unknown mirrors after, with true at unknown leaves and known
// leaves omitted or false; an unknown value is absent (or null) in after.
func mergeUnknown(after, unknown any) any {
	switch u := unknown.(type) {
	case bool:
		if u {
			return policy.UnknownValue
		}
		return after
	case map[string]any:
		obj, _ := after.(map[string]any)
		if obj == nil && len(u) > 0 {
			if after != nil {
				return after
			}
			obj = map[string]any{}
		}
		for k, uv := range u {
			if merged := mergeUnknown(obj[k], uv); merged != nil || hasKey(obj, k) {
				obj[k] = merged
			}
		}
		return obj
	case []any:
		list, _ := after.([]any)
		if list == nil && after != nil {
			return after
		}
		for len(list) < len(u) {
			list = append(list, nil)
		}
		for i, uv := range u {
			list[i] = mergeUnknown(list[i], uv)
		}
		return list
	}
	return after
}

func hasKey(m map[string]any, k string) bool {
	_, ok := m[k]
	return ok
}

// clip shows at most 64 characters of a name taken from the input.
func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}
