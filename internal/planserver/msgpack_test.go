package planserver

import (
	"errors"
	"math/big"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// randomType draws a type of at most depth levels of nesting; a dynamic
// position holds a value of any concrete type, as in srm_workload's groups.
func randomType(r *rand.Rand, depth int) tftypes.Type {
	k := r.IntN(9)
	if depth == 0 {
		k = r.IntN(4)
	}
	switch k {
	case 0:
		return tftypes.String
	case 1:
		return tftypes.Number
	case 2:
		return tftypes.Bool
	case 3:
		return tftypes.DynamicPseudoType
	case 4:
		return tftypes.List{ElementType: concrete(r, depth-1)}
	case 5:
		return tftypes.Set{ElementType: concrete(r, depth-1)}
	case 6:
		return tftypes.Map{ElementType: concrete(r, depth-1)}
	case 7:
		types := make([]tftypes.Type, r.IntN(3))
		for i := range types {
			types[i] = randomType(r, depth-1)
		}
		return tftypes.Tuple{ElementTypes: types}
	}
	attrs := map[string]tftypes.Type{}
	for i := range r.IntN(4) {
		attrs["a"+strconv.Itoa(i)] = randomType(r, depth-1)
	}
	return tftypes.Object{AttributeTypes: attrs}
}

// concrete draws a type with no dynamic part: the elements of a list, set
// or map share one type.
func concrete(r *rand.Rand, depth int) tftypes.Type {
	for {
		if t := randomType(r, depth); !hasDynamic(t) {
			return t
		}
	}
}

func hasDynamic(t tftypes.Type) bool {
	switch t := t.(type) {
	case tftypes.List:
		return hasDynamic(t.ElementType)
	case tftypes.Set:
		return hasDynamic(t.ElementType)
	case tftypes.Map:
		return hasDynamic(t.ElementType)
	case tftypes.Tuple:
		for _, e := range t.ElementTypes {
			if hasDynamic(e) {
				return true
			}
		}
	case tftypes.Object:
		for _, e := range t.AttributeTypes {
			if hasDynamic(e) {
				return true
			}
		}
	}
	return t.Is(tftypes.DynamicPseudoType)
}

var sampleNumbers = []*big.Float{
	big.NewFloat(0), big.NewFloat(7), big.NewFloat(-3), big.NewFloat(-200), big.NewFloat(300), big.NewFloat(70000),
	big.NewFloat(-70000), big.NewFloat(5e9), big.NewFloat(-5e9), big.NewFloat(1.5), big.NewFloat(-0.25),
	new(big.Float).SetUint64(1 << 63), new(big.Float).SetInt64(-1 << 63),
	func() *big.Float {
		f, _, _ := big.ParseFloat("123456789012345678901234567890.5", 10, 512, big.ToNearestEven)
		return f
	}(),
}

// randomValue draws a value of typ: null, unknown or known.
func randomValue(r *rand.Rand, typ tftypes.Type) tftypes.Value {
	switch r.IntN(10) {
	case 0:
		return tftypes.NewValue(typ, nil)
	case 1:
		return tftypes.NewValue(typ, tftypes.UnknownValue)
	}
	switch t := typ.(type) {
	case tftypes.List:
		vals := make([]tftypes.Value, r.IntN(3))
		for i := range vals {
			vals[i] = randomValue(r, t.ElementType)
		}
		return tftypes.NewValue(t, vals)
	case tftypes.Set:
		vals := []tftypes.Value{}
		for range r.IntN(3) {
			v := randomValue(r, t.ElementType)
			if v.IsKnown() && !v.IsNull() && !containsValue(vals, v) {
				vals = append(vals, v)
			}
		}
		return tftypes.NewValue(t, vals)
	case tftypes.Map:
		vals := map[string]tftypes.Value{}
		for i := range r.IntN(3) {
			vals["k"+strconv.Itoa(i)] = randomValue(r, t.ElementType)
		}
		return tftypes.NewValue(t, vals)
	case tftypes.Tuple:
		vals := make([]tftypes.Value, len(t.ElementTypes))
		types := make([]tftypes.Type, len(t.ElementTypes))
		for i, e := range t.ElementTypes {
			vals[i] = randomValue(r, e)
			types[i] = vals[i].Type()
		}
		return tftypes.NewValue(tftypes.Tuple{ElementTypes: types}, vals)
	case tftypes.Object:
		vals := map[string]tftypes.Value{}
		types := map[string]tftypes.Type{}
		for name, e := range t.AttributeTypes {
			vals[name] = randomValue(r, e)
			types[name] = vals[name].Type()
		}
		return tftypes.NewValue(tftypes.Object{AttributeTypes: types}, vals)
	}
	switch {
	case typ.Is(tftypes.String):
		return tftypes.NewValue(typ, []string{"", "x", "a string longer than thirty-one bytes, so str8"}[r.IntN(3)])
	case typ.Is(tftypes.Number):
		return tftypes.NewValue(typ, sampleNumbers[r.IntN(len(sampleNumbers))])
	case typ.Is(tftypes.Bool):
		return tftypes.NewValue(typ, r.IntN(2) == 0)
	}
	// A dynamic position: a value of a concrete type.
	return randomValue(r, randomType(r, 2))
}

func containsValue(vals []tftypes.Value, v tftypes.Value) bool {
	for _, o := range vals {
		if o.Equal(v) {
			return true
		}
	}
	return false
}

// tftypesDecode is terraform-plugin-go's own decoding; ok is false when it
// fails or panics.
func tftypesDecode(data []byte, typ tftypes.Type) (v tftypes.Value, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	v, err := (&tfprotov6.DynamicValue{MsgPack: data}).Unmarshal(typ)
	return v, err == nil
}

func sameDecoding(t *testing.T, data []byte, typ tftypes.Type) {
	t.Helper()
	got, err := decodeMsgPack(data, typ, nil)
	switch {
	case errors.Is(err, errTruncated):
		// Refused outright: tftypes would first allocate the length.
		return
	case err != nil:
		if _, ok := tftypesDecode(data, typ); ok {
			t.Errorf("decodeMsgPack refused what tftypes decodes (so it falls back): type %s, data %x", typ, data)
		}
		return
	}
	want, ok := tftypesDecode(data, typ)
	switch {
	case !ok:
		t.Errorf("decodeMsgPack accepted what tftypes refuses: type %s, data %x, got %s", typ, data, got)
	case !got.Equal(want) || !got.Type().Equal(want.Type()):
		t.Errorf("type %s, data %x:\n got  %s (%s)\n want %s (%s)", typ, data, got, got.Type(), want, want.Type())
	}
}

func TestDecodeValueMatchesTftypes(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		typ := randomType(r, 3)
		v := randomValue(r, typ)
		dv, err := tfprotov6.NewDynamicValue(typ, v)
		if err != nil {
			t.Fatalf("encoding %s as %s: %v", v, typ, err)
		}
		sameDecoding(t, dv.MsgPack, typ)
		// Every value tftypes encodes, the fast decoder reads itself.
		if _, err := decodeMsgPack(dv.MsgPack, typ, nil); err != nil {
			t.Fatalf("decodeMsgPack refused %s encoded as %s by tftypes: %v", v, typ, err)
		}
	}
	// The wide headers: strings past 31, 255 and 65,535 bytes, lists past
	// 15 and 65,535 elements, objects past 15 attributes.
	wide := map[string]tftypes.Value{}
	for _, n := range []int{32, 256, 70000} {
		wide["s"+strconv.Itoa(n)] = tftypes.NewValue(tftypes.String, strings.Repeat("x", n))
	}
	for _, n := range []int{16, 70000} {
		vals := make([]tftypes.Value, n)
		for i := range vals {
			vals[i] = tftypes.NewValue(tftypes.Bool, i%2 == 0)
		}
		wide["l"+strconv.Itoa(n)] = tftypes.NewValue(tftypes.List{ElementType: tftypes.Bool}, vals)
	}
	for i := range 12 {
		wide["n"+strconv.Itoa(i)] = tftypes.NewValue(tftypes.Number, sampleNumbers[i])
	}
	wideTypes := map[string]tftypes.Type{}
	for name, v := range wide {
		wideTypes[name] = v.Type()
	}
	for _, typ := range []tftypes.Type{tftypes.Object{AttributeTypes: wideTypes}, tftypes.DynamicPseudoType} {
		dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(tftypes.Object{AttributeTypes: wideTypes}, wide))
		if err != nil {
			t.Fatal(err)
		}
		sameDecoding(t, dv.MsgPack, typ)
		if _, err := decodeMsgPack(dv.MsgPack, typ, nil); err != nil {
			t.Errorf("decodeMsgPack refused the wide object as %s: %v", typ, err)
		}
	}
	// A resource as Terraform sends srm_workload, groups and evidence
	// dynamic.
	typ := workloadLikeType
	attrs := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		attrs[name] = tftypes.NewValue(at, nil)
	}
	attrs["name"] = tftypes.NewValue(tftypes.String, "api")
	attrs["encryption"] = tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{"at_rest": tftypes.Bool, "kms_key_id": tftypes.String}},
		map[string]tftypes.Value{"at_rest": tftypes.NewValue(tftypes.Bool, true), "kms_key_id": tftypes.NewValue(tftypes.String, tftypes.UnknownValue)})
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, attrs))
	if err != nil {
		t.Fatal(err)
	}
	sameDecoding(t, dv.MsgPack, typ)
	// Each top-level attribute's recorded encoding is that attribute alone,
	// and copying them all back gives the value again.
	spans := map[string][]byte{}
	whole, err := decodeValue(&dv, typ, spans)
	if err != nil || len(spans) != len(typ.AttributeTypes) {
		t.Fatalf("decodeValue with spans: %v, %d spans for %d attributes", err, len(spans), len(typ.AttributeTypes))
	}
	for name, raw := range spans {
		if v, ok := tftypesDecode(raw, typ.AttributeTypes[name]); !ok || !v.Equal(attrs[name]) {
			t.Errorf("span of %s decodes to %s, want %s", name, v, attrs[name])
		}
	}
	again, err := encodeObject(typ, whole, spans, map[string]bool{"name": true, "encryption": true, "evidence": true})
	if got, ok := tftypesDecode(again.MsgPack, typ); err != nil || !ok || !got.Equal(whole) {
		t.Errorf("encodeObject(decoded) = %s, %v; want %s", got, err, whole)
	}
}

