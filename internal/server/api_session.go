package server

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/service"
)

// SessionInfo is the answer of signing in: the user and the CSRF token
// that cookie-authenticated writes carry in X-CSRF-Token.
type SessionInfo struct {
	User      *domain.User `json:"user"`
	CSRFToken string       `json:"csrf_token"`
	ExpiresAt *time.Time   `json:"expires_at,omitempty"`
}

func (s *Server) signIn(c echo.Context) error {
	var in service.Credentials
	if err := bind(c, &in); err != nil {
		return err
	}
	var old string
	if cookie, err := c.Cookie(SessionCookie); err == nil {
		old = cookie.Value
	}
	out, err := s.svc.SignIn(c.Request().Context(), in, old, c.RealIP(), c.Request().UserAgent(), requestIDOf(c))
	if err != nil {
		return err
	}
	c.SetCookie(&http.Cookie{Name: SessionCookie, Value: out.Secret, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.opts.SecureCookies})
	return ok(c, SessionInfo{User: out.User, CSRFToken: out.CSRFToken, ExpiresAt: &out.ExpiresAt})
}

// currentSession answers the signed-in user and, for a browser session,
// its CSRF token (for pages reloaded after sign-in).
func (s *Server) currentSession(c echo.Context) error {
	info := SessionInfo{User: actor(c).User}
	if ses, found := c.Get(sessionKey).(*domain.Session); found {
		info.CSRFToken, info.ExpiresAt = ses.CSRFToken, &ses.ExpiresAt
	}
	return ok(c, info)
}

func (s *Server) signOut(c echo.Context) error {
	if cookie, err := c.Cookie(SessionCookie); err == nil {
		if err := s.svc.SignOut(c.Request().Context(), actor(c), cookie.Value); err != nil {
			return err
		}
	}
	c.SetCookie(&http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.opts.SecureCookies})
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) me(c echo.Context) error { return ok(c, actor(c).User) }

// changePassword changes the caller's own password; the caller's other
// sessions end.
func (s *Server) changePassword(c echo.Context) error {
	var in service.PasswordChange
	if err := bind(c, &in); err != nil {
		return err
	}
	var current string
	if cookie, err := c.Cookie(SessionCookie); err == nil {
		current = cookie.Value
	}
	if err := s.svc.ChangePassword(c.Request().Context(), actor(c), current, in); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) listTokens(c echo.Context) error {
	tokens, err := s.svc.Tokens(c.Request().Context(), actor(c))
	if err != nil {
		return err
	}
	return list(c, tokens, len(tokens), domain.Page{Page: 1, PerPage: max(len(tokens), 1)})
}

func (s *Server) createToken(c echo.Context) error {
	var in service.NewToken
	if err := bind(c, &in); err != nil {
		return err
	}
	t, err := s.svc.CreateToken(c.Request().Context(), actor(c), in)
	if err != nil {
		return err
	}
	return created(c, t)
}

func (s *Server) revokeToken(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.svc.RevokeToken(c.Request().Context(), actor(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
