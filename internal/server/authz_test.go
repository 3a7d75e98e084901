package server_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/server"
	"github.com/cchc-inspect/cchc/internal/server/apitest"
)

// azOtherOfficer is the officer of another agency (e.Other), made through
// the API by the administrator.
const azOtherOfficer apitest.Role = "officer_other"

// azCallers are the columns of the authorization tables, in order.
var azCallers = [...]apitest.Role{apitest.Admin, apitest.Leader, apitest.Inspector, apitest.Inspector2, apitest.Officer,
	azOtherOfficer, apitest.Nobody}

var azCallerNames = [...]string{"Admin", "Leader", "Inspector", "Inspector2", "Officer", "OtherOfficer", "Nobody"}

// azWant is the expected status for each caller, in the order of azCallers.
type azWant [len(azCallers)]int

// azReq builds the request of one cell. It may first rebuild, through the
// API, what the request consumes, so that no cell depends on another.
type azReq func(t *testing.T, as apitest.Role) apitest.Request

// azRow is one endpoint of a table: the expected statuses, the method and
// route as api.go registers it (":id" written "{id}"), and the request. The
// columns are Adm(in), L(ea)d(e)r, Ins(pector, the team lead), Ins2 (an
// inspector on no team), Off(icer of the visited agency), Oth(er agency's
// officer) and Nobody.
type azRow struct {
	want     azWant
	endpoint string // "METHOD route"
	req      azReq
}

// TestAuthorizationMatrix calls every endpoint that api.go registers as
// every caller and compares the status with the table: who may do what,
// what is outside a caller's scope (404) and who is not signed in (401).
// Role denials are 403 whatever the record: they say nothing about it.
func TestAuthorizationMatrix(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		f := newAzFixture(t, e)
		rows := f.matrix()
		azCheckCoverage(t, rows)
		azRun(t, e, rows)
		t.Logf("authorization matrix: %d endpoints × %d callers = %d calls", len(rows), len(azCallers), len(rows)*len(azCallers))
	})
}

// matrix is the table: one row per endpoint, one column per caller. The
// reads of a visit's records use the approved visit when the officer may
// read them only after approval (stats, shortcomings, actions, conclusion),
// the in-progress one otherwise; the writes use the in-progress visit, or
// the approved one for remediation.
func (f *azFixture) matrix() []azRow {
	e, w, open, appr := f.e, f.w, f.open, f.appr
	p := fmt.Sprintf
	return []azRow{
		//      Adm  Ldr  Ins  Ins2 Off  Oth  Nobody  endpoint
		{azWant{200, 200, 200, 200, 200, 200, 200}, "GET /openapi.yaml", azAt("openapi.yaml")},
		{azWant{200, 200, 200, 200, 200, 200, 200}, "POST /session", f.signIn},
		{azWant{200, 200, 200, 200, 200, 200, 401}, "GET /session", azAt("session")},
		{azWant{204, 204, 204, 204, 204, 204, 401}, "DELETE /session", azAt("session")},
		{azWant{200, 200, 200, 200, 200, 200, 401}, "GET /me", azAt("me")},
		{azWant{204, 204, 204, 204, 204, 204, 401}, "POST /me/password", f.changePassword},
		{azWant{200, 200, 200, 200, 200, 200, 401}, "GET /tokens", azAt("tokens")},
		{azWant{201, 201, 201, 201, 201, 201, 401}, "POST /tokens", azWith("tokens", map[string]any{"name": "kịch bản"})},
		{azWant{204, 404, 404, 204, 404, 404, 401}, "DELETE /tokens/{id}", f.revokeInspector2Token},

		{azWant{200, 200, 200, 200, 200, 200, 401}, "GET /agencies", azAt("agencies")},
		{azWant{201, 403, 403, 403, 403, 403, 401}, "POST /agencies", f.createAgency},
		{azWant{200, 200, 200, 200, 200, 404, 401}, "GET /agencies/{id}", azAt(p("agencies/%d", e.Agency.ID))},
		{azWant{200, 403, 403, 403, 403, 403, 401}, "PATCH /agencies/{id}", f.patch(p("agencies/%d", f.scratchAgency), "name", "Cơ quan thử")},
		{azWant{204, 403, 403, 403, 403, 403, 401}, "DELETE /agencies/{id}", f.deleteFreshAgency},

		{azWant{200, 200, 200, 200, 200, 200, 401}, "GET /users", azAt("users")},
		{azWant{201, 403, 403, 403, 403, 403, 401}, "POST /users", f.createUser},
		{azWant{200, 200, 200, 200, 200, 404, 401}, "GET /users/{id}", azAt(p("users/%d", e.Users[apitest.Officer].ID))},
		{azWant{200, 403, 403, 403, 403, 403, 401}, "PATCH /users/{id}", f.patch(p("users/%d", f.scratchUser), "title", "Chuyên viên")},

		{azWant{200, 200, 200, 200, 200, 200, 401}, "GET /criteria-sets", azAt("criteria-sets")},
		{azWant{201, 403, 403, 403, 403, 403, 401}, "POST /criteria-sets", azWith("criteria-sets", map[string]any{"year": 2020, "name": "Bộ tiêu chí 2020"})},
		{azWant{200, 200, 200, 200, 200, 200, 401}, "GET /criteria-sets/{id}", azAt(p("criteria-sets/%d", w.SetID))},
		{azWant{201, 403, 403, 403, 403, 403, 401}, "POST /criteria-sets/{id}/criteria", f.addCriterion},
		{azWant{200, 403, 403, 403, 403, 403, 401}, "PATCH /criteria/{id}", f.patchCriterion},

		{azWant{200, 200, 200, 200, 200, 200, 401}, "GET /plans", azAt("plans")},
		{azWant{201, 403, 201, 201, 403, 403, 401}, "POST /plans", azWith("plans", map[string]any{"year": 2019, "title": "Kế hoạch kiểm tra bổ sung"})},
		{azWant{200, 200, 200, 200, 200, 200, 401}, "GET /plans/{id}", azAt(p("plans/%d", w.PlanID))},
		{azWant{200, 403, 200, 200, 403, 403, 401}, "PATCH /plans/{id}", f.patch(p("plans/%d", f.scratchPlan), "title", "Kế hoạch thử")},

		{azWant{200, 200, 200, 200, 200, 200, 401}, "GET /visits", azAt("visits")},
		{azWant{201, 403, 201, 201, 403, 403, 401}, "POST /visits", azWith("visits", map[string]any{"plan_id": w.PlanID,
			"agency_id": e.Agency.ID, "criteria_set_id": w.SetID, "scheduled_on": "2019-10-15"})},
		{azWant{200, 200, 200, 200, 200, 404, 401}, "GET /visits/{id}", azAt(p("visits/%d", open.id))},
		{azWant{200, 403, 200, 403, 403, 403, 401}, "PATCH /visits/{id}", f.patch(p("visits/%d", open.id), "location", "Phòng họp số")},
		{azWant{200, 403, 200, 403, 403, 403, 401}, "PUT /visits/{id}/team", f.putTeam(open.id)},

		{azWant{200, 200, 200, 200, 200, 404, 401}, "GET /visits/{id}/findings", azAt(p("visits/%d/findings", open.id))},
		{azWant{201, 403, 201, 403, 201, 404, 401}, "POST /visits/{id}/findings", f.createFinding(open.id)},
		{azWant{200, 200, 200, 200, 200, 404, 401}, "GET /findings/{id}", azAt(p("findings/%d", open.finding))},
		{azWant{200, 403, 200, 403, 200, 404, 401}, "PATCH /findings/{id}", f.patchFinding(open.finding)},
		{azWant{204, 403, 204, 403, 403, 403, 401}, "DELETE /findings/{id}", f.deleteFreshFinding},

		{azWant{200, 200, 200, 200, 200, 404, 401}, "GET /visits/{id}/procedure-stats", azAt(p("visits/%d/procedure-stats", appr.id))},
		{azWant{200, 403, 200, 403, 403, 403, 401}, "PUT /visits/{id}/procedure-stats", f.putStats(open.id, "procedure-stats")},
		{azWant{200, 200, 200, 200, 200, 404, 401}, "GET /visits/{id}/staffing-stats", azAt(p("visits/%d/staffing-stats", appr.id))},
		{azWant{200, 403, 200, 403, 403, 403, 401}, "PUT /visits/{id}/staffing-stats", f.putStats(open.id, "staffing-stats")},

		{azWant{200, 200, 200, 200, 200, 404, 401}, "GET /visits/{id}/shortcomings", azAt(p("visits/%d/shortcomings", appr.id))},
		{azWant{201, 403, 201, 403, 403, 403, 401}, "POST /visits/{id}/shortcomings", azWith(p("visits/%d/shortcomings", open.id),
			map[string]any{"description": "Báo cáo chưa nêu rõ số liệu", "severity": "minor"})},
		{azWant{200, 200, 200, 200, 200, 404, 401}, "GET /shortcomings/{id}", azAt(p("shortcomings/%d", appr.shortcoming))},
		{azWant{200, 403, 200, 403, 403, 403, 401}, "PATCH /shortcomings/{id}", f.patch(p("shortcomings/%d", open.shortcoming), "cause", "Nguyên nhân")},
		{azWant{204, 403, 204, 403, 403, 403, 401}, "DELETE /shortcomings/{id}", f.deleteFreshShortcoming},

		{azWant{200, 200, 200, 200, 200, 404, 401}, "GET /shortcomings/{id}/actions", azAt(p("shortcomings/%d/actions", appr.shortcoming))},
		{azWant{201, 403, 201, 403, 403, 403, 401}, "POST /shortcomings/{id}/actions", azWith(p("shortcomings/%d/actions", open.shortcoming),
			map[string]any{"description": "Bổ sung số liệu vào báo cáo quý", "owner_name": "Văn phòng Sở"})},
		{azWant{200, 200, 200, 200, 200, 200, 401}, "GET /actions", azAt("actions")},
		{azWant{200, 200, 200, 200, 200, 404, 401}, "GET /actions/{id}", azAt(p("actions/%d", appr.action))},
		{azWant{200, 403, 200, 403, 200, 404, 401}, "PATCH /actions/{id}", f.startAction(appr.patchAction)},
		{azWant{200, 200, 200, 200, 200, 404, 401}, "GET /actions/{id}/updates", azAt(p("actions/%d/updates", appr.action))},
		{azWant{201, 403, 201, 403, 201, 404, 401}, "POST /actions/{id}/updates", azWith(p("actions/%d/updates", appr.action),
			map[string]any{"note": "Đã bổ sung số liệu vào báo cáo quý III"})},
		{azWant{200, 403, 200, 403, 403, 403, 401}, "POST /actions/{id}/verify", f.judge(appr.verifyAction, "verify")},
		{azWant{200, 403, 200, 403, 403, 403, 401}, "POST /actions/{id}/reopen", f.judge(appr.reopenAction, "reopen")},

		{azWant{200, 200, 200, 200, 200, 404, 401}, "GET /visits/{id}/conclusion", azAt(p("visits/%d/conclusion", appr.id))},
		{azWant{200, 403, 200, 403, 403, 403, 401}, "PUT /visits/{id}/conclusion", f.patch(p("visits/%d/conclusion", open.id), "strengths", "Ưu điểm")},
		{azWant{200, 403, 200, 403, 403, 403, 401}, "POST /visits/{id}/conclusion/submit", f.submit},
		{azWant{200, 200, 403, 403, 403, 403, 401}, "POST /visits/{id}/conclusion/approve", f.approve},
		{azWant{200, 200, 403, 403, 403, 403, 401}, "POST /visits/{id}/conclusion/return", f.ret},

		{azWant{200, 200, 200, 200, 200, 404, 401}, "GET /attachments", azAt(p("attachments?owner_type=action&owner_id=%d", appr.action))},
		{azWant{201, 403, 201, 403, 201, 422, 401}, "POST /attachments", f.upload("action", appr.action)},
		{azWant{200, 200, 200, 200, 200, 404, 401}, "GET /attachments/{id}", azAt(p("attachments/%d", appr.attachments["action"]))},
		{azWant{204, 403, 204, 403, 403, 404, 401}, "DELETE /attachments/{id}", f.deleteFreshAttachment},

		{azWant{200, 200, 200, 200, 403, 403, 401}, "GET /audit", azAt("audit")},

		{azWant{200, 200, 200, 200, 200, 404, 401}, "GET /visits/{id}/conclusion.docx", azAt(p("visits/%d/conclusion.docx", appr.id))},
		{azWant{200, 200, 200, 200, 200, 404, 401}, "GET /visits/{id}/minutes.docx", azAt(p("visits/%d/minutes.docx", appr.id))},
		{azWant{200, 200, 200, 200, 200, 404, 401}, "GET /visits/{id}/bulletin", azAt(p("visits/%d/bulletin", appr.id))},
		{azWant{200, 200, 200, 200, 403, 403, 401}, "GET /plans/{id}/report.docx", azAt(p("plans/%d/report.docx", w.PlanID))},
		{azWant{200, 200, 200, 200, 403, 403, 401}, "GET /reports/{year}.xlsx", azAt("reports/2019.xlsx")},
		{azWant{200, 200, 200, 200, 403, 403, 401}, "GET /reports/dashboard", azAt("reports/dashboard?year=2019")},
		{azWant{200, 200, 200, 200, 403, 403, 401}, "GET /reports/agencies/{id}/trend", azAt(p("reports/agencies/%d/trend", e.Agency.ID))},
	}
}