// FuzzDecodeValue: on any bytes, decodeMsgPack either refuses (and the
// caller falls back to tftypes) or returns exactly what tftypes returns.
func FuzzDecodeValue(f *testing.F) {
	r := rand.New(rand.NewPCG(3, 4))
	types := []tftypes.Type{workloadLikeType, tftypes.DynamicPseudoType}
	for range 20 {
		types = append(types, randomType(r, 3))
	}
	for i, typ := range types {
		dv, err := tfprotov6.NewDynamicValue(typ, randomValue(r, typ))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(i), dv.MsgPack)
	}
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		sameDecoding(t, data, types[int(which)%len(types)])
	})
}

// sameTypeParse checks typeParser against tftypes.ParseJSONType on text: it
// either refuses (and parseJSONType asks tftypes) or reads the same type.
func sameTypeParse(t *testing.T, text []byte) {
	t.Helper()
	p := typeParser{b: text}
	got, err := p.typ()
	if err != nil || !p.end() {
		return
	}
	want, err := tftypes.ParseJSONType(text) //nolint:staticcheck // the reference
	switch {
	case err != nil:
		t.Errorf("typeParser read %q as %s; tftypes refuses it: %v", text, got, err)
	case !got.Equal(want):
		t.Errorf("typeParser read %q as %s; tftypes reads %s", text, got, want)
	}
}

