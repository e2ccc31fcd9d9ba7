package gocommon

import (
	"bufio"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
	"golang.org/x/crypto/scrypt"
)

// App holds what the routes share: the options, the pool, Redis, the upstream client, the SQL.
type App struct {
	Opts     *Options
	Pool     *pgxpool.Pool
	Redis    *redis.Client
	upstream *http.Client
	quoteURL string
	queries  map[string]string
	jwtKey   []byte
	hostname string
	reqIDs   atomic.Uint64
	logMu    sync.Mutex
}

// NewApp connects nothing yet: the pool and Redis open connections on first use.
func NewApp(o *Options) (*App, error) {
	q, err := LoadQueries("users", "auth")
	if err != nil {
		return nil, err
	}
	cfg, err := pgxpool.ParseConfig(o.DatabaseURL)
	if err != nil {
		return nil, errors.New("DATABASE_URL must be a postgres:// or postgresql:// URL")
	}
	cfg.MaxConns = int32(o.DatabasePoolSize)
	cfg.MinConns = 0
	cfg.ConnConfig.ConnectTimeout = time.Duration(o.DatabasePoolTimeoutMs) * time.Millisecond
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		return nil, err
	}
	ropts, err := redis.ParseURL(o.RedisURL)
	if err != nil {
		return nil, errors.New("REDIS_URL must be a redis:// or rediss:// URL")
	}
	ropts.DialTimeout = 5 * time.Second
	ropts.MaxRetries = 1
	base, _ := url.Parse(o.UpstreamURL)
	host, _ := os.Hostname()
	return &App{
		Opts:  o,
		Pool:  pool,
		Redis: redis.NewClient(ropts),
		upstream: &http.Client{Transport: &http.Transport{
			MaxConnsPerHost: o.UpstreamConnections, MaxIdleConnsPerHost: o.UpstreamConnections,
			DisableCompression: true, DialContext: (&net.Dialer{KeepAlive: 30 * time.Second}).DialContext,
		}},
		quoteURL: base.Scheme + "://" + base.Host + strings.TrimRight(base.EscapedPath(), "/") + "/quote",
		queries:  q,
		jwtKey:   []byte(o.AuthSecret),
		hostname: host,
	}, nil
}

// Close ends the pool, Redis and the upstream connections.
func (a *App) Close() {
	a.Pool.Close()
	_ = a.Redis.Close()
	a.upstream.CloseIdleConnections()
}

// ---- SQL files ----

var nameLine = regexp.MustCompile(`^--\s*name:\s*([A-Za-z_][A-Za-z0-9_]*)\s*$`)

// SQLDir is LAB_SQL_DIR, else ../sql from the working directory (the implementation folder),
// else ../../sql from the executable (bin/server).
func SQLDir() string {
	if d := os.Getenv("LAB_SQL_DIR"); d != "" {
		return d
	}
	if st, err := os.Stat("../sql"); err == nil && st.IsDir() {
		return "../sql"
	}
	exe, _ := os.Executable()
	return filepath.Join(filepath.Dir(exe), "..", "..", "sql")
}

// ParseNamedQueries is the lab's named-query format: from a "-- name: x" line to the next,
// other "--" lines dropped, the trailing ";" stripped.
func ParseNamedQueries(text string) map[string]string {
	out := map[string]string{}
	name := ""
	var lines []string
	finish := func() {
		if name != "" {
			sql := strings.TrimSpace(strings.Join(lines, "\n"))
			sql = strings.TrimRight(strings.TrimSuffix(strings.TrimRight(sql, " \t\r\n"), ";"), " \t\r\n")
			out[name] = sql
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if m := nameLine.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
			finish()
			name, lines = m[1], nil
		} else if name != "" && !strings.HasPrefix(strings.TrimLeft(line, " \t"), "--") {
			lines = append(lines, line)
		}
	}
	finish()
	return out
}

// LoadQueries reads <area>.sql for each area.
func LoadQueries(areas ...string) (map[string]string, error) {
	all := map[string]string{}
	for _, area := range areas {
		path := filepath.Join(SQLDir(), area+".sql")
		text, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %v", path, err)
		}
		for k, v := range ParseNamedQueries(string(text)) {
			all[k] = v
		}
	}
	for _, need := range []string{"user_list", "user_by_id", "user_insert", "auth_credentials_by_email"} {
		if _, ok := all[need]; !ok {
			return nil, fmt.Errorf("no query named %s in %s", need, SQLDir())
		}
	}
	return all, nil
}

