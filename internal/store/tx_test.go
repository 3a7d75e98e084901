package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

var errBoom = errors.New("boom")

func TestTxThatFailsLeavesNothingBehind(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		var agency *domain.Agency
		err := w.s.Tx(ctx, func(tx *store.Store) error {
			agency = mustAgency(t, tx, "Sở Nông nghiệp và Môi trường")
			mustPlan(t, tx, 2025)
			mustFinding(t, tx, w.visit.ID, w.crit["1.1"].ID)
			if _, err := store.Get[domain.Agency](ctx, tx, agency.ID); err != nil {
				t.Errorf("the transaction does not see its own write: %v", err)
			}
			return errBoom
		})
		if !errors.Is(err, errBoom) {
			t.Fatalf("Tx = %v, want the error fn returned", err)
		}
		if _, err := store.Get[domain.Agency](ctx, w.s, agency.ID); code(err) != domain.ENOTFOUND {
			t.Errorf("agency after rollback: %v, want not_found", err)
		}
		for table, want := range map[string]int64{"agencies": 1, "plans": 1, "findings": 0} {
			if n := rows(t, w.s, table, ""); n != want {
				t.Errorf("%s holds %d rows after rollback, want %d", table, n, want)
			}
		}

		// A domain error from fn comes back unchanged.
		err = w.s.Tx(ctx, func(tx *store.Store) error {
			mustPlan(t, tx, 2026)
			return domain.Errorf(domain.EINVALID, "no")
		})
		if code(err) != domain.EINVALID {
			t.Fatalf("Tx = %v, want the invalid error fn returned", err)
		}
		if n := rows(t, w.s, "plans", ""); n != 1 {
			t.Fatalf("plans = %d after rollback, want 1", n)
		}

		// A failed write inside the transaction (a constraint) rolls back the earlier ones.
		err = w.s.Tx(ctx, func(tx *store.Store) error {
			mustPlan(t, tx, 2027)
			return tx.Create(ctx, &domain.Agency{Code: w.agency.Code, Name: "trùng", Kind: domain.KindUnit})
		})
		if code(err) != domain.ECONFLICT {
			t.Fatalf("Tx = %v, want conflict", err)
		}
		if n := rows(t, w.s, "plans", "year = 2027"); n != 0 {
			t.Fatalf("the plan written before the failed write survived")
		}
	})
}

func TestTxCommitsWhenFnSucceeds(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		var a *domain.Agency
		err := w.s.Tx(ctx, func(tx *store.Store) error {
			a = mustAgency(t, tx, "Sở Xây dựng")
			b := *a
			b.Name = "Sở Xây dựng tỉnh Điện Biên"
			return tx.Update(ctx, &b, a.Version, "name")
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := store.Get[domain.Agency](ctx, w.s, a.ID)
		if err != nil || got.Name != "Sở Xây dựng tỉnh Điện Biên" || got.Version != 2 {
			t.Fatalf("after commit: %+v, %v", got, err)
		}
	})
}

