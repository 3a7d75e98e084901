// Package domain holds the records of a CCHC inspection, their rules and the
// one error type every layer speaks. It depends on the standard library only.
package domain

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Error codes. The HTTP layer maps each to exactly one status.
const (
	EINVALID         = "invalid"          // the input breaks a rule (422)
	EMALFORMED       = "malformed"        // the input cannot be read at all (400)
	ENOTFOUND        = "not_found"        // no such record, or not the caller's to see (404)
	ECONFLICT        = "conflict"         // stale version, duplicate key or wrong state (409)
	EFORBIDDEN       = "forbidden"        // the caller may see the record but not do this (403)
	EUNAUTHENTICATED = "unauthenticated"  // nobody is signed in (401)
	ETOOLARGE        = "too_large"        // the body or file is over the limit (413)
	EUNSUPPORTED     = "unsupported_type" // the content type is not accepted (415)
	ETOOMANY         = "too_many"         // too many attempts (429)
	EUNAVAILABLE     = "unavailable"      // the database cannot be reached (503)
	EINTERNAL        = "internal"         // anything else: a bug (500)
)

// FieldError says what is wrong with one input field.
type FieldError struct {
	Field string `json:"field"`
	// Code names the broken rule: required, max, oneof, exceeds_received …
	Code string `json:"code"`
	// Param is the rule's argument (a limit, a list of allowed values), if any.
	Param string `json:"param,omitempty"`
}

// Error is the application's error: a code, an English message for logs and
// clients without a translation, an optional message key with arguments for
// translation, and field errors for forms.
type Error struct {
	Code    string
	Message string
	// Key names the message in the translation catalog; empty means "use Code".
	Key    string
	Args   map[string]string
	Fields []FieldError
}

// Error implements the error interface.
func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return fmt.Sprintf("%s: %s", e.Code, e.Message)
	}
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + " " + f.Code
		if f.Param != "" {
			parts[i] += "=" + f.Param
		}
	}
	return fmt.Sprintf("%s: %s (%s)", e.Code, e.Message, strings.Join(parts, ", "))
}

// Errorf returns an Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// NotFound returns the not_found error for an entity.
func NotFound(entity string) *Error {
	return &Error{Code: ENOTFOUND, Message: entity + " not found", Key: "not_found", Args: map[string]string{"entity": entity}}
}

// StaleVersion returns the conflict error of an update that read an old version.
func StaleVersion(entity string) *Error {
	return &Error{Code: ECONFLICT, Message: entity + " was changed by someone else; reload it and try again",
		Key: "stale_version", Args: map[string]string{"entity": entity}}
}

// ErrorCode returns the code of err, EINTERNAL for errors that are not *Error.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	}
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// Fields collects field errors and turns them into one invalid Error.
type Fields []FieldError

// Add records that field breaks rule code (with an optional parameter).
func (fs *Fields) Add(field, code string, param ...string) {
	fe := FieldError{Field: field, Code: code}
	if len(param) > 0 {
		fe.Param = param[0]
	}
	*fs = append(*fs, fe)
}

// Err returns nil when nothing was added, else an invalid Error holding the
// fields, ordered by field name so that answers never depend on map order.
func (fs Fields) Err() error {
	if len(fs) == 0 {
		return nil
	}
	sortFields(fs)
	return &Error{Code: EINVALID, Message: "validation failed", Key: "validation_failed", Fields: fs}
}

// sortFields orders field errors by field name, for answers that do not
// depend on map order.
func sortFields(fs Fields) {
	slices.SortStableFunc(fs, func(a, b FieldError) int { return strings.Compare(a.Field, b.Field) })
}