// TestFrozenRecordsConflictAfterAuthorization tries every write on the
// records of an approved visit: those who may write them learn that they
// are frozen (409); the others are refused as in the matrix, before the
// state is considered.
func TestFrozenRecordsConflictAfterAuthorization(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		f := newAzFixture(t, e)
		a := f.appr
		p := fmt.Sprintf
		rows := []azRow{
			//      Adm  Ldr  Ins  Ins2 Off  Oth  Nobody  endpoint
			{azWant{409, 403, 409, 403, 403, 403, 401}, "PATCH /visits/{id}", f.patch(p("visits/%d", a.id), "location", "Phòng họp số")},
			{azWant{409, 403, 409, 403, 403, 403, 401}, "PUT /visits/{id}/team", f.putTeam(a.id)},
			{azWant{409, 403, 409, 403, 409, 404, 401}, "POST /visits/{id}/findings", f.createFinding(a.id)},
			{azWant{409, 403, 409, 403, 409, 404, 401}, "PATCH /findings/{id}", f.patchFinding(a.finding)},
			{azWant{409, 403, 409, 403, 403, 403, 401}, "DELETE /findings/{id}", f.deleteWithVersion(p("findings/%d", a.finding))},
			{azWant{409, 403, 409, 403, 403, 403, 401}, "PUT /visits/{id}/procedure-stats", f.putStats(a.id, "procedure-stats")},
			{azWant{409, 403, 409, 403, 403, 403, 401}, "PUT /visits/{id}/staffing-stats", f.putStats(a.id, "staffing-stats")},
			{azWant{409, 403, 409, 403, 403, 403, 401}, "POST /visits/{id}/shortcomings", azWith(p("visits/%d/shortcomings", a.id),
				map[string]any{"description": "Tồn tại bổ sung sau phê duyệt"})},
			{azWant{409, 403, 409, 403, 403, 403, 401}, "PATCH /shortcomings/{id}", f.patch(p("shortcomings/%d", a.shortcoming), "cause", "Nguyên nhân")},
			{azWant{409, 403, 409, 403, 403, 403, 401}, "DELETE /shortcomings/{id}", f.deleteWithVersion(p("shortcomings/%d", a.shortcoming))},
			{azWant{409, 403, 409, 403, 403, 403, 401}, "POST /shortcomings/{id}/actions", azWith(p("shortcomings/%d/actions", a.shortcoming),
				map[string]any{"description": "Kiến nghị bổ sung sau phê duyệt"})},
			{azWant{409, 403, 409, 403, 403, 404, 401}, "PATCH /actions/{id}", f.patch(p("actions/%d", a.action), "description", "Nội dung kiến nghị")},
			{azWant{409, 403, 409, 403, 403, 403, 401}, "PUT /visits/{id}/conclusion", f.patch(p("visits/%d/conclusion", a.id), "strengths", "Ưu điểm")},
			{azWant{409, 403, 409, 403, 403, 403, 401}, "POST /visits/{id}/conclusion/submit", azAt(p("visits/%d/conclusion/submit", a.id))},
			{azWant{409, 409, 403, 403, 403, 403, 401}, "POST /visits/{id}/conclusion/approve", azAt(p("visits/%d/conclusion/approve", a.id))},
			{azWant{409, 409, 403, 403, 403, 403, 401}, "POST /visits/{id}/conclusion/return", azWith(p("visits/%d/conclusion/return", a.id),
				map[string]any{"note": "Đề nghị bổ sung"})},
			{azWant{409, 403, 409, 403, 403, 404, 401}, "DELETE /attachments/{id}", azAt(p("attachments/%d", a.attachments["finding"]))},
		}
		before := f.adminView(t, a)
		azRun(t, e, rows)
		if after := f.adminView(t, a); !slices.Equal(before, after) {
			t.Errorf("the approved visit's records changed:\n%s", azDiff(before, after))
		}
	})
}

