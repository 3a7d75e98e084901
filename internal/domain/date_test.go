package domain_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
)

func TestParseDate(t *testing.T) {
	cases := []struct {
		in   string
		want domain.Date
		ok   bool
	}{
		{"2019-09-26", date(2019, 9, 26), true},
		{"2019-01-01", date(2019, 1, 1), true},
		{"2019-12-31", date(2019, 12, 31), true},
		{"2020-02-29", date(2020, 2, 29), true},
		{"2000-02-29", date(2000, 2, 29), true},

		{"2019-9-26", domain.Date{}, false},
		{"2019-09-6", domain.Date{}, false},
		{"26/09/2019", domain.Date{}, false},
		{"26-09-2019", domain.Date{}, false},
		{"2019/09/26", domain.Date{}, false},
		{"2019-02-30", domain.Date{}, false},
		{"2019-02-29", domain.Date{}, false},
		{"1900-02-29", domain.Date{}, false},
		{"2019-04-31", domain.Date{}, false},
		{"2019-13-01", domain.Date{}, false},
		{"2019-00-10", domain.Date{}, false},
		{"2019-09-00", domain.Date{}, false},
		{"", domain.Date{}, false},
		{"20190926", domain.Date{}, false},
		{" 2019-09-26", domain.Date{}, false},
		{"2019-09-26 ", domain.Date{}, false},
		{"2019-09-26T00:00:00Z", domain.Date{}, false},
		{"2019-09-26 00:00:00", domain.Date{}, false},
		{"hôm nay", domain.Date{}, false},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := domain.ParseDate(c.in)
			if c.ok {
				if err != nil || got != c.want {
					t.Fatalf("ParseDate(%q) = %v, %v; want %v", c.in, got, err, c.want)
				}
				if got.String() != c.in {
					t.Errorf("ParseDate(%q).String() = %q", c.in, got)
				}
				return
			}
			if err == nil {
				t.Fatalf("ParseDate(%q) = %v, want an error", c.in, got)
			}
			if got != (domain.Date{}) {
				t.Errorf("ParseDate(%q) returned %v beside its error, want the zero Date", c.in, got)
			}
		})
	}
}

func TestDateString(t *testing.T) {
	cases := []struct {
		d    domain.Date
		want string
	}{
		{date(2019, 9, 26), "2019-09-26"},
		{date(2019, 10, 3), "2019-10-03"},
		{date(2025, 7, 1), "2025-07-01"},
		{date(999, 1, 2), "0999-01-02"},
	}
	for _, c := range cases {
		if got := c.d.String(); got != c.want {
			t.Errorf("%#v.String() = %q, want %q", c.d, got, c.want)
		}
		if v, err := c.d.Value(); err != nil || v != c.want {
			t.Errorf("%#v.Value() = %v, %v; want %q", c.d, v, err, c.want)
		}
	}
}

