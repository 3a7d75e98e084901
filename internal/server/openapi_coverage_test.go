package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/server"
	"github.com/cchc-inspect/cchc/internal/server/apitest"
)

// pdf is the smallest file the server takes for a PDF: the type is judged
// by the bytes.
var pdf = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

// TestEveryOperation walks every operation of docs/openapi.yaml through the
// real server, a whole inspection from sign-in to the closed visit, with
// the answers each role and each broken rule gets. TestMain then holds
// every answer to the document.
func TestEveryOperation(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		c := &walk{t: t, e: e}
		w := e.NewWorld(t)
		c.session()
		c.agenciesAndUsers()
		c.criteriaAndPlans(w)
		c.visit(w)
		c.attachmentsAndAudit(w)
		c.meta()
	})
}

// walk holds the environment of TestEveryOperation and its helpers.
type walk struct {
	t *testing.T
	e *apitest.Env
}

// do sends a request as a role and checks the status.
func (c *walk) do(as apitest.Role, method, path string, body any, status int) *apitest.Response {
	c.t.Helper()
	return c.send(apitest.Request{As: as, Method: method, Path: path, Body: body}, status)
}

// send sends a full request and checks the status. A request the server
// accepts must also be one the document accepts: its parameters and JSON
// body are held to the operation's.
func (c *walk) send(r apitest.Request, status int) *apitest.Response {
	c.t.Helper()
	if status < 300 {
		c.documented(r)
	}
	return apitest.Expect(c.t, c.e.Send(r), status)
}

var (
	docOnce   sync.Once
	docRouter routers.Router
	docErr    error
)

// documented fails the test unless the request matches its operation in
// docs/openapi.yaml (multipart bodies are left to the server).
func (c *walk) documented(r apitest.Request) {
	c.t.Helper()
	docOnce.Do(func() { _, docRouter, docErr = apitest.LoadOpenAPI() })
	if docErr != nil {
		c.t.Fatal(docErr)
	}
	path := r.Path
	if !strings.HasPrefix(path, "/") {
		path = "/api/v1/" + path
	}
	var body []byte
	switch b := r.Body.(type) {
	case nil, *apitest.Multipart:
	case []byte:
		body = b
	default:
		body, _ = json.Marshal(b)
	}
	req := httptest.NewRequest(r.Method, path, bytes.NewReader(body))
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range r.Header {
		req.Header.Set(k, v)
	}
	route, params, err := docRouter.FindRoute(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", r.Method, path, err)
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true,
			ExcludeRequestBody: body == nil}}
	if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
		c.t.Fatalf("%s %s %s: the server takes it, the document does not: %v", r.Method, path, body, err)
	}
}

// problem checks that an error answer names the field with the code.
func (c *walk) problem(r *apitest.Response, field, code string) {
	c.t.Helper()
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
		c.t.Fatalf("content type %q, want application/problem+json: %s", ct, r.Body)
	}
	var p struct {
		Status int `json:"status"`
		Errors []struct {
			Field string `json:"field"`
			Code  string `json:"code"`
		} `json:"errors"`
	}
	r.JSON(c.t, &p)
	if p.Status != r.Status {
		c.t.Fatalf("problem status %d in a %d answer", p.Status, r.Status)
	}
	if field == "" {
		return
	}
	for _, f := range p.Errors {
		if f.Field == field && f.Code == code {
			return
		}
	}
	c.t.Fatalf("no error %s %s in %s", field, code, r.Body)
}

// version reads the version of a record answer.
func version(t testing.TB, r *apitest.Response) int {
	t.Helper()
	var v struct {
		Version int `json:"version"`
	}
	r.JSON(t, &v)
	return v.Version
}

func (c *walk) session() {
	t, e := c.t, c.e
	b := e.SignIn(apitest.Leader)
	var info struct {
		User      domain.User `json:"user"`
		CSRFToken string      `json:"csrf_token"`
		ExpiresAt *string     `json:"expires_at"`
	}
	apitest.Expect(t, b.Do("GET", "session", nil), http.StatusOK).JSON(t, &info)
	if info.CSRFToken != b.CSRF || info.ExpiresAt == nil || info.User.Role != domain.RoleLeader {
		t.Fatalf("cookie session = %+v", info)
	}
	info = struct {
		User      domain.User `json:"user"`
		CSRFToken string      `json:"csrf_token"`
		ExpiresAt *string     `json:"expires_at"`
	}{}
	c.do(apitest.Admin, "GET", "session", nil, http.StatusOK).JSON(t, &info)
	if info.CSRFToken != "" || info.ExpiresAt != nil {
		t.Fatalf("bearer session = %+v", info)
	}

	bad := map[string]string{"username": e.Users[apitest.Leader].Username, "password": "sai-mat-khau-roi-nhe"}
	c.problem(c.do(apitest.Nobody, "POST", "session", bad, http.StatusUnauthorized), "", "")
	c.problem(c.send(apitest.Request{Method: "POST", Path: "session", Body: []byte(`{"username":"a"}`), ContentType: "text/plain"},
		http.StatusUnsupportedMediaType), "", "")
	c.problem(c.do(apitest.Nobody, "POST", "session", map[string]string{"username": "a", "password": "b", "otp": "1"}, http.StatusBadRequest),
		"otp", "unknown")
	c.problem(c.do(apitest.Nobody, "POST", "session", map[string]string{"username": "", "password": "x"}, http.StatusUnprocessableEntity),
		"username", "required")
	huge := []byte(`{"username":"` + strings.Repeat("a", 1<<20) + `","password":"x"}`)
	c.problem(c.send(apitest.Request{Method: "POST", Path: "session", Body: huge, ContentType: "application/json"}, http.StatusRequestEntityTooLarge), "", "")

	var me domain.User
	c.do(apitest.Inspector, "GET", "me", nil, http.StatusOK).JSON(t, &me)
	if me.ID != e.Users[apitest.Inspector].ID {
		t.Fatalf("me = %+v", me)
	}
	c.problem(c.do(apitest.Nobody, "GET", "me", nil, http.StatusUnauthorized), "", "")
	c.problem(c.send(apitest.Request{Method: "GET", Path: "me", Header: map[string]string{"Authorization": "Basic eDp5"}}, http.StatusUnauthorized), "", "")

	var tok struct {
		ID    int64  `json:"id"`
		Name  string `json:"name"`
		Token string `json:"token"`
	}
	c.do(apitest.Inspector, "POST", "tokens", map[string]string{"name": "báo cáo hằng tuần"}, http.StatusCreated).JSON(t, &tok)
	if !strings.HasPrefix(tok.Token, "cchc_") || tok.Name != "báo cáo hằng tuần" {
		t.Fatalf("token = %+v", tok)
	}
	c.problem(c.do(apitest.Inspector, "POST", "tokens", map[string]string{"name": ""}, http.StatusUnprocessableEntity), "name", "required")
	var tokens server.List[domain.APIToken]
	c.do(apitest.Inspector, "GET", "tokens", nil, http.StatusOK).JSON(t, &tokens)
	if tokens.Total != 2 || tokens.Items[0].ID != tok.ID {
		t.Fatalf("tokens = %+v", tokens)
	}
	c.problem(c.do(apitest.Inspector2, "DELETE", apitest.Path("tokens/%d", tok.ID), nil, http.StatusNotFound), "", "")
	c.do(apitest.Inspector, "DELETE", apitest.Path("tokens/%d", tok.ID), nil, http.StatusNoContent)
	c.problem(c.send(apitest.Request{Method: "GET", Path: "me", Header: map[string]string{"Authorization": "Bearer " + tok.Token}}, http.StatusUnauthorized), "", "")

	// Cookie writes need the CSRF token.
	c.problem(apitest.Expect(t, b.Send(apitest.Request{Method: "POST", Path: "tokens", Body: map[string]string{"name": "x"}}), http.StatusForbidden), "", "")
	c.problem(apitest.Expect(t, b.Send(apitest.Request{Method: "DELETE", Path: "session"}), http.StatusForbidden), "", "")
	apitest.Expect(t, b.Do("DELETE", "session", nil), http.StatusNoContent)
	c.problem(apitest.Expect(t, b.Do("GET", "session", nil), http.StatusUnauthorized), "", "")
}