// azRun calls every cell of the rows, one subtest per row, and fails each
// cell whose status differs from the table (unless it is a known bug).
func azRun(t *testing.T, e *apitest.Env, rows []azRow) {
	t.Helper()
	for _, r := range rows {
		key := r.endpoint
		method, _, _ := strings.Cut(key, " ")
		t.Run(key, func(t *testing.T) {
			for i, as := range azCallers {
				req := r.req(t, as)
				req.As, req.Method = as, method
				res := e.Send(req)
				if want := r.want[i]; res.Status != want {
					t.Errorf("%s as %s: %d, want %d: %s", key, azCallerNames[i], res.Status, want, azShort(res.Body))
				}
			}
		})
	}
}

// azCheckCoverage fails unless the table has exactly one row for each
// route that api.go registers, so a new endpoint cannot skip the matrix.
func azCheckCoverage(t *testing.T, rows []azRow) {
	t.Helper()
	src, err := os.ReadFile("api.go")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`\b\w+\.(GET|POST|PUT|PATCH|DELETE)\("(/[^"]*)"`)
	param := regexp.MustCompile(`:(\w+)`)
	var registered []string
	for _, m := range re.FindAllStringSubmatch(string(src), -1) {
		registered = append(registered, m[1]+" "+param.ReplaceAllString(m[2], "{$1}"))
	}
	if len(registered) < 50 {
		t.Fatalf("found only %d routes in api.go: has routes() changed its shape?", len(registered))
	}
	inTable := map[string]int{}
	for _, r := range rows {
		inTable[r.endpoint]++
	}
	for _, r := range registered {
		if inTable[r] != 1 {
			t.Errorf("%s: %d rows in the authorization matrix, want 1", r, inTable[r])
		}
		delete(inTable, r)
	}
	for r := range inTable {
		t.Errorf("%s: in the matrix but not registered in api.go", r)
	}
}

// TestOfficerCannotReachAnotherAgency tries, as an agency officer, every
// record of another agency: each answers exactly as a record that does not
// exist (404, and the same problem), lists leave them out, and nothing
// changes.
func TestOfficerCannotReachAnotherAgency(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		f := newAzFixture(t, e)
		o := f.other
		const missing = 987654321
		self := map[string]any{"criterion_id": f.w.Crit["5.2"], "self_score": 1, "self_note": "Đã tự chấm"}
		probes := []azProbe{
			{"GET", "visits/%d", o.id, nil},
			{"GET", "visits/%d/findings", o.id, nil},
			{"GET", "findings/%d", o.finding, nil},
			{"GET", "visits/%d/procedure-stats", o.id, nil},
			{"GET", "visits/%d/staffing-stats", o.id, nil},
			{"GET", "visits/%d/shortcomings", o.id, nil},
			{"GET", "shortcomings/%d", o.shortcoming, nil},
			{"GET", "shortcomings/%d/actions", o.shortcoming, nil},
			{"GET", "actions/%d", o.action, nil},
			{"GET", "actions/%d/updates", o.action, nil},
			{"GET", "visits/%d/conclusion", o.id, nil},
			{"GET", "visits/%d/conclusion.docx", o.id, nil},
			{"GET", "visits/%d/minutes.docx", o.id, nil},
			{"GET", "visits/%d/bulletin", o.id, nil},
			{"GET", "agencies/%d", e.Other.ID, nil},
			{"GET", "users/%d", e.Users[azOtherOfficer].ID, nil},
			{"GET", "visits/%d", f.otherPlanned, nil},
			{"GET", "visits/%d/findings", f.otherPlanned, nil},
			{"GET", "findings/%d", f.otherSelfFinding, nil},
			{"POST", "visits/%d/findings", f.otherPlanned, self},
			{"PATCH", "findings/%d", f.otherSelfFinding, map[string]any{"version": 1, "self_note": "Sửa hộ"}},
			{"PATCH", "findings/%d", o.finding, map[string]any{"version": 1, "self_note": "Sửa hộ"}},
			{"PATCH", "actions/%d", o.action, map[string]any{"version": 1, "status": "in_progress"}},
			{"POST", "actions/%d/updates", o.action, map[string]any{"note": "Báo cáo hộ", "status": "reported_done"}},
		}
		for _, owner := range azOwners {
			probes = append(probes,
				azProbe{"GET", "attachments?owner_type=" + owner + "&owner_id=%d", o.owners[owner], nil},
				azProbe{"GET", "attachments/%d", o.attachments[owner], nil},
				azProbe{"DELETE", "attachments/%d", o.attachments[owner], nil})
		}
		extra := []string{fmt.Sprintf("visits/%d/findings", f.otherPlanned), fmt.Sprintf("findings/%d", f.otherSelfFinding)}
		before := f.adminView(t, o, extra...)
		for _, p := range probes {
			send := func(id int64) *apitest.Response {
				return e.Send(apitest.Request{As: apitest.Officer, Method: p.method, Path: fmt.Sprintf(p.path, id), Body: p.body})
			}
			got, none := send(p.id), send(missing)
			if got.Status != http.StatusNotFound {
				t.Errorf("%s %s of the other agency: %d, want 404: %s", p.method, fmt.Sprintf(p.path, p.id), got.Status, azShort(got.Body))
				continue
			}
			if g, n := azProblem(t, got), azProblem(t, none); g != n {
				t.Errorf("%s %s: the other agency's record answers %q, a missing one %q: tells them apart", p.method, p.path, g, n)
			}
		}

		// Uploads name their record in the body: another agency's record
		// answers as a missing one.
		for _, owner := range azOwners {
			up := func(id int64) *apitest.Response { return f.do(t, apitest.Officer, "POST", f.upload(owner, id)) }
			other, none := up(o.owners[owner]), up(missing)
			same := other.Status == none.Status && azProblem(t, other) == azProblem(t, none)
			if !same {
				t.Errorf("POST /attachments on the other agency's %s: %d %s; on a missing one: %d %s", owner,
					other.Status, azShort(other.Body), none.Status, azShort(none.Body))
			}
			if other.Status < 400 {
				t.Errorf("POST /attachments on the other agency's %s: %d", owner, other.Status)
			}
		}

		// Lists leave the other agency out, whatever the filter asks; a
		// filter on the other agency lists nothing.
		for _, l := range []struct {
			path, kind string
			empty      bool
		}{
			{fmt.Sprintf("actions?agency_id=%d", e.Other.ID), "action", true},
			{fmt.Sprintf("actions?visit_id=%d", o.id), "action", true},
			{fmt.Sprintf("visits?agency_id=%d", e.Other.ID), "visit", true},
			{fmt.Sprintf("users?agency_id=%d", e.Other.ID), "user", true},
			{"visits?q=y+te", "visit", false},
			{"agencies?q=y+te", "agency", false},
			{"agencies", "agency", false},
			{"users", "user", false},
			{"visits", "visit", false},
			{"actions", "action", false},
		} {
			var list struct {
				Items []map[string]any `json:"items"`
				Total int              `json:"total"`
			}
			apitest.Expect(t, e.Do(apitest.Officer, "GET", l.path, nil), http.StatusOK).JSON(t, &list)
			for _, it := range list.Items {
				if azOfOther(it, l.kind, e.Other.ID) {
					t.Errorf("GET %s as the officer lists a record of the other agency: %v", l.path, it)
				}
			}
			if l.empty && (len(list.Items) != 0 || list.Total != 0) {
				t.Errorf("GET %s as the officer: %d items (total %d), want none", l.path, len(list.Items), list.Total)
			}
		}

		if after := f.adminView(t, o, extra...); !slices.Equal(before, after) {
			t.Errorf("the other agency's records changed:\n%s", azDiff(before, after))
		}
	})
}

// azProbe is a request of the officer on one record of another agency.
type azProbe struct {
	method, path string // path has one %d: the record's ID
	id           int64
	body         any
}

