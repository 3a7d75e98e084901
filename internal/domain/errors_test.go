package domain_test

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"testing"

	"github.com/cchc-inspect/cchc/internal/domain"
)

func TestFieldsErr(t *testing.T) {
	t.Run("nil Fields", func(t *testing.T) {
		var fs domain.Fields
		if err := fs.Err(); err != nil {
			t.Fatalf("Err() = %#v, want nil", err)
		}
	})
	t.Run("empty Fields", func(t *testing.T) {
		if err := (domain.Fields{}).Err(); err != nil {
			t.Fatalf("Err() = %#v, want nil", err)
		}
	})
	t.Run("fields added", func(t *testing.T) {
		var fs domain.Fields
		fs.Add("visited_on", "required")
		fs.Add("files_late", "gte", "0")
		fs.Add("value", "max_score", "10", "ignored")
		err := fs.Err()
		var e *domain.Error
		if !errors.As(err, &e) {
			t.Fatalf("Err() = %v (%T), want a *domain.Error", err, err)
		}
		if e.Code != domain.EINVALID {
			t.Errorf("code = %q, want %q", e.Code, domain.EINVALID)
		}
		// Ordered by field name, whatever the order they were added in.
		want := []domain.FieldError{fe("files_late", "gte", "0"), fe("value", "max_score", "10"), fe("visited_on", "required")}
		if !slices.Equal(e.Fields, want) {
			t.Errorf("fields = %v, want %v", e.Fields, want)
		}
		if got, want := err.Error(), "invalid: validation failed (files_late gte=0, value max_score=10, visited_on required)"; got != want {
			t.Errorf("Error() = %q, want %q", got, want)
		}
	})
}

func TestErrorCode(t *testing.T) {
	var fs domain.Fields
	fs.Add("team", "lead_required")
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"nil", nil, ""},
		{"*Error", &domain.Error{Code: domain.EFORBIDDEN, Message: "no"}, domain.EFORBIDDEN},
		{"NotFound", domain.NotFound("visit"), domain.ENOTFOUND},
		{"StaleVersion", domain.StaleVersion("finding"), domain.ECONFLICT},
		{"Errorf", domain.Errorf(domain.ETOOLARGE, "file is %d MB", 30), domain.ETOOLARGE},
		{"field errors", fs.Err(), domain.EINVALID},
		{"wrapped once", fmt.Errorf("store: get visit: %w", domain.NotFound("visit")), domain.ENOTFOUND},
		{"wrapped twice", fmt.Errorf("service: approve: %w", fmt.Errorf("store: update: %w", domain.StaleVersion("conclusion"))), domain.ECONFLICT},
		{"joined with a plain error", errors.Join(io.EOF, domain.NotFound("action")), domain.ENOTFOUND},
		{"plain error", errors.New("disk full"), domain.EINTERNAL},
		{"wrapped plain error", fmt.Errorf("store: %w", io.ErrUnexpectedEOF), domain.EINTERNAL},
		{"formatted with %v loses the code", fmt.Errorf("store: %v", domain.NotFound("visit")), domain.EINTERNAL},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := domain.ErrorCode(c.err); got != c.want {
				t.Fatalf("ErrorCode(%v) = %q, want %q", c.err, got, c.want)
			}
		})
	}
}

func TestErrorMessages(t *testing.T) {
	cases := []struct {
		name string
		err  *domain.Error
		want string
		key  string
	}{
		{"not found", domain.NotFound("visit"), "not_found: visit not found", "not_found"},
		{"stale version", domain.StaleVersion("finding"), "conflict: finding was changed by someone else; reload it and try again", "stale_version"},
		{"formatted", domain.Errorf(domain.EINVALID, "year %d out of range", 1899), "invalid: year 1899 out of range", ""},
	}
	for _, c := range cases {
		if got := c.err.Error(); got != c.want {
			t.Errorf("%s: Error() = %q, want %q", c.name, got, c.want)
		}
		if c.err.Key != c.key {
			t.Errorf("%s: Key = %q, want %q", c.name, c.err.Key, c.key)
		}
	}
	if got := domain.NotFound("agency").Args["entity"]; got != "agency" {
		t.Errorf("NotFound args entity = %q, want agency", got)
	}
}
