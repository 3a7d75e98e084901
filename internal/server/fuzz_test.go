package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/cchc-inspect/cchc/internal/server/apitest"
	"github.com/cchc-inspect/cchc/internal/store"
)

// fuzzTarget is a write endpoint of the fuzzed world, with who calls it
// and a body it would accept (a seed for the fuzzer to start from).
type fuzzTarget struct {
	as           apitest.Role
	method, path string
	seed         string
}

// fuzzTargets lists every write endpoint that reads a body, aimed at the
// records of a badFixture world (IDs are those of a fresh database, so the
// seed corpus can name them).
func fuzzTargets(fx *badFixture) []fuzzTarget {
	const (
		Admin, Leader, Inspector, Officer, Nobody = apitest.Admin, apitest.Leader, apitest.Inspector, apitest.Officer, apitest.Nobody
	)
	P := apitest.Path
	crit := fx.w.Crit
	return []fuzzTarget{
		{Nobody, "POST", "session", `{"username":"lanhdao","password":"` + apitest.Password + `"}`},
		{Leader, "POST", "me/password", `{"current_password":"` + apitest.Password + `","new_password":"mat-khau-moi-cua-lanh-dao"}`},
		{Inspector, "POST", "tokens", `{"name":"Tập lệnh nhập số liệu"}`},
		{Admin, "POST", "agencies", `{"code":"STP","name":"Sở Tư pháp","kind":"department","province":"Điện Biên","active":true}`},
		{Admin, "PATCH", P("agencies/%d", fx.Agency3), `{"version":1,"name":"Sở Nội vụ (mới)","parent_id":null,"successor_id":1}`},
		{Admin, "POST", "users", `{"username":"nhung.nt","password":"mat-khau-rat-dai-2019","full_name":"Nguyễn Nhung","role":"agency_officer","agency_id":1}`},
		{Admin, "PATCH", P("users/%d", fx.e.Users[apitest.Inspector2].ID), `{"version":1,"title":"Phó trưởng phòng","role":"inspector","agency_id":null,"password":"mat-khau-moi-2020-abc"}`},
		{Admin, "POST", "criteria-sets", `{"year":2021,"name":"Bộ tiêu chí 2021","scope":"commune","copy_from_id":1}`},
		{Admin, "POST", P("criteria-sets/%d/criteria", fx.Set2), fmt.Sprintf(`{"code":"1.2","title":"Tỷ lệ","measure":"percent","max_score":2,"parent_id":%d,"sort_order":12}`, fx.Area2)},
		{Admin, "PATCH", P("criteria/%d", fx.Crit2), `{"version":1,"measure":"count","max_score":null,"parent_id":null}`},
		{Inspector, "POST", "plans", `{"year":2020,"title":"Kế hoạch 2020","decision_no":"12/KH-UBND","issued_on":"2020-01-15","status":"issued"}`},
		{Inspector, "PATCH", P("plans/%d", fx.w.PlanID), `{"version":1,"title":"Kế hoạch 2019 (sửa)","issued_on":null,"status":"draft"}`},
		{Inspector, "POST", "visits", fmt.Sprintf(`{"plan_id":%d,"agency_id":2,"criteria_set_id":%d,"scheduled_on":"2019-10-10","kind":"by_report","agency_representatives":[{"full_name":"Lê Văn Quang","title":"Phó Giám đốc"}]}`, fx.w.PlanID, fx.w.SetID)},
		{Inspector, "PATCH", P("visits/%d", fx.V1), `{"version":3,"visited_on":"2019-09-26","location":"Trụ sở Sở","status":"in_progress","agency_representatives":[]}`},
		{Inspector, "PUT", P("visits/%d/team", fx.V1), fmt.Sprintf(`{"version":3,"members":[{"user_id":%d,"role":"lead"},{"full_name":"Nguyễn Thu Trang","role":"secretary"}]}`, fx.e.Users[Inspector].ID)},
		{Inspector, "POST", P("visits/%d/findings", fx.V1), fmt.Sprintf(`{"criterion_id":%d,"rating":"good","value":100,"score":3,"note":"Đúng hạn"}`, crit["3.3"])},
		{Inspector, "PATCH", P("findings/%d", fx.F1), `{"version":1,"score":0.5,"rating":null,"value":null,"self_score":1}`},
		{Inspector, "PUT", P("visits/%d/procedure-stats", fx.V1), `{"version":1,"procedures_total":120,"online_full":30,"online_partial":40,"files_received":500,"files_on_time":480,"files_late":5}`},
		{Inspector, "PUT", P("visits/%d/staffing-stats", fx.V1), `{"version":1,"deputies_actual":4,"deputies_max":3,"quota_assigned":40,"staff_present":41,"job_positions_approved":true}`},
		{Inspector, "POST", P("visits/%d/shortcomings", fx.V1), fmt.Sprintf(`{"criterion_id":%d,"description":"Báo cáo chưa cụ thể","cause":"Chưa rà soát","severity":"major"}`, crit["1.5"])},
		{Inspector, "PATCH", P("shortcomings/%d", fx.SC1), `{"version":1,"criterion_id":null,"severity":"major"}`},
		{Inspector, "POST", P("shortcomings/%d/actions", fx.SC1), `{"description":"Rà soát kế hoạch","owner_agency_id":1,"owner_name":"Văn phòng","due_on":"2019-12-31"}`},
		{Officer, "PATCH", P("actions/%d", fx.A3), `{"version":2,"status":"in_progress"}`},
		{Officer, "POST", P("actions/%d/updates", fx.A3), `{"note":"Đang xây dựng kế hoạch điều chỉnh","status":"in_progress"}`},
		{Inspector, "POST", P("actions/%d/verify", fx.A3), `{"note":"Đã kiểm tra"}`},
		{Inspector, "POST", P("actions/%d/reopen", fx.A3), `{"note":"Chưa đạt"}`},
		{Inspector, "PUT", P("visits/%d/conclusion", fx.V1), `{"version":2,"overall_result":"good","issued_on":"2019-10-02","sign_prefix":"KT.","recipients":["Như trên","Lưu: VT"]}`},
		{Inspector, "POST", P("visits/%d/conclusion/submit", fx.V1), `{"version":3}`},
		{Leader, "POST", P("visits/%d/conclusion/approve", fx.V2), `{"version":3}`},
		{Leader, "POST", P("visits/%d/conclusion/return", fx.V2), `{"version":3,"note":"Bổ sung số liệu"}`},
		{Officer, "POST", P("visits/%d/findings", fx.V1), fmt.Sprintf(`{"criterion_id":%d,"self_score":2,"self_note":"Đã triển khai"}`, crit["3.5"])},
		{Inspector, "PATCH", P("actions/%d", fx.A1), `{"version":1,"due_on":"2019-12-15","owner_agency_id":null}`},
		{Inspector, "POST", "attachments", "--x\r\nContent-Disposition: form-data; name=\"owner_type\"\r\n\r\nvisit\r\n--x\r\n" +
			"Content-Disposition: form-data; name=\"owner_id\"\r\n\r\n1\r\n--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n" +
			"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n\r\n--x--\r\n"},
	}
}