// azOwners are the kinds of records files are attached to.
var azOwners = []string{"visit", "finding", "shortcoming", "conclusion", "action", "action_update"}

// azOfOther reports whether a listed record (of the kind) is the other
// agency or belongs to it.
func azOfOther(it map[string]any, kind string, agencyID int64) bool {
	num := func(k string) int64 {
		f, _ := it[k].(float64)
		return int64(f)
	}
	if kind == "agency" {
		return num("id") == agencyID
	}
	return num("agency_id") == agencyID || (kind == "action" && num("owner_agency_id") == agencyID)
}

// TestOfficerSeesOwnVisitsByState holds the officer's view of their own
// agency's visits to access.go: a visit only while planned or in progress
// (its findings as self-assessment only, no figures, shortcomings or
// conclusion) and once approved or closed (everything); never while
// submitted or returned, nor once cancelled.
func TestOfficerSeesOwnVisitsByState(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		f := newAzFixture(t, e)
		closed := f.startedVisit(t, e.Agency.ID)
		f.teamFinding(t, closed, "3.2")
		for _, kind := range []string{"procedure-stats", "staffing-stats"} {
			apitest.Expect(t, f.do(t, apitest.Inspector, "PUT", f.putStats(closed, kind)), 200)
		}
		f.putResult(t, closed)
		apitest.Expect(t, e.Do(apitest.Inspector, "POST", fmt.Sprintf("visits/%d/conclusion/submit", closed), nil), 200)
		visits := map[string]int64{
			"planned":     f.e.NewVisit(t, f.w, e.Agency.ID),
			"in_progress": f.open.id,
			"submitted":   f.submittedVisit(t),
			"returned":    f.submittedVisit(t),
			"approved":    f.appr.id,
			"closed":      closed,
			"cancelled":   f.e.NewVisit(t, f.w, e.Agency.ID),
		}
		apitest.Expect(t, e.Do(apitest.Leader, "POST", fmt.Sprintf("visits/%d/conclusion/return", visits["returned"]), map[string]any{"note": "Bổ sung"}), 200)
		apitest.Expect(t, e.Do(apitest.Leader, "POST", fmt.Sprintf("visits/%d/conclusion/approve", closed), nil), 200)
		apitest.Expect(t, e.Send(apitest.Request{As: apitest.Inspector, Method: "PATCH", Path: fmt.Sprintf("visits/%d", visits["cancelled"]),
			Body: map[string]any{"version": azVersion(t, e, fmt.Sprintf("visits/%d", visits["cancelled"])), "status": "cancelled"}}), 200)
		f.selfAssess(t, apitest.Officer, visits["planned"], "1.3")
		for state, id := range visits {
			var v struct {
				Status         string `json:"status"`
				ProcedureStats any    `json:"procedure_stats"`
			}
			apitest.Expect(t, e.Do(apitest.Admin, "GET", fmt.Sprintf("visits/%d", id), nil), 200).JSON(t, &v)
			if v.Status != state {
				t.Fatalf("visit %d is %s, want %s", id, v.Status, state)
			}
		}
		var listed struct {
			Items []struct {
				ID int64 `json:"id"`
			} `json:"items"`
		}
		apitest.Expect(t, e.Do(apitest.Officer, "GET", "visits?per_page=200", nil), 200).JSON(t, &listed)
		inList := map[int64]bool{}
		for _, it := range listed.Items {
			inList[it.ID] = true
		}
		for state, id := range visits {
			visible := state == "planned" || state == "in_progress" || state == "approved" || state == "closed"
			published := state == "approved" || state == "closed"
			code := func(ok bool) int {
				if ok {
					return 200
				}
				return 404
			}
			get := func(path string) *apitest.Response { return e.Do(apitest.Officer, "GET", fmt.Sprintf(path, id), nil) }
			for path, want := range map[string]int{
				"visits/%d":                 code(visible),
				"visits/%d/findings":        code(visible),
				"visits/%d/procedure-stats": code(published),
				"visits/%d/staffing-stats":  code(published),
				"visits/%d/shortcomings":    code(published),
				"visits/%d/conclusion":      code(published),
			} {
				if res := get(path); res.Status != want {
					t.Errorf("%s visit: GET %s as its officer: %d, want %d: %s", state, path, res.Status, want, azShort(res.Body))
				}
			}
			if inList[id] != visible {
				t.Errorf("%s visit: in the officer's GET /visits: %v, want %v", state, inList[id], visible)
			}
			if !visible {
				continue
			}
			var d struct {
				ProcedureStats any `json:"procedure_stats"`
				StaffingStats  any `json:"staffing_stats"`
				Counts         struct {
					Shortcomings int `json:"shortcomings"`
				} `json:"counts"`
			}
			get("visits/%d").JSON(t, &d)
			if !published && (d.ProcedureStats != nil || d.StaffingStats != nil) {
				t.Errorf("%s visit: the officer reads its figures before approval: %s", state, azShort(get("visits/%d").Body))
			}
			if published && state == "approved" && (d.ProcedureStats == nil || d.Counts.Shortcomings == 0) {
				t.Errorf("%s visit: the officer does not read its figures and counts once approved: %s", state, azShort(get("visits/%d").Body))
			}
			var fs struct {
				Items []struct {
					ID       int64    `json:"id"`
					Rating   *string  `json:"rating"`
					Value    *float64 `json:"value"`
					Score    *float64 `json:"score"`
					Note     string   `json:"note"`
					SelfNote string   `json:"self_note"`
				} `json:"items"`
			}
			get("visits/%d/findings").JSON(t, &fs)
			if len(fs.Items) == 0 {
				t.Errorf("%s visit: the officer lists no findings", state)
			}
			for _, it := range fs.Items {
				team := it.Rating != nil || it.Value != nil || it.Score != nil || it.Note != ""
				one := e.Do(apitest.Officer, "GET", fmt.Sprintf("findings/%d", it.ID), nil).Map(t)
				teamOne := one["rating"] != nil || one["value"] != nil || one["score"] != nil || one["note"] != ""
				if !published && (team || teamOne) {
					t.Errorf("%s visit: the officer reads the team's assessment of finding %d before approval", state, it.ID)
				}
				if state == "approved" && !team {
					t.Errorf("%s visit: the officer does not read the team's assessment of finding %d", state, it.ID)
				}
			}
		}
	})
}

// TestOfficerCannotLearnTheTeamsAssessment: before approval an agency
// officer reads a finding only as self-assessment, so neither the answer to
// their own self-assessment PATCH nor the way a PATCH of a team field is
// refused may reveal the team's rating, value, score or note.
func TestOfficerCannotLearnTheTeamsAssessment(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		w := e.NewWorld(t)
		team := map[string]any{"rating": "good", "value": 1, "score": 1, "note": "Ban hành kịp thời, sát thực tế"}
		body := map[string]any{"criterion_id": w.Crit["1.1"]}
		for k, v := range team {
			body[k] = v
		}
		path := fmt.Sprintf("findings/%d", apitest.Expect(t, e.Do(apitest.Inspector, "POST", fmt.Sprintf("visits/%d/findings", w.VisitID), body), 201).ID(t))

		res := apitest.Expect(t, e.Do(apitest.Officer, "PATCH", path, map[string]any{"version": azVersion(t, e, path),
			"self_score": 1, "self_note": "Đã ban hành Kế hoạch CCHC năm 2019"}), 200).Map(t)
		if res["rating"] != nil || res["value"] != nil || res["score"] != nil || res["note"] != "" {
			t.Errorf("PATCH %s as the officer answers the team's assessment: %v", path, res)
		}

		others := map[string]any{"rating": "poor", "value": 0, "score": 0.5, "note": "Chưa sát thực tế"}
		for field, truth := range team {
			try := func(v any) *apitest.Response {
				return e.Do(apitest.Officer, "PATCH", path, map[string]any{"version": azVersion(t, e, path), field: v})
			}
			right, wrong := try(truth), try(others[field])
			if right.Status != wrong.Status || azProblem(t, wrong) != azProblemOrStatus(t, right) {
				t.Errorf("PATCH %s {%q} as the officer: %d with the team's value, %d with another: tells the hidden value", path, field, right.Status, wrong.Status)
			}
			if wrong.Status != http.StatusForbidden {
				t.Errorf("PATCH %s {%q} as the officer: %d, want 403", path, field, wrong.Status)
			}
		}
		got := apitest.Expect(t, e.Do(apitest.Admin, "GET", path, nil), 200).Map(t)
		for k, v := range team {
			if fmt.Sprint(got[k]) != fmt.Sprint(v) {
				t.Errorf("the team's %s became %v", k, got[k])
			}
		}
	})
}