// ---- database ----

// DatabaseError maps a failure to the contract's 503s (retry-after: 1) or the 500.
func (a *App) DatabaseError(err error) *HTTPError {
	var he *HTTPError
	if errors.As(err, &he) {
		return he
	}
	retry := [2]string{"retry-after", "1"}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		if pgErr.Code == "57P01" || pgErr.Code == "57P02" || pgErr.Code == "57P03" || strings.HasPrefix(pgErr.Code, "08") {
			return NewError(503, MsgDatabaseUnavailable, retry)
		}
		return NewError(500, MsgInternal)
	}
	if errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || errors.Is(err, net.ErrClosed) || pgconn.SafeToRetry(err) {
		return NewError(503, MsgDatabaseUnavailable, retry)
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		return NewError(503, MsgDatabaseUnavailable, retry)
	}
	return NewError(500, MsgInternal)
}

// acquire waits DATABASE_POOL_TIMEOUT_MS at most for a connection.
func (a *App) acquire(ctx context.Context) (*pgxpool.Conn, *HTTPError) {
	actx, cancel := context.WithTimeout(ctx, time.Duration(a.Opts.DatabasePoolTimeoutMs)*time.Millisecond)
	defer cancel()
	conn, err := a.Pool.Acquire(actx)
	if err == nil {
		return conn, nil
	}
	if actx.Err() != nil && ctx.Err() == nil {
		var connectErr *pgconn.ConnectError
		if errors.As(err, &connectErr) && !errors.Is(err, context.DeadlineExceeded) {
			return nil, a.DatabaseError(err)
		}
		st := a.Pool.Stat()
		if st.AcquiredConns() >= st.MaxConns() {
			return nil, NewError(503, MsgPoolExhausted, [2]string{"retry-after", "1"})
		}
		return nil, NewError(503, MsgDatabaseBusy, [2]string{"retry-after", "1"})
	}
	return nil, a.DatabaseError(err)
}

// ISOTime is Date#toISOString of the value node-postgres makes of a timestamptz: its
// milliseconds are postgres-date's Math.trunc(1000 * parseFloat(fraction)).
func ISOTime(t time.Time) string {
	t = t.UTC()
	ms := 0
	if us := t.Nanosecond() / 1000; us > 0 {
		frac := strings.TrimRight(fmt.Sprintf("%06d", us), "0")
		f, _ := strconv.ParseFloat("0."+frac, 64)
		ms = int(math.Trunc(1000 * f))
	}
	return t.Format("2006-01-02T15:04:05") + fmt.Sprintf(".%03dZ", ms)
}

func appendUser(b []byte, id int64, email, name, country string, created time.Time) []byte {
	b = append(b, `{"id":`...)
	b = strconv.AppendInt(b, id, 10)
	b = append(b, `,"email":`...)
	b = AppendString(b, email)
	b = append(b, `,"name":`...)
	b = AppendString(b, name)
	b = append(b, `,"country":`...)
	b = AppendString(b, strings.TrimRight(country, " "))
	b = append(b, `,"createdAt":`...)
	b = AppendString(b, ISOTime(created))
	return append(b, '}')
}

// ListUsers answers GET /users.
func (a *App) ListUsers(ctx context.Context, limit int64) ([]byte, *HTTPError) {
	conn, herr := a.acquire(ctx)
	if herr != nil {
		return nil, herr
	}
	defer conn.Release()
	rows, err := conn.Query(ctx, a.queries["user_list"], limit)
	if err != nil {
		return nil, a.DatabaseError(err)
	}
	defer rows.Close()
	b := append(make([]byte, 0, 128*limit+16), `{"users":[`...)
	n := 0
	for rows.Next() {
		var id int64
		var email, name, country string
		var created time.Time
		if err := rows.Scan(&id, &email, &name, &country, &created); err != nil {
			return nil, a.DatabaseError(err)
		}
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = appendUser(b, id, email, name, country, created)
	}
	if err := rows.Err(); err != nil {
		return nil, a.DatabaseError(err)
	}
	return append(b, "]}"...), nil
}

