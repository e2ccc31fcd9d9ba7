package main

import (
	"net/http/httptest"
	"strings"
	"testing"

	common "lab/gocommon"
)

func testApp(t *testing.T) *common.App {
	t.Setenv("LAB_SQL_DIR", "../../../sql")
	app, err := common.NewApp(&common.Options{UpstreamURL: "http://127.0.0.1:9", DatabaseURL: "postgres://lab@127.0.0.1:9/lab",
		RedisURL: "redis://127.0.0.1:9", DatabasePoolSize: 1, DatabasePoolTimeoutMs: 100, UpstreamConnections: 1, UpstreamTimeoutMs: 100, AuthSecret: "s"})
	if err != nil {
		t.Fatal(err)
	}
	return app
}

func TestAnswers(t *testing.T) {
	router := newRouter(testApp(t))
	cases := []struct {
		method, path, contentType, body string
		status                          int
		message                         string
	}{
		{"GET", "/health/", "", "", 404, "route GET /health/ does not exist"},
		{"GET", "/echo", "", "", 404, "route GET /echo does not exist"},
		{"POST", "/echo", "application/json", "[]", 400, "body must be object"},
		{"POST", "/echo", "application/json", "", 400, "body must not be empty when content-type is application/json"},
		{"POST", "/echo", "application/json", `{"id":`, 400, "body is not valid JSON"},
		{"POST", "/echo", "text/plain", "x", 415, "content-type must be application/json"},
		{"POST", "/users", "application/json", `{"email":"a@b","name":"","country":"NO"}`, 400, "body/name must NOT have fewer than 1 characters"},
		{"GET", "/users?limit=0", "", "", 400, "querystring/limit must be >= 1"},
		{"GET", "/users/abc", "", "", 400, "params/id must be integer"},
		{"GET", "/protected", "", "", 401, "authorization header is required"},
		{"POST", "/upload", "application/json", "{}", 415, "content-type must be multipart/form-data"},
		{"GET", "/auth/none/items", "", "", 400, "querystring must have required property 'userId'"},
	}
	for _, c := range cases {
		req := httptest.NewRequest(c.method, c.path, strings.NewReader(c.body))
		if c.contentType != "" {
			req.Header.Set("Content-Type", c.contentType)
		}
		rec := httptest.NewRecorder()
		router.ServeHTTP(rec, req)
		want := string(common.NewError(c.status, c.message).Body())
		if rec.Code != c.status || rec.Body.String() != want || rec.Header().Get("Content-Type") != common.ContentTypeJSON {
			t.Errorf("%s %s: got %d %s", c.method, c.path, rec.Code, rec.Body.String())
		}
	}
}
