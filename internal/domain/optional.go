package domain

import (
	"bytes"
	"encoding/json"
)

// Optional is a nullable field of an update: Set tells whether the request
// named it at all; a named field is either null (Value nil) or holds a value.
// It tells "leave alone" apart from "clear", which a plain pointer cannot.
type Optional[T any] struct {
	Set   bool
	Value *T
}

// Some returns an Optional set to v.
func Some[T any](v T) Optional[T] { return Optional[T]{Set: true, Value: &v} }

// Null returns an Optional set to null.
func Null[T any]() Optional[T] { return Optional[T]{Set: true} }

// UnmarshalJSON records that the field was given, and its value or null.
func (o *Optional[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		o.Value = nil
		return nil
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	o.Value = &v
	return nil
}

// MarshalJSON writes the value, or null.
func (o Optional[T]) MarshalJSON() ([]byte, error) {
	if o.Value == nil {
		return []byte("null"), nil
	}
	return json.Marshal(*o.Value)
}