// azProblemOrStatus is azProblem for error answers and the bare status otherwise.
func azProblemOrStatus(t testing.TB, r *apitest.Response) string {
	if r.Status < 400 {
		return strconv.Itoa(r.Status)
	}
	return azProblem(t, r)
}

// TestCookieSessionsNeedCSRF: a cookie-authenticated write needs the
// session's CSRF token (header or form field), a bearer request none, and
// signing out ends the session on the server.
func TestCookieSessionsNeedCSRF(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		w := e.NewWorld(t)
		fid := apitest.Expect(t, e.Do(apitest.Inspector, "POST", fmt.Sprintf("visits/%d/findings", w.VisitID), map[string]any{
			"criterion_id": w.Crit["3.3"], "rating": "good", "value": 100, "score": 3, "note": "Tỷ lệ đúng hạn 100%"}), 201).ID(t)
		path := fmt.Sprintf("findings/%d", fid)
		cookie, csrf := azSignIn(t, e, apitest.Inspector)
		_, otherCSRF := azSignIn(t, e, apitest.Inspector)
		send := func(method, p string, body any, token string) *apitest.Response {
			h := map[string]string{"Cookie": server.SessionCookie + "=" + cookie}
			if token != "" {
				h[server.CSRFHeader] = token
			}
			return e.Send(apitest.Request{Method: method, Path: p, Body: body, Header: h})
		}
		stored := func() (string, int) {
			var f struct {
				Note    string `json:"note"`
				Version int    `json:"version"`
			}
			apitest.Expect(t, e.Do(apitest.Admin, "GET", path, nil), 200).JSON(t, &f)
			return f.Note, f.Version
		}
		count := func(p string) int {
			var l struct {
				Total int `json:"total"`
			}
			apitest.Expect(t, e.Do(apitest.Admin, "GET", p, nil), 200).JSON(t, &l)
			return l.Total
		}
		note0, v0 := stored()
		plans0, audit0 := count("plans"), count("audit?per_page=1")

		for name, token := range map[string]string{"no": "", "a wrong": csrf + "x", "another session's": otherCSRF, "a blank": " "} {
			if res := send("PATCH", path, map[string]any{"version": v0, "note": "Sửa không có mã CSRF"}, token); res.Status != http.StatusForbidden {
				t.Errorf("cookie PATCH with %s CSRF token: %d, want 403: %s", name, res.Status, azShort(res.Body))
			}
			if res := send("POST", "plans", map[string]any{"year": 2019, "title": "Kế hoạch giả mạo"}, token); res.Status != http.StatusForbidden {
				t.Errorf("cookie POST /plans with %s CSRF token: %d, want 403", name, res.Status)
			}
			if res := send("POST", "tokens", map[string]any{"name": "giả mạo"}, token); res.Status != http.StatusForbidden {
				t.Errorf("cookie POST /tokens with %s CSRF token: %d, want 403", name, res.Status)
			}
			if res := send("DELETE", "session", nil, token); res.Status != http.StatusForbidden {
				t.Errorf("cookie DELETE /session with %s CSRF token: %d, want 403", name, res.Status)
			}
		}
		up := func(fields map[string]string, token string) *apitest.Response {
			h := map[string]string{"Cookie": server.SessionCookie + "=" + cookie}
			if token != "" {
				h[server.CSRFHeader] = token
			}
			return e.Send(apitest.Request{Method: "POST", Path: "attachments", Header: h,
				Body: &apitest.Multipart{Fields: fields, FileName: "minh-chung.png", File: azPNG}})
		}
		owner := map[string]string{"owner_type": "finding", "owner_id": strconv.FormatInt(fid, 10)}
		if res := up(owner, ""); res.Status != http.StatusForbidden {
			t.Errorf("cookie upload without a CSRF token: %d, want 403", res.Status)
		}
		if note, v := stored(); note != note0 || v != v0 {
			t.Errorf("refused writes changed the finding: %q v%d, want %q v%d", note, v, note0, v0)
		}
		if n, a := count("plans"), count("audit?per_page=1"); n != plans0 || a != audit0 {
			t.Errorf("refused writes left something: %d plans (was %d), %d audit events (was %d)", n, plans0, a, audit0)
		}

		// Reads need no token; writes with it work.
		apitest.Expect(t, send("GET", "me", nil, ""), 200)
		apitest.Expect(t, send("PATCH", path, map[string]any{"version": v0, "note": "Sửa qua phiên đăng nhập"}, csrf), 200)
		if note, v := stored(); note != "Sửa qua phiên đăng nhập" || v != v0+1 {
			t.Errorf("after the cookie PATCH: %q v%d", note, v)
		}
		withField := map[string]string{"owner_type": "finding", "owner_id": strconv.FormatInt(fid, 10), "csrf_token": csrf}
		apitest.Expect(t, up(withField, ""), 201)
		apitest.Expect(t, up(owner, csrf), 201)

		// A bearer request needs no CSRF token.
		apitest.Expect(t, e.Do(apitest.Inspector, "PATCH", path, map[string]any{"version": v0 + 1, "note": "Sửa qua mã truy cập"}), 200)

		// Signing out ends the session on the server: the old cookie is
		// refused from then on, even by a client that keeps it.
		apitest.Expect(t, send("GET", "me", nil, ""), 200)
		apitest.Expect(t, send("DELETE", "session", nil, csrf), 204)
		if res := send("GET", "me", nil, ""); res.Status != http.StatusUnauthorized {
			t.Errorf("GET /me with the cookie of an ended session: %d, want 401", res.Status)
		}
		if res := send("PATCH", path, map[string]any{"version": v0 + 2, "note": "Sau khi đăng xuất"}, csrf); res.Status != http.StatusUnauthorized {
			t.Errorf("PATCH with the cookie of an ended session: %d, want 401", res.Status)
		}
		if note, _ := stored(); note != "Sửa qua mã truy cập" {
			t.Errorf("the finding after sign-out: %q", note)
		}
	})
}

// azSignIn signs in as the role's user and returns the session cookie's
// value and the CSRF token.
func azSignIn(t *testing.T, e *apitest.Env, as apitest.Role) (cookie, csrf string) {
	t.Helper()
	res := apitest.Expect(t, e.Send(apitest.Request{Method: "POST", Path: "session",
		Body: map[string]string{"username": e.Users[as].Username, "password": apitest.Password}}), 200)
	for _, c := range (&http.Response{Header: res.Header}).Cookies() {
		if c.Name == server.SessionCookie {
			cookie = c.Value
		}
	}
	var info struct {
		CSRFToken string `json:"csrf_token"`
	}
	res.JSON(t, &info)
	if cookie == "" || info.CSRFToken == "" {
		t.Fatalf("sign-in gave no cookie or CSRF token: %v %s", res.Header, res.Body)
	}
	return cookie, info.CSRFToken
}

// azFixture is what the tables act on, all made through the API.
type azFixture struct {
	e   *apitest.Env
	w   *apitest.World
	seq int
	// open is an in-progress visit of the officer's agency; appr an
	// approved one in remediation; other the other agency's approved visit.
	open, appr, other azVisit
	// otherPlanned is a planned visit of the other agency, with its
	// officer's self-assessment otherSelfFinding.
	otherPlanned, otherSelfFinding int64
	// submitVisit is in progress with a conclusion ready to submit;
	// returnVisit has a submitted one.
	submitVisit, returnVisit                                              int64
	scratchAgency, scratchUser, scratchSet, scratchCriterion, scratchPlan int64
}

// azVisit is a visit with one record of each kind.
type azVisit struct {
	id, finding, shortcoming, action, update int64
	// patchAction, verifyAction and reopenAction are moved by one row each;
	// one more action is never verified, so the visit stays approved.
	patchAction, verifyAction, reopenAction int64
	// owners and attachments: by owner type, a record and a file on it.
	owners, attachments map[string]int64
}

