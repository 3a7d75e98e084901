package server_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"mime"
	"net/http"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/cchc-inspect/cchc/internal/server"
	"github.com/cchc-inspect/cchc/internal/server/apitest"
)

// badCase is one request that must fail, pocketbase style: who sends what
// where, and the answer it must get. Whatever the answer, the database must
// hold exactly what it held before.
type badCase struct {
	name   string
	as     apitest.Role
	via    string // "" bearer token; "nocsrf", "badcsrf": session cookie without / with a wrong CSRF token
	method string
	path   string
	// body is encoded as JSON, unless it is []byte (sent as is, with ctype
	// or application/json) or an *apitest.Multipart.
	body   any
	ctype  string // for []byte bodies; "none" sends no Content-Type
	header map[string]string
	lang   string // Accept-Language

	// writes names tables the request may change by design (the sign-in
	// throttle counts failed sign-ins).
	writes []string

	status int
	field  string // expected field error: field and code
	code   string // "" accepts any code for the field
	msg    string // a part of that field error's message (or of the detail without a field)
}

// badTitles are the problem titles in Vietnamese (default) and English.
var badTitles = map[int][2]string{
	400: {"Yêu cầu không đọc được", "Bad request"},
	401: {"Chưa đăng nhập", "Not signed in"},
	403: {"Không có quyền", "Forbidden"},
	404: {"Không tìm thấy", "Not found"},
	409: {"Xung đột", "Conflict"},
	413: {"Dữ liệu quá lớn", "Too large"},
	415: {"Kiểu dữ liệu không được chấp nhận", "Unsupported media type"},
	422: {"Dữ liệu không hợp lệ", "Validation failed"},
	429: {"Quá nhiều lần thử", "Too many attempts"},
}

// TestBadRequests sends every write endpoint requests that must fail and
// checks the status, the problem document, the field error, and that the
// database did not change.
func TestBadRequests(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		fx := newBadFixture(t, e)
		table := badTable(fx)
		checkBadCoverage(t, table)
		for _, ep := range slices.Sorted(maps.Keys(table)) {
			t.Run(ep, func(t *testing.T) {
				for _, c := range table[ep] {
					t.Run(c.name, func(t *testing.T) { runBadCase(t, e, c) })
				}
			})
		}
	})
}

// TestBadRequestRegressions holds the cases that once got a wrong answer
// (each name says what the right one is); they run like TestBadRequests.
func TestBadRequestRegressions(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		fx := newBadFixture(t, e)
		for _, c := range badRegressions(fx) {
			t.Run(c.name, func(t *testing.T) { runBadCase(t, e, c) })
		}
	})
}

// checkBadCoverage fails unless every write route of api.go has at least
// ten cases: a new endpoint cannot slip in without its bad requests.
func checkBadCoverage(t *testing.T, table map[string][]badCase) {
	t.Helper()
	src, err := os.ReadFile("api.go")
	if err != nil {
		t.Fatal(err)
	}
	route := regexp.MustCompile(`\b(?:api|a)\.(POST|PUT|PATCH|DELETE)\("([^"]+)"`)
	routes := route.FindAllStringSubmatch(string(src), -1)
	if len(routes) < 30 {
		t.Fatalf("found only %d write routes in api.go", len(routes))
	}
	for _, m := range routes {
		ep := m[1] + " " + m[2]
		if n := len(table[ep]); n < 10 {
			t.Errorf("%s has %d bad-request cases, want at least 10", ep, n)
		}
	}
	for ep := range table {
		found := false
		for _, m := range routes {
			found = found || m[1]+" "+m[2] == ep
		}
		if !found {
			t.Errorf("cases for %s, which api.go does not register", ep)
		}
	}
}

// runBadCase sends one case and checks its answer and the database.
func runBadCase(t testing.TB, env *apitest.Env, c badCase) {
	e := *env
	e.T = t
	e.Lang = c.lang
	req := apitest.Request{As: c.as, Method: c.method, Path: c.path, Body: c.body, ContentType: c.ctype, Header: map[string]string{}}
	maps.Copy(req.Header, c.header)
	if b, ok := c.body.([]byte); ok {
		switch c.ctype {
		case "":
			req.ContentType = "application/json"
		case "none":
			req.ContentType = ""
		}
		req.Body = b
	}
	var browser *apitest.Browser
	if c.via != "" {
		as := c.as
		req.As = apitest.Nobody
		browser = e.SignIn(as)
		if c.via == "badcsrf" {
			req.Header[server.CSRFHeader] = "khong-phai-ma-csrf"
		}
	}
	before := badDump(t, &e)
	var res *apitest.Response
	switch {
	case browser != nil:
		res = browser.Send(req)
	default:
		res = e.Send(req)
	}
	checkBadAnswer(t, c, res)
	if c.status == http.StatusTooManyRequests && res.Header.Get("Retry-After") == "" {
		t.Errorf("%s %s: 429 without Retry-After", c.method, c.path)
	}
	after := badDump(t, &e)
	for _, table := range c.writes {
		delete(before, table)
		delete(after, table)
	}
	if !maps.EqualFunc(before, after, slices.Equal) {
		for _, table := range slices.Sorted(maps.Keys(after)) {
			if d := badDiff(before[table], after[table]); d != "" {
				t.Errorf("%s %s changed table %s:\n%s", c.method, c.path, table, d)
			}
		}
	}
}

// badDiff lists the rows only one of two dumps holds ("-" before, "+" after).
func badDiff(before, after []string) string {
	var lines []string
	for _, r := range before {
		if !slices.Contains(after, r) {
			lines = append(lines, "- "+r)
		}
	}
	for _, r := range after {
		if !slices.Contains(before, r) {
			lines = append(lines, "+ "+r)
		}
	}
	if len(lines) > 12 {
		lines = append(lines[:12], fmt.Sprintf("… and %d more", len(lines)-12))
	}
	return strings.Join(lines, "\n")
}

// checkBadAnswer checks the status, the problem document and its field error.
func checkBadAnswer(t testing.TB, c badCase, res *apitest.Response) {
	body := string(res.Body)
	if len(body) > 600 {
		body = body[:600] + "…"
	}
	if res.Status != c.status {
		t.Errorf("%s %s: status %d, want %d: %s", c.method, c.path, res.Status, c.status, body)
		return
	}
	if mt, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type")); mt != "application/problem+json" {
		t.Errorf("%s %s: Content-Type %q, want application/problem+json", c.method, c.path, res.Header.Get("Content-Type"))
	}
	var p server.Problem
	if err := json.Unmarshal(res.Body, &p); err != nil {
		t.Errorf("%s %s: the answer is not a problem document: %v: %s", c.method, c.path, err, body)
		return
	}
	if p.Status != c.status || p.Type == "" || p.Title == "" {
		t.Errorf("%s %s: problem %+v, want status %d with a type and a title", c.method, c.path, p, c.status)
	}
	lang := 0
	if strings.HasPrefix(c.lang, "en") {
		lang = 1
	}
	if want, ok := badTitles[c.status]; ok && p.Title != want[lang] {
		t.Errorf("%s %s: title %q, want %q", c.method, c.path, p.Title, want[lang])
	}
	if c.field == "" {
		if c.msg != "" && !strings.Contains(p.Detail, c.msg) {
			t.Errorf("%s %s: detail %q, want it to say %q", c.method, c.path, p.Detail, c.msg)
		}
		return
	}
	for _, f := range p.Errors {
		if f.Field == c.field && (f.Code == c.code || c.code == "") {
			if f.Message == "" || (c.msg != "" && !strings.Contains(f.Message, c.msg)) {
				t.Errorf("%s %s: message of %s/%s is %q, want it to say %q", c.method, c.path, c.field, c.code, f.Message, c.msg)
			}
			return
		}
	}
	t.Errorf("%s %s: no field error %s/%s in %s", c.method, c.path, c.field, c.code, body)
}

// badDump reads every table, row by row, as sorted JSON lines: two dumps are
// equal only when nothing was written. Session timestamps that sign-in keeps
// alive are left out.
func badDump(t testing.TB, e *apitest.Env) map[string][]string {
	g := e.DB.Gorm
	tables, err := g.Migrator().GetTables()
	if err != nil {
		t.Fatalf("list tables: %v", err)
	}
	out := map[string][]string{}
	for _, table := range tables {
		var rows []map[string]any
		if err := g.Table(table).Find(&rows).Error; err != nil {
			t.Fatalf("read %s: %v", table, err)
		}
		lines := make([]string, 0, len(rows))
		for _, r := range rows {
			if table == "sessions" {
				delete(r, "last_seen_at")
				delete(r, "expires_at")
			}
			b, err := json.Marshal(r)
			if err != nil {
				t.Fatalf("encode a row of %s: %v", table, err)
			}
			lines = append(lines, string(b))
		}
		sort.Strings(lines)
		out[table] = lines
	}
	return out
}

// badFixture is a world with a visit in every state that matters, and the
// records the cases aim at.
type badFixture struct {
	t testing.TB
	e *apitest.Env
	w *apitest.World
	// Set2 is a criteria set no visit uses, with an area heading and one
	// scored criterion (max_score 5); EmptySet has no criteria.
	Set2, Area2, Crit2, EmptySet int64
	// Agency3 is an unused agency; Inactive an inactive one.
	Agency3, Inactive int64
	// V1 is in progress (the officer's agency), V2 submitted, V3 approved;
	// V4 is an approved visit to the other agency.
	V1, V2, V3, V4     int64
	F1, F2, F4         int64 // findings of V1, V2, V4 (F1 on 1.3, score max 1)
	SC1, SC2, SC3, SC4 int64 // shortcomings of V1–V4, each with one action
	A1, A2, A3, A4     int64 // actions of SC1–SC4; A3 and A4 are open
	Att1, Att2, Att4   int64 // attachments of V1, V2, V4, uploaded by the Inspector
	Tokens             map[apitest.Role]int64
	RevokedToken       string
}

// badLocked is a username locked out by five failed sign-ins.
const badLocked = "doan.mo"

// badPNG is a 1×1 PNG: evidence that passes the type check by content.
var badPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" +
	"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

