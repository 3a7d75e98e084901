package store_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

func TestVisitDetailEmbedsWhatTheVisitPageShows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		s := w.s
		lead := mustUser(t, s, domain.RoleInspector, nil)
		member := mustUser(t, s, domain.RoleInspector, nil)
		// Given out of order: the lead comes first by sort_order, not by insertion.
		team := []domain.TeamMember{
			{FullName: "Nguyễn Thị Hoa", Title: "Chuyên viên", Role: domain.TeamRoleSecretary, SortOrder: 4},
			{UserID: &member.ID, FullName: "Trần Văn Bình", Role: domain.TeamRoleMember, SortOrder: 3},
			{UserID: &lead.ID, FullName: "Lê Đình Tuyên", Title: "Phó Giám đốc Sở Nội vụ", Role: domain.TeamRoleLead, SortOrder: 1},
			{FullName: "Đại diện Sở Tư pháp", Role: domain.TeamRoleMember, SortOrder: 3},
		}
		if err := s.ReplaceTeam(ctx, w.visit.ID, team); err != nil {
			t.Fatal(err)
		}
		mustCreate(t, s, &domain.ProcedureStats{VisitID: w.visit.ID, ProceduresTotal: 10, OnlineFull: 3, OnlinePartial: 2,
			OneStopShop: true, FilesReceived: 12, FilesEarly: 2, FilesOnTime: 6, FilesLate: 2, FilesPending: 1, ApologyLetters: 1, FilesOnline: 3})
		mustCreate(t, s, &domain.StaffingStats{VisitID: w.visit.ID, DeputiesActual: 4, DeputiesMax: 3, QuotaAssigned: 20, StaffPresent: 18, JobPositionsApproved: true})
		mustFinding(t, s, w.visit.ID, w.crit["1.1"].ID)
		mustFinding(t, s, w.visit.ID, w.crit["1.3"].ID)
		sc1 := mustShortcoming(t, s, w.visit, w.crit["1.1"])
		sc2 := mustShortcoming(t, s, w.visit, nil)
		mustAction(t, s, w.visit, sc1, domain.ActionOpen, nil)
		mustAction(t, s, w.visit, sc1, domain.ActionInProgress, nil)
		mustAction(t, s, w.visit, sc2, domain.ActionVerified, nil)
		// Another visit's records are not counted.
		other := mustVisit(t, s, w.plan, w.agency, w.set)
		osc := mustShortcoming(t, s, other, nil)
		mustAction(t, s, other, osc, domain.ActionOpen, nil)
		mustFinding(t, s, other.ID, w.crit["1.1"].ID)

		d, err := s.VisitDetail(ctx, w.visit.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.ID != w.visit.ID || d.Status != domain.VisitPlanned || d.Version != 1 {
			t.Errorf("visit = %+v", d.Visit)
		}
		if d.Agency == nil || d.Agency.ID != w.agency.ID || d.Agency.Name != "Sở Khoa học và Công nghệ" {
			t.Errorf("agency = %+v", d.Agency)
		}
		var names []string
		for _, m := range d.Team {
			names = append(names, m.FullName)
		}
		want := "Lê Đình Tuyên|Trần Văn Bình|Đại diện Sở Tư pháp|Nguyễn Thị Hoa"
		if got := strings.Join(names, "|"); got != want {
			t.Errorf("team = %s, want %s", got, want)
		}
		if len(d.Team) > 0 && (d.Team[0].Role != domain.TeamRoleLead || d.Team[0].UserID == nil || *d.Team[0].UserID != lead.ID ||
			d.Team[0].Title != "Phó Giám đốc Sở Nội vụ") {
			t.Errorf("first member = %+v, want the lead", d.Team[0])
		}

		ps := d.ProcedureStats
		if ps == nil {
			t.Fatal("no procedure stats")
		}
		if ps.FilesOnTime != 6 || !ps.OneStopShop || ps.InteragencyOneStopShop {
			t.Errorf("procedure stats = %+v", ps)
		}
		checkRate(t, "on_time_rate", ps.OnTimeRate, 80)         // (2+6)/(2+6+2)
		checkRate(t, "online_rate", ps.OnlineRate, 50)          // (3+2)/10
		checkRate(t, "online_file_rate", ps.OnlineFileRate, 25) // 3/12
		if ps.ApologyLettersMissing != 1 || ps.OnTimeFormula == "" {
			t.Errorf("apology letters missing = %d, formula %q", ps.ApologyLettersMissing, ps.OnTimeFormula)
		}
		ss := d.StaffingStats
		if ss == nil {
			t.Fatal("no staffing stats")
		}
		if !ss.DeputiesOverMax || ss.StaffOverQuota || !ss.JobPositionsApproved || ss.DeputiesActual != 4 {
			t.Errorf("staffing stats = %+v, want deputies over the maximum, staff within quota", ss)
		}
		if c := d.Counts; c.Findings != 2 || c.Shortcomings != 2 || c.Actions != 3 || c.OpenActions != 2 {
			t.Errorf("counts = %+v, want 2 findings, 2 shortcomings, 3 actions, 2 open", c)
		}
	})
}

