package service

import (
	"errors"
	"reflect"
	"strings"

	"github.com/go-playground/validator/v10"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// validate checks the validate tags of input structs, with fields named as
// in JSON. It is set up once: it caches what it learns of each type.
var validate = newValidator()

func newValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string { return domain.JSONName(f) })
	// An Optional is checked as its value; unset and null are both empty.
	v.RegisterCustomTypeFunc(func(f reflect.Value) any {
		if !f.FieldByName("Set").Bool() {
			return nil
		}
		p := f.FieldByName("Value")
		if p.IsNil() {
			return nil
		}
		return p.Elem().Interface()
	}, domain.Optional[int64]{}, domain.Optional[float64]{}, domain.Optional[domain.Date]{},
		domain.Optional[domain.Rating]{}, domain.Optional[domain.OverallResult]{})
	// Dates are checked by their JSON decoding; validate sees them as text.
	v.RegisterCustomTypeFunc(func(f reflect.Value) any {
		d := f.Interface().(domain.Date)
		if d.IsZero() {
			return ""
		}
		return d.String()
	}, domain.Date{})
	return v
}

// check validates the tags of an input struct and returns its field errors
// as an invalid domain error, with paths such as "team[0].role".
func check(in any) error {
	err := validate.Struct(in)
	if err == nil {
		return nil
	}
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		return err
	}
	var fs domain.Fields
	for _, fe := range ves {
		path := fe.Namespace()
		if _, rest, ok := strings.Cut(path, "."); ok {
			path = rest // drop the struct's own name
		}
		fs.Add(path, fe.Tag(), fe.Param())
	}
	return fs.Err()
}
