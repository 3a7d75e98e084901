package domain_test

import (
	"encoding/json"
	"testing"

	"github.com/cchc-inspect/cchc/internal/domain"
)

func TestOptionalUnmarshal(t *testing.T) {
	type update struct {
		N domain.Optional[int64]       `json:"n"`
		S domain.Optional[string]      `json:"s"`
		D domain.Optional[domain.Date] `json:"d"`
	}
	type field struct {
		set   bool
		value any // nil for no value
	}
	state := func(set bool, v any) field { return field{set, v} }
	cases := []struct {
		name    string
		in      string
		n, s, d field
		wantErr bool
	}{
		{"absent", `{}`, state(false, nil), state(false, nil), state(false, nil), false},
		{"null clears", `{"n":null,"s":null,"d":null}`, state(true, nil), state(true, nil), state(true, nil), false},
		{"null with spaces", `{"n": null }`, state(true, nil), state(false, nil), state(false, nil), false},
		{"values", `{"n":7,"s":"Sở Nội vụ","d":"2019-09-26"}`,
			state(true, int64(7)), state(true, "Sở Nội vụ"), state(true, date(2019, 9, 26)), false},
		{"zero values are values, not absent", `{"n":0,"s":""}`, state(true, int64(0)), state(true, ""), state(false, nil), false},
		{"only one named", `{"s":"x"}`, state(false, nil), state(true, "x"), state(false, nil), false},
		{"the string null is a value", `{"s":"null"}`, state(false, nil), state(true, "null"), state(false, nil), false},
		{"wrong type", `{"n":"7"}`, field{}, field{}, field{}, true},
		{"fraction for an integer", `{"n":1.5}`, field{}, field{}, field{}, true},
		{"bad date", `{"d":"26/09/2019"}`, field{}, field{}, field{}, true},
	}
	check := func(t *testing.T, name string, set bool, value any, want field) {
		t.Helper()
		if set != want.set || value != want.value {
			t.Errorf("%s: Set %v, Value %v; want Set %v, Value %v", name, set, value, want.set, want.value)
		}
	}
	deref := func(p any) any {
		switch v := p.(type) {
		case *int64:
			if v != nil {
				return *v
			}
		case *string:
			if v != nil {
				return *v
			}
		case *domain.Date:
			if v != nil {
				return *v
			}
		}
		return nil
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var u update
			err := json.Unmarshal([]byte(c.in), &u)
			if c.wantErr {
				if err == nil {
					t.Fatalf("Unmarshal(%s) = %+v, want an error", c.in, u)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			check(t, "n", u.N.Set, deref(u.N.Value), c.n)
			check(t, "s", u.S.Set, deref(u.S.Value), c.s)
			check(t, "d", u.D.Set, deref(u.D.Value), c.d)
		})
	}
}

func TestOptionalMarshal(t *testing.T) {
	cases := []struct {
		name string
		in   any
		want string
	}{
		{"some int", domain.Some[int64](7), `7`},
		{"some zero", domain.Some(0), `0`},
		{"some text", domain.Some("Điện Biên"), `"Điện Biên"`},
		{"some date", domain.Some(date(2019, 9, 26)), `"2019-09-26"`},
		{"null", domain.Null[int64](), `null`},
		{"unset", domain.Optional[int64]{}, `null`},
	}
	for _, c := range cases {
		b, err := json.Marshal(c.in)
		if err != nil || string(b) != c.want {
			t.Errorf("%s: Marshal = %s, %v; want %s", c.name, b, err, c.want)
		}
	}
}

func TestSomeAndNull(t *testing.T) {
	s := domain.Some[int64](7)
	if !s.Set || s.Value == nil || *s.Value != 7 {
		t.Errorf("Some(7) = %+v", s)
	}
	n := domain.Null[int64]()
	if !n.Set || n.Value != nil {
		t.Errorf("Null() = %+v", n)
	}
}