func checkRate(t testing.TB, name string, got *float64, want float64) {
	t.Helper()
	if got == nil || *got != want {
		t.Errorf("%s = %v, want %v", name, fmtPtr(got), want)
	}
}

func fmtPtr[T any](p *T) string {
	if p == nil {
		return "nil"
	}
	return fmt.Sprint(*p)
}

func TestVisitDetailOfABareVisit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		d, err := w.s.VisitDetail(ctx, w.visit.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.ProcedureStats != nil || d.StaffingStats != nil {
			t.Errorf("figures of a visit without any: %+v, %+v; want nil", d.ProcedureStats, d.StaffingStats)
		}
		if d.Team == nil || len(d.Team) != 0 {
			t.Errorf("team = %#v, want an empty list", d.Team)
		}
		if d.Counts != (domain.VisitCounts{}) {
			t.Errorf("counts = %+v, want zeros", d.Counts)
		}
		// Stats with nothing resolved: the rates are unknown, not 0.
		mustCreate(t, w.s, &domain.ProcedureStats{VisitID: w.visit.ID})
		d, _ = w.s.VisitDetail(ctx, w.visit.ID)
		if d.ProcedureStats == nil || d.ProcedureStats.OnTimeRate != nil || d.ProcedureStats.OnlineRate != nil {
			t.Errorf("rates of empty figures = %+v, want nil rates", d.ProcedureStats)
		}
		if _, err := w.s.VisitDetail(ctx, 987654); code(err) != domain.ENOTFOUND {
			t.Errorf("VisitDetail of a missing visit = %v, want not_found", err)
		}
	})
}

func TestVisitDetailQueriesDoNotGrowWithTheVisit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		s := w.s
		crit := []*domain.Criterion{w.crit["1.1"], w.crit["1.3"]}
		for i := len(crit); i < 20; i++ {
			crit = append(crit, mustCriterion(t, s, w.set.ID, fmt.Sprintf("2.%d", i), 100+i, nil))
		}
		small := w.visit
		big := mustVisit(t, s, w.plan, mustAgency(t, s, "Sở Tư pháp"), w.set)
		fill := func(v *domain.Visit, n int) {
			team := []domain.TeamMember{{FullName: "Trưởng đoàn", Role: domain.TeamRoleLead}}
			for i := 1; i < n; i++ {
				team = append(team, domain.TeamMember{FullName: fmt.Sprintf("Thành viên %d", i), Role: domain.TeamRoleMember, SortOrder: i})
			}
			if err := s.ReplaceTeam(ctx, v.ID, team); err != nil {
				t.Fatal(err)
			}
			mustCreate(t, s, &domain.ProcedureStats{VisitID: v.ID, ProceduresTotal: 4})
			mustCreate(t, s, &domain.StaffingStats{VisitID: v.ID})
			for i := range n {
				mustFinding(t, s, v.ID, crit[i].ID)
				sc := mustShortcoming(t, s, v, crit[i])
				mustAction(t, s, v, sc, domain.ActionOpen, nil)
			}
		}
		fill(small, 1)
		fill(big, 20)

		qc := storetest.CountStatements(t, s.Gorm())
		var dSmall, dBig *domain.VisitDetail
		nSmall, sqlSmall := qc.Run(func() { dSmall, _ = s.VisitDetail(ctx, small.ID) })
		nBig, sqlBig := qc.Run(func() { dBig, _ = s.VisitDetail(ctx, big.ID) })
		if dSmall == nil || dBig == nil || dSmall.Counts.Findings != 1 || dBig.Counts.Findings != 20 || len(dBig.Team) != 20 {
			t.Fatalf("details: %+v / %+v", dSmall, dBig)
		}
		if nSmall == 0 {
			t.Fatal("no query counted: the callbacks did not run")
		}
		if nSmall != nBig {
			t.Errorf("VisitDetail ran %d queries for 1 finding and %d for 20:\n%s\n---\n%s",
				nSmall, nBig, strings.Join(sqlSmall, "\n"), strings.Join(sqlBig, "\n"))
		}
		if nBig > 8 {
			t.Errorf("VisitDetail ran %d queries, want a handful:\n%s", nBig, strings.Join(sqlBig, "\n"))
		}
	})
}

func TestFindingsFollowCatalogOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		s := w.s
		c2 := mustCriterion(t, s, w.set.ID, "2.1", 21, nil)
		c10 := mustCriterion(t, s, w.set.ID, "1.10", 19, nil)
		// Written in the opposite of catalog order (1.1:11, 1.3:12, 1.10:19, 2.1:21).
		f21 := mustFinding(t, s, w.visit.ID, c2.ID)
		f110 := mustFinding(t, s, w.visit.ID, c10.ID)
		f13 := mustFinding(t, s, w.visit.ID, w.crit["1.3"].ID)
		f11 := mustFinding(t, s, w.visit.ID, w.crit["1.1"].ID)
		other := mustVisit(t, s, w.plan, w.agency, w.set)
		mustFinding(t, s, other.ID, w.crit["1.1"].ID)
		list := listed(t, func(f domain.Finding) int64 { return f.ID })

		got, total := list(s.Findings(ctx, w.visit.ID, domain.Page{}))
		checkList(t, "findings", got, total, f11.ID, f13.ID, f110.ID, f21.ID)
		got, total = list(s.Findings(ctx, w.visit.ID, domain.Page{Page: 2, PerPage: 3}))
		if total != 4 {
			t.Errorf("total = %d, want 4", total)
		}
		sameIDs(t, "page 2", got, []int64{f21.ID})
		got, total = list(s.Findings(ctx, 987654, domain.Page{}))
		checkList(t, "missing visit", got, total)
	})
}

func TestFindingsQueriesDoNotGrowWithTheVisit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		s := w.s
		big := mustVisit(t, s, w.plan, w.agency, w.set)
		mustFinding(t, s, w.visit.ID, w.crit["1.1"].ID)
		for i := range 20 {
			c := mustCriterion(t, s, w.set.ID, fmt.Sprintf("9.%d", i), 90+i, nil)
			mustFinding(t, s, big.ID, c.ID)
		}
		qc := storetest.CountStatements(t, s.Gorm())
		var small, many []domain.Finding
		var err1, err2 error
		n1, _ := qc.Run(func() { small, _, err1 = s.Findings(ctx, w.visit.ID, domain.Page{}) })
		n20, sql := qc.Run(func() { many, _, err2 = s.Findings(ctx, big.ID, domain.Page{}) })
		if err1 != nil || err2 != nil || len(small) != 1 || len(many) != 20 {
			t.Fatalf("Findings: %d, %v / %d, %v", len(small), err1, len(many), err2)
		}
		if n1 != n20 || n20 > 2 {
			t.Errorf("Findings ran %d queries for 1 finding and %d for 20:\n%s", n1, n20, strings.Join(sql, "\n"))
		}
	})
}

func TestFindingOf(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		f := &domain.Finding{VisitID: w.visit.ID, CriterionID: w.crit["1.3"].ID, Rating: ptr(domain.RatingGood),
			Score: ptr(1.5), SelfScore: ptr(2.0), Note: "Tuyên truyền đa dạng", SelfNote: "Đã tuyên truyền"}
		mustCreate(t, w.s, f)
		got, err := w.s.FindingOf(ctx, w.visit.ID, w.crit["1.3"].ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != f.ID || *got.Rating != domain.RatingGood || *got.Score != 1.5 || *got.SelfScore != 2 || got.Value != nil ||
			got.Note != f.Note || got.SelfNote != f.SelfNote {
			t.Errorf("FindingOf = %+v, want %+v", got, f)
		}
		if _, err := w.s.FindingOf(ctx, w.visit.ID, w.crit["1.1"].ID); code(err) != domain.ENOTFOUND {
			t.Errorf("FindingOf a criterion without finding = %v, want not_found", err)
		}
		other := mustVisit(t, w.s, w.plan, w.agency, w.set)
		if _, err := w.s.FindingOf(ctx, other.ID, w.crit["1.3"].ID); code(err) != domain.ENOTFOUND {
			t.Errorf("FindingOf another visit = %v, want not_found", err)
		}
	})
}

