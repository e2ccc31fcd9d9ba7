package gocommon

import (
	"strconv"
	"unicode/utf8"
)

func utf8Valid(b []byte) bool { return utf8.Valid(b) }

// BodyLimitBytes is the largest JSON body accepted.
const BodyLimitBytes = 1024 * 1024

// UploadPartsLimit is the most parts POST /upload reads.
const UploadPartsLimit = 1000

// The contract's messages (implementations/contract/src/errors.ts and auth-schemas.ts).
const (
	MsgInvalidJSON         = "body is not valid JSON"
	MsgEmptyJSONBody       = "body must not be empty when content-type is application/json"
	MsgBodyTooLarge        = "body must not be larger than 1048576 bytes"
	MsgUnsupportedMedia    = "content-type must be application/json"
	MsgInternal            = "internal server error"
	MsgUpstreamUnreachable = "upstream could not be reached"
	MsgUpstreamInvalidBody = "upstream answered with a body that is not a quote"
	MsgMissingAuth         = "authorization header is required"
	MsgNotBearer           = "authorization scheme must be Bearer"
	MsgMalformedToken      = "bearer token is malformed"
	MsgInvalidSignature    = "bearer token signature is invalid"
	MsgNotMultipart        = "content-type must be multipart/form-data"
	MsgInvalidMultipart    = "body is not valid multipart/form-data"
	MsgNoFile              = "body must contain at least one file"
	MsgTooManyParts        = "body must not have more than 1000 parts"
	MsgReservedPartName    = "body must not have a part named after an Object.prototype property"
	MsgWrongCredentials    = "email or password is wrong"
	MsgExpiredToken        = "bearer token has expired"
	MsgInvalidAccessToken  = "bearer token is not a valid access token"
	MsgUnknownSession      = "session does not exist or has expired"
	MsgPoolExhausted       = "no database connection was free in time: the pool is exhausted, try again"
	MsgDatabaseBusy        = "the database did not accept a new connection in time, try again"
	MsgDatabaseUnavailable = "the database is unavailable, try again"
)

func MsgRouteNotFound(method, url string) string {
	return "route " + method + " " + url + " does not exist"
}
func MsgUpstreamStatus(status int) string {
	return "upstream answered with status " + strconv.Itoa(status)
}
func MsgUpstreamTimeout(ms int) string {
	return "upstream did not answer within " + strconv.Itoa(ms) + " ms"
}
func MsgFileTooLarge(limit int64) string {
	return "file must not be larger than " + strconv.FormatInt(limit, 10) + " bytes"
}
func MsgUserNotFound(id int64) string   { return "user " + strconv.FormatInt(id, 10) + " does not exist" }
func MsgEmailTaken(email string) string { return "email " + email + " is already taken" }

// Node's STATUS_CODES reason phrases.
var reasons = map[int]string{
	400: "Bad Request", 401: "Unauthorized", 404: "Not Found", 405: "Method Not Allowed", 409: "Conflict",
	413: "Payload Too Large", 415: "Unsupported Media Type", 500: "Internal Server Error", 502: "Bad Gateway",
	503: "Service Unavailable", 504: "Gateway Timeout",
}

// HTTPError is an answer in the contract's error shape, with any headers it needs.
type HTTPError struct {
	Status  int
	Message string
	Headers [][2]string
}

func (e *HTTPError) Error() string { return e.Message }

func NewError(status int, message string, headers ...[2]string) *HTTPError {
	return &HTTPError{Status: status, Message: message, Headers: headers}
}

// Unauthorized is a 401 with the Bearer challenge.
func Unauthorized(message string) *HTTPError {
	return NewError(401, message, [2]string{"www-authenticate", "Bearer"})
}

// Body is {"statusCode":..,"error":..,"message":..}.
func (e *HTTPError) Body() []byte {
	b := make([]byte, 0, 96+len(e.Message))
	b = append(b, `{"statusCode":`...)
	b = strconv.AppendInt(b, int64(e.Status), 10)
	b = append(b, `,"error":`...)
	reason, ok := reasons[e.Status]
	if !ok {
		reason = "Error"
	}
	b = AppendString(b, reason)
	b = append(b, `,"message":`...)
	b = AppendString(b, e.Message)
	return append(b, '}')
}

// ContentTypeJSON is what Fastify sends with every JSON answer.
const ContentTypeJSON = "application/json; charset=utf-8"
