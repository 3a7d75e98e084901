// Package server is the HTTP side of CCHC Inspect: routes, middleware, the
// one error handler, and the handlers of the JSON API and of the pages.
package server

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/cchc-inspect/cchc/internal/service"
)

// Options are what the server needs besides the service.
type Options struct {
	// Ready reports whether the database answers and is migrated (/readyz).
	Ready   func(ctx context.Context) error
	Logger  *slog.Logger
	Version string
	// SecureCookies marks cookies Secure: set it when users reach the app
	// over HTTPS (directly or through a TLS proxy).
	SecureCookies bool
}

// Server holds the router and what the handlers share.
type Server struct {
	echo  *echo.Echo
	svc   *service.Service
	opts  Options
	pages *pages
}

// New builds the router.
func New(svc *service.Service, opts Options) *Server {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	s := &Server{echo: e, svc: svc, opts: opts}
	var err error
	if s.pages, err = loadPages(); err != nil {
		panic(err) // the templates are embedded: a broken one is caught by every test
	}
	e.HTTPErrorHandler = s.handleError
	e.Pre(compress())
	e.Use(requestID, s.logRequests, s.recoverPanics, s.securityHeaders, timeout, s.limitBodies)
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/static/*", staticFiles())
	e.GET("/api/docs", s.apiDocs)
	s.routes()
	s.pageRoutes()
	e.GET("/favicon.ico", func(c echo.Context) error { return c.Redirect(http.StatusMovedPermanently, "/static/favicon.svg") })
	s.registerMetrics()
	return s
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.echo.ServeHTTP(w, r) }
