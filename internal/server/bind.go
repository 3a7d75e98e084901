package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"unicode"

	"github.com/labstack/echo/v4"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// MaxJSONBody is the largest JSON body accepted.
const MaxJSONBody = 1 << 20

// bind decodes a JSON body strictly into dst: the right content type, at
// most MaxJSONBody bytes, one JSON value, no unknown fields, the right types.
func bind(c echo.Context, dst any) error {
	req := c.Request()
	mt, _, _ := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType))
	if mt != echo.MIMEApplicationJSON {
		return &domain.Error{Code: domain.EUNSUPPORTED, Message: "the body must be application/json", Key: "content_type",
			Args: map[string]string{"want": "application/json"}}
	}
	body, err := io.ReadAll(http.MaxBytesReader(c.Response(), req.Body, MaxJSONBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return tooLarge(MaxJSONBody)
		}
		return malformed("the body could not be read")
	}
	return decodeJSON(body, dst)
}

// decodeJSON reads exactly one JSON value into dst, refusing unknown fields
// and values of the wrong type with the path of the field.
func decodeJSON(body []byte, dst any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return malformed("the body is empty")
	}
	if bytes.Contains(body, []byte(`\u0000`)) {
		// No text of the app holds a NUL, and PostgreSQL cannot store one.
		return malformed("the body holds a NUL character (\\u0000)")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err := dec.Decode(dst)
	if err == nil {
		if _, err := dec.Token(); !errors.Is(err, io.EOF) {
			return malformed("more than one JSON value")
		}
		return nil
	}
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &syn):
		return malformed(fmt.Sprintf("syntax error at byte %d", syn.Offset))
	case errors.As(err, &typ):
		field := jsonPath(typ.Field)
		code, want := "type", jsonType(typ.Type.String())
		if typ.Type == reflect.TypeOf(domain.Date{}) {
			code, want = "date", fmt.Sprintf("YYYY-MM-DD, %d–%d", domain.MinYear, domain.MaxYear)
		}
		return &domain.Error{Code: domain.EMALFORMED, Message: "wrong type for " + field, Key: "malformed",
			Args:   map[string]string{"reason": field + ": want " + want},
			Fields: []domain.FieldError{{Field: field, Code: code, Param: want}}}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &domain.Error{Code: domain.EMALFORMED, Message: "unknown field " + field, Key: "malformed",
			Args: map[string]string{"reason": "unknown field " + field}, Fields: []domain.FieldError{{Field: field, Code: "unknown"}}}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return malformed("the JSON ends too early")
	}
	// Errors of our own types' decoders (a date, an enum): name the value.
	return malformed(strings.TrimPrefix(err.Error(), "json: "))
}

