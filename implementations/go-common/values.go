package gocommon

import (
	"errors"
	"strconv"
)

func parseFloatLenient(s string) (float64, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && errors.Is(err, strconv.ErrRange) {
		return f, nil
	}
	return f, err
}

// Int is a validated integer field of an object.
func (v *Value) Int(name string) int64 {
	e, _ := v.O.Get(name)
	return int64(e.N)
}

// Str is a validated string field of an object.
func (v *Value) Str(name string) string {
	e, _ := v.O.Get(name)
	return e.S
}

// Has tells whether the object has the field.
func (v *Value) Has(name string) bool { _, ok := v.O.Get(name); return ok }

// AppendBySchema writes a validated value as fast-json-stringify does with the response schema:
// an object's properties in the schema's order, additionalProperties in the object's own order.
func AppendBySchema(b []byte, s *Schema, v *Value) []byte {
	if s == nil || v.Kind != Object || s.Type != "object" {
		if s != nil && v.Kind == Array && s.Items != nil {
			b = append(b, '[')
			for i, e := range v.A {
				if i > 0 {
					b = append(b, ',')
				}
				b = AppendBySchema(b, s.Items, e)
			}
			return append(b, ']')
		}
		return AppendValue(b, v)
	}
	b = append(b, '{')
	first := true
	for _, p := range s.Props {
		e, ok := v.O.Get(p.Name)
		if !ok {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = AppendString(b, p.Name)
		b = append(b, ':')
		b = AppendBySchema(b, p.Schema, e)
	}
	if s.AdditionalSchema != nil {
		for _, k := range v.O.Keys() {
			if s.prop(k) != nil {
				continue
			}
			e, _ := v.O.Get(k)
			if !first {
				b = append(b, ',')
			}
			first = false
			b = AppendString(b, k)
			b = append(b, ':')
			b = AppendBySchema(b, s.AdditionalSchema, e)
		}
	}
	return append(b, '}')
}

// ParseQuery is fast-querystring's parse (Fastify's default): '&'-separated pairs, '+' as a
// space, percent-decoding where it succeeds, a repeated key as a list of its values.
func ParseQuery(q string) *Value {
	o := NewObj()
	start, eq := -1, -1
	decodeKey, decodeValue, keyPlus, valuePlus := false, false, false, false
	for i := 0; i <= len(q); i++ {
		c := byte('&')
		if i != len(q) {
			c = q[i]
		}
		switch c {
		case '&':
			both := eq > start
			if !both {
				eq = i
			}
			key := q[start+1 : eq]
			if both || len(key) > 0 {
				key = decodeQueryPart(key, keyPlus, decodeKey)
				value := ""
				if both {
					value = decodeQueryPart(q[eq+1:i], valuePlus, decodeValue)
				}
				nv := &Value{Kind: String, S: value}
				if cur, ok := o.Get(key); !ok {
					o.Set(key, nv)
				} else if cur.Kind == Array {
					cur.A = append(cur.A, nv)
				} else {
					o.Set(key, &Value{Kind: Array, A: []*Value{cur, nv}})
				}
			}
			start, eq = i, i
			decodeKey, decodeValue, keyPlus, valuePlus = false, false, false, false
		case '=':
			if eq <= start {
				eq = i
			} else {
				decodeValue = true
			}
		case '+':
			if eq > start {
				valuePlus = true
			} else {
				keyPlus = true
			}
		case '%':
			if eq > start {
				decodeValue = true
			} else {
				decodeKey = true
			}
		}
	}
	return &Value{Kind: Object, O: o}
}

func decodeQueryPart(s string, plus, decode bool) string {
	if plus {
		b := []byte(s)
		for i := range b {
			if b[i] == '+' {
				b[i] = ' '
			}
		}
		s = string(b)
	}
	if decode {
		if d, ok := decodeURIComponent(s); ok {
			return d
		}
	}
	return s
}

// decodeURIComponent fails (as fast-decode-uri-component does) on a bad escape or bad UTF-8.
func decodeURIComponent(s string) (string, bool) {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b = append(b, s[i])
			continue
		}
		if i+2 >= len(s) || hexv(s[i+1]) < 0 || hexv(s[i+2]) < 0 {
			return "", false
		}
		b = append(b, byte(hexv(s[i+1])<<4|hexv(s[i+2])))
		i += 2
	}
	if !utf8Valid(b) {
		return "", false
	}
	return string(b), true
}
