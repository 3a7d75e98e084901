package apitest

import (
	"net/http"
	"testing"
)

// World is a criteria set, a plan and a planned visit to the officer's
// agency whose team the Inspector leads, all made through the API.
type World struct {
	SetID, PlanID, VisitID int64
	// Crit maps criterion codes ("1.1", "3.3", …) to their IDs.
	Crit map[string]int64
}

// catalog is a part of the default criteria catalog: enough of every measure.
var catalog = []map[string]any{
	{"code": "1", "title": "Công tác chỉ đạo, điều hành cải cách hành chính", "measure": "area", "sort_order": 10},
	{"code": "1.1", "title": "Ban hành kế hoạch CCHC năm kịp thời, sát thực tế", "measure": "yes_no", "max_score": 1, "sort_order": 11, "parent": "1"},
	{"code": "1.3", "title": "Công tác tuyên truyền cải cách hành chính", "measure": "score", "max_score": 1, "sort_order": 13, "parent": "1"},
	{"code": "1.5", "title": "Báo cáo CCHC định kỳ đúng hạn, có số liệu so với kế hoạch", "measure": "yes_no", "max_score": 1, "sort_order": 15, "parent": "1"},
	{"code": "3", "title": "Cải cách thủ tục hành chính", "measure": "area", "sort_order": 30},
	{"code": "3.2", "title": "Thực hiện cơ chế một cửa, một cửa liên thông", "measure": "yes_no", "max_score": 2, "sort_order": 32, "parent": "3"},
	{"code": "3.3", "title": "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn", "measure": "percent", "max_score": 3, "sort_order": 33, "parent": "3"},
	{"code": "3.4", "title": "Thư xin lỗi đối với hồ sơ quá hạn", "measure": "count", "max_score": 1, "sort_order": 34, "parent": "3"},
	{"code": "3.5", "title": "Dịch vụ công trực tuyến (toàn trình, một phần)", "measure": "percent", "max_score": 2, "sort_order": 35, "parent": "3"},
	{"code": "4", "title": "Cải cách tổ chức bộ máy hành chính", "measure": "area", "sort_order": 40},
	{"code": "4.2", "title": "Số lượng cấp phó không vượt quá quy định", "measure": "yes_no", "max_score": 1, "sort_order": 42, "parent": "4"},
	{"code": "5", "title": "Cải cách chế độ công vụ", "measure": "area", "sort_order": 50},
	{"code": "5.1", "title": "Sử dụng biên chế trong số lượng được giao", "measure": "yes_no", "max_score": 1, "sort_order": 51, "parent": "5"},
	{"code": "5.2", "title": "Xây dựng và thực hiện vị trí việc làm", "measure": "yes_no", "max_score": 1, "sort_order": 52, "parent": "5"},
	{"code": "7", "title": "Chính quyền điện tử, chính quyền số", "measure": "area", "sort_order": 70},
	{"code": "7.3", "title": "Nhận xét chung về ứng dụng CNTT", "measure": "text", "sort_order": 73, "parent": "7"},
}

// NewCriteriaSet makes a criteria set of the year with the catalog above
// (as the Admin) and returns its ID and criteria by code.
func (e *Env) NewCriteriaSet(t testing.TB, year int, name string) (int64, map[string]int64) {
	t.Helper()
	setID := Expect(t, e.Do(Admin, "POST", "criteria-sets", map[string]any{"year": year, "name": name}), http.StatusCreated).ID(t)
	crit := map[string]int64{}
	for _, c := range catalog {
		body := map[string]any{}
		for k, v := range c {
			if k != "parent" {
				body[k] = v
			}
		}
		if p, ok := c["parent"].(string); ok {
			body["parent_id"] = crit[p]
		}
		crit[c["code"].(string)] = Expect(t, e.Do(Admin, "POST", Path("criteria-sets/%d/criteria", setID), body), http.StatusCreated).ID(t)
	}
	return setID, crit
}

// NewWorld makes a criteria set for 2019, a plan of 2019 and a planned
// visit to the officer's agency, led by the Inspector.
func (e *Env) NewWorld(t testing.TB) *World {
	t.Helper()
	w := &World{}
	w.SetID, w.Crit = e.NewCriteriaSet(t, 2019, "Bộ tiêu chí kiểm tra CCHC năm 2019")
	w.PlanID = Expect(t, e.Do(Inspector, "POST", "plans", map[string]any{"year": 2019, "title": "Kế hoạch kiểm tra công tác cải cách hành chính năm 2019",
		"decision_no": "28/KH-UBND", "issued_on": "2019-01-15", "issued_by": "UBND tỉnh Điện Biên", "status": "issued"}), http.StatusCreated).ID(t)
	w.VisitID = e.NewVisit(t, w, e.Agency.ID)
	return w
}

// NewVisit plans a visit of the world's plan to an agency, led by the Inspector.
func (e *Env) NewVisit(t testing.TB, w *World, agencyID int64) int64 {
	t.Helper()
	res := Expect(t, e.Do(Inspector, "POST", "visits", map[string]any{"plan_id": w.PlanID, "agency_id": agencyID, "criteria_set_id": w.SetID,
		"scheduled_on": "2019-09-26", "decision_no": "1052/QĐ-UBND", "kind": "on_site"}), http.StatusCreated)
	var v struct {
		ID      int64 `json:"id"`
		Version int   `json:"version"`
	}
	res.JSON(t, &v)
	Expect(t, e.Do(Inspector, "PUT", Path("visits/%d/team", v.ID), map[string]any{"version": v.Version, "members": []map[string]any{
		{"user_id": e.Users[Inspector].ID, "role": "lead"},
		{"full_name": "Nguyễn Thu Trang", "title": "Chuyên viên Sở Nội vụ", "role": "secretary"},
	}}), http.StatusOK)
	return v.ID
}
