package store_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
)

var seq atomic.Int64

func next() int64 { return seq.Add(1) }

func mustCreate(t testing.TB, s *store.Store, rec any) {
	t.Helper()
	if err := s.Create(context.Background(), rec); err != nil {
		t.Fatalf("create %T: %v", rec, err)
	}
}

func mustAgency(t testing.TB, s *store.Store, name string) *domain.Agency {
	t.Helper()
	a := &domain.Agency{Code: fmt.Sprintf("A%d", next()), Name: name, Kind: domain.KindDepartment, Province: "Điện Biên", Active: true}
	mustCreate(t, s, a)
	return a
}

func mustUser(t testing.TB, s *store.Store, role domain.Role, agencyID *int64) *domain.User {
	t.Helper()
	u := &domain.User{Username: fmt.Sprintf("user%d", next()), FullName: "Nguyễn Văn A", Role: role, AgencyID: agencyID, Active: true, PasswordHash: "x"}
	mustCreate(t, s, u)
	return u
}

// mustCriteriaSet creates a set of year with an area "1" and the criteria 1.1 (yes/no) and 1.3 (score, max 2).
func mustCriteriaSet(t testing.TB, s *store.Store, year int) (*domain.CriteriaSet, map[string]*domain.Criterion) {
	t.Helper()
	set := &domain.CriteriaSet{Year: year, Name: fmt.Sprintf("Bộ tiêu chí %d/%d", year, next())}
	mustCreate(t, s, set)
	crit := map[string]*domain.Criterion{}
	area := &domain.Criterion{CriteriaSetID: set.ID, Code: "1", Area: "Chỉ đạo, điều hành", Title: "Chỉ đạo, điều hành", Measure: domain.MeasureArea, SortOrder: 10}
	mustCreate(t, s, area)
	crit["1"] = area
	two := 2.0
	for i, c := range []domain.Criterion{
		{Code: "1.1", Title: "Kế hoạch CCHC năm", Measure: domain.MeasureYesNo},
		{Code: "1.3", Title: "Tuyên truyền CCHC", Measure: domain.MeasureScore, MaxScore: &two},
	} {
		c.CriteriaSetID, c.ParentID, c.Area, c.SortOrder = set.ID, &area.ID, area.Area, 11+i
		mustCreate(t, s, &c)
		crit[c.Code] = &c
	}
	return set, crit
}

func mustPlan(t testing.TB, s *store.Store, year int) *domain.Plan {
	t.Helper()
	p := &domain.Plan{Year: year, Title: fmt.Sprintf("Kế hoạch kiểm tra CCHC năm %d", year), Status: domain.PlanIssued}
	mustCreate(t, s, p)
	return p
}

func mustVisit(t testing.TB, s *store.Store, plan *domain.Plan, agency *domain.Agency, set *domain.CriteriaSet) *domain.Visit {
	t.Helper()
	v := &domain.Visit{PlanID: plan.ID, AgencyID: agency.ID, CriteriaSetID: set.ID, Year: plan.Year,
		Kind: domain.VisitOnSite, Status: domain.VisitPlanned, AgencyRepresentatives: []domain.Representative{}}
	mustCreate(t, s, v)
	return v
}

// world is a small set of records most tests start from.
type world struct {
	s      *store.Store
	agency *domain.Agency
	set    *domain.CriteriaSet
	crit   map[string]*domain.Criterion
	plan   *domain.Plan
	visit  *domain.Visit
}

func newWorld(t testing.TB, db *store.DB) *world {
	t.Helper()
	s := store.New(db)
	w := &world{s: s, agency: mustAgency(t, s, "Sở Khoa học và Công nghệ")}
	w.set, w.crit = mustCriteriaSet(t, s, 2019)
	w.plan = mustPlan(t, s, 2019)
	w.visit = mustVisit(t, s, w.plan, w.agency, w.set)
	return w
}

func code(err error) string { return domain.ErrorCode(err) }
