// The common API (scenarios 01-08) and authentication (17) on Fiber v3 (fasthttp). What the
// routes share with go-gin (validation, messages, JSON bytes, SQL, tokens, clients) is in
// ../go-common.
package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/gofiber/fiber/v3"

	common "lab/gocommon"
)

const name = "go-fiber"

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
	server := newApp(app)
	fmt.Printf("%s listening on http://%s\n", name, net.JoinHostPort(opts.Host, strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)))

	done := make(chan error, 1)
	go func() {
		signals := make(chan os.Signal, 1)
		signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
		<-signals
		// In-flight requests finish; idle keep-alive connections close.
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		done <- server.ShutdownWithContext(ctx)
	}()
	if err := server.Listener(ln, fiber.ListenConfig{DisableStartupMessage: true}); err != nil {
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

func send(c fiber.Ctx, status int, body []byte) error {
	c.Set(fiber.HeaderContentType, common.ContentTypeJSON)
	return c.Status(status).Send(body)
}

func fail(c fiber.Ctx, e *common.HTTPError) error {
	for _, h := range e.Headers {
		c.Set(h[0], h[1])
	}
	return send(c, e.Status, e.Body())
}

func bodyOf(c fiber.Ctx) common.BodyRequest {
	h := &c.Request().Header
	cl := int64(h.ContentLength())
	return common.BodyRequest{
		ContentType:    string(h.ContentType()),
		HasContentType: len(h.ContentType()) > 0,
		ContentLength:  cl,
		Chunked:        cl == -1,
		Body:           bodyReader(c),
	}
}

// bodyReader is the request body as a stream (StreamRequestBody), never read whole by fasthttp.
func bodyReader(c fiber.Ctx) io.Reader {
	if r := c.Request().BodyStream(); r != nil {
		return r
	}
	return bytes.NewReader(c.Request().Body())
}

// get answers HEAD too, as Fastify and Express do for every GET route.
func get(f *fiber.App, path string, handler any, handlers ...any) {
	f.Add([]string{fiber.MethodGet, fiber.MethodHead}, path, handler, handlers...)
}

// drainRefused reads off the rest of a refused upload before the answer, which fasthttp sends
// only once the handler returns: to its end, or until the client has sent nothing for a moment
// (a client that waits for the answer before it ends the body). Closing a connection with unread
// bytes would reset it under the client before it read the answer; so the connection is closed
// after the answer only when there may be more to come.
func drainRefused(c fiber.Ctx, stream io.Reader) {
	conn := c.RequestCtx().Conn()
	started := time.Now()
	buf := make([]byte, 64*1024)
	for time.Since(started) < 30*time.Second {
		_ = conn.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
		if _, err := stream.Read(buf); err != nil {
			if err == io.EOF {
				_ = conn.SetReadDeadline(time.Time{})
				return
			}
			break
		}
	}
	_ = conn.SetReadDeadline(time.Time{})
	c.Set(fiber.HeaderConnection, "close")
}

func query(c fiber.Ctx) string { return string(c.Request().URI().QueryString()) }

func result(c fiber.Ctx, status int, body []byte, herr *common.HTTPError) error {
	if herr != nil {
		return fail(c, herr)
	}
	return send(c, status, body)
}

func newApp(app *common.App) *fiber.App {
	f := fiber.New(fiber.Config{
		// Paths match exactly: /health/ and /HEALTH are unknown routes.
		StrictRouting: true,
		CaseSensitive: true,
		// Node's parser knows QUERY (RFC draft) and the Node servers answer it like any unknown
		// route; Fiber answers methods it does not know with 501, which the contract has not.
		RequestMethods: append(append([]string{}, fiber.DefaultMethods...), "QUERY"),
		// Bodies are streamed: /upload hashes files as they arrive, and the JSON routes hold
		// their 1 MiB limit themselves, with the contract's 413.
		StreamRequestBody:            true,
		BodyLimit:                    common.BodyLimitBytes,
		DisablePreParseMultipartForm: true,
		ErrorHandler: func(c fiber.Ctx, err error) error {
			fmt.Fprintln(os.Stderr, err)
			return fail(c, common.NewError(500, common.MsgInternal))
		},
	})

	get(f, "/health", func(c fiber.Ctx) error { return send(c, 200, []byte(`{"status":"ok"}`)) })

	f.Post("/echo", func(c fiber.Ctx) error {
		v, herr := common.ValidBody(bodyOf(c), common.EchoSchema)
		if herr != nil {
			return fail(c, herr)
		}
		return send(c, 200, common.EchoBody(v))
	})

	get(f, "/external", func(c fiber.Ctx) error {
		body, herr := app.External(c.Context(), query(c))
		return result(c, 200, body, herr)
	})

	// Scenario 06: authentication, then the request log, then validation, then the handler.
	get(f, "/protected", func(c fiber.Ctx) error {
		started := time.Now()
		userID, herr := app.CheckAuthorization(c.Get(fiber.HeaderAuthorization))
		if herr != nil {
			return fail(c, herr)
		}
		c.Locals("userId", userID)
		err := c.Next()
		app.LogRequest(c.Method(), c.OriginalURL(), c.Response().StatusCode(), started, userID)
		return err
	}, func(c fiber.Ctx) error {
		body, herr := common.PageQuery(query(c), fiber.Locals[int64](c, "userId"))
		return result(c, 200, body, herr)
	})

	f.Post("/upload", func(c fiber.Ctx) error {
		ct := c.Get(fiber.HeaderContentType)
		if !common.IsMultipartFormData(ct) {
			return fail(c, common.NewError(415, common.MsgNotMultipart))
		}
		stream := bodyReader(c)
		body, herr := common.ReadUpload(ct, stream, app.Opts.UploadLimitBytes)
		if herr != nil {
			drainRefused(c, stream)
		}
		return result(c, 200, body, herr)
	})

	get(f, "/users", func(c fiber.Ctx) error {
		q, herr := common.ValidQuery(query(c), common.UsersQuerySchema)
		if herr != nil {
			return fail(c, herr)
		}
		body, herr := app.ListUsers(c.Context(), q.Int("limit"))
		return result(c, 200, body, herr)
	})
	get(f, "/users/:id", func(c fiber.Ctx) error {
		id, herr := common.ValidUserID(c.Params("id"))
		if herr != nil {
			return fail(c, herr)
		}
		body, herr := app.GetUser(c.Context(), id)
		return result(c, 200, body, herr)
	})
	f.Post("/users", func(c fiber.Ctx) error {
		v, herr := common.ValidBody(bodyOf(c), common.CreateUserSchema)
		if herr != nil {
			return fail(c, herr)
		}
		id, body, herr := app.CreateUser(c.Context(), v)
		if herr != nil {
			return fail(c, herr)
		}
		c.Set(fiber.HeaderLocation, "/users/"+strconv.FormatInt(id, 10))
		return send(c, 201, body)
	})

	// Scenario 17.
	f.Post("/auth/login", func(c fiber.Ctx) error {
		v, herr := common.ValidBody(bodyOf(c), common.LoginSchema)
		if herr != nil {
			return fail(c, herr)
		}
		body, herr := app.Login(c.Context(), v)
		return result(c, 200, body, herr)
	})
	get(f, "/auth/none/items", func(c fiber.Ctx) error {
		body, herr := common.NonePage(query(c))
		return result(c, 200, body, herr)
	})
	jwtAuth := func(c fiber.Ctx) error {
		userID, herr := app.CheckAccessToken(c.Get(fiber.HeaderAuthorization))
		if herr != nil {
			return fail(c, herr)
		}
		c.Locals("userId", userID)
		return c.Next()
	}
	sessionAuth := func(c fiber.Ctx) error {
		userID, sessionID, herr := app.CheckSession(c.Context(), c.Get(fiber.HeaderAuthorization))
		if herr != nil {
			return fail(c, herr)
		}
		c.Locals("userId", userID)
		c.Locals("sessionId", sessionID)
		return c.Next()
	}
	items := func(c fiber.Ctx) error {
		body, herr := common.PageQuery(query(c), fiber.Locals[int64](c, "userId"))
		return result(c, 200, body, herr)
	}
	get(f, "/auth/jwt/items", jwtAuth, items)
	get(f, "/auth/session/items", sessionAuth, items)
	f.Delete("/auth/session", sessionAuth, func(c fiber.Ctx) error {
		if herr := app.DeleteSession(c.Context(), fiber.Locals[string](c, "sessionId")); herr != nil {
			return fail(c, herr)
		}
		return c.SendStatus(204)
	})

	// Anything else, including a known path with another method, is the contract's 404.
	f.Use(func(c fiber.Ctx) error {
		return fail(c, common.NewError(404, common.MsgRouteNotFound(c.Method(), c.OriginalURL())))
	})
	return f
}
