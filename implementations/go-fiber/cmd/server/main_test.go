package main

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	common "lab/gocommon"
)

func TestAnswers(t *testing.T) {
	t.Setenv("LAB_SQL_DIR", "../../../sql")
	app, err := common.NewApp(&common.Options{UpstreamURL: "http://127.0.0.1:9", DatabaseURL: "postgres://lab@127.0.0.1:9/lab",
		RedisURL: "redis://127.0.0.1:9", DatabasePoolSize: 1, DatabasePoolTimeoutMs: 100, UpstreamConnections: 1, UpstreamTimeoutMs: 100, AuthSecret: "s"})
	if err != nil {
		t.Fatal(err)
	}
	f := newApp(app)
	cases := []struct {
		method, path, contentType, body string
		status                          int
		message                         string
	}{
		{"GET", "/health/", "", "", 404, "route GET /health/ does not exist"},
		{"GET", "/HEALTH", "", "", 404, "route GET /HEALTH does not exist"},
		{"GET", "/echo", "", "", 404, "route GET /echo does not exist"},
		{"POST", "/echo", "application/json", "[]", 400, "body must be object"},
		{"POST", "/echo", "application/json", `{"id":`, 400, "body is not valid JSON"},
		{"POST", "/echo", "text/plain", "x", 415, "content-type must be application/json"},
		{"POST", "/users", "application/json", `{"email":"a@b","name":"x","country":"no"}`, 400, `body/country must match pattern "^[A-Z]{2}$"`},
		{"GET", "/users?limit=1&limit=2", "", "", 400, "querystring/limit must be integer"},
		{"GET", "/users/0", "", "", 400, "params/id must be >= 1"},
		{"GET", "/protected", "", "", 401, "authorization header is required"},
		{"GET", "/auth/jwt/items", "", "", 401, "authorization header is required"},
		{"GET", "/auth/session/items", "", "", 401, "authorization header is required"},
	}
	for _, c := range cases {
		req := httptest.NewRequest(c.method, c.path, strings.NewReader(c.body))
		if c.contentType != "" {
			req.Header.Set("Content-Type", c.contentType)
		}
		res, err := f.Test(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != c.status || string(body) != string(common.NewError(c.status, c.message).Body()) {
			t.Errorf("%s %s: got %d %s", c.method, c.path, res.StatusCode, body)
		}
	}
}