func (c *walk) agenciesAndUsers() {
	t, e := c.t, c.e
	var agencies server.List[domain.Agency]
	c.do(apitest.Leader, "GET", "agencies?active=true&q=so", nil, http.StatusOK).JSON(t, &agencies)
	if agencies.Total != 2 || agencies.Items[0].Code != "SKHCN" {
		t.Fatalf("agencies = %+v", agencies)
	}
	c.do(apitest.Officer, "GET", "agencies", nil, http.StatusOK).JSON(t, &agencies)
	if agencies.Total != 1 || agencies.Items[0].ID != e.Agency.ID {
		t.Fatalf("officer's agencies = %+v", agencies)
	}
	c.problem(c.do(apitest.Admin, "GET", "agencies?active=maybe", nil, http.StatusBadRequest), "active", "type")
	c.problem(c.do(apitest.Admin, "GET", "agencies?kind=province&per_page=201", nil, http.StatusUnprocessableEntity), "kind", "oneof")

	newAgency := map[string]any{"code": "STTTT", "name": "Sở Thông tin và Truyền thông tỉnh Điện Biên", "kind": "department", "province": "Điện Biên"}
	res := c.do(apitest.Admin, "POST", "agencies", newAgency, http.StatusCreated)
	agencyID, v := res.ID(t), version(t, res)
	c.problem(c.do(apitest.Admin, "POST", "agencies", newAgency, http.StatusConflict), "code", "unique")
	c.problem(c.do(apitest.Inspector, "POST", "agencies", newAgency, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Admin, "POST", "agencies", map[string]any{"code": "S T", "name": "x", "kind": "department"}, http.StatusUnprocessableEntity),
		"code", "excludesall")
	c.do(apitest.Officer, "GET", apitest.Path("agencies/%d", e.Agency.ID), nil, http.StatusOK)
	c.problem(c.do(apitest.Officer, "GET", apitest.Path("agencies/%d", e.Other.ID), nil, http.StatusNotFound), "", "")
	c.problem(c.do(apitest.Admin, "GET", "agencies/abc", nil, http.StatusNotFound), "", "")

	path := apitest.Path("agencies/%d", agencyID)
	res = c.do(apitest.Admin, "PATCH", path, map[string]any{"version": v, "active": false, "successor_id": e.Agency.ID}, http.StatusOK)
	if version(t, res) != v+1 {
		t.Fatalf("version after PATCH: %s", res.Body)
	}
	c.problem(c.do(apitest.Admin, "PATCH", path, map[string]any{"version": v, "name": "x"}, http.StatusConflict), "", "")
	c.problem(c.do(apitest.Admin, "PATCH", path, map[string]any{"name": "x"}, http.StatusUnprocessableEntity), "version", "required")
	c.problem(c.send(apitest.Request{As: apitest.Admin, Method: "PATCH", Path: path, Body: map[string]any{"parent_id": agencyID},
		Header: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, v+1)}}, http.StatusUnprocessableEntity), "parent_id", "self")
	c.problem(c.send(apitest.Request{As: apitest.Admin, Method: "PATCH", Path: path, Body: []byte(`{"name":"x"}`), ContentType: "text/plain"},
		http.StatusUnsupportedMediaType), "", "")
	c.problem(c.do(apitest.Leader, "PATCH", path, map[string]any{"version": v + 1, "name": "x"}, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Admin, "PATCH", apitest.Path("agencies/%d", 99999), map[string]any{"version": 1}, http.StatusNotFound), "", "")
	c.problem(c.do(apitest.Admin, "DELETE", path+"?version=x", nil, http.StatusBadRequest), "version", "type")
	c.problem(c.do(apitest.Admin, "DELETE", path, nil, http.StatusUnprocessableEntity), "version", "required")
	c.problem(c.do(apitest.Admin, "DELETE", apitest.Path("agencies/%d?version=1", e.Agency.ID), nil, http.StatusConflict), "", "")
	c.problem(c.do(apitest.Inspector, "DELETE", apitest.Path("%s?version=%d", path, v+1), nil, http.StatusForbidden), "", "")
	c.do(apitest.Admin, "DELETE", apitest.Path("%s?version=%d", path, v+1), nil, http.StatusNoContent)
	c.problem(c.do(apitest.Admin, "GET", path, nil, http.StatusNotFound), "", "")

	var users server.List[domain.User]
	c.do(apitest.Leader, "GET", "users?role=inspector", nil, http.StatusOK).JSON(t, &users)
	if users.Total != 2 {
		t.Fatalf("inspectors = %+v", users)
	}
	c.do(apitest.Officer, "GET", "users", nil, http.StatusOK).JSON(t, &users)
	if users.Total != 1 || users.Items[0].ID != e.Users[apitest.Officer].ID {
		t.Fatalf("officer's users = %+v", users)
	}
	c.problem(c.do(apitest.Admin, "GET", "users?role=boss", nil, http.StatusUnprocessableEntity), "role", "oneof")
	c.problem(c.do(apitest.Admin, "GET", "users?agency_id=x", nil, http.StatusBadRequest), "agency_id", "type")
	newUser := map[string]any{"username": "trang.nt", "password": "mat-khau-du-dai-2019", "full_name": "Nguyễn Thu Trang",
		"title": "Chuyên viên Sở Nội vụ", "role": "inspector"}
	res = c.do(apitest.Admin, "POST", "users", newUser, http.StatusCreated)
	userID, v := res.ID(t), version(t, res)
	if strings.Contains(string(res.Body), "password") {
		t.Fatalf("a password in %s", res.Body)
	}
	c.problem(c.do(apitest.Admin, "POST", "users", newUser, http.StatusConflict), "username", "unique")
	c.problem(c.do(apitest.Admin, "POST", "users", map[string]any{"username": "x.y", "password": "ngan", "full_name": "X", "role": "agency_officer"},
		http.StatusUnprocessableEntity), "agency_id", "required_for_officer")
	c.problem(c.do(apitest.Leader, "POST", "users", newUser, http.StatusForbidden), "", "")
	c.do(apitest.Officer, "GET", apitest.Path("users/%d", e.Users[apitest.Officer].ID), nil, http.StatusOK)
	c.problem(c.do(apitest.Officer, "GET", apitest.Path("users/%d", userID), nil, http.StatusNotFound), "", "")
	path = apitest.Path("users/%d", userID)
	c.do(apitest.Admin, "PATCH", path, map[string]any{"version": v, "title": "Phó Trưởng phòng CCHC", "password": "mat-khau-moi-2020-abc"}, http.StatusOK)
	c.problem(c.do(apitest.Admin, "PATCH", path, map[string]any{"version": v, "title": "x"}, http.StatusConflict), "", "")
	b := e.SignInWith("trang.nt", "mat-khau-moi-2020-abc")
	change := map[string]string{"current_password": "mat-khau-sai-2020-abc", "new_password": "mat-khau-thu-ba-2021"}
	c.problem(apitest.Expect(t, b.Do("POST", "me/password", change), http.StatusUnprocessableEntity), "current_password", "wrong_password")
	c.problem(apitest.Expect(t, b.Send(apitest.Request{Method: "POST", Path: "me/password", Body: change}), http.StatusForbidden), "", "")
	change["current_password"] = "mat-khau-moi-2020-abc"
	apitest.Expect(t, b.Do("POST", "me/password", change), http.StatusNoContent)
	apitest.Expect(t, b.Do("GET", "me", nil), http.StatusOK)
	c.problem(c.do(apitest.Nobody, "POST", "me/password", change, http.StatusUnauthorized), "", "")
	c.problem(c.do(apitest.Admin, "PATCH", apitest.Path("users/%d", e.Users[apitest.Admin].ID), map[string]any{"version": 1, "active": false},
		http.StatusUnprocessableEntity), "active", "own_account")
	c.problem(c.do(apitest.Inspector, "PATCH", path, map[string]any{"version": v + 1, "title": "x"}, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Admin, "PATCH", "users/99999", map[string]any{"version": 1}, http.StatusNotFound), "", "")
}