func TestTeamRole(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		lead := mustUser(t, w.s, domain.RoleInspector, nil)
		sec := mustUser(t, w.s, domain.RoleInspector, nil)
		outsider := mustUser(t, w.s, domain.RoleInspector, nil)
		err := w.s.ReplaceTeam(ctx, w.visit.ID, []domain.TeamMember{
			{UserID: &lead.ID, FullName: "A", Role: domain.TeamRoleLead, SortOrder: 1},
			{UserID: &sec.ID, FullName: "B", Role: domain.TeamRoleSecretary, SortOrder: 2},
		})
		if err != nil {
			t.Fatal(err)
		}
		for u, want := range map[int64]domain.TeamRole{lead.ID: domain.TeamRoleLead, sec.ID: domain.TeamRoleSecretary, outsider.ID: ""} {
			if got, err := w.s.TeamRole(ctx, w.visit.ID, u); err != nil || got != want {
				t.Errorf("TeamRole(%d) = %q, %v; want %q", u, got, err, want)
			}
		}
		// Replacing the team drops the old members.
		if err := w.s.ReplaceTeam(ctx, w.visit.ID, []domain.TeamMember{{UserID: &sec.ID, FullName: "B", Role: domain.TeamRoleLead}}); err != nil {
			t.Fatal(err)
		}
		if got, _ := w.s.TeamRole(ctx, w.visit.ID, lead.ID); got != "" {
			t.Errorf("the old lead is still on the team as %q", got)
		}
		if team, _ := w.s.Team(ctx, w.visit.ID); len(team) != 1 || team[0].Role != domain.TeamRoleLead {
			t.Errorf("team = %+v, want only the new lead", team)
		}
		if err := w.s.ReplaceTeam(ctx, w.visit.ID, nil); err != nil {
			t.Fatal(err)
		}
		if n := rows(t, w.s, "team_members", "visit_id = ?", w.visit.ID); n != 0 {
			t.Errorf("%d members after replacing with nobody", n)
		}
	})
}

func TestEarlierShortcomingMatchesCodesAcrossCriteriaSets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := store.New(db)
		khcn := mustAgency(t, s, "Sở Khoa học và Công nghệ")
		yte := mustAgency(t, s, "Sở Y tế")
		set := map[int]*domain.CriteriaSet{}
		crit := map[int]map[string]*domain.Criterion{}
		plan := map[int]*domain.Plan{}
		for _, y := range []int{2017, 2018, 2019, 2020} {
			set[y], crit[y] = mustCriteriaSet(t, s, y)
			plan[y] = mustPlan(t, s, y)
		}
		if crit[2018]["1.1"].ID == crit[2019]["1.1"].ID {
			t.Fatal("the sets share a criterion")
		}
		visit := func(a *domain.Agency, y int, status domain.VisitStatus) *domain.Visit {
			return mustVisitWith(t, s, plan[y], a, set[y], func(v *domain.Visit) { v.Status = status })
		}
		v2017 := visit(khcn, 2017, domain.VisitClosed)
		sc2017 := mustShortcoming(t, s, v2017, crit[2017]["1.1"])
		v2018 := visit(khcn, 2018, domain.VisitClosed)
		sc2018 := mustShortcoming(t, s, v2018, crit[2018]["1.1"])
		mustShortcoming(t, s, v2018, crit[2018]["1.3"]) // another criterion
		// Created after the 2018 visit, so they would win if they were not ignored:
		cancelled := visit(khcn, 2018, domain.VisitCancelled)
		mustShortcoming(t, s, cancelled, crit[2018]["1.1"])
		otherAgency := visit(yte, 2018, domain.VisitApproved)
		mustShortcoming(t, s, otherAgency, crit[2018]["1.1"])
		current := visit(khcn, 2019, domain.VisitInProgress)
		mustShortcoming(t, s, current, crit[2019]["1.1"]) // the visit's own
		later := visit(khcn, 2020, domain.VisitInProgress)
		mustShortcoming(t, s, later, crit[2020]["1.1"])

		got, err := s.EarlierShortcoming(ctx, current, "1.1")
		if err != nil {
			t.Fatalf("EarlierShortcoming: %v", err)
		}
		if got.ID != sc2018.ID {
			t.Errorf("EarlierShortcoming = %d (visit %d), want %d of the 2018 visit", got.ID, got.VisitID, sc2018.ID)
		}
		if got, err := s.EarlierShortcoming(ctx, v2018, "1.1"); err != nil || got.ID != sc2017.ID {
			t.Errorf("from 2018: %v, %v; want the 2017 one", got, err)
		}
		if _, err := s.EarlierShortcoming(ctx, v2017, "1.1"); code(err) != domain.ENOTFOUND {
			t.Errorf("from the first visit: %v, want not_found", err)
		}
		if _, err := s.EarlierShortcoming(ctx, current, "5.1"); code(err) != domain.ENOTFOUND {
			t.Errorf("a code without earlier shortcoming: %v, want not_found", err)
		}
		// Sở Y tế's only visit has nothing earlier, whatever other agencies had.
		ytePlan := visit(yte, 2019, domain.VisitInProgress)
		if got, err := s.EarlierShortcoming(ctx, ytePlan, "1.1"); err != nil || got.VisitID != otherAgency.ID {
			t.Errorf("Sở Y tế 2019: %+v, %v; want its own 2018 shortcoming", got, err)
		}
		if _, err := s.EarlierShortcoming(ctx, ytePlan, "1.3"); code(err) != domain.ENOTFOUND {
			t.Errorf("Sở Y tế on 1.3: %v, want not_found (only Sở KH&CN had one)", err)
		}
	})
}
