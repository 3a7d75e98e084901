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
