package planserver

import (
	"encoding/binary"
	"errors"
	"maps"
	"math"
	"math/big"
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// decodeValue decodes a request's value as DynamicValue.Unmarshal does,
// with one difference that matters at scale: the type of a dynamic
// attribute travels as JSON inside the value, and terraform-plugin-go
// parses it with encoding/json on every call. srm_workload's control
// groups and evidence are dynamic, and Terraform sends the same few types
// for every workload, so parsed types are kept (jsonTypes). On a plan of
// 1,000 workloads that parsing was a fifth of the provider's CPU
// (BENCHMARKS.md).
//
// The decoder reads the msgpack encoding Terraform sends and builds the
// value with tftypes' own constructors. Anything else it does not accept (a
// JSON-encoded value, a byte it does not expect, a value tftypes' own
// constructors refuse) is handed to DynamicValue.Unmarshal, so those errors
// are terraform-plugin-go's; TestDecodeValueMatchesTftypes and
// FuzzDecodeValue hold the two to the same answers. The one error of its
// own is a length longer than the data that follows it: tftypes would
// allocate it first.
//
// With spans, it also records there the encoding of each top-level
// attribute of an object value, which encodeObject can copy back; spans is
// left empty when the value was not decoded here.
func decodeValue(dv *tfprotov6.DynamicValue, typ tftypes.Type, spans map[string][]byte) (tftypes.Value, error) {
	if dv.JSON == nil && dv.MsgPack != nil {
		v, err := decodeMsgPack(dv.MsgPack, typ, spans)
		if err == nil || errors.Is(err, errTruncated) {
			return v, err
		}
		clear(spans)
	}
	return dv.Unmarshal(typ)
}

// decodeMsgPack decodes data as a value of typ, recording top-level
// attribute encodings in spans when it is not nil.
func decodeMsgPack(data []byte, typ tftypes.Type, spans map[string][]byte) (v tftypes.Value, err error) {
	defer func() {
		// tftypes.NewValue panics on a value that does not fit its type;
		// DynamicValue.Unmarshal then gives the answer.
		if recover() != nil {
			err = errMsgPack
		}
	}()
	d := msgpackReader{b: data, spans: spans}
	return d.value(typ)
}

// encodeObject encodes an object value of typ as tfprotov6.NewDynamicValue
// does, except that the attributes named in keep are copied from their
// encoding in spans instead of encoded again. The caller keeps only
// attributes whose value it knows to be the one spans was read from:
// srm_workload's plan copies the configuration-only attributes of the
// proposed new state, which a plan may not change. Encoding them again
// marshals the type of every dynamic value to JSON, the largest part of
// encoding a workload with evidence.
func encodeObject(typ tftypes.Object, v tftypes.Value, spans map[string][]byte, keep map[string]bool) (tfprotov6.DynamicValue, error) {
	attrs, ok := rawObject(v)
	if !ok || len(spans) == 0 {
		return tfprotov6.NewDynamicValue(typ, v)
	}
	names := slices.Sorted(maps.Keys(typ.AttributeTypes))
	out := appendMapHeader(make([]byte, 0, 4096), len(names))
	for _, name := range names {
		out = appendString(out, name)
		if raw, ok := spans[name]; ok && keep[name] {
			out = append(out, raw...)
			continue
		}
		av, ok := attrs[name]
		if !ok {
			return tfprotov6.NewDynamicValue(typ, v) // tftypes says what is missing
		}
		dv, err := tfprotov6.NewDynamicValue(typ.AttributeTypes[name], av)
		if err != nil {
			return tfprotov6.DynamicValue{}, err
		}
		out = append(out, dv.MsgPack...)
	}
	return tfprotov6.DynamicValue{MsgPack: out}, nil
}

func appendMapHeader(b []byte, n int) []byte {
	switch {
	case n < 16:
		return append(b, 0x80|byte(n))
	case n <= math.MaxUint16:
		return binary.BigEndian.AppendUint16(append(b, 0xde), uint16(n))
	}
	return binary.BigEndian.AppendUint32(append(b, 0xdf), uint32(n))
}

func appendString(b []byte, s string) []byte {
	switch n := len(s); {
	case n < 32:
		b = append(b, 0xa0|byte(n))
	case n <= math.MaxUint8:
		b = append(b, 0xd9, byte(n))
	case n <= math.MaxUint16:
		b = binary.BigEndian.AppendUint16(append(b, 0xda), uint16(n))
	default:
		b = binary.BigEndian.AppendUint32(append(b, 0xdb), uint32(n))
	}
	return append(b, s...)
}

// jsonTypes holds parsed dynamic types by their JSON text. It is bounded:
// types come from configuration, and a configuration has few short ones
// (a control group's); long ones (a resource's, in evidence) are usually
// keyed by an address, so each is new, and typeParser reads them.
var jsonTypes = struct {
	sync.RWMutex
	m map[string]tftypes.Type
}{m: map[string]tftypes.Type{}}

const (
	maxJSONTypes   = 4096
	maxJSONTypeLen = 1024
)

func parseJSONType(b []byte) (tftypes.Type, error) {
	jsonTypes.RLock()
	t, ok := jsonTypes.m[string(b)]
	jsonTypes.RUnlock()
	if ok {
		return t, nil
	}
	p := typeParser{b: b}
	t, err := p.typ()
	if err != nil || !p.end() {
		// Not the plain form: tftypes reads it, or says why not.
		if t, err = tftypes.ParseJSONType(b); err != nil { //nolint:staticcheck // the protocol's encoding of a dynamic value's type
			return nil, err
		}
	}
	if len(b) <= maxJSONTypeLen {
		jsonTypes.Lock()
		if len(jsonTypes.m) < maxJSONTypes {
			jsonTypes.m[string(b)] = t
		}
		jsonTypes.Unlock()
	}
	return t, nil
}

// typeParser reads the JSON form of a type as tftypes.ParseJSONType does,
// without reflection: a primitive name, ["list"|"set"|"map", T],
// ["object", {name: T, ...}] or ["tuple", [T, ...]]. Whatever else it meets
// (an escaped name, optional attributes, extra elements) is left to
// tftypes.ParseJSONType. The same JSON text of a resource's type, with a
// different address as its key, arrives for every workload's evidence, so
// the text cache alone does not serve it.
type typeParser struct {
	b   []byte
	off int
}

func (p *typeParser) space() {
	for p.off < len(p.b) && (p.b[p.off] == ' ' || p.b[p.off] == '\t' || p.b[p.off] == '\n' || p.b[p.off] == '\r') {
		p.off++
	}
}

// end reports whether only space is left.
func (p *typeParser) end() bool {
	p.space()
	return p.off == len(p.b)
}

// expect consumes c, after space.
func (p *typeParser) expect(c byte) bool {
	p.space()
	if p.off < len(p.b) && p.b[p.off] == c {
		p.off++
		return true
	}
	return false
}

// name reads a JSON string without escapes, of valid UTF-8.
func (p *typeParser) name() (string, error) {
	if !p.expect('"') {
		return "", errTypeJSON
	}
	start := p.off
	for p.off < len(p.b) {
		switch c := p.b[p.off]; {
		case c == '"':
			p.off++
			name := p.b[start : p.off-1]
			if !utf8.Valid(name) {
				return "", errTypeJSON // encoding/json replaces invalid bytes
			}
			return string(name), nil
		case c == '\\' || c < 0x20:
			return "", errTypeJSON
		}
		p.off++
	}
	return "", errTypeJSON
}

func (p *typeParser) typ() (tftypes.Type, error) {
	if p.expect('[') {
		return p.complex()
	}
	name, err := p.name()
	if err != nil {
		return nil, err
	}
	switch name {
	case "bool":
		return tftypes.Bool, nil
	case "number":
		return tftypes.Number, nil
	case "string":
		return tftypes.String, nil
	case "dynamic":
		return tftypes.DynamicPseudoType, nil
	}
	return nil, errTypeJSON
}

// complex reads what follows the '[' of a complex type.
func (p *typeParser) complex() (tftypes.Type, error) {
	kind, err := p.name()
	if err != nil || !p.expect(',') {
		return nil, errTypeJSON
	}
	var t tftypes.Type
	switch kind {
	case "list", "set", "map":
		elem, err := p.typ()
		if err != nil {
			return nil, err
		}
		switch kind {
		case "list":
			t = tftypes.List{ElementType: elem}
		case "set":
			t = tftypes.Set{ElementType: elem}
		default:
			t = tftypes.Map{ElementType: elem}
		}
	case "object":
		attrs, err := p.attributes()
		if err != nil {
			return nil, err
		}
		t = tftypes.Object{AttributeTypes: attrs, OptionalAttributes: map[string]struct{}{}}
	case "tuple":
		elems, err := p.elements()
		if err != nil {
			return nil, err
		}
		t = tftypes.Tuple{ElementTypes: elems}
	default:
		return nil, errTypeJSON
	}
	if !p.expect(']') {
		return nil, errTypeJSON
	}
	return t, nil
}

func (p *typeParser) attributes() (map[string]tftypes.Type, error) {
	if !p.expect('{') {
		return nil, errTypeJSON
	}
	attrs := map[string]tftypes.Type{}
	if p.expect('}') {
		return attrs, nil
	}
	for {
		name, err := p.name()
		if err != nil || !p.expect(':') {
			return nil, errTypeJSON
		}
		if _, dup := attrs[name]; dup {
			return nil, errTypeJSON
		}
		if attrs[name], err = p.typ(); err != nil {
			return nil, err
		}
		if p.expect('}') {
			return attrs, nil
		}
		if !p.expect(',') {
			return nil, errTypeJSON
		}
	}
}

func (p *typeParser) elements() ([]tftypes.Type, error) {
	if !p.expect('[') {
		return nil, errTypeJSON
	}
	elems := []tftypes.Type{}
	if p.expect(']') {
		return elems, nil
	}
	for {
		t, err := p.typ()
		if err != nil {
			return nil, err
		}
		elems = append(elems, t)
		if p.expect(']') {
			return elems, nil
		}
		if !p.expect(',') {
			return nil, errTypeJSON
		}
	}
}

var (
	errTypeJSON  = errors.New("unexpected type JSON")
	errMsgPack   = errors.New("unexpected msgpack encoding")
	errTruncated = errors.New("invalid msgpack value: a length exceeds the data that follows it")
)

// msgpackReader reads the msgpack subset Terraform's values use, following
// tftypes' decoder step by step (value_msgpack.go in terraform-plugin-go).
type msgpackReader struct {
	b   []byte
	off int
	// spans, when set, receives the encoding of each attribute of the
	// first object read: the top-level value's.
	spans map[string][]byte
}

func (d *msgpackReader) peek() (byte, error) {
	if d.off >= len(d.b) {
		return 0, errMsgPack
	}
	return d.b[d.off], nil
}

func (d *msgpackReader) next(n int) ([]byte, error) {
	if n < 0 || len(d.b)-d.off < n {
		return nil, errMsgPack
	}
	out := d.b[d.off : d.off+n]
	d.off += n
	return out, nil
}

// uint reads a big-endian unsigned integer of n bytes.
func (d *msgpackReader) uint(n int) (uint64, error) {
	b, err := d.next(n)
	if err != nil {
		return 0, err
	}
	switch n {
	case 1:
		return uint64(b[0]), nil
	case 2:
		return uint64(binary.BigEndian.Uint16(b)), nil
	case 4:
		return uint64(binary.BigEndian.Uint32(b)), nil
	}
	return binary.BigEndian.Uint64(b), nil
}

// length reads the length that follows a str, bin, array or map code of
// 1, 2 or 4 bytes.
func (d *msgpackReader) length(n int) (int, error) {
	l, err := d.uint(n)
	if err != nil {
		return 0, err
	}
	// Every element takes at least one byte.
	if l > uint64(len(d.b)-d.off) {
		return 0, errTruncated
	}
	return int(l), nil
}

// isExt reports whether c starts an extension, which Terraform uses only
// for unknown values.
func isExt(c byte) bool { return (c >= 0xd4 && c <= 0xd8) || (c >= 0xc7 && c <= 0xc9) }

func (d *msgpackReader) skipExt() error {
	c := d.b[d.off]
	d.off++
	var n int
	switch c {
	case 0xd4, 0xd5, 0xd6, 0xd7, 0xd8:
		n = 1 << (c - 0xd4)
	default:
		l, err := d.length(1 << (c - 0xc7))
		if err != nil {
			return err
		}
		n = l
	}
	_, err := d.next(n + 1) // the extension's type byte, then its data
	return err
}

// str reads a str or bin value, as msgpack's DecodeString and DecodeBytes
// accept both.
func (d *msgpackReader) str() ([]byte, error) {
	c, err := d.peek()
	if err != nil {
		return nil, err
	}
	d.off++
	var n int
	switch {
	case c >= 0xa0 && c <= 0xbf:
		n = int(c & 0x1f)
	case c == 0xd9 || c == 0xc4:
		n, err = d.length(1)
	case c == 0xda || c == 0xc5:
		n, err = d.length(2)
	case c == 0xdb || c == 0xc6:
		n, err = d.length(4)
	default:
		return nil, errMsgPack
	}
	if err != nil {
		return nil, err
	}
	return d.next(n)
}

// arrayLen reads an array header; -1 for nil.
func (d *msgpackReader) arrayLen() (int, error) {
	return d.header(0x90, 0xdc)
}

// mapLen reads a map header; -1 for nil.
func (d *msgpackReader) mapLen() (int, error) {
	return d.header(0x80, 0xde)
}

// header reads an array or map header: fix is the fixarray or fixmap code,
// wide the 16-bit code (the 32-bit one follows it).
func (d *msgpackReader) header(fix, wide byte) (int, error) {
	c, err := d.peek()
	if err != nil {
		return 0, err
	}
	d.off++
	switch {
	case c == 0xc0:
		return -1, nil
	case c >= fix && c <= fix+0x0f:
		return int(c - fix), nil
	case c == wide:
		return d.length(2)
	case c == wide+1:
		return d.length(4)
	}
	return 0, errMsgPack
}

func (d *msgpackReader) value(typ tftypes.Type) (tftypes.Value, error) {
	c, err := d.peek()
	if err != nil {
		return tftypes.Value{}, err
	}
	if isExt(c) {
		if err := d.skipExt(); err != nil {
			return tftypes.Value{}, err
		}
		return tftypes.NewValue(typ, tftypes.UnknownValue), nil
	}
	if typ.Is(tftypes.DynamicPseudoType) {
		return d.dynamic()
	}
	if c == 0xc0 {
		d.off++
		return tftypes.NewValue(typ, nil), nil
	}
	switch t := typ.(type) {
	case tftypes.Object:
		return d.object(t)
	case tftypes.List:
		return d.list(t.ElementType)
	case tftypes.Set:
		return d.set(t.ElementType)
	case tftypes.Map:
		return d.mapValue(t.ElementType)
	case tftypes.Tuple:
		return d.tuple(t.ElementTypes)
	}
	switch {
	case typ.Is(tftypes.String):
		s, err := d.str()
		if err != nil {
			return tftypes.Value{}, err
		}
		return tftypes.NewValue(tftypes.String, string(s)), nil
	case typ.Is(tftypes.Bool):
		d.off++
		switch c {
		case 0xc2:
			return tftypes.NewValue(tftypes.Bool, false), nil
		case 0xc3:
			return tftypes.NewValue(tftypes.Bool, true), nil
		}
		return tftypes.Value{}, errMsgPack
	case typ.Is(tftypes.Number):
		n, err := d.number(c)
		if err != nil {
			return tftypes.Value{}, err
		}
		return tftypes.NewValue(tftypes.Number, n), nil
	}
	return tftypes.Value{}, errMsgPack
}

// number reads a number as tftypes does: integers exactly, floats as
// float64, and anything else as decimal text at 512 bits.
func (d *msgpackReader) number(c byte) (*big.Float, error) {
	switch {
	case c <= 0x7f:
		d.off++
		return new(big.Float).SetInt64(int64(c)), nil
	case c >= 0xe0:
		d.off++
		return new(big.Float).SetInt64(int64(int8(c))), nil
	case c >= 0xcc && c <= 0xcf: // uint 8, 16, 32, 64
		d.off++
		u, err := d.uint(1 << (c - 0xcc))
		if err != nil {
			return nil, err
		}
		return new(big.Float).SetUint64(u), nil
	case c >= 0xd0 && c <= 0xd3: // int 8, 16, 32, 64
		d.off++
		n := 1 << (c - 0xd0)
		u, err := d.uint(n)
		if err != nil {
			return nil, err
		}
		// Sign-extend from n bytes.
		shift := 64 - 8*n
		return new(big.Float).SetInt64(int64(u<<shift) >> shift), nil
	case c == 0xca:
		d.off++
		u, err := d.uint(4)
		if err != nil {
			return nil, err
		}
		return big.NewFloat(float64(math.Float32frombits(uint32(u)))), nil
	case c == 0xcb:
		d.off++
		u, err := d.uint(8)
		if err != nil {
			return nil, err
		}
		return big.NewFloat(math.Float64frombits(u)), nil
	}
	s, err := d.str()
	if err != nil {
		return nil, err
	}
	f, _, err := big.ParseFloat(string(s), 10, 512, big.ToNearestEven)
	return f, err
}

func (d *msgpackReader) dynamic() (tftypes.Value, error) {
	n, err := d.arrayLen()
	switch {
	case err != nil:
		return tftypes.Value{}, err
	case n == -1:
		return tftypes.NewValue(tftypes.DynamicPseudoType, nil), nil
	case n != 2:
		return tftypes.Value{}, errMsgPack
	}
	raw, err := d.str()
	if err != nil {
		return tftypes.Value{}, err
	}
	typ, err := parseJSONType(raw)
	if err != nil {
		return tftypes.Value{}, err
	}
	return d.value(typ)
}

func (d *msgpackReader) object(t tftypes.Object) (tftypes.Value, error) {
	attrs := t.AttributeTypes
	if attrs == nil {
		attrs = map[string]tftypes.Type{} // an object with no attributes
	}
	spans := d.spans
	d.spans = nil
	vals, err := d.entries(attrs, nil, spans)
	if err != nil {
		return tftypes.Value{}, err
	}
	return tftypes.NewValue(tftypes.Object{AttributeTypes: t.AttributeTypes}, vals), nil
}

func (d *msgpackReader) mapValue(elem tftypes.Type) (tftypes.Value, error) {
	vals, err := d.entries(nil, elem, nil)
	if err != nil {
		return tftypes.Value{}, err
	}
	return tftypes.NewValue(tftypes.Map{ElementType: elem}, vals), nil
}

// entries reads a map: an object's, with exactly the attributes attrs
// names, or a map's, every value of type elem. With spans, it records
// each value's encoding there.
func (d *msgpackReader) entries(attrs map[string]tftypes.Type, elem tftypes.Type, spans map[string][]byte) (map[string]tftypes.Value, error) {
	n, err := d.mapLen()
	if err != nil {
		return nil, err
	}
	if n < 0 || (attrs != nil && n != len(attrs)) {
		return nil, errMsgPack
	}
	vals := make(map[string]tftypes.Value, n)
	for range n {
		key, err := d.str()
		if err != nil {
			return nil, err
		}
		typ := elem
		if attrs != nil {
			var ok bool
			if typ, ok = attrs[string(key)]; !ok {
				return nil, errMsgPack
			}
		}
		start := d.off
		v, err := d.value(typ)
		if err != nil {
			return nil, err
		}
		vals[string(key)] = v
		if spans != nil {
			spans[string(key)] = d.b[start:d.off:d.off]
		}
	}
	return vals, nil
}

func (d *msgpackReader) elements(elem tftypes.Type) ([]tftypes.Value, error) {
	n, err := d.arrayLen()
	if err != nil {
		return nil, err
	}
	if n < 0 {
		return nil, errMsgPack
	}
	vals := make([]tftypes.Value, 0, n)
	for range n {
		v, err := d.value(elem)
		if err != nil {
			return nil, err
		}
		vals = append(vals, v)
	}
	return vals, nil
}

func (d *msgpackReader) list(elem tftypes.Type) (tftypes.Value, error) {
	vals, err := d.elements(elem)
	if err != nil {
		return tftypes.Value{}, err
	}
	if len(vals) > 0 && elem.Is(tftypes.DynamicPseudoType) {
		if elem, err = tftypes.TypeFromElements(vals); err != nil {
			return tftypes.Value{}, err
		}
	}
	return tftypes.NewValue(tftypes.List{ElementType: elem}, vals), nil
}

func (d *msgpackReader) set(elem tftypes.Type) (tftypes.Value, error) {
	vals, err := d.elements(elem)
	if err != nil {
		return tftypes.Value{}, err
	}
	if len(vals) > 0 {
		if elem, err = tftypes.TypeFromElements(vals); err != nil {
			return tftypes.Value{}, err
		}
	}
	return tftypes.NewValue(tftypes.Set{ElementType: elem}, vals), nil
}

func (d *msgpackReader) tuple(types []tftypes.Type) (tftypes.Value, error) {
	n, err := d.arrayLen()
	if err != nil {
		return tftypes.Value{}, err
	}
	if n != len(types) {
		return tftypes.Value{}, errMsgPack
	}
	vals := make([]tftypes.Value, 0, n)
	for _, t := range types {
		v, err := d.value(t)
		if err != nil {
			return tftypes.Value{}, err
		}
		vals = append(vals, v)
	}
	return tftypes.NewValue(tftypes.Tuple{ElementTypes: types}, vals), nil
}
