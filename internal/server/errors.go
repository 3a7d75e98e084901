package server

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/i18n"
)

// statusOf maps each error code to its HTTP status: the one place where
// domain errors become HTTP.
var statusOf = map[string]int{
	domain.EINVALID:         http.StatusUnprocessableEntity,
	domain.EMALFORMED:       http.StatusBadRequest,
	domain.ENOTFOUND:        http.StatusNotFound,
	domain.ECONFLICT:        http.StatusConflict,
	domain.EFORBIDDEN:       http.StatusForbidden,
	domain.EUNAUTHENTICATED: http.StatusUnauthorized,
	domain.ETOOLARGE:        http.StatusRequestEntityTooLarge,
	domain.EUNSUPPORTED:     http.StatusUnsupportedMediaType,
	domain.ETOOMANY:         http.StatusTooManyRequests,
	domain.EUNAVAILABLE:     http.StatusServiceUnavailable,
	domain.EINTERNAL:        http.StatusInternalServerError,
}

// Problem is an error answer (RFC 9457, application/problem+json).
type Problem struct {
	Type   string         `json:"type"`
	Title  string         `json:"title"`
	Status int            `json:"status"`
	Detail string         `json:"detail,omitempty"`
	Errors []ProblemField `json:"errors,omitempty"`
}

// ProblemField is one field's error in a Problem.
type ProblemField struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// handleError is the one error handler: it answers every error as
// problem+json and logs server errors with the request ID.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	p := s.problem(err, c)
	if p.Status >= 500 {
		s.opts.Logger.Error("request failed", "request_id", requestIDOf(c), "error", err.Error())
	}
	if isPage(c) && s.pages != nil {
		// A browser gets a page that says what went wrong, in its language.
		if rerr := s.render(c, p.Status, "error", &Page{Title: p.Title, Notice: p.Detail, NoticeKind: "error", Data: p}); rerr == nil {
			return
		}
	}
	var de *domain.Error
	if errors.As(err, &de) && de.Args["retry_after"] != "" {
		c.Response().Header().Set("Retry-After", de.Args["retry_after"])
	}
	c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
	if c.Request().Method == http.MethodHead {
		c.NoContent(p.Status)
		return
	}
	c.JSON(p.Status, p)
}

// isPage reports whether a request is for a page (not the API, not a
// health check, not an htmx fragment).
func isPage(c echo.Context) bool {
	p := c.Request().URL.Path
	return !strings.HasPrefix(p, "/api/v1/") && p != "/healthz" && p != "/readyz" && !strings.HasPrefix(p, "/static/") &&
		c.Request().Header.Get("HX-Request") != "true"
}

// problem turns an error into its answer, worded in the request's
// language (Vietnamese unless Accept-Language asks for English).
func (s *Server) problem(err error, c echo.Context) Problem {
	lang := i18n.Lang(c.Request().Header.Get("Accept-Language"))
	var (
		de *domain.Error
		he *echo.HTTPError
	)
	switch {
	case errors.As(err, &de):
	case errors.As(err, &he) && he.Code == http.StatusNotFound:
		de = &domain.Error{Code: domain.ENOTFOUND, Message: "no such address", Key: "route_not_found"}
	case errors.As(err, &he) && he.Code == http.StatusMethodNotAllowed:
		return Problem{Type: "about:blank", Title: title(lang, he.Code), Status: he.Code,
			Detail: i18n.T(lang, "error.method_not_allowed", map[string]string{"method": c.Request().Method})}
	case errors.As(err, &he):
		return Problem{Type: "about:blank", Title: title(lang, he.Code), Status: he.Code}
	default:
		de = &domain.Error{Code: domain.EINTERNAL, Key: "internal"}
	}
	status := statusOf[de.Code]
	if status == 0 {
		status = http.StatusInternalServerError
	}
	p := Problem{Type: "urn:cchc:problem:" + de.Code, Title: title(lang, status), Status: status, Detail: detail(lang, de, c)}
	for _, f := range de.Fields {
		p.Errors = append(p.Errors, ProblemField{Field: f.Field, Code: f.Code, Message: fieldMessage(lang, f)})
	}
	return p
}

func title(lang string, status int) string {
	if t := i18n.T(lang, "title."+strconv.Itoa(status), nil); t != "" {
		return t
	}
	return http.StatusText(status)
}

// detail words an error; entity names in its arguments are translated.
// Internal errors never show their cause, only the request ID to quote.
func detail(lang string, de *domain.Error, c echo.Context) string {
	if de.Code == domain.EINTERNAL {
		return i18n.T(lang, "error.internal", map[string]string{"request_id": requestIDOf(c)})
	}
	return problemDetail(lang, de)
}

// problemDetail words a (non-internal) error in the language.
func problemDetail(lang string, de *domain.Error) string {
	key := de.Key
	if key == "" {
		key = de.Code
	}
	args := map[string]string{}
	for k, v := range de.Args {
		args[k] = v
	}
	if e, ok := args["entity"]; ok {
		args["entity"] = entityLabel(lang, e)
	}
	if msg := i18n.T(lang, "error."+key, args); msg != "" {
		return capitalize(msg)
	}
	return de.Message
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// entityLabel names a kind of record in the language.
func entityLabel(lang, entity string) string {
	if l := i18n.T(lang, "entity."+strings.ReplaceAll(entity, " ", "_"), nil); l != "" {
		return l
	}
	return entity
}

// fieldMessage says in words what a field error means.
func fieldMessage(lang string, f domain.FieldError) string {
	if m := i18n.T(lang, "field."+f.Code, map[string]string{"Field": f.Field, "Param": f.Param}); m != "" {
		return m
	}
	if f.Param != "" {
		return f.Field + ": " + f.Code + " " + f.Param
	}
	return f.Field + ": " + f.Code
}
