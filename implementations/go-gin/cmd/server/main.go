// The common API (scenarios 01-08) and authentication (17) on Gin. What the routes share with
// go-fiber (validation, messages, JSON bytes, SQL, tokens, clients) is in ../go-common.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/gin-gonic/gin"

	common "lab/gocommon"
)

const name = "go-gin"

func main() {
	opts, err := common.ReadOptions()
	if err != nil {
		common.Fail(name, err)
	}
	app, err := common.NewApp(opts)
	if err != nil {
		common.Fail(name, err)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(opts.Host, strconv.Itoa(opts.Port)))
	if err != nil {
		common.Fail(name, err)
	}
	server := &http.Server{Handler: newRouter(app), ReadHeaderTimeout: 30 * time.Second}
	fmt.Printf("%s listening on http://%s\n", name, net.JoinHostPort(opts.Host, strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)))

	done := make(chan error, 1)
	go func() {
		signals := make(chan os.Signal, 1)
		signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
		<-signals
		// In-flight requests finish; idle keep-alive connections close.
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		done <- server.Shutdown(ctx)
	}()
	if err := server.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	shutdownErr := <-done
	app.Close()
	if shutdownErr != nil {
		fmt.Fprintln(os.Stderr, shutdownErr)
		os.Exit(1)
	}
}

func send(c *gin.Context, status int, body []byte) {
	c.Header("Content-Length", strconv.Itoa(len(body)))
	c.Data(status, common.ContentTypeJSON, body)
}

func fail(c *gin.Context, e *common.HTTPError) {
	for _, h := range e.Headers {
		c.Header(h[0], h[1])
	}
	send(c, e.Status, e.Body())
	c.Abort()
}

func bodyOf(c *gin.Context) common.BodyRequest {
	r := c.Request
	return common.BodyRequest{
		ContentType:    r.Header.Get("Content-Type"),
		HasContentType: len(r.Header.Values("Content-Type")) > 0,
		ContentLength:  r.ContentLength,
		Chunked:        len(r.TransferEncoding) > 0,
		Body:           r.Body,
	}
}

func get(r *gin.Engine, path string, handlers ...gin.HandlerFunc) {
	// Fastify and Express answer HEAD for every GET route.
	r.Match([]string{http.MethodGet, http.MethodHead}, path, handlers...)
}