func (c *walk) criteriaAndPlans(w *apitest.World) {
	t := c.t
	var sets server.List[domain.CriteriaSet]
	c.do(apitest.Officer, "GET", "criteria-sets?year=2019", nil, http.StatusOK).JSON(t, &sets)
	if sets.Total != 1 || sets.Items[0].ID != w.SetID || sets.Items[0].Criteria != nil {
		t.Fatalf("sets = %+v", sets)
	}
	c.problem(c.do(apitest.Admin, "GET", "criteria-sets?year=1999", nil, http.StatusUnprocessableEntity), "year", "gte")
	c.problem(c.do(apitest.Admin, "GET", "criteria-sets?page=x", nil, http.StatusBadRequest), "page", "type")

	var set domain.CriteriaSet
	c.do(apitest.Inspector, "GET", apitest.Path("criteria-sets/%d", w.SetID), nil, http.StatusOK).JSON(t, &set)
	if !set.InUse || len(set.Criteria) != len(w.Crit) {
		t.Fatalf("set = in use %v, %d criteria", set.InUse, len(set.Criteria))
	}
	c.problem(c.do(apitest.Admin, "GET", "criteria-sets/99999", nil, http.StatusNotFound), "", "")

	copyBody := map[string]any{"year": 2020, "name": "Bộ tiêu chí kiểm tra CCHC năm 2020", "copy_from_id": w.SetID}
	res := c.do(apitest.Admin, "POST", "criteria-sets", copyBody, http.StatusCreated)
	res.JSON(t, &set)
	if set.CopiedFromID == nil || *set.CopiedFromID != w.SetID || len(set.Criteria) != len(w.Crit) || set.InUse {
		t.Fatalf("copy = %s", res.Body)
	}
	copyID := set.ID
	c.problem(c.do(apitest.Admin, "POST", "criteria-sets", copyBody, http.StatusConflict), "name", "unique")
	c.problem(c.do(apitest.Admin, "POST", "criteria-sets", map[string]any{"year": 2021, "name": "x", "copy_from_id": 99999},
		http.StatusUnprocessableEntity), "copy_from_id", "not_found")
	c.problem(c.do(apitest.Inspector, "POST", "criteria-sets", map[string]any{"year": 2021, "name": "x"}, http.StatusForbidden), "", "")

	crit := map[string]any{"code": "7.1", "title": "Văn bản điện tử và chữ ký số", "measure": "percent", "max_score": 2, "sort_order": 71}
	c.problem(c.do(apitest.Admin, "POST", apitest.Path("criteria-sets/%d/criteria", w.SetID), crit, http.StatusConflict), "", "")
	res = c.do(apitest.Admin, "POST", apitest.Path("criteria-sets/%d/criteria", copyID), crit, http.StatusCreated)
	critID, v := res.ID(t), version(t, res)
	c.problem(c.do(apitest.Admin, "POST", apitest.Path("criteria-sets/%d/criteria", copyID), crit, http.StatusConflict), "code", "unique")
	c.problem(c.do(apitest.Admin, "POST", "criteria-sets/99999/criteria", crit, http.StatusNotFound), "", "")
	c.problem(c.do(apitest.Admin, "POST", apitest.Path("criteria-sets/%d/criteria", copyID),
		map[string]any{"code": "8", "title": "Khác", "measure": "area", "max_score": 1}, http.StatusUnprocessableEntity), "max_score", "area_not_assessable")
	c.problem(c.do(apitest.Leader, "POST", apitest.Path("criteria-sets/%d/criteria", copyID), crit, http.StatusForbidden), "", "")

	res = c.do(apitest.Admin, "PATCH", apitest.Path("criteria/%d", critID), map[string]any{"version": v, "max_score": nil}, http.StatusOK)
	var cr domain.Criterion
	res.JSON(t, &cr)
	if cr.MaxScore != nil || cr.Version != v+1 {
		t.Fatalf("criterion = %s", res.Body)
	}
	c.problem(c.do(apitest.Admin, "PATCH", apitest.Path("criteria/%d", w.Crit["1.1"]), map[string]any{"version": 1, "title": "x"}, http.StatusConflict), "", "")
	c.problem(c.do(apitest.Admin, "PATCH", apitest.Path("criteria/%d", critID), map[string]any{"version": v + 1, "parent_id": critID},
		http.StatusUnprocessableEntity), "parent_id", "self")
	c.problem(c.do(apitest.Inspector, "PATCH", apitest.Path("criteria/%d", critID), map[string]any{"version": v + 1}, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Admin, "PATCH", "criteria/99999", map[string]any{"version": 1}, http.StatusNotFound), "", "")

	var plans server.List[domain.Plan]
	c.do(apitest.Officer, "GET", "plans?year=2019&status=issued&q=ke%20hoach", nil, http.StatusOK).JSON(t, &plans)
	if plans.Total != 1 || plans.Items[0].ID != w.PlanID {
		t.Fatalf("plans = %+v", plans)
	}
	c.problem(c.do(apitest.Admin, "GET", "plans?status=old", nil, http.StatusUnprocessableEntity), "status", "oneof")
	c.problem(c.do(apitest.Admin, "GET", "plans?year=next", nil, http.StatusBadRequest), "year", "type")
	res = c.do(apitest.Admin, "POST", "plans", map[string]any{"year": 2020, "title": "Kế hoạch kiểm tra CCHC năm 2020"}, http.StatusCreated)
	var plan domain.Plan
	res.JSON(t, &plan)
	if plan.Status != domain.PlanDraft {
		t.Fatalf("plan = %s", res.Body)
	}
	c.problem(c.do(apitest.Officer, "POST", "plans", map[string]any{"year": 2020, "title": "x"}, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Inspector, "POST", "plans", map[string]any{"year": 1999, "title": ""}, http.StatusUnprocessableEntity), "year", "gte")
	c.do(apitest.Officer, "GET", apitest.Path("plans/%d", w.PlanID), nil, http.StatusOK)
	c.problem(c.do(apitest.Officer, "GET", "plans/99999", nil, http.StatusNotFound), "", "")
	path := apitest.Path("plans/%d", w.PlanID)
	c.problem(c.do(apitest.Inspector, "PATCH", path, map[string]any{"version": 1, "year": 2020}, http.StatusUnprocessableEntity), "year", "plan_has_visits")
	c.do(apitest.Inspector, "PATCH", path, map[string]any{"version": 1, "issued_by": "UBND tỉnh Điện Biên (bản sửa)"}, http.StatusOK)
	c.problem(c.do(apitest.Inspector, "PATCH", path, map[string]any{"version": 1, "issued_by": "x"}, http.StatusConflict), "", "")
	c.problem(c.do(apitest.Leader, "PATCH", path, map[string]any{"version": 2, "issued_by": "x"}, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Admin, "PATCH", "plans/99999", map[string]any{"version": 1}, http.StatusNotFound), "", "")
}

