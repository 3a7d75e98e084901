// Package server is the HTTP side of CCHC Inspect: routes, middleware, the
// one error handler, and the handlers of the JSON API and of the pages.
package server

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/cchc-inspect/cchc/internal/service"
	"github.com/cchc-inspect/cchc/web"
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
	echo *echo.Echo
	svc  *service.Service
	opts Options
}

// New builds the router.
func New(svc *service.Service, opts Options) *Server {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	s := &Server{echo: e, svc: svc, opts: opts}
	e.HTTPErrorHandler = s.handleError
	e.Use(requestID, s.logRequests, s.recoverPanics, s.securityHeaders, timeout, s.limitBodies)
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.StaticFS("/static", web.Static())
	e.GET("/api/docs", s.apiDocs)
	s.routes()
	e.GET("/favicon.ico", func(c echo.Context) error { return c.Redirect(http.StatusMovedPermanently, "/static/favicon.svg") })
	return s
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.echo.ServeHTTP(w, r) }
