package domain

import (
	"encoding/json"
	"reflect"
	"strings"
)

// Change is one field's old and new value, as the audit trail records it.
type Change struct {
	Old any `json:"old"`
	New any `json:"new"`
}

// Apply copies the fields that upd sets onto the entity that dst points to,
// matching fields by name: a non-nil pointer sets the value, a set Optional
// sets the value or clears it. Fields of upd without a counterpart are ignored.
func Apply(dst, upd any) {
	d := reflect.ValueOf(dst).Elem()
	u := reflect.Indirect(reflect.ValueOf(upd))
	for i := 0; i < u.NumField(); i++ {
		name := u.Type().Field(i).Name
		target := d.FieldByName(name)
		if !target.IsValid() || !target.CanSet() {
			continue
		}
		src := u.Field(i)
		switch {
		case src.Kind() == reflect.Pointer:
			if !src.IsNil() {
				target.Set(src.Elem().Convert(target.Type()))
			}
		case src.Kind() == reflect.Struct && src.FieldByName("Set").IsValid() && src.FieldByName("Value").IsValid():
			if !src.FieldByName("Set").Bool() {
				continue
			}
			v := src.FieldByName("Value") // *T
			if target.Kind() == reflect.Pointer {
				if v.IsNil() {
					target.Set(reflect.Zero(target.Type()))
				} else {
					p := reflect.New(target.Type().Elem())
					p.Elem().Set(v.Elem().Convert(target.Type().Elem()))
					target.Set(p)
				}
			} else if !v.IsNil() {
				target.Set(v.Elem().Convert(target.Type()))
			}
		default:
			target.Set(src.Convert(target.Type()))
		}
	}
}

// untracked fields change on every write and are not worth an audit line.
var untracked = map[string]bool{"version": true, "created_at": true, "updated_at": true}

// Diff compares two values of one entity type and returns, by JSON field
// name, the fields whose JSON form differs. Fields hidden from JSON, computed
// fields and the bookkeeping fields (version, timestamps) are left out.
func Diff(old, new any) map[string]Change {
	o := reflect.Indirect(reflect.ValueOf(old))
	n := reflect.Indirect(reflect.ValueOf(new))
	out := map[string]Change{}
	for i := 0; i < o.NumField(); i++ {
		f := o.Type().Field(i)
		name := JSONName(f)
		if name == "" || untracked[name] || f.Tag.Get("gorm") == "-" {
			continue
		}
		if sameValue(o.Field(i), n.Field(i)) {
			continue
		}
		a, _ := json.Marshal(o.Field(i).Interface())
		b, _ := json.Marshal(n.Field(i).Interface())
		if string(a) != string(b) {
			out[name] = Change{Old: json.RawMessage(a), New: json.RawMessage(b)}
		}
	}
	return out
}

// sameValue reports, without encoding them, the fields that are certainly
// equal: equal values of a comparable kind, or pointers to one value (an
// update copies the record, so the fields it leaves alone share their
// pointers). Any other pair is compared by its JSON form.
func sameValue(a, b reflect.Value) bool {
	switch a.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int64, reflect.Int32, reflect.String:
		return a.Equal(b)
	case reflect.Pointer:
		return a.Pointer() == b.Pointer()
	}
	return false
}

// Created returns every tracked field of an entity as changed from nothing:
// the audit record of a create.
func Created(v any) map[string]Change {
	r := reflect.Indirect(reflect.ValueOf(v))
	out := map[string]Change{}
	for i := 0; i < r.NumField(); i++ {
		f := r.Type().Field(i)
		name := JSONName(f)
		if name == "" || untracked[name] || name == "id" || f.Tag.Get("gorm") == "-" {
			continue
		}
		b, _ := json.Marshal(r.Field(i).Interface())
		out[name] = Change{Old: nil, New: json.RawMessage(b)}
	}
	return out
}

// JSONName returns the JSON name of a struct field, "" when it is not encoded.
func JSONName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	tag := f.Tag.Get("json")
	if tag == "-" {
		return ""
	}
	name, _, _ := strings.Cut(tag, ",")
	if name == "" {
		return f.Name
	}
	return name
}
