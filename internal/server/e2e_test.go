package server_test

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"

	"github.com/cchc-inspect/cchc/internal/server/apitest"
	. "github.com/cchc-inspect/cchc/internal/server/apitest"
)

// pngBytes is a 1×1 PNG: evidence that passes the type check by content.
var pngBytes = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" +
	"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

type visitBody struct {
	ID      int64  `json:"id"`
	Status  string `json:"status"`
	Version int    `json:"version"`
	Agency  struct {
		Name string `json:"name"`
	} `json:"agency"`
	Team []struct {
		FullName string `json:"full_name"`
		Title    string `json:"title"`
		Role     string `json:"role"`
	} `json:"team"`
	ProcedureStats *struct {
		OnTimeRate *float64 `json:"on_time_rate"`
		OnlineRate *float64 `json:"online_rate"`
	} `json:"procedure_stats"`
	StaffingStats *struct {
		DeputiesOverMax bool `json:"deputies_over_max"`
		StaffOverQuota  bool `json:"staff_over_quota"`
	} `json:"staffing_stats"`
	Counts struct {
		Findings, Shortcomings, OpenActions, Actions int
	} `json:"counts"`
}

type conclusionBody struct {
	ID            int64   `json:"id"`
	Status        string  `json:"status"`
	Version       int     `json:"version"`
	OverallResult *string `json:"overall_result"`
	ReviewNote    string  `json:"review_note"`
	ReviewedBy    *int64  `json:"reviewed_by"`
	IssuedOn      *string `json:"issued_on"`
	Snapshot      *struct {
		SHA256     string `json:"sha256"`
		ApprovedBy int64  `json:"approved_by"`
	} `json:"snapshot"`
}

type actionBody struct {
	ID      int64   `json:"id"`
	Status  string  `json:"status"`
	Version int     `json:"version"`
	DueOn   *string `json:"due_on"`
	Overdue bool    `json:"overdue"`
}

