package server

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/service"
)

func (s *Server) loginPage(c echo.Context) error {
	return s.render(c, http.StatusOK, "login", &Page{Title: "login", Form: url.Values{"next": {c.QueryParam("next")}}})
}

// loginPost signs in from the form and goes where the user was going.
func (s *Server) loginPost(c echo.Context) error {
	p := &Page{Title: "login", Form: url.Values{"username": {c.FormValue("username")}, "next": {c.FormValue("next")}}}
	var old string
	if ck, err := c.Cookie(SessionCookie); err == nil {
		old = ck.Value
	}
	in := service.Credentials{Username: c.FormValue("username"), Password: c.FormValue("password")}
	out, err := s.svc.SignIn(c.Request().Context(), in, old, c.RealIP(), c.Request().UserAgent(), requestIDOf(c))
	if err != nil {
		lang := pageLang(c)
		var de *domain.Error
		switch {
		case formErrors(lang, err, p):
		case errors.As(err, &de) && de.Code == domain.EUNAUTHENTICATED:
			p.Notice, p.NoticeKind = problemDetail(lang, de), "error"
		default:
			return err
		}
		status := http.StatusUnprocessableEntity
		if domain.ErrorCode(err) == domain.ETOOMANY {
			status = http.StatusTooManyRequests
		}
		return s.render(c, status, "login", p)
	}
	c.SetCookie(&http.Cookie{Name: SessionCookie, Value: out.Secret, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.opts.SecureCookies})
	return c.Redirect(http.StatusSeeOther, safeNext(c.FormValue("next")))
}

func (s *Server) logoutPost(c echo.Context) error {
	if ck, err := c.Cookie(SessionCookie); err == nil {
		if err := s.svc.SignOut(c.Request().Context(), actor(c), ck.Value); err != nil {
			return err
		}
	}
	c.SetCookie(&http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.opts.SecureCookies})
	return c.Redirect(http.StatusSeeOther, "/login")
}

// setLang remembers the language the user chose, for a year.
func (s *Server) setLang(c echo.Context) error {
	to := c.QueryParam("to")
	if to != "en" {
		to = "vi"
	}
	c.SetCookie(&http.Cookie{Name: LangCookie, Value: to, Path: "/", MaxAge: 365 * 24 * 3600, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.opts.SecureCookies})
	return c.Redirect(http.StatusSeeOther, safeNext(c.QueryParam("next")))
}

func (s *Server) passwordPage(c echo.Context) error {
	return s.render(c, http.StatusOK, "password", &Page{Title: "password"})
}

func (s *Server) passwordPost(c echo.Context) error {
	var current string
	if ck, err := c.Cookie(SessionCookie); err == nil {
		current = ck.Value
	}
	in := service.PasswordChange{CurrentPassword: c.FormValue("current_password"), NewPassword: c.FormValue("new_password")}
	if err := s.svc.ChangePassword(c.Request().Context(), actor(c), current, in); err != nil {
		p := &Page{Title: "password"}
		if !formErrors(pageLang(c), err, p) {
			return err
		}
		return s.render(c, http.StatusUnprocessableEntity, "password", p)
	}
	return redirectWith(c, "/", "password_changed")
}
