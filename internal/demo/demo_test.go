package demo_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/cchc-inspect/cchc/internal/demo"
	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/service"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

var ctx = context.Background()

func load(t *testing.T, db *store.DB) (*service.Service, *store.Store) {
	t.Helper()
	svc := service.New(store.New(db), time.FixedZone("ICT", 7*3600))
	loaded, err := demo.Load(ctx, svc)
	if err != nil || !loaded {
		t.Fatalf("Load = %v, %v", loaded, err)
	}
	return svc, svc.Store()
}

func all() domain.Page { return domain.Page{PerPage: domain.MaxPerPage} }

// TestSeedVisitHoldsTheArticle checks the 2019 visit against the seed
// article: agency, date, team lead and title, host, findings, result and
// both shortcomings with their actions.
func TestSeedVisitHoldsTheArticle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		_, st := load(t, db)
		agency, err := st.AgencyByCode(ctx, "SKHCN")
		if err != nil {
			t.Fatal(err)
		}
		if agency.Name != "Sở Khoa học và Công nghệ tỉnh Điện Biên" || agency.Kind != domain.KindDepartment || agency.Province != "Điện Biên" {
			t.Fatalf("agency = %+v", agency)
		}
		year := 2019
		visits, _, err := st.Visits(ctx, domain.VisitFilter{Year: &year, AgencyID: &agency.ID, Page: all()})
		if err != nil || len(visits) != 1 {
			t.Fatalf("2019 visits to SKHCN = %d, %v; want 1", len(visits), err)
		}
		d, err := st.VisitDetail(ctx, visits[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.VisitedOn == nil || d.VisitedOn.String() != "2019-09-26" {
			t.Errorf("visited_on = %v, want 2019-09-26", d.VisitedOn)
		}
		if len(d.Team) == 0 || d.Team[0].Role != domain.TeamRoleLead || d.Team[0].FullName != "Lê Đình Tuyên" ||
			d.Team[0].Title != "Phó Giám đốc Sở Nội vụ" {
			t.Errorf("team lead = %+v, want Lê Đình Tuyên, Phó Giám đốc Sở Nội vụ", d.Team)
		}
		if len(d.AgencyRepresentatives) != 1 || d.AgencyRepresentatives[0].FullName != "Lê Văn Quang" ||
			!strings.Contains(d.AgencyRepresentatives[0].Title, "Phó Giám đốc Sở Khoa học và Công nghệ") {
			t.Errorf("representatives = %+v, want Lê Văn Quang, Phó Giám đốc Sở KH&CN", d.AgencyRepresentatives)
		}
		if d.Status != domain.VisitClosed {
			t.Errorf("status = %s, want closed (both actions verified)", d.Status)
		}

		// Findings, by criterion code, as the article states them.
		crit, err := st.Criteria(ctx, d.CriteriaSetID)
		if err != nil {
			t.Fatal(err)
		}
		codeOf := map[int64]string{}
		for _, c := range crit {
			codeOf[c.ID] = c.Code
		}
		findings, _, err := st.Findings(ctx, d.ID, all())
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]domain.Finding{}
		for _, f := range findings {
			got[codeOf[f.CriterionID]] = f
		}
		yes := []string{"3.2", "4.2", "5.1", "5.2"} // one-stop, deputies, quota, job positions
		for _, c := range yes {
			f, ok := got[c]
			if !ok || f.Value == nil || *f.Value != 1 || f.Rating == nil || *f.Rating != domain.RatingGood {
				t.Errorf("finding %s = %+v, want yes and good", c, f)
			}
		}
		if f := got["3.3"]; f.Value == nil || *f.Value != 100 {
			t.Errorf("finding 3.3 (on-time rate) = %+v, want 100", f)
		}
		if f := got["3.5"]; !strings.Contains(f.Note, "mức độ 3") {
			t.Errorf("finding 3.5 note = %q, want level-3 online services", f.Note)
		}
		if f := got["1.3"]; f.Rating == nil || *f.Rating != domain.RatingGood || !strings.Contains(f.Note, "đa dạng") {
			t.Errorf("finding 1.3 (communication) = %+v, want good and diversified", f)
		}

		// Procedure and staffing figures: 100% on time, level-3 services, within the maximum.
		p := d.ProcedureStats
		if p == nil || p.OnTimeRate == nil || *p.OnTimeRate != 100 || !p.OneStopShop || !p.InteragencyOneStopShop || p.OnlinePartial == 0 {
			t.Errorf("procedure stats = %+v, want 100%% on time, one-stop shops, partial online services", p)
		}
		if s := d.StaffingStats; s == nil || s.DeputiesOverMax || s.StaffOverQuota || !s.JobPositionsApproved {
			t.Errorf("staffing = %+v, want within the maximum and the quota", s)
		}

		// Both shortcomings, on 1.1 and 1.5, each with an action, verified.
		sc, _, err := st.Shortcomings(ctx, d.ID, all())
		if err != nil || len(sc) != 2 {
			t.Fatalf("shortcomings = %d, %v; want 2", len(sc), err)
		}
		wantSC := map[string]string{
			"1.1": "Xây dựng Kế hoạch cải cách hành chính cần bám sát thực tế hơn nữa để đảm bảo 100% mục tiêu được hoàn thành tốt.",
			"1.5": "Số liệu báo cáo cần cụ thể hơn, cần nêu rõ những việc đã làm được và chưa làm được so với kế hoạch.",
		}
		for _, s := range sc {
			if s.CriterionID == nil || wantSC[codeOf[*s.CriterionID]] != s.Description {
				t.Errorf("shortcoming %+v does not match the article", s)
			}
			actions, _, err := st.Actions(ctx, domain.ActionFilter{ShortcomingID: &s.ID, Page: all()})
			if err != nil || len(actions) != 1 {
				t.Fatalf("actions of shortcoming %d = %d, %v; want 1", s.ID, len(actions), err)
			}
			a := actions[0]
			if a.Status != domain.ActionVerified || a.DueOn == nil || a.DueOn.String() != "2019-10-18" {
				t.Errorf("action = %+v, want verified, due 15 days after the 3/10/2019 approval", a)
			}
		}

		// The conclusion: good, "hoàn thành tốt", approved, frozen with its hash.
		c, err := st.ConclusionOf(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c.Status != domain.ConclusionApproved || c.OverallResult == nil || *c.OverallResult != domain.ResultGood ||
			c.OverallResult.Vietnamese() != "Hoàn thành tốt" {
			t.Errorf("conclusion = %+v, want approved and good", c)
		}
		if !strings.Contains(c.Strengths, "hoàn thành tốt mục tiêu Kế hoạch CCHC năm 2019 tại thời điểm kiểm tra") {
			t.Errorf("strengths lack the article's overall verdict: %q", c.Strengths)
		}
		if c.DocumentNo != "45/TB-SNV" || c.IssuedOn == nil || c.IssuedOn.String() != "2019-10-03" {
			t.Errorf("document = %q of %v, want 45/TB-SNV of 2019-10-03", c.DocumentNo, c.IssuedOn)
		}
		if c.Snapshot == nil {
			t.Fatal("approved conclusion has no snapshot")
		}
		sum := sha256.Sum256([]byte(c.Snapshot.Content))
		if hex.EncodeToString(sum[:]) != c.Snapshot.SHA256 {
			t.Error("snapshot hash does not match its content")
		}
		var snap domain.SnapshotContent
		if err := json.Unmarshal([]byte(c.Snapshot.Content), &snap); err != nil {
			t.Fatal(err)
		}
		if snap.Visit.Status != domain.VisitApproved || len(snap.Shortcomings) != 2 || len(snap.Actions) != 2 {
			t.Errorf("snapshot holds visit %s, %d shortcomings, %d actions; want approved, 2, 2",
				snap.Visit.Status, len(snap.Shortcomings), len(snap.Actions))
		}
		for _, a := range snap.Actions {
			if a.Status != domain.ActionOpen {
				t.Errorf("snapshot action %d is %s; at approval every action was open", a.ID, a.Status)
			}
		}
	})
}

