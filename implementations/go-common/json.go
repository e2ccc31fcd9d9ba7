// Package gocommon is what go-gin and go-fiber share: the contract's validation, messages, JSON
// bytes, SQL, tokens and clients, written once so that the two differ only in the framework.
package gocommon

import (
	"errors"
	"math"
	"sort"
	"strconv"
	"unicode/utf8"
)

// Kind is a JSON value's type, as JSON.parse makes it.
type Kind uint8

const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

// Value is a parsed JSON value. Objects keep JavaScript's key order (array indexes first,
// ascending, then the other keys in insertion order), since ajv's messages and JSON.stringify
// both follow it.
type Value struct {
	Kind Kind
	B    bool
	N    float64
	S    string
	A    []*Value
	O    *Obj
}

// Obj is a JSON object: its keys in insertion order and the last value given for each.
type Obj struct {
	keys []string
	vals map[string]*Value
}

func NewObj() *Obj { return &Obj{vals: map[string]*Value{}} }

func (o *Obj) Set(k string, v *Value) {
	if _, ok := o.vals[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.vals[k] = v
}

func (o *Obj) Get(k string) (*Value, bool) { v, ok := o.vals[k]; return v, ok }
func (o *Obj) Len() int                    { return len(o.keys) }

// Keys in JavaScript's order (OrdinaryOwnPropertyKeys).
func (o *Obj) Keys() []string {
	var idx []string
	var rest []string
	for _, k := range o.keys {
		if isArrayIndex(k) {
			idx = append(idx, k)
		} else {
			rest = append(rest, k)
		}
	}
	if len(idx) == 0 {
		return o.keys
	}
	sort.Slice(idx, func(i, j int) bool {
		a, _ := strconv.ParseUint(idx[i], 10, 64)
		b, _ := strconv.ParseUint(idx[j], 10, 64)
		return a < b
	})
	return append(idx, rest...)
}

func isArrayIndex(k string) bool {
	if k == "" || len(k) > 10 || (len(k) > 1 && k[0] == '0') {
		return false
	}
	n, err := strconv.ParseUint(k, 10, 64)
	return err == nil && n < 4294967295
}

var errInvalidJSON = errors.New("invalid JSON")

// ErrForbiddenProto is secure-json-parse's refusal (Fastify's onProtoPoisoning: 'error').
var ErrForbiddenProto = errors.New("Object contains forbidden prototype property")

// ParseJSON parses like JSON.parse of the body decoded as UTF-8 (invalid bytes become U+FFFD,
// a leading BOM is dropped as secure-json-parse does).
func ParseJSON(data []byte) (*Value, error) {
	if !utf8.Valid(data) {
		data = toValidUTF8(data)
	}
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		data = data[3:]
	}
	p := parser{d: data}
	p.ws()
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.ws()
	if p.i != len(p.d) {
		return nil, errInvalidJSON
	}
	if p.proto {
		return nil, ErrForbiddenProto
	}
	return v, nil
}

func toValidUTF8(b []byte) []byte {
	out := make([]byte, 0, len(b)+8)
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			out = append(out, "\uFFFD"...)
			b = b[1:]
			continue
		}
		out = append(out, b[:n]...)
		b = b[n:]
	}
	return out
}

type parser struct {
	d     []byte
	i     int
	proto bool
}