// jsonPath turns the path encoding/json reports into the JSON field's path:
// embedded Go structs ("AgencyUpdate.code") name no JSON field.
func jsonPath(path string) string {
	var parts []string
	for _, p := range strings.Split(path, ".") {
		if p != "" && !unicode.IsUpper([]rune(p)[0]) {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return "body"
	}
	return strings.Join(parts, ".")
}

// jsonType names a Go type the way a JSON client thinks of it.
func jsonType(goType string) string {
	switch {
	case strings.Contains(goType, "int"), strings.Contains(goType, "float"):
		return "number"
	case strings.Contains(goType, "bool"):
		return "boolean"
	case strings.HasPrefix(goType, "[]"), strings.HasPrefix(goType, "*[]"):
		return "array"
	case strings.Contains(goType, "string"), strings.Contains(goType, "Date"), strings.Contains(goType, "domain."):
		return "string"
	}
	return "object"
}

func malformed(reason string) error {
	return &domain.Error{Code: domain.EMALFORMED, Message: reason, Key: "malformed", Args: map[string]string{"reason": reason}}
}

func tooLarge(limit int64) error {
	max := strconv.FormatInt(limit>>10, 10) + " KiB"
	if limit >= 1<<20 {
		max = strconv.FormatInt(limit>>20, 10) + " MiB"
	}
	return &domain.Error{Code: domain.ETOOLARGE, Message: "the body is larger than " + max, Key: "body_too_large",
		Args: map[string]string{"max": max}}
}

// version returns the version an update sends: in its body, else in
// If-Match ("N" or N). An update without one is refused.
func version(c echo.Context, body *int) (int, error) {
	if body != nil {
		return *body, nil
	}
	if v, ok, err := ifMatch(c); ok || err != nil {
		return v, err
	}
	var fs domain.Fields
	fs.Add("version", "required")
	return 0, fs.Err()
}

// optionalVersion is version for requests where it may be absent.
func optionalVersion(c echo.Context, body *int) (*int, error) {
	if body != nil {
		return body, nil
	}
	v, ok, err := ifMatch(c)
	if !ok || err != nil {
		return nil, err
	}
	return &v, nil
}

func ifMatch(c echo.Context) (int, bool, error) {
	h := strings.TrimSpace(c.Request().Header.Get("If-Match"))
	if h == "" {
		return 0, false, nil
	}
	n, err := strconv.Atoi(strings.Trim(strings.TrimPrefix(h, "W/"), `"`))
	if err != nil || n < 1 {
		var fs domain.Fields
		fs.Add("If-Match", "version")
		return 0, true, fs.Err()
	}
	return n, true, nil
}

// query reads the typed query parameters of a list, collecting every
// problem: malformed values are 400, values out of range 422.
type query struct {
	c         echo.Context
	malformed []domain.FieldError
	invalid   domain.Fields
}

func newQuery(c echo.Context) *query { return &query{c: c} }

func (q *query) bad(name, want string) {
	q.malformed = append(q.malformed, domain.FieldError{Field: name, Code: "type", Param: want})
}

// int64 reads a positive integer parameter (an ID), nil when absent.
func (q *query) id(name string) *int64 {
	s := q.c.QueryParam(name)
	if s == "" {
		return nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		q.bad(name, "integer")
		return nil
	}
	if n < 1 {
		q.invalid.Add(name, "gt", "0")
	}
	return &n
}

// year reads a year parameter.
func (q *query) year(name string) *int {
	s := q.c.QueryParam(name)
	if s == "" {
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		q.bad(name, "integer")
		return nil
	}
	if n < 2000 || n > 2100 {
		q.invalid.Add(name, "gte", "2000")
	}
	return &n
}

// bool reads true or false.
func (q *query) bool(name string) *bool {
	s := q.c.QueryParam(name)
	if s == "" {
		return nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		q.bad(name, "boolean")
		return nil
	}
	return &b
}

// text reads a free text parameter of at most max characters.
func (q *query) text(name string, max int) string {
	s := q.c.QueryParam(name)
	if strings.ContainsRune(s, 0) {
		q.bad(name, "text without NUL characters")
		return ""
	}
	if len([]rune(s)) > max {
		q.invalid.Add(name, "max", strconv.Itoa(max))
	}
	return s
}

// enum reads a parameter that must be one of allowed.
func enum[T ~string](q *query, name string, allowed []T) *T {
	s := q.c.QueryParam(name)
	if s == "" {
		return nil
	}
	v := T(s)
	if !domain.Valid(v, allowed) {
		parts := make([]string, len(allowed))
		for i, a := range allowed {
			parts[i] = string(a)
		}
		q.invalid.Add(name, "oneof", strings.Join(parts, " "))
	}
	return &v
}

// page reads page and per_page.
func (q *query) page() domain.Page {
	p := domain.Page{Page: 1, PerPage: domain.DefaultPerPage}
	for _, f := range []struct {
		name string
		dst  *int
		max  int
	}{{"page", &p.Page, 1_000_000}, {"per_page", &p.PerPage, domain.MaxPerPage}} {
		s := q.c.QueryParam(f.name)
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			q.bad(f.name, "integer")
			continue
		}
		if n < 1 {
			q.invalid.Add(f.name, "gte", "1")
		} else if n > f.max {
			q.invalid.Add(f.name, "lte", strconv.Itoa(f.max))
		}
		*f.dst = n
	}
	return p
}

// err returns the parameters' problems: malformed first (400), then invalid (422).
func (q *query) err() error {
	if len(q.malformed) > 0 {
		return &domain.Error{Code: domain.EMALFORMED, Message: "malformed query parameters", Key: "bad_parameter",
			Args: map[string]string{"param": q.malformed[0].Field}, Fields: q.malformed}
	}
	return q.invalid.Err()
}

// pathID reads the {id} (or another) path parameter.
func pathID(c echo.Context, name string) (int64, error) {
	n, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || n < 1 {
		return 0, domain.NotFound("record")
	}
	return n, nil
}

// List is the answer of every list.
type List[T any] struct {
	Items   []T `json:"items"`
	Page    int `json:"page"`
	PerPage int `json:"per_page"`
	Total   int `json:"total"`
}

func list[T any](c echo.Context, items []T, total int, p domain.Page) error {
	if items == nil {
		items = []T{}
	}
	return c.JSON(http.StatusOK, List[T]{Items: items, Page: p.Page, PerPage: p.PerPage, Total: total})
}
