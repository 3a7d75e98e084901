package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/gorm"
)

// A transaction on PostgreSQL holds one of database/sql's connections (a
// connection of pgx's pool) and is begun, committed and rolled back by pgx
// on it. GORM's statements in the transaction go through that connection
// (*sql.Conn, which GORM takes like a *sql.Tx); the store's own statements
// (queryRow and exec of native.go: the hot reads, the findings' writes,
// the audit chain) go to pgx on the same connection, through
// (*sql.Conn).Raw, without database/sql's conversion of every argument and
// value, its locks and its goroutine per transaction watching the context:
// a fifth of the processor time of a finding's update (docs/performance.md).

// rollbackTimeout bounds the rollback of a transaction whose request has
// ended (its context is done, so it cannot carry the rollback).
const rollbackTimeout = 5 * time.Second

// pgTx runs fn in a transaction on PostgreSQL: everything fn's Store
// writes, or nothing. A panic in fn rolls back and goes on.
func (s *Store) pgTx(ctx context.Context, fn func(tx *Store) error) (err error) {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return translate(err, "", false)
	}
	defer conn.Close()
	var tx pgx.Tx
	if err := rawConn(conn, func(c *pgx.Conn) (err error) { tx, err = c.Begin(ctx); return err }); err != nil {
		return translate(err, "", false)
	}
	done := false
	defer func() {
		if done {
			return
		}
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), rollbackTimeout)
		defer cancel()
		// A rollback that fails leaves the connection in a transaction:
		// pgx closes it then, and database/sql drops it.
		_ = rawConn(conn, func(*pgx.Conn) error { return tx.Rollback(rctx) })
	}()
	g := s.db.Session(&gorm.Session{Context: ctx, NewDB: true})
	g.Statement.ConnPool = conn
	if err := fn(&Store{db: g, dialect: s.dialect, pool: s.pool, conn: conn}); err != nil {
		return translate(err, "", false)
	}
	done = true
	err = rawConn(conn, func(*pgx.Conn) error { return tx.Commit(ctx) })
	return translate(err, "", false)
}

// rawConn runs f with the pgx connection under conn.
func rawConn(conn *sql.Conn, f func(c *pgx.Conn) error) error {
	return conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("store: a PostgreSQL connection of type %T", dc)
		}
		if c.Conn().IsClosed() {
			return driver.ErrBadConn
		}
		return f(c.Conn())
	})
}

// rawRow is a row of a query in a PostgreSQL transaction, sent when it is
// scanned (pgx reads the row from the connection then, which must happen
// inside Raw).
type rawRow struct {
	conn  *sql.Conn
	ctx   context.Context
	query string
	args  []any
}

func (r rawRow) Scan(dest ...any) error {
	return rawConn(r.conn, func(c *pgx.Conn) error { return c.QueryRow(native(r.ctx), r.query, r.args...).Scan(dest...) })
}
