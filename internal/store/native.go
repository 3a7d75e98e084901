package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// The hot reads (hot_reads.go, visit_detail.go), the hot writes of
// findings and progress reports (hot_writes.go) and the audit chain's
// statements go, on PostgreSQL,
// straight to pgx: to its pool outside a transaction (database/sql draws
// from the same pool), to the transaction's connection inside one (see
// pg_tx.go). pgx's own interface skips database/sql's conversion of every
// value and its bookkeeping, a third of the processor time of these small
// queries. On SQLite they go straight to GORM's connection (the
// transaction's *sql.Tx, or the pool). Either way they skip GORM's
// statement building, which costs more than these statements' own work.
// The SQL is the same text everywhere, and every such query is reported to
// GORM's logger like GORM's own.

// nativeQuery is a hot read on pgx's pool, for the tracer: such a query is
// reported to the store's logger like GORM's own queries (slow and failed
// ones are logged; the tests count them).
type nativeQuery struct {
	begin time.Time
	sql   string
}

type nativeKey struct{}

func native(ctx context.Context) context.Context {
	return context.WithValue(ctx, nativeKey{}, &nativeQuery{})
}

// queryTracer reports the hot reads' queries on pgx's pool to GORM's
// logger, which sees every other query already.
type queryTracer struct{ db *DB }

func (queryTracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, data pgx.TraceQueryStartData) context.Context {
	if q, ok := ctx.Value(nativeKey{}).(*nativeQuery); ok {
		q.begin, q.sql = time.Now(), data.SQL
	}
	return ctx
}

func (t queryTracer) TraceQueryEnd(ctx context.Context, _ *pgx.Conn, data pgx.TraceQueryEndData) {
	if q, ok := ctx.Value(nativeKey{}).(*nativeQuery); ok && t.db.Gorm != nil {
		t.db.Gorm.Logger.Trace(ctx, q.begin, func() (string, int64) { return q.sql, data.CommandTag.RowsAffected() }, data.Err)
	}
}

// rows is the part of *sql.Rows and pgx.Rows the hot reads use.
type rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// queryRow runs a query that answers at most one row.
func (s *Store) queryRow(ctx context.Context, query string, args ...any) Row {
	if s.conn != nil {
		return rawRow{s.conn, ctx, Numbered(query), args}
	}
	if s.pool != nil && !s.inTx() {
		return s.pool.QueryRow(native(ctx), Numbered(query), args...)
	}
	query = s.placeholders(query)
	return tracedRow{s.db.Statement.ConnPool.QueryRowContext(ctx, query, args...), s, ctx, time.Now(), query}
}

// query runs a query; close must be called once the rows are read.
func (s *Store) query(ctx context.Context, query string, args ...any) (r rows, close func(), err error) {
	if s.pool != nil && !s.inTx() {
		pr, err := s.pool.Query(native(ctx), Numbered(query), args...)
		if err != nil {
			return nil, nil, err
		}
		return pr, pr.Close, nil
	}
	query, begin := s.placeholders(query), time.Now()
	sr, err := s.db.Statement.ConnPool.QueryContext(ctx, query, args...)
	s.trace(ctx, begin, query, -1, err)
	if err != nil {
		return nil, nil, err
	}
	return sr, func() { sr.Close() }, nil
}

// exec runs a statement that answers no rows.
func (s *Store) exec(ctx context.Context, query string, args ...any) error {
	_, err := s.execCount(ctx, query, args...)
	return err
}

// execCount runs a statement that answers no rows and returns how many
// rows it changed.
func (s *Store) execCount(ctx context.Context, query string, args ...any) (int64, error) {
	if s.conn != nil {
		var n int64
		err := rawConn(s.conn, func(c *pgx.Conn) error {
			tag, err := c.Exec(native(ctx), Numbered(query), args...)
			n = tag.RowsAffected()
			return err
		})
		return n, err
	}
	if s.pool != nil && !s.inTx() {
		tag, err := s.pool.Exec(native(ctx), Numbered(query), args...)
		return tag.RowsAffected(), err
	}
	query, begin := s.placeholders(query), time.Now()
	res, err := s.db.Statement.ConnPool.ExecContext(ctx, query, args...)
	n := int64(-1)
	if err == nil {
		n, err = res.RowsAffected()
	}
	s.trace(ctx, begin, query, n, err)
	return n, err
}

// placeholders turns the ? of query into the database's placeholders.
func (s *Store) placeholders(query string) string {
	if s.dialect == Postgres {
		return Numbered(query)
	}
	return query
}

// trace reports a query that did not go through GORM to GORM's logger.
func (s *Store) trace(ctx context.Context, begin time.Time, query string, rows int64, err error) {
	s.db.Logger.Trace(ctx, begin, func() (string, int64) { return query, rows }, err)
}

// tracedRow reports its query once it is scanned (database/sql returns a
// row's error from Scan); no row is not an error to log.
type tracedRow struct {
	row   *sql.Row
	s     *Store
	ctx   context.Context
	begin time.Time
	query string
}

func (r tracedRow) Scan(dest ...any) error {
	err := r.row.Scan(dest...)
	logged, n := err, int64(1)
	if errors.Is(err, sql.ErrNoRows) {
		logged, n = nil, 0
	}
	r.s.trace(r.ctx, r.begin, r.query, n, logged)
	return err
}

var numberedCache sync.Map // query text with ? → with $1, $2, …

// Numbered turns the ? placeholders of query into PostgreSQL's $1, $2, …
// (the store's hand-written SQL has no question mark inside a literal; the
// benchmark's raw baseline sends the same text). The queries are constants
// of the code: each is converted once.
func Numbered(query string) string {
	if q, ok := numberedCache.Load(query); ok {
		return q.(string)
	}
	var sb strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			sb.WriteString("$" + strconv.Itoa(n))
			continue
		}
		sb.WriteRune(r)
	}
	numberedCache.Store(query, sb.String())
	return sb.String()
}
