package gocommon

import (
	"strings"
	"testing"
)

const order = `{"id":"ord_1","createdAt":"2025-01-01T00:00:00.000Z","customer":{"id":1,"name":"Ada","email":"a@b.c",` +
	`"address":{"street":"1 Main","city":"Lyon","postcode":"69000","country":"FR"}},` +
	`"items":[{"sku":"S1","name":"Lamp","quantity":1,"unitPrice":9.99,"tags":["new"]},{"sku":"S2","name":"Pen","quantity":2,"unitPrice":1}],` +
	`"notes":"x","metadata":{"b":"1","2":"2","a":"3"}}`

func TestBodyMessages(t *testing.T) {
	cases := []struct {
		name, schema, body, message string
	}{
		{"valid order", "echo", order, ""},
		{"nested wrong type", "echo", strings.Replace(order, `"email":"a@b.c"`, `"email":42`, 1), "body/customer/email must be string"},
		{"missing nested", "echo", strings.Replace(order, `"city":"Lyon",`, ``, 1), "body/customer/address must have required property 'city'"},
		{"extra item property", "echo", strings.Replace(order, `"sku":"S1",`, `"sku":"S1","colour":"red",`, 1), "body/items/0 must NOT have additional properties: 'colour'"},
		{"extra top-level", "echo", strings.Replace(order, `"notes"`, `"discount":10,"notes"`, 1), "body must NOT have additional properties: 'discount'"},
		{"negative quantity", "echo", strings.Replace(order, `"quantity":2`, `"quantity":-1`, 1), "body/items/1/quantity must be >= 1"},
		{"no coercion", "echo", strings.Replace(order, `"quantity":1,`, `"quantity":"2",`, 1), "body/items/0/quantity must be integer"},
		{"1.0 is an integer", "echo", strings.Replace(order, `"quantity":1,`, `"quantity":1.0,`, 1), ""},
		{"no items", "echo", order[:strings.Index(order, `"items"`)] + `"items":[]}`, "body/items must NOT have fewer than 1 items"},
		{"array", "echo", `[]`, "body must be object"},
		{"metadata value", "echo", strings.Replace(order, `"a":"3"`, `"a/b":3`, 1), "body/metadata/a~1b must be string"},
		{"email without @", "user", `{"email":"nobody.example.test","name":"x","country":"NO"}`, `body/email must match pattern "^[^@\s]+@[^@\s]+$"`},
		{"email with nbsp", "user", "{\"email\":\"no\u00a0body@x\",\"name\":\"x\",\"country\":\"NO\"}", `body/email must match pattern "^[^@\s]+@[^@\s]+$"`},
		{"email too long", "user", `{"email":"` + strings.Repeat("a", 243) + `@example.test","name":"x","country":"NO"}`, "body/email must NOT have more than 254 characters"},
		{"country", "user", `{"email":"a@b","name":"x","country":"NOR"}`, `body/country must match pattern "^[A-Z]{2}$"`},
		{"empty name", "user", `{"email":"a@b","name":"","country":"NO"}`, "body/name must NOT have fewer than 1 characters"},
		{"name of 100 letters with ü", "user", `{"email":"a@b","name":"` + strings.Repeat("ü", 100) + `","country":"NO"}`, ""},
		{"missing name", "user", `{"email":"a@b","country":"NO"}`, "body must have required property 'name'"},
		{"extra role", "user", `{"email":"a@b","name":"x","country":"NO","role":"admin"}`, "body must NOT have additional properties: 'role'"},
		{"index keys first", "login", `{"email":"a@b","password":"x","z":1,"0":2}`, "body must NOT have additional properties: '0'"},
		{"empty password", "login", `{"email":"a@b","password":""}`, "body/password must NOT have fewer than 1 characters"},
	}
	schemas := map[string]*Schema{"echo": EchoSchema, "user": CreateUserSchema, "login": LoginSchema}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, err := ParseJSON([]byte(c.body))
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			got := ""
			if e := Validate(schemas[c.schema], v, false); e != nil {
				got = e.Format("body")
			}
			if got != c.message {
				t.Fatalf("got %q, want %q", got, c.message)
			}
		})
	}
}

func TestQueryMessages(t *testing.T) {
	cases := []struct {
		query   string
		schema  *Schema
		status  int
		message string
	}{
		{"", UsersQuerySchema, 0, ""},
		{"limit=0", UsersQuerySchema, 400, "querystring/limit must be >= 1"},
		{"limit=101", UsersQuerySchema, 400, "querystring/limit must be <= 100"},
		{"limit=abc", UsersQuerySchema, 400, "querystring/limit must be integer"},
		{"limit=2.5", UsersQuerySchema, 400, "querystring/limit must be integer"},
		{"limit=", UsersQuerySchema, 400, "querystring/limit must be integer"},
		{"limit=1&limit=2", UsersQuerySchema, 400, "querystring/limit must be integer"},
		{"offset=20", UsersQuerySchema, 400, "querystring must NOT have additional properties: 'offset'"},
		{"limit=%205", UsersQuerySchema, 0, ""},
		{"limit=Infinity", UsersQuerySchema, 500, "internal server error"},
		{"delayMs=-1", ExternalQuerySchema, 400, "querystring/delayMs must be >= 0"},
		{"pageSize=0", ProtectedQuerySchema, 400, "querystring/pageSize must be >= 1"},
		{"page=1000001", ProtectedQuerySchema, 400, "querystring/page must be <= 1000000"},
		{"", NoneItemsQuerySchema, 400, "querystring must have required property 'userId'"},
		{"userId=1&sort=name", NoneItemsQuerySchema, 400, "querystring must NOT have additional properties: 'sort'"},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			_, herr := ValidQuery(c.query, c.schema)
			status, message := 0, ""
			if herr != nil {
				status, message = herr.Status, herr.Message
			}
			if status != c.status || message != c.message {
				t.Fatalf("got %d %q, want %d %q", status, message, c.status, c.message)
			}
		})
	}
}

func TestUserIDMessages(t *testing.T) {
	for raw, message := range map[string]string{
		"abc": "params/id must be integer", "1.5": "params/id must be integer", "0": "params/id must be >= 1",
		"-1": "params/id must be >= 1", "9007199254740992": "params/id must be <= 9007199254740991", "1e3": "",
	} {
		_, herr := ValidUserID(raw)
		got := ""
		if herr != nil {
			got = herr.Message
		}
		if got != message {
			t.Errorf("%s: got %q, want %q", raw, got, message)
		}
	}
}

func TestEchoKeepsSchemaOrderAndJSONStringifyBytes(t *testing.T) {
	v, _ := ParseJSON([]byte(order))
	want := strings.Replace(order, `{"b":"1","2":"2","a":"3"}`, `{"2":"2","b":"1","a":"3"}`, 1)
	if got := string(EchoBody(v)); got != want {
		t.Fatalf("got %s", got)
	}
	for in, out := range map[string]string{`1e21`: `1e+21`, `1e-7`: `1e-7`, `0.1`: `0.1`, `-0`: `0`, `"\u2028<&>"`: "\"\u2028<&>\"", `"\u0007"`: `"\u0007"`} {
		v, err := ParseJSON([]byte(in))
		if err != nil || string(AppendValue(nil, v)) != out {
			t.Errorf("%s: got %s", in, AppendValue(nil, v))
		}
	}
}