func newBadFixture(t testing.TB, e *apitest.Env) *badFixture {
	t.Helper()
	const (
		Admin, Leader, Inspector, Inspector2 = apitest.Admin, apitest.Leader, apitest.Inspector, apitest.Inspector2
	)
	P := apitest.Path
	must := func(r *apitest.Response, status int) *apitest.Response { return apitest.Expect(t, r, status) }
	fx := &badFixture{t: t, e: e, w: e.NewWorld(t), Tokens: map[apitest.Role]int64{}}
	w := fx.w
	fx.V1 = w.VisitID

	fx.Set2 = must(e.Do(Admin, "POST", "criteria-sets", map[string]any{"year": 2020, "name": "Bộ tiêu chí năm 2020 (dự thảo)"}), 201).ID(t)
	fx.Area2 = must(e.Do(Admin, "POST", P("criteria-sets/%d/criteria", fx.Set2), map[string]any{"code": "1",
		"title": "Công tác chỉ đạo, điều hành", "measure": "area", "sort_order": 10}), 201).ID(t)
	fx.Crit2 = must(e.Do(Admin, "POST", P("criteria-sets/%d/criteria", fx.Set2), map[string]any{"code": "1.1",
		"title": "Kế hoạch CCHC năm", "measure": "score", "max_score": 5, "parent_id": fx.Area2, "sort_order": 11}), 201).ID(t)
	fx.EmptySet = must(e.Do(Admin, "POST", "criteria-sets", map[string]any{"year": 2020, "name": "Bộ tiêu chí trống"}), 201).ID(t)
	fx.Agency3 = must(e.Do(Admin, "POST", "agencies", map[string]any{"code": "SNV", "name": "Sở Nội vụ tỉnh Điện Biên",
		"kind": "department", "province": "Điện Biên"}), 201).ID(t)
	fx.Inactive = must(e.Do(Admin, "POST", "agencies", map[string]any{"code": "STTTT", "name": "Sở Thông tin và Truyền thông tỉnh Điện Biên",
		"kind": "department", "province": "Điện Biên", "active": false}), 201).ID(t)

	// records makes a finding, a shortcoming with an action and an attachment on a visit.
	records := func(visit int64, crit string) (f, sc, a, att int64) {
		f = must(e.Do(Inspector, "POST", P("visits/%d/findings", visit), map[string]any{"criterion_id": w.Crit[crit],
			"rating": "good", "score": 1, "note": "Đa dạng hình thức tuyên truyền"}), 201).ID(t)
		sc = must(e.Do(Inspector, "POST", P("visits/%d/shortcomings", visit), map[string]any{"criterion_id": w.Crit["1.1"],
			"description": "Kế hoạch CCHC cần bám sát thực tiễn để hoàn thành 100% chỉ tiêu"}), 201).ID(t)
		a = must(e.Do(Inspector, "POST", P("shortcomings/%d/actions", sc), map[string]any{"description": "Rà soát, điều chỉnh kế hoạch CCHC",
			"due_on": "2019-10-31"}), 201).ID(t)
		att = must(e.Send(apitest.Request{As: Inspector, Method: "POST", Path: "attachments", Body: &apitest.Multipart{
			Fields: map[string]string{"owner_type": "visit", "owner_id": fmt.Sprint(visit)}, FileName: "bien-ban.png", File: badPNG}}), 201).ID(t)
		return
	}
	conclude := func(visit int64, approve bool) {
		v := fx.version(P("visits/%d/conclusion", visit))
		must(e.Do(Inspector, "PUT", P("visits/%d/conclusion", visit), map[string]any{"version": v, "overall_result": "good",
			"strengths": "Hoàn thành tốt mục tiêu Kế hoạch CCHC năm 2019"}), 200)
		must(e.Do(Inspector, "POST", P("visits/%d/conclusion/submit", visit), nil), 200)
		if approve {
			must(e.Do(Leader, "POST", P("visits/%d/conclusion/approve", visit), nil), 200)
		}
	}

	fx.F1, fx.SC1, fx.A1, fx.Att1 = records(fx.V1, "1.3")
	must(e.Do(Inspector, "PUT", P("visits/%d/procedure-stats", fx.V1), map[string]any{"procedures_total": 120, "online_full": 30,
		"online_partial": 40, "one_stop_shop": true, "files_received": 500, "files_on_time": 480, "files_late": 5,
		"files_pending": 10, "apology_letters": 5}), 200)
	must(e.Do(Inspector, "PUT", P("visits/%d/staffing-stats", fx.V1), map[string]any{"deputies_actual": 3, "deputies_max": 3,
		"quota_assigned": 40, "staff_present": 38, "job_positions_approved": true}), 200)
	must(e.Do(Inspector, "PUT", P("visits/%d/conclusion", fx.V1), map[string]any{"version": fx.version(P("visits/%d/conclusion", fx.V1)),
		"strengths": "Công tác tuyên truyền được đa dạng hóa"}), 200)

	fx.V2 = e.NewVisit(t, w, e.Agency.ID)
	fx.F2, fx.SC2, fx.A2, fx.Att2 = records(fx.V2, "1.3")
	conclude(fx.V2, false)

	fx.V3 = e.NewVisit(t, w, e.Agency.ID)
	_, fx.SC3, fx.A3, _ = records(fx.V3, "1.3")
	conclude(fx.V3, true)

	fx.V4 = e.NewVisit(t, w, e.Other.ID)
	fx.F4, fx.SC4, fx.A4, fx.Att4 = records(fx.V4, "1.3")
	conclude(fx.V4, true)

	for _, r := range apitest.Roles {
		var list struct {
			Items []struct {
				ID int64 `json:"id"`
			} `json:"items"`
		}
		must(e.Do(r, "GET", "tokens", nil), 200).JSON(t, &list)
		if len(list.Items) == 0 {
			t.Fatalf("%s has no token", r)
		}
		fx.Tokens[r] = list.Items[0].ID
	}
	var tok struct {
		ID    int64  `json:"id"`
		Token string `json:"token"`
	}
	must(e.Do(Inspector2, "POST", "tokens", map[string]any{"name": "thu hồi ngay"}), 201).JSON(t, &tok)
	must(e.Do(Inspector2, "DELETE", P("tokens/%d", tok.ID), nil), 204)
	fx.RevokedToken = tok.Token
	for range 5 {
		must(e.Do(apitest.Nobody, "POST", "session", map[string]any{"username": badLocked, "password": "doan-mo-mat-khau"}), 401)
	}
	return fx
}

// version reads the version of a record through the API.
func (fx *badFixture) version(path string) int {
	fx.t.Helper()
	var v struct {
		Version int `json:"version"`
	}
	apitest.Expect(fx.t, fx.e.Do(apitest.Admin, "GET", path, nil), http.StatusOK).JSON(fx.t, &v)
	if v.Version < 1 {
		fx.t.Fatalf("GET %s: no version", path)
	}
	return v.Version
}

// over returns n+1 Vietnamese letters: one past a maximum length of n,
// counted in characters, not bytes.
func badOver(n int) string { return strings.Repeat("ệ", n+1) }

// with returns a copy of a body with more fields (a nil value removes one).
func badWith(body map[string]any, kv ...any) map[string]any {
	out := maps.Clone(body)
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == nil {
			delete(out, kv[i].(string))
			continue
		}
		out[kv[i].(string)] = kv[i+1]
	}
	return out
}

// raw is a body sent as is.
func badRaw(s string) []byte { return []byte(s) }

func badJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// generic returns the cases every JSON endpoint must refuse, built around a
// body that would otherwise be accepted: malformed JSON, trailing garbage,
// an empty body, an array for an object, an unknown field, a body over
// 1 MiB and a wrong content type.
func badGeneric(as apitest.Role, method, path string, valid map[string]any) []badCase {
	ok := badJSON(valid)
	big := `{"note":"` + strings.Repeat("a", server.MaxJSONBody) + `"}`
	return []badCase{
		{name: "malformed JSON", as: as, method: method, path: path, body: badRaw(ok[:len(ok)-1] + `,}`), status: 400},
		{name: "trailing garbage", as: as, method: method, path: path, body: badRaw(ok + ` {"x":1}`), status: 400},
		{name: "empty body", as: as, method: method, path: path, body: badRaw(" \n"), status: 400},
		{name: "array for an object", as: as, method: method, path: path, body: badRaw(`[` + ok + `]`), status: 400, field: "body", code: "type"},
		{name: "unknown field", as: as, method: method, path: path, body: badWith(valid, "bogus_field", 1), status: 400, field: "bogus_field", code: "unknown"},
		{name: "body over 1 MiB", as: as, method: method, path: path, body: badRaw(big), status: 413},
		{name: "text content type", as: as, method: method, path: path, body: badRaw(ok), ctype: "text/plain; charset=utf-8", status: 415},
		{name: "form content type", as: as, method: method, path: path, body: badRaw(ok), ctype: "application/x-www-form-urlencoded", status: 415},
	}
}

// deleteCases are the bad deletions of a record deleted with its version
// (If-Match or ?version=): path is the record, v its current version.
func badDeletes(path string, v int, allowed apitest.Role) []badCase {
	P := apitest.Path
	return []badCase{
		{name: "no version", as: allowed, method: "DELETE", path: path, status: 422, field: "version", code: "required"},
		{name: "stale version", as: allowed, method: "DELETE", path: P("%s?version=%d", path, v+7), status: 409},
		{name: "stale If-Match", as: allowed, method: "DELETE", path: path, header: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, v+7)}, status: 409},
		{name: "version not a number", as: allowed, method: "DELETE", path: path + "?version=abc", status: 400, field: "version", code: "type"},
		{name: "version zero", as: allowed, method: "DELETE", path: path + "?version=0", status: 422, field: "version", code: "gt"},
		{name: "malformed If-Match", as: allowed, method: "DELETE", path: path, header: map[string]string{"If-Match": "phiên-bản"}, status: 422, field: "If-Match", code: "version"},
		{name: "not signed in", as: apitest.Nobody, method: "DELETE", path: P("%s?version=%d", path, v), status: 401},
		{name: "cookie without CSRF token", as: allowed, via: "nocsrf", method: "DELETE", path: P("%s?version=%d", path, v), status: 403},
	}
}