func newAzFixture(t *testing.T, e *apitest.Env) *azFixture {
	t.Helper()
	f := &azFixture{e: e, w: e.NewWorld(t)}
	f.addOtherOfficer(t)
	f.open = f.buildVisit(t, e.Agency.ID, false)
	f.appr = f.buildVisit(t, e.Agency.ID, true)
	f.other = f.buildVisit(t, e.Other.ID, true)
	f.otherPlanned = e.NewVisit(t, f.w, e.Other.ID)
	f.otherSelfFinding = f.selfAssess(t, azOtherOfficer, f.otherPlanned, "1.3")
	f.submitVisit = f.startedVisit(t, e.Agency.ID)
	f.putResult(t, f.submitVisit)
	f.returnVisit = f.submittedVisit(t)
	f.scratchAgency = f.create(t, apitest.Admin, "agencies", map[string]any{"code": "AZ-THU", "name": "Cơ quan thử nghiệm", "kind": "unit"})
	f.scratchUser = f.create(t, apitest.Admin, "users", map[string]any{"username": "thu.nghiem", "password": apitest.Password,
		"full_name": "Người dùng thử", "role": "inspector"})
	f.scratchSet = f.create(t, apitest.Admin, "criteria-sets", map[string]any{"year": 2021, "name": "Bộ tiêu chí thử"})
	f.scratchCriterion = f.create(t, apitest.Admin, fmt.Sprintf("criteria-sets/%d/criteria", f.scratchSet),
		map[string]any{"code": "1", "title": "Tiêu chí thử", "measure": "yes_no", "max_score": 1})
	f.scratchPlan = f.create(t, apitest.Inspector, "plans", map[string]any{"year": 2019, "title": "Kế hoạch thử"})
	return f
}

// addOtherOfficer makes the officer of the other agency, as the
// administrator, with a bearer token of their own.
func (f *azFixture) addOtherOfficer(t *testing.T) {
	t.Helper()
	e := f.e
	res := apitest.Expect(t, e.Do(apitest.Admin, "POST", "users", map[string]any{"username": "hoa.nt", "password": apitest.Password,
		"full_name": "Nguyễn Thị Hoa", "title": "Chánh Văn phòng Sở Y tế", "role": "agency_officer", "agency_id": e.Other.ID}), 201)
	var other domain.User
	res.JSON(t, &other)
	e.Users[azOtherOfficer] = &other
	cookie, csrf := azSignIn(t, e, azOtherOfficer)
	var tok struct {
		Token string `json:"token"`
	}
	apitest.Expect(t, e.Send(apitest.Request{Method: "POST", Path: "tokens", Body: map[string]any{"name": "kiểm thử"},
		Header: map[string]string{"Cookie": server.SessionCookie + "=" + cookie, server.CSRFHeader: csrf}}), 201).JSON(t, &tok)
	e.Tokens[azOtherOfficer] = tok.Token
}

// buildVisit makes a visit to the agency with a finding, figures, a
// shortcoming with an action and a file on each record; approved, it also
// has the spare actions, a progress report and files on those.
func (f *azFixture) buildVisit(t *testing.T, agencyID int64, approve bool) azVisit {
	t.Helper()
	e := f.e
	v := azVisit{id: e.NewVisit(t, f.w, agencyID), owners: map[string]int64{}, attachments: map[string]int64{}}
	v.finding = f.teamFinding(t, v.id, "1.1")
	for _, kind := range []string{"procedure-stats", "staffing-stats"} {
		apitest.Expect(t, f.do(t, apitest.Inspector, "PUT", f.putStats(v.id, kind)), 200)
	}
	v.shortcoming = f.create(t, apitest.Inspector, fmt.Sprintf("visits/%d/shortcomings", v.id), map[string]any{"criterion_id": f.w.Crit["1.5"],
		"description": "Số liệu báo cáo chưa cụ thể", "cause": "Chưa đối chiếu với kế hoạch", "severity": "minor"})
	v.action = f.newAction(t, v.shortcoming)
	var c struct {
		ID int64 `json:"id"`
	}
	apitest.Expect(t, e.Do(apitest.Admin, "GET", fmt.Sprintf("visits/%d/conclusion", v.id), nil), 200).JSON(t, &c)
	v.owners = map[string]int64{"visit": v.id, "finding": v.finding, "shortcoming": v.shortcoming, "conclusion": c.ID, "action": v.action}
	for _, owner := range []string{"visit", "finding", "shortcoming", "conclusion"} {
		v.attachments[owner] = apitest.Expect(t, f.do(t, apitest.Inspector, "POST", f.upload(owner, v.owners[owner])), 201).ID(t)
	}
	if !approve {
		return v
	}
	v.patchAction, v.verifyAction, v.reopenAction = f.newAction(t, v.shortcoming), f.newAction(t, v.shortcoming), f.newAction(t, v.shortcoming)
	f.newAction(t, v.shortcoming)
	f.putResult(t, v.id)
	apitest.Expect(t, e.Do(apitest.Inspector, "POST", fmt.Sprintf("visits/%d/conclusion/submit", v.id), nil), 200)
	apitest.Expect(t, e.Do(apitest.Leader, "POST", fmt.Sprintf("visits/%d/conclusion/approve", v.id), nil), 200)
	officer := apitest.Officer
	if agencyID != e.Agency.ID {
		officer = azOtherOfficer
	}
	v.update = f.create(t, officer, fmt.Sprintf("actions/%d/updates", v.action), map[string]any{"note": "Đang bổ sung số liệu"})
	v.owners["action_update"] = v.update
	for _, owner := range []string{"action", "action_update"} {
		v.attachments[owner] = apitest.Expect(t, f.do(t, apitest.Inspector, "POST", f.upload(owner, v.owners[owner])), 201).ID(t)
	}
	return v
}

// adminView reads every record of a visit as the administrator, with the
// audit trail's length, to compare before and after.
func (f *azFixture) adminView(t *testing.T, v azVisit, extra ...string) []string {
	t.Helper()
	p := fmt.Sprintf
	paths := []string{p("visits/%d", v.id), p("visits/%d/findings", v.id), p("findings/%d", v.finding),
		p("visits/%d/procedure-stats", v.id), p("visits/%d/staffing-stats", v.id), p("visits/%d/shortcomings", v.id),
		p("shortcomings/%d", v.shortcoming), p("shortcomings/%d/actions", v.shortcoming), p("actions/%d", v.action),
		p("actions/%d/updates", v.action), p("visits/%d/conclusion", v.id), "audit?per_page=1"}
	paths = append(paths, extra...)
	for owner, id := range v.owners {
		paths = append(paths, p("attachments?owner_type=%s&owner_id=%d", owner, id))
	}
	slices.Sort(paths)
	out := make([]string, len(paths))
	for i, path := range paths {
		res := apitest.Expect(t, f.e.Do(apitest.Admin, "GET", path, nil), 200)
		body := res.Body
		if strings.HasPrefix(path, "audit") {
			var l struct {
				Total int `json:"total"`
			}
			res.JSON(t, &l)
			body = []byte(strconv.Itoa(l.Total))
		}
		out[i] = path + " " + string(body)
	}
	return out
}

func (f *azFixture) next() int { f.seq++; return f.seq }

// do sends a table's request as the role.
func (f *azFixture) do(t *testing.T, as apitest.Role, method string, r azReq) *apitest.Response {
	t.Helper()
	req := r(t, as)
	req.As, req.Method = as, method
	return f.e.Send(req)
}

// create POSTs as the role and returns the new record's ID.
func (f *azFixture) create(t *testing.T, as apitest.Role, path string, body any) int64 {
	t.Helper()
	return apitest.Expect(t, f.e.Do(as, "POST", path, body), http.StatusCreated).ID(t)
}

func (f *azFixture) teamFinding(t *testing.T, visitID int64, code string) int64 {
	t.Helper()
	return f.create(t, apitest.Inspector, fmt.Sprintf("visits/%d/findings", visitID), map[string]any{"criterion_id": f.w.Crit[code],
		"rating": "good", "value": 1, "score": 1, "note": "Ban hành kịp thời"})
}

func (f *azFixture) selfAssess(t *testing.T, as apitest.Role, visitID int64, code string) int64 {
	t.Helper()
	return f.create(t, as, fmt.Sprintf("visits/%d/findings", visitID), map[string]any{"criterion_id": f.w.Crit[code],
		"self_score": 1, "self_note": "Cơ quan tự chấm"})
}

func (f *azFixture) newAction(t *testing.T, shortcomingID int64) int64 {
	t.Helper()
	return f.create(t, apitest.Inspector, fmt.Sprintf("shortcomings/%d/actions", shortcomingID),
		map[string]any{"description": "Báo cáo kết quả khắc phục về Sở Nội vụ", "owner_name": "Văn phòng Sở"})
}

