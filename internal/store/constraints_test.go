package store_test

import (
	"testing"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

func TestDuplicateAgencyCodeIsAConflictOnCode(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		dup := &domain.Agency{Code: w.agency.Code, Name: "Sở Y tế", Kind: domain.KindDepartment, Active: true}
		err := w.s.Create(ctx, dup)
		if code(err) != domain.ECONFLICT || !hasField(err, "code") {
			t.Fatalf("create with a used code = %v, want conflict on code", err)
		}
		if n := rows(t, w.s, "agencies", "name = ?", "Sở Y tế"); n != 0 {
			t.Fatalf("the refused agency was stored (%d rows)", n)
		}

		other := mustAgency(t, w.s, "Sở Y tế")
		renamed := *other
		renamed.Code = w.agency.Code
		err = w.s.Update(ctx, &renamed, other.Version, "code")
		if code(err) != domain.ECONFLICT || !hasField(err, "code") {
			t.Fatalf("update to a used code = %v, want conflict on code", err)
		}
		got, _ := store.Get[domain.Agency](ctx, w.s, other.ID)
		if got.Code != other.Code || got.Version != 1 {
			t.Fatalf("after a refused update the agency is %q v%d, want %q v1", got.Code, got.Version, other.Code)
		}
	})
}

func TestSecondFindingOnOneCriterionIsAConflict(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		first := mustFinding(t, w.s, w.visit.ID, w.crit["1.1"].ID)
		second := &domain.Finding{VisitID: w.visit.ID, CriterionID: w.crit["1.1"].ID, Note: "lần hai"}
		err := w.s.Create(ctx, second)
		if code(err) != domain.ECONFLICT || !hasField(err, "criterion_id") {
			t.Fatalf("second finding = %v, want conflict on criterion_id", err)
		}
		if n := rows(t, w.s, "findings", "visit_id = ?", w.visit.ID); n != 1 {
			t.Fatalf("the visit has %d findings, want only the first", n)
		}
		if got, err := w.s.FindingOf(ctx, w.visit.ID, w.crit["1.1"].ID); err != nil || got.ID != first.ID || got.Note != first.Note {
			t.Fatalf("FindingOf = %+v, %v; want the first finding unchanged", got, err)
		}
		// The same criterion in another visit is fine.
		other := mustVisit(t, w.s, w.plan, mustAgency(t, w.s, "Sở Tư pháp"), w.set)
		mustFinding(t, w.s, other.ID, w.crit["1.1"].ID)
	})
}

func TestFindingOfAMissingCriterionOrVisitIsInvalid(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		for name, f := range map[string]*domain.Finding{
			"missing criterion": {VisitID: w.visit.ID, CriterionID: 987654},
			"missing visit":     {VisitID: 987654, CriterionID: w.crit["1.1"].ID},
		} {
			if err := w.s.Create(ctx, f); code(err) != domain.EINVALID {
				t.Errorf("%s: create = %v, want invalid", name, err)
			}
		}
		if n := rows(t, w.s, "findings", ""); n != 0 {
			t.Fatalf("%d findings stored, want none", n)
		}
	})
}

func TestDeletingAnAgencyInUseIsAConflict(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		err := w.s.Delete(ctx, w.agency, w.agency.Version)
		if code(err) != domain.ECONFLICT {
			t.Fatalf("delete of an agency a visit uses = %v, want conflict", err)
		}
		if _, err := store.Get[domain.Agency](ctx, w.s, w.agency.ID); err != nil {
			t.Fatalf("the agency is gone after a refused delete: %v", err)
		}
		if n := rows(t, w.s, "visits", "agency_id = ?", w.agency.ID); n != 1 {
			t.Fatalf("the agency's visit is gone (%d rows)", n)
		}

		unused := mustAgency(t, w.s, "Ban Dân tộc")
		if err := w.s.Delete(ctx, unused, unused.Version); err != nil {
			t.Fatalf("delete of an unused agency: %v", err)
		}
		if _, err := store.Get[domain.Agency](ctx, w.s, unused.ID); code(err) != domain.ENOTFOUND {
			t.Fatalf("Get after delete = %v, want not_found", err)
		}
		if err := w.s.Delete(ctx, unused, unused.Version); code(err) != domain.ENOTFOUND {
			t.Fatalf("second delete = %v, want not_found", err)
		}
	})
}

func TestProcedureStatsCheckHoldsInTheDatabase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		bad := []struct {
			name string
			ps   domain.ProcedureStats
		}{
			{"online over total", domain.ProcedureStats{ProceduresTotal: 10, OnlineFull: 6, OnlinePartial: 5}},
			{"files over received", domain.ProcedureStats{FilesReceived: 5, FilesOnTime: 4, FilesLate: 2}},
			{"online files over received", domain.ProcedureStats{FilesReceived: 5, FilesOnline: 6}},
			{"negative count", domain.ProcedureStats{ApologyLetters: -1}},
		}
		for _, c := range bad {
			ps := c.ps
			ps.VisitID = w.visit.ID
			if err := w.s.Create(ctx, &ps); code(err) != domain.EINVALID {
				t.Errorf("%s: create = %v, want invalid", c.name, err)
			}
		}
		if n := rows(t, w.s, "procedure_stats", ""); n != 0 {
			t.Fatalf("%d refused rows stored", n)
		}

		ok := &domain.ProcedureStats{VisitID: w.visit.ID, ProceduresTotal: 10, OnlineFull: 6, OnlinePartial: 4}
		mustCreate(t, w.s, ok)
		tooMany := *ok
		tooMany.OnlinePartial = 5
		if err := w.s.Update(ctx, &tooMany, ok.Version, "online_partial"); code(err) != domain.EINVALID {
			t.Fatalf("update over the total = %v, want invalid", err)
		}
		got, _ := store.Get[domain.ProcedureStats](ctx, w.s, w.visit.ID)
		if got.OnlinePartial != 4 || got.Version != 1 {
			t.Fatalf("after a refused update: online_partial %d v%d, want 4 v1", got.OnlinePartial, got.Version)
		}
	})
}

