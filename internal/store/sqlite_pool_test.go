package store_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/gen"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

// A page read while another user's write is in progress answers at once,
// with what was committed, and sees the write once it is committed.
func TestReadsDoNotWaitForAWriteInProgress(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		var plan *domain.Plan
		err := w.s.Tx(ctx, func(tx *store.Store) error {
			plan = mustPlan(t, tx, 2031)
			rctx, cancel := context.WithTimeout(ctx, 2*time.Second)
			defer cancel()
			// Outside the transaction: another request.
			if _, err := store.Get[domain.Plan](rctx, w.s, plan.ID); code(err) != domain.ENOTFOUND {
				t.Errorf("a read during the write = %v, want not found (the write is not committed)", err)
			}
			if _, err := store.Get[domain.Visit](rctx, w.s, w.visit.ID); err != nil {
				t.Errorf("a read during the write failed: %v", err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := store.Get[domain.Plan](ctx, w.s, plan.ID)
		if err != nil || got.Year != 2031 {
			t.Fatalf("the committed plan reads %+v, %v", got, err)
		}
	})
}

// Many readers and writers at once on SQLite: every read answers, every
// write is stored, nothing is refused as locked.
func TestSQLiteReadersBesideTheWriter(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	w := newWorld(t, db)
	if r := w.s.ReadDB(); r == nil || r.Stats().MaxOpenConnections < 2 {
		t.Fatalf("SQLite has no pool of readers: %+v", r)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	for i := range 8 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for range 10 {
				if _, err := store.Get[domain.Visit](ctx, w.s, w.visit.ID); err != nil {
					errs <- err
				}
			}
		}()
		go func() {
			defer wg.Done()
			for j := range 5 {
				p := &domain.Plan{Year: 2040 + i*5 + j, Title: "Kế hoạch", Status: domain.PlanIssued}
				if err := w.s.Create(ctx, p); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := rows(t, w.s, "plans", "year >= 2040"); n != 40 {
		t.Errorf("plans stored = %d, want 40", n)
	}
	// A read still being scanned does not hold up another.
	open, err := w.s.Gorm().Raw("SELECT id FROM plans").Rows()
	if err != nil {
		t.Fatal(err)
	}
	defer open.Close()
	rctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if _, err := store.Get[domain.Visit](rctx, w.s, w.visit.ID); err != nil {
		t.Errorf("a read beside an open one: %v", err)
	}
}

// A generated SQLite database is analyzed; once opened, its per-index
// statistics stay and the sampled ones (sqlite_stat4) are gone, so that
// SQLite prepares each read once instead of again after binding its values.
// The planner still uses the indexes.
func TestSQLiteOpensWithoutSampledStatistics(t *testing.T) {
	dir := t.TempDir()
	db, err := store.Open(ctx, store.Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := gen.Run(ctx, db, gen.Options{Scale: gen.Scales["small"], Seed: 1}); err != nil {
		t.Fatal(err)
	}
	count := func(db *store.DB, table string) int {
		t.Helper()
		var n int
		if err := db.SQL.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if count(db, "sqlite_stat4") == 0 {
		t.Fatal("fixture: ANALYZE wrote no samples to sqlite_stat4")
	}
	db.Close()

	db, err = store.Open(ctx, store.Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := count(db, "sqlite_stat4"); n != 0 {
		t.Errorf("sqlite_stat4 holds %d samples after opening", n)
	}
	if count(db, "sqlite_stat1") == 0 {
		t.Error("the per-index statistics (sqlite_stat1) are gone too")
	}
	var plan strings.Builder
	rows, err := db.SQL.QueryContext(ctx, "EXPLAIN QUERY PLAN SELECT id FROM visits WHERE year = ? AND status = ?", 2025, "approved")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan.WriteString(detail + "\n")
	}
	if !strings.Contains(plan.String(), "USING INDEX") && !strings.Contains(plan.String(), "USING COVERING INDEX") {
		t.Errorf("a year's visits are read without an index:\n%s", plan.String())
	}
}