func badTable(fx *badFixture) map[string][]badCase {
	const (
		Admin, Leader, Inspector, Inspector2, Officer, Nobody = apitest.Admin, apitest.Leader, apitest.Inspector, apitest.Inspector2,
			apitest.Officer, apitest.Nobody
	)
	P := apitest.Path
	e, w := fx.e, fx.w
	crit := w.Crit
	tab := map[string][]badCase{}
	add := func(ep string, cases ...[]badCase) {
		for _, cs := range cases {
			tab[ep] = append(tab[ep], cs...)
		}
	}

	// Sessions and tokens.
	session := map[string]any{"username": "admin", "password": apitest.Password}
	add("POST /session", badGeneric(Nobody, "POST", "session", session), []badCase{
		{name: "username not a string", method: "POST", path: "session", body: badWith(session, "username", 5), status: 400, field: "username", code: "type"},
		{name: "password an array", method: "POST", path: "session", body: badWith(session, "password", []string{"a"}), status: 400, field: "password", code: "type"},
		{name: "no username", method: "POST", path: "session", body: badWith(session, "username", nil), status: 422, field: "username", code: "required",
			msg: "bắt buộc"},
		{name: "no password (English)", method: "POST", path: "session", body: badWith(session, "password", nil), lang: "en", status: 422,
			field: "password", code: "required", msg: "password: required."},
		{name: "username one past 64", method: "POST", path: "session", body: badWith(session, "username", strings.Repeat("a", 65)), status: 422, field: "username", code: "max"},
		{name: "password one past 128", method: "POST", path: "session", body: badWith(session, "password", badOver(128)), status: 422, field: "password", code: "max"},
		{name: "wrong password", method: "POST", path: "session", body: badWith(session, "username", "lanhdao", "password", "mat-khau-sai-2019"),
			writes: []string{"sign_in_failures"}, status: 401},
		{name: "unknown user", method: "POST", path: "session", body: badWith(session, "username", "khong.ton.tai"), writes: []string{"sign_in_failures"}, status: 401},
		{name: "locked account", method: "POST", path: "session", body: badWith(session, "username", badLocked), status: 429},
		{name: "locked account (English)", method: "POST", path: "session", body: badWith(session, "username", badLocked), lang: "en", status: 429, msg: "try again in"},
		{name: "null", method: "POST", path: "session", body: badRaw(`null`), status: 422, field: "password", code: "required"},
	})
	add("DELETE /session", []badCase{
		{name: "not signed in", as: Nobody, method: "DELETE", path: "session", status: 401},
		{name: "basic auth", as: Nobody, method: "DELETE", path: "session", header: map[string]string{"Authorization": "Basic YWRtaW46eA=="}, status: 401},
		{name: "unknown token", as: Nobody, method: "DELETE", path: "session", header: map[string]string{"Authorization": "Bearer cchc_khongphaitoken"}, status: 401},
		{name: "token without prefix", as: Nobody, method: "DELETE", path: "session", header: map[string]string{"Authorization": "Bearer abc"}, status: 401},
		{name: "empty bearer", as: Nobody, method: "DELETE", path: "session", header: map[string]string{"Authorization": "Bearer "}, status: 401},
		{name: "revoked token", as: Nobody, method: "DELETE", path: "session", header: map[string]string{"Authorization": "Bearer " + fx.RevokedToken}, status: 401},
		{name: "forged cookie", as: Nobody, method: "DELETE", path: "session", header: map[string]string{"Cookie": server.SessionCookie + "=gia-mao"}, status: 401},
		{name: "CSRF token without cookie", as: Nobody, method: "DELETE", path: "session", header: map[string]string{server.CSRFHeader: "abc"}, status: 401},
		{name: "cookie without CSRF token", as: Inspector, via: "nocsrf", method: "DELETE", path: "session", status: 403},
		{name: "cookie with a wrong CSRF token", as: Inspector, via: "badcsrf", method: "DELETE", path: "session", status: 403},
		{name: "cookie with a wrong CSRF token (English)", as: Leader, via: "badcsrf", method: "DELETE", path: "session", lang: "en", status: 403, msg: "CSRF"},
	})
	pw := map[string]any{"current_password": apitest.Password, "new_password": "mat-khau-moi-cua-toi-2020"}
	add("POST /me/password", badGeneric(Inspector, "POST", "me/password", pw), []badCase{
		{name: "wrong current password", as: Inspector, method: "POST", path: "me/password", body: badWith(pw, "current_password", "mat-khau-sai-2019"),
			status: 422, field: "current_password", code: "wrong_password"},
		{name: "wrong current password (English)", as: Inspector, method: "POST", path: "me/password", body: badWith(pw, "current_password", "mat-khau-sai-2019"),
			lang: "en", status: 422, field: "current_password", code: "wrong_password", msg: "the current password is wrong"},
		{name: "no current password", as: Inspector, method: "POST", path: "me/password", body: badWith(pw, "current_password", nil), status: 422, field: "current_password", code: "required"},
		{name: "current password one past 128", as: Inspector, method: "POST", path: "me/password", body: badWith(pw, "current_password", badOver(128)),
			status: 422, field: "current_password", code: "max"},
		{name: "no new password", as: Inspector, method: "POST", path: "me/password", body: badWith(pw, "new_password", nil), status: 422, field: "new_password", code: "required"},
		{name: "short new password", as: Inspector, method: "POST", path: "me/password", body: badWith(pw, "new_password", "ngan-qua"), status: 422, field: "new_password", code: "min"},
		{name: "new password one past 128", as: Inspector, method: "POST", path: "me/password", body: badWith(pw, "new_password", badOver(128)), status: 422, field: "new_password", code: "max"},
		{name: "new password same as current", as: Inspector, method: "POST", path: "me/password", body: badWith(pw, "new_password", apitest.Password),
			status: 422, field: "new_password", code: "same_as_current"},
		{name: "common new password", as: Inspector, method: "POST", path: "me/password", body: badWith(pw, "new_password", "123456789012"), status: 422, field: "new_password", code: "common_password"},
		{name: "new password a number", as: Inspector, method: "POST", path: "me/password", body: badWith(pw, "new_password", 123456789012345), status: 400, field: "new_password", code: "type"},
		{name: "not signed in", as: Nobody, method: "POST", path: "me/password", body: pw, status: 401},
		{name: "cookie without CSRF token", as: Inspector, via: "nocsrf", method: "POST", path: "me/password", body: pw, status: 403},
	})
	token := map[string]any{"name": "Tập lệnh nhập số liệu"}
	add("POST /tokens", badGeneric(Inspector, "POST", "tokens", token), []badCase{
		{name: "no name", as: Inspector, method: "POST", path: "tokens", body: map[string]any{}, status: 422, field: "name", code: "required"},
		{name: "name one past 100", as: Inspector, method: "POST", path: "tokens", body: badWith(token, "name", badOver(100)), status: 422, field: "name", code: "max"},
		{name: "name a number", as: Inspector, method: "POST", path: "tokens", body: badWith(token, "name", 5), status: 400, field: "name", code: "type"},
		{name: "null", as: Inspector, method: "POST", path: "tokens", body: badRaw(`null`), status: 422, field: "name", code: "required"},
		{name: "not signed in", as: Nobody, method: "POST", path: "tokens", body: token, status: 401},
		{name: "cookie without CSRF token", as: Inspector, via: "nocsrf", method: "POST", path: "tokens", body: token, status: 403},
		{name: "revoked token", as: Nobody, method: "POST", path: "tokens", body: token, header: map[string]string{"Authorization": "Bearer " + fx.RevokedToken}, status: 401},
	})
	add("DELETE /tokens/:id", []badCase{
		{name: "another user's token", as: Inspector2, method: "DELETE", path: P("tokens/%d", fx.Tokens[Inspector]), status: 404},
		{name: "leader revokes the admin's token", as: Leader, method: "DELETE", path: P("tokens/%d", fx.Tokens[Admin]), status: 404},
		{name: "officer revokes the admin's token", as: Officer, method: "DELETE", path: P("tokens/%d", fx.Tokens[Admin]), status: 404},
		{name: "no such token", as: Inspector, method: "DELETE", path: "tokens/999999", status: 404},
		{name: "id not a number", as: Inspector, method: "DELETE", path: "tokens/abc", status: 404},
		{name: "id zero", as: Inspector, method: "DELETE", path: "tokens/0", status: 404},
		{name: "id negative", as: Inspector, method: "DELETE", path: "tokens/-1", status: 404},
		{name: "id past int64", as: Inspector, method: "DELETE", path: "tokens/99999999999999999999", status: 404},
		{name: "not signed in", as: Nobody, method: "DELETE", path: P("tokens/%d", fx.Tokens[Inspector]), status: 401},
		{name: "cookie without CSRF token", as: Inspector, via: "nocsrf", method: "DELETE", path: P("tokens/%d", fx.Tokens[Inspector]), status: 403},
		{name: "cookie with a wrong CSRF token", as: Inspector, via: "badcsrf", method: "DELETE", path: P("tokens/%d", fx.Tokens[Inspector]), status: 403},
	})

	// Agencies.
	agency := map[string]any{"code": "SNV-DB", "name": "Sở Nội vụ", "kind": "department", "province": "Điện Biên"}
	add("POST /agencies", badGeneric(Admin, "POST", "agencies", agency), []badCase{
		{name: "no code", as: Admin, method: "POST", path: "agencies", body: badWith(agency, "code", nil), status: 422, field: "code", code: "required"},
		{name: "code with diacritics", as: Admin, method: "POST", path: "agencies", body: badWith(agency, "code", "SỞ-NV"), status: 422, field: "code", code: "printascii"},
		{name: "code with a space", as: Admin, method: "POST", path: "agencies", body: badWith(agency, "code", "S NV"), status: 422, field: "code", code: "excludesall"},
		{name: "code one past 32", as: Admin, method: "POST", path: "agencies", body: badWith(agency, "code", strings.Repeat("A", 33)), status: 422, field: "code", code: "max"},
		{name: "name one past 300", as: Admin, method: "POST", path: "agencies", body: badWith(agency, "name", badOver(300)), status: 422, field: "name", code: "max"},
		{name: "province one past 100", as: Admin, method: "POST", path: "agencies", body: badWith(agency, "province", badOver(100)), status: 422, field: "province", code: "max"},
		{name: "unknown kind", as: Admin, method: "POST", path: "agencies", body: badWith(agency, "kind", "province"), status: 422, field: "kind", code: "oneof"},
		{name: "unknown kind (English)", as: Admin, method: "POST", path: "agencies", body: badWith(agency, "kind", "ministry"), lang: "en", status: 422,
			field: "kind", code: "oneof", msg: "kind: one of department district commune unit"},
		{name: "no such parent", as: Admin, method: "POST", path: "agencies", body: badWith(agency, "parent_id", 999999), status: 422, field: "parent_id", code: "not_found"},
		{name: "parent zero", as: Admin, method: "POST", path: "agencies", body: badWith(agency, "parent_id", 0), status: 422, field: "parent_id", code: "gt"},
		{name: "duplicate code", as: Admin, method: "POST", path: "agencies", body: badWith(agency, "code", "SKHCN"), status: 409, field: "code", code: "unique"},
		{name: "active a string", as: Admin, method: "POST", path: "agencies", body: badWith(agency, "active", "yes"), status: 400, field: "active", code: "type"},
		{name: "inspector", as: Inspector, method: "POST", path: "agencies", body: agency, status: 403},
		{name: "officer", as: Officer, method: "POST", path: "agencies", body: agency, status: 403},
	})
	ag3 := P("agencies/%d", fx.Agency3)
	agV := fx.version(ag3)
	agUpd := map[string]any{"version": agV, "name": "Sở Nội vụ tỉnh Điện Biên (mới)"}
	add("PATCH /agencies/:id", badGeneric(Admin, "PATCH", ag3, agUpd), []badCase{
		{name: "empty name", as: Admin, method: "PATCH", path: ag3, body: badWith(agUpd, "name", ""), status: 422, field: "name", code: "min"},
		{name: "unknown kind", as: Admin, method: "PATCH", path: ag3, body: badWith(agUpd, "kind", "ministry"), status: 422, field: "kind", code: "oneof"},
		{name: "its own parent", as: Admin, method: "PATCH", path: ag3, body: badWith(agUpd, "parent_id", fx.Agency3), status: 422, field: "parent_id", code: "self"},
		{name: "no such successor", as: Admin, method: "PATCH", path: ag3, body: badWith(agUpd, "successor_id", 999999), status: 422, field: "successor_id", code: "not_found"},
		{name: "duplicate code", as: Admin, method: "PATCH", path: ag3, body: badWith(agUpd, "code", "SKHCN"), status: 409, field: "code", code: "unique"},
		{name: "stale version", as: Admin, method: "PATCH", path: ag3, body: badWith(agUpd, "version", agV+3), status: 409},
		{name: "no version", as: Admin, method: "PATCH", path: ag3, body: badWith(agUpd, "version", nil), status: 422, field: "version", code: "required"},
		{name: "malformed If-Match", as: Admin, method: "PATCH", path: ag3, body: badWith(agUpd, "version", nil), header: map[string]string{"If-Match": "W/abc"},
			status: 422, field: "If-Match", code: "version"},
		{name: "version a string", as: Admin, method: "PATCH", path: ag3, body: badWith(agUpd, "version", "1"), status: 400, field: "version", code: "type"},
		{name: "inspector", as: Inspector, method: "PATCH", path: ag3, body: agUpd, status: 403},
		{name: "officer on its own agency", as: Officer, method: "PATCH", path: P("agencies/%d", e.Agency.ID),
			body: badWith(agUpd, "version", fx.version(P("agencies/%d", e.Agency.ID))), status: 403},
		{name: "no such agency", as: Admin, method: "PATCH", path: "agencies/999999", body: agUpd, status: 404},
	})
	add("DELETE /agencies/:id", badDeletes(ag3, agV, Admin), []badCase{
		{name: "agency in use", as: Admin, method: "DELETE", path: P("agencies/%d?version=%d", e.Agency.ID, fx.version(P("agencies/%d", e.Agency.ID))), status: 409},
		{name: "inspector", as: Inspector, method: "DELETE", path: P("%s?version=%d", ag3, agV), status: 403},
		{name: "officer", as: Officer, method: "DELETE", path: P("%s?version=%d", ag3, agV), status: 403},
		{name: "no such agency", as: Admin, method: "DELETE", path: "agencies/999999?version=1", status: 404},
	})

	// Users.
	user := map[string]any{"username": "nhung.nt", "password": "mat-khau-rat-dai-2019", "full_name": "Nguyễn Nhung", "role": "inspector"}
	add("POST /users", badGeneric(Admin, "POST", "users", user), []badCase{
		{name: "username with capitals and a space", as: Admin, method: "POST", path: "users", body: badWith(user, "username", "Nhung NT"), status: 422, field: "username", code: "username"},
		{name: "username one past 64", as: Admin, method: "POST", path: "users", body: badWith(user, "username", strings.Repeat("a", 65)), status: 422, field: "username", code: "max"},
		{name: "short password", as: Admin, method: "POST", path: "users", body: badWith(user, "password", "ngan-qua"), status: 422, field: "password", code: "min"},
		{name: "password is the username", as: Admin, method: "POST", path: "users", body: badWith(user, "username", "nguyen.nhung.2019", "password", "NGUYEN.NHUNG.2019"),
			status: 422, field: "password", code: "same_as_username"},
		{name: "unknown role", as: Admin, method: "POST", path: "users", body: badWith(user, "role", "superuser"), status: 422, field: "role", code: "oneof"},
		{name: "officer without agency", as: Admin, method: "POST", path: "users", body: badWith(user, "role", "agency_officer"), status: 422, field: "agency_id", code: "required_for_officer"},
		{name: "no such agency", as: Admin, method: "POST", path: "users", body: badWith(user, "agency_id", 999999), status: 422, field: "agency_id", code: "not_found"},
		{name: "duplicate username", as: Admin, method: "POST", path: "users", body: badWith(user, "username", "admin"), status: 409, field: "username", code: "unique"},
		{name: "no full name", as: Admin, method: "POST", path: "users", body: badWith(user, "full_name", nil), status: 422, field: "full_name", code: "required"},
		{name: "title one past 200", as: Admin, method: "POST", path: "users", body: badWith(user, "title", badOver(200)), status: 422, field: "title", code: "max"},
		{name: "agency_id a string", as: Admin, method: "POST", path: "users", body: badWith(user, "agency_id", "1"), status: 400, field: "agency_id", code: "type"},
		{name: "inspector", as: Inspector, method: "POST", path: "users", body: user, status: 403},
		{name: "leader", as: Leader, method: "POST", path: "users", body: user, status: 403},
	})
	u2 := P("users/%d", e.Users[Inspector2].ID)
	uV := fx.version(u2)
	userUpd := map[string]any{"version": uV, "title": "Phó trưởng phòng CCHC"}
	adminPath := P("users/%d", e.Users[Admin].ID)
	add("PATCH /users/:id", badGeneric(Admin, "PATCH", u2, userUpd), []badCase{
		{name: "unknown role", as: Admin, method: "PATCH", path: u2, body: badWith(userUpd, "role", "root"), status: 422, field: "role", code: "oneof"},
		{name: "empty full name", as: Admin, method: "PATCH", path: u2, body: badWith(userUpd, "full_name", ""), status: 422, field: "full_name", code: "min"},
		{name: "no such agency", as: Admin, method: "PATCH", path: u2, body: badWith(userUpd, "agency_id", 999999), status: 422, field: "agency_id", code: "not_found"},
		{name: "officer without agency", as: Admin, method: "PATCH", path: u2, body: badWith(userUpd, "role", "agency_officer"), status: 422, field: "agency_id", code: "required_for_officer"},
		{name: "admin deactivates itself", as: Admin, method: "PATCH", path: adminPath, body: map[string]any{"version": fx.version(adminPath), "active": false},
			status: 422, field: "active", code: "own_account"},
		{name: "short password", as: Admin, method: "PATCH", path: u2, body: badWith(userUpd, "password", "ngan"), status: 422, field: "password", code: "min"},
		{name: "password a number", as: Admin, method: "PATCH", path: u2, body: badWith(userUpd, "password", 12345678901234), status: 400, field: "password", code: "type"},
		{name: "stale version", as: Admin, method: "PATCH", path: u2, body: badWith(userUpd, "version", uV+1), status: 409},
		{name: "no version", as: Admin, method: "PATCH", path: u2, body: badWith(userUpd, "version", nil), status: 422, field: "version", code: "required"},
		{name: "inspector", as: Inspector, method: "PATCH", path: u2, body: userUpd, status: 403},
		{name: "no such user", as: Admin, method: "PATCH", path: "users/999999", body: userUpd, status: 404},
	})

	// Criteria.
	set := map[string]any{"year": 2021, "name": "Bộ tiêu chí năm 2021"}
	add("POST /criteria-sets", badGeneric(Admin, "POST", "criteria-sets", set), []badCase{
		{name: "year before 2000", as: Admin, method: "POST", path: "criteria-sets", body: badWith(set, "year", 1999), status: 422, field: "year", code: "gte"},
		{name: "year after 2100", as: Admin, method: "POST", path: "criteria-sets", body: badWith(set, "year", 2101), status: 422, field: "year", code: "lte"},
		{name: "no year", as: Admin, method: "POST", path: "criteria-sets", body: badWith(set, "year", nil), status: 422, field: "year", code: "required"},
		{name: "year a string", as: Admin, method: "POST", path: "criteria-sets", body: badWith(set, "year", "2021"), status: 400, field: "year", code: "type"},
		{name: "no name", as: Admin, method: "POST", path: "criteria-sets", body: badWith(set, "name", nil), status: 422, field: "name", code: "required"},
		{name: "name one past 300", as: Admin, method: "POST", path: "criteria-sets", body: badWith(set, "name", badOver(300)), status: 422, field: "name", code: "max"},
		{name: "description one past 5000", as: Admin, method: "POST", path: "criteria-sets", body: badWith(set, "description", badOver(5000)), status: 422, field: "description", code: "max"},
		{name: "unknown scope", as: Admin, method: "POST", path: "criteria-sets", body: badWith(set, "scope", "province"), status: 422, field: "scope", code: "oneof"},
		{name: "copy of no such set", as: Admin, method: "POST", path: "criteria-sets", body: badWith(set, "copy_from_id", 999999), status: 422, field: "copy_from_id", code: "not_found"},
		{name: "duplicate year and name", as: Admin, method: "POST", path: "criteria-sets", body: map[string]any{"year": 2019, "name": "Bộ tiêu chí kiểm tra CCHC năm 2019"},
			status: 409, field: "name", code: "unique"},
		{name: "inspector", as: Inspector, method: "POST", path: "criteria-sets", body: set, status: 403},
	})
	s2 := P("criteria-sets/%d/criteria", fx.Set2)
	criterion := map[string]any{"code": "1.2", "title": "Tỷ lệ hoàn thành kế hoạch", "measure": "percent", "max_score": 2, "parent_id": fx.Area2}
	add("POST /criteria-sets/:id/criteria", badGeneric(Admin, "POST", s2, criterion), []badCase{
		{name: "no code", as: Admin, method: "POST", path: s2, body: badWith(criterion, "code", nil), status: 422, field: "code", code: "required"},
		{name: "code one past 20", as: Admin, method: "POST", path: s2, body: badWith(criterion, "code", strings.Repeat("9", 21)), status: 422, field: "code", code: "max"},
		{name: "title one past 1000", as: Admin, method: "POST", path: s2, body: badWith(criterion, "title", badOver(1000)), status: 422, field: "title", code: "max"},
		{name: "unknown measure", as: Admin, method: "POST", path: s2, body: badWith(criterion, "measure", "boolean"), status: 422, field: "measure", code: "oneof"},
		{name: "negative max score", as: Admin, method: "POST", path: s2, body: badWith(criterion, "max_score", -1), status: 422, field: "max_score", code: "gte"},
		{name: "max score past 1000", as: Admin, method: "POST", path: s2, body: badWith(criterion, "max_score", 1000.5), status: 422, field: "max_score", code: "lte"},
		{name: "negative sort order", as: Admin, method: "POST", path: s2, body: badWith(criterion, "sort_order", -1), status: 422, field: "sort_order", code: "gte"},
		{name: "no such parent", as: Admin, method: "POST", path: s2, body: badWith(criterion, "parent_id", 999999), status: 422, field: "parent_id", code: "not_found"},
		{name: "parent in another set", as: Admin, method: "POST", path: s2, body: badWith(criterion, "parent_id", crit["1"]), status: 422, field: "parent_id", code: "not_found"},
		{name: "scored area", as: Admin, method: "POST", path: s2, body: badWith(criterion, "measure", "area", "parent_id", nil), status: 422, field: "max_score", code: "area_not_assessable"},
		{name: "duplicate code", as: Admin, method: "POST", path: s2, body: badWith(criterion, "code", "1.1"), status: 409, field: "code", code: "unique"},
		{name: "set in use", as: Admin, method: "POST", path: P("criteria-sets/%d/criteria", w.SetID), body: badWith(criterion, "parent_id", nil), status: 409},
		{name: "no such set", as: Admin, method: "POST", path: "criteria-sets/999999/criteria", body: badWith(criterion, "parent_id", nil), status: 404},
		{name: "inspector", as: Inspector, method: "POST", path: s2, body: criterion, status: 403},
	})
	c2 := P("criteria/%d", fx.Crit2)
	var setBody struct {
		Criteria []struct {
			ID      int64 `json:"id"`
			Version int   `json:"version"`
		} `json:"criteria"`
	}
	apitest.Expect(fx.t, e.Do(Admin, "GET", P("criteria-sets/%d", fx.Set2), nil), 200).JSON(fx.t, &setBody)
	critV := 0
	for _, c := range setBody.Criteria {
		if c.ID == fx.Crit2 {
			critV = c.Version
		}
	}
	critUpd := map[string]any{"version": critV, "title": "Kế hoạch CCHC năm (sửa)"}
	add("PATCH /criteria/:id", badGeneric(Admin, "PATCH", c2, critUpd), []badCase{
		{name: "empty title", as: Admin, method: "PATCH", path: c2, body: badWith(critUpd, "title", ""), status: 422, field: "title", code: "min"},
		{name: "unknown measure", as: Admin, method: "PATCH", path: c2, body: badWith(critUpd, "measure", "bool"), status: 422, field: "measure", code: "oneof"},
		{name: "max score past 1000", as: Admin, method: "PATCH", path: c2, body: badWith(critUpd, "max_score", 1001), status: 422, field: "max_score", code: "lte"},
		{name: "its own parent", as: Admin, method: "PATCH", path: c2, body: badWith(critUpd, "parent_id", fx.Crit2), status: 422, field: "parent_id", code: "self"},
		{name: "scored criterion made an area", as: Admin, method: "PATCH", path: c2, body: badWith(critUpd, "measure", "area"), status: 422, field: "max_score", code: "area_not_assessable"},
		{name: "duplicate code", as: Admin, method: "PATCH", path: c2, body: badWith(critUpd, "code", "1"), status: 409, field: "code", code: "unique"},
		{name: "stale version", as: Admin, method: "PATCH", path: c2, body: badWith(critUpd, "version", critV+1), status: 409},
		{name: "no version", as: Admin, method: "PATCH", path: c2, body: badWith(critUpd, "version", nil), status: 422, field: "version", code: "required"},
		{name: "criterion of a set in use", as: Admin, method: "PATCH", path: P("criteria/%d", crit["1.3"]), body: map[string]any{"version": 1, "title": "Tuyên truyền"}, status: 409},
		{name: "inspector", as: Inspector, method: "PATCH", path: c2, body: critUpd, status: 403},
		{name: "no such criterion", as: Admin, method: "PATCH", path: "criteria/999999", body: critUpd, status: 404},
	})

	// Plans.
	plan := map[string]any{"year": 2020, "title": "Kế hoạch kiểm tra CCHC năm 2020", "status": "draft"}
	add("POST /plans", badGeneric(Inspector, "POST", "plans", plan), []badCase{
		{name: "no year", as: Inspector, method: "POST", path: "plans", body: badWith(plan, "year", nil), status: 422, field: "year", code: "required"},
		{name: "year before 2000", as: Inspector, method: "POST", path: "plans", body: badWith(plan, "year", 1999), status: 422, field: "year", code: "gte"},
		{name: "year a fraction", as: Inspector, method: "POST", path: "plans", body: badWith(plan, "year", 2020.5), status: 400, field: "year", code: "type"},
		{name: "no title", as: Inspector, method: "POST", path: "plans", body: badWith(plan, "title", nil), status: 422, field: "title", code: "required"},
		{name: "title one past 500", as: Inspector, method: "POST", path: "plans", body: badWith(plan, "title", badOver(500)), status: 422, field: "title", code: "max"},
		{name: "decision number one past 100", as: Inspector, method: "POST", path: "plans", body: badWith(plan, "decision_no", badOver(100)), status: 422, field: "decision_no", code: "max"},
		{name: "issuer one past 300", as: Inspector, method: "POST", path: "plans", body: badWith(plan, "issued_by", badOver(300)), status: 422, field: "issued_by", code: "max"},
		{name: "unknown status", as: Inspector, method: "POST", path: "plans", body: badWith(plan, "status", "final"), status: 422, field: "status", code: "oneof"},
		{name: "date not YYYY-MM-DD", as: Inspector, method: "POST", path: "plans", body: badWith(plan, "issued_on", "15/01/2020"), status: 400},
		{name: "leader", as: Leader, method: "POST", path: "plans", body: plan, status: 403},
		{name: "officer", as: Officer, method: "POST", path: "plans", body: plan, status: 403},
	})
	pl := P("plans/%d", w.PlanID)
	plV := fx.version(pl)
	planUpd := map[string]any{"version": plV, "title": "Kế hoạch kiểm tra CCHC năm 2019 (sửa đổi)"}
	add("PATCH /plans/:id", badGeneric(Inspector, "PATCH", pl, planUpd), []badCase{
		{name: "year of a plan with visits", as: Inspector, method: "PATCH", path: pl, body: badWith(planUpd, "year", 2020), status: 422, field: "year", code: "plan_has_visits"},
		{name: "empty title", as: Inspector, method: "PATCH", path: pl, body: badWith(planUpd, "title", ""), status: 422, field: "title", code: "min"},
		{name: "unknown status", as: Inspector, method: "PATCH", path: pl, body: badWith(planUpd, "status", "approved"), status: 422, field: "status", code: "oneof"},
		{name: "29 February 2019", as: Inspector, method: "PATCH", path: pl, body: badWith(planUpd, "issued_on", "2019-02-29"), status: 400},
		{name: "decision number one past 100", as: Inspector, method: "PATCH", path: pl, body: badWith(planUpd, "decision_no", badOver(100)), status: 422, field: "decision_no", code: "max"},
		{name: "stale version", as: Inspector, method: "PATCH", path: pl, body: badWith(planUpd, "version", plV+1), status: 409},
		{name: "stale If-Match", as: Inspector, method: "PATCH", path: pl, body: badWith(planUpd, "version", nil), header: map[string]string{"If-Match": `"99"`}, status: 409},
		{name: "no version", as: Inspector, method: "PATCH", path: pl, body: badWith(planUpd, "version", nil), status: 422, field: "version", code: "required"},
		{name: "leader", as: Leader, method: "PATCH", path: pl, body: planUpd, status: 403},
		{name: "officer", as: Officer, method: "PATCH", path: pl, body: planUpd, status: 403},
	})

	// Visits and their teams.
	visit := map[string]any{"plan_id": w.PlanID, "agency_id": e.Agency.ID, "criteria_set_id": w.SetID, "scheduled_on": "2019-10-10", "kind": "on_site"}
	reps := make([]map[string]any, 21)
	for i := range reps {
		reps[i] = map[string]any{"full_name": fmt.Sprintf("Đại diện %d", i+1)}
	}
	add("POST /visits", badGeneric(Inspector, "POST", "visits", visit), []badCase{
		{name: "no plan", as: Inspector, method: "POST", path: "visits", body: badWith(visit, "plan_id", nil), status: 422, field: "plan_id", code: "required"},
		{name: "no such plan", as: Inspector, method: "POST", path: "visits", body: badWith(visit, "plan_id", 999999), status: 422, field: "plan_id", code: "not_found"},
		{name: "no such agency", as: Inspector, method: "POST", path: "visits", body: badWith(visit, "agency_id", 999999), status: 422, field: "agency_id", code: "not_found"},
		{name: "inactive agency", as: Inspector, method: "POST", path: "visits", body: badWith(visit, "agency_id", fx.Inactive), status: 422, field: "agency_id", code: "inactive"},
		{name: "empty criteria set", as: Inspector, method: "POST", path: "visits", body: badWith(visit, "criteria_set_id", fx.EmptySet), status: 422, field: "criteria_set_id", code: "empty_set"},
		{name: "unknown kind", as: Inspector, method: "POST", path: "visits", body: badWith(visit, "kind", "onsite"), status: 422, field: "kind", code: "oneof"},
		{name: "date not YYYY-MM-DD", as: Inspector, method: "POST", path: "visits", body: badWith(visit, "scheduled_on", "26/09/2019"), status: 400},
		{name: "location one past 500", as: Inspector, method: "POST", path: "visits", body: badWith(visit, "location", badOver(500)), status: 422, field: "location", code: "max"},
		{name: "decision number one past 100", as: Inspector, method: "POST", path: "visits", body: badWith(visit, "decision_no", badOver(100)), status: 422, field: "decision_no", code: "max"},
		{name: "21 representatives", as: Inspector, method: "POST", path: "visits", body: badWith(visit, "agency_representatives", reps), status: 422, field: "agency_representatives", code: "max"},
		{name: "representative without a name", as: Inspector, method: "POST", path: "visits", body: badWith(visit, "agency_representatives", []map[string]any{{"title": "Phó Giám đốc"}}),
			status: 422, field: "agency_representatives[0].full_name", code: "required"},
		{name: "plan_id a string", as: Inspector, method: "POST", path: "visits", body: badWith(visit, "plan_id", "1"), status: 400, field: "plan_id", code: "type"},
		{name: "leader", as: Leader, method: "POST", path: "visits", body: visit, status: 403},
		{name: "officer", as: Officer, method: "POST", path: "visits", body: visit, status: 403},
	})
	v1, v2 := P("visits/%d", fx.V1), P("visits/%d", fx.V2)
	v1V, v2V := fx.version(v1), fx.version(v2)
	visitUpd := map[string]any{"version": v1V, "location": "Trụ sở Sở Khoa học và Công nghệ"}
	add("PATCH /visits/:id", badGeneric(Inspector, "PATCH", v1, visitUpd), []badCase{
		{name: "approved by an edit", as: Inspector, method: "PATCH", path: v1, body: badWith(visitUpd, "status", "approved"), status: 409},
		{name: "back to planned", as: Inspector, method: "PATCH", path: v1, body: badWith(visitUpd, "status", "planned"), status: 409},
		{name: "unknown status", as: Inspector, method: "PATCH", path: v1, body: badWith(visitUpd, "status", "finished"), status: 422, field: "status", code: "oneof"},
		{name: "unknown kind", as: Inspector, method: "PATCH", path: v1, body: badWith(visitUpd, "kind", "remote"), status: 422, field: "kind", code: "oneof"},
		{name: "30 February", as: Inspector, method: "PATCH", path: v1, body: badWith(visitUpd, "visited_on", "2019-02-30"), status: 400},
		{name: "representative without a name", as: Inspector, method: "PATCH", path: v1, body: badWith(visitUpd, "agency_representatives", []map[string]any{{"title": "Phó Giám đốc"}}),
			status: 422, field: "agency_representatives[0].full_name", code: "required"},
		{name: "another set with findings", as: Inspector, method: "PATCH", path: v1, body: badWith(visitUpd, "criteria_set_id", fx.Set2), status: 422, field: "criteria_set_id", code: "has_findings"},
		{name: "no such set", as: Inspector, method: "PATCH", path: v1, body: badWith(visitUpd, "criteria_set_id", 999999), status: 422, field: "criteria_set_id", code: "not_found"},
		{name: "submitted visit", as: Inspector, method: "PATCH", path: v2, body: badWith(visitUpd, "version", v2V), status: 409},
		{name: "stale version", as: Inspector, method: "PATCH", path: v1, body: badWith(visitUpd, "version", v1V+1), status: 409},
		{name: "no version", as: Inspector, method: "PATCH", path: v1, body: badWith(visitUpd, "version", nil), status: 422, field: "version", code: "required"},
		{name: "inspector not on the team", as: Inspector2, method: "PATCH", path: v1, body: visitUpd, status: 403},
		{name: "leader", as: Leader, method: "PATCH", path: v1, body: visitUpd, status: 403},
		{name: "officer", as: Officer, method: "PATCH", path: v1, body: visitUpd, status: 403},
	})
	team := P("visits/%d/team", fx.V1)
	lead := map[string]any{"user_id": e.Users[Inspector].ID, "role": "lead"}
	secretary := map[string]any{"full_name": "Nguyễn Thu Trang", "title": "Chuyên viên Sở Nội vụ", "role": "secretary"}
	teamBody := map[string]any{"version": v1V, "members": []map[string]any{lead, secretary}}
	members := func(ms ...map[string]any) map[string]any { return badWith(teamBody, "members", ms) }
	many := make([]map[string]any, 31)
	many[0] = lead
	for i := 1; i < len(many); i++ {
		many[i] = map[string]any{"full_name": fmt.Sprintf("Thành viên %d", i), "role": "member"}
	}
	teamGeneric := badGeneric(Inspector, "PUT", team, teamBody)
	for i := range teamGeneric {
		if teamGeneric[i].name == "array for an object" { // a bare list is allowed: make it a string
			teamGeneric[i].name, teamGeneric[i].body = "string for an object", badRaw(`"Lê Đình Tuyên"`)
		}
	}
	add("PUT /visits/:id/team", teamGeneric, []badCase{
		{name: "second lead", as: Inspector, method: "PUT", path: team, body: members(lead, badWith(secretary, "role", "lead")), status: 422},
		{name: "no lead", as: Inspector, method: "PUT", path: team, body: members(badWith(lead, "role", "member"), secretary), status: 422},
		{name: "same user twice", as: Inspector, method: "PUT", path: team, body: members(lead, badWith(lead, "role", "member")), status: 422},
		{name: "unknown role", as: Inspector, method: "PUT", path: team, body: members(badWith(lead, "role", "chief")), status: 422, field: "members[0].role", code: "oneof"},
		{name: "member without a name", as: Inspector, method: "PUT", path: team, body: members(lead, map[string]any{"role": "member"}),
			status: 422, field: "members[1].full_name", code: "required_without"},
		{name: "no such user", as: Inspector, method: "PUT", path: team, body: members(badWith(lead, "user_id", 999999)), status: 422, field: "members[0].user_id", code: "not_found"},
		{name: "officer on the team", as: Inspector, method: "PUT", path: team, body: members(lead, map[string]any{"user_id": e.Users[Officer].ID, "role": "member"}),
			status: 422, field: "members[1].user_id", code: "not_inspector"},
		{name: "no members", as: Inspector, method: "PUT", path: team, body: map[string]any{"version": v1V}, status: 422, field: "members", code: "required"},
		{name: "31 members", as: Inspector, method: "PUT", path: team, body: members(many...), status: 422, field: "members", code: "max"},
		{name: "name one past 200", as: Inspector, method: "PUT", path: team, body: members(lead, badWith(secretary, "full_name", badOver(200))), status: 422, field: "members[1].full_name", code: "max"},
		{name: "bare list without If-Match", as: Inspector, method: "PUT", path: team, body: []map[string]any{lead, secretary}, status: 422, field: "version", code: "required"},
		{name: "submitted visit", as: Inspector, method: "PUT", path: P("visits/%d/team", fx.V2), body: badWith(teamBody, "version", v2V), status: 409},
		{name: "stale version", as: Inspector, method: "PUT", path: team, body: badWith(teamBody, "version", v1V+1), status: 409},
		{name: "inspector not on the team", as: Inspector2, method: "PUT", path: team, body: badWith(teamBody, "members",
			[]map[string]any{{"user_id": e.Users[Inspector2].ID, "role": "lead"}}), status: 403},
		{name: "leader", as: Leader, method: "PUT", path: team, body: teamBody, status: 403},
		{name: "officer", as: Officer, method: "PUT", path: team, body: teamBody, status: 403},
	})

	// Findings.
	findings := P("visits/%d/findings", fx.V1)
	finding := map[string]any{"criterion_id": crit["3.3"], "rating": "good", "value": 95}
	add("POST /visits/:id/findings", badGeneric(Inspector, "POST", findings, finding), []badCase{
		{name: "yes-no criterion given 2", as: Inspector, method: "POST", path: findings, body: map[string]any{"criterion_id": crit["1.1"], "value": 2},
			status: 422, field: "value", code: "yes_no", msg: "0 hoặc 1"},
		{name: "percent criterion given 150", as: Inspector, method: "POST", path: findings, body: badWith(finding, "value", 150), status: 422, field: "value", code: "percent"},
		{name: "percent criterion given 150 (English)", as: Inspector, method: "POST", path: findings, body: badWith(finding, "value", 150), lang: "en",
			status: 422, field: "value", code: "percent", msg: "between 0 and 100"},
		{name: "count given a fraction", as: Inspector, method: "POST", path: findings, body: map[string]any{"criterion_id": crit["3.4"], "value": 2.5}, status: 422, field: "value", code: "count"},
		{name: "negative count", as: Inspector, method: "POST", path: findings, body: map[string]any{"criterion_id": crit["3.4"], "value": -1}, status: 422, field: "value", code: "count"},
		{name: "score above the criterion's max", as: Inspector, method: "POST", path: findings, body: map[string]any{"criterion_id": crit["3.5"], "score": 2.5},
			status: 422, field: "score", code: "max_score"},
		{name: "self score above the criterion's max (English)", as: Inspector, method: "POST", path: findings, body: map[string]any{"criterion_id": crit["3.5"], "self_score": 3},
			lang: "en", status: 422, field: "self_score", code: "max_score", msg: "maximum score (2)"},
		{name: "negative score", as: Inspector, method: "POST", path: findings, body: badWith(finding, "score", -1), status: 422, field: "score", code: "gte"},
		{name: "value for a text criterion", as: Inspector, method: "POST", path: findings, body: map[string]any{"criterion_id": crit["7.3"], "value": 1}, status: 422, field: "value", code: "text_measure"},
		{name: "score for an unscored criterion", as: Inspector, method: "POST", path: findings, body: map[string]any{"criterion_id": crit["7.3"], "score": 1}, status: 422, field: "score", code: "no_max_score"},
		{name: "area heading", as: Inspector, method: "POST", path: findings, body: map[string]any{"criterion_id": crit["3"], "note": "Tốt"}, status: 422, field: "criterion_id", code: "area_not_assessable"},
		{name: "criterion of another set", as: Inspector, method: "POST", path: findings, body: badWith(finding, "criterion_id", fx.Crit2), status: 422, field: "criterion_id", code: "not_in_set"},
		{name: "second finding on a criterion", as: Inspector, method: "POST", path: findings, body: map[string]any{"criterion_id": crit["1.3"], "score": 1}, status: 409, field: "criterion_id", code: "unique"},
		{name: "unknown rating", as: Inspector, method: "POST", path: findings, body: badWith(finding, "rating", "excellent"), status: 422, field: "rating", code: "oneof"},
		{name: "note one past 10000", as: Inspector, method: "POST", path: findings, body: badWith(finding, "note", badOver(10000)), status: 422, field: "note", code: "max"},
		{name: "no criterion", as: Inspector, method: "POST", path: findings, body: badWith(finding, "criterion_id", nil), status: 422, field: "criterion_id", code: "required"},
		{name: "criterion_id a string", as: Inspector, method: "POST", path: findings, body: badWith(finding, "criterion_id", "5"), status: 400, field: "criterion_id", code: "type"},
		{name: "value NaN as a string", as: Inspector, method: "POST", path: findings, body: badWith(finding, "value", "NaN"), status: 400, field: "value", code: "type"},
		{name: "value past float64", as: Inspector, method: "POST", path: findings, body: badRaw(`{"criterion_id":` + fmt.Sprint(crit["3.3"]) + `,"value":1e400}`), status: 400, field: "value", code: "type"},
		{name: "submitted visit", as: Inspector, method: "POST", path: P("visits/%d/findings", fx.V2), body: finding, status: 409},
		{name: "leader", as: Leader, method: "POST", path: findings, body: finding, status: 403},
		{name: "inspector not on the team", as: Inspector2, method: "POST", path: findings, body: finding, status: 403},
		{name: "officer sends the team's value", as: Officer, method: "POST", path: findings, body: finding, status: 403},
		{name: "officer on another agency's visit", as: Officer, method: "POST", path: P("visits/%d/findings", fx.V4), body: map[string]any{"criterion_id": crit["3.3"], "self_score": 1}, status: 404},
	})
	f1 := P("findings/%d", fx.F1)
	f1V := fx.version(f1)
	findingUpd := map[string]any{"version": f1V, "note": "Đa dạng hóa hình thức tuyên truyền"}
	add("PATCH /findings/:id", badGeneric(Inspector, "PATCH", f1, findingUpd), []badCase{
		{name: "score above the criterion's max", as: Inspector, method: "PATCH", path: f1, body: badWith(findingUpd, "score", 5), status: 422, field: "score", code: "max_score"},
		{name: "value above the criterion's max", as: Inspector, method: "PATCH", path: f1, body: badWith(findingUpd, "value", 2), status: 422, field: "value", code: "max_score"},
		{name: "negative score", as: Inspector, method: "PATCH", path: f1, body: badWith(findingUpd, "score", -0.5), status: 422, field: "score", code: "gte"},
		{name: "unknown rating", as: Inspector, method: "PATCH", path: f1, body: badWith(findingUpd, "rating", "great"), status: 422, field: "rating", code: "oneof"},
		{name: "note one past 10000", as: Inspector, method: "PATCH", path: f1, body: badWith(findingUpd, "note", badOver(10000)), status: 422, field: "note", code: "max"},
		{name: "stale version", as: Inspector, method: "PATCH", path: f1, body: badWith(findingUpd, "version", f1V+1), status: 409},
		{name: "no version", as: Inspector, method: "PATCH", path: f1, body: badWith(findingUpd, "version", nil), status: 422, field: "version", code: "required"},
		{name: "finding of a submitted visit", as: Inspector, method: "PATCH", path: P("findings/%d", fx.F2), body: badWith(findingUpd, "version", fx.version(P("findings/%d", fx.F2))), status: 409},
		{name: "inspector not on the team", as: Inspector2, method: "PATCH", path: f1, body: findingUpd, status: 403},
		{name: "leader", as: Leader, method: "PATCH", path: f1, body: findingUpd, status: 403},
		{name: "officer changes the team's note", as: Officer, method: "PATCH", path: f1, body: findingUpd, status: 403},
		{name: "officer on another agency's finding", as: Officer, method: "PATCH", path: P("findings/%d", fx.F4), body: map[string]any{"version": 1, "self_score": 1}, status: 404},
	})
	add("DELETE /findings/:id", badDeletes(f1, f1V, Inspector), []badCase{
		{name: "inspector not on the team", as: Inspector2, method: "DELETE", path: P("%s?version=%d", f1, f1V), status: 403},
		{name: "leader", as: Leader, method: "DELETE", path: P("%s?version=%d", f1, f1V), status: 403},
		{name: "officer", as: Officer, method: "DELETE", path: P("%s?version=%d", f1, f1V), status: 403},
		{name: "finding of a submitted visit", as: Inspector, method: "DELETE", path: P("findings/%d?version=%d", fx.F2, fx.version(P("findings/%d", fx.F2))), status: 409},
		{name: "no such finding", as: Inspector, method: "DELETE", path: "findings/999999?version=1", status: 404},
	})

	// Figures.
	ps := P("visits/%d/procedure-stats", fx.V1)
	psV := fx.version(ps)
	procs := map[string]any{"version": psV, "procedures_total": 120, "online_full": 35, "online_partial": 40, "one_stop_shop": true,
		"interagency_one_stop_shop": true, "files_received": 500, "files_on_time": 470, "files_early": 10, "files_late": 5, "files_pending": 10, "apology_letters": 5}
	add("PUT /visits/:id/procedure-stats", badGeneric(Inspector, "PUT", ps, procs), []badCase{
		{name: "more on-time files than received", as: Inspector, method: "PUT", path: ps, body: badWith(procs, "files_on_time", 501), status: 422, field: "files_on_time", code: "exceeds_files_received"},
		{name: "more on-time files than received (English)", as: Inspector, method: "PUT", path: ps, body: badWith(procs, "files_on_time", 600), lang: "en",
			status: 422, field: "files_on_time", code: "exceeds_files_received", msg: "more files than were received"},
		{name: "more online services than procedures", as: Inspector, method: "PUT", path: ps, body: badWith(procs, "online_full", 81), status: 422, field: "online_full", code: "exceeds_procedures_total",
			msg: "dịch vụ công trực tuyến"},
		{name: "more online files than received", as: Inspector, method: "PUT", path: ps, body: badWith(procs, "files_online", 501), status: 422, field: "files_online", code: "exceeds_files_received"},
		{name: "negative files received", as: Inspector, method: "PUT", path: ps, body: badWith(procs, "files_received", -1), status: 422, field: "files_received", code: "gte"},
		{name: "negative apology letters", as: Inspector, method: "PUT", path: ps, body: badWith(procs, "apology_letters", -3), status: 422, field: "apology_letters", code: "gte"},
		{name: "procedures past 100000", as: Inspector, method: "PUT", path: ps, body: badWith(procs, "procedures_total", 100001), status: 422, field: "procedures_total", code: "lte"},
		{name: "count past int64", as: Inspector, method: "PUT", path: ps, body: badRaw(strings.Replace(badJSON(procs), `"files_received":500`, `"files_received":1e20`, 1)), status: 400},
		{name: "no version once recorded", as: Inspector, method: "PUT", path: ps, body: badWith(procs, "version", nil), status: 422, field: "version", code: "required"},
		{name: "stale version", as: Inspector, method: "PUT", path: ps, body: badWith(procs, "version", psV+1), status: 409},
		{name: "version a string", as: Inspector, method: "PUT", path: ps, body: badWith(procs, "version", "1"), status: 400, field: "version", code: "type"},
		{name: "submitted visit", as: Inspector, method: "PUT", path: P("visits/%d/procedure-stats", fx.V2), body: badWith(procs, "version", nil), status: 409},
		{name: "leader", as: Leader, method: "PUT", path: ps, body: procs, status: 403},
		{name: "officer", as: Officer, method: "PUT", path: ps, body: procs, status: 403},
		{name: "inspector not on the team", as: Inspector2, method: "PUT", path: ps, body: procs, status: 403},
	})
	ss := P("visits/%d/staffing-stats", fx.V1)
	ssV := fx.version(ss)
	staff := map[string]any{"version": ssV, "deputies_actual": 4, "deputies_max": 3, "quota_assigned": 40, "staff_present": 41, "job_positions_approved": false}
	add("PUT /visits/:id/staffing-stats", badGeneric(Inspector, "PUT", ss, staff), []badCase{
		{name: "negative deputies", as: Inspector, method: "PUT", path: ss, body: badWith(staff, "deputies_actual", -1), status: 422, field: "deputies_actual", code: "gte"},
		{name: "deputies maximum past 1000", as: Inspector, method: "PUT", path: ss, body: badWith(staff, "deputies_max", 1001), status: 422, field: "deputies_max", code: "lte"},
		{name: "negative quota", as: Inspector, method: "PUT", path: ss, body: badWith(staff, "quota_assigned", -5), status: 422, field: "quota_assigned", code: "gte"},
		{name: "staff past 1000000", as: Inspector, method: "PUT", path: ss, body: badWith(staff, "staff_present", 1000001), status: 422, field: "staff_present", code: "lte"},
		{name: "no version once recorded", as: Inspector, method: "PUT", path: ss, body: badWith(staff, "version", nil), status: 422, field: "version", code: "required"},
		{name: "stale version", as: Inspector, method: "PUT", path: ss, body: badWith(staff, "version", ssV+1), status: 409},
		{name: "stale If-Match", as: Inspector, method: "PUT", path: ss, body: badWith(staff, "version", nil), header: map[string]string{"If-Match": `"9"`}, status: 409},
		{name: "version a string", as: Inspector, method: "PUT", path: ss, body: badWith(staff, "version", "2"), status: 400, field: "version", code: "type"},
		{name: "submitted visit", as: Inspector, method: "PUT", path: P("visits/%d/staffing-stats", fx.V2), body: badWith(staff, "version", nil), status: 409},
		{name: "leader", as: Leader, method: "PUT", path: ss, body: staff, status: 403},
		{name: "officer", as: Officer, method: "PUT", path: ss, body: staff, status: 403},
		{name: "inspector not on the team", as: Inspector2, method: "PUT", path: ss, body: staff, status: 403},
	})

	// Shortcomings.
	scs := P("visits/%d/shortcomings", fx.V1)
	sc := map[string]any{"criterion_id": crit["1.5"], "description": "Báo cáo CCHC chưa nêu rõ số liệu so với kế hoạch", "severity": "minor"}
	add("POST /visits/:id/shortcomings", badGeneric(Inspector, "POST", scs, sc), []badCase{
		{name: "no description", as: Inspector, method: "POST", path: scs, body: badWith(sc, "description", nil), status: 422, field: "description", code: "required"},
		{name: "description one past 5000", as: Inspector, method: "POST", path: scs, body: badWith(sc, "description", badOver(5000)), status: 422, field: "description", code: "max"},
		{name: "cause one past 5000", as: Inspector, method: "POST", path: scs, body: badWith(sc, "cause", badOver(5000)), status: 422, field: "cause", code: "max"},
		{name: "unknown severity", as: Inspector, method: "POST", path: scs, body: badWith(sc, "severity", "critical"), status: 422, field: "severity", code: "oneof"},
		{name: "criterion zero", as: Inspector, method: "POST", path: scs, body: badWith(sc, "criterion_id", 0), status: 422, field: "criterion_id", code: "gt"},
		{name: "criterion of another set", as: Inspector, method: "POST", path: scs, body: badWith(sc, "criterion_id", fx.Crit2), status: 422, field: "criterion_id", code: "not_in_set"},
		{name: "criterion_id a string", as: Inspector, method: "POST", path: scs, body: badWith(sc, "criterion_id", "1.5"), status: 400, field: "criterion_id", code: "type"},
		{name: "submitted visit", as: Inspector, method: "POST", path: P("visits/%d/shortcomings", fx.V2), body: sc, status: 409},
		{name: "no such visit", as: Inspector, method: "POST", path: "visits/999999/shortcomings", body: sc, status: 404},
		{name: "leader", as: Leader, method: "POST", path: scs, body: sc, status: 403},
		{name: "inspector not on the team", as: Inspector2, method: "POST", path: scs, body: sc, status: 403},
		{name: "officer", as: Officer, method: "POST", path: scs, body: sc, status: 403},
	})
	sc1 := P("shortcomings/%d", fx.SC1)
	sc1V := fx.version(sc1)
	scUpd := map[string]any{"version": sc1V, "severity": "major"}
	add("PATCH /shortcomings/:id", badGeneric(Inspector, "PATCH", sc1, scUpd), []badCase{
		{name: "empty description", as: Inspector, method: "PATCH", path: sc1, body: badWith(scUpd, "description", ""), status: 422, field: "description", code: "min"},
		{name: "description one past 5000", as: Inspector, method: "PATCH", path: sc1, body: badWith(scUpd, "description", badOver(5000)), status: 422, field: "description", code: "max"},
		{name: "unknown severity", as: Inspector, method: "PATCH", path: sc1, body: badWith(scUpd, "severity", "low"), status: 422, field: "severity", code: "oneof"},
		{name: "criterion of another set", as: Inspector, method: "PATCH", path: sc1, body: badWith(scUpd, "criterion_id", fx.Crit2), status: 422, field: "criterion_id", code: "not_in_set"},
		{name: "criterion zero", as: Inspector, method: "PATCH", path: sc1, body: badWith(scUpd, "criterion_id", 0), status: 422, field: "criterion_id", code: "not_in_set"},
		{name: "stale version", as: Inspector, method: "PATCH", path: sc1, body: badWith(scUpd, "version", sc1V+1), status: 409},
		{name: "no version", as: Inspector, method: "PATCH", path: sc1, body: badWith(scUpd, "version", nil), status: 422, field: "version", code: "required"},
		{name: "shortcoming of a submitted visit", as: Inspector, method: "PATCH", path: P("shortcomings/%d", fx.SC2), body: badWith(scUpd, "version", fx.version(P("shortcomings/%d", fx.SC2))), status: 409},
		{name: "inspector not on the team", as: Inspector2, method: "PATCH", path: sc1, body: scUpd, status: 403},
		{name: "leader", as: Leader, method: "PATCH", path: sc1, body: scUpd, status: 403},
		{name: "officer", as: Officer, method: "PATCH", path: sc1, body: scUpd, status: 403},
	})
	add("DELETE /shortcomings/:id", badDeletes(sc1, sc1V, Inspector), []badCase{
		{name: "shortcoming with an action", as: Inspector, method: "DELETE", path: P("%s?version=%d", sc1, sc1V), status: 409},
		{name: "inspector not on the team", as: Inspector2, method: "DELETE", path: P("%s?version=%d", sc1, sc1V), status: 403},
		{name: "leader", as: Leader, method: "DELETE", path: P("%s?version=%d", sc1, sc1V), status: 403},
		{name: "officer", as: Officer, method: "DELETE", path: P("%s?version=%d", sc1, sc1V), status: 403},
		{name: "shortcoming of a submitted visit", as: Inspector, method: "DELETE", path: P("shortcomings/%d?version=%d", fx.SC2, fx.version(P("shortcomings/%d", fx.SC2))), status: 409},
		{name: "no such shortcoming", as: Inspector, method: "DELETE", path: "shortcomings/999999?version=1", status: 404},
	})

	// Actions.
	acts := P("shortcomings/%d/actions", fx.SC1)
	act := map[string]any{"description": "Ban hành kế hoạch CCHC điều chỉnh", "owner_name": "Văn phòng Sở", "due_on": "2019-11-30"}
	add("POST /shortcomings/:id/actions", badGeneric(Inspector, "POST", acts, act), []badCase{
		{name: "no description", as: Inspector, method: "POST", path: acts, body: badWith(act, "description", nil), status: 422, field: "description", code: "required"},
		{name: "description one past 5000", as: Inspector, method: "POST", path: acts, body: badWith(act, "description", badOver(5000)), status: 422, field: "description", code: "max"},
		{name: "owner name one past 300", as: Inspector, method: "POST", path: acts, body: badWith(act, "owner_name", badOver(300)), status: 422, field: "owner_name", code: "max"},
		{name: "due before the visit", as: Inspector, method: "POST", path: acts, body: badWith(act, "due_on", "2019-09-25"), status: 422, field: "due_on", code: "before_visit",
			msg: "2019-09-26"},
		{name: "due before the visit (English)", as: Inspector, method: "POST", path: acts, body: badWith(act, "due_on", "2019-01-01"), lang: "en", status: 422,
			field: "due_on", code: "before_visit", msg: "before the visit (2019-09-26)"},
		{name: "date without leading zeros", as: Inspector, method: "POST", path: acts, body: badWith(act, "due_on", "2019-9-30"), status: 400},
		{name: "no such owner agency", as: Inspector, method: "POST", path: acts, body: badWith(act, "owner_agency_id", 999999), status: 422, field: "owner_agency_id", code: "not_found"},
		{name: "owner agency zero", as: Inspector, method: "POST", path: acts, body: badWith(act, "owner_agency_id", 0), status: 422, field: "owner_agency_id", code: "gt"},
		{name: "shortcoming of a submitted visit", as: Inspector, method: "POST", path: P("shortcomings/%d/actions", fx.SC2), body: act, status: 409},
		{name: "no such shortcoming", as: Inspector, method: "POST", path: "shortcomings/999999/actions", body: act, status: 404},
		{name: "leader", as: Leader, method: "POST", path: acts, body: act, status: 403},
		{name: "inspector not on the team", as: Inspector2, method: "POST", path: acts, body: act, status: 403},
		{name: "officer", as: Officer, method: "POST", path: acts, body: act, status: 403},
	})
	a1, a3 := P("actions/%d", fx.A1), P("actions/%d", fx.A3)
	a1V, a3V := fx.version(a1), fx.version(a3)
	actUpd := map[string]any{"version": a1V, "owner_name": "Văn phòng Sở KH&CN"}
	add("PATCH /actions/:id", badGeneric(Inspector, "PATCH", a1, actUpd), []badCase{
		{name: "started before approval", as: Inspector, method: "PATCH", path: a1, body: badWith(actUpd, "status", "in_progress"), status: 409},
		{name: "due before the visit", as: Inspector, method: "PATCH", path: a1, body: badWith(actUpd, "due_on", "2019-09-01"), status: 422, field: "due_on", code: "before_visit"},
		{name: "empty description", as: Inspector, method: "PATCH", path: a1, body: badWith(actUpd, "description", ""), status: 422, field: "description", code: "min"},
		{name: "unknown status", as: Inspector, method: "PATCH", path: a1, body: badWith(actUpd, "status", "done"), status: 422, field: "status", code: "oneof"},
		{name: "no such owner agency", as: Inspector, method: "PATCH", path: a1, body: badWith(actUpd, "owner_agency_id", 999999), status: 422, field: "owner_agency_id", code: "not_found"},
		{name: "stale version", as: Inspector, method: "PATCH", path: a1, body: badWith(actUpd, "version", a1V+1), status: 409},
		{name: "no version", as: Inspector, method: "PATCH", path: a1, body: badWith(actUpd, "version", nil), status: 422, field: "version", code: "required"},
		{name: "verified by an edit", as: Inspector, method: "PATCH", path: a3, body: map[string]any{"version": a3V, "status": "verified"}, status: 409},
		{name: "request of an approved conclusion", as: Inspector, method: "PATCH", path: a3, body: map[string]any{"version": a3V, "description": "Nội dung khác"}, status: 409},
		{name: "officer moves the deadline", as: Officer, method: "PATCH", path: a3, body: map[string]any{"version": a3V, "due_on": "2020-12-31"}, status: 403},
		{name: "officer on another agency's action", as: Officer, method: "PATCH", path: P("actions/%d", fx.A4), body: map[string]any{"version": 1, "status": "in_progress"}, status: 404},
		{name: "officer before approval", as: Officer, method: "PATCH", path: a1, body: map[string]any{"version": a1V, "status": "in_progress"}, status: 404},
		{name: "inspector not on the team", as: Inspector2, method: "PATCH", path: a1, body: actUpd, status: 403},
		{name: "leader", as: Leader, method: "PATCH", path: a1, body: actUpd, status: 403},
	})
	ups := P("actions/%d/updates", fx.A3)
	up := map[string]any{"note": "Đã ban hành kế hoạch CCHC điều chỉnh", "status": "in_progress"}
	add("POST /actions/:id/updates", badGeneric(Officer, "POST", ups, up), []badCase{
		{name: "neither note nor status", as: Officer, method: "POST", path: ups, body: map[string]any{}, status: 422, field: "note", code: "required_without"},
		{name: "verified by a report", as: Officer, method: "POST", path: ups, body: badWith(up, "status", "verified"), status: 422, field: "status", code: "oneof"},
		{name: "note one past 10000", as: Officer, method: "POST", path: ups, body: badWith(up, "note", badOver(10000)), status: 422, field: "note", code: "max"},
		{name: "status a number", as: Officer, method: "POST", path: ups, body: badWith(up, "status", 2), status: 400, field: "status", code: "type"},
		{name: "action before approval", as: Inspector, method: "POST", path: P("actions/%d/updates", fx.A1), body: up, status: 409},
		{name: "officer before approval", as: Officer, method: "POST", path: P("actions/%d/updates", fx.A1), body: up, status: 404},
		{name: "officer on another agency's action", as: Officer, method: "POST", path: P("actions/%d/updates", fx.A4), body: up, status: 404},
		{name: "no such action", as: Officer, method: "POST", path: "actions/999999/updates", body: up, status: 404},
		{name: "leader", as: Leader, method: "POST", path: ups, body: up, status: 403},
		{name: "inspector not on the team", as: Inspector2, method: "POST", path: ups, body: up, status: 403},
	})
	for _, step := range []string{"verify", "reopen"} {
		p := P("actions/%d/%s", fx.A3, step)
		note := map[string]any{"note": "Đã kiểm tra hồ sơ"}
		add("POST /actions/:id/"+step, badGeneric(Inspector, "POST", p, note), []badCase{
			{name: "open action", as: Inspector, method: "POST", path: p, status: 409},
			{name: "open action (English)", as: Inspector, method: "POST", path: p, body: note, lang: "en", status: 409, msg: "cannot go from open"},
			{name: "note one past 10000", as: Inspector, method: "POST", path: p, body: map[string]any{"note": badOver(10000)}, status: 422, field: "note", code: "max"},
			{name: "note a number", as: Inspector, method: "POST", path: p, body: map[string]any{"note": 1}, status: 400, field: "note", code: "type"},
			{name: "action before approval", as: Inspector, method: "POST", path: P("actions/%d/%s", fx.A1, step), status: 409},
			{name: "no such action", as: Inspector, method: "POST", path: P("actions/999999/%s", step), status: 404},
			{name: "leader", as: Leader, method: "POST", path: p, status: 403},
			{name: "officer", as: Officer, method: "POST", path: p, status: 403},
			{name: "inspector not on the team", as: Inspector2, method: "POST", path: p, status: 403},
			{name: "not signed in", as: Nobody, method: "POST", path: p, status: 401},
			{name: "cookie without CSRF token", as: Inspector, via: "nocsrf", method: "POST", path: p, status: 403},
		})
	}

	// Conclusions.
	con1 := P("visits/%d/conclusion", fx.V1)
	con1V := fx.version(con1)
	con2V := fx.version(P("visits/%d/conclusion", fx.V2))
	con := map[string]any{"version": con1V, "overall_result": "good", "document_no": "45/TB-SNV", "sign_prefix": "KT.",
		"recipients": []string{"Như trên", "Lưu: VT, CCHC"}}
	recips := make([]string, 51)
	for i := range recips {
		recips[i] = fmt.Sprintf("Nơi nhận %d", i+1)
	}
	add("PUT /visits/:id/conclusion", badGeneric(Inspector, "PUT", con1, con), []badCase{
		{name: "unknown overall result", as: Inspector, method: "PUT", path: con1, body: badWith(con, "overall_result", "outstanding"), status: 422, field: "overall_result", code: "oneof"},
		{name: "unknown signing prefix", as: Inspector, method: "PUT", path: con1, body: badWith(con, "sign_prefix", "GĐ."), status: 422, field: "sign_prefix", code: "oneof"},
		{name: "51 recipients", as: Inspector, method: "PUT", path: con1, body: badWith(con, "recipients", recips), status: 422, field: "recipients", code: "max"},
		{name: "recipient line one past 500", as: Inspector, method: "PUT", path: con1, body: badWith(con, "recipients", []string{badOver(500)}), status: 422, field: "recipients[0]", code: "max"},
		{name: "document number one past 100", as: Inspector, method: "PUT", path: con1, body: badWith(con, "document_no", badOver(100)), status: 422, field: "document_no", code: "max"},
		{name: "strengths one past 50000", as: Inspector, method: "PUT", path: con1, body: badWith(con, "strengths", badOver(50000)), status: 422, field: "strengths", code: "max"},
		{name: "month 13", as: Inspector, method: "PUT", path: con1, body: badWith(con, "issued_on", "2019-13-01"), status: 400},
		{name: "stale version", as: Inspector, method: "PUT", path: con1, body: badWith(con, "version", con1V+1), status: 409},
		{name: "no version", as: Inspector, method: "PUT", path: con1, body: badWith(con, "version", nil), status: 422, field: "version", code: "required"},
		{name: "submitted conclusion", as: Inspector, method: "PUT", path: P("visits/%d/conclusion", fx.V2), body: badWith(con, "version", con2V), status: 409},
		{name: "leader", as: Leader, method: "PUT", path: con1, body: con, status: 403},
		{name: "inspector not on the team", as: Inspector2, method: "PUT", path: con1, body: con, status: 403},
		{name: "officer", as: Officer, method: "PUT", path: con1, body: con, status: 403},
	})
	sub := P("visits/%d/conclusion/submit", fx.V1)
	add("POST /visits/:id/conclusion/submit", badGeneric(Inspector, "POST", sub, map[string]any{"version": con1V}), []badCase{
		{name: "no overall result", as: Inspector, method: "POST", path: sub, status: 422, field: "overall_result", code: "required"},
		{name: "no overall result (English)", as: Inspector, method: "POST", path: sub, lang: "en", status: 422, field: "overall_result", code: "required", msg: "overall_result: required."},
		{name: "team member who is not the lead", as: Inspector2, method: "POST", path: sub, status: 403},
		{name: "leader", as: Leader, method: "POST", path: sub, status: 403},
		{name: "officer", as: Officer, method: "POST", path: sub, status: 403},
		{name: "already submitted", as: Inspector, method: "POST", path: P("visits/%d/conclusion/submit", fx.V2), status: 409},
		{name: "approved", as: Inspector, method: "POST", path: P("visits/%d/conclusion/submit", fx.V3), status: 409},
		{name: "stale version", as: Inspector, method: "POST", path: sub, body: map[string]any{"version": con1V + 1}, status: 409},
		{name: "malformed If-Match", as: Inspector, method: "POST", path: sub, header: map[string]string{"If-Match": "abc"}, status: 422, field: "If-Match", code: "version"},
		{name: "no such visit", as: Inspector, method: "POST", path: "visits/999999/conclusion/submit", status: 404},
	})
	app := P("visits/%d/conclusion/approve", fx.V2)
	add("POST /visits/:id/conclusion/approve", badGeneric(Leader, "POST", app, map[string]any{"version": con2V}), []badCase{
		{name: "draft", as: Leader, method: "POST", path: P("visits/%d/conclusion/approve", fx.V1), status: 409},
		{name: "draft (English)", as: Leader, method: "POST", path: P("visits/%d/conclusion/approve", fx.V1), lang: "en", status: 409, msg: "Conclusion cannot go from draft to approved"},
		{name: "already approved", as: Leader, method: "POST", path: P("visits/%d/conclusion/approve", fx.V3), status: 409},
		{name: "inspector", as: Inspector, method: "POST", path: app, status: 403},
		{name: "officer", as: Officer, method: "POST", path: app, status: 403},
		{name: "stale version", as: Leader, method: "POST", path: app, body: map[string]any{"version": con2V + 1}, status: 409},
		{name: "stale If-Match", as: Leader, method: "POST", path: app, header: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, con2V+1)}, status: 409},
		{name: "If-Match zero", as: Leader, method: "POST", path: app, header: map[string]string{"If-Match": `"0"`}, status: 422, field: "If-Match", code: "version"},
		{name: "version a string", as: Leader, method: "POST", path: app, body: map[string]any{"version": "2"}, status: 400, field: "version", code: "type"},
		{name: "no such visit", as: Leader, method: "POST", path: "visits/999999/conclusion/approve", status: 404},
		{name: "not signed in", as: Nobody, method: "POST", path: app, status: 401},
		{name: "cookie without CSRF token", as: Leader, via: "nocsrf", method: "POST", path: app, status: 403},
	})
	ret := P("visits/%d/conclusion/return", fx.V2)
	retBody := map[string]any{"note": "Đề nghị bổ sung số liệu về tỷ lệ hồ sơ đúng hạn"}
	add("POST /visits/:id/conclusion/return", badGeneric(Leader, "POST", ret, retBody), []badCase{
		{name: "no note", as: Leader, method: "POST", path: ret, body: map[string]any{}, status: 422, field: "note", code: "required"},
		{name: "no note (English)", as: Leader, method: "POST", path: ret, body: map[string]any{}, lang: "en", status: 422, field: "note", code: "required", msg: "note: required."},
		{name: "note one past 10000", as: Leader, method: "POST", path: ret, body: badWith(retBody, "note", badOver(10000)), status: 422, field: "note", code: "max"},
		{name: "no body", as: Leader, method: "POST", path: ret, status: 415},
		{name: "draft", as: Leader, method: "POST", path: P("visits/%d/conclusion/return", fx.V1), body: retBody, status: 409},
		{name: "approved", as: Leader, method: "POST", path: P("visits/%d/conclusion/return", fx.V3), body: retBody, status: 409},
		{name: "stale version", as: Leader, method: "POST", path: ret, body: badWith(retBody, "version", con2V+1), status: 409},
		{name: "version a string", as: Leader, method: "POST", path: ret, body: badWith(retBody, "version", "1"), status: 400, field: "version", code: "type"},
		{name: "inspector", as: Inspector, method: "POST", path: ret, body: retBody, status: 403},
		{name: "officer", as: Officer, method: "POST", path: ret, body: retBody, status: 403},
		{name: "no such visit", as: Leader, method: "POST", path: "visits/999999/conclusion/return", body: retBody, status: 404},
	})

	// Attachments.
	upload := func(ownerType string, ownerID int64, name string, file []byte) *apitest.Multipart {
		return &apitest.Multipart{Fields: map[string]string{"owner_type": ownerType, "owner_id": fmt.Sprint(ownerID)}, FileName: name, File: file}
	}
	big := make([]byte, 20<<20+1)
	copy(big, badPNG)
	add("POST /attachments", []badCase{
		{name: "JSON body", as: Inspector, method: "POST", path: "attachments", body: badRaw(`{"owner_type":"visit","owner_id":1}`), status: 415},
		{name: "no content type", as: Inspector, method: "POST", path: "attachments", body: badRaw(`owner_type=visit`), ctype: "none", status: 415},
		{name: "broken multipart", as: Inspector, method: "POST", path: "attachments", body: badRaw("--x\r\nContent-Disposition: form-data; name=\"owner_type\"\r\n\r\nvisit"),
			ctype: "multipart/form-data; boundary=x", status: 400},
		{name: "no file", as: Inspector, method: "POST", path: "attachments", body: upload("visit", fx.V1, "", nil), status: 422, field: "file", code: "required"},
		{name: "owner_id not a number", as: Inspector, method: "POST", path: "attachments", body: &apitest.Multipart{Fields: map[string]string{"owner_type": "visit", "owner_id": "một"},
			FileName: "a.png", File: badPNG}, status: 400, field: "owner_id", code: "type"},
		{name: "text file", as: Inspector, method: "POST", path: "attachments", body: upload("visit", fx.V1, "ghi-chu.png", []byte("chỉ là văn bản, không phải ảnh")), status: 415},
		{name: "empty file", as: Inspector, method: "POST", path: "attachments", body: upload("visit", fx.V1, "rong.pdf", []byte{}), status: 415},
		{name: "file over 20 MiB", as: Inspector, method: "POST", path: "attachments", body: upload("visit", fx.V1, "lon.png", big), status: 413},
		{name: "no such finding", as: Inspector, method: "POST", path: "attachments", body: upload("finding", 999999, "a.png", badPNG), status: 422, field: "owner_id", code: "not_found"},
		{name: "submitted visit", as: Inspector, method: "POST", path: "attachments", body: upload("visit", fx.V2, "a.png", badPNG), status: 409},
		{name: "finding of a submitted visit", as: Inspector, method: "POST", path: "attachments", body: upload("finding", fx.F2, "a.png", badPNG), status: 409},
		{name: "leader", as: Leader, method: "POST", path: "attachments", body: upload("visit", fx.V1, "a.png", badPNG), status: 403},
		{name: "inspector not on the team", as: Inspector2, method: "POST", path: "attachments", body: upload("visit", fx.V1, "a.png", badPNG), status: 403},
		{name: "officer on its visit", as: Officer, method: "POST", path: "attachments", body: upload("visit", fx.V1, "a.png", badPNG), status: 403},
		{name: "officer on another agency's action", as: Officer, method: "POST", path: "attachments", body: upload("action", fx.A4, "a.png", badPNG), status: 422, field: "owner_id", code: "not_found"},
		{name: "not signed in", as: Nobody, method: "POST", path: "attachments", body: upload("visit", fx.V1, "a.png", badPNG), status: 401},
	})
	att1 := P("attachments/%d", fx.Att1)
	add("DELETE /attachments/:id", []badCase{
		{name: "inspector who did not upload it", as: Inspector2, method: "DELETE", path: att1, status: 403},
		{name: "leader", as: Leader, method: "DELETE", path: att1, status: 403},
		{name: "officer", as: Officer, method: "DELETE", path: att1, status: 403},
		{name: "uploader, visit submitted", as: Inspector, method: "DELETE", path: P("attachments/%d", fx.Att2), status: 409},
		{name: "admin, visit submitted", as: Admin, method: "DELETE", path: P("attachments/%d", fx.Att2), status: 409},
		{name: "officer on another agency's file", as: Officer, method: "DELETE", path: P("attachments/%d", fx.Att4), status: 404},
		{name: "no such attachment", as: Inspector, method: "DELETE", path: "attachments/999999", status: 404},
		{name: "id not a number", as: Inspector, method: "DELETE", path: "attachments/abc", status: 404},
		{name: "not signed in", as: Nobody, method: "DELETE", path: att1, status: 401},
		{name: "cookie without CSRF token", as: Inspector, via: "nocsrf", method: "DELETE", path: att1, status: 403},
		{name: "revoked token", as: Nobody, method: "DELETE", path: att1, header: map[string]string{"Authorization": "Bearer " + fx.RevokedToken}, status: 401},
	})
	return tab
}