// visit runs the visit of the world from planning to closing.
func (c *walk) visit(w *apitest.World) {
	t, e := c.t, c.e
	vpath := apitest.Path("visits/%d", w.VisitID)
	var visits server.List[domain.Visit]
	c.do(apitest.Inspector, "GET", "visits?mine=true&year=2019", nil, http.StatusOK).JSON(t, &visits)
	if visits.Total != 1 || visits.Items[0].ID != w.VisitID {
		t.Fatalf("my visits = %+v", visits)
	}
	c.do(apitest.Inspector2, "GET", "visits?mine=true", nil, http.StatusOK).JSON(t, &visits)
	if visits.Total != 0 {
		t.Fatalf("inspector2's visits = %+v", visits)
	}
	c.problem(c.do(apitest.Admin, "GET", "visits?status=done", nil, http.StatusUnprocessableEntity), "status", "oneof")
	c.problem(c.do(apitest.Admin, "GET", "visits?plan_id=abc", nil, http.StatusBadRequest), "plan_id", "type")

	// A second visit, to the other agency, cancelled at once.
	other := map[string]any{"plan_id": w.PlanID, "agency_id": e.Other.ID, "criteria_set_id": w.SetID, "scheduled_on": "2019-10-15",
		"agency_representatives": []map[string]string{{"full_name": "Vừ A Dính", "title": "Giám đốc Sở Y tế"}}}
	res := c.do(apitest.Inspector, "POST", "visits", other, http.StatusCreated)
	var d domain.VisitDetail
	res.JSON(t, &d)
	if d.Status != domain.VisitPlanned || d.Kind != domain.VisitOnSite || len(d.Team) != 0 || d.Year != 2019 {
		t.Fatalf("new visit = %s", res.Body)
	}
	c.problem(c.do(apitest.Officer, "POST", "visits", other, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Inspector, "POST", "visits", map[string]any{"plan_id": 99999, "agency_id": e.Other.ID, "criteria_set_id": w.SetID},
		http.StatusUnprocessableEntity), "plan_id", "not_found")
	c.problem(c.do(apitest.Inspector, "PATCH", apitest.Path("visits/%d", d.ID), map[string]any{"version": d.Version, "status": "cancelled"},
		http.StatusForbidden), "", "")
	c.do(apitest.Admin, "PATCH", apitest.Path("visits/%d", d.ID), map[string]any{"version": d.Version, "status": "cancelled"}, http.StatusOK)

	c.do(apitest.Officer, "GET", vpath, nil, http.StatusOK).JSON(t, &d)
	if d.Status != domain.VisitPlanned || d.Agency == nil || len(d.Team) != 2 {
		t.Fatalf("officer's view of the planned visit = %+v", d)
	}
	c.problem(c.do(apitest.Officer, "GET", apitest.Path("visits/%d", d.ID+1), nil, http.StatusNotFound), "", "")
	res = c.do(apitest.Inspector, "PATCH", vpath, map[string]any{"version": d.Version, "location": "Trụ sở Sở KH&CN, TP Điện Biên Phủ",
		"agency_representatives": []map[string]string{{"full_name": "Lê Văn Quang", "title": "Phó Giám đốc Sở KH&CN"}}}, http.StatusOK)
	v := version(t, res)
	c.problem(c.do(apitest.Inspector2, "PATCH", vpath, map[string]any{"version": v, "location": "x"}, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Inspector, "PATCH", vpath, map[string]any{"version": v, "status": "approved"}, http.StatusConflict), "", "")
	c.problem(c.do(apitest.Inspector, "PATCH", vpath, map[string]any{"version": v - 1, "location": "x"}, http.StatusConflict), "", "")
	c.problem(c.do(apitest.Inspector, "PATCH", vpath, map[string]any{"version": v, "visited_on": "26/09/2019"}, http.StatusBadRequest), "", "")
	c.problem(c.do(apitest.Inspector, "PATCH", vpath, map[string]any{"version": v, "criteria_set_id": 99999}, http.StatusUnprocessableEntity),
		"criteria_set_id", "not_found")
	c.problem(c.do(apitest.Inspector, "PATCH", "visits/99999", map[string]any{"version": 1}, http.StatusNotFound), "", "")

	team := []map[string]any{
		{"user_id": e.Users[apitest.Inspector].ID, "role": "lead"},
		{"user_id": e.Users[apitest.Inspector2].ID, "role": "member"},
		{"full_name": "Nguyễn Thu Trang", "title": "Chuyên viên Sở Nội vụ", "role": "secretary"},
	}
	res = c.send(apitest.Request{As: apitest.Inspector, Method: "PUT", Path: vpath + "/team", Body: team,
		Header: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, v)}}, http.StatusOK)
	res.JSON(t, &d)
	if len(d.Team) != 3 || d.Team[1].FullName != e.Users[apitest.Inspector2].FullName || d.Version != v+1 {
		t.Fatalf("team = %s", res.Body)
	}
	v = d.Version
	c.problem(c.do(apitest.Inspector, "PUT", vpath+"/team", map[string]any{"version": v, "members": team[1:]}, http.StatusUnprocessableEntity),
		"members", "lead_required")
	c.problem(c.do(apitest.Inspector, "PUT", vpath+"/team", map[string]any{"version": v - 1, "members": team}, http.StatusConflict), "", "")
	c.problem(c.do(apitest.Officer, "PUT", vpath+"/team", map[string]any{"version": v, "members": team}, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Admin, "PUT", "visits/99999/team", map[string]any{"version": 1, "members": team}, http.StatusNotFound), "", "")

	// The agency's self-assessment, then the team's findings.
	fpath := vpath + "/findings"
	c.do(apitest.Officer, "POST", fpath, map[string]any{"criterion_id": w.Crit["1.3"], "self_score": 1, "self_note": "Tuyên truyền đa dạng"}, http.StatusCreated)
	c.problem(c.do(apitest.Officer, "POST", fpath, map[string]any{"criterion_id": w.Crit["3.3"], "rating": "good"}, http.StatusForbidden), "", "")
	res = c.do(apitest.Inspector, "POST", fpath, map[string]any{"criterion_id": w.Crit["3.3"], "rating": "good", "value": 100, "score": 3,
		"note": "100% hồ sơ giải quyết đúng hạn"}, http.StatusCreated)
	findingID, fv := res.ID(t), version(t, res)
	c.do(apitest.Admin, "GET", vpath, nil, http.StatusOK).JSON(t, &d)
	if d.Status != domain.VisitInProgress || d.Counts.Findings != 2 {
		t.Fatalf("visit after the first finding = %s / %+v", d.Status, d.Counts)
	}
	c.problem(c.do(apitest.Inspector, "POST", fpath, map[string]any{"criterion_id": w.Crit["3.3"]}, http.StatusConflict), "", "")
	c.problem(c.do(apitest.Inspector, "POST", fpath, map[string]any{"criterion_id": w.Crit["3.5"], "value": 101}, http.StatusUnprocessableEntity),
		"value", "percent")
	c.problem(c.do(apitest.Inspector, "POST", fpath, map[string]any{"criterion_id": w.Crit["1"]}, http.StatusUnprocessableEntity),
		"criterion_id", "area_not_assessable")
	c.problem(c.do(apitest.Inspector2, "POST", "visits/99999/findings", map[string]any{"criterion_id": w.Crit["1.1"]}, http.StatusNotFound), "", "")
	c.problem(c.do(apitest.Leader, "POST", fpath, map[string]any{"criterion_id": w.Crit["1.1"]}, http.StatusForbidden), "", "")

	var findings server.List[domain.Finding]
	c.do(apitest.Officer, "GET", fpath+"?per_page=10", nil, http.StatusOK).JSON(t, &findings)
	if findings.Total != 2 || findings.Items[0].CriterionID != w.Crit["1.3"] || findings.Items[1].Score != nil || findings.Items[1].Note != "" {
		t.Fatalf("officer's findings before approval = %+v", findings)
	}
	c.problem(c.do(apitest.Leader, "GET", fpath+"?per_page=0", nil, http.StatusUnprocessableEntity), "per_page", "gte")
	c.problem(c.do(apitest.Leader, "GET", "visits/99999/findings", nil, http.StatusNotFound), "", "")
	fp := apitest.Path("findings/%d", findingID)
	var f domain.Finding
	c.do(apitest.Officer, "GET", fp, nil, http.StatusOK).JSON(t, &f)
	if f.Rating != nil || f.Value != nil {
		t.Fatalf("officer's finding before approval = %+v", f)
	}
	c.problem(c.do(apitest.Leader, "GET", "findings/99999", nil, http.StatusNotFound), "", "")
	c.do(apitest.Inspector2, "PATCH", fp, map[string]any{"version": fv, "note": "100% hồ sơ đúng hạn (kiểm tra 30 hồ sơ)"}, http.StatusOK)
	c.problem(c.do(apitest.Inspector, "PATCH", fp, map[string]any{"version": fv, "note": "x"}, http.StatusConflict), "", "")
	c.problem(c.do(apitest.Inspector, "PATCH", fp, map[string]any{"version": fv + 1, "score": 4}, http.StatusUnprocessableEntity), "score", "max_score")
	c.problem(c.do(apitest.Officer, "PATCH", fp, map[string]any{"version": fv + 1, "score": 1}, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Inspector, "PATCH", "findings/99999", map[string]any{"version": 1}, http.StatusNotFound), "", "")
	res = c.do(apitest.Inspector, "POST", fpath, map[string]any{"criterion_id": w.Crit["1.1"], "value": 1}, http.StatusCreated)
	gone := apitest.Path("findings/%d", res.ID(t))
	c.problem(c.do(apitest.Inspector, "DELETE", gone, nil, http.StatusUnprocessableEntity), "version", "required")
	c.problem(c.do(apitest.Inspector, "DELETE", gone+"?version=abc", nil, http.StatusBadRequest), "version", "type")
	c.problem(c.do(apitest.Inspector, "DELETE", gone+"?version=2", nil, http.StatusConflict), "", "")
	c.problem(c.do(apitest.Officer, "DELETE", gone+"?version=1", nil, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Inspector, "DELETE", "findings/99999?version=1", nil, http.StatusNotFound), "", "")
	c.send(apitest.Request{As: apitest.Inspector, Method: "DELETE", Path: gone, Header: map[string]string{"If-Match": `"1"`}}, http.StatusNoContent)

	// The figures.
	pp := vpath + "/procedure-stats"
	c.problem(c.do(apitest.Leader, "GET", pp, nil, http.StatusNotFound), "", "")
	figures := map[string]any{"procedures_total": 40, "online_full": 0, "online_partial": 12, "one_stop_shop": true,
		"interagency_one_stop_shop": true, "files_received": 30, "files_on_time": 30}
	var ps domain.ProcedureStats
	c.do(apitest.Inspector, "PUT", pp, figures, http.StatusOK).JSON(t, &ps)
	if ps.Version != 1 || ps.OnTimeRate == nil || *ps.OnTimeRate != 100 || ps.OnlineRate == nil || *ps.OnlineRate != 30 {
		t.Fatalf("procedure figures = %+v", ps)
	}
	c.problem(c.do(apitest.Inspector, "PUT", pp, figures, http.StatusUnprocessableEntity), "version", "required")
	figures["version"], figures["files_late"] = 1, 1
	c.problem(c.do(apitest.Inspector, "PUT", pp, figures, http.StatusUnprocessableEntity), "files_late", "exceeds_files_received")
	figures["files_on_time"] = 29
	c.problem(c.do(apitest.Inspector2, "PUT", pp, map[string]any{"version": 9}, http.StatusConflict), "", "")
	c.problem(c.do(apitest.Leader, "PUT", pp, figures, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Admin, "PUT", "visits/99999/procedure-stats", figures, http.StatusNotFound), "", "")
	c.do(apitest.Inspector, "PUT", pp, figures, http.StatusOK).JSON(t, &ps)
	if ps.Version != 2 || ps.ApologyLettersMissing != 1 {
		t.Fatalf("procedure figures = %+v", ps)
	}
	c.do(apitest.Leader, "GET", pp, nil, http.StatusOK)
	c.problem(c.do(apitest.Officer, "GET", pp, nil, http.StatusNotFound), "", "")

	sp := vpath + "/staffing-stats"
	c.problem(c.do(apitest.Leader, "GET", sp, nil, http.StatusNotFound), "", "")
	var ss domain.StaffingStats
	c.do(apitest.Inspector, "PUT", sp, map[string]any{"deputies_actual": 3, "deputies_max": 3, "quota_assigned": 38, "staff_present": 36,
		"job_positions_approved": true}, http.StatusOK).JSON(t, &ss)
	if ss.DeputiesOverMax || ss.StaffOverQuota {
		t.Fatalf("staffing figures = %+v", ss)
	}
	c.problem(c.do(apitest.Inspector, "PUT", sp, map[string]any{"version": 1, "deputies_actual": -1}, http.StatusUnprocessableEntity),
		"deputies_actual", "gte")
	c.problem(c.do(apitest.Inspector, "PUT", sp, map[string]any{"version": 2, "deputies_actual": 4}, http.StatusConflict), "", "")
	c.problem(c.do(apitest.Officer, "PUT", sp, map[string]any{"version": 1}, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Admin, "PUT", "visits/99999/staffing-stats", map[string]any{}, http.StatusNotFound), "", "")
	c.do(apitest.Inspector, "PUT", sp, map[string]any{"version": 1, "deputies_actual": 4, "deputies_max": 3}, http.StatusOK).JSON(t, &ss)
	if !ss.DeputiesOverMax || ss.Version != 2 {
		t.Fatalf("staffing figures = %+v", ss)
	}
	c.do(apitest.Leader, "GET", sp, nil, http.StatusOK)

	// Shortcomings and the actions they call for.
	scp := vpath + "/shortcomings"
	res = c.do(apitest.Inspector, "POST", scp, map[string]any{"criterion_id": w.Crit["1.1"],
		"description": "Kế hoạch CCHC cần bám sát thực tế để đạt 100% chỉ tiêu"}, http.StatusCreated)
	scID, scv := res.ID(t), version(t, res)
	c.problem(c.do(apitest.Inspector, "POST", scp, map[string]any{"description": ""}, http.StatusUnprocessableEntity), "description", "required")
	c.problem(c.do(apitest.Leader, "POST", scp, map[string]any{"description": "x"}, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Inspector, "POST", "visits/99999/shortcomings", map[string]any{"description": "x"}, http.StatusNotFound), "", "")
	var scs server.List[domain.Shortcoming]
	c.do(apitest.Leader, "GET", scp, nil, http.StatusOK).JSON(t, &scs)
	if scs.Total != 1 || scs.Items[0].Severity != domain.SeverityMinor {
		t.Fatalf("shortcomings = %+v", scs)
	}
	c.problem(c.do(apitest.Officer, "GET", scp, nil, http.StatusNotFound), "", "")
	c.problem(c.do(apitest.Leader, "GET", scp+"?page=0", nil, http.StatusUnprocessableEntity), "page", "gte")
	c.problem(c.do(apitest.Leader, "GET", scp+"?page=one", nil, http.StatusBadRequest), "page", "type")
	scPath := apitest.Path("shortcomings/%d", scID)
	c.do(apitest.Leader, "GET", scPath, nil, http.StatusOK)
	c.problem(c.do(apitest.Officer, "GET", scPath, nil, http.StatusNotFound), "", "")
	c.do(apitest.Inspector, "PATCH", scPath, map[string]any{"version": scv, "cause": "Chưa sát thực tế", "severity": "major"}, http.StatusOK)
	c.problem(c.do(apitest.Inspector, "PATCH", scPath, map[string]any{"version": scv, "cause": "x"}, http.StatusConflict), "", "")
	c.problem(c.do(apitest.Inspector, "PATCH", scPath, map[string]any{"version": scv + 1, "criterion_id": 99999}, http.StatusUnprocessableEntity),
		"criterion_id", "not_in_set")
	c.problem(c.do(apitest.Officer, "PATCH", scPath, map[string]any{"version": scv + 1}, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Inspector, "PATCH", "shortcomings/99999", map[string]any{"version": 1}, http.StatusNotFound), "", "")
	res = c.do(apitest.Inspector, "POST", scp, map[string]any{"description": "Trùng lặp"}, http.StatusCreated)
	gone = apitest.Path("shortcomings/%d", res.ID(t))
	c.problem(c.do(apitest.Inspector, "DELETE", gone, nil, http.StatusUnprocessableEntity), "version", "required")
	c.problem(c.do(apitest.Inspector, "DELETE", gone+"?version=x", nil, http.StatusBadRequest), "version", "type")
	c.problem(c.do(apitest.Inspector, "DELETE", gone+"?version=5", nil, http.StatusConflict), "", "")
	c.problem(c.do(apitest.Leader, "DELETE", gone+"?version=1", nil, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Inspector, "DELETE", "shortcomings/99999?version=1", nil, http.StatusNotFound), "", "")
	c.do(apitest.Inspector, "DELETE", gone+"?version=1", nil, http.StatusNoContent)

	ap := scPath + "/actions"
	res = c.do(apitest.Inspector, "POST", ap, map[string]any{"description": "Rà soát, bổ sung kế hoạch CCHC năm 2020", "owner_name": "Văn phòng Sở"},
		http.StatusCreated)
	var act domain.Action
	res.JSON(t, &act)
	if act.OwnerAgencyID == nil || *act.OwnerAgencyID != e.Agency.ID || act.DueOn != nil || act.Status != domain.ActionOpen {
		t.Fatalf("action = %s", res.Body)
	}
	actPath := apitest.Path("actions/%d", act.ID)
	c.problem(c.do(apitest.Inspector, "POST", ap, map[string]any{"description": "x", "due_on": "2019-01-01"}, http.StatusUnprocessableEntity),
		"due_on", "before_visit")
	c.problem(c.do(apitest.Officer, "POST", ap, map[string]any{"description": "x"}, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Inspector, "POST", "shortcomings/99999/actions", map[string]any{"description": "x"}, http.StatusNotFound), "", "")
	var acts server.List[domain.Action]
	c.do(apitest.Leader, "GET", ap, nil, http.StatusOK).JSON(t, &acts)
	if acts.Total != 1 {
		t.Fatalf("the shortcoming's actions = %+v", acts)
	}
	c.problem(c.do(apitest.Leader, "GET", ap+"?per_page=500", nil, http.StatusUnprocessableEntity), "per_page", "lte")
	c.problem(c.do(apitest.Leader, "GET", ap+"?per_page=many", nil, http.StatusBadRequest), "per_page", "type")
	c.problem(c.do(apitest.Leader, "GET", "shortcomings/99999/actions", nil, http.StatusNotFound), "", "")
	c.do(apitest.Officer, "GET", "actions", nil, http.StatusOK).JSON(t, &acts)
	if acts.Total != 0 {
		t.Fatalf("officer sees actions before approval: %+v", acts)
	}
	c.problem(c.do(apitest.Officer, "GET", actPath, nil, http.StatusNotFound), "", "")
	c.problem(c.do(apitest.Inspector, "PATCH", actPath, map[string]any{"version": act.Version, "status": "in_progress"}, http.StatusConflict), "", "")
	res = c.do(apitest.Inspector, "PATCH", actPath, map[string]any{"version": act.Version, "owner_name": "Văn phòng Sở KH&CN"}, http.StatusOK)
	act.Version = version(t, res)
	c.problem(c.do(apitest.Inspector, "POST", actPath+"/updates", map[string]any{"note": "x"}, http.StatusConflict), "", "")

	// The conclusion: drafted, submitted, returned, submitted again, approved.
	cp := vpath + "/conclusion"
	var con domain.Conclusion
	c.do(apitest.Leader, "GET", cp, nil, http.StatusOK).JSON(t, &con)
	if con.Status != domain.ConclusionDraft || con.Snapshot != nil {
		t.Fatalf("conclusion = %+v", con)
	}
	c.problem(c.do(apitest.Officer, "GET", cp, nil, http.StatusNotFound), "", "")
	c.problem(c.do(apitest.Inspector, "POST", cp+"/submit", nil, http.StatusUnprocessableEntity), "overall_result", "required")
	draft := map[string]any{"version": con.Version, "overall_result": "good", "strengths": "Hoàn thành tốt mục tiêu Kế hoạch CCHC năm 2019",
		"document_no": "45/TB-SNV", "signer_name": "Lê Đình Tuyên", "signer_title": "Phó Giám đốc", "sign_prefix": "KT.",
		"recipients": []string{"Như trên;", "Lưu: VT, CCHC."}}
	c.do(apitest.Inspector, "PUT", cp, draft, http.StatusOK).JSON(t, &con)
	c.problem(c.do(apitest.Inspector, "PUT", cp, draft, http.StatusConflict), "", "")
	c.problem(c.do(apitest.Inspector, "PUT", cp, map[string]any{"version": con.Version, "overall_result": "best"}, http.StatusUnprocessableEntity),
		"overall_result", "oneof")
	c.problem(c.do(apitest.Leader, "PUT", cp, map[string]any{"version": con.Version}, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Inspector, "PUT", "visits/99999/conclusion", map[string]any{"version": 1}, http.StatusNotFound), "", "")

	// Evidence is attached while the records are open.
	res = c.send(apitest.Request{As: apitest.Inspector, Method: "POST", Path: "attachments", Body: &apitest.Multipart{
		Fields: map[string]string{"owner_type": "finding", "owner_id": fmt.Sprint(findingID)}, FileName: "Sổ theo dõi hồ sơ.pdf", File: pdf}},
		http.StatusCreated)
	var att domain.Attachment
	res.JSON(t, &att)
	if att.FileName != "Sổ theo dõi hồ sơ.pdf" || att.ContentType != "application/pdf" || att.Size != int64(len(pdf)) {
		t.Fatalf("attachment = %s", res.Body)
	}

	c.problem(c.do(apitest.Inspector2, "POST", cp+"/submit", nil, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Inspector, "POST", cp+"/submit", map[string]any{"version": con.Version - 1}, http.StatusConflict), "", "")
	c.problem(c.send(apitest.Request{As: apitest.Inspector, Method: "POST", Path: cp + "/submit", Header: map[string]string{"If-Match": "v2"}},
		http.StatusUnprocessableEntity), "If-Match", "version")
	c.problem(c.do(apitest.Inspector, "POST", "visits/99999/conclusion/submit", nil, http.StatusNotFound), "", "")
	c.send(apitest.Request{As: apitest.Inspector, Method: "POST", Path: cp + "/submit", Header: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, con.Version)}},
		http.StatusOK).JSON(t, &con)
	if con.Status != domain.ConclusionSubmitted || con.SubmittedBy == nil || *con.SubmittedBy != e.Users[apitest.Inspector].ID {
		t.Fatalf("submitted conclusion = %+v", con)
	}
	c.problem(c.do(apitest.Inspector, "POST", cp+"/submit", nil, http.StatusConflict), "", "")
	c.problem(c.do(apitest.Inspector, "POST", fpath, map[string]any{"criterion_id": w.Crit["1.5"]}, http.StatusConflict), "", "")
	c.problem(c.do(apitest.Inspector, "POST", scp, map[string]any{"description": "x"}, http.StatusConflict), "", "")
	c.problem(c.do(apitest.Inspector, "POST", ap, map[string]any{"description": "x"}, http.StatusConflict), "", "")
	c.problem(c.do(apitest.Officer, "GET", vpath, nil, http.StatusNotFound), "", "")

	c.problem(c.do(apitest.Inspector, "POST", cp+"/return", map[string]any{"note": "x"}, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Leader, "POST", cp+"/return", map[string]any{"note": ""}, http.StatusUnprocessableEntity), "note", "required")
	c.problem(c.do(apitest.Leader, "POST", cp+"/return", map[string]any{"version": con.Version - 1, "note": "x"}, http.StatusConflict), "", "")
	c.problem(c.do(apitest.Leader, "POST", "visits/99999/conclusion/return", map[string]any{"note": "x"}, http.StatusNotFound), "", "")
	c.do(apitest.Leader, "POST", cp+"/return", map[string]any{"note": "Bổ sung số liệu so với kế hoạch"}, http.StatusOK).JSON(t, &con)
	if con.Status != domain.ConclusionReturned || con.ReviewNote != "Bổ sung số liệu so với kế hoạch" {
		t.Fatalf("returned conclusion = %+v", con)
	}
	c.problem(c.do(apitest.Leader, "POST", cp+"/return", map[string]any{"note": "x"}, http.StatusConflict), "", "")
	c.do(apitest.Inspector, "PUT", cp, map[string]any{"version": con.Version, "limitations": "Báo cáo cần nêu rõ việc đã và chưa làm"}, http.StatusOK)
	c.do(apitest.Inspector, "POST", cp+"/submit", map[string]any{}, http.StatusOK)

	b := e.SignIn(apitest.Leader)
	c.problem(apitest.Expect(t, b.Send(apitest.Request{Method: "POST", Path: cp + "/approve"}), http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Inspector, "POST", cp+"/approve", nil, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Leader, "POST", cp+"/approve", map[string]any{"version": 1}, http.StatusConflict), "", "")
	c.problem(c.send(apitest.Request{As: apitest.Leader, Method: "POST", Path: cp + "/approve", Header: map[string]string{"If-Match": "0"}},
		http.StatusUnprocessableEntity), "If-Match", "version")
	c.problem(c.send(apitest.Request{As: apitest.Leader, Method: "POST", Path: cp + "/approve", Body: []byte("{"), ContentType: "application/json"},
		http.StatusBadRequest), "", "")
	c.problem(c.do(apitest.Leader, "POST", "visits/99999/conclusion/approve", nil, http.StatusNotFound), "", "")
	apitest.Expect(t, b.Do("POST", cp+"/approve", nil), http.StatusOK).JSON(t, &con)
	if con.Status != domain.ConclusionApproved || con.Snapshot == nil || len(con.Snapshot.SHA256) != 64 || con.IssuedOn == nil {
		t.Fatalf("approved conclusion = %+v", con)
	}
	c.problem(c.do(apitest.Leader, "POST", cp+"/approve", nil, http.StatusConflict), "", "")
	c.do(apitest.Officer, "GET", cp, nil, http.StatusOK)
	c.do(apitest.Officer, "GET", pp, nil, http.StatusOK)
	c.do(apitest.Officer, "GET", vpath, nil, http.StatusOK).JSON(t, &d)
	if d.Status != domain.VisitApproved || d.StaffingStats == nil || d.Counts.OpenActions != 1 {
		t.Fatalf("officer's view of the approved visit = %+v", d)
	}
	c.problem(c.do(apitest.Inspector, "PUT", cp, map[string]any{"version": con.Version}, http.StatusConflict), "", "")

	// Remediation: the agency reports, the team reopens once, then verifies.
	c.do(apitest.Officer, "GET", "actions?overdue=false&status=open", nil, http.StatusOK).JSON(t, &acts)
	if acts.Total != 1 || acts.Items[0].DueOn == nil {
		t.Fatalf("officer's actions after approval = %+v", acts)
	}
	c.problem(c.do(apitest.Leader, "GET", "actions?overdue=soon", nil, http.StatusBadRequest), "overdue", "type")
	c.problem(c.do(apitest.Leader, "GET", "actions?status=done", nil, http.StatusUnprocessableEntity), "status", "oneof")
	c.do(apitest.Officer, "GET", actPath, nil, http.StatusOK).JSON(t, &act)
	c.problem(c.do(apitest.Leader, "GET", "actions/99999", nil, http.StatusNotFound), "", "")
	c.problem(c.do(apitest.Officer, "PATCH", actPath, map[string]any{"version": act.Version, "owner_name": "x"}, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Officer, "PATCH", actPath, map[string]any{"version": act.Version, "status": "verified"}, http.StatusConflict), "", "")
	c.problem(c.do(apitest.Inspector, "PATCH", actPath, map[string]any{"version": act.Version, "due_on": "2019-01-01"}, http.StatusUnprocessableEntity),
		"due_on", "before_visit")
	c.problem(c.do(apitest.Officer, "PATCH", "actions/99999", map[string]any{"version": 1}, http.StatusNotFound), "", "")
	c.do(apitest.Officer, "PATCH", actPath, map[string]any{"version": act.Version, "status": "in_progress"}, http.StatusOK).JSON(t, &act)
	c.problem(c.do(apitest.Officer, "PATCH", actPath, map[string]any{"version": act.Version - 1, "status": "reported_done"}, http.StatusConflict), "", "")
	up := actPath + "/updates"
	c.problem(c.do(apitest.Officer, "POST", up, map[string]any{}, http.StatusUnprocessableEntity), "note", "required_without")
	c.problem(c.do(apitest.Leader, "POST", up, map[string]any{"note": "x"}, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Officer, "POST", "actions/99999/updates", map[string]any{"note": "x"}, http.StatusNotFound), "", "")
	res = c.do(apitest.Officer, "POST", up, map[string]any{"note": "Đã ban hành kế hoạch bổ sung", "status": "reported_done"}, http.StatusCreated)
	reportID := res.ID(t)
	c.problem(c.do(apitest.Officer, "POST", up, map[string]any{"status": "in_progress"}, http.StatusConflict), "", "")
	var reports server.List[domain.ActionUpdateReport]
	c.do(apitest.Inspector, "GET", up, nil, http.StatusOK).JSON(t, &reports)
	if reports.Total != 1 || reports.Items[0].Status == nil || *reports.Items[0].Status != domain.ActionReportedDone {
		t.Fatalf("reports = %+v", reports)
	}
	c.problem(c.do(apitest.Officer, "GET", "actions/99999/updates", nil, http.StatusNotFound), "", "")
	res = c.send(apitest.Request{As: apitest.Officer, Method: "POST", Path: "attachments", Body: &apitest.Multipart{
		Fields: map[string]string{"owner_type": "action_update", "owner_id": fmt.Sprint(reportID)}, FileName: "ke-hoach-bo-sung.pdf", File: pdf}},
		http.StatusCreated)
	reportFile := res.ID(t)

	c.problem(c.do(apitest.Officer, "POST", actPath+"/reopen", nil, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Inspector, "POST", "actions/99999/reopen", nil, http.StatusNotFound), "", "")
	c.problem(c.do(apitest.Inspector, "POST", actPath+"/reopen", map[string]any{"reason": "x"}, http.StatusBadRequest), "reason", "unknown")
	c.do(apitest.Inspector, "POST", actPath+"/reopen", map[string]any{"note": "Chưa có văn bản kèm theo"}, http.StatusOK).JSON(t, &act)
	if act.Status != domain.ActionOpen {
		t.Fatalf("reopened action = %+v", act)
	}
	c.problem(c.do(apitest.Inspector, "POST", actPath+"/reopen", nil, http.StatusConflict), "", "")
	c.problem(c.do(apitest.Inspector, "POST", actPath+"/verify", nil, http.StatusConflict), "", "")
	c.problem(c.do(apitest.Inspector, "POST", actPath+"/verify", map[string]any{"note": strings.Repeat("x", 10001)}, http.StatusUnprocessableEntity),
		"note", "max")
	c.do(apitest.Officer, "POST", up, map[string]any{"status": "reported_done"}, http.StatusCreated)
	c.problem(c.do(apitest.Officer, "POST", actPath+"/verify", nil, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Inspector, "POST", "actions/99999/verify", nil, http.StatusNotFound), "", "")
	c.problem(c.send(apitest.Request{As: apitest.Inspector, Method: "POST", Path: actPath + "/verify", Body: []byte("note=x"),
		ContentType: "application/x-www-form-urlencoded"}, http.StatusUnsupportedMediaType), "", "")
	c.do(apitest.Inspector, "POST", actPath+"/verify", map[string]any{"note": "Đã kiểm tra văn bản"}, http.StatusOK).JSON(t, &act)
	if act.Status != domain.ActionVerified || act.VerifiedBy == nil {
		t.Fatalf("verified action = %+v", act)
	}
	c.do(apitest.Officer, "GET", vpath, nil, http.StatusOK).JSON(t, &d)
	if d.Status != domain.VisitClosed {
		t.Fatalf("visit after the last verification = %s", d.Status)
	}
	c.problem(c.do(apitest.Inspector, "POST", actPath+"/reopen", nil, http.StatusConflict), "", "")
	c.problem(c.do(apitest.Officer, "DELETE", apitest.Path("attachments/%d", reportFile), nil, http.StatusConflict), "", "")

	// The finding's evidence stays readable; the officer reads it now.
	var atts server.List[domain.Attachment]
	c.do(apitest.Officer, "GET", apitest.Path("attachments?owner_type=finding&owner_id=%d", findingID), nil, http.StatusOK).JSON(t, &atts)
	if atts.Total != 1 || atts.Items[0].ID != att.ID {
		t.Fatalf("attachments = %+v", atts)
	}
	res = c.do(apitest.Officer, "GET", apitest.Path("attachments/%d", att.ID), nil, http.StatusOK)
	if !bytes.Equal(res.Body, pdf) || !strings.Contains(res.Header.Get("Content-Disposition"), "filename*=UTF-8''") {
		t.Fatalf("download: %v %q", res.Header, res.Body)
	}
	c.problem(c.do(apitest.Inspector, "DELETE", apitest.Path("attachments/%d", att.ID), nil, http.StatusConflict), "", "")
}

