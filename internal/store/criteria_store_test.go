package store_test

import (
	"strings"
	"testing"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

// codes lists the codes of criteria in order, joined by spaces.
func codes(cs []domain.Criterion) string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Code)
	}
	return strings.Join(out, " ")
}

func TestCriteriaInCatalogOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := store.New(db)
		set := &domain.CriteriaSet{Year: 2019, Name: "Bộ tiêu chí sở, ngành 2019", Scope: domain.KindDepartment}
		mustCreate(t, s, set)
		// Written out of catalog order.
		area3 := mustCriterion(t, s, set.ID, "3", 30, nil)
		mustCriterion(t, s, set.ID, "3.2", 32, area3)
		area1 := mustCriterion(t, s, set.ID, "1", 10, nil)
		mustCriterion(t, s, set.ID, "3.1", 31, area3)
		mustCriterion(t, s, set.ID, "1.1", 11, area1)
		mustCriterion(t, s, set.ID, "1.10", 20, area1)
		mustCriterion(t, s, set.ID, "1.2", 12, area1)
		other := &domain.CriteriaSet{Year: 2019, Name: "Bộ tiêu chí xã 2019", Scope: domain.KindCommune}
		mustCreate(t, s, other)
		mustCriterion(t, s, other.ID, "1", 1, nil)

		got, err := s.Criteria(ctx, set.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c := codes(got); c != "1 1.1 1.2 1.10 3 3.1 3.2" {
			t.Errorf("criteria = %s, want catalog order 1 1.1 1.2 1.10 3 3.1 3.2", c)
		}
		if got[1].ParentID == nil || *got[1].ParentID != area1.ID || got[1].Area != area1.Title {
			t.Errorf("1.1 = %+v, want a child of area 1", got[1])
		}
		if got, err := s.Criteria(ctx, 987654); err != nil || got == nil || len(got) != 0 {
			t.Errorf("criteria of a missing set = %#v, %v; want an empty list", got, err)
		}
	})
}

func TestCriteriaSetsNewestYearFirst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := store.New(db)
		var ids []int64
		for _, y := range []int{2019, 2021, 2020, 2021} {
			set, _ := mustCriteriaSet(t, s, y)
			ids = append(ids, set.ID)
		}
		list := listed(t, func(c domain.CriteriaSet) int64 { return c.ID })
		got, total := list(s.CriteriaSets(ctx, nil, domain.Page{}))
		checkList(t, "all", got, total, ids[3], ids[1], ids[2], ids[0])
		got, total = list(s.CriteriaSets(ctx, ptr(2021), domain.Page{}))
		checkList(t, "2021", got, total, ids[3], ids[1])
		got, total = list(s.CriteriaSets(ctx, nil, domain.Page{Page: 2, PerPage: 3}))
		if total != 4 {
			t.Errorf("total = %d", total)
		}
		sameIDs(t, "page 2", got, []int64{ids[0]})
	})
}