func TestNestedTxJoinsTheOuterOne(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		// A nested Tx that opened a second transaction would wait for the
		// first one's lock (SQLite has one connection): bound the wait.
		ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()

		var outer, inner *domain.Agency
		err := w.s.Tx(ctx, func(tx *store.Store) error {
			outer = mustAgency(t, tx, "Sở Tài chính")
			err := tx.Tx(ctx, func(tx2 *store.Store) error {
				if _, err := store.Get[domain.Agency](ctx, tx2, outer.ID); err != nil {
					t.Errorf("the nested Tx does not see the outer write: %v", err)
				}
				inner = mustAgency(t, tx2, "Sở Kế hoạch và Đầu tư")
				return nil
			})
			if err != nil {
				return err
			}
			if _, err := store.Get[domain.Agency](ctx, tx, inner.ID); err != nil {
				t.Errorf("the outer Tx does not see the nested write: %v", err)
			}
			return errBoom
		})
		if !errors.Is(err, errBoom) {
			t.Fatalf("Tx = %v, want boom", err)
		}
		for _, a := range []*domain.Agency{outer, inner} {
			if _, err := store.Get[domain.Agency](ctx, w.s, a.ID); code(err) != domain.ENOTFOUND {
				t.Errorf("%s survived the outer rollback: %v", a.Name, err)
			}
		}

		// The nested Tx's error rolls back the whole outer transaction when passed up.
		err = w.s.Tx(ctx, func(tx *store.Store) error {
			mustAgency(t, tx, "Sở Công Thương")
			return tx.Tx(ctx, func(tx2 *store.Store) error {
				mustAgency(t, tx2, "Sở Văn hóa, Thể thao và Du lịch")
				return errBoom
			})
		})
		if !errors.Is(err, errBoom) {
			t.Fatalf("Tx = %v, want boom", err)
		}
		if n := rows(t, w.s, "agencies", ""); n != 1 {
			t.Fatalf("agencies = %d, want only the world's", n)
		}

		// Joined, not a savepoint: the nested Tx's writes belong to the outer
		// transaction, so they commit with it even when the nested fn failed
		// and the outer fn went on.
		var kept *domain.Agency
		err = w.s.Tx(ctx, func(tx *store.Store) error {
			err := tx.Tx(ctx, func(tx2 *store.Store) error {
				kept = mustAgency(t, tx2, "Thanh tra tỉnh")
				return errBoom
			})
			if !errors.Is(err, errBoom) {
				t.Errorf("nested Tx = %v, want boom", err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := store.Get[domain.Agency](ctx, w.s, kept.ID); err != nil {
			t.Errorf("the nested write was rolled back on its own (a savepoint, not the outer transaction): %v", err)
		}
		if err := w.s.Delete(ctx, kept, kept.Version); err != nil {
			t.Fatal(err)
		}

		// Store methods that open a Tx of their own join the caller's.
		var att *domain.Attachment
		err = w.s.Tx(ctx, func(tx *store.Store) error {
			att = mustAttachment(t, tx, "visit", w.visit.ID, "biên bản.pdf", []byte("%PDF"))
			if err := tx.ReplaceTeam(ctx, w.visit.ID, []domain.TeamMember{{FullName: "Trưởng đoàn", Role: domain.TeamRoleLead}}); err != nil {
				return err
			}
			return errBoom
		})
		if !errors.Is(err, errBoom) {
			t.Fatalf("Tx = %v, want boom", err)
		}
		if _, err := w.s.AttachmentData(ctx, att.ID); code(err) != domain.ENOTFOUND {
			t.Errorf("attachment bytes after rollback: %v, want not_found", err)
		}
		if n := rows(t, w.s, "attachments", "") + rows(t, w.s, "team_members", ""); n != 0 {
			t.Errorf("%d attachment or team rows after rollback", n)
		}

		// And everything commits together.
		err = w.s.Tx(ctx, func(tx *store.Store) error {
			mustAgency(t, tx, "Sở Y tế")
			return tx.Tx(ctx, func(tx2 *store.Store) error {
				mustAgency(t, tx2, "Sở Giáo dục và Đào tạo")
				return nil
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		if n := rows(t, w.s, "agencies", ""); n != 3 {
			t.Fatalf("agencies = %d after commit, want 3", n)
		}
	})
}

// A panic in fn, a request that ends during the transaction, and a failed
// statement that fn ignores all leave nothing behind, and none of them
// keeps a connection: many in a row do not exhaust the pool.
func TestTxEndsCleanlyWhateverHappens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx, cancel := context.WithTimeout(ctx, 60*time.Second) // a leaked connection would make a Tx wait
		defer cancel()
		for i := range 20 { // 60 transactions: more than the pool's connections
			func() {
				defer func() {
					if r := recover(); r != errBoom {
						t.Fatalf("Tx let the panic %v through, want %v", r, errBoom)
					}
				}()
				_ = w.s.Tx(ctx, func(tx *store.Store) error {
					mustPlan(t, tx, 2020+i)
					panic(errBoom)
				})
			}()

			rctx, stop := context.WithCancel(ctx)
			err := w.s.Tx(rctx, func(tx *store.Store) error {
				mustPlan(t, tx, 2040+i)
				stop() // the client went away
				return tx.Create(rctx, &domain.Agency{Code: fmt.Sprintf("C%d", next()), Name: "Sở Y tế", Kind: domain.KindDepartment})
			})
			if err == nil {
				t.Fatal("a transaction whose context ended committed")
			}

			err = w.s.Tx(ctx, func(tx *store.Store) error {
				mustPlan(t, tx, 2060+i)
				dup := &domain.Agency{Code: w.agency.Code, Name: "trùng", Kind: domain.KindUnit}
				if err := tx.Create(ctx, dup); code(err) != domain.ECONFLICT {
					t.Errorf("duplicate code: %v, want conflict", err)
				}
				return nil // the failed statement is ignored
			})
			if db.Dialect == store.Postgres && err == nil {
				t.Fatal("PostgreSQL committed a transaction in which a statement failed")
			}
		}
		for _, cond := range []string{"year BETWEEN 2020 AND 2039", "year BETWEEN 2040 AND 2059"} {
			if n := rows(t, w.s, "plans", cond); n != 0 {
				t.Errorf("%d plans (%s) survived their transaction", n, cond)
			}
		}
		if n := rows(t, w.s, "plans", "year BETWEEN 2060 AND 2079"); db.Dialect == store.Postgres && n != 0 {
			t.Errorf("%d plans survived a transaction whose statement failed", n)
		}
		if err := w.s.Tx(ctx, func(tx *store.Store) error { mustPlan(t, tx, 2080); return nil }); err != nil {
			t.Fatalf("a transaction after all these: %v", err)
		}
	})
}