// startedVisit is a visit to the agency moved to in_progress.
func (f *azFixture) startedVisit(t *testing.T, agencyID int64) int64 {
	t.Helper()
	id := f.e.NewVisit(t, f.w, agencyID)
	apitest.Expect(t, f.e.Do(apitest.Inspector, "PATCH", fmt.Sprintf("visits/%d", id),
		map[string]any{"version": azVersion(t, f.e, fmt.Sprintf("visits/%d", id)), "status": "in_progress"}), 200)
	return id
}

// putResult gives a visit's conclusion the overall result that submitting needs.
func (f *azFixture) putResult(t *testing.T, visitID int64) {
	t.Helper()
	path := fmt.Sprintf("visits/%d/conclusion", visitID)
	apitest.Expect(t, f.e.Do(apitest.Inspector, "PUT", path, map[string]any{"version": azVersion(t, f.e, path),
		"overall_result": "good", "strengths": "Hoàn thành tốt mục tiêu Kế hoạch CCHC năm 2019"}), 200)
}

// submittedVisit is a visit of the officer's agency whose conclusion is submitted.
func (f *azFixture) submittedVisit(t *testing.T) int64 {
	t.Helper()
	id := f.startedVisit(t, f.e.Agency.ID)
	f.putResult(t, id)
	apitest.Expect(t, f.e.Do(apitest.Inspector, "POST", fmt.Sprintf("visits/%d/conclusion/submit", id), nil), 200)
	return id
}

// conclusionStatus reads a visit's conclusion status as the administrator.
func (f *azFixture) conclusionStatus(t *testing.T, visitID int64) string {
	t.Helper()
	var c struct {
		Status string `json:"status"`
	}
	apitest.Expect(t, f.e.Do(apitest.Admin, "GET", fmt.Sprintf("visits/%d/conclusion", visitID), nil), 200).JSON(t, &c)
	return c.Status
}

// actionTo moves an action of the approved visit to open or reported_done
// through the workflow, as the team lead, whatever its state.
func (f *azFixture) actionTo(t *testing.T, id int64, want string) {
	t.Helper()
	e := f.e
	for range 4 {
		var a struct {
			Status string `json:"status"`
		}
		apitest.Expect(t, e.Do(apitest.Admin, "GET", fmt.Sprintf("actions/%d", id), nil), 200).JSON(t, &a)
		switch {
		case a.Status == want:
			return
		case a.Status == "open" || a.Status == "in_progress":
			apitest.Expect(t, e.Do(apitest.Inspector, "POST", fmt.Sprintf("actions/%d/updates", id),
				map[string]any{"note": "Đã hoàn thành", "status": "reported_done"}), 201)
		default:
			apitest.Expect(t, e.Do(apitest.Inspector, "POST", fmt.Sprintf("actions/%d/reopen", id), nil), 200)
		}
	}
	t.Fatalf("action %d does not reach %s", id, want)
}

// clearFinding deletes the visit's finding on the criterion, if there is one.
func (f *azFixture) clearFinding(t *testing.T, visitID int64, code string) {
	t.Helper()
	var l struct {
		Items []struct {
			ID          int64 `json:"id"`
			CriterionID int64 `json:"criterion_id"`
			Version     int   `json:"version"`
		} `json:"items"`
	}
	apitest.Expect(t, f.e.Do(apitest.Admin, "GET", fmt.Sprintf("visits/%d/findings?per_page=200", visitID), nil), 200).JSON(t, &l)
	for _, it := range l.Items {
		if it.CriterionID == f.w.Crit[code] {
			apitest.Expect(t, f.e.Do(apitest.Admin, "DELETE", fmt.Sprintf("findings/%d?version=%d", it.ID, it.Version), nil), 204)
		}
	}
}

// The request builders of the tables.

// azAt is a request without a body.
func azAt(path string) azReq {
	return func(*testing.T, apitest.Role) apitest.Request { return apitest.Request{Path: path} }
}

// azWith is a request with a JSON body.
func azWith(path string, body any) azReq {
	return func(*testing.T, apitest.Role) apitest.Request { return apitest.Request{Path: path, Body: body} }
}

// patch changes one text field of a record to a new value each time, with
// the version the administrator reads just before.
func (f *azFixture) patch(path, field, value string) azReq {
	return func(t *testing.T, as apitest.Role) apitest.Request {
		return apitest.Request{Path: path, Body: map[string]any{"version": azVersion(t, f.e, path), field: fmt.Sprintf("%s %d", value, f.next())}}
	}
}

// signIn signs in as the caller's own user (Nobody as the leader: signing
// in needs only the password).
func (f *azFixture) signIn(t *testing.T, as apitest.Role) apitest.Request {
	if as == apitest.Nobody {
		as = apitest.Leader
	}
	return apitest.Request{Path: "session", Body: map[string]string{"username": f.e.Users[as].Username, "password": apitest.Password}}
}

// revokeInspector2Token revokes a fresh token of Inspector2: their own, and
// someone else's for the others.
func (f *azFixture) revokeInspector2Token(t *testing.T, as apitest.Role) apitest.Request {
	id := f.create(t, apitest.Inspector2, "tokens", map[string]any{"name": fmt.Sprintf("tạm %d", f.next())})
	return apitest.Request{Path: fmt.Sprintf("tokens/%d", id)}
}

// azNewPassword is the password the password row changes to and back from.
const azNewPassword = "mật-khẩu-mới-của-đoàn-2019"

// changePassword changes the caller's own password back to the usual one,
// after changing it away just before (so every cell, and every later
// sign-in, finds the usual password).
func (f *azFixture) changePassword(t *testing.T, as apitest.Role) apitest.Request {
	if as != apitest.Nobody {
		apitest.Expect(t, f.e.Do(as, "POST", "me/password", map[string]any{"current_password": apitest.Password, "new_password": azNewPassword}), 204)
	}
	return apitest.Request{Path: "me/password", Body: map[string]any{"current_password": azNewPassword, "new_password": apitest.Password}}
}

// patchCriterion changes the scratch criterion's title, with the version
// read from its set (criteria have no GET of their own).
func (f *azFixture) patchCriterion(t *testing.T, as apitest.Role) apitest.Request {
	var set struct {
		Criteria []struct {
			ID      int64 `json:"id"`
			Version int   `json:"version"`
		} `json:"criteria"`
	}
	apitest.Expect(t, f.e.Do(apitest.Admin, "GET", fmt.Sprintf("criteria-sets/%d", f.scratchSet), nil), 200).JSON(t, &set)
	version := 0
	for _, c := range set.Criteria {
		if c.ID == f.scratchCriterion {
			version = c.Version
		}
	}
	return apitest.Request{Path: fmt.Sprintf("criteria/%d", f.scratchCriterion),
		Body: map[string]any{"version": version, "title": fmt.Sprintf("Tiêu chí thử %d", f.next())}}
}

func (f *azFixture) createAgency(t *testing.T, as apitest.Role) apitest.Request {
	return apitest.Request{Path: "agencies", Body: map[string]any{"code": fmt.Sprintf("AZ%d", f.next()), "name": "Xã Thanh Nưa", "kind": "commune"}}
}

func (f *azFixture) deleteFreshAgency(t *testing.T, as apitest.Role) apitest.Request {
	id := f.create(t, apitest.Admin, "agencies", map[string]any{"code": fmt.Sprintf("AZD%d", f.next()), "name": "Cơ quan sẽ xóa", "kind": "unit"})
	return apitest.Request{Path: fmt.Sprintf("agencies/%d?version=1", id)}
}

func (f *azFixture) createUser(t *testing.T, as apitest.Role) apitest.Request {
	return apitest.Request{Path: "users", Body: map[string]any{"username": fmt.Sprintf("chuyen.vien%d", f.next()), "password": apitest.Password,
		"full_name": "Chuyên viên mới", "role": "inspector"}}
}

func (f *azFixture) addCriterion(t *testing.T, as apitest.Role) apitest.Request {
	return apitest.Request{Path: fmt.Sprintf("criteria-sets/%d/criteria", f.scratchSet),
		Body: map[string]any{"code": fmt.Sprintf("9.%d", f.next()), "title": "Tiêu chí bổ sung", "measure": "percent", "max_score": 2}}
}

