package server_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/cchc-inspect/cchc/internal/server/apitest"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

// TestVisitPagesQueryCountDoesNotGrow counts the SQL statements of a visit's
// detail and of its findings list with one finding and with fifteen: the
// numbers must be the same (no query per finding).
func TestVisitPagesQueryCountDoesNotGrow(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		const many = 15
		// A set with enough assessable criteria for fifteen findings.
		setID := apitest.Expect(t, e.Do(apitest.Admin, "POST", "criteria-sets", map[string]any{"year": 2019,
			"name": "Bộ tiêu chí đếm truy vấn"}), 201).ID(t)
		crit := make([]int64, many)
		for i := range crit {
			crit[i] = apitest.Expect(t, e.Do(apitest.Admin, "POST", fmt.Sprintf("criteria-sets/%d/criteria", setID), map[string]any{
				"code": fmt.Sprintf("1.%d", i+1), "title": fmt.Sprintf("Tiêu chí thành phần %d", i+1), "measure": "yes_no",
				"max_score": 1, "sort_order": i + 1}), 201).ID(t)
		}
		w := &apitest.World{SetID: setID}
		w.PlanID = apitest.Expect(t, e.Do(apitest.Inspector, "POST", "plans", map[string]any{"year": 2019,
			"title": "Kế hoạch kiểm tra công tác cải cách hành chính năm 2019"}), 201).ID(t)
		visit := e.NewVisit(t, w, e.Agency.ID)
		record := func(i int) {
			apitest.Expect(t, e.Do(apitest.Inspector, "POST", fmt.Sprintf("visits/%d/findings", visit), map[string]any{
				"criterion_id": crit[i], "rating": "good", "value": 1, "score": 1, "note": "Đạt"}), 201)
		}
		// The visit's other records, so that every part of the page is there.
		sc := apitest.Expect(t, e.Do(apitest.Inspector, "POST", fmt.Sprintf("visits/%d/shortcomings", visit), map[string]any{
			"description": "Báo cáo chưa cụ thể"}), 201).ID(t)
		apitest.Expect(t, e.Do(apitest.Inspector, "POST", fmt.Sprintf("shortcomings/%d/actions", sc), map[string]any{
			"description": "Bổ sung số liệu"}), 201)
		apitest.Expect(t, e.Do(apitest.Inspector, "PUT", fmt.Sprintf("visits/%d/staffing-stats", visit), map[string]any{
			"deputies_actual": 3, "deputies_max": 3, "quota_assigned": 40, "staff_present": 38}), 200)
		record(0)

		qc := storetest.CountStatements(t, e.Store.Gorm())
		pages := []struct{ name, path string }{
			{"GET /visits/{id}", fmt.Sprintf("visits/%d", visit)},
			{"GET /visits/{id}/findings", fmt.Sprintf("visits/%d/findings", visit)},
		}
		callers := []apitest.Role{apitest.Inspector, apitest.Officer}
		count := func(want int) map[string]int {
			out := map[string]int{}
			for _, as := range callers {
				for _, p := range pages {
					var res *apitest.Response
					n, _ := qc.Run(func() { res = e.Do(as, "GET", p.path, nil) })
					apitest.Expect(t, res, http.StatusOK)
					if p.path != pages[0].path {
						var l struct {
							Total int `json:"total"`
						}
						res.JSON(t, &l)
						if l.Total != want {
							t.Fatalf("%s lists %d findings, want %d", p.name, l.Total, want)
						}
					}
					out[string(as)+" "+p.name] = n
				}
			}
			return out
		}
		count(1) // each caller's first request also notes its token's use (once a minute): not counted
		one := count(1)
		for i := 1; i < many; i++ {
			record(i)
		}
		fifteen := count(many)
		for _, as := range callers {
			for _, p := range pages {
				k := string(as) + " " + p.name
				t.Logf("%-40s %2d statements with 1 finding, %2d with %d", k, one[k], fifteen[k], many)
				if one[k] != fifteen[k] {
					t.Errorf("%s: %d statements with 1 finding, %d with %d: a query per finding", k, one[k], fifteen[k], many)
				}
				if one[k] == 0 {
					t.Errorf("%s: no statement counted: is the counter on the server's database?", k)
				}
			}
		}
	})
}
