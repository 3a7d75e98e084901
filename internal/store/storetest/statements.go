package storetest

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Statements collects the SQL statements a store runs while counting is
// on: those GORM builds and those the store sends itself (on pgx's pool or
// straight to the connection), which all report to GORM's logger.
type Statements struct {
	on  atomic.Bool
	mu  sync.Mutex
	sql []string
}

// CountStatements wraps db's logger until the test ends.
func CountStatements(t testing.TB, db *gorm.DB) *Statements {
	t.Helper()
	st := &Statements{}
	inner := db.Logger
	db.Logger = countingLogger{inner, st}
	t.Cleanup(func() { db.Logger = inner })
	return st
}

// Run counts the statements run while fn runs (queries run at once
// included) and returns them.
func (st *Statements) Run(fn func()) (int, []string) {
	st.mu.Lock()
	st.sql = nil
	st.mu.Unlock()
	st.on.Store(true)
	fn()
	st.on.Store(false)
	st.mu.Lock()
	defer st.mu.Unlock()
	return len(st.sql), st.sql
}

type countingLogger struct {
	logger.Interface
	st *Statements
}

func (l countingLogger) LogMode(level logger.LogLevel) logger.Interface {
	return countingLogger{l.Interface.LogMode(level), l.st}
}

func (l countingLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	if l.st.on.Load() {
		sql, _ := fc()
		l.st.mu.Lock()
		l.st.sql = append(l.st.sql, sql)
		l.st.mu.Unlock()
	}
	l.Interface.Trace(ctx, begin, fc, err)
}