// putTeam puts the same team again (the Inspector stays the lead).
func (f *azFixture) putTeam(visitID int64) azReq {
	return func(t *testing.T, as apitest.Role) apitest.Request {
		return apitest.Request{Path: fmt.Sprintf("visits/%d/team", visitID), Body: map[string]any{
			"version": azVersion(t, f.e, fmt.Sprintf("visits/%d", visitID)),
			"members": []map[string]any{
				{"user_id": f.e.Users[apitest.Inspector].ID, "role": "lead"},
				{"full_name": "Nguyễn Thu Trang", "title": "Chuyên viên Sở Nội vụ", "role": "secretary"},
			}}}
	}
}

// azOfficer reports whether the caller is an agency officer, who sends the
// self-assessment where the team sends its own assessment.
func azOfficer(as apitest.Role) bool { return as == apitest.Officer || as == azOtherOfficer }

// createFinding records a finding on criterion 5.2, after removing the one
// an earlier cell recorded.
func (f *azFixture) createFinding(visitID int64) azReq {
	return func(t *testing.T, as apitest.Role) apitest.Request {
		f.clearFinding(t, visitID, "5.2")
		body := map[string]any{"criterion_id": f.w.Crit["5.2"], "rating": "good", "value": 1, "score": 1, "note": "Đã phê duyệt vị trí việc làm"}
		if azOfficer(as) {
			body = map[string]any{"criterion_id": f.w.Crit["5.2"], "self_score": 1, "self_note": "Cơ quan tự đánh giá"}
		}
		return apitest.Request{Path: fmt.Sprintf("visits/%d/findings", visitID), Body: body}
	}
}

func (f *azFixture) patchFinding(id int64) azReq {
	return func(t *testing.T, as apitest.Role) apitest.Request {
		path := fmt.Sprintf("findings/%d", id)
		field := "note"
		if azOfficer(as) {
			field = "self_note"
		}
		return apitest.Request{Path: path, Body: map[string]any{"version": azVersion(t, f.e, path), field: fmt.Sprintf("Nhận xét %d", f.next())}}
	}
}

func (f *azFixture) deleteFreshFinding(t *testing.T, as apitest.Role) apitest.Request {
	f.clearFinding(t, f.open.id, "5.1")
	return apitest.Request{Path: fmt.Sprintf("findings/%d?version=1", f.teamFinding(t, f.open.id, "5.1"))}
}

func (f *azFixture) deleteWithVersion(path string) azReq {
	return func(t *testing.T, as apitest.Role) apitest.Request {
		return apitest.Request{Path: fmt.Sprintf("%s?version=%d", path, azVersion(t, f.e, path))}
	}
}

// putStats puts a visit's procedure or staffing figures with the version
// read just before (none for the first recording).
func (f *azFixture) putStats(visitID int64, kind string) azReq {
	return func(t *testing.T, as apitest.Role) apitest.Request {
		path := fmt.Sprintf("visits/%d/%s", visitID, kind)
		n := f.next()
		body := map[string]any{"deputies_actual": 3, "deputies_max": 3, "quota_assigned": 40 + n, "staff_present": 38, "job_positions_approved": true}
		if kind == "procedure-stats" {
			body = map[string]any{"procedures_total": 120 + n, "online_full": 30, "online_partial": 60, "one_stop_shop": true,
				"interagency_one_stop_shop": true, "files_received": 500, "files_on_time": 480, "files_late": 5, "files_pending": 15,
				"apology_letters": 5}
		}
		if res := f.e.Do(apitest.Admin, "GET", path, nil); res.Status == http.StatusOK {
			var v struct {
				Version int `json:"version"`
			}
			res.JSON(t, &v)
			body["version"] = v.Version
		}
		return apitest.Request{Path: path, Body: body}
	}
}

func (f *azFixture) deleteFreshShortcoming(t *testing.T, as apitest.Role) apitest.Request {
	id := f.create(t, apitest.Inspector, fmt.Sprintf("visits/%d/shortcomings", f.open.id), map[string]any{"description": "Tồn tại sẽ xóa"})
	return apitest.Request{Path: fmt.Sprintf("shortcomings/%d?version=1", id)}
}

// startAction moves an open action to in_progress (after reopening it).
func (f *azFixture) startAction(id int64) azReq {
	return func(t *testing.T, as apitest.Role) apitest.Request {
		f.actionTo(t, id, "open")
		path := fmt.Sprintf("actions/%d", id)
		return apitest.Request{Path: path, Body: map[string]any{"version": azVersion(t, f.e, path), "status": "in_progress"}}
	}
}

// judge verifies or reopens an action reported done just before.
func (f *azFixture) judge(id int64, step string) azReq {
	return func(t *testing.T, as apitest.Role) apitest.Request {
		f.actionTo(t, id, "reported_done")
		return apitest.Request{Path: fmt.Sprintf("actions/%d/%s", id, step), Body: map[string]any{"note": "Đã kiểm tra hồ sơ"}}
	}
}

// submit submits the conclusion of submitVisit, after the leader returned
// what an earlier cell submitted.
func (f *azFixture) submit(t *testing.T, as apitest.Role) apitest.Request {
	if f.conclusionStatus(t, f.submitVisit) == "submitted" {
		apitest.Expect(t, f.e.Do(apitest.Leader, "POST", fmt.Sprintf("visits/%d/conclusion/return", f.submitVisit),
			map[string]any{"note": "Trả lại để kiểm thử"}), 200)
	}
	return apitest.Request{Path: fmt.Sprintf("visits/%d/conclusion/submit", f.submitVisit)}
}

// approve approves a fresh submitted conclusion: approval is final.
func (f *azFixture) approve(t *testing.T, as apitest.Role) apitest.Request {
	return apitest.Request{Path: fmt.Sprintf("visits/%d/conclusion/approve", f.submittedVisit(t))}
}

// ret returns the conclusion of returnVisit, after the lead submitted again
// what an earlier cell returned.
func (f *azFixture) ret(t *testing.T, as apitest.Role) apitest.Request {
	if f.conclusionStatus(t, f.returnVisit) == "returned" {
		apitest.Expect(t, f.e.Do(apitest.Inspector, "POST", fmt.Sprintf("visits/%d/conclusion/submit", f.returnVisit), nil), 200)
	}
	return apitest.Request{Path: fmt.Sprintf("visits/%d/conclusion/return", f.returnVisit),
		Body: map[string]any{"note": "Đề nghị bổ sung phần nguyên nhân"}}
}

// upload attaches a small PNG to a record.
func (f *azFixture) upload(ownerType string, ownerID int64) azReq {
	return func(t *testing.T, as apitest.Role) apitest.Request {
		return apitest.Request{Path: "attachments", Body: &apitest.Multipart{
			Fields:   map[string]string{"owner_type": ownerType, "owner_id": strconv.FormatInt(ownerID, 10)},
			FileName: "minh-chung.png", File: azPNG}}
	}
}

// deleteFreshAttachment removes a file the team lead attached just before
// to an action in remediation.
func (f *azFixture) deleteFreshAttachment(t *testing.T, as apitest.Role) apitest.Request {
	id := apitest.Expect(t, f.do(t, apitest.Inspector, "POST", f.upload("action", f.appr.action)), 201).ID(t)
	return apitest.Request{Path: fmt.Sprintf("attachments/%d", id)}
}

// azVersion reads a record's version as the administrator.
func azVersion(t testing.TB, e *apitest.Env, path string) int {
	t.Helper()
	var v struct {
		Version int `json:"version"`
	}
	apitest.Expect(t, e.Do(apitest.Admin, "GET", path, nil), http.StatusOK).JSON(t, &v)
	return v.Version
}

// azProblem is the status, type and detail of an error answer.
func azProblem(t testing.TB, r *apitest.Response) string {
	t.Helper()
	var p struct {
		Type, Detail string
		Status       int
	}
	r.JSON(t, &p)
	return fmt.Sprintf("%d %s %s", p.Status, p.Type, p.Detail)
}

func azShort(body []byte) string {
	if len(body) > 300 {
		return string(body[:300]) + "…"
	}
	return string(body)
}

func azDiff(before, after []string) string {
	var b strings.Builder
	for i := range max(len(before), len(after)) {
		var x, y string
		if i < len(before) {
			x = before[i]
		}
		if i < len(after) {
			y = after[i]
		}
		if x != y {
			fmt.Fprintf(&b, "  before: %s\n  after:  %s\n", azShort([]byte(x)), azShort([]byte(y)))
		}
	}
	return b.String()
}

// azPNG is a 1×1 PNG: evidence that passes the type check by content.
var azPNG = func() []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		panic(err)
	}
	return b.Bytes()
}()
