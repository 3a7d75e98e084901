package store_test

import (
	"database/sql"
	"maps"
	"slices"
	"testing"

	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

// gooseTable is goose's own bookkeeping table; its columns differ between
// dialects by goose's design, so only its presence is compared.
const gooseTable = "goose_db_version"

// columns maps table → column → nullable.
type columns map[string]map[string]bool

func TestSchemaIsTheSameOnSQLiteAndPostgres(t *testing.T) {
	lite := storetest.Open(t, store.SQLite)
	pg := storetest.Open(t, store.Postgres)
	lc, pc := sqliteColumns(t, lite.SQL), postgresColumns(t, pg.SQL)

	for _, cs := range []columns{lc, pc} {
		if _, ok := cs[gooseTable]; !ok {
			t.Errorf("the migration table %s is missing", gooseTable)
		}
		delete(cs, gooseTable)
	}
	lt, pt := slices.Sorted(maps.Keys(lc)), slices.Sorted(maps.Keys(pc))
	if len(lt) < 20 {
		t.Fatalf("sqlite has only the tables %v: did the migration run?", lt)
	}
	if !slices.Equal(lt, pt) {
		t.Fatalf("tables differ:\nsqlite   %v\npostgres %v", lt, pt)
	}
	for _, table := range lt {
		l, p := lc[table], pc[table]
		for _, col := range slices.Sorted(maps.Keys(l)) {
			pn, ok := p[col]
			switch {
			case !ok:
				t.Errorf("%s.%s exists on sqlite only", table, col)
			case pn != l[col]:
				t.Errorf("%s.%s: nullable on sqlite = %v, on postgres = %v", table, col, l[col], pn)
			}
		}
		for _, col := range slices.Sorted(maps.Keys(p)) {
			if _, ok := l[col]; !ok {
				t.Errorf("%s.%s exists on postgres only", table, col)
			}
		}
	}
}

func TestSchemaHasTheSameIndexesOnSQLiteAndPostgres(t *testing.T) {
	lite := storetest.Open(t, store.SQLite)
	pg := storetest.Open(t, store.Postgres)
	// Named indexes only: those behind PRIMARY KEY and UNIQUE constraints are
	// named by the database (sqlite_autoindex_…) and covered by the constraint tests.
	l := textColumn(t, lite.SQL, `SELECT tbl_name || '.' || name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`)
	p := textColumn(t, pg.SQL, `SELECT tablename || '.' || indexname FROM pg_indexes
		WHERE schemaname = current_schema() AND tablename <> '`+gooseTable+`'
		AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE connamespace = current_schema()::regnamespace)`)
	if len(l) == 0 {
		t.Fatal("sqlite has no index: did the migration run?")
	}
	if !slices.Equal(l, p) {
		t.Errorf("indexes differ:\nsqlite   %v\npostgres %v", l, p)
	}
}

// sqliteColumns reads every table's columns. A PRIMARY KEY column counts as
// NOT NULL, as the SQL standard (and PostgreSQL) has it.
func sqliteColumns(t *testing.T, db *sql.DB) columns {
	t.Helper()
	rs, err := db.QueryContext(ctx, `SELECT m.name, p.name, p."notnull", p.pk
		FROM sqlite_master m JOIN pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	out := columns{}
	for rs.Next() {
		var table, col string
		var notNull, pk int
		if err := rs.Scan(&table, &col, &notNull, &pk); err != nil {
			t.Fatal(err)
		}
		if out[table] == nil {
			out[table] = map[string]bool{}
		}
		out[table][col] = notNull == 0 && pk == 0
	}
	if err := rs.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// postgresColumns reads every table's columns in the test's own schema.
func postgresColumns(t *testing.T, db *sql.DB) columns {
	t.Helper()
	rs, err := db.QueryContext(ctx, `SELECT c.table_name, c.column_name, c.is_nullable
		FROM information_schema.columns c
		JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
		WHERE c.table_schema = current_schema() AND tb.table_type = 'BASE TABLE'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	out := columns{}
	for rs.Next() {
		var table, col, nullable string
		if err := rs.Scan(&table, &col, &nullable); err != nil {
			t.Fatal(err)
		}
		if out[table] == nil {
			out[table] = map[string]bool{}
		}
		out[table][col] = nullable == "YES"
	}
	if err := rs.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// textColumn runs a query of one text column and returns its sorted values.
func textColumn(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	rs, err := db.QueryContext(ctx, query)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	var out []string
	for rs.Next() {
		var s string
		if err := rs.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rs.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}
