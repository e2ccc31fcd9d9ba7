package gocommon

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strconv"
)

// Options are the implementation's settings, read from the environment with the names and
// defaults of the Node implementations (implementations/contract/src/app-options.ts).
type Options struct {
	Host                  string
	Port                  int
	UpstreamURL           string
	UpstreamTimeoutMs     int
	UpstreamConnections   int
	AuthSecret            string
	UploadLimitBytes      int64
	DatabaseURL           string
	DatabasePoolSize      int
	RedisURL              string
	CacheTTLSeconds       int
	SessionTTLSeconds     int
	AccessTokenTTLSeconds int
	DatabasePoolTimeoutMs int
}

var digitsOnly = regexp.MustCompile(`^\d+$`)

func positive(name string, fallback int) (int, error) {
	raw := os.Getenv(name)
	if raw == "" {
		return fallback, nil
	}
	v, err := strconv.ParseInt(raw, 10, 64)
	if !digitsOnly.MatchString(raw) || err != nil || v < 1 || v > 9007199254740991 {
		return 0, fmt.Errorf("%s must be a positive integer, got %q", name, raw)
	}
	return int(v), nil
}

// ReadOptions reads PORT and HOST, then the app's options in the Node order, so that the first
// missing or wrong variable is the one named.
func ReadOptions() (*Options, error) {
	o := &Options{}
	raw := os.Getenv("PORT")
	if raw == "" {
		return nil, errors.New("PORT is not set: start the server with PORT=<port> (0 picks a free port)")
	}
	port, err := strconv.Atoi(raw)
	if err != nil || port < 0 || port > 65535 {
		return nil, fmt.Errorf("PORT must be an integer from 0 to 65535, got %q", raw)
	}
	o.Port = port
	o.Host = os.Getenv("HOST")
	if o.Host == "" {
		o.Host = "127.0.0.1"
	}
	o.UpstreamURL = os.Getenv("UPSTREAM_URL")
	if o.UpstreamURL == "" {
		return nil, errors.New("UPSTREAM_URL is not set: start the server with UPSTREAM_URL=http://<host>:<port> of the upstream API (implementations/upstream)")
	}
	if u, err := url.Parse(o.UpstreamURL); err != nil || u.Scheme != "http" || u.Host == "" {
		return nil, fmt.Errorf("UPSTREAM_URL must be an http:// URL, got %q", o.UpstreamURL)
	}
	if o.UpstreamTimeoutMs, err = positive("UPSTREAM_TIMEOUT_MS", 5000); err != nil {
		return nil, err
	}
	if o.UpstreamConnections, err = positive("UPSTREAM_CONNECTIONS", 128); err != nil {
		return nil, err
	}
	o.AuthSecret = os.Getenv("AUTH_SECRET")
	if o.AuthSecret == "" {
		o.AuthSecret = "lab-secret"
	}
	limit, err := positive("UPLOAD_LIMIT_BYTES", 32*1024*1024)
	if err != nil {
		return nil, err
	}
	o.UploadLimitBytes = int64(limit)
	o.DatabaseURL = os.Getenv("DATABASE_URL")
	if o.DatabaseURL == "" {
		return nil, errors.New("DATABASE_URL is not set: start the server with DATABASE_URL=postgres://<user>:<password>@<host>:<port>/<database> of a database prepared by fixtures/lab-database.ts")
	}
	if u, err := url.Parse(o.DatabaseURL); err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return nil, errors.New("DATABASE_URL must be a postgres:// or postgresql:// URL")
	}
	if o.DatabasePoolSize, err = positive("DATABASE_POOL_SIZE", 10); err != nil {
		return nil, err
	}
	o.RedisURL = os.Getenv("REDIS_URL")
	if o.RedisURL == "" {
		return nil, errors.New("REDIS_URL is not set: start the server with REDIS_URL=redis://<host>:<port> of a Redis it may use as cache and session store")
	}
	if u, err := url.Parse(o.RedisURL); err != nil || (u.Scheme != "redis" && u.Scheme != "rediss") {
		return nil, errors.New("REDIS_URL must be a redis:// or rediss:// URL")
	}
	if o.CacheTTLSeconds, err = positive("CACHE_TTL_SECONDS", 60); err != nil {
		return nil, err
	}
	if o.SessionTTLSeconds, err = positive("SESSION_TTL_SECONDS", 3600); err != nil {
		return nil, err
	}
	if o.AccessTokenTTLSeconds, err = positive("ACCESS_TOKEN_TTL_SECONDS", 900); err != nil {
		return nil, err
	}
	if o.DatabasePoolTimeoutMs, err = positive("DATABASE_POOL_TIMEOUT_MS", 5000); err != nil {
		return nil, err
	}
	return o, nil
}

// Fail prints "<name> failed to start: <message>" and exits 1, as the Node servers do.
func Fail(name string, err error) {
	fmt.Fprintf(os.Stderr, "%s failed to start: %s\n", name, err.Error())
	os.Exit(1)
}