// badRegressions are cases the server once answered wrongly; each states
// the answer it gives now.
func badRegressions(fx *badFixture) []badCase {
	const Admin, Inspector, Leader, Nobody = apitest.Admin, apitest.Inspector, apitest.Leader, apitest.Nobody
	P := apitest.Path
	e := fx.e
	var out []badCase
	bug := func(name string, c badCase) { c.name = name; out = append(out, c) }

	// 1. A wrong type in a field of an embedded update struct is reported
	// under the Go type's name ("AgencyUpdate.code"), not the JSON field.
	typed := []struct {
		method, path string
		body         map[string]any
		field        string
	}{
		{"PATCH", P("agencies/%d", fx.Agency3), map[string]any{"version": 1, "code": 5}, "code"},
		{"PATCH", P("users/%d", e.Users[apitest.Inspector2].ID), map[string]any{"version": 1, "full_name": 5}, "full_name"},
		{"PATCH", P("criteria/%d", fx.Crit2), map[string]any{"version": 1, "title": 5}, "title"},
		{"PATCH", P("plans/%d", fx.w.PlanID), map[string]any{"version": 1, "title": []int{1}}, "title"},
		{"PATCH", P("visits/%d", fx.V1), map[string]any{"version": 1, "location": 5}, "location"},
		{"PUT", P("visits/%d/team", fx.V1), map[string]any{"version": 1, "members": "Lê Đình Tuyên"}, "members"},
		{"PATCH", P("findings/%d", fx.F1), map[string]any{"version": 1, "note": 5}, "note"},
		{"PATCH", P("findings/%d", fx.F1), map[string]any{"version": 1, "score": "1"}, "score"},
		{"PUT", P("visits/%d/procedure-stats", fx.V1), map[string]any{"version": 1, "files_received": 1.5}, "files_received"},
		{"PUT", P("visits/%d/staffing-stats", fx.V1), map[string]any{"version": 1, "job_positions_approved": "có"}, "job_positions_approved"},
		{"PATCH", P("shortcomings/%d", fx.SC1), map[string]any{"version": 1, "severity": 1}, "severity"},
		{"PUT", P("visits/%d/conclusion", fx.V1), map[string]any{"version": 1, "recipients": "Như trên"}, "recipients"},
	}
	for _, c := range typed {
		bug(fmt.Sprintf("type error named by its JSON field: %s %s %s", c.method, c.path, c.field), badCase{as: Admin, method: c.method, path: c.path,
			body: c.body, status: 400, field: c.field, code: "type"})
	}
	bug("type error named by its JSON field: POST return note", badCase{as: Leader, method: "POST", path: P("visits/%d/conclusion/return", fx.V2),
		body: map[string]any{"note": 5}, status: 400, field: "note", code: "type"})

	// 2. A date that cannot be read is a 400 naming its field.
	bug("unreadable date named by its field: POST plans issued_on", badCase{as: Inspector, method: "POST", path: "plans",
		body: map[string]any{"year": 2020, "title": "Kế hoạch năm 2020", "issued_on": "15/01/2020"}, status: 400, field: "issued_on", code: "date"})
	bug("unreadable date named by its field: PATCH actions due_on", badCase{as: Inspector, method: "PATCH", path: P("actions/%d", fx.A1),
		body: map[string]any{"version": 1, "due_on": 20191130}, status: 400, field: "due_on", code: "date"})

	// 3. The team's own errors name a "team" list; the body's list is "members".
	v1 := fx.version(P("visits/%d", fx.V1))
	lead := map[string]any{"user_id": e.Users[Inspector].ID, "role": "lead"}
	team := P("visits/%d/team", fx.V1)
	bug("second lead named members[1].role", badCase{as: Inspector, method: "PUT", path: team, status: 422, field: "members[1].role", code: "second_lead",
		body: map[string]any{"version": v1, "members": []map[string]any{lead, {"full_name": "Nguyễn Thu Trang", "role": "lead"}}}})
	bug("missing lead named members", badCase{as: Inspector, method: "PUT", path: team, status: 422, field: "members", code: "lead_required",
		body: map[string]any{"version": v1, "members": []map[string]any{{"full_name": "Nguyễn Thu Trang", "role": "member"}}}})
	bug("same user twice named members[1].user_id", badCase{as: Inspector, method: "PUT", path: team, status: 422, field: "members[1].user_id", code: "duplicate",
		body: map[string]any{"version": v1, "members": []map[string]any{lead, badWith(lead, "role", "member")}}})

	// 4. Upload field errors use Go names (OwnerType, OwnerID, FileName).
	upload := func(fields map[string]string, name string) *apitest.Multipart {
		return &apitest.Multipart{Fields: fields, FileName: name, File: badPNG}
	}
	bug("upload without owner_type", badCase{as: Inspector, method: "POST", path: "attachments", status: 422, field: "owner_type", code: "required",
		body: upload(map[string]string{"owner_id": fmt.Sprint(fx.V1)}, "a.png")})
	bug("upload with an unknown owner_type", badCase{as: Inspector, method: "POST", path: "attachments", status: 422, field: "owner_type", code: "oneof",
		body: upload(map[string]string{"owner_type": "plan", "owner_id": fmt.Sprint(fx.w.PlanID)}, "a.png")})
	bug("upload without owner_id", badCase{as: Inspector, method: "POST", path: "attachments", status: 422, field: "owner_id", code: "required",
		body: upload(map[string]string{"owner_type": "visit"}, "a.png")})
	bug("upload with a file name one past 255", badCase{as: Inspector, method: "POST", path: "attachments", status: 422, field: "file_name", code: "max",
		body: upload(map[string]string{"owner_type": "visit", "owner_id": fmt.Sprint(fx.V1)}, strings.Repeat("a", 252)+".png")})
	// 5. A missing owner is 422 owner_id/not_found for a finding, but 404 for a visit.
	bug("upload to no such visit", badCase{as: Inspector, method: "POST", path: "attachments", status: 422, field: "owner_id", code: "not_found",
		body: upload(map[string]string{"owner_type": "visit", "owner_id": "999999"}, "a.png")})

	// 6. A NUL character in text: PostgreSQL cannot store one (it answered
	// 500), SQLite stored it. No text of the app holds one: a 400 on both.
	bug("NUL in a token name", badCase{as: Inspector, method: "POST", path: "tokens", body: map[string]any{"name": "kịch bản\u0000"}, status: 400})
	bug("NUL in an agency name", badCase{as: Admin, method: "POST", path: "agencies", body: map[string]any{"code": "NUL1", "name": "Sở\u0000Tư pháp", "kind": "department"},
		status: 400})
	bug("NUL in a visit location", badCase{as: Inspector, method: "PATCH", path: P("visits/%d", fx.V1), body: map[string]any{"version": v1, "location": "Phòng họp\u0000số 2"},
		status: 400})
	bug("NUL in a username at sign-in", badCase{as: Nobody, method: "POST", path: "session", body: map[string]any{"username": "admin\u0000", "password": apitest.Password},
		status: 400})

	// 7. Year 0000 passes the date check: PostgreSQL answers 500 (its date
	// type has no year 0), SQLite stores it. Like any date the server cannot
	// take, it should be a 400.
	bug("plan issued in year 0", badCase{as: Inspector, method: "POST", path: "plans", body: map[string]any{"year": 2020, "title": "Kế hoạch năm 2020", "issued_on": "0000-01-15"},
		status: 400})
	bug("visit scheduled in year 0", badCase{as: Inspector, method: "POST", path: "visits", body: map[string]any{"plan_id": fx.w.PlanID, "agency_id": e.Agency.ID,
		"criteria_set_id": fx.w.SetID, "scheduled_on": "0000-09-26"}, status: 400})
	bug("conclusion issued in year 0", badCase{as: Inspector, method: "PUT", path: P("visits/%d/conclusion", fx.V1),
		body: map[string]any{"version": fx.version(P("visits/%d/conclusion", fx.V1)), "issued_on": "0000-02-29"}, status: 400})
	return out
}