// TestSeedInspectionThroughTheAPI replays the 2019 inspection of Sở Khoa học
// và Công nghệ Điện Biên (the seed article) with four users, through the
// JSON API only, from an empty province to a closed visit.
func TestSeedInspectionThroughTheAPI(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *Env) {
		// The admin sets up the agency, its officer and the criteria.
		agency := Expect(t, e.Do(Admin, "POST", "agencies", map[string]any{"code": "DB-SKHCN",
			"name": "Sở Khoa học và Công nghệ tỉnh Điện Biên (2019)", "kind": "department", "province": "Điện Biên"}), http.StatusCreated)
		agencyID := agency.ID(t)
		Expect(t, e.Do(Admin, "POST", "users", map[string]any{"username": "quang.skhcn", "password": "mat-khau-cua-quang-2019",
			"full_name": "Lê Văn Quang", "title": "Phó Giám đốc Sở Khoa học và Công nghệ", "role": "agency_officer", "agency_id": agencyID}),
			http.StatusCreated)
		setID, crit := e.NewCriteriaSet(t, 2019, "Bộ tiêu chí kiểm tra CCHC năm 2019")
		set := Expect(t, e.Do(Inspector, "GET", Path("criteria-sets/%d", setID), nil), http.StatusOK).Map(t)
		if n := len(set["criteria"].([]any)); n != len(crit) || set["in_use"] != false {
			t.Fatalf("criteria set holds %d criteria (in use %v), want %d", n, set["in_use"], len(crit))
		}

		// The inspector plans the visit and sets the team.
		planID := Expect(t, e.Do(Inspector, "POST", "plans", map[string]any{"year": 2019,
			"title": "Kế hoạch kiểm tra công tác cải cách hành chính năm 2019", "decision_no": "28/KH-UBND", "issued_on": "2019-01-15",
			"issued_by": "UBND tỉnh Điện Biên", "status": "issued"}), http.StatusCreated).ID(t)
		var v visitBody
		Expect(t, e.Do(Inspector, "POST", "visits", map[string]any{"plan_id": planID, "agency_id": agencyID, "criteria_set_id": setID,
			"scheduled_on": "2019-09-26", "visited_on": "2019-09-26", "decision_no": "1052/QĐ-UBND", "kind": "on_site",
			"location":               "Trụ sở Sở Khoa học và Công nghệ",
			"agency_representatives": []map[string]string{{"full_name": "Lê Văn Quang", "title": "Phó Giám đốc Sở Khoa học và Công nghệ"}}}),
			http.StatusCreated).JSON(t, &v)
		if v.Status != "planned" || v.Version != 1 || v.Agency.Name != "Sở Khoa học và Công nghệ tỉnh Điện Biên (2019)" {
			t.Fatalf("new visit = %+v", v)
		}
		Expect(t, e.Do(Inspector, "PUT", Path("visits/%d/team", v.ID), map[string]any{"version": v.Version, "members": []map[string]any{
			{"user_id": e.Users[Inspector].ID, "role": "lead"},
			{"full_name": "Phạm Văn Dũng", "title": "Trưởng phòng CCHC, Sở Nội vụ", "role": "member"},
			{"full_name": "Nguyễn Thu Trang", "title": "Chuyên viên Sở Nội vụ", "role": "secretary"},
		}}), http.StatusOK).JSON(t, &v)
		if len(v.Team) != 3 || v.Team[0].FullName != "Lê Đình Tuyên" || v.Team[0].Title != "Phó Giám đốc Sở Nội vụ" || v.Team[0].Role != "lead" {
			t.Fatalf("team = %+v, want the lead first with the user's name and title", v.Team)
		}

		// The findings of the article; the first one starts the visit.
		findings := []map[string]any{
			{"criterion_id": crit["3.2"], "rating": "good", "value": 1, "score": 2, "note": "Đẩy mạnh thực hiện cơ chế một cửa, một cửa liên thông."},
			{"criterion_id": crit["3.5"], "rating": "good", "value": 37.5, "score": 1.5, "note": "Năm 2019 đã triển khai dịch vụ công trực tuyến mức độ 3."},
			{"criterion_id": crit["3.3"], "rating": "good", "value": 100, "score": 3, "note": "100% các TTHC được giải quyết đúng hạn."},
			{"criterion_id": crit["1.3"], "rating": "good", "score": 1, "note": "Hình thức tuyên truyền đa dạng, phong phú."},
			{"criterion_id": crit["4.2"], "rating": "good", "value": 1, "score": 1, "note": "Không bổ nhiệm cấp phó vượt quá quy định."},
			{"criterion_id": crit["5.1"], "rating": "good", "value": 1, "score": 1, "note": "Đảm bảo số lượng biên chế được giao."},
			{"criterion_id": crit["5.2"], "rating": "good", "value": 1, "score": 1, "note": "Sắp xếp vị trí việc làm theo năng lực, sở trường."},
		}
		for _, f := range findings {
			res := Expect(t, e.Do(Inspector, "POST", Path("visits/%d/findings", v.ID), f), http.StatusCreated).Map(t)
			if res["criterion_id"].(float64) != float64(f["criterion_id"].(int64)) || res["version"].(float64) != 1 {
				t.Fatalf("finding = %v", res)
			}
		}
		Expect(t, e.Do(Inspector, "GET", Path("visits/%d", v.ID), nil), http.StatusOK).JSON(t, &v)
		if v.Status != "in_progress" || v.Counts.Findings != len(findings) {
			t.Fatalf("after the findings the visit is %s with %d findings", v.Status, v.Counts.Findings)
		}
		list := Expect(t, e.Do(Inspector, "GET", Path("visits/%d/findings", v.ID), nil), http.StatusOK).Map(t)
		items := list["items"].([]any)
		if list["total"].(float64) != float64(len(findings)) || items[0].(map[string]any)["criterion_id"].(float64) != float64(crit["1.3"]) {
			t.Fatalf("findings list = %v, want %d in catalog order (1.3 first)", list, len(findings))
		}

		// Procedure figures: 100% on time; staffing within the maximum and the quota.
		proc := Expect(t, e.Do(Inspector, "PUT", Path("visits/%d/procedure-stats", v.ID), map[string]any{"procedures_total": 48,
			"online_partial": 18, "one_stop_shop": true, "interagency_one_stop_shop": true, "files_received": 126,
			"files_early": 31, "files_on_time": 95, "files_online": 22}), http.StatusOK).Map(t)
		if proc["on_time_rate"] != 100.0 || proc["online_rate"] != 37.5 || proc["version"] != 1.0 {
			t.Fatalf("procedure figures = %v, want 100%% on time and 37.5%% online", proc)
		}
		staff := Expect(t, e.Do(Inspector, "PUT", Path("visits/%d/staffing-stats", v.ID), map[string]any{"deputies_actual": 2,
			"deputies_max": 3, "quota_assigned": 32, "staff_present": 30, "job_positions_approved": true}), http.StatusOK).Map(t)
		if staff["deputies_over_max"] != false || staff["staff_over_quota"] != false {
			t.Fatalf("staffing = %v", staff)
		}

		// The two shortcomings of the article, each with its action.
		shortcomings := []struct {
			code, description, action string
		}{
			{"1.1", "Xây dựng Kế hoạch cải cách hành chính cần bám sát thực tế hơn nữa để đảm bảo 100% mục tiêu được hoàn thành tốt.",
				"Rà soát, xây dựng Kế hoạch CCHC năm 2020 bám sát thực tế."},
			{"1.5", "Số liệu báo cáo cần cụ thể hơn, cần nêu rõ những việc đã làm được và chưa làm được so với kế hoạch.",
				"Báo cáo CCHC định kỳ nêu rõ việc đã làm và chưa làm so với kế hoạch."},
		}
		var actionIDs []int64
		for _, s := range shortcomings {
			sc := Expect(t, e.Do(Inspector, "POST", Path("visits/%d/shortcomings", v.ID), map[string]any{"criterion_id": crit[s.code],
				"description": s.description, "severity": "minor"}), http.StatusCreated).Map(t)
			if sc["repeat_of_id"] != nil {
				t.Fatalf("a first shortcoming repeats %v", sc["repeat_of_id"])
			}
			var a actionBody
			Expect(t, e.Do(Inspector, "POST", Path("shortcomings/%d/actions", int64(sc["id"].(float64))),
				map[string]any{"description": s.action, "owner_name": "Giám đốc Sở Khoa học và Công nghệ"}), http.StatusCreated).JSON(t, &a)
			if a.Status != "open" || a.DueOn != nil {
				t.Fatalf("new action = %+v, want open without a due date until approval", a)
			}
			actionIDs = append(actionIDs, a.ID)
		}

		// The conclusion, submitted by the lead.
		var c conclusionBody
		Expect(t, e.Do(Inspector, "GET", Path("visits/%d/conclusion", v.ID), nil), http.StatusOK).JSON(t, &c)
		if c.Status != "draft" {
			t.Fatalf("new conclusion = %+v", c)
		}
		Expect(t, e.Do(Inspector, "PUT", Path("visits/%d/conclusion", v.ID), map[string]any{"version": c.Version,
			"overall_result": "good",
			"strengths":      "Sở đã hoàn thành tốt mục tiêu Kế hoạch CCHC năm 2019 tại thời điểm kiểm tra.",
			"limitations":    shortcomings[0].description + "\n" + shortcomings[1].description,
			"requests":       "Báo cáo kết quả khắc phục về Sở Nội vụ.",
			"document_no":    "45/TB-SNV", "signer_name": "Lê Đình Tuyên", "signer_title": "Phó Giám đốc", "sign_prefix": "KT.",
			"recipients": []string{"Như trên;", "Lưu: VT, CCHC."}}), http.StatusOK).JSON(t, &c)
		Expect(t, e.Do(Inspector, "POST", Path("visits/%d/conclusion/submit", v.ID), nil), http.StatusOK).JSON(t, &c)
		if c.Status != "submitted" {
			t.Fatalf("submitted conclusion = %+v", c)
		}
		// Frozen while submitted.
		Expect(t, e.Do(Inspector, "POST", Path("visits/%d/findings", v.ID), map[string]any{"criterion_id": crit["1.1"], "rating": "fair"}),
			http.StatusConflict)

		// The leader returns it once with a note, then approves it.
		Expect(t, e.Do(Leader, "POST", Path("visits/%d/conclusion/return", v.ID), map[string]any{"note": "Đề nghị ghi rõ thời hạn báo cáo khắc phục."}),
			http.StatusOK).JSON(t, &c)
		if c.Status != "returned" || c.ReviewNote != "Đề nghị ghi rõ thời hạn báo cáo khắc phục." || c.ReviewedBy == nil || *c.ReviewedBy != e.Users[Leader].ID {
			t.Fatalf("returned conclusion = %+v", c)
		}
		Expect(t, e.Do(Inspector, "GET", Path("visits/%d", v.ID), nil), http.StatusOK).JSON(t, &v)
		if v.Status != "returned" {
			t.Fatalf("visit after return = %s", v.Status)
		}
		Expect(t, e.Do(Inspector, "PUT", Path("visits/%d/conclusion", v.ID), map[string]any{"version": c.Version,
			"requests": "Báo cáo kết quả khắc phục về Sở Nội vụ trong 15 ngày kể từ ngày ký thông báo."}), http.StatusOK).JSON(t, &c)
		Expect(t, e.Do(Inspector, "POST", Path("visits/%d/conclusion/submit", v.ID), nil), http.StatusOK)
		Expect(t, e.Do(Leader, "POST", Path("visits/%d/conclusion/approve", v.ID), nil), http.StatusOK).JSON(t, &c)
		if c.Status != "approved" || c.Snapshot == nil || len(c.Snapshot.SHA256) != 64 || c.IssuedOn == nil {
			t.Fatalf("approved conclusion = %+v, want a snapshot with its SHA-256 and an issue date", c)
		}
		// Approved means immutable.
		Expect(t, e.Do(Inspector, "PUT", Path("visits/%d/conclusion", v.ID), map[string]any{"version": c.Version, "strengths": "x"}),
			http.StatusConflict)
		var stored struct {
			Content, SHA256 string
		}
		if err := e.Store.Gorm().Table("conclusion_snapshots").Where("conclusion_id = ?", c.ID).Select("content, sha256").Take(&stored).Error; err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256([]byte(stored.Content))
		if hex.EncodeToString(sum[:]) != c.Snapshot.SHA256 || !strings.Contains(stored.Content, "45/TB-SNV") {
			t.Fatal("the stored snapshot does not match its SHA-256 or lacks the conclusion")
		}

		// The actions start: due 15 days after approval.
		for _, id := range actionIDs {
			var a actionBody
			Expect(t, e.Do(Inspector, "GET", Path("actions/%d", id), nil), http.StatusOK).JSON(t, &a)
			if a.DueOn == nil || a.Overdue {
				t.Fatalf("action after approval = %+v, want a due date", a)
			}
		}

		// The agency's officer signs in and reports both actions done, with evidence.
		officer := e.SignInWith("quang.skhcn", "mat-khau-cua-quang-2019")
		mine := Expect(t, officer.Do("GET", "actions?status=open", nil), http.StatusOK).Map(t)
		if mine["total"] != 2.0 {
			t.Fatalf("the officer sees %v open actions, want 2", mine["total"])
		}
		for i, id := range actionIDs {
			rep := Expect(t, officer.Do("POST", Path("actions/%d/updates", id), map[string]any{"note": "Đã khắc phục xong.", "status": "reported_done"}),
				http.StatusCreated).Map(t)
			att := Expect(t, officer.Send(Request{Method: "POST", Path: "attachments", Header: map[string]string{"X-CSRF-Token": officer.CSRF},
				Body: &Multipart{Fields: map[string]string{"owner_type": "action_update", "owner_id": itoa(int64(rep["id"].(float64)))},
					FileName: "ke-hoach-cchc-2020.png", File: pngBytes}}), http.StatusCreated).Map(t)
			if att["content_type"] != "image/png" || att["size"] != float64(len(pngBytes)) {
				t.Fatalf("attachment %d = %v", i, att)
			}
			got := Expect(t, officer.Do("GET", Path("attachments/%d", int64(att["id"].(float64))), nil), http.StatusOK)
			if string(got.Body) != string(pngBytes) || !strings.HasPrefix(got.Header.Get("Content-Disposition"), "attachment;") {
				t.Fatal("the evidence does not come back as it was sent")
			}
		}

		// The inspector verifies both; the last one closes the visit.
		for i, id := range actionIDs {
			var a actionBody
			Expect(t, e.Do(Inspector, "POST", Path("actions/%d/verify", id), map[string]any{"note": "Đã kiểm tra hồ sơ."}), http.StatusOK).JSON(t, &a)
			if a.Status != "verified" {
				t.Fatalf("verified action = %+v", a)
			}
			Expect(t, e.Do(Inspector, "GET", Path("visits/%d", v.ID), nil), http.StatusOK).JSON(t, &v)
			want := "approved"
			if i == len(actionIDs)-1 {
				want = "closed"
			}
			if v.Status != want {
				t.Fatalf("after verifying %d of %d actions the visit is %s, want %s", i+1, len(actionIDs), v.Status, want)
			}
		}

		// The audit trail holds the story.
		audit := Expect(t, e.Do(Admin, "GET", Path("audit?entity_type=visit&entity_id=%d", v.ID), nil), http.StatusOK).Map(t)
		var steps []string
		for _, ev := range audit["items"].([]any) {
			steps = append(steps, ev.(map[string]any)["action"].(string))
		}
		for _, want := range []string{"create", "team", "status"} {
			if !contains(steps, want) {
				t.Errorf("visit audit %v lacks %q", steps, want)
			}
		}
	})
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func itoa(n int64) string { return Path("%d", n) }