// TestDemoWorld checks the world around the seed visit: departments by
// their real names, merges with successors, users per role, visits in
// several states, and the 2020 visit whose shortcoming repeats 2019's.
func TestDemoWorld(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		_, st := load(t, db)
		kind := domain.KindDepartment
		deps, _, err := st.Agencies(ctx, domain.AgencyFilter{Kind: &kind, Page: all()})
		if err != nil || len(deps) < 18 {
			t.Fatalf("departments = %d, %v; want the 18 of 2019 and more", len(deps), err)
		}
		stttt, _ := st.AgencyByCode(ctx, "STTTT")
		skhcn, _ := st.AgencyByCode(ctx, "SKHCN")
		if stttt.Active || stttt.SuccessorID == nil || *stttt.SuccessorID != skhcn.ID {
			t.Errorf("Sở TT&TT = %+v, want inactive with Sở KH&CN as successor", stttt)
		}
		for _, l := range demo.Logins {
			u, err := st.UserByUsername(ctx, l.Username)
			if err != nil || u.Role != l.Role || !service.CheckPassword(u.PasswordHash, l.Password) {
				t.Errorf("demo user %s: %v, role %v, password ok %v", l.Username, err, u.Role, err == nil && service.CheckPassword(u.PasswordHash, l.Password))
			}
		}
		visits, _, err := st.Visits(ctx, domain.VisitFilter{Page: all()})
		if err != nil {
			t.Fatal(err)
		}
		states := map[domain.VisitStatus]int{}
		for _, v := range visits {
			states[v.Status]++
		}
		for _, s := range []domain.VisitStatus{domain.VisitPlanned, domain.VisitInProgress, domain.VisitSubmitted,
			domain.VisitReturned, domain.VisitApproved, domain.VisitClosed, domain.VisitCancelled} {
			if states[s] == 0 {
				t.Errorf("no demo visit is %s", s)
			}
		}
		year := 2020
		v2020, _, err := st.Visits(ctx, domain.VisitFilter{Year: &year, AgencyID: &skhcn.ID, Page: all()})
		if err != nil || len(v2020) != 1 {
			t.Fatalf("2020 visits to SKHCN = %d, %v", len(v2020), err)
		}
		sc, _, _ := st.Shortcomings(ctx, v2020[0].ID, all())
		if len(sc) != 1 || sc[0].RepeatOfID == nil {
			t.Fatalf("2020 shortcomings = %+v, want one that repeats 2019's", sc)
		}
		first, err := store.Get[domain.Shortcoming](ctx, st, *sc[0].RepeatOfID)
		if err != nil || !strings.HasPrefix(first.Description, "Xây dựng Kế hoạch cải cách hành chính") {
			t.Errorf("repeat_of = %+v, %v; want the 2019 shortcoming on 1.1", first, err)
		}
		overdue := true
		late, _, err := st.Actions(ctx, domain.ActionFilter{Overdue: &overdue, Today: domain.NewDate(2026, 11, 26), Page: all()})
		if err != nil || len(late) == 0 {
			t.Errorf("overdue actions = %d, %v; want some for the leader's list", len(late), err)
		}
	})
}