func (p *parser) ws() {
	for p.i < len(p.d) {
		switch p.d[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *parser) value(depth int) (*Value, error) {
	if depth > 10000 || p.i >= len(p.d) {
		return nil, errInvalidJSON
	}
	switch c := p.d[p.i]; {
	case c == '{':
		p.i++
		o := NewObj()
		p.ws()
		if p.i < len(p.d) && p.d[p.i] == '}' {
			p.i++
			return &Value{Kind: Object, O: o}, nil
		}
		for {
			p.ws()
			if p.i >= len(p.d) || p.d[p.i] != '"' {
				return nil, errInvalidJSON
			}
			k, err := p.str()
			if err != nil {
				return nil, err
			}
			p.ws()
			if p.i >= len(p.d) || p.d[p.i] != ':' {
				return nil, errInvalidJSON
			}
			p.i++
			p.ws()
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			if k == "__proto__" {
				p.proto = true
			}
			if k == "constructor" && v.Kind == Object {
				if _, ok := v.O.Get("prototype"); ok {
					p.proto = true
				}
			}
			o.Set(k, v)
			p.ws()
			if p.i >= len(p.d) {
				return nil, errInvalidJSON
			}
			if p.d[p.i] == ',' {
				p.i++
				continue
			}
			if p.d[p.i] == '}' {
				p.i++
				return &Value{Kind: Object, O: o}, nil
			}
			return nil, errInvalidJSON
		}
	case c == '[':
		p.i++
		a := []*Value{}
		p.ws()
		if p.i < len(p.d) && p.d[p.i] == ']' {
			p.i++
			return &Value{Kind: Array, A: a}, nil
		}
		for {
			p.ws()
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
			p.ws()
			if p.i >= len(p.d) {
				return nil, errInvalidJSON
			}
			if p.d[p.i] == ',' {
				p.i++
				continue
			}
			if p.d[p.i] == ']' {
				p.i++
				return &Value{Kind: Array, A: a}, nil
			}
			return nil, errInvalidJSON
		}
	case c == '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return &Value{Kind: String, S: s}, nil
	case c == 't':
		return p.lit("true", &Value{Kind: Bool, B: true})
	case c == 'f':
		return p.lit("false", &Value{Kind: Bool})
	case c == 'n':
		return p.lit("null", &Value{Kind: Null})
	case c == '-' || (c >= '0' && c <= '9'):
		return p.num()
	}
	return nil, errInvalidJSON
}

func (p *parser) lit(s string, v *Value) (*Value, error) {
	if len(p.d)-p.i >= len(s) && string(p.d[p.i:p.i+len(s)]) == s {
		p.i += len(s)
		return v, nil
	}
	return nil, errInvalidJSON
}

func digits(d []byte, i int) int {
	for i < len(d) && d[i] >= '0' && d[i] <= '9' {
		i++
	}
	return i
}

func (p *parser) num() (*Value, error) {
	start := p.i
	i := p.i
	if d := p.d; d[i] == '-' {
		i++
	}
	if i >= len(p.d) {
		return nil, errInvalidJSON
	}
	if p.d[i] == '0' {
		i++
	} else if p.d[i] >= '1' && p.d[i] <= '9' {
		i = digits(p.d, i)
	} else {
		return nil, errInvalidJSON
	}
	if i < len(p.d) && p.d[i] == '.' {
		j := digits(p.d, i+1)
		if j == i+1 {
			return nil, errInvalidJSON
		}
		i = j
	}
	if i < len(p.d) && (p.d[i] == 'e' || p.d[i] == 'E') {
		i++
		if i < len(p.d) && (p.d[i] == '+' || p.d[i] == '-') {
			i++
		}
		j := digits(p.d, i)
		if j == i {
			return nil, errInvalidJSON
		}
		i = j
	}
	f, err := strconv.ParseFloat(string(p.d[start:i]), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return nil, errInvalidJSON
	}
	p.i = i
	return &Value{Kind: Number, N: f}, nil
}

func hexv(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

func (p *parser) hex4(i int) (rune, bool) {
	if i+4 > len(p.d) {
		return 0, false
	}
	var r rune
	for k := 0; k < 4; k++ {
		h := hexv(p.d[i+k])
		if h < 0 {
			return 0, false
		}
		r = r<<4 | rune(h)
	}
	return r, true
}

// str reads a string; a lone surrogate is kept as its 3-byte WTF-8 form so that it can be
// written back escaped, as JSON.stringify does.
func (p *parser) str() (string, error) {
	p.i++
	start := p.i
	for p.i < len(p.d) {
		c := p.d[p.i]
		if c == '"' {
			s := string(p.d[start:p.i])
			p.i++
			return s, nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
		p.i++
	}
	buf := append([]byte(nil), p.d[start:p.i]...)
	for p.i < len(p.d) {
		c := p.d[p.i]
		switch {
		case c == '"':
			p.i++
			return string(buf), nil
		case c < 0x20:
			return "", errInvalidJSON
		case c == '\\':
			if p.i+1 >= len(p.d) {
				return "", errInvalidJSON
			}
			e := p.d[p.i+1]
			p.i += 2
			switch e {
			case '"', '\\', '/':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r, ok := p.hex4(p.i)
				if !ok {
					return "", errInvalidJSON
				}
				p.i += 4
				if r >= 0xD800 && r < 0xDC00 && p.i+6 <= len(p.d) && p.d[p.i] == '\\' && p.d[p.i+1] == 'u' {
					if r2, ok := p.hex4(p.i + 2); ok && r2 >= 0xDC00 && r2 < 0xE000 {
						p.i += 6
						buf = utf8.AppendRune(buf, 0x10000+(r-0xD800)<<10+(r2-0xDC00))
						continue
					}
				}
				if r >= 0xD800 && r < 0xE000 {
					buf = append(buf, byte(0xE0|r>>12), byte(0x80|(r>>6)&0x3F), byte(0x80|r&0x3F))
				} else {
					buf = utf8.AppendRune(buf, r)
				}
			default:
				return "", errInvalidJSON
			}
		default:
			buf = append(buf, c)
			p.i++
		}
	}
	return "", errInvalidJSON
}

// AppendString writes s as JSON.stringify does: only '"', '\\' and control characters escaped,
// lone surrogates as \udXXX, everything else as it is.
func AppendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c != 0xED {
			i++
			continue
		}
		if c == 0xED {
			if i+2 < len(s) && s[i+1] >= 0xA0 && s[i+1] <= 0xBF && s[i+2] >= 0x80 && s[i+2] <= 0xBF {
				b = append(b, s[start:i]...)
				r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
				b = append(b, `\u`...)
				b = append(b, strconv.FormatInt(int64(r), 16)...)
				i += 3
				start = i
				continue
			}
			i++
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"':
			b = append(b, `\"`...)
		case '\\':
			b = append(b, `\\`...)
		case '\b':
			b = append(b, `\b`...)
		case '\f':
			b = append(b, `\f`...)
		case '\n':
			b = append(b, `\n`...)
		case '\r':
			b = append(b, `\r`...)
		case '\t':
			b = append(b, `\t`...)
		default:
			b = append(b, `\u00`...)
			b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&0xF])
		}
		i++
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// AppendNumber writes f as JavaScript's Number#toString does (JSON.stringify: null if not finite).
func AppendNumber(b []byte, f float64) []byte {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return append(b, "null"...)
	}
	return append(b, FormatNumber(f)...)
}

// FormatNumber is JavaScript's String(number) for a finite number.
func FormatNumber(f float64) string {
	if f == 0 {
		return "0"
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs < 1e-6 || abs >= 1e21 {
		format = 'e'
	}
	s := strconv.FormatFloat(f, format, -1, 64)
	if format == 'e' {
		// "1e-07" -> "1e-7"
		n := len(s)
		if n >= 4 && s[n-4] == 'e' && s[n-3] == '-' && s[n-2] == '0' {
			s = s[:n-2] + s[n-1:]
		}
	}
	return s
}

// AppendValue writes v as JSON.stringify does.
func AppendValue(b []byte, v *Value) []byte {
	switch v.Kind {
	case Null:
		return append(b, "null"...)
	case Bool:
		if v.B {
			return append(b, "true"...)
		}
		return append(b, "false"...)
	case Number:
		return AppendNumber(b, v.N)
	case String:
		return AppendString(b, v.S)
	case Array:
		b = append(b, '[')
		for i, e := range v.A {
			if i > 0 {
				b = append(b, ',')
			}
			b = AppendValue(b, e)
		}
		return append(b, ']')
	default:
		b = append(b, '{')
		for i, k := range v.O.Keys() {
			if i > 0 {
				b = append(b, ',')
			}
			b = AppendString(b, k)
			b = append(b, ':')
			e, _ := v.O.Get(k)
			b = AppendValue(b, e)
		}
		return append(b, '}')
	}
}