// GetUser answers GET /users/:id.
func (a *App) GetUser(ctx context.Context, id int64) ([]byte, *HTTPError) {
	conn, herr := a.acquire(ctx)
	if herr != nil {
		return nil, herr
	}
	defer conn.Release()
	var uid int64
	var email, name, country string
	var created time.Time
	err := conn.QueryRow(ctx, a.queries["user_by_id"], id).Scan(&uid, &email, &name, &country, &created)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, NewError(404, MsgUserNotFound(id))
	}
	if err != nil {
		return nil, a.DatabaseError(err)
	}
	return appendUser(nil, uid, email, name, country, created), nil
}

// CreateUser answers POST /users: the insert in a transaction of its own.
func (a *App) CreateUser(ctx context.Context, body *Value) (int64, []byte, *HTTPError) {
	email, name, country := body.Str("email"), body.Str("name"), body.Str("country")
	conn, herr := a.acquire(ctx)
	if herr != nil {
		return 0, nil, herr
	}
	defer conn.Release()
	tx, err := conn.Begin(ctx)
	if err != nil {
		return 0, nil, a.DatabaseError(err)
	}
	var id int64
	var e, n, c string
	var created time.Time
	err = tx.QueryRow(ctx, a.queries["user_insert"], email, name, country).Scan(&id, &e, &n, &c, &created)
	if err == nil {
		err = tx.Commit(ctx)
	}
	if err != nil {
		_ = tx.Rollback(ctx)
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "23505" && pgErr.ConstraintName == "users_email_key" {
			return 0, nil, NewError(409, MsgEmailTaken(email))
		}
		return 0, nil, a.DatabaseError(err)
	}
	return id, appendUser(nil, id, e, n, c, created), nil
}

// ---- GET /protected and scenario 17's pages ----

var tokenPattern = regexp.MustCompile(`^v1\.([1-9][0-9]{0,15})\.([0-9a-f]{64})$`)

// ReadBearer is the contract's readBearer.
func ReadBearer(header string) (string, *HTTPError) {
	if header == "" {
		return "", Unauthorized(MsgMissingAuth)
	}
	scheme, token, found := strings.Cut(header, " ")
	if !strings.EqualFold(scheme, "bearer") || strings.ToLower(scheme) != "bearer" {
		return "", Unauthorized(MsgNotBearer)
	}
	if !found {
		token = ""
	}
	token = strings.TrimFunc(token, isJSWhitespace)
	if token == "" {
		return "", Unauthorized(MsgMalformedToken)
	}
	return token, nil
}

// CheckAuthorization is GET /protected's "Bearer v1.<id>.<hmac>".
func (a *App) CheckAuthorization(header string) (int64, *HTTPError) {
	token, herr := ReadBearer(header)
	if herr != nil {
		if herr.Message == MsgMalformedToken {
			return 0, herr
		}
		return 0, herr
	}
	m := tokenPattern.FindStringSubmatch(token)
	if m == nil {
		return 0, Unauthorized(MsgMalformedToken)
	}
	id, err := strconv.ParseInt(m[1], 10, 64)
	if err != nil || id > 9007199254740991 {
		return 0, Unauthorized(MsgMalformedToken)
	}
	mac := hmac.New(sha256.New, []byte(a.Opts.AuthSecret))
	mac.Write([]byte("v1." + m[1]))
	got, _ := hex.DecodeString(m[2])
	if subtle.ConstantTimeCompare(got, mac.Sum(nil)) != 1 {
		return 0, Unauthorized(MsgInvalidSignature)
	}
	return id, nil
}

// Page is protectedPage's bytes.
func Page(userID, page, pageSize int64) []byte {
	b := make([]byte, 0, 64+pageSize*40)
	b = append(b, `{"userId":`...)
	b = strconv.AppendInt(b, userID, 10)
	b = append(b, `,"page":`...)
	b = strconv.AppendInt(b, page, 10)
	b = append(b, `,"pageSize":`...)
	b = strconv.AppendInt(b, pageSize, 10)
	b = append(b, `,"items":[`...)
	first := (page-1)*pageSize + 1
	for i := int64(0); i < pageSize; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		id := first + i
		b = append(b, `{"id":`...)
		b = strconv.AppendInt(b, id, 10)
		b = append(b, `,"title":"Item `...)
		b = strconv.AppendInt(b, id, 10)
		b = append(b, ` of user `...)
		b = strconv.AppendInt(b, userID, 10)
		b = append(b, `"}`...)
	}
	return append(b, "]}"...)
}