// TestLoadingTwiceChangesNothing loads the demo twice and compares every
// table before and after the second load.
func TestLoadingTwiceChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		svc, st := load(t, db)
		before := dump(t, st)
		loaded, err := demo.Load(ctx, svc)
		if err != nil || loaded {
			t.Fatalf("second Load = %v, %v; want false, nil", loaded, err)
		}
		after := dump(t, st)
		for table, rows := range before {
			if after[table] != rows {
				t.Errorf("table %s changed on the second load", table)
			}
		}
	})
}

var tables = []string{"agencies", "users", "criteria_sets", "criteria", "plans", "visits", "team_members", "findings",
	"procedure_stats", "staffing_stats", "shortcomings", "actions", "action_updates", "conclusions", "conclusion_snapshots"}

// dump returns every row of every table as JSON, in primary-key order.
func dump(t *testing.T, st *store.Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, table := range tables {
		var rows []map[string]any
		order := "id"
		if strings.HasSuffix(table, "_stats") {
			order = "visit_id"
		}
		if err := st.Gorm().Table(table).Order(order).Find(&rows).Error; err != nil {
			t.Fatal(err)
		}
		if len(rows) == 0 {
			t.Fatalf("table %s is empty after the demo load", table)
		}
		b, _ := json.Marshal(rows)
		out[table] = string(b)
	}
	return out
}