func (c *walk) attachmentsAndAudit(w *apitest.World) {
	t, e := c.t, c.e
	// A fresh visit whose records are open.
	visitID := e.NewVisit(t, w, e.Other.ID)
	upload := func(as apitest.Role, fields map[string]string, name string, file []byte, status int) *apitest.Response {
		t.Helper()
		return c.send(apitest.Request{As: as, Method: "POST", Path: "attachments", Body: &apitest.Multipart{Fields: fields, FileName: name, File: file}}, status)
	}
	owner := map[string]string{"owner_type": "visit", "owner_id": fmt.Sprint(visitID)}
	res := upload(apitest.Inspector, owner, "Biên bản làm việc.pdf", pdf, http.StatusCreated)
	attID := res.ID(t)
	c.problem(upload(apitest.Inspector, owner, "ghi-chu.txt", []byte("chỉ là văn bản"), http.StatusUnsupportedMediaType), "", "")
	c.problem(upload(apitest.Inspector, owner, "", nil, http.StatusUnprocessableEntity), "file", "required")
	c.problem(upload(apitest.Inspector, map[string]string{"owner_type": "plan", "owner_id": "1"}, "a.pdf", pdf, http.StatusUnprocessableEntity), "", "")
	c.problem(upload(apitest.Inspector, map[string]string{"owner_type": "finding", "owner_id": "99999"}, "a.pdf", pdf, http.StatusUnprocessableEntity),
		"owner_id", "not_found")
	c.problem(upload(apitest.Inspector, map[string]string{"owner_type": "visit", "owner_id": "x"}, "a.pdf", pdf, http.StatusBadRequest), "owner_id", "type")
	c.problem(upload(apitest.Inspector, map[string]string{"owner_type": "visit", "owner_id": "99999"}, "a.pdf", pdf, http.StatusUnprocessableEntity), "owner_id", "not_found")
	c.problem(upload(apitest.Inspector2, owner, "a.pdf", pdf, http.StatusForbidden), "", "")
	c.problem(upload(apitest.Leader, owner, "a.pdf", pdf, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Inspector, "POST", "attachments", map[string]any{"owner_type": "visit"}, http.StatusUnsupportedMediaType), "", "")
	limit := e.Svc.MaxUpload
	e.Svc.MaxUpload = 1 << 10
	c.problem(upload(apitest.Inspector, owner, "lớn.pdf", append(append([]byte{}, pdf...), bytes.Repeat([]byte("0"), 2<<10)...),
		http.StatusRequestEntityTooLarge), "", "")
	c.problem(upload(apitest.Inspector, owner, "rất-lớn.pdf", append(append([]byte{}, pdf...), bytes.Repeat([]byte("0"), 128<<10)...),
		http.StatusRequestEntityTooLarge), "", "")
	e.Svc.MaxUpload = limit
	b := e.SignIn(apitest.Inspector)
	c.problem(apitest.Expect(t, b.Send(apitest.Request{Method: "POST", Path: "attachments",
		Body: &apitest.Multipart{Fields: owner, FileName: "a.pdf", File: pdf}}), http.StatusForbidden), "", "")
	withToken := map[string]string{"owner_type": "visit", "owner_id": fmt.Sprint(visitID), "csrf_token": b.CSRF}
	apitest.Expect(t, b.Send(apitest.Request{Method: "POST", Path: "attachments",
		Body: &apitest.Multipart{Fields: withToken, FileName: "ảnh hiện trường.pdf", File: pdf}}), http.StatusCreated)

	var atts server.List[domain.Attachment]
	c.do(apitest.Leader, "GET", apitest.Path("attachments?owner_type=visit&owner_id=%d", visitID), nil, http.StatusOK).JSON(t, &atts)
	if atts.Total != 2 || atts.Items[0].ID != attID {
		t.Fatalf("visit's attachments = %+v", atts)
	}
	c.problem(c.do(apitest.Leader, "GET", "attachments?owner_id=1", nil, http.StatusUnprocessableEntity), "owner_type", "required")
	c.problem(c.do(apitest.Leader, "GET", "attachments?owner_type=visit&owner_id=one", nil, http.StatusBadRequest), "owner_id", "type")
	c.problem(c.do(apitest.Leader, "GET", "attachments?owner_type=visit&owner_id=99999", nil, http.StatusNotFound), "", "")
	c.problem(c.do(apitest.Officer, "GET", apitest.Path("attachments/%d", attID), nil, http.StatusNotFound), "", "")
	c.problem(c.do(apitest.Leader, "GET", "attachments/99999", nil, http.StatusNotFound), "", "")
	c.problem(c.do(apitest.Inspector2, "DELETE", apitest.Path("attachments/%d", attID), nil, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Inspector, "DELETE", "attachments/99999", nil, http.StatusNotFound), "", "")
	c.do(apitest.Inspector, "DELETE", apitest.Path("attachments/%d", attID), nil, http.StatusNoContent)

	var events server.List[domain.AuditEvent]
	c.do(apitest.Leader, "GET", apitest.Path("audit?entity_type=attachment&entity_id=%d", attID), nil, http.StatusOK).JSON(t, &events)
	if events.Total != 2 || events.Items[0].Action != "delete" || events.Items[1].Action != "create" {
		t.Fatalf("the attachment's audit trail = %+v", events)
	}
	c.do(apitest.Admin, "GET", apitest.Path("audit?actor_id=%d&per_page=5", e.Users[apitest.Officer].ID), nil, http.StatusOK).JSON(t, &events)
	if events.Total == 0 || *events.Items[0].ActorID != e.Users[apitest.Officer].ID {
		t.Fatalf("the officer's audit trail = %+v", events)
	}
	c.problem(c.do(apitest.Officer, "GET", "audit", nil, http.StatusForbidden), "", "")
	c.problem(c.do(apitest.Admin, "GET", "audit?entity_id=x", nil, http.StatusBadRequest), "entity_id", "type")
	c.problem(c.do(apitest.Admin, "GET", "audit?entity_id=0", nil, http.StatusUnprocessableEntity), "entity_id", "gt")
}

func (c *walk) meta() {
	t := c.t
	var h struct {
		Status string `json:"status"`
	}
	c.do(apitest.Nobody, "GET", "/healthz", nil, http.StatusOK).JSON(t, &h)
	if h.Status != "ok" {
		t.Fatalf("healthz = %+v", h)
	}
	c.do(apitest.Nobody, "GET", "/readyz", nil, http.StatusOK).JSON(t, &h)
	if h.Status != "ready" {
		t.Fatalf("readyz = %+v", h)
	}
}
