package store

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// The hot reads (hot_reads.go, visit_detail.go) go, on PostgreSQL and
// outside a transaction, straight to pgx's pool, which database/sql also
// draws from: pgx's own interface skips database/sql's conversion of every
// value and its bookkeeping, a third of the processor time of these small
// queries. Inside a transaction, and on SQLite, they go through GORM's
// connection like every other query. The SQL is the same text either way.

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
	if s.pool != nil && !s.inTx() {
		return s.pool.QueryRow(native(ctx), numbered(query), args...)
	}
	return s.q(ctx).Raw(query, args...).Row()
}

// query runs a query; close must be called once the rows are read.
func (s *Store) query(ctx context.Context, query string, args ...any) (r rows, close func(), err error) {
	if s.pool != nil && !s.inTx() {
		pr, err := s.pool.Query(native(ctx), numbered(query), args...)
		if err != nil {
			return nil, nil, err
		}
		return pr, pr.Close, nil
	}
	sr, err := s.q(ctx).Raw(query, args...).Rows()
	if err != nil {
		return nil, nil, err
	}
	return sr, func() { sr.Close() }, nil
}

var numberedCache sync.Map // query text with ? → with $1, $2, …

// numbered turns the ? placeholders of query into PostgreSQL's $1, $2, …
// (the hot reads have no question mark inside a literal). The queries are
// constants of the code: each is converted once.
func numbered(query string) string {
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
