package server

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/i18n"
	"github.com/cchc-inspect/cchc/internal/service"
	"github.com/cchc-inspect/cchc/web"
)

// LangCookie remembers the language a user chose for the pages.
const LangCookie = "cchc_lang"

// Page is what every page template receives.
type Page struct {
	Lang string
	User *domain.User
	CSRF string
	Path string
	// URI is the page's path with its query, to come back to.
	URI   string
	Title string
	// Notice is a message to show at the top (a saved change, a failure).
	Notice, NoticeKind string
	// Form holds the values the user typed, shown again after an error;
	// Errors the message of each field that was refused.
	Form   url.Values
	Errors map[string]string
	// Data is the page's own content.
	Data any
}

// pages holds the parsed templates, one per page, each with the layout.
type pages struct {
	byName map[string]*template.Template
}

// loadPages parses every page template with the layout and the partials.
func loadPages() (*pages, error) {
	fsys := web.Templates()
	shared := []string{"layout.html", "partials.html"}
	names, err := fs.Glob(fsys, "page_*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, name := range names {
		t, err := template.New(name).Funcs(pageFuncs).ParseFS(fsys, append(append([]string{}, shared...), name)...)
		if err != nil {
			return nil, fmt.Errorf("page %s: %w", name, err)
		}
		p.byName[strings.TrimSuffix(strings.TrimPrefix(name, "page_"), ".html")] = t
	}
	return p, nil
}

// render writes a whole page.
func (s *Server) render(c echo.Context, status int, name string, p *Page) error {
	return s.renderBlock(c, status, name, "layout", p)
}

// renderBlock writes one block of a page: the whole page ("layout") or a
// part that htmx swaps in place.
func (s *Server) renderBlock(c echo.Context, status int, name, block string, p *Page) error {
	t, ok := s.pages.byName[name]
	if !ok {
		return fmt.Errorf("no page %q", name)
	}
	s.fillPage(c, p)
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, block, p); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.HTMLBlob(status, buf.Bytes())
}

// fillPage sets what every page needs: the language, the user, the CSRF
// token and the notice carried by ?msg= after a redirect.
func (s *Server) fillPage(c echo.Context, p *Page) {
	p.Lang = pageLang(c)
	p.Path = c.Request().URL.Path
	p.URI = c.Request().URL.RequestURI()
	if a := actor(c); a.User != nil {
		p.User = a.User
	}
	if ses, ok := c.Get(sessionKey).(*domain.Session); ok {
		p.CSRF = ses.CSRFToken
	}
	if p.Notice == "" {
		if m := c.QueryParam("msg"); m != "" && i18n.T(p.Lang, "ui.msg."+m, nil) != "" {
			p.Notice, p.NoticeKind = i18n.T(p.Lang, "ui.msg."+m, nil), "ok"
		}
	}
	if p.Errors == nil {
		p.Errors = map[string]string{}
	}
	if p.Form == nil {
		p.Form = url.Values{}
	}
}

// pageLang is the language of the pages: the one the user chose, else Vietnamese.
func pageLang(c echo.Context) string {
	if ck, err := c.Cookie(LangCookie); err == nil && (ck.Value == "en" || ck.Value == "vi") {
		return ck.Value
	}
	return "vi"
}

// pageAuth lets signed-in users through and sends others to the sign-in
// page; a page's form posts must carry the session's CSRF token.
func (s *Server) pageAuth(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		toLogin := func() error {
			return c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(c.Request().URL.RequestURI()))
		}
		cookie, err := c.Cookie(SessionCookie)
		if err != nil {
			return toLogin()
		}
		u, ses, err := s.svc.Authenticate(c.Request().Context(), cookie.Value)
		if domain.ErrorCode(err) == domain.EUNAUTHENTICATED {
			return toLogin()
		}
		if err != nil {
			return err
		}
		c.Set(actorKey, service.Actor{User: u, RequestID: requestIDOf(c)})
		c.Set(sessionKey, ses)
		if unsafe(c.Request().Method) && !service.CheckCSRF(ses, csrfToken(c)) {
			return &domain.Error{Code: domain.EFORBIDDEN, Message: "missing or wrong CSRF token", Key: "csrf"}
		}
		return next(c)
	}
}

// formErrors turns a validation error into messages by field, in the
// page's language; other errors become the page's notice. It returns
// false for errors a page cannot show (they go to the error handler).
func formErrors(lang string, err error, p *Page) bool {
	var de *domain.Error
	if !errors.As(err, &de) {
		return false
	}
	switch de.Code {
	case domain.EINVALID, domain.EMALFORMED, domain.ECONFLICT, domain.EFORBIDDEN, domain.ETOOLARGE, domain.EUNSUPPORTED, domain.ETOOMANY:
	default:
		return false
	}
	if p.Errors == nil {
		p.Errors = map[string]string{}
	}
	for _, f := range de.Fields {
		p.Errors[f.Field] = pageFieldMessage(lang, f)
	}
	p.NoticeKind = "error"
	p.Notice = problemDetail(lang, de)
	return true
}

// pageFieldMessage words a field error for a page: the field is named by
// its label, as the form shows it ("Họ và tên: bắt buộc phải nhập.").
func pageFieldMessage(lang string, f domain.FieldError) string {
	if label := i18n.T(lang, "ui.f."+f.Field, nil); label != "" {
		f.Field = label
	}
	return fieldMessage(lang, f)
}

// redirectWith answers a form post by sending the browser to a page, with a
// notice key to show there.
func redirectWith(c echo.Context, to, msg string) error {
	if msg != "" {
		to, frag, _ := strings.Cut(to, "#")
		sep := "?"
		if strings.Contains(to, "?") {
			sep = "&"
		}
		to += sep + "msg=" + url.QueryEscape(msg)
		if frag != "" {
			to += "#" + frag
		}
		return redirectTo(c, to)
	}
	return redirectTo(c, to)
}

func redirectTo(c echo.Context, to string) error {
	if c.Request().Header.Get("HX-Request") == "true" {
		c.Response().Header().Set("HX-Redirect", to)
		return c.NoContent(http.StatusNoContent)
	}
	return c.Redirect(http.StatusSeeOther, to)
}

// safeNext keeps a redirect target on this site.
func safeNext(next string) string {
	u, err := url.Parse(next)
	if err != nil || u.IsAbs() || u.Host != "" || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		return "/"
	}
	return path.Clean(u.Path) + func() string {
		if u.RawQuery != "" {
			return "?" + u.RawQuery
		}
		return ""
	}()
}
