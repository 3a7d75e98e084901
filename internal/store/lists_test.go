package store_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

// listed turns a list call's answer into its IDs and total, failing the
// test on error: listed(t, agencyID)(s.Agencies(ctx, f)).
func listed[T any](t testing.TB, id func(T) int64) func([]T, int, error) ([]int64, int) {
	return func(items []T, total int, err error) ([]int64, int) {
		t.Helper()
		if err != nil {
			t.Fatalf("list: %v", err)
		}
		return idsOf(items, id), total
	}
}

// items returns a list call's items, failing the test on error.
func items[T any](t testing.TB) func([]T, int, error) []T {
	return func(items []T, _ int, err error) []T {
		t.Helper()
		if err != nil {
			t.Fatalf("list: %v", err)
		}
		return items
	}
}

// checkList compares a filtered list with the IDs it should hold, in order;
// total must be their number.
func checkList(t testing.TB, name string, got []int64, total int, want ...int64) {
	t.Helper()
	if want == nil {
		want = []int64{}
	}
	sameIDs(t, name, got, want)
	if total != len(want) {
		t.Errorf("%s: total = %d, want %d", name, total, len(want))
	}
}

func TestAgenciesPageInCodeOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := store.New(db)
		byCode := map[string]int64{}
		for _, c := range []string{"SO05", "SO01", "SO03", "SO02", "SO04"} {
			a := &domain.Agency{Code: c, Name: "Cơ quan " + c, Kind: domain.KindDepartment, Active: true}
			mustCreate(t, s, a)
			byCode[c] = a.ID
		}
		pages := [][]string{{"SO01", "SO02"}, {"SO03", "SO04"}, {"SO05"}, {}}
		for i, codes := range pages {
			got, total := listed(t, agencyID)(s.Agencies(ctx, domain.AgencyFilter{Page: domain.Page{Page: i + 1, PerPage: 2}}))
			want := []int64{}
			for _, c := range codes {
				want = append(want, byCode[c])
			}
			sameIDs(t, fmt.Sprintf("page %d", i+1), got, want)
			if total != 5 {
				t.Errorf("page %d: total = %d, want 5 whatever the page", i+1, total)
			}
		}
		// No page asked for: page 1 at the default size.
		got, total := listed(t, agencyID)(s.Agencies(ctx, domain.AgencyFilter{Page: domain.Page{Page: -3, PerPage: 0}}))
		checkList(t, "default page", got, total, byCode["SO01"], byCode["SO02"], byCode["SO03"], byCode["SO04"], byCode["SO05"])
	})
}

func TestAgenciesFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := store.New(db)
		mk := func(code, name string, kind domain.AgencyKind, province string, active bool, parent *int64) int64 {
			a := &domain.Agency{Code: code, Name: name, Kind: kind, Province: province, Active: active, ParentID: parent}
			mustCreate(t, s, a)
			return a.ID
		}
		khcn := mk("KHCN", "Sở Khoa học và Công nghệ", domain.KindDepartment, "Điện Biên", true, nil)
		yte := mk("YTE", "Sở Y tế", domain.KindDepartment, "Điện Biên", true, nil)
		ttt := mk("TTTT", "Sở Thông tin và Truyền thông", domain.KindDepartment, "Điện Biên", false, nil)
		mlay := mk("XMLAY", "Phường Sông Đà", domain.KindCommune, "Điện Biên", true, &khcn)
		lc := mk("LC-YTE", "Sở Y tế tỉnh Lai Châu", domain.KindDepartment, "Lai Châu", true, nil)
		pct := mk("P100", "Tỷ lệ 100% hồ sơ", domain.KindUnit, "", true, nil)
		p1000 := mk("P1000", "Tỷ lệ 1000 hồ sơ", domain.KindUnit, "", true, nil)
		under := mk("MA1", "Mã hồ_sơ", domain.KindUnit, "", true, nil)
		space := mk("MA2", "Mã hồ sơ", domain.KindUnit, "", true, nil)
		list := listed(t, agencyID)

		cases := []struct {
			name string
			f    domain.AgencyFilter
			want []int64
		}{
			{"kind commune", domain.AgencyFilter{Kind: ptr(domain.KindCommune)}, []int64{mlay}},
			{"inactive", domain.AgencyFilter{Active: ptr(false)}, []int64{ttt}},
			{"active departments", domain.AgencyFilter{Active: ptr(true), Kind: ptr(domain.KindDepartment)}, []int64{khcn, lc, yte}},
			{"parent", domain.AgencyFilter{ParentID: &khcn}, []int64{mlay}},
			{"province", domain.AgencyFilter{Province: ptr("Lai Châu")}, []int64{lc}},
			{"q without diacritics", domain.AgencyFilter{Q: "so khoa hoc"}, []int64{khcn}},
			{"q in capitals", domain.AgencyFilter{Q: "SỞ KHOA HỌC"}, []int64{khcn}},
			{"q every word", domain.AgencyFilter{Q: "y te lai chau"}, []int64{lc}},
			{"q matches code", domain.AgencyFilter{Q: "tttt"}, []int64{ttt}},
			{"q with filter", domain.AgencyFilter{Q: "y te", Province: ptr("Điện Biên")}, []int64{yte}},
			{"q percent is literal", domain.AgencyFilter{Q: "100%"}, []int64{pct}},
			{"q lone percent", domain.AgencyFilter{Q: "%"}, []int64{pct}},
			{"q underscore is literal", domain.AgencyFilter{Q: "ho_so"}, []int64{under}},
			{"q lone underscore", domain.AgencyFilter{Q: "_"}, []int64{under}},
			{"q blank", domain.AgencyFilter{Q: "   ", Kind: ptr(domain.KindUnit)}, []int64{under, space, pct, p1000}},
			{"q no match", domain.AgencyFilter{Q: "khong co"}, nil},
		}
		for _, c := range cases {
			got, total := list(s.Agencies(ctx, c.f))
			checkList(t, c.name, got, total, c.want...)
		}

		// The search follows a rename.
		a, _ := store.Get[domain.Agency](ctx, s, ttt)
		a.Name = "Sở Khoa học và Công nghệ (sáp nhập)"
		if err := s.Update(ctx, a, a.Version, "name"); err != nil {
			t.Fatal(err)
		}
		got, total := list(s.Agencies(ctx, domain.AgencyFilter{Q: "sap nhap"}))
		checkList(t, "q after rename", got, total, ttt)
		got, total = list(s.Agencies(ctx, domain.AgencyFilter{Q: "truyen thong"}))
		checkList(t, "old name after rename", got, total)
	})
}

func TestUsersFiltersInUsernameOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := store.New(db)
		khcn := mustAgency(t, s, "Sở Khoa học và Công nghệ")
		yte := mustAgency(t, s, "Sở Y tế")
		mk := func(username, name, title string, role domain.Role, agency *int64, active bool) int64 {
			u := &domain.User{Username: username, FullName: name, Title: title, Role: role, AgencyID: agency, Active: active, PasswordHash: "x"}
			mustCreate(t, s, u)
			return u.ID
		}
		tuyen := mk("tuyen.ld", "Lê Đình Tuyên", "Phó Giám đốc Sở Nội vụ", domain.RoleInspector, nil, true)
		quang := mk("quang.lv", "Lê Văn Quang", "Phó Giám đốc Sở KH&CN", domain.RoleAgencyOfficer, &khcn.ID, true)
		admin := mk("admin", "Quản trị", "", domain.RoleAdmin, nil, true)
		old := mk("cu.yte", "Cán bộ cũ", "", domain.RoleAgencyOfficer, &yte.ID, false)
		leader := mk("giamdoc", "Giám đốc Sở Nội vụ", "Giám đốc", domain.RoleLeader, nil, true)
		list := listed(t, userID)

		cases := []struct {
			name string
			f    domain.UserFilter
			want []int64
		}{
			{"all by username", domain.UserFilter{}, []int64{admin, old, leader, quang, tuyen}},
			{"role", domain.UserFilter{Role: ptr(domain.RoleAgencyOfficer)}, []int64{old, quang}},
			{"agency", domain.UserFilter{AgencyID: &khcn.ID}, []int64{quang}},
			{"inactive", domain.UserFilter{Active: ptr(false)}, []int64{old}},
			{"active officers", domain.UserFilter{Active: ptr(true), Role: ptr(domain.RoleAgencyOfficer)}, []int64{quang}},
			{"q full name", domain.UserFilter{Q: "dinh tuyen"}, []int64{tuyen}},
			{"q capitals", domain.UserFilter{Q: "LÊ"}, []int64{quang, tuyen}},
			{"q title", domain.UserFilter{Q: "pho giam doc"}, []int64{quang, tuyen}},
			{"q username", domain.UserFilter{Q: "tuyen.ld"}, []int64{tuyen}},
			{"q and role", domain.UserFilter{Q: "giam doc", Role: ptr(domain.RoleLeader)}, []int64{leader}},
		}
		for _, c := range cases {
			got, total := list(s.Users(ctx, c.f))
			checkList(t, c.name, got, total, c.want...)
		}
		got, total := list(s.Users(ctx, domain.UserFilter{Page: domain.Page{Page: 2, PerPage: 2}}))
		if total != 5 {
			t.Errorf("total = %d, want 5", total)
		}
		sameIDs(t, "page 2", got, []int64{leader, quang})
	})
}

func TestPlansNewestFirstWithFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := store.New(db)
		mk := func(year int, title, decision string, status domain.PlanStatus) int64 {
			p := &domain.Plan{Year: year, Title: title, DecisionNo: decision, IssuedBy: "UBND tỉnh Điện Biên", Status: status}
			mustCreate(t, s, p)
			return p.ID
		}
		k2019 := mk(2019, "Kế hoạch Kiểm tra công tác CCHC năm 2019", "12/KH-UBND", domain.PlanIssued)
		k2020 := mk(2020, "Kế hoạch kiểm tra CCHC năm 2020", "30/KH-UBND", domain.PlanIssued)
		t2019 := mk(2019, "Kế hoạch tuyên truyền CCHC năm 2019", "45/KH-UBND", domain.PlanIssued)
		d2020 := mk(2020, "Dự thảo kế hoạch bổ sung", "", domain.PlanDraft)
		k2018 := mk(2018, "KẾ HOẠCH KIỂM TRA CCHC NĂM 2018", "5/KH-UBND", domain.PlanIssued)
		list := listed(t, planID)

		cases := []struct {
			name string
			f    domain.PlanFilter
			want []int64
		}{
			{"newest year first, then newest", domain.PlanFilter{}, []int64{d2020, k2020, t2019, k2019, k2018}},
			{"year", domain.PlanFilter{Year: ptr(2019)}, []int64{t2019, k2019}},
			{"status", domain.PlanFilter{Status: ptr(domain.PlanDraft)}, []int64{d2020}},
			{"q kiem tra", domain.PlanFilter{Q: "kiem tra"}, []int64{k2020, k2019, k2018}},
			{"q KIỂM TRA", domain.PlanFilter{Q: "KIỂM TRA"}, []int64{k2020, k2019, k2018}},
			{"q Kiểm tra", domain.PlanFilter{Q: "Kiểm tra"}, []int64{k2020, k2019, k2018}},
			{"q decision number", domain.PlanFilter{Q: "45/kh"}, []int64{t2019}},
			{"q issued by", domain.PlanFilter{Q: "ubnd dien bien", Year: ptr(2018)}, []int64{k2018}},
			{"q and year", domain.PlanFilter{Q: "kiem tra", Year: ptr(2019)}, []int64{k2019}},
		}
		for _, c := range cases {
			got, total := list(s.Plans(ctx, c.f))
			checkList(t, c.name, got, total, c.want...)
		}
		got, total := list(s.Plans(ctx, domain.PlanFilter{Page: domain.Page{Page: 3, PerPage: 2}}))
		if total != 5 {
			t.Errorf("total = %d, want 5", total)
		}
		sameIDs(t, "page 3", got, []int64{k2018})
	})
}

func TestVisitsFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := store.New(db)
		khcn := mustAgency(t, s, "Sở Khoa học và Công nghệ")
		yte := mustAgency(t, s, "Sở Y tế")
		p2019, p2020 := mustPlan(t, s, 2019), mustPlan(t, s, 2020)
		set, _ := mustCriteriaSet(t, s, 2019)
		mk := func(a *domain.Agency, p *domain.Plan, st domain.VisitStatus, edit func(v *domain.Visit)) *domain.Visit {
			return mustVisitWith(t, s, p, a, set, func(v *domain.Visit) {
				v.Status = st
				if edit != nil {
					edit(v)
				}
			})
		}
		v1 := mk(khcn, p2019, domain.VisitPlanned, func(v *domain.Visit) { v.Location, v.DecisionNo = "Phòng họp tầng 2", "12/QĐ-ĐKT" })
		v2 := mk(yte, p2019, domain.VisitApproved, func(v *domain.Visit) { v.Location = "Phòng Kiểm tra" })
		v3 := mk(khcn, p2020, domain.VisitClosed, func(v *domain.Visit) {
			v.AgencyRepresentatives = []domain.Representative{{FullName: "Lê Văn Quang", Title: "Phó Giám đốc"}}
		})
		v4 := mk(yte, p2020, domain.VisitCancelled, func(v *domain.Visit) { v.Location = "Phòng 100%" })
		v5 := mk(khcn, p2020, domain.VisitInProgress, func(v *domain.Visit) { v.Location = "Phòng 1000" })
		u := mustUser(t, s, domain.RoleInspector, nil)
		for _, v := range []*domain.Visit{v1, v3} {
			if err := s.ReplaceTeam(ctx, v.ID, []domain.TeamMember{{UserID: &u.ID, FullName: "A", Role: domain.TeamRoleMember},
				{FullName: "Trưởng đoàn", Role: domain.TeamRoleLead}}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.ReplaceTeam(ctx, v2.ID, []domain.TeamMember{{FullName: "Trưởng đoàn", Role: domain.TeamRoleLead}}); err != nil {
			t.Fatal(err)
		}
		list := listed(t, visitID)

		cases := []struct {
			name string
			f    domain.VisitFilter
			want []*domain.Visit
		}{
			{"all, newest first", domain.VisitFilter{}, []*domain.Visit{v5, v4, v3, v2, v1}},
			{"year", domain.VisitFilter{Year: ptr(2019)}, []*domain.Visit{v2, v1}},
			{"agency", domain.VisitFilter{AgencyID: &khcn.ID}, []*domain.Visit{v5, v3, v1}},
			{"plan", domain.VisitFilter{PlanID: &p2020.ID}, []*domain.Visit{v5, v4, v3}},
			{"status", domain.VisitFilter{Status: ptr(domain.VisitApproved)}, []*domain.Visit{v2}},
			{"approved only", domain.VisitFilter{ApprovedOnly: true}, []*domain.Visit{v3, v2}},
			{"member", domain.VisitFilter{MemberUserID: &u.ID}, []*domain.Visit{v3, v1}},
			{"member and year", domain.VisitFilter{MemberUserID: &u.ID, Year: ptr(2020)}, []*domain.Visit{v3}},
			{"q agency name", domain.VisitFilter{Q: "so khoa hoc"}, []*domain.Visit{v5, v3, v1}},
			{"q kiem tra", domain.VisitFilter{Q: "kiem tra"}, []*domain.Visit{v2}},
			{"q KIỂM TRA", domain.VisitFilter{Q: "KIỂM TRA"}, []*domain.Visit{v2}},
			{"q words from visit and agency", domain.VisitFilter{Q: "quang khoa hoc"}, []*domain.Visit{v3}},
			{"q decision number", domain.VisitFilter{Q: "12/qd-dkt"}, []*domain.Visit{v1}},
			{"q percent", domain.VisitFilter{Q: "100%"}, []*domain.Visit{v4}},
			{"q lone percent", domain.VisitFilter{Q: "%"}, []*domain.Visit{v4}},
			{"q lone underscore", domain.VisitFilter{Q: "_"}, nil},
			{"q and year", domain.VisitFilter{Q: "so khoa hoc", Year: ptr(2020)}, []*domain.Visit{v5, v3}},
			{"q and approved only", domain.VisitFilter{Q: "so y te", ApprovedOnly: true}, []*domain.Visit{v2}},
		}
		for _, c := range cases {
			var want []int64
			for _, v := range c.want {
				want = append(want, v.ID)
			}
			got, total := list(s.Visits(ctx, c.f))
			checkList(t, c.name, got, total, want...)
		}
		got, total := list(s.Visits(ctx, domain.VisitFilter{Page: domain.Page{Page: 2, PerPage: 2}}))
		if total != 5 {
			t.Errorf("total = %d, want 5", total)
		}
		sameIDs(t, "page 2", got, []int64{v3.ID, v2.ID})

		// The search follows an update.
		v := *v1
		v.Location = "Hội trường Kiểm tra"
		if err := s.Update(ctx, &v, v.Version, "location"); err != nil {
			t.Fatal(err)
		}
		got, total = list(s.Visits(ctx, domain.VisitFilter{Q: "kiem tra"}))
		checkList(t, "q after update", got, total, v2.ID, v1.ID)
	})
}

func TestActionsFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		s := w.s
		today := day(2019, 10, 20)
		sc := mustShortcoming(t, s, w.visit, w.crit["1.1"])
		a1 := mustAction(t, s, w.visit, sc, domain.ActionOpen, ptr(day(2019, 10, 10))).ID
		a2 := mustAction(t, s, w.visit, sc, domain.ActionInProgress, ptr(day(2019, 10, 19))).ID
		a3 := mustAction(t, s, w.visit, sc, domain.ActionOpen, ptr(today)).ID
		a4 := mustAction(t, s, w.visit, sc, domain.ActionReportedDone, ptr(day(2019, 10, 1))).ID
		a5 := mustAction(t, s, w.visit, sc, domain.ActionVerified, ptr(day(2019, 10, 1))).ID
		a6 := mustAction(t, s, w.visit, sc, domain.ActionOpen, nil).ID

		yte := mustAgency(t, s, "Sở Y tế")
		approved := mustVisitWith(t, s, w.plan, yte, w.set, func(v *domain.Visit) { v.Status = domain.VisitApproved })
		sc2 := mustShortcoming(t, s, approved, nil)
		b1 := mustAction(t, s, approved, sc2, domain.ActionOpen, ptr(day(2019, 11, 30))).ID
		closed := mustVisitWith(t, s, w.plan, yte, w.set, func(v *domain.Visit) { v.Status = domain.VisitClosed })
		b2 := mustAction(t, s, closed, mustShortcoming(t, s, closed, nil), domain.ActionVerified, nil).ID
		list := listed(t, actionID)

		cases := []struct {
			name string
			f    domain.ActionFilter
			want []int64
		}{
			{"all, newest first", domain.ActionFilter{Today: today}, []int64{b2, b1, a6, a5, a4, a3, a2, a1}},
			{"agency", domain.ActionFilter{AgencyID: &w.agency.ID, Today: today}, []int64{a6, a5, a4, a3, a2, a1}},
			{"other agency", domain.ActionFilter{AgencyID: &yte.ID, Today: today}, []int64{b2, b1}},
			{"visit", domain.ActionFilter{VisitID: &approved.ID, Today: today}, []int64{b1}},
			{"shortcoming", domain.ActionFilter{ShortcomingID: &sc2.ID, Today: today}, []int64{b1}},
			{"status open", domain.ActionFilter{Status: ptr(domain.ActionOpen), Today: today}, []int64{b1, a6, a3, a1}},
			{"status verified", domain.ActionFilter{Status: ptr(domain.ActionVerified), Today: today}, []int64{b2, a5}},
			{"overdue", domain.ActionFilter{Overdue: ptr(true), Today: today}, []int64{a2, a1}},
			{"not overdue", domain.ActionFilter{Overdue: ptr(false), Today: today}, []int64{b2, b1, a6, a5, a4, a3}},
			{"overdue a month later", domain.ActionFilter{Overdue: ptr(true), Today: day(2019, 12, 1)}, []int64{b1, a3, a2, a1}},
			{"overdue of one agency", domain.ActionFilter{Overdue: ptr(true), AgencyID: &yte.ID, Today: today}, nil},
			{"approved only", domain.ActionFilter{ApprovedOnly: true, Today: today}, []int64{b2, b1}},
			{"approved only and open", domain.ActionFilter{ApprovedOnly: true, Status: ptr(domain.ActionOpen), Today: today}, []int64{b1}},
		}
		for _, c := range cases {
			got, total := list(s.Actions(ctx, c.f))
			checkList(t, c.name, got, total, c.want...)
		}

		// Every listed action says whether it is overdue as of Today.
		for _, a := range items[domain.Action](t)(s.Actions(ctx, domain.ActionFilter{AgencyID: &w.agency.ID, Today: today})) {
			wantDays := map[int64]int{a1: 10, a2: 1}[a.ID]
			if a.Overdue != (wantDays > 0) || a.DaysOverdue != wantDays {
				t.Errorf("action %d (%s, due %v): overdue %v, %d days; want %v, %d", a.ID, a.Status, a.DueOn, a.Overdue, a.DaysOverdue, wantDays > 0, wantDays)
			}
		}
		got, total := list(s.Actions(ctx, domain.ActionFilter{Today: today, Page: domain.Page{Page: 2, PerPage: 3}}))
		if total != 8 {
			t.Errorf("total = %d, want 8", total)
		}
		sameIDs(t, "page 2", got, []int64{a5, a4, a3})
	})
}

