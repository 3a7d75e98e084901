package server

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/cchc-inspect/cchc/internal/domain"
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
	c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
	if c.Request().Method == http.MethodHead {
		c.NoContent(p.Status)
		return
	}
	c.JSON(p.Status, p)
}

func (s *Server) problem(err error, c echo.Context) Problem {
	var (
		de *domain.Error
		he *echo.HTTPError
	)
	switch {
	case errors.As(err, &de):
		status := statusOf[de.Code]
		if status == 0 {
			status = http.StatusInternalServerError
		}
		p := Problem{Type: "urn:cchc:problem:" + de.Code, Title: http.StatusText(status), Status: status, Detail: de.Message}
		if status >= 500 {
			p.Detail = "" // internal details stay in the log
		}
		for _, f := range de.Fields {
			p.Errors = append(p.Errors, ProblemField{Field: f.Field, Code: f.Code, Message: fieldMessage(f)})
		}
		return p
	case errors.As(err, &he):
		return Problem{Type: "about:blank", Title: http.StatusText(he.Code), Status: he.Code}
	}
	return Problem{Type: "urn:cchc:problem:internal", Title: http.StatusText(http.StatusInternalServerError), Status: http.StatusInternalServerError}
}

// fieldMessage says in words what a field error means.
func fieldMessage(f domain.FieldError) string {
	if f.Param != "" {
		return f.Field + " breaks the rule " + f.Code + " (" + f.Param + ")"
	}
	return f.Field + " breaks the rule " + f.Code
}