func newRouter(app *common.App) *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	// Paths match exactly: /health/ and /users/1/ are unknown routes, not redirects.
	r.RedirectTrailingSlash = false
	r.RedirectFixedPath = false
	// A known path with another method is a 404 too, as on Fastify.
	r.HandleMethodNotAllowed = false
	r.NoRoute(func(c *gin.Context) {
		fail(c, common.NewError(404, common.MsgRouteNotFound(c.Request.Method, c.Request.RequestURI)))
	})
	r.Use(gin.CustomRecovery(func(c *gin.Context, recovered any) {
		fmt.Fprintln(os.Stderr, recovered)
		fail(c, common.NewError(500, common.MsgInternal))
	}))

	get(r, "/health", func(c *gin.Context) { send(c, 200, []byte(`{"status":"ok"}`)) })

	r.POST("/echo", func(c *gin.Context) {
		v, herr := common.ValidBody(bodyOf(c), common.EchoSchema)
		if herr != nil {
			fail(c, herr)
			return
		}
		send(c, 200, common.EchoBody(v))
	})

	get(r, "/external", func(c *gin.Context) {
		body, herr := app.External(c.Request.Context(), c.Request.URL.RawQuery)
		if herr != nil {
			fail(c, herr)
			return
		}
		send(c, 200, body)
	})

	// Scenario 06: authentication, then the request log, then validation, then the handler.
	get(r, "/protected", func(c *gin.Context) {
		started := time.Now()
		userID, herr := app.CheckAuthorization(c.GetHeader("Authorization"))
		if herr != nil {
			fail(c, herr)
			return
		}
		c.Set("userId", userID)
		c.Next()
		app.LogRequest(c.Request.Method, c.Request.RequestURI, c.Writer.Status(), started, userID)
	}, func(c *gin.Context) {
		body, herr := common.PageQuery(c.Request.URL.RawQuery, c.GetInt64("userId"))
		if herr != nil {
			fail(c, herr)
			return
		}
		send(c, 200, body)
	})

	r.POST("/upload", func(c *gin.Context) { upload(c, app) })

	get(r, "/users", func(c *gin.Context) {
		q, herr := common.ValidQuery(c.Request.URL.RawQuery, common.UsersQuerySchema)
		if herr == nil {
			var body []byte
			if body, herr = app.ListUsers(c.Request.Context(), q.Int("limit")); herr == nil {
				send(c, 200, body)
				return
			}
		}
		fail(c, herr)
	})
	get(r, "/users/:id", func(c *gin.Context) {
		id, herr := common.ValidUserID(c.Param("id"))
		if herr == nil {
			var body []byte
			if body, herr = app.GetUser(c.Request.Context(), id); herr == nil {
				send(c, 200, body)
				return
			}
		}
		fail(c, herr)
	})
	r.POST("/users", func(c *gin.Context) {
		v, herr := common.ValidBody(bodyOf(c), common.CreateUserSchema)
		if herr == nil {
			var id int64
			var body []byte
			if id, body, herr = app.CreateUser(c.Request.Context(), v); herr == nil {
				c.Header("Location", "/users/"+strconv.FormatInt(id, 10))
				send(c, 201, body)
				return
			}
		}
		fail(c, herr)
	})

	// Scenario 17.
	r.POST("/auth/login", func(c *gin.Context) {
		v, herr := common.ValidBody(bodyOf(c), common.LoginSchema)
		if herr == nil {
			var body []byte
			if body, herr = app.Login(c.Request.Context(), v); herr == nil {
				send(c, 200, body)
				return
			}
		}
		fail(c, herr)
	})
	get(r, "/auth/none/items", func(c *gin.Context) {
		body, herr := common.NonePage(c.Request.URL.RawQuery)
		if herr != nil {
			fail(c, herr)
			return
		}
		send(c, 200, body)
	})
	jwtAuth := func(c *gin.Context) {
		userID, herr := app.CheckAccessToken(c.GetHeader("Authorization"))
		if herr != nil {
			fail(c, herr)
			return
		}
		c.Set("userId", userID)
	}
	sessionAuth := func(c *gin.Context) {
		userID, sessionID, herr := app.CheckSession(c.Request.Context(), c.GetHeader("Authorization"))
		if herr != nil {
			fail(c, herr)
			return
		}
		c.Set("userId", userID)
		c.Set("sessionId", sessionID)
	}
	items := func(c *gin.Context) {
		body, herr := common.PageQuery(c.Request.URL.RawQuery, c.GetInt64("userId"))
		if herr != nil {
			fail(c, herr)
			return
		}
		send(c, 200, body)
	}
	get(r, "/auth/jwt/items", jwtAuth, items)
	get(r, "/auth/session/items", sessionAuth, items)
	r.DELETE("/auth/session", sessionAuth, func(c *gin.Context) {
		if herr := app.DeleteSession(c.Request.Context(), c.GetString("sessionId")); herr != nil {
			fail(c, herr)
			return
		}
		c.Status(204)
		c.Writer.WriteHeaderNow()
	})
	return r
}

// upload answers POST /upload. A refusal goes out as soon as it is known (a file past the limit
// while the client still sends), and the rest of the body is then read off unparsed, so that the
// client is neither left hanging nor reset before it reads the answer.
func upload(c *gin.Context, app *common.App) {
	ct := c.GetHeader("Content-Type")
	if !common.IsMultipartFormData(ct) {
		fail(c, common.NewError(415, common.MsgNotMultipart))
		return
	}
	rc := http.NewResponseController(c.Writer)
	_ = rc.EnableFullDuplex()
	body, herr := common.ReadUpload(ct, c.Request.Body, app.Opts.UploadLimitBytes)
	if herr == nil {
		send(c, 200, body)
		return
	}
	fail(c, herr)
	_ = rc.Flush()
	_ = rc.SetReadDeadline(time.Now().Add(60 * time.Second))
	_, _ = io.Copy(io.Discard, c.Request.Body)
}
