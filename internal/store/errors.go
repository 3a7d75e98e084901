package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"regexp"
	"strings"

	gosqlite "github.com/glebarez/go-sqlite"
	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// translate turns a database error into a domain error: not found, a
// duplicate (conflict), a broken reference (invalid, or conflict when
// deleting a record still in use), a broken check (invalid), an unreachable
// database (unavailable). Anything else stays an internal error.
func translate(err error, entity string, deleting bool) error {
	if err == nil {
		return nil
	}
	var de *domain.Error
	if errors.As(err, &de) {
		return err
	}
	if entity == "" {
		entity = "record"
	}
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		return domain.NotFound(entity)
	case errors.Is(err, context.Canceled):
		return err
	case errors.Is(err, context.DeadlineExceeded):
		return &domain.Error{Code: domain.EUNAVAILABLE, Message: "the database did not answer in time", Key: "db_timeout"}
	}
	kind, detail := classify(err)
	switch kind {
	case "unique":
		field := uniqueField(detail)
		return &domain.Error{Code: domain.ECONFLICT, Message: fmt.Sprintf("%s: %s is already used", entity, field),
			Key: "duplicate", Args: map[string]string{"entity": entity, "field": field},
			Fields: []domain.FieldError{{Field: field, Code: "unique"}}}
	case "foreign_key":
		if deleting {
			return &domain.Error{Code: domain.ECONFLICT, Message: entity + " is still used by other records",
				Key: "in_use", Args: map[string]string{"entity": entity}}
		}
		return &domain.Error{Code: domain.EINVALID, Message: "a referenced record does not exist", Key: "bad_reference"}
	case "check", "not_null":
		return &domain.Error{Code: domain.EINVALID, Message: "the values break a rule of the database: " + detail, Key: "check"}
	case "unavailable":
		return &domain.Error{Code: domain.EUNAVAILABLE, Message: "the database is unavailable", Key: "db_unavailable"}
	}
	return fmt.Errorf("store: %w", err)
}

// classify names the kind of a driver error and returns its detail (the
// constraint or the column involved).
func classify(err error) (kind, detail string) {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "23505":
			return "unique", pg.ConstraintName
		case "23503":
			return "foreign_key", pg.ConstraintName
		case "23514":
			return "check", pg.ConstraintName
		case "23502":
			return "not_null", pg.ColumnName
		case "22021", "22P05", "22001", "22003", "22008":
			// bad text, too long, out of range, bad date: the input's fault
			return "check", pg.Message
		case "57P01", "57P02", "57P03", "08000", "08003", "08006", "08001", "08004":
			return "unavailable", pg.Message
		}
		return "", ""
	}
	var sq *gosqlite.Error
	if errors.As(err, &sq) {
		msg := sq.Error()
		switch sq.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return "unique", afterColon(msg)
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return "foreign_key", ""
		case sqlite3.SQLITE_CONSTRAINT_CHECK:
			return "check", afterColon(msg)
		case sqlite3.SQLITE_CONSTRAINT_NOTNULL:
			return "not_null", afterColon(msg)
		}
		return "", ""
	}
	var (
		ne net.Error
		ce *pgconn.ConnectError
	)
	if errors.As(err, &ne) || errors.As(err, &ce) || errors.Is(err, driver.ErrBadConn) {
		return "unavailable", ""
	}
	return "", ""
}

// afterColon returns what SQLite says after "constraint failed: ", such as
// "findings.visit_id, findings.criterion_id" or "version >= 1".
func afterColon(msg string) string {
	i := strings.LastIndex(msg, "failed: ")
	if i < 0 {
		return ""
	}
	after, _, _ := strings.Cut(msg[i+len("failed: "):], " (")
	return strings.TrimSpace(after)
}

var constraintField = regexp.MustCompile(`^[a-z_]+?_([a-z_]+)_key$`)

// uniqueField names the field a unique constraint guards: "agencies.code"
// (SQLite) or "agencies_code_key" (PostgreSQL) both give "code"; a
// constraint over several columns gives its last one.
func uniqueField(detail string) string {
	known := map[string]string{
		"agencies_code_key": "code", "users_username_key": "username", "criteria_set_code_key": "code",
		"criteria_sets_year_name_key": "name", "findings_visit_criterion_key": "criterion_id",
		"conclusions_visit_id_key": "visit_id", "api_tokens_token_hash_key": "token",
		"team_members_one_lead": "role", "team_members_user_once": "user_id",
		// SQLite names columns, not constraints.
		"team_members.visit_id": "role", "api_tokens.token_hash": "token",
	}
	if f, ok := known[detail]; ok {
		return f
	}
	if i := strings.LastIndex(detail, "."); i >= 0 {
		return detail[i+1:]
	}
	if m := constraintField.FindStringSubmatch(detail); m != nil {
		return m[1]
	}
	return "id"
}
