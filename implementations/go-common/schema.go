package gocommon

import (
	"math"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Schema is the part of JSON Schema the contract uses, checked in ajv's order (allErrors: false):
// the type, then for a string maxLength, minLength, pattern; for a number maximum, minimum; for
// an array maxItems, minItems, items; for an object required, additionalProperties, properties.
type Schema struct {
	Type             string // object, array, string, integer, number, boolean
	Props            []Prop
	Required         []string
	NoAdditional     bool
	AdditionalSchema *Schema
	MinLength        int // -1: none
	MaxLength        int
	Pattern          *regexp.Regexp
	PatternSource    string
	Minimum, Maximum *float64
	MinItems         int
	MaxItems         int
	Items            *Schema
	Default          *float64
	Const            *string
}

type Prop struct {
	Name   string
	Schema *Schema
}

// SchemaError is the first violation: the instance path (JSON Pointer) and ajv's message.
type SchemaError struct {
	Path         string
	Message      string
	Additional   string
	IsAdditional bool
}

// Format is the contract's formatSchemaErrors for one error: "<dataVar><path> <message>".
func (e *SchemaError) Format(dataVar string) string {
	s := dataVar + e.Path + " " + e.Message
	if e.IsAdditional {
		s += ": '" + e.Additional + "'"
	}
	return s
}

func f64(f float64) *float64 { return &f }

// jsWhitespace is JavaScript's \s, which RE2's \s is not.
const jsWhitespace = `\t\n\x{0B}\f\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}`

func str(min, max int) *Schema { return &Schema{Type: "string", MinLength: min, MaxLength: max} }

func pattern(s *Schema, source, goSource string) *Schema {
	s.Pattern = regexp.MustCompile(goSource)
	s.PatternSource = source
	return s
}

func obj(required []string, props ...Prop) *Schema {
	return &Schema{Type: "object", Props: props, Required: required, NoAdditional: true, MinLength: -1, MaxLength: -1, MinItems: -1, MaxItems: -1}
}

func init() {
	// zero MinLength etc. mean "none" for the helpers below; normalise the literal schemas.
}

func countrySchema() *Schema {
	return pattern(str(-1, -1), "^[A-Z]{2}$", "^[A-Z]{2}$")
}

func integer(min, max float64) *Schema {
	return &Schema{Type: "integer", Minimum: f64(min), Maximum: f64(max), MinLength: -1, MaxLength: -1, MinItems: -1, MaxItems: -1}
}

// EchoSchema is echoRequestSchema.
var EchoSchema = func() *Schema {
	address := obj([]string{"street", "city", "postcode", "country"},
		Prop{"street", str(1, -1)}, Prop{"city", str(1, -1)}, Prop{"postcode", str(1, -1)}, Prop{"country", countrySchema()})
	customer := obj([]string{"id", "name", "email", "address"},
		Prop{"id", &Schema{Type: "integer", Minimum: f64(1), MinLength: -1, MaxLength: -1, MinItems: -1, MaxItems: -1}},
		Prop{"name", str(1, -1)}, Prop{"email", str(3, -1)}, Prop{"address", address})
	item := obj([]string{"sku", "name", "quantity", "unitPrice"},
		Prop{"sku", str(1, -1)}, Prop{"name", str(1, -1)},
		Prop{"quantity", &Schema{Type: "integer", Minimum: f64(1), MinLength: -1, MaxLength: -1, MinItems: -1, MaxItems: -1}},
		Prop{"unitPrice", &Schema{Type: "number", Minimum: f64(0), MinLength: -1, MaxLength: -1, MinItems: -1, MaxItems: -1}},
		Prop{"tags", &Schema{Type: "array", Items: str(-1, -1), MinLength: -1, MaxLength: -1, MinItems: -1, MaxItems: -1}})
	metadata := &Schema{Type: "object", AdditionalSchema: str(-1, -1), MinLength: -1, MaxLength: -1, MinItems: -1, MaxItems: -1}
	return obj([]string{"id", "createdAt", "customer", "items"},
		Prop{"id", str(1, -1)}, Prop{"createdAt", str(1, -1)}, Prop{"customer", customer},
		Prop{"items", &Schema{Type: "array", Items: item, MinItems: 1, MaxItems: 2000, MinLength: -1, MaxLength: -1}},
		Prop{"notes", str(-1, -1)}, Prop{"metadata", metadata})
}()

// CreateUserSchema is createUserRequestSchema.
var CreateUserSchema = obj([]string{"email", "name", "country"},
	Prop{"email", pattern(str(3, 254), `^[^@\s]+@[^@\s]+$`, `^[^@`+jsWhitespace+`]+@[^@`+jsWhitespace+`]+$`)},
	Prop{"name", str(1, 100)},
	Prop{"country", countrySchema()})

// LoginSchema is loginRequestSchema.
var LoginSchema = obj([]string{"email", "password"}, Prop{"email", str(3, 254)}, Prop{"password", str(1, 1024)})

func withDefault(s *Schema, d float64) *Schema { s.Default = f64(d); return s }

// Query schemas (validated with coercion).
var (
	UsersQuerySchema     = obj(nil, Prop{"limit", withDefault(integer(1, 100), 20)})
	UserParamsSchema     = obj([]string{"id"}, Prop{"id", integer(1, 9007199254740991)})
	ExternalQuerySchema  = obj(nil, Prop{"delayMs", integer(0, 10000)})
	ProtectedQuerySchema = obj(nil, Prop{"page", withDefault(integer(1, 1000000), 1)}, Prop{"pageSize", withDefault(integer(1, 100), 20)})
	NoneItemsQuerySchema = obj([]string{"userId"}, Prop{"userId", integer(1, 9007199254740991)},
		Prop{"page", withDefault(integer(1, 1000000), 1)}, Prop{"pageSize", withDefault(integer(1, 100), 20)})
)

// UpstreamQuoteSchema is upstreamQuoteSchema (validated without coercion).
var UpstreamQuoteSchema = obj([]string{"delayMs", "quote"},
	Prop{"delayMs", integer(0, 10000)},
	Prop{"quote", obj([]string{"symbol", "price", "currency"},
		Prop{"symbol", str(1, -1)},
		Prop{"price", &Schema{Type: "number", MinLength: -1, MaxLength: -1, MinItems: -1, MaxItems: -1}},
		Prop{"currency", pattern(str(-1, -1), "^[A-Z]{3}$", "^[A-Z]{3}$")})})

func pointerEscape(k string) string {
	if !strings.ContainsAny(k, "~/") {
		return k
	}
	return strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1")
}

func typeOK(t string, v *Value) bool {
	switch t {
	case "object":
		return v.Kind == Object
	case "array":
		return v.Kind == Array
	case "string":
		return v.Kind == String
	case "number":
		return v.Kind == Number
	case "integer":
		return v.Kind == Number && !math.IsInf(v.N, 0) && !math.IsNaN(v.N) && v.N == math.Trunc(v.N)
	case "boolean":
		return v.Kind == Bool
	}
	return true
}

// Validate checks v against s like ajv with the contract's options; coerce is the query
// validator's coerceTypes (a numeric string becomes the integer a schema asks for). v may be
// nil (no body at all). Defaults are filled in.
func Validate(s *Schema, v *Value, coerce bool) *SchemaError {
	if v == nil {
		return &SchemaError{Message: "must be " + s.Type}
	}
	return validate(s, v, "", coerce)
}

func validate(s *Schema, v *Value, path string, coerce bool) *SchemaError {
	if !typeOK(s.Type, v) {
		if !(coerce && coerceInto(s.Type, v)) {
			return &SchemaError{Path: path, Message: "must be " + s.Type}
		}
	}
	if s.Const != nil && (v.Kind != String || v.S != *s.Const) {
		return &SchemaError{Path: path, Message: "must be equal to constant"}
	}
	switch v.Kind {
	case Number:
		if math.IsInf(v.N, 0) || math.IsNaN(v.N) {
			break
		}
		if s.Maximum != nil && !(v.N <= *s.Maximum) {
			return &SchemaError{Path: path, Message: "must be <= " + FormatNumber(*s.Maximum)}
		}
		if s.Minimum != nil && !(v.N >= *s.Minimum) {
			return &SchemaError{Path: path, Message: "must be >= " + FormatNumber(*s.Minimum)}
		}
	case String:
		if s.MaxLength >= 0 || s.MinLength >= 0 {
			n := utf8.RuneCountInString(v.S)
			if s.MaxLength >= 0 && n > s.MaxLength {
				return &SchemaError{Path: path, Message: "must NOT have more than " + itoa(s.MaxLength) + " characters"}
			}
			if s.MinLength >= 0 && n < s.MinLength {
				return &SchemaError{Path: path, Message: "must NOT have fewer than " + itoa(s.MinLength) + " characters"}
			}
		}
		if s.Pattern != nil && !s.Pattern.MatchString(v.S) {
			return &SchemaError{Path: path, Message: `must match pattern "` + s.PatternSource + `"`}
		}
	case Array:
		if s.MaxItems >= 0 && len(v.A) > s.MaxItems {
			return &SchemaError{Path: path, Message: "must NOT have more than " + itoa(s.MaxItems) + " items"}
		}
		if s.MinItems >= 0 && len(v.A) < s.MinItems {
			return &SchemaError{Path: path, Message: "must NOT have fewer than " + itoa(s.MinItems) + " items"}
		}
		if s.Items != nil {
			for i, e := range v.A {
				if err := validate(s.Items, e, path+"/"+itoa(i), coerce); err != nil {
					return err
				}
			}
		}
	case Object:
		if s.Type != "object" {
			break
		}
		for _, p := range s.Props {
			if p.Schema.Default != nil {
				if _, ok := v.O.Get(p.Name); !ok {
					v.O.Set(p.Name, &Value{Kind: Number, N: *p.Schema.Default})
				}
			}
		}
		for _, r := range s.Required {
			if _, ok := v.O.Get(r); !ok {
				return &SchemaError{Path: path, Message: "must have required property '" + r + "'"}
			}
		}
		if s.NoAdditional || s.AdditionalSchema != nil {
			for _, k := range v.O.Keys() {
				if s.prop(k) != nil {
					continue
				}
				if s.NoAdditional {
					return &SchemaError{Path: path, Message: "must NOT have additional properties", Additional: k, IsAdditional: true}
				}
				e, _ := v.O.Get(k)
				if err := validate(s.AdditionalSchema, e, path+"/"+pointerEscape(k), coerce); err != nil {
					return err
				}
			}
		}
		for _, p := range s.Props {
			if e, ok := v.O.Get(p.Name); ok {
				if err := validate(p.Schema, e, path+"/"+pointerEscape(p.Name), coerce); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (s *Schema) prop(name string) *Schema {
	for _, p := range s.Props {
		if p.Name == name {
			return p.Schema
		}
	}
	return nil
}

func itoa(n int) string { return FormatNumber(float64(n)) }

// coerceInto is ajv's coerceTypes for the query's text values: a string whose number is a
// (whole, for integer) number; never an array (repeated keys stay a list).
func coerceInto(t string, v *Value) bool {
	if v.Kind != String || v.S == "" || (t != "integer" && t != "number") {
		return false
	}
	n, ok := JSToNumber(v.S)
	if !ok {
		return false
	}
	if t == "integer" && !math.IsInf(n, 0) && n != math.Trunc(n) {
		return false
	}
	*v = Value{Kind: Number, N: n}
	return true
}

var decimalLiteral = regexp.MustCompile(`^[+-]?(?:Infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)$`)
var radixLiteral = regexp.MustCompile(`^0(?:[xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)$`)

// JSToNumber is JavaScript's Number(string); false for NaN.
func JSToNumber(s string) (float64, bool) {
	s = strings.TrimFunc(s, isJSWhitespace)
	if s == "" {
		return 0, true
	}
	if radixLiteral.MatchString(s) {
		base := map[byte]int{'x': 16, 'X': 16, 'o': 8, 'O': 8, 'b': 2, 'B': 2}[s[1]]
		var f float64
		for _, c := range s[2:] {
			f = f*float64(base) + float64(hexv(byte(c)))
		}
		return f, true
	}
	if !decimalLiteral.MatchString(s) {
		return 0, false
	}
	switch strings.TrimLeft(s, "+") {
	case "Infinity":
		return math.Inf(1), true
	case "-Infinity":
		return math.Inf(-1), true
	}
	f, err := parseFloatLenient(s)
	return f, err == nil
}

func isJSWhitespace(r rune) bool {
	switch r {
	case '\t', '\n', 0x0B, '\f', '\r', ' ', 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}