func TestAuditEventsFiltersAndPageSizeLimit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := store.New(db)
		alice := mustUser(t, s, domain.RoleInspector, nil)
		bob := mustUser(t, s, domain.RoleAdmin, nil)
		at := time.Date(2019, 9, 26, 8, 0, 0, 0, time.UTC)
		const n = 205
		events := make([]domain.AuditEvent, n)
		for i := range events {
			e := domain.AuditEvent{At: at.Add(time.Duration(i) * time.Minute), EntityType: "finding", EntityID: int64(i % 3), Action: "update",
				Changes: map[string]domain.Change{"note": {Old: "cũ", New: fmt.Sprint(i)}}}
			switch i % 5 {
			case 0:
				e.ActorID = &alice.ID
			case 1:
				e.ActorID = &bob.ID
			}
			if i%7 == 0 {
				e.EntityType = "visit"
			}
			events[i] = e
		}
		if err := s.Gorm().Create(&events).Error; err != nil {
			t.Fatal(err)
		}
		var all []int64
		for i := n - 1; i >= 0; i-- {
			all = append(all, events[i].ID)
		}
		pick := func(keep func(i int, e domain.AuditEvent) bool) []int64 {
			var out []int64
			for i := n - 1; i >= 0; i-- {
				if keep(i, events[i]) {
					out = append(out, events[i].ID)
				}
			}
			return out
		}
		list := listed(t, auditID)

		got, total := list(s.AuditEvents(ctx, domain.AuditFilter{Page: domain.Page{PerPage: 1000}}))
		if total != n || len(got) != domain.MaxPerPage {
			t.Fatalf("per_page 1000: %d items of %d, want %d of %d", len(got), total, domain.MaxPerPage, n)
		}
		sameIDs(t, "first 200, newest first", got, all[:domain.MaxPerPage])
		got, _ = list(s.AuditEvents(ctx, domain.AuditFilter{Page: domain.Page{Page: 2, PerPage: 1000}}))
		sameIDs(t, "page 2 of 200", got, all[domain.MaxPerPage:])
		got, _ = list(s.AuditEvents(ctx, domain.AuditFilter{}))
		sameIDs(t, "default page", got, all[:domain.DefaultPerPage])

		f := domain.AuditFilter{Page: domain.Page{PerPage: domain.MaxPerPage}}
		byType := f
		byType.EntityType = ptr("visit")
		got, total = list(s.AuditEvents(ctx, byType))
		checkList(t, "entity_type", got, total, pick(func(i int, _ domain.AuditEvent) bool { return i%7 == 0 })...)

		byEntity := f
		byEntity.EntityType, byEntity.EntityID = ptr("finding"), ptr(int64(2))
		got, total = list(s.AuditEvents(ctx, byEntity))
		checkList(t, "entity_type and entity_id", got, total, pick(func(i int, _ domain.AuditEvent) bool { return i%7 != 0 && i%3 == 2 })...)

		byActor := f
		byActor.ActorID = &bob.ID
		got, total = list(s.AuditEvents(ctx, byActor))
		checkList(t, "actor_id", got, total, pick(func(i int, _ domain.AuditEvent) bool { return i%5 == 1 })...)

		one := items[domain.AuditEvent](t)(s.AuditEvents(ctx, domain.AuditFilter{EntityID: ptr(int64(1)), ActorID: &alice.ID, Page: domain.Page{PerPage: 1}}))
		// The newest i < n with i%5 == 0 (alice) and i%3 == 1 (entity 1) is 190.
		if len(one) != 1 || one[0].ID != events[190].ID || one[0].Changes["note"].New != "190" || !one[0].At.Equal(events[190].At) {
			t.Errorf("newest event of alice on entity 1 = %+v, want event 190 with its changes", one)
		}
	})
}
