package domain

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"reflect"
	"time"
)

// Date is a calendar day without a time zone, written YYYY-MM-DD.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// NewDate returns the date y-m-d, normalised as time.Date does.
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// MinYear and MaxYear bound the dates the app accepts: records of public
// administration, far from both ends of what databases store.
const (
	MinYear = 1900
	MaxYear = 2999
)

// ParseDate reads a strict YYYY-MM-DD date between MinYear and MaxYear.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	if t.Year() < MinYear || t.Year() > MaxYear {
		return Date{}, fmt.Errorf("date %q: the year must be from %d to %d", s, MinYear, MaxYear)
	}
	return DateOf(t), nil
}

// String returns the date as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Time returns midnight UTC of the date.
func (d Date) Time() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Before reports whether d is an earlier day than o.
func (d Date) Before(o Date) bool { return d.Time().Before(o.Time()) }

// After reports whether d is a later day than o.
func (d Date) After(o Date) bool { return d.Time().After(o.Time()) }

// AddDays returns the date n days after d (before it for negative n).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// DaysSince returns the number of days from o to d (negative when d is earlier).
func (d Date) DaysSince(o Date) int {
	// Unix seconds, not time.Sub: a Duration saturates after 292 years.
	return int((d.Time().Unix() - o.Time().Unix()) / 86400)
}

// MarshalJSON writes "YYYY-MM-DD".
func (d Date) MarshalJSON() ([]byte, error) {
	return []byte(`"` + d.String() + `"`), nil
}

// UnmarshalJSON reads "YYYY-MM-DD". A value that is not such a date is a
// *json.UnmarshalTypeError, which encoding/json completes with the field's path.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil // encoding/json's convention: null leaves the value alone
	}
	bad := &json.UnmarshalTypeError{Value: string(b), Type: reflect.TypeOf(Date{})}
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return bad
	}
	p, err := ParseDate(string(b[1 : len(b)-1]))
	if err != nil {
		return bad
	}
	*d = p
	return nil
}

// Value stores the date as the text YYYY-MM-DD, which both SQLite and
// PostgreSQL (into a date column) accept.
func (d Date) Value() (driver.Value, error) { return d.String(), nil }

// Scan reads a date from a driver value: a time.Time, or YYYY-MM-DD text.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case time.Time:
		*d = DateOf(v.UTC())
		return nil
	case string:
		return d.scanText(v)
	case []byte:
		return d.scanText(string(v))
	}
	return fmt.Errorf("date: cannot scan %T", src)
}

func (d *Date) scanText(s string) error {
	if len(s) > 10 {
		s = s[:10]
	}
	p, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}
