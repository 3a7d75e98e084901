package store_test

import (
	"testing"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

func TestSetDefaultDueDatesOnlyFillsMissingDates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		s := w.s
		sc := mustShortcoming(t, s, w.visit, w.crit["1.1"])
		set := day(2019, 10, 1)
		noDue1 := mustAction(t, s, w.visit, sc, domain.ActionOpen, nil)
		withDue := mustAction(t, s, w.visit, sc, domain.ActionOpen, &set)
		noDue2 := mustAction(t, s, w.visit, sc, domain.ActionInProgress, nil)
		other := mustVisit(t, s, w.plan, w.agency, w.set)
		otherNoDue := mustAction(t, s, other, mustShortcoming(t, s, other, nil), domain.ActionOpen, nil)

		due := day(2019, 10, 18) // 15 days after approval on 3/10/2019
		changed, err := s.SetDefaultDueDates(ctx, w.visit.ID, due)
		if err != nil {
			t.Fatal(err)
		}
		sameIDs(t, "changed", idsOf(changed, actionID), []int64{noDue1.ID, noDue2.ID})
		for _, a := range changed {
			if a.DueOn == nil || *a.DueOn != due || a.Version != 2 {
				t.Errorf("returned action %d: due %v v%d, want %v v2", a.ID, a.DueOn, a.Version, due)
			}
		}
		check := func(a *domain.Action, wantDue *domain.Date, wantVersion int) {
			t.Helper()
			got, err := store.Get[domain.Action](ctx, s, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if fmtPtr(got.DueOn) != fmtPtr(wantDue) || got.Version != wantVersion {
				t.Errorf("action %d: due %s v%d, want %s v%d", a.ID, fmtPtr(got.DueOn), got.Version, fmtPtr(wantDue), wantVersion)
			}
			if got.Status != a.Status || got.Description != a.Description {
				t.Errorf("action %d changed beyond its due date: %+v", a.ID, got)
			}
		}
		check(noDue1, &due, 2)
		check(noDue2, &due, 2)
		check(withDue, &set, 1)
		check(otherNoDue, nil, 1)

		// Nothing is left without a date: a second call changes nothing.
		again, err := s.SetDefaultDueDates(ctx, w.visit.ID, day(2020, 1, 1))
		if err != nil || len(again) != 0 {
			t.Fatalf("second call changed %v, %v; want nothing", idsOf(again, actionID), err)
		}
		check(noDue1, &due, 2)
	})
}

func TestCountUnverifiedActions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		s := w.s
		if n, err := s.CountUnverifiedActions(ctx, w.visit.ID); err != nil || n != 0 {
			t.Fatalf("no actions: %d, %v", n, err)
		}
		sc := mustShortcoming(t, s, w.visit, nil)
		for _, st := range domain.ActionStatuses {
			mustAction(t, s, w.visit, sc, st, nil)
		}
		other := mustVisit(t, s, w.plan, w.agency, w.set)
		mustAction(t, s, other, mustShortcoming(t, s, other, nil), domain.ActionOpen, nil)
		if n, err := s.CountUnverifiedActions(ctx, w.visit.ID); err != nil || n != 3 {
			t.Fatalf("CountUnverifiedActions = %d, %v; want 3 (open, in progress, reported done)", n, err)
		}
	})
}

func TestVerifyAction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		s := w.s
		inspector := mustUser(t, s, domain.RoleInspector, nil)
		a := mustAction(t, s, w.visit, mustShortcoming(t, s, w.visit, nil), domain.ActionReportedDone, nil)
		stale := *a
		at := time.Date(2019, 11, 5, 9, 15, 30, 250000000, time.UTC)
		if err := s.VerifyAction(ctx, a, inspector.ID, at); err != nil {
			t.Fatal(err)
		}
		if a.Status != domain.ActionVerified || a.Version != 2 {
			t.Errorf("after VerifyAction the record is %s v%d", a.Status, a.Version)
		}
		got, _ := store.Get[domain.Action](ctx, s, a.ID)
		if got.Status != domain.ActionVerified || got.VerifiedBy == nil || *got.VerifiedBy != inspector.ID ||
			got.VerifiedAt == nil || !got.VerifiedAt.Equal(at) || got.Version != 2 {
			t.Errorf("stored %s by %s at %s v%d; want verified by %d at %s v2",
				got.Status, fmtPtr(got.VerifiedBy), fmtPtr(got.VerifiedAt), got.Version, inspector.ID, at)
		}
		if n, _ := s.CountUnverifiedActions(ctx, w.visit.ID); n != 0 {
			t.Errorf("unverified after verifying the only action = %d", n)
		}

		// Verifying a stale copy is a conflict and keeps the first verification.
		other := mustUser(t, s, domain.RoleInspector, nil)
		if err := s.VerifyAction(ctx, &stale, other.ID, at.Add(time.Hour)); code(err) != domain.ECONFLICT {
			t.Fatalf("VerifyAction of a stale copy = %v, want conflict", err)
		}
		got, _ = store.Get[domain.Action](ctx, s, a.ID)
		if *got.VerifiedBy != inspector.ID || !got.VerifiedAt.Equal(at) || got.Version != 2 {
			t.Errorf("the refused verification changed the action: %+v", got)
		}
		// A verifier who is not a user is a broken reference.
		b := mustAction(t, s, w.visit, mustShortcoming(t, s, w.visit, nil), domain.ActionReportedDone, nil)
		if err := s.VerifyAction(ctx, b, 987654, at); code(err) != domain.EINVALID {
			t.Fatalf("VerifyAction by a missing user = %v, want invalid", err)
		}
		if got, _ := store.Get[domain.Action](ctx, s, b.ID); got.Status != domain.ActionReportedDone || got.VerifiedBy != nil {
			t.Errorf("the refused verification changed the action: %+v", got)
		}
	})
}

func TestActionUpdatesOldestFirst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		s := w.s
		officer := mustUser(t, s, domain.RoleAgencyOfficer, &w.agency.ID)
		a := mustAction(t, s, w.visit, mustShortcoming(t, s, w.visit, nil), domain.ActionOpen, nil)
		b := mustAction(t, s, w.visit, mustShortcoming(t, s, w.visit, nil), domain.ActionOpen, nil)
		first := &domain.ActionUpdateReport{ActionID: a.ID, Note: "Đang xây dựng kế hoạch", Status: ptr(domain.ActionInProgress), AuthorID: &officer.ID}
		mustCreate(t, s, first)
		mustCreate(t, s, &domain.ActionUpdateReport{ActionID: b.ID, Note: "khác"})
		second := &domain.ActionUpdateReport{ActionID: a.ID, Note: "Đã ban hành kế hoạch", Status: ptr(domain.ActionReportedDone), AuthorID: &officer.ID}
		mustCreate(t, s, second)
		got, err := s.ActionUpdates(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].ID != first.ID || got[1].ID != second.ID || got[1].Note != second.Note ||
			*got[1].Status != domain.ActionReportedDone || *got[0].AuthorID != officer.ID {
			t.Errorf("ActionUpdates = %+v", got)
		}
		if got, err := s.ActionUpdates(ctx, 987654); err != nil || got == nil || len(got) != 0 {
			t.Errorf("ActionUpdates of a missing action = %#v, %v; want an empty list", got, err)
		}
	})
}