// FuzzWriteBodies sends arbitrary bodies with arbitrary content types to
// the write endpoints of one world on SQLite, through the real router and
// middleware. The endpoint byte picks the target (its low 7 bits) and
// whether the content type is the fuzzed one (high bit set) or the
// endpoint's own: most inputs should reach the decoder, not the 415. No
// input may give a 5xx or a panic, and every answer is JSON
// (problem+json when it is an error) or empty. The world is built once per
// process (once per fuzzing worker); inputs that succeed move it on, which
// is fine: every state must refuse bad input as well.
//
// FUZZ_DB=postgres fuzzes on PostgreSQL instead (TEST_DATABASE_URL must be
// set).
func FuzzWriteBodies(f *testing.F) {
	dialect := store.SQLite
	if os.Getenv("FUZZ_DB") == store.Postgres {
		dialect = store.Postgres
	}
	e := apitest.New(f, dialect)
	fx := newBadFixture(f, e)
	targets := fuzzTargets(fx)
	for i, tg := range targets {
		f.Add(uint8(i), []byte(tg.seed), "")
	}
	f.Fuzz(func(t *testing.T, endpoint uint8, body []byte, ctype string) {
		tg := targets[int(endpoint&0x7f)%len(targets)]
		if endpoint&0x80 == 0 {
			ctype = "application/json"
			if tg.path == "attachments" {
				ctype = "multipart/form-data; boundary=x"
			}
		}
		req := httptest.NewRequest(tg.method, "/api/v1/"+tg.path, bytes.NewReader(body))
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		if tg.as != apitest.Nobody {
			req.Header.Set("Authorization", "Bearer "+e.Tokens[tg.as])
		}
		rec := httptest.NewRecorder()
		start := time.Now()
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("%s %s (%q, %d bytes) panicked: %v", tg.method, tg.path, ctype, len(body), r)
				}
			}()
			e.Handler.ServeHTTP(rec, req)
		}()
		res := rec.Result()
		what := fmt.Sprintf("%s %s with %q and %q", tg.method, tg.path, ctype, fuzzShort(body))
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("%s: took %v", what, d) // the request deadline is 15 s: something waits
		}
		if res.StatusCode >= 500 {
			t.Fatalf("%s: %d %s", what, res.StatusCode, rec.Body)
		}
		if rec.Body.Len() == 0 {
			if res.StatusCode != http.StatusNoContent {
				t.Fatalf("%s: %d without a body", what, res.StatusCode)
			}
			return
		}
		mt, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type"))
		switch {
		case res.StatusCode >= 400 && mt != "application/problem+json":
			t.Fatalf("%s: %d answered as %q", what, res.StatusCode, res.Header.Get("Content-Type"))
		case mt != "application/json" && mt != "application/problem+json":
			t.Fatalf("%s: %d answered as %q", what, res.StatusCode, res.Header.Get("Content-Type"))
		case !json.Valid(rec.Body.Bytes()):
			t.Fatalf("%s: %d answered with invalid JSON: %s", what, res.StatusCode, rec.Body)
		}
		if res.StatusCode >= 400 {
			var p struct {
				Status int    `json:"status"`
				Title  string `json:"title"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || p.Status != res.StatusCode || p.Title == "" {
				t.Fatalf("%s: %d with a bad problem document: %s", what, res.StatusCode, rec.Body)
			}
		}
	})
}

func fuzzShort(b []byte) string {
	if len(b) > 200 {
		return string(b[:200]) + fmt.Sprintf("… (%d bytes)", len(b))
	}
	return string(b)
}
