package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"gorm.io/gorm"
	"gorm.io/gorm/schema"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// Store reads and writes the records. A Store made by Tx runs everything in
// one transaction; the zero Store is not usable: make one with New.
type Store struct {
	db      *gorm.DB
	dialect string
	pool    *pgxpool.Pool
	// conn is, in a transaction on PostgreSQL, its connection (see pg_tx.go).
	conn *sql.Conn
}

// New returns a Store over an open database.
func New(db *DB) *Store { return &Store{db: db.Gorm, dialect: db.Dialect, pool: db.pool} }

// Pool returns PostgreSQL's connection pool, for its metrics; nil on SQLite.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Dialect returns "postgres" or "sqlite".
func (s *Store) Dialect() string { return s.dialect }

// Gorm returns the underlying handle, for tests and tools that count or
// inspect queries.
func (s *Store) Gorm() *gorm.DB { return s.db }

// Tx runs fn in one transaction: fn's Store writes everything or nothing.
// A Tx inside a Tx joins the outer transaction.
func (s *Store) Tx(ctx context.Context, fn func(tx *Store) error) error {
	if s.inTx() {
		return fn(s)
	}
	if s.pool != nil {
		return s.pgTx(ctx, fn)
	}
	err := s.db.WithContext(ctx).Transaction(func(g *gorm.DB) error {
		return fn(&Store{db: g, dialect: s.dialect, pool: s.pool})
	})
	return translate(err, "", false)
}

func (s *Store) inTx() bool {
	if s.conn != nil {
		return true
	}
	_, ok := s.db.Statement.ConnPool.(gorm.TxCommitter)
	return ok
}

func (s *Store) q(ctx context.Context) *gorm.DB { return s.db.WithContext(ctx) }

// Get loads the record of type T with the given primary key.
func Get[T any](ctx context.Context, s *Store, id int64) (*T, error) {
	var rec T
	if hot, err := s.getHot(ctx, id, &rec); hot { // see hot_reads.go, hot_writes.go
		if err != nil {
			return nil, err
		}
		return &rec, nil
	}
	err := s.q(ctx).Where(pkColumn(&rec)+" = ?", id).Take(&rec).Error
	if err != nil {
		return nil, translate(err, entityOf(&rec), false)
	}
	return &rec, nil
}

// Find loads the first record of type T (by primary key) that matches the
// condition, or not found.
func Find[T any](ctx context.Context, s *Store, cond string, args ...any) (*T, error) {
	var rec T
	err := s.q(ctx).Where(cond, args...).Order(pkColumn(&rec)).Take(&rec).Error
	if err != nil {
		return nil, translate(err, entityOf(&rec), false)
	}
	return &rec, nil
}

// Create inserts rec (a pointer to an entity) with version 1 and its
// timestamps set; its ID is filled in.
func (s *Store) Create(ctx context.Context, rec any) error {
	setField(rec, "Version", 1)
	setSearch(rec)
	utcTimes(rec)
	switch r := rec.(type) { // the most written records: see hot_writes.go
	case *domain.Finding:
		if r.ID == 0 {
			return s.insertFinding(ctx, r)
		}
	case *domain.ActionUpdateReport:
		if r.ID == 0 {
			return s.insertActionUpdate(ctx, r)
		}
	}
	err := s.q(ctx).Create(rec).Error
	return translate(err, entityOf(rec), false)
}

// Update writes the named columns of rec when the stored version still is
// version; rec's Version becomes version+1. A stale version is a conflict
// and changes nothing; a missing record is not found.
func (s *Store) Update(ctx context.Context, rec any, version int, columns ...string) error {
	entity := entityOf(rec)
	if setSearch(rec) {
		columns = append(columns, "search")
	}
	setField(rec, "Version", version+1)
	utcTimes(rec)
	columns = append(columns, "version")
	if hasField(rec, "UpdatedAt") {
		columns = append(columns, "updated_at")
	}
	var (
		n   int64
		err error
	)
	if f, ok := rec.(*domain.Finding); ok && findingWritable(columns) { // see hot_writes.go
		n, err = s.updateFinding(ctx, f, version, columns)
	} else {
		res := s.q(ctx).Model(rec).Where("version = ?", version).Select(columns).Updates(rec)
		n, err = res.RowsAffected, res.Error
	}
	if err != nil {
		setField(rec, "Version", version)
		return translate(err, entity, false)
	}
	if n == 0 {
		setField(rec, "Version", version)
		return s.missingOrStale(ctx, rec, entity)
	}
	return nil
}

