package store_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

// A finding read, inserted and updated by the store's own statements is
// the row GORM's Take, Create and Updates make of the same values, outside
// a transaction and inside one; a stale version and a missing finding are
// refused as before.
func TestFindingWritesAreGORMsWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		read := func(t *testing.T, id int64) domain.Finding {
			t.Helper()
			var f domain.Finding
			if err := db.Gorm.Where("id = ?", id).Take(&f).Error; err != nil {
				t.Fatal(err)
			}
			f.CreatedAt, f.UpdatedAt = f.CreatedAt.UTC(), f.UpdatedAt.UTC()
			return f
		}
		// same compares two rows made from the same values, which differ in
		// their id and criterion (one finding per criterion of a visit).
		same := func(t *testing.T, what string, got, want domain.Finding) {
			t.Helper()
			got.ID, got.CriterionID = want.ID, want.CriterionID
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s by the store\n %+v\nby GORM\n %+v", what, got, want)
			}
		}
		run := func(t *testing.T, visit *domain.Visit, tx func(fn func(s *store.Store) error) error) {
			rating, value, score := domain.RatingFair, 87.5, 1.5
			mine := &domain.Finding{VisitID: visit.ID, CriterionID: w.crit["1.1"].ID, Rating: &rating, Value: &value, Score: &score,
				Note: "Bộ phận Một cửa bố trí chưa hợp lý", SelfNote: "Đã bố trí lại"}
			theirs := *mine
			theirs.CriterionID = w.crit["1.3"].ID
			before := store.Now()
			if err := tx(func(s *store.Store) error { return s.Create(ctx, mine) }); err != nil {
				t.Fatal(err)
			}
			if mine.ID == 0 || mine.Version != 1 || mine.CreatedAt.Before(before) || !mine.UpdatedAt.Equal(mine.CreatedAt) {
				t.Fatalf("created finding: id %d, version %d, created %s, updated %s (before: %s)", mine.ID, mine.Version,
					mine.CreatedAt, mine.UpdatedAt, before)
			}
			theirs.Version, theirs.CreatedAt, theirs.UpdatedAt = 1, mine.CreatedAt, mine.UpdatedAt
			if err := db.Gorm.Create(&theirs).Error; err != nil {
				t.Fatal(err)
			}
			same(t, "inserted", read(t, mine.ID), read(t, theirs.ID))
			if got := read(t, mine.ID); !reflect.DeepEqual(got, *mine) {
				t.Errorf("the created finding\n %+v\nis stored as\n %+v", *mine, got)
			}
			var got *domain.Finding
			if err := tx(func(s *store.Store) (err error) { got, err = store.Get[domain.Finding](ctx, s, mine.ID); return err }); err != nil {
				t.Fatal(err)
			}
			same(t, "read", *got, read(t, theirs.ID))

			// The update: the rating cleared, a new note and score.
			before = store.Now()
			time.Sleep(2 * time.Millisecond) // updated_at must move
			mine.Rating, mine.Note, mine.Score = nil, "Đã khắc phục", nil
			if err := tx(func(s *store.Store) error { return s.Update(ctx, mine, 1, "note", "rating", "score") }); err != nil {
				t.Fatal(err)
			}
			if mine.Version != 2 || !mine.UpdatedAt.After(before) {
				t.Errorf("updated finding: version %d, updated %s (before: %s)", mine.Version, mine.UpdatedAt, before)
			}
			theirs.Rating, theirs.Note, theirs.Score, theirs.Version = nil, "Đã khắc phục", nil, 2
			res := db.Gorm.Model(&theirs).Where("version = ?", 1).Select("note", "rating", "score", "version", "updated_at").Updates(&theirs)
			if res.Error != nil || res.RowsAffected != 1 {
				t.Fatalf("GORM's update: %v, %d rows", res.Error, res.RowsAffected)
			}
			stored := read(t, mine.ID)
			if !reflect.DeepEqual(stored, *mine) {
				t.Errorf("the updated finding\n %+v\nis stored as\n %+v", *mine, stored)
			}
			want := read(t, theirs.ID)
			stored.UpdatedAt = want.UpdatedAt // each is the time of its own update
			same(t, "updated", stored, want)

			stale := *mine
			stale.Note = "lost"
			err := tx(func(s *store.Store) error { return s.Update(ctx, &stale, 1, "note") })
			if code(err) != domain.ECONFLICT || stale.Version != 1 {
				t.Errorf("update at a stale version: %v, version %d; want a conflict, version 1", err, stale.Version)
			}
			if read(t, mine.ID).Note != "Đã khắc phục" {
				t.Error("a stale update changed the finding")
			}
			missing := domain.Finding{ID: 1 << 40, Note: "x"}
			if err := tx(func(s *store.Store) error { return s.Update(ctx, &missing, 1, "note") }); code(err) != domain.ENOTFOUND {
				t.Errorf("update of a missing finding: %v, want not found", err)
			}
			if err := tx(func(s *store.Store) (err error) { _, err = store.Get[domain.Finding](ctx, s, 1<<40); return err }); code(err) != domain.ENOTFOUND {
				t.Errorf("read of a missing finding: %v, want not found", err)
			}
			dup := domain.Finding{VisitID: visit.ID, CriterionID: w.crit["1.1"].ID}
			if err := tx(func(s *store.Store) error { return s.Create(ctx, &dup) }); code(err) != domain.ECONFLICT {
				t.Errorf("a second finding on one criterion: %v, want a conflict", err)
			}
		}
		t.Run("outside a transaction", func(t *testing.T) {
			run(t, w.visit, func(fn func(s *store.Store) error) error { return fn(w.s) })
		})
		t.Run("inside a transaction", func(t *testing.T) {
			run(t, mustVisit(t, w.s, w.plan, w.agency, w.set), func(fn func(s *store.Store) error) error { return w.s.Tx(ctx, fn) })
		})
	})
}