// PageQuery validates ?page&pageSize and answers the page.
func PageQuery(rawQuery string, userID int64) ([]byte, *HTTPError) {
	q, herr := ValidQuery(rawQuery, ProtectedQuerySchema)
	if herr != nil {
		return nil, herr
	}
	return Page(userID, q.Int("page"), q.Int("pageSize")), nil
}

// NonePage is GET /auth/none/items.
func NonePage(rawQuery string) ([]byte, *HTTPError) {
	q, herr := ValidQuery(rawQuery, NoneItemsQuerySchema)
	if herr != nil {
		return nil, herr
	}
	return Page(q.Int("userId"), q.Int("page"), q.Int("pageSize")), nil
}

// LogRequest writes GET /protected's pino line to standard output.
func (a *App) LogRequest(method, url string, status int, started time.Time, userID int64) {
	b := make([]byte, 0, 256)
	b = append(b, `{"level":30,"time":`...)
	b = strconv.AppendInt(b, time.Now().UnixMilli(), 10)
	b = append(b, `,"pid":`...)
	b = strconv.AppendInt(b, int64(os.Getpid()), 10)
	b = append(b, `,"hostname":`...)
	b = AppendString(b, a.hostname)
	b = append(b, `,"reqId":"req-`...)
	b = strconv.AppendUint(b, a.reqIDs.Add(1), 36)
	b = append(b, `","method":`...)
	b = AppendString(b, method)
	b = append(b, `,"url":`...)
	b = AppendString(b, url)
	b = append(b, `,"statusCode":`...)
	b = strconv.AppendInt(b, int64(status), 10)
	b = append(b, `,"responseTime":`...)
	b = AppendNumber(b, float64(time.Since(started).Nanoseconds())/1e6)
	b = append(b, `,"userId":`...)
	b = strconv.AppendInt(b, userID, 10)
	b = append(b, `,"msg":"request completed"}`...)
	b = append(b, '\n')
	a.logMu.Lock()
	_, _ = os.Stdout.Write(b)
	a.logMu.Unlock()
}

// ---- scenario 17: login, JWTs, sessions ----

var hashPattern = regexp.MustCompile(`^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$`)

// DecoyHash is checked for an unknown email, so that it costs a hash too.
var DecoyHash = "scrypt$16384$8$1$" + base64.StdEncoding.EncodeToString(make([]byte, 16)) + "$" + base64.StdEncoding.EncodeToString(make([]byte, 32))

func lenientBase64(s string) []byte {
	b, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
	if err != nil {
		return nil
	}
	return b
}

// VerifyPassword is the contract's verifyPassword: "scrypt$N$r$p$salt$key".
func VerifyPassword(password, hash string) bool {
	m := hashPattern.FindStringSubmatch(hash)
	if m == nil {
		return false
	}
	n, _ := strconv.Atoi(m[1])
	r, _ := strconv.Atoi(m[2])
	p, _ := strconv.Atoi(m[3])
	expected := lenientBase64(m[5])
	key, err := scrypt.Key([]byte(password), lenientBase64(m[4]), n, r, p, 32)
	if err != nil {
		return false
	}
	return len(key) == len(expected) && subtle.ConstantTimeCompare(key, expected) == 1
}

// AccessTokenIssuer is the JWTs' iss.
const AccessTokenIssuer = "backend-benchmark-lab"

type accessClaims struct {
	Sub string `json:"sub"`
	Iss string `json:"iss"`
	Iat int64  `json:"iat"`
	Exp int64  `json:"exp"`
}

func (c accessClaims) GetExpirationTime() (*jwt.NumericDate, error) { return nil, nil }
func (c accessClaims) GetIssuedAt() (*jwt.NumericDate, error)       { return nil, nil }
func (c accessClaims) GetNotBefore() (*jwt.NumericDate, error)      { return nil, nil }
func (c accessClaims) GetIssuer() (string, error)                   { return c.Iss, nil }
func (c accessClaims) GetSubject() (string, error)                  { return c.Sub, nil }
func (c accessClaims) GetAudience() (jwt.ClaimStrings, error)       { return nil, nil }