// Delete removes rec (found by its primary key) when the stored version is
// still version. A record other records still point to is a conflict.
func (s *Store) Delete(ctx context.Context, rec any, version int) error {
	entity := entityOf(rec)
	res := s.q(ctx).Where("version = ?", version).Delete(rec)
	if res.Error != nil {
		return translate(res.Error, entity, true)
	}
	if res.RowsAffected == 0 {
		return s.missingOrStale(ctx, rec, entity)
	}
	return nil
}

func (s *Store) missingOrStale(ctx context.Context, rec any, entity string) error {
	var n int64
	model := reflect.New(reflect.TypeOf(rec).Elem()).Interface()
	if err := s.q(ctx).Model(model).Where(pkColumn(rec)+" = ?", pkValue(rec)).Count(&n).Error; err != nil {
		return translate(err, entity, false)
	}
	if n == 0 {
		return domain.NotFound(entity)
	}
	return domain.StaleVersion(entity)
}

// list runs a paged query: the total count of matching rows, then one page
// of them in the given order. Only T's own columns are read, so q may join
// other tables to filter or order.
func list[T any](ctx context.Context, q *gorm.DB, page domain.Page, order string) ([]T, int, error) {
	var total int64
	items := []T{}
	var zero T
	table := any(&zero).(schema.Tabler).TableName()
	if err := q.WithContext(ctx).Count(&total).Error; err != nil {
		return nil, 0, translate(err, "", false)
	}
	if total == 0 {
		return items, 0, nil
	}
	p := page.Normalize()
	err := q.WithContext(ctx).Select(table + ".*").Order(order).Limit(p.PerPage).Offset(page.Offset()).Find(&items).Error
	if err != nil {
		return nil, 0, translate(err, "", false)
	}
	return items, int(total), nil
}

// exists reports whether q (a query on one table with an id) matches any row.
func exists(ctx context.Context, q *gorm.DB) (bool, error) {
	var ids []int64
	err := q.WithContext(ctx).Limit(1).Pluck("id", &ids).Error
	return len(ids) > 0, translate(err, "", false)
}

// entityOf names the entity of a record for messages: its table, singular.
func entityOf(rec any) string {
	t, ok := rec.(schema.Tabler)
	if !ok {
		return "record"
	}
	name := t.TableName()
	switch {
	case name == "criteria":
		return "criterion"
	case name == "agencies":
		return "agency"
	case strings.HasSuffix(name, "_stats"):
		return name
	}
	return strings.TrimSuffix(name, "s")
}

// pkColumn returns the primary key column: id, or visit_id for the
// one-per-visit figures.
func pkColumn(rec any) string {
	if _, ok := reflect.TypeOf(rec).Elem().FieldByName("ID"); ok {
		return "id"
	}
	return "visit_id"
}

func pkValue(rec any) any {
	v := reflect.ValueOf(rec).Elem()
	if f := v.FieldByName("ID"); f.IsValid() {
		return f.Interface()
	}
	return v.FieldByName("VisitID").Interface()
}

var timeType = reflect.TypeOf(time.Time{})

// utcTimes puts every time of a record in UTC to the microsecond, as both
// databases keep them: SQLite compares times as text, which is right only
// when they all have the same offset.
func utcTimes(rec any) {
	v := reflect.ValueOf(rec).Elem()
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		switch {
		case f.Type() == timeType && f.CanSet():
			f.Set(reflect.ValueOf(utc(f.Interface().(time.Time))))
		case f.Type() == reflect.PointerTo(timeType) && !f.IsNil() && f.CanSet():
			t := utc(f.Elem().Interface().(time.Time))
			f.Set(reflect.ValueOf(&t))
		}
	}
}

func utc(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

func setField(rec any, name string, value int) {
	if f := reflect.ValueOf(rec).Elem().FieldByName(name); f.IsValid() && f.CanSet() {
		f.SetInt(int64(value))
	}
}

func hasField(rec any, name string) bool {
	return reflect.ValueOf(rec).Elem().FieldByName(name).IsValid()
}

// wrap adds the store's context to an error that is not a domain error.
func wrap(err error, what string) error {
	if err == nil {
		return nil
	}
	var de *domain.Error
	if errors.As(err, &de) {
		return err
	}
	return fmt.Errorf("store: %s: %w", what, err)
}
