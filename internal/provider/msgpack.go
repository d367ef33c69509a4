package provider

import (
	"encoding/binary"
	"errors"
	"math"
	"math/big"
	"sync"

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
func decodeValue(dv *tfprotov6.DynamicValue, typ tftypes.Type) (tftypes.Value, error) {
	if dv.JSON == nil && dv.MsgPack != nil {
		v, err := decodeMsgPack(dv.MsgPack, typ)
		if err == nil || errors.Is(err, errTruncated) {
			return v, err
		}
	}
	return dv.Unmarshal(typ)
}

// decodeMsgPack decodes data as a value of typ.
func decodeMsgPack(data []byte, typ tftypes.Type) (v tftypes.Value, err error) {
	defer func() {
		// tftypes.NewValue panics on a value that does not fit its type;
		// DynamicValue.Unmarshal then gives the answer.
		if recover() != nil {
			err = errMsgPack
		}
	}()
	d := msgpackReader{b: data}
	return d.value(typ)
}

// jsonTypes holds parsed dynamic types by their JSON text. It is bounded:
// types come from configuration, and a configuration has few.
var jsonTypes = struct {
	sync.RWMutex
	m map[string]tftypes.Type
}{m: map[string]tftypes.Type{}}

const maxJSONTypes = 4096

func parseJSONType(b []byte) (tftypes.Type, error) {
	jsonTypes.RLock()
	t, ok := jsonTypes.m[string(b)]
	jsonTypes.RUnlock()
	if ok {
		return t, nil
	}
	t, err := tftypes.ParseJSONType(b) //nolint:staticcheck // the protocol's encoding of a dynamic value's type
	if err != nil {
		return nil, err
	}
	jsonTypes.Lock()
	if len(jsonTypes.m) < maxJSONTypes {
		jsonTypes.m[string(b)] = t
	}
	jsonTypes.Unlock()
	return t, nil
}

var (
	errMsgPack   = errors.New("unexpected msgpack encoding")
	errTruncated = errors.New("invalid msgpack value: a length exceeds the data that follows it")
)

// msgpackReader reads the msgpack subset Terraform's values use, following
// tftypes' decoder step by step (value_msgpack.go in terraform-plugin-go).
type msgpackReader struct {
	b   []byte
	off int
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
	vals, err := d.entries(attrs, nil)
	if err != nil {
		return tftypes.Value{}, err
	}
	return tftypes.NewValue(tftypes.Object{AttributeTypes: t.AttributeTypes}, vals), nil
}

func (d *msgpackReader) mapValue(elem tftypes.Type) (tftypes.Value, error) {
	vals, err := d.entries(nil, elem)
	if err != nil {
		return tftypes.Value{}, err
	}
	return tftypes.NewValue(tftypes.Map{ElementType: elem}, vals), nil
}

// entries reads a map: an object's, with exactly the attributes attrs
// names, or a map's, every value of type elem.
func (d *msgpackReader) entries(attrs map[string]tftypes.Type, elem tftypes.Type) (map[string]tftypes.Value, error) {
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
		v, err := d.value(typ)
		if err != nil {
			return nil, err
		}
		vals[string(key)] = v
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
