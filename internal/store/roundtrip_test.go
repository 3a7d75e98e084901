package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

func TestDatesRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		s := w.s
		for _, d := range []domain.Date{day(2019, 9, 26), day(2000, 1, 1), day(2099, 12, 31), day(2024, 2, 29)} {
			v := mustVisitWith(t, s, w.plan, w.agency, w.set, func(v *domain.Visit) {
				v.ScheduledOn, v.VisitedOn = &d, ptr(d.AddDays(1))
			})
			got, err := store.Get[domain.Visit](ctx, s, v.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.ScheduledOn == nil || *got.ScheduledOn != d || got.VisitedOn == nil || *got.VisitedOn != d.AddDays(1) {
				t.Errorf("visit dates %s, %s; want %s, %s", fmtPtr(got.ScheduledOn), fmtPtr(got.VisitedOn), d, d.AddDays(1))
			}
		}

		p := &domain.Plan{Year: 2019, Title: "Kế hoạch", Status: domain.PlanIssued, IssuedOn: ptr(day(2019, 1, 15))}
		mustCreate(t, s, p)
		if got, _ := store.Get[domain.Plan](ctx, s, p.ID); got.IssuedOn == nil || *got.IssuedOn != day(2019, 1, 15) {
			t.Errorf("plan issued on %s", fmtPtr(got.IssuedOn))
		}
		c := &domain.Conclusion{VisitID: w.visit.ID, Status: domain.ConclusionDraft, IssuedOn: ptr(day(2019, 10, 3)),
			Recipients: []string{"Như trên;", "Lưu: VT, SNV."}}
		mustCreate(t, s, c)
		gc, err := s.ConclusionOf(ctx, w.visit.ID)
		if err != nil {
			t.Fatal(err)
		}
		if gc.IssuedOn == nil || *gc.IssuedOn != day(2019, 10, 3) || !slices.Equal(gc.Recipients, c.Recipients) {
			t.Errorf("conclusion issued on %s to %q", fmtPtr(gc.IssuedOn), gc.Recipients)
		}
		a := mustAction(t, s, w.visit, mustShortcoming(t, s, w.visit, nil), domain.ActionOpen, ptr(day(2019, 10, 18)))
		if got, _ := store.Get[domain.Action](ctx, s, a.ID); got.DueOn == nil || *got.DueOn != day(2019, 10, 18) {
			t.Errorf("action due on %s", fmtPtr(got.DueOn))
		}

		// A date cleared by an update is stored as NULL, and a null date reads back nil.
		v := *w.visit
		v.ScheduledOn = ptr(day(2019, 9, 20))
		if err := s.Update(ctx, &v, v.Version, "scheduled_on"); err != nil {
			t.Fatal(err)
		}
		v.ScheduledOn = nil
		if err := s.Update(ctx, &v, v.Version, "scheduled_on"); err != nil {
			t.Fatal(err)
		}
		got, _ := store.Get[domain.Visit](ctx, s, v.ID)
		if got.ScheduledOn != nil || got.VisitedOn != nil || got.Version != 3 {
			t.Errorf("cleared dates read back as %s, %s (v%d)", fmtPtr(got.ScheduledOn), fmtPtr(got.VisitedOn), got.Version)
		}
		if n := rows(t, s, "visits", "id = ? AND scheduled_on IS NULL", v.ID); n != 1 {
			t.Errorf("the cleared date is not NULL in the database")
		}
	})
}

func TestTimestampsRoundTripToTheMicrosecond(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		s := w.s
		u := mustUser(t, s, domain.RoleInspector, nil)
		at := time.Date(2019, 9, 26, 8, 30, 15, 123456000, time.UTC)
		ses := &domain.Session{ID: "s", UserID: u.ID, CSRFToken: "c", CreatedAt: at, LastSeenAt: at.Add(time.Microsecond),
			ExpiresAt: time.Date(2099, 12, 31, 23, 59, 59, 999999000, time.UTC)}
		mustCreate(t, s, ses)
		got, err := s.Session(ctx, "s")
		if err != nil {
			t.Fatal(err)
		}
		for name, pair := range map[string][2]time.Time{
			"created_at": {got.CreatedAt, ses.CreatedAt}, "last_seen_at": {got.LastSeenAt, ses.LastSeenAt}, "expires_at": {got.ExpiresAt, ses.ExpiresAt},
		} {
			if !pair[0].Equal(pair[1]) {
				t.Errorf("%s = %v, want %v", name, pair[0], pair[1])
			}
		}

		// Timestamps the store sets itself read back exactly as the record holds them.
		a, _ := store.Get[domain.Agency](ctx, s, w.agency.ID)
		if !a.CreatedAt.Equal(w.agency.CreatedAt) || !a.UpdatedAt.Equal(w.agency.UpdatedAt) || a.CreatedAt.IsZero() {
			t.Errorf("agency created %v / updated %v, the record said %v / %v", a.CreatedAt, a.UpdatedAt, w.agency.CreatedAt, w.agency.UpdatedAt)
		}
		if a.CreatedAt.Nanosecond()%1000 != 0 {
			t.Errorf("created_at %v has more than microsecond precision", a.CreatedAt)
		}
		before := a.UpdatedAt
		time.Sleep(2 * time.Millisecond)
		a.Name = "Sở Khoa học và Công nghệ tỉnh Điện Biên"
		if err := s.Update(ctx, a, a.Version, "name"); err != nil {
			t.Fatal(err)
		}
		b, _ := store.Get[domain.Agency](ctx, s, a.ID)
		if !b.UpdatedAt.After(before) || !b.UpdatedAt.Equal(a.UpdatedAt) || !b.CreatedAt.Equal(w.agency.CreatedAt) {
			t.Errorf("after update: created %v updated %v (record says %v, before %v)", b.CreatedAt, b.UpdatedAt, a.UpdatedAt, before)
		}

		// A nullable timestamp: nil stays nil, a value comes back.
		tok := &domain.APIToken{UserID: u.ID, Name: "x", TokenHash: "h"}
		mustCreate(t, s, tok)
		gt, _ := s.TokenByHash(ctx, "h")
		if gt.LastUsedAt != nil || gt.RevokedAt != nil || !gt.CreatedAt.Equal(tok.CreatedAt) {
			t.Errorf("token = %+v, want no last use and no revocation", gt)
		}
	})
}

