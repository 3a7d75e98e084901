package domain_test

import (
	"testing"

	"github.com/cchc-inspect/cchc/internal/domain"
)

func TestPage(t *testing.T) {
	cases := []struct {
		name   string
		in     domain.Page
		want   domain.Page
		offset int
	}{
		{"defaults", domain.Page{}, domain.Page{Page: 1, PerPage: domain.DefaultPerPage}, 0},
		{"negative", domain.Page{Page: -3, PerPage: -1}, domain.Page{Page: 1, PerPage: 50}, 0},
		{"second page", domain.Page{Page: 2, PerPage: 50}, domain.Page{Page: 2, PerPage: 50}, 50},
		{"third page of ten", domain.Page{Page: 3, PerPage: 10}, domain.Page{Page: 3, PerPage: 10}, 20},
		{"at the limit", domain.Page{Page: 1, PerPage: 200}, domain.Page{Page: 1, PerPage: 200}, 0},
		{"over the limit is clamped", domain.Page{Page: 2, PerPage: 201}, domain.Page{Page: 2, PerPage: domain.MaxPerPage}, 200},
	}
	for _, c := range cases {
		if got := c.in.Normalize(); got != c.want {
			t.Errorf("%s: Normalize = %+v, want %+v", c.name, got, c.want)
		}
		if got := c.in.Offset(); got != c.offset {
			t.Errorf("%s: Offset = %d, want %d", c.name, got, c.offset)
		}
	}
}
