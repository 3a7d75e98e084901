package server

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/service"
)

// formValues is what the user typed, to show again after a refusal.
func formValues(c echo.Context) url.Values {
	v, err := c.FormParams()
	if err != nil {
		return url.Values{}
	}
	out := url.Values{}
	for k, vs := range v {
		if k != "csrf_token" && !strings.Contains(k, "password") {
			out[k] = vs
		}
	}
	return out
}

// formID reads an ID field; 0 when absent or not a number (the service
// then names the field).
func formID(c echo.Context, name string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSpace(c.FormValue(name)), 10, 64)
	return n
}

func formInt(c echo.Context, name string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(c.FormValue(name)))
	return n
}

// formString reads a text field, trimmed.
func formString(c echo.Context, name string) *string {
	s := strings.TrimSpace(c.FormValue(name))
	return &s
}

// formNumber reads a number field, with a comma accepted as the decimal
// mark; "" is nil, and a value that is no number is a field error.
func formNumber(c echo.Context, name string, fs *domain.Fields) *float64 {
	s := strings.TrimSpace(strings.ReplaceAll(c.FormValue(name), ",", "."))
	if s == "" {
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		fs.Add(name, "type", "number")
		return nil
	}
	return &f
}

// formCount reads a whole number field that must be there.
func formCount(c echo.Context, name string, fs *domain.Fields) int {
	s := strings.TrimSpace(c.FormValue(name))
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		fs.Add(name, "count")
	}
	return n
}

// formDate reads a YYYY-MM-DD field (what <input type=date> sends).
func formDate(c echo.Context, name string, fs *domain.Fields) *domain.Date {
	s := strings.TrimSpace(c.FormValue(name))
	if s == "" {
		return nil
	}
	d, err := domain.ParseDate(s)
	if err != nil {
		fs.Add(name, "date", "YYYY-MM-DD")
		return nil
	}
	return &d
}

// optionalDate turns a date read from a form into an update that sets or clears it.
func optionalDate(d *domain.Date) domain.Optional[domain.Date] {
	return domain.Optional[domain.Date]{Set: true, Value: d}
}

// formRepresentatives reads the agency's representatives (rep_name_N, rep_title_N).
func formRepresentatives(c echo.Context) []domain.Representative {
	out := []domain.Representative{}
	for i := 0; i < 10; i++ {
		n := strconv.Itoa(i)
		name := strings.TrimSpace(c.FormValue("rep_name_" + n))
		if name == "" {
			continue
		}
		out = append(out, domain.Representative{FullName: name, Title: strings.TrimSpace(c.FormValue("rep_title_" + n))})
	}
	return out
}

func isoDate(d *domain.Date) string {
	if d == nil {
		return ""
	}
	return d.String()
}

// statusOfErr is the HTTP status of an error shown on a page.
func statusOfErr(err error) int {
	if st, ok := statusOf[domain.ErrorCode(err)]; ok {
		return st
	}
	return http.StatusInternalServerError
}

// isOfficer reports whether the caller is an agency officer.
func isOfficer(a service.Actor) bool { return a.User != nil && a.User.Role == domain.RoleAgencyOfficer }