func TestZeroValuesSurviveCreateAndUpdate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		s := w.s

		// false on create, where the column's default is true.
		inactive := &domain.Agency{Code: "CU", Name: "Sở Thông tin và Truyền thông", Kind: domain.KindDepartment, Active: false}
		mustCreate(t, s, inactive)
		if got, _ := store.Get[domain.Agency](ctx, s, inactive.ID); got.Active {
			t.Error("an agency created inactive reads back active")
		}
		u := &domain.User{Username: "nghi.viec", Role: domain.RoleInspector, Active: false, PasswordHash: "x"}
		mustCreate(t, s, u)
		if got, _ := store.Get[domain.User](ctx, s, u.ID); got.Active {
			t.Error("a user created inactive reads back active")
		}

		// true → false on update.
		a := *w.agency
		a.Active = false
		if err := s.Update(ctx, &a, a.Version, "active"); err != nil {
			t.Fatal(err)
		}
		if got, _ := store.Get[domain.Agency](ctx, s, a.ID); got.Active || got.Version != 2 {
			t.Errorf("agency after deactivation: active %v v%d", got.Active, got.Version)
		}

		ps := &domain.ProcedureStats{VisitID: w.visit.ID, ProceduresTotal: 5, OneStopShop: true, InteragencyOneStopShop: true,
			FilesReceived: 4, FilesLate: 3, ApologyLetters: 2}
		mustCreate(t, s, ps)
		ps.OneStopShop, ps.FilesLate, ps.ApologyLetters = false, 0, 0
		if err := s.Update(ctx, ps, ps.Version, "one_stop_shop", "files_late", "apology_letters"); err != nil {
			t.Fatal(err)
		}
		gp, _ := store.Get[domain.ProcedureStats](ctx, s, w.visit.ID)
		if gp.OneStopShop || !gp.InteragencyOneStopShop || gp.FilesLate != 0 || gp.ApologyLetters != 0 || gp.Version != 2 {
			t.Errorf("procedure stats after update = %+v", gp)
		}

		ss := &domain.StaffingStats{VisitID: w.visit.ID, DeputiesActual: 3, DeputiesMax: 3, JobPositionsApproved: true}
		mustCreate(t, s, ss)
		ss.JobPositionsApproved, ss.DeputiesActual = false, 0
		if err := s.Update(ctx, ss, ss.Version, "job_positions_approved", "deputies_actual"); err != nil {
			t.Fatal(err)
		}
		if got, _ := store.Get[domain.StaffingStats](ctx, s, w.visit.ID); got.JobPositionsApproved || got.DeputiesActual != 0 || got.DeputiesMax != 3 {
			t.Errorf("staffing stats after update = %+v", got)
		}

		// A score of 0 is a score, not a missing one; clearing it stores NULL.
		f := &domain.Finding{VisitID: w.visit.ID, CriterionID: w.crit["1.3"].ID, Score: ptr(0.0), Value: ptr(0.0)}
		mustCreate(t, s, f)
		if got, _ := store.Get[domain.Finding](ctx, s, f.ID); got.Score == nil || *got.Score != 0 || got.Value == nil || got.SelfScore != nil {
			t.Errorf("finding scores %s / %s / self %s, want 0 / 0 / nil", fmtPtr(got.Score), fmtPtr(got.Value), fmtPtr(got.SelfScore))
		}
		f.Score = nil
		if err := s.Update(ctx, f, f.Version, "score"); err != nil {
			t.Fatal(err)
		}
		if got, _ := store.Get[domain.Finding](ctx, s, f.ID); got.Score != nil || got.Value == nil {
			t.Errorf("after clearing: score %s, value %s", fmtPtr(got.Score), fmtPtr(got.Value))
		}
	})
}

func TestTextAndJSONRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		reps := []domain.Representative{{FullName: "Lê Văn Quang", Title: "Phó Giám đốc Sở KH&CN"}, {FullName: "Đỗ Thị Ngọc Ánh"}}
		v := mustVisitWith(t, w.s, w.plan, w.agency, w.set, func(v *domain.Visit) {
			v.AgencyRepresentatives, v.Location, v.DecisionNo = reps, "Trụ sở Sở KH&CN, phường Mường Thanh", "1093/QĐ-UBND"
		})
		got, _ := store.Get[domain.Visit](ctx, w.s, v.ID)
		if !slices.Equal(got.AgencyRepresentatives, reps) || got.Location != v.Location || got.DecisionNo != v.DecisionNo {
			t.Errorf("visit = %+v", got)
		}
		if got, _ := store.Get[domain.Visit](ctx, w.s, w.visit.ID); got.AgencyRepresentatives == nil || len(got.AgencyRepresentatives) != 0 {
			t.Errorf("no representatives read back as %#v, want an empty list", got.AgencyRepresentatives)
		}
	})
}
