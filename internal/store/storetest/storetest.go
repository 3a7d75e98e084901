// Package storetest opens fresh, migrated databases for tests: an SQLite
// file always, and a PostgreSQL schema of its own when TEST_DATABASE_URL is
// set. Under CI=true a missing TEST_DATABASE_URL fails the test.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/cchc-inspect/cchc/internal/store"
)

// PostgresURL returns TEST_DATABASE_URL. Without it the test is skipped, or
// failed under CI=true, where every database test must really run.
func PostgresURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("TEST_DATABASE_URL")
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("TEST_DATABASE_URL is not set: under CI=true the PostgreSQL tests must run")
		}
		t.Skip("TEST_DATABASE_URL not set: PostgreSQL tests skipped")
	}
	return u
}

// Dialects lists the databases tests run on: sqlite, and postgres when
// TEST_DATABASE_URL is set or CI=true.
func Dialects() []string {
	if os.Getenv("TEST_DATABASE_URL") != "" || os.Getenv("CI") == "true" {
		return []string{store.SQLite, store.Postgres}
	}
	return []string{store.SQLite}
}

// Each runs fn as a subtest on a fresh migrated database of every dialect.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	for _, d := range Dialects() {
		t.Run(d, func(t *testing.T) { fn(t, Open(t, d)) })
	}
}

// Open returns a fresh migrated database of the dialect, removed when the
// test ends.
func Open(t testing.TB, dialect string) *store.DB {
	t.Helper()
	db := OpenEmpty(t, dialect)
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return db
}

// OpenEmpty returns a fresh database of the dialect without its schema.
func OpenEmpty(t testing.TB, dialect string) *store.DB {
	t.Helper()
	ctx := context.Background()
	opts := store.Options{DataDir: t.TempDir()}
	if dialect == store.Postgres {
		opts = store.Options{URL: FreshPostgres(t), MaxOpenConns: 8}
	}
	db, err := store.Open(ctx, opts)
	if err != nil {
		t.Fatalf("open %s: %v", dialect, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// FreshPostgres creates a schema of its own for the test in the database of
// TEST_DATABASE_URL and returns that URL with its search_path set to it; the
// schema is dropped when the test ends.
func FreshPostgres(t testing.TB) string {
	t.Helper()
	base := PostgresURL(t)
	ctx := context.Background()
	admin, err := store.Open(ctx, store.Options{URL: base, MaxOpenConns: 1})
	if err != nil {
		t.Fatalf("open %s: %v", base, err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "test_" + hex.EncodeToString(b)
	if _, err := admin.SQL.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		admin.SQL.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("TEST_DATABASE_URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
