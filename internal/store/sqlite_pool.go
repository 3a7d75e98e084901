package store

import (
	"context"
	"database/sql"
	"runtime"
	"strings"

	"github.com/glebarez/sqlite"
	"gorm.io/gorm"
)

// sqliteReaders is how many read-only connections an SQLite database has
// beside its one writer: in write-ahead-log mode readers neither wait for
// the writer nor block it, so reads use every core while writes queue.
func sqliteReaders() int { return max(4, runtime.NumCPU()) }

// splitPool is the connection pool GORM sees for an SQLite database: a
// SELECT outside a transaction goes to the read-only pool, everything else
// (writes, INSERT … RETURNING, pragmas, transactions and all they run) to
// the one writer. A committed write is visible to the next read: each read
// starts its own snapshot of the log.
type splitPool struct {
	writer *sql.DB
	reader *sql.DB
}

var (
	_ gorm.ConnPool       = (*splitPool)(nil)
	_ gorm.TxBeginner     = (*splitPool)(nil)
	_ gorm.GetDBConnector = (*splitPool)(nil)
)

// isRead reports whether query only reads: it begins with SELECT.
func isRead(query string) bool {
	q := strings.TrimLeft(query, " \t\r\n(")
	return len(q) >= 6 && strings.EqualFold(q[:6], "select")
}

func (p *splitPool) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return p.writer.PrepareContext(ctx, query)
}

func (p *splitPool) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return p.writer.ExecContext(ctx, query, args...)
}

func (p *splitPool) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if isRead(query) {
		return p.reader.QueryContext(ctx, query, args...)
	}
	return p.writer.QueryContext(ctx, query, args...)
}

func (p *splitPool) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if isRead(query) {
		return p.reader.QueryRowContext(ctx, query, args...)
	}
	return p.writer.QueryRowContext(ctx, query, args...)
}

// BeginTx begins a transaction on the writer: a transaction's reads see its
// own writes.
func (p *splitPool) BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error) {
	return p.writer.BeginTx(ctx, opts)
}

// GetDBConn answers the writer: the handle migrations, pings and pool
// settings use.
func (p *splitPool) GetDBConn() (*sql.DB, error) { return p.writer, nil }

// ReadDB returns SQLite's pool of read-only connections, for its metrics;
// nil on PostgreSQL, where one pool serves everything.
func (s *Store) ReadDB() *sql.DB {
	if p, ok := s.db.ConnPool.(*splitPool); ok {
		return p.reader
	}
	return nil
}

// openSQLite opens the writer and the read-only pool of the file at path.
func openSQLite(path string) (*splitPool, error) {
	writer, err := sql.Open(sqlite.DriverName, sqliteDSN(path))
	if err != nil {
		return nil, err
	}
	writer.SetMaxOpenConns(1)
	writer.SetMaxIdleConns(1)
	writer.SetConnMaxLifetime(0)
	reader, err := sql.Open(sqlite.DriverName, sqliteReadDSN(path))
	if err != nil {
		writer.Close()
		return nil, err
	}
	n := sqliteReaders()
	reader.SetMaxOpenConns(n)
	reader.SetMaxIdleConns(n)
	reader.SetConnMaxLifetime(0)
	return &splitPool{writer: writer, reader: reader}, nil
}

// dropStat4 removes the sampled statistics that ANALYZE writes to
// sqlite_stat4 (`cchc gen` analyzes what it generates), keeping the
// per-index statistics of sqlite_stat1 that the planner needs. With
// samples, SQLite prepares every statement whose parameters meet an indexed
// column twice (again once the values are bound, to plan with them):
// parsing was then half of the processor time of a visit's page, and the
// page ran at 0.67 of PostgreSQL's throughput instead of 1.00
// (docs/performance.md). Run before any reader connects, so that every
// connection loads the statistics without them.
func dropStat4(ctx context.Context, writer *sql.DB) error {
	var n int
	err := writer.QueryRowContext(ctx, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat4'").Scan(&n)
	if err != nil || n == 0 {
		return err
	}
	_, err = writer.ExecContext(ctx, "DELETE FROM sqlite_stat4")
	return err
}
