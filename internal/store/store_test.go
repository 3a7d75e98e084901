package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

var ctx = context.Background()

func TestMigrationsApplyOnceAndReportReady(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(d, func(t *testing.T) {
			db := storetest.OpenEmpty(t, d)
			if err := db.Ready(ctx); !errors.Is(err, store.ErrPendingMigrations) {
				t.Fatalf("Ready on an empty database = %v, want pending migrations", err)
			}
			applied, err := db.Migrate(ctx)
			if err != nil || len(applied) == 0 {
				t.Fatalf("Migrate = %v, %v", applied, err)
			}
			again, err := db.Migrate(ctx)
			if err != nil || len(again) != 0 {
				t.Fatalf("second Migrate = %v, %v; want nothing applied", again, err)
			}
			if err := db.Ready(ctx); err != nil {
				t.Fatalf("Ready after migrate: %v", err)
			}
			st, err := db.MigrationStatus(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range st {
				if !m.Applied {
					t.Errorf("migration %s not applied", m.Name)
				}
			}
		})
	}
}

func TestOptimisticLockingRefusesAStaleVersion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		a := *w.agency
		a.Name = "Sở KH&CN"
		if err := w.s.Update(ctx, &a, 1, "name"); err != nil {
			t.Fatal(err)
		}
		if a.Version != 2 {
			t.Fatalf("version after update = %d, want 2", a.Version)
		}
		stale := *w.agency // still version 1
		stale.Name = "Tên cũ"
		if err := w.s.Update(ctx, &stale, 1, "name"); code(err) != domain.ECONFLICT {
			t.Fatalf("stale update = %v, want conflict", err)
		}
		if stale.Version != 1 {
			t.Fatalf("a refused update moved the version to %d", stale.Version)
		}
		got, _ := store.Get[domain.Agency](ctx, w.s, w.agency.ID)
		if got.Name != "Sở KH&CN" || got.Version != 2 {
			t.Fatalf("stored %q v%d, want the first update kept", got.Name, got.Version)
		}
		missing := domain.Agency{ID: 999999, Name: "x"}
		if err := w.s.Update(ctx, &missing, 1, "name"); code(err) != domain.ENOTFOUND {
			t.Fatalf("update of a missing record = %v, want not_found", err)
		}
	})
}

func TestConcurrentUpdatesOfOneVersionLetExactlyOneWin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		f := &domain.Finding{VisitID: w.visit.ID, CriterionID: w.crit["1.3"].ID, Note: "gốc"}
		mustCreate(t, w.s, f)
		const n = 8
		var wg sync.WaitGroup
		errs := make([]error, n)
		start := make(chan struct{})
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				mine := *f
				mine.Note = string(rune('A' + i))
				<-start
				errs[i] = w.s.Tx(ctx, func(tx *store.Store) error { return tx.Update(ctx, &mine, 1, "note") })
			}()
		}
		close(start)
		wg.Wait()
		won := -1
		for i, err := range errs {
			switch code(err) {
			case "":
				if won >= 0 {
					t.Fatalf("updates %d and %d both succeeded", won, i)
				}
				won = i
			case domain.ECONFLICT:
			default:
				t.Fatalf("update %d: %v, want success or conflict", i, err)
			}
		}
		if won < 0 {
			t.Fatal("no update succeeded")
		}
		got, _ := store.Get[domain.Finding](ctx, w.s, f.ID)
		if got.Version != 2 || got.Note != string(rune('A'+won)) {
			t.Fatalf("stored note %q v%d, want the winner's %q at v2", got.Note, got.Version, string(rune('A'+won)))
		}
	})
}