func TestNewDateAndDateOf(t *testing.T) {
	hanoi := time.FixedZone("ICT", 7*3600)
	cases := []struct {
		name string
		got  domain.Date
		want domain.Date
	}{
		{"plain", domain.NewDate(2019, time.September, 26), date(2019, 9, 26)},
		{"normalised like time.Date", domain.NewDate(2019, time.February, 30), date(2019, 3, 2)},
		{"day zero is the last of the month before", domain.NewDate(2020, time.March, 0), date(2020, 2, 29)},
		{"DateOf keeps the time's own day", domain.DateOf(time.Date(2019, 9, 26, 6, 30, 0, 0, hanoi)), date(2019, 9, 26)},
		{"DateOf late in the evening", domain.DateOf(time.Date(2019, 9, 26, 23, 59, 59, 0, hanoi)), date(2019, 9, 26)},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
	if !(domain.Date{}).IsZero() || date(2019, 9, 26).IsZero() {
		t.Error("IsZero is wrong")
	}
	if got := date(2019, 9, 26).Time(); !got.Equal(time.Date(2019, 9, 26, 0, 0, 0, 0, time.UTC)) || got.Location() != time.UTC {
		t.Errorf("Time() = %v, want midnight UTC", got)
	}
}

func TestDateJSON(t *testing.T) {
	type record struct {
		On    domain.Date  `json:"on"`
		DueOn *domain.Date `json:"due_on"`
	}
	t.Run("round trip", func(t *testing.T) {
		in := record{On: date(2019, 9, 26), DueOn: ptr(date(2019, 10, 18))}
		b, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		if want := `{"on":"2019-09-26","due_on":"2019-10-18"}`; string(b) != want {
			t.Fatalf("Marshal = %s, want %s", b, want)
		}
		var out record
		if err := json.Unmarshal(b, &out); err != nil {
			t.Fatal(err)
		}
		if out.On != in.On || out.DueOn == nil || *out.DueOn != *in.DueOn {
			t.Fatalf("round trip = %+v, want %+v", out, in)
		}
	})
	t.Run("null pointer", func(t *testing.T) {
		b, err := json.Marshal(record{On: date(2019, 9, 26)})
		if err != nil || string(b) != `{"on":"2019-09-26","due_on":null}` {
			t.Fatalf("Marshal = %s, %v", b, err)
		}
		out := record{DueOn: ptr(date(2000, 1, 1))}
		if err := json.Unmarshal([]byte(`{"on":"2019-09-26","due_on":null}`), &out); err != nil || out.DueOn != nil {
			t.Fatalf("Unmarshal null due_on = %v, %v; want nil", out.DueOn, err)
		}
	})
	for _, bad := range []string{`"2019-9-26"`, `"26/09/2019"`, `"2019-02-30"`, `"2019-09-26T00:00:00Z"`, `20190926`, `""`, `"`, `true`, `{}`} {
		t.Run("rejects "+bad, func(t *testing.T) {
			var out record
			if err := json.Unmarshal([]byte(`{"on":`+bad+`}`), &out); err == nil {
				t.Fatalf("Unmarshal %s = %v, want an error", bad, out.On)
			}
		})
	}
}

func TestDateScan(t *testing.T) {
	want := date(2019, 9, 26)
	cases := []struct {
		name string
		src  any
		ok   bool
	}{
		{"time at midnight UTC (PostgreSQL date)", time.Date(2019, 9, 26, 0, 0, 0, 0, time.UTC), true},
		{"time during the day UTC", time.Date(2019, 9, 26, 15, 4, 5, 0, time.UTC), true},
		{"text", "2019-09-26", true},
		{"text with time and offset (SQLite)", "2019-09-26 00:00:00+00:00", true},
		{"RFC 3339 text", "2019-09-26T00:00:00Z", true},
		{"bytes", []byte("2019-09-26"), true},
		{"bytes with time and offset", []byte("2019-09-26 00:00:00+00:00"), true},

		{"short text", "2019-9-26", false},
		{"short text with time", "2019-9-26 00:00:00", false},
		{"Vietnamese order", "26/09/2019", false},
		{"impossible day", "2019-02-30", false},
		{"empty text", "", false},
		{"integer", int64(20190926), false},
		{"NULL", nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var d domain.Date
			err := d.Scan(c.src)
			if c.ok {
				if err != nil || d != want {
					t.Fatalf("Scan(%#v) = %v, %v; want %v", c.src, d, err, want)
				}
				return
			}
			if err == nil {
				t.Fatalf("Scan(%#v) = %v, want an error", c.src, d)
			}
		})
	}
}