// IssueAccessToken is an HS256 JWT of the user, as jose's SignJWT makes it.
func (a *App) IssueAccessToken(userID int64, ttl int) (string, error) {
	now := time.Now().Unix()
	t := jwt.NewWithClaims(jwt.SigningMethodHS256, accessClaims{Sub: strconv.FormatInt(userID, 10), Iss: AccessTokenIssuer, Iat: now, Exp: now + int64(ttl)})
	return t.SignedString(a.jwtKey)
}

var subjectPattern = regexp.MustCompile(`^[1-9][0-9]{0,15}$`)
var errAlgorithm = errors.New("algorithm not allowed")

// VerifyAccessToken refuses what jose's jwtVerify refuses, with the contract's messages: the
// signature first, then the claims (any claim problem before the expiry), then the subject.
func (a *App) VerifyAccessToken(token string) (int64, *HTTPError) {
	parser := jwt.NewParser(jwt.WithoutClaimsValidation())
	claims := jwt.MapClaims{}
	_, err := parser.ParseWithClaims(token, claims, func(t *jwt.Token) (any, error) {
		if alg, _ := t.Header["alg"].(string); alg != "HS256" {
			return nil, errAlgorithm
		}
		return a.jwtKey, nil
	})
	if err != nil {
		if errors.Is(err, jwt.ErrTokenSignatureInvalid) {
			return 0, Unauthorized(MsgInvalidSignature)
		}
		return 0, Unauthorized(MsgInvalidAccessToken)
	}
	invalid := Unauthorized(MsgInvalidAccessToken)
	for _, required := range []string{"iss", "exp", "sub"} {
		if _, ok := claims[required]; !ok {
			return 0, invalid
		}
	}
	if iss, _ := claims["iss"].(string); iss != AccessTokenIssuer {
		return 0, invalid
	}
	now := float64(time.Now().Unix())
	if iat, ok := claims["iat"]; ok {
		if _, isNum := iat.(float64); !isNum {
			return 0, invalid
		}
	}
	if nbf, ok := claims["nbf"]; ok {
		n, isNum := nbf.(float64)
		if !isNum || n > now {
			return 0, invalid
		}
	}
	exp, isNum := claims["exp"].(float64)
	if !isNum {
		return 0, invalid
	}
	if exp <= now {
		return 0, Unauthorized(MsgExpiredToken)
	}
	sub, _ := claims["sub"].(string)
	if !subjectPattern.MatchString(sub) {
		return 0, invalid
	}
	id, err := strconv.ParseInt(sub, 10, 64)
	if err != nil || id > 9007199254740991 {
		return 0, invalid
	}
	return id, nil
}

// CheckAccessToken is scenario 17b's hook.
func (a *App) CheckAccessToken(header string) (int64, *HTTPError) {
	token, herr := ReadBearer(header)
	if herr != nil {
		return 0, herr
	}
	return a.VerifyAccessToken(token)
}

var sessionIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{43}$`)

// CheckSession is scenario 17c's hook: one GET in Redis.
func (a *App) CheckSession(ctx context.Context, header string) (int64, string, *HTTPError) {
	token, herr := ReadBearer(header)
	if herr != nil {
		return 0, "", herr
	}
	if !sessionIDPattern.MatchString(token) {
		return 0, "", Unauthorized(MsgMalformedToken)
	}
	stored, err := a.Redis.Get(ctx, "session:"+token).Result()
	if errors.Is(err, redis.Nil) {
		return 0, "", Unauthorized(MsgUnknownSession)
	}
	if err != nil {
		return 0, "", NewError(500, MsgInternal)
	}
	v, perr := ParseJSON([]byte(stored))
	if perr != nil || v.Kind != Object {
		return 0, "", NewError(500, MsgInternal)
	}
	u, ok := v.O.Get("userId")
	if !ok || u.Kind != Number {
		return 0, "", NewError(500, MsgInternal)
	}
	return int64(u.N), token, nil
}

// DeleteSession ends a session at once.
func (a *App) DeleteSession(ctx context.Context, sessionID string) *HTTPError {
	if err := a.Redis.Del(ctx, "session:"+sessionID).Err(); err != nil {
		return NewError(500, MsgInternal)
	}
	return nil
}

// Login answers POST /auth/login.
func (a *App) Login(ctx context.Context, body *Value) ([]byte, *HTTPError) {
	email, password := body.Str("email"), body.Str("password")
	conn, herr := a.acquire(ctx)
	if herr != nil {
		return nil, herr
	}
	var userID int64
	var hash string
	err := conn.QueryRow(ctx, a.queries["auth_credentials_by_email"], email).Scan(&userID, &hash)
	conn.Release()
	found := err == nil
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return nil, a.DatabaseError(err)
	}
	if !found {
		hash = DecoyHash
	}
	if ok := VerifyPassword(password, hash); !ok || !found {
		return nil, Unauthorized(MsgWrongCredentials)
	}
	token, err := a.IssueAccessToken(userID, a.Opts.AccessTokenTTLSeconds)
	if err != nil {
		return nil, NewError(500, MsgInternal)
	}
	raw := make([]byte, 32)
	_, _ = rand.Read(raw)
	sessionID := base64.RawURLEncoding.EncodeToString(raw)
	value := `{"userId":` + strconv.FormatInt(userID, 10) + `}`
	if err := a.Redis.Set(ctx, "session:"+sessionID, value, time.Duration(a.Opts.SessionTTLSeconds)*time.Second).Err(); err != nil {
		return nil, NewError(500, MsgInternal)
	}
	b := append([]byte(`{"userId":`), strconv.FormatInt(userID, 10)...)
	b = append(b, `,"tokenType":"Bearer","accessToken":`...)
	b = AppendString(b, token)
	b = append(b, `,"expiresIn":`...)
	b = strconv.AppendInt(b, int64(a.Opts.AccessTokenTTLSeconds), 10)
	b = append(b, `,"sessionId":`...)
	b = AppendString(b, sessionID)
	b = append(b, `,"sessionExpiresIn":`...)
	b = strconv.AppendInt(b, int64(a.Opts.SessionTTLSeconds), 10)
	return append(b, '}'), nil
}

// ---- GET /external ----

// External calls UPSTREAM_URL/quote; a failure is the contract's 502, too slow its 504.
func (a *App) External(ctx context.Context, rawQuery string) ([]byte, *HTTPError) {
	q, herr := ValidQuery(rawQuery, ExternalQuerySchema)
	if herr != nil {
		return nil, herr
	}
	target := a.quoteURL
	if q.Has("delayMs") {
		target += "?delayMs=" + strconv.FormatInt(q.Int("delayMs"), 10)
	}
	timeout := time.Duration(a.Opts.UpstreamTimeoutMs) * time.Millisecond
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	started := time.Now()
	text, herr := a.fetchQuote(cctx, target)
	if herr != nil {
		return nil, herr
	}
	ms := float64(time.Since(started).Nanoseconds()) / 1e6
	v, err := ParseJSON(text)
	if err != nil || Validate(UpstreamQuoteSchema, v, false) != nil {
		return nil, NewError(502, MsgUpstreamInvalidBody)
	}
	b := append([]byte(`{"upstream":`), AppendBySchema(nil, UpstreamQuoteSchema, v)...)
	b = append(b, `,"upstreamMs":`...)
	b = AppendNumber(b, ms)
	return append(b, '}'), nil
}

func (a *App) fetchQuote(ctx context.Context, target string) ([]byte, *HTTPError) {
	fail := func() *HTTPError {
		if ctx.Err() == context.DeadlineExceeded {
			return NewError(504, MsgUpstreamTimeout(a.Opts.UpstreamTimeoutMs))
		}
		return NewError(502, MsgUpstreamUnreachable)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return nil, NewError(502, MsgUpstreamUnreachable)
	}
	resp, err := a.upstream.Do(req)
	if err != nil {
		return nil, fail()
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		_, _ = io.Copy(io.Discard, resp.Body)
		return nil, NewError(502, MsgUpstreamStatus(resp.StatusCode))
	}
	text, err := io.ReadAll(bufio.NewReader(resp.Body))
	if err != nil {
		return nil, fail()
	}
	return text, nil
}
