package evidence

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/shared-responsibility/terraform-provider-srm/internal/detect"
)

// Address is an evidence key read as a Terraform resource address:
// module.NAME[KEY]... then an optional data., TYPE.NAME, then an optional
// instance key ([0] or ["key"]).
type Address struct {
	Modules []addrPart
	Data    bool
	Type    string
	Res     addrPart
}

// addrPart is a name with an optional instance key.
type addrPart struct {
	Name string
	// Key is the instance key as written: "" for none, "0" for a count
	// index, or a string key (unquoted); IsIndex tells the two apart.
	Key     string
	HasKey  bool
	IsIndex bool
}

// ParseAddress reads an evidence key. Names follow HCL identifiers
// (letters of any script, digits, underscores and dashes, not starting with
// a digit or dash); string instance keys may hold any character, escaped
// as in HCL ("a\"]b").
func ParseAddress(key string) (Address, error) {
	p := addrParser{s: strings.TrimSpace(key)}
	var a Address
	for {
		name, ok := p.ident()
		if !ok {
			return Address{}, errNotAddress
		}
		if name == "module" && p.peek('.') {
			p.pos++
			part, ok := p.part()
			if !ok || !p.peek('.') {
				return Address{}, errNotAddress
			}
			p.pos++
			a.Modules = append(a.Modules, part)
			continue
		}
		if name == "data" && !a.Data && p.peek('.') {
			// "data.TYPE.NAME"; a resource type named data has no second dot.
			save := p.pos
			p.pos++
			if t, ok := p.ident(); ok && p.peek('.') {
				a.Data, name = true, t
			} else {
				p.pos = save
			}
		}
		if !isTypeName(name) || !p.peek('.') {
			return Address{}, errNotAddress
		}
		p.pos++
		a.Type = name
		part, ok := p.part()
		if !ok || p.pos != len(p.s) {
			return Address{}, errNotAddress
		}
		a.Res = part
		return a, nil
	}
}

var errNotAddress = fmt.Errorf("evidence keys are resource addresses such as \"aws_db_instance.orders\", " +
	"\"aws_security_group.db[\\\"a\\\"]\" or \"module.db.aws_db_instance.this[0]\"; the resource type is read from the key")

// TypeOf returns the resource type of an evidence key such as
// "aws_db_instance.orders", "module.db.aws_db_instance.this[0]" or
// `aws_s3_bucket.logs["eu"]`.
func TypeOf(address string) (string, error) {
	a, err := ParseAddress(address)
	return a.Type, err
}

func isTypeName(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || ('a' <= c && c <= 'z') || ('0' <= c && c <= '9')) {
			return false
		}
	}
	return true
}

type addrParser struct {
	s   string
	pos int
}

func (p *addrParser) peek(c byte) bool { return p.pos < len(p.s) && p.s[p.pos] == c }

// ident reads an HCL identifier.
func (p *addrParser) ident() (string, bool) {
	start := p.pos
	for i, r := range p.s[p.pos:] {
		ok := unicode.IsLetter(r) || r == '_' || (i > 0 && (unicode.IsDigit(r) || r == '-' || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)))
		if !ok {
			p.pos = start + i
			return p.s[start:p.pos], p.pos > start
		}
	}
	p.pos = len(p.s)
	return p.s[start:], p.pos > start
}

// part reads NAME with an optional [N] or ["key"].
func (p *addrParser) part() (addrPart, bool) {
	name, ok := p.ident()
	if !ok {
		return addrPart{}, false
	}
	part := addrPart{Name: name}
	if !p.peek('[') {
		return part, true
	}
	p.pos++
	part.HasKey = true
	if p.peek('"') {
		// A quoted key: find the closing quote that is not escaped.
		end := p.pos + 1
		for end < len(p.s) && p.s[end] != '"' {
			if p.s[end] == '\\' {
				end++
			}
			end++
		}
		if end >= len(p.s) {
			return addrPart{}, false
		}
		k, err := strconv.Unquote(p.s[p.pos : end+1])
		if err != nil {
			return addrPart{}, false
		}
		part.Key = k
		p.pos = end + 1
	} else {
		start := p.pos
		for p.pos < len(p.s) && '0' <= p.s[p.pos] && p.s[p.pos] <= '9' {
			p.pos++
		}
		if p.pos == start {
			return addrPart{}, false
		}
		part.Key, part.IsIndex = p.s[start:p.pos], true
	}
	if !p.peek(']') {
		return addrPart{}, false
	}
	p.pos++
	return part, true
}

// String renders the address with every string instance key cut to four
// characters: an instance key may be built from any value, a secret
// included, so messages and findings never hold more of it.
func (a Address) String() string {
	var b strings.Builder
	for _, m := range a.Modules {
		b.WriteString("module.")
		m.write(&b)
		b.WriteByte('.')
	}
	if a.Data {
		b.WriteString("data.")
	}
	b.WriteString(a.Type + ".")
	a.Res.write(&b)
	return b.String()
}

func (p addrPart) write(b *strings.Builder) {
	b.WriteString(p.Name)
	switch {
	case !p.HasKey:
	case p.IsIndex:
		b.WriteString("[" + p.Key + "]")
	default:
		b.WriteString("[" + detect.QuoteInput(p.Key) + "]")
	}
}

// instance returns the address of one instance of a for_each (string key)
// or count (index) resource.
func (a Address) instance(key string, index bool) Address {
	a.Res = addrPart{Name: a.Res.Name, Key: key, HasKey: true, IsIndex: index}
	return a
}

// DescribeKey renders an evidence key for a message: the address with
// instance keys cut to four characters, or, for a key that is no address,
// at most its first four characters.
func DescribeKey(key string) string {
	a, err := ParseAddress(key)
	if err != nil {
		return "the key " + detect.QuoteInput(key) + " (not a resource address)"
	}
	return a.String()
}
