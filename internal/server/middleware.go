package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
)

const requestIDKey = "request_id"

var requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// requestID gives every request an ID, taken from a well-formed
// X-Request-Id header (set by a proxy) or made up, and echoes it back.
func requestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id := c.Request().Header.Get(echo.HeaderXRequestID)
		if !requestIDPattern.MatchString(id) {
			b := make([]byte, 12)
			rand.Read(b)
			id = hex.EncodeToString(b)
		}
		c.Set(requestIDKey, id)
		c.Response().Header().Set(echo.HeaderXRequestID, id)
		return next(c)
	}
}

func requestIDOf(c echo.Context) string {
	id, _ := c.Get(requestIDKey).(string)
	return id
}

// logRequests writes one log line per request, after the error handler
// has decided its status.
func (s *Server) logRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		if err := next(c); err != nil {
			c.Error(err)
		}
		res := c.Response()
		level := slog.LevelInfo
		if res.Status >= 500 {
			level = slog.LevelError
		}
		s.opts.Logger.LogAttrs(c.Request().Context(), level, "request",
			slog.String("request_id", requestIDOf(c)),
			slog.String("method", c.Request().Method),
			slog.String("path", c.Request().URL.Path),
			slog.Int("status", res.Status),
			slog.Int64("bytes", res.Size),
			slog.Float64("ms", float64(time.Since(start).Microseconds())/1000),
			slog.String("ip", c.RealIP()))
		return nil
	}
}

// recoverPanics turns a panic into a 500 and logs its stack: a panic is a
// bug, but it must not take the server down.
func (s *Server) recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				s.opts.Logger.Error("panic", "request_id", requestIDOf(c), "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				err = fmt.Errorf("panic: %v", r)
			}
		}()
		return next(c)
	}
}

// RequestTimeout bounds the work of one request, database queries included:
// a database that stops answering gives 503s, not requests that hang.
const RequestTimeout = 15 * time.Second

// ExportTimeout bounds the generation of a document or a workbook, which
// reads a whole visit or a whole year.
const ExportTimeout = 5 * time.Minute

// timeout gives each request a deadline (uploads and exports included).
func timeout(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		limit := RequestTimeout
		if p := c.Request().URL.Path; strings.HasSuffix(p, ".xlsx") || strings.HasSuffix(p, ".docx") {
			limit = ExportTimeout
		}
		ctx, cancel := context.WithTimeout(c.Request().Context(), limit)
		defer cancel()
		c.SetRequest(c.Request().WithContext(ctx))
		return next(c)
	}
}

// limitBodies bounds every request body before anything reads it (the CSRF
// check reads a form's fields): JSON bodies to MaxJSONBody, uploads to the
// upload limit and a little for the form's other fields.
func (s *Server) limitBodies(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if req.Body != nil && req.Body != http.NoBody {
			limit := int64(MaxJSONBody)
			if strings.HasPrefix(req.Header.Get(echo.HeaderContentType), echo.MIMEMultipartForm) && s.svc != nil {
				limit = s.svc.MaxUpload + 64<<10
			}
			req.Body = http.MaxBytesReader(c.Response(), req.Body, limit)
		}
		return next(c)
	}
}

// securityHeaders sets the browser protections of every answer: a strict
// Content-Security-Policy (no inline script, nothing from other hosts), no
// framing, no type sniffing, no referrer to other sites, and HSTS when the
// app is reached over HTTPS.
func (s *Server) securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "+
			"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Permissions-Policy", "geolocation=(), microphone=(), camera=(self)")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if s.opts.SecureCookies {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		return next(c)
	}
}