func TestTypeParserMatchesTftypes(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(5, 6))
	for range 3000 {
		typ := randomType(r, 4)
		text, err := typ.MarshalJSON() //nolint:staticcheck // the protocol's type JSON, as tftypes writes it
		if err != nil {
			t.Fatal(err)
		}
		p := typeParser{b: text}
		if _, err := p.typ(); err != nil || !p.end() {
			t.Fatalf("typeParser refused %s as tftypes writes it", text)
		}
		sameTypeParse(t, text)
	}
	for _, text := range []string{
		` [ "object" , { "a b" : "string" , "c" : [ "list" , "number" ] } ] `,
		`["object",{}]`, `["tuple",[]]`, `["map",["set","bool"]]`, `"dynamic"`,
	} {
		sameTypeParse(t, []byte(text))
		if _, err := parseJSONType([]byte(text)); err != nil {
			t.Errorf("parseJSONType(%s): %v", text, err)
		}
	}
	// Left to tftypes: escapes, optional attributes, trailing text; each
	// still parses, or fails, as tftypes says.
	for text, ok := range map[string]bool{
		`["object",{"a\"b":"string"}]`:    true,
		`["object",{"a":"string"},["a"]]`: true,
		`"string" "number"`:               false,
		`["list"]`:                        false,
		`"text"`:                          false,
	} {
		p := typeParser{b: []byte(text)}
		if _, err := p.typ(); err == nil && p.end() {
			t.Errorf("typeParser read %s itself; it should leave it to tftypes", text)
		}
		_, err := parseJSONType([]byte(text))
		_, want := tftypes.ParseJSONType([]byte(text)) //nolint:staticcheck // the reference
		if (err == nil) != ok || (want == nil) != ok {
			t.Errorf("parseJSONType(%s) error %v, tftypes %v; want ok = %v", text, err, want, ok)
		}
	}
}

func FuzzTypeParser(f *testing.F) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 20 {
		text, err := randomType(r, 3).MarshalJSON() //nolint:staticcheck // as above
		if err != nil {
			f.Fatal(err)
		}
		f.Add(text)
	}
	f.Fuzz(sameTypeParse)
}

// workloadLikeType has the shape of srm_workload's object type: strings,
// dynamic control groups and evidence, a list of objects, computed results.
var workloadLikeType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
	"id": tftypes.String, "name": tftypes.String, "baseline": tftypes.String,
	"encryption": tftypes.DynamicPseudoType, "evidence": tftypes.DynamicPseudoType,
	"exceptions": tftypes.List{ElementType: tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"control": tftypes.String, "expires": tftypes.String}}},
	"required_controls": tftypes.List{ElementType: tftypes.String},
	"compliant":         tftypes.Bool,
}}
