package gocommon

import (
	"io"
	"math"
	"mime"
	"strings"
)

// BodyRequest is what the JSON body reader needs of a request, whatever the framework.
type BodyRequest struct {
	ContentType    string
	HasContentType bool
	ContentLength  int64 // -1: not given
	Chunked        bool
	Body           io.Reader
}

// IsJSONContentType is Fastify's match of application/json (any parameters, any letter case).
func IsJSONContentType(ct string) bool {
	mt := strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
	return mt == "application/json"
}

// ReadJSONBody reads and parses a JSON body as Fastify does: no body at all is nil (which
// validation answers "body must be object"), another content type a 415, over 1 MiB a 413,
// an empty one or one that is not JSON a 400.
func ReadJSONBody(r BodyRequest) (*Value, *HTTPError) {
	if !r.HasContentType {
		if !r.Chunked && r.ContentLength <= 0 {
			return nil, nil
		}
		return nil, NewError(415, MsgUnsupportedMedia)
	}
	if !IsJSONContentType(r.ContentType) {
		return nil, NewError(415, MsgUnsupportedMedia)
	}
	if r.ContentLength > BodyLimitBytes {
		discard(r.Body)
		return nil, NewError(413, MsgBodyTooLarge)
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, BodyLimitBytes+1))
	if err != nil {
		return nil, NewError(400, MsgInvalidJSON)
	}
	if len(data) > BodyLimitBytes {
		discard(r.Body)
		return nil, NewError(413, MsgBodyTooLarge)
	}
	if len(data) == 0 {
		return nil, NewError(400, MsgEmptyJSONBody)
	}
	v, perr := ParseJSON(data)
	if perr != nil {
		// Fastify answers secure-json-parse's prototype refusal as invalid JSON too.
		return nil, NewError(400, MsgInvalidJSON)
	}
	return v, nil
}

// ValidBody reads the body and checks it against the schema.
func ValidBody(r BodyRequest, s *Schema) (*Value, *HTTPError) {
	v, herr := ReadJSONBody(r)
	if herr != nil {
		return nil, herr
	}
	if e := Validate(s, v, false); e != nil {
		return nil, NewError(400, e.Format("body"))
	}
	return v, nil
}

// ValidQuery parses and checks a raw query string.
func ValidQuery(rawQuery string, s *Schema) (*Value, *HTTPError) {
	q := ParseQuery(rawQuery)
	if e := Validate(s, q, true); e != nil {
		return nil, NewError(400, e.Format("querystring"))
	}
	// ajv coerces "Infinity" and skips the limits of a number that is not finite (strictNumbers),
	// so it passes; the Node routes then fail on it with a 500.
	for _, k := range q.O.Keys() {
		if v, _ := q.O.Get(k); v.Kind == Number && math.IsInf(v.N, 0) {
			return nil, NewError(500, MsgInternal)
		}
	}
	return q, nil
}

// ValidUserID checks /users/:id's id as Fastify's params validator does.
func ValidUserID(raw string) (int64, *HTTPError) {
	if d, ok := decodeURIComponent(raw); ok {
		raw = d
	}
	o := NewObj()
	o.Set("id", &Value{Kind: String, S: raw})
	v := &Value{Kind: Object, O: o}
	if e := Validate(UserParamsSchema, v, true); e != nil {
		return 0, NewError(400, e.Format("params"))
	}
	if id, _ := v.O.Get("id"); math.IsInf(id.N, 0) {
		return 0, NewError(500, MsgInternal)
	}
	return v.Int("id"), nil
}

// IsMultipartFormData is the contract's isMultipartFormData.
func IsMultipartFormData(ct string) bool {
	mt := strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
	return mt == "multipart/form-data"
}

var _ = mime.ParseMediaType

// discard reads off the rest of a refused body, as Node does, so that the client, still
// sending, reads the answer rather than a reset connection.
func discard(body io.Reader) {
	_, _ = io.Copy(io.Discard, body)
}