func TestDateAddDays(t *testing.T) {
	cases := []struct {
		from domain.Date
		n    int
		want domain.Date
	}{
		{date(2019, 9, 26), 0, date(2019, 9, 26)},
		{date(2019, 9, 26), 1, date(2019, 9, 27)},
		{date(2019, 9, 30), 1, date(2019, 10, 1)},
		{date(2019, 10, 1), -1, date(2019, 9, 30)},
		{date(2019, 12, 31), 1, date(2020, 1, 1)},
		{date(2020, 1, 1), -1, date(2019, 12, 31)},
		{date(2019, 12, 20), 15, date(2020, 1, 4)},
		{date(2020, 2, 28), 1, date(2020, 2, 29)},
		{date(2019, 2, 28), 1, date(2019, 3, 1)},
		{date(2020, 3, 1), -1, date(2020, 2, 29)},
		{date(2020, 1, 1), 366, date(2021, 1, 1)},
		{date(2019, 1, 1), 365, date(2020, 1, 1)},
	}
	for _, c := range cases {
		if got := c.from.AddDays(c.n); got != c.want {
			t.Errorf("%v.AddDays(%d) = %v, want %v", c.from, c.n, got, c.want)
		}
	}
}

func TestDateDaysSince(t *testing.T) {
	cases := []struct {
		d, o domain.Date
		want int
	}{
		{date(2019, 9, 26), date(2019, 9, 26), 0},
		{date(2019, 9, 27), date(2019, 9, 26), 1},
		{date(2019, 9, 26), date(2019, 9, 27), -1},
		{date(2019, 10, 1), date(2019, 9, 26), 5},
		{date(2020, 1, 1), date(2019, 12, 31), 1},
		{date(2020, 3, 1), date(2020, 2, 28), 2},
		{date(2019, 3, 1), date(2019, 2, 28), 1},
		{date(2021, 1, 1), date(2020, 1, 1), 366},
		{date(2020, 1, 1), date(2019, 1, 1), 365},
		{date(2019, 1, 1), date(2020, 1, 1), -365},
		{date(2025, 7, 1), date(2019, 9, 26), 2105},
		// Beyond the 292 years a time.Duration can hold (a mistyped year).
		{date(2019, 10, 20), date(1019, 10, 18), 365245},
	}
	for _, c := range cases {
		if got := c.d.DaysSince(c.o); got != c.want {
			t.Errorf("%v.DaysSince(%v) = %d, want %d", c.d, c.o, got, c.want)
		}
		// DaysSince and AddDays agree.
		if got := c.o.AddDays(c.want); got != c.d {
			t.Errorf("%v.AddDays(%d) = %v, want %v", c.o, c.want, got, c.d)
		}
	}
}

func TestDateBeforeAfter(t *testing.T) {
	cases := []struct {
		a, b          domain.Date
		before, after bool
	}{
		{date(2019, 9, 26), date(2019, 9, 26), false, false},
		{date(2019, 9, 25), date(2019, 9, 26), true, false},
		{date(2019, 9, 27), date(2019, 9, 26), false, true},
		{date(2019, 8, 31), date(2019, 9, 1), true, false},
		{date(2019, 12, 31), date(2020, 1, 1), true, false},
		{date(2020, 1, 1), date(2019, 12, 31), false, true},
		// A later month of an earlier year is still earlier.
		{date(2018, 12, 31), date(2019, 1, 1), true, false},
		// A later day of an earlier month is still earlier.
		{date(2019, 9, 30), date(2019, 10, 1), true, false},
	}
	for _, c := range cases {
		name := c.a.String() + " vs " + c.b.String()
		if got := c.a.Before(c.b); got != c.before {
			t.Errorf("%s: Before = %v, want %v", name, got, c.before)
		}
		if got := c.a.After(c.b); got != c.after {
			t.Errorf("%s: After = %v, want %v", name, got, c.after)
		}
	}
}

func TestDateErrorNamesTheInput(t *testing.T) {
	_, err := domain.ParseDate("26/09/2019")
	if err == nil || !strings.Contains(err.Error(), "26/09/2019") || !strings.Contains(err.Error(), "YYYY-MM-DD") {
		t.Fatalf("ParseDate error = %v, want one naming the input and the format", err)
	}
}