func TestAgencyOfficerWithoutAgencyIsInvalid(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		u := &domain.User{Username: "canbo.khcn", Role: domain.RoleAgencyOfficer, Active: true, PasswordHash: "x"}
		if err := w.s.Create(ctx, u); code(err) != domain.EINVALID {
			t.Fatalf("officer without agency = %v, want invalid", err)
		}
		if n := rows(t, w.s, "users", "username = ?", "canbo.khcn"); n != 0 {
			t.Fatalf("the refused user was stored")
		}

		insp := mustUser(t, w.s, domain.RoleInspector, nil)
		officer := *insp
		officer.Role = domain.RoleAgencyOfficer
		if err := w.s.Update(ctx, &officer, insp.Version, "role"); code(err) != domain.EINVALID {
			t.Fatalf("turning a user without agency into an officer = %v, want invalid", err)
		}
		got, _ := store.Get[domain.User](ctx, w.s, insp.ID)
		if got.Role != domain.RoleInspector {
			t.Fatalf("role after a refused update = %s", got.Role)
		}
		mustUser(t, w.s, domain.RoleAgencyOfficer, &w.agency.ID)
	})
}

func TestDuplicateUsernameIsAConflictOnUsername(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		u := mustUser(t, w.s, domain.RoleInspector, nil)
		dup := &domain.User{Username: u.Username, Role: domain.RoleLeader, Active: true, PasswordHash: "y"}
		if err := w.s.Create(ctx, dup); code(err) != domain.ECONFLICT || !hasField(err, "username") {
			t.Fatalf("duplicate username = %v, want conflict on username", err)
		}
		if n := rows(t, w.s, "users", "username = ?", u.Username); n != 1 {
			t.Fatalf("%d users named %s", n, u.Username)
		}
	})
}

func TestReplaceTeamRefusesASecondLeadAndKeepsTheOldTeam(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		u := mustUser(t, w.s, domain.RoleInspector, nil)
		old := []domain.TeamMember{
			{UserID: &u.ID, FullName: "Lê Đình Tuyên", Title: "Phó Giám đốc Sở Nội vụ", Role: domain.TeamRoleLead, SortOrder: 1},
			{FullName: "Nguyễn Thị Hoa", Role: domain.TeamRoleSecretary, SortOrder: 2},
		}
		if err := w.s.ReplaceTeam(ctx, w.visit.ID, old); err != nil {
			t.Fatal(err)
		}

		for name, team := range map[string][]domain.TeamMember{
			"two leads": {
				{FullName: "Trưởng đoàn A", Role: domain.TeamRoleLead, SortOrder: 1},
				{FullName: "Trưởng đoàn B", Role: domain.TeamRoleLead, SortOrder: 2},
			},
			"one user twice": {
				{UserID: &u.ID, FullName: "Lê Đình Tuyên", Role: domain.TeamRoleLead, SortOrder: 1},
				{UserID: &u.ID, FullName: "Lê Đình Tuyên", Role: domain.TeamRoleMember, SortOrder: 2},
			},
		} {
			if err := w.s.ReplaceTeam(ctx, w.visit.ID, team); code(err) != domain.ECONFLICT {
				t.Errorf("%s: ReplaceTeam = %v, want conflict", name, err)
			}
			got, err := w.s.Team(ctx, w.visit.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 2 || got[0].FullName != "Lê Đình Tuyên" || got[0].Role != domain.TeamRoleLead ||
				got[1].FullName != "Nguyễn Thị Hoa" {
				t.Errorf("%s: team after the refused replace = %+v, want the old team", name, got)
			}
		}
		if n := rows(t, w.s, "team_members", "full_name LIKE ?", "Trưởng đoàn%"); n != 0 {
			t.Fatalf("%d members of the refused team stored", n)
		}
	})
}

func TestCriteriaConstraints(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		dupCode := &domain.Criterion{CriteriaSetID: w.set.ID, Code: "1.1", Title: "Trùng mã", Measure: domain.MeasureYesNo}
		if err := w.s.Create(ctx, dupCode); code(err) != domain.ECONFLICT || !hasField(err, "code") {
			t.Errorf("a second 1.1 in one set = %v, want conflict on code", err)
		}
		dupSet := &domain.CriteriaSet{Year: w.set.Year, Name: w.set.Name}
		if err := w.s.Create(ctx, dupSet); code(err) != domain.ECONFLICT || !hasField(err, "name") {
			t.Errorf("a second set with the same year and name = %v, want conflict on name", err)
		}
		badMeasure := &domain.Criterion{CriteriaSetID: w.set.ID, Code: "9", Title: "x", Measure: "stars"}
		if err := w.s.Create(ctx, badMeasure); code(err) != domain.EINVALID {
			t.Errorf("unknown measure = %v, want invalid", err)
		}
		if n := rows(t, w.s, "criteria", "criteria_set_id = ?", w.set.ID); n != 3 {
			t.Errorf("the set has %d criteria, want the 3 it started with", n)
		}
	})
}