// An action read and a progress report inserted by the store's own
// statements are what GORM reads and writes, outside a transaction and
// inside one: with and without a deadline, an owner, a verification, a
// new status and an author.
func TestActionReportsAreGORMsWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		sc := mustShortcoming(t, w.s, w.visit, w.crit["1.1"])
		due := domain.Date{Year: 2019, Month: 10, Day: 18}
		plain := mustAction(t, w.s, w.visit, sc, domain.ActionOpen, nil)
		full := mustAction(t, w.s, w.visit, sc, domain.ActionVerified, &due)
		author := mustUser(t, w.s, domain.RoleAgencyOfficer, &w.agency.ID)
		verifiedAt := time.Date(2019, 11, 2, 9, 30, 0, 0, time.UTC)
		full.OwnerAgencyID, full.OwnerName, full.VerifiedBy, full.VerifiedAt = &w.agency.ID, "Văn phòng Sở", &author.ID, &verifiedAt
		if err := w.s.Update(ctx, full, full.Version, "owner_agency_id", "owner_name", "verified_by", "verified_at"); err != nil {
			t.Fatal(err)
		}
		check := func(t *testing.T, s *store.Store) {
			g := s.Gorm().WithContext(ctx) // GORM in the same transaction, if any
			for _, a := range []*domain.Action{plain, full} {
				var want domain.Action
				if err := g.Where("id = ?", a.ID).Take(&want).Error; err != nil {
					t.Fatal(err)
				}
				want.CreatedAt, want.UpdatedAt = want.CreatedAt.UTC(), want.UpdatedAt.UTC()
				if want.VerifiedAt != nil {
					*want.VerifiedAt = want.VerifiedAt.UTC()
				}
				got, err := store.Get[domain.Action](ctx, s, a.ID)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(*got, want) {
					t.Errorf("action read by the store\n %+v\nby GORM\n %+v", *got, want)
				}
			}
			if _, err := store.Get[domain.Action](ctx, s, 1<<40); code(err) != domain.ENOTFOUND {
				t.Errorf("missing action: %v, want not found", err)
			}
			done := domain.ActionReportedDone
			for _, r := range []*domain.ActionUpdateReport{
				{ActionID: plain.ID, Note: "Đã xây dựng kế hoạch"},
				{ActionID: full.ID, Note: "Đã bố trí lại Bộ phận Một cửa", Status: &done, AuthorID: &author.ID},
			} {
				theirs := *r
				before := store.Now()
				if err := s.Create(ctx, r); err != nil {
					t.Fatal(err)
				}
				if r.ID == 0 || r.CreatedAt.Before(before) {
					t.Errorf("created report: id %d, at %s (before: %s)", r.ID, r.CreatedAt, before)
				}
				theirs.CreatedAt = r.CreatedAt
				if err := g.Create(&theirs).Error; err != nil {
					t.Fatal(err)
				}
				var mine, gorms domain.ActionUpdateReport
				if err := g.Where("id = ?", r.ID).Take(&mine).Error; err != nil {
					t.Fatal(err)
				}
				if err := g.Where("id = ?", theirs.ID).Take(&gorms).Error; err != nil {
					t.Fatal(err)
				}
				mine.CreatedAt, gorms.CreatedAt, mine.ID = mine.CreatedAt.UTC(), gorms.CreatedAt.UTC(), gorms.ID
				if !reflect.DeepEqual(mine, gorms) {
					t.Errorf("report inserted by the store\n %+v\nby GORM\n %+v", mine, gorms)
				}
			}
		}
		t.Run("outside a transaction", func(t *testing.T) { check(t, w.s) })
		t.Run("inside a transaction", func(t *testing.T) {
			if err := w.s.Tx(ctx, func(tx *store.Store) error { check(t, tx); return nil }); err != nil {
				t.Fatal(err)
			}
		})
		if err := w.s.Create(ctx, &domain.ActionUpdateReport{ActionID: 1 << 40, Note: "x"}); code(err) != domain.EINVALID {
			t.Errorf("a report on a missing action: %v, want invalid", err)
		}
	})
}
