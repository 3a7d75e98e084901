package store_test

import (
	"reflect"
	"testing"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

// The records read by position (a visit, a criterion) are the records GORM
// reads by reflection, outside a transaction and inside one, and a missing
// one is not found either way.
func TestPositionalReadsAreGORMsReads(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		check := func(t *testing.T, s *store.Store) {
			for _, c := range []*domain.Criterion{w.crit["1"], w.crit["1.1"], w.crit["1.3"]} { // no parent, no maximum, both
				var want domain.Criterion
				if err := db.Gorm.Where("id = ?", c.ID).Take(&want).Error; err != nil {
					t.Fatal(err)
				}
				got, err := store.Get[domain.Criterion](ctx, s, c.ID)
				if err != nil {
					t.Fatal(err)
				}
				want.CreatedAt, want.UpdatedAt = want.CreatedAt.UTC(), want.UpdatedAt.UTC()
				if !reflect.DeepEqual(*got, want) {
					t.Errorf("criterion %s read by position\n %+v\nby GORM\n %+v", c.Code, *got, want)
				}
			}
			if got := w.crit["1.3"]; got.MaxScore == nil || *got.MaxScore != 2 {
				t.Fatalf("fixture: criterion 1.3 without its maximum")
			}
			v, err := store.Get[domain.Visit](ctx, s, w.visit.ID)
			if err != nil || v.ID != w.visit.ID || v.AgencyID != w.agency.ID || v.Status != w.visit.Status {
				t.Errorf("visit %+v, %v", v, err)
			}
			if _, err := store.Get[domain.Criterion](ctx, s, 1<<40); code(err) != domain.ENOTFOUND {
				t.Errorf("missing criterion: %v, want not found", err)
			}
			if _, err := store.Get[domain.Visit](ctx, s, 1<<40); code(err) != domain.ENOTFOUND {
				t.Errorf("missing visit: %v, want not found", err)
			}
		}
		t.Run("outside a transaction", func(t *testing.T) { check(t, w.s) })
		t.Run("inside a transaction", func(t *testing.T) {
			if err := w.s.Tx(ctx, func(tx *store.Store) error { check(t, tx); return nil }); err != nil {
				t.Fatal(err)
			}
		})
	})
}
