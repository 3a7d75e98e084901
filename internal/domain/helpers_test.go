package domain_test

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// ptr returns a pointer to v, for the optional fields of test records.
func ptr[T any](v T) *T { return &v }

// date returns the calendar day y-m-d.
func date(y, m, d int) domain.Date { return domain.Date{Year: y, Month: time.Month(m), Day: d} }

// fe builds the field error the checks are expected to report.
func fe(field, code string, param ...string) domain.FieldError {
	e := domain.FieldError{Field: field, Code: code}
	if len(param) > 0 {
		e.Param = param[0]
	}
	return e
}

// fieldErrors returns the field errors of err, failing unless err is nil or
// an invalid *domain.Error.
func fieldErrors(t testing.TB, err error) []domain.FieldError {
	t.Helper()
	if err == nil {
		return nil
	}
	var e *domain.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *domain.Error", err, err)
	}
	if e.Code != domain.EINVALID {
		t.Fatalf("error code = %q, want %q (%v)", e.Code, domain.EINVALID, err)
	}
	if len(e.Fields) == 0 {
		t.Fatalf("invalid error without field errors: %v", err)
	}
	return e.Fields
}

// assertFields checks that err carries exactly the want field errors, in any
// order; want empty means err must be nil.
func assertFields(t testing.TB, err error, want ...domain.FieldError) {
	t.Helper()
	if len(want) == 0 {
		if err != nil {
			t.Fatalf("got error %v, want none", err)
		}
		return
	}
	if err == nil {
		t.Fatalf("got no error, want %v", want)
	}
	got := slices.Clone(fieldErrors(t, err))
	w := slices.Clone(want)
	byField := func(a, b domain.FieldError) int {
		return strings.Compare(a.Field+"\x00"+a.Code+"\x00"+a.Param, b.Field+"\x00"+b.Code+"\x00"+b.Param)
	}
	slices.SortFunc(got, byField)
	slices.SortFunc(w, byField)
	if !slices.Equal(got, w) {
		t.Fatalf("field errors = %v, want %v", got, w)
	}
}

// floatPtrString shows an optional rate in failure messages.
func floatPtrString(p *float64) string {
	if p == nil {
		return "nil"
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}

// assertRate checks a derived rate: nil when want is nil, else equal to *want.
func assertRate(t testing.TB, name string, got, want *float64) {
	t.Helper()
	if (got == nil) != (want == nil) || (got != nil && *got != *want) {
		t.Errorf("%s = %s, want %s", name, floatPtrString(got), floatPtrString(want))
	}
}
