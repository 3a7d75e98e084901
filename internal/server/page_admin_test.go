package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/server/apitest"
	"github.com/cchc-inspect/cchc/internal/service"
	"github.com/cchc-inspect/cchc/internal/store"
)

// admGet asks for a page as a signed-in browser (following redirects, as a
// browser does) and checks its status.
func admGet(t *testing.T, b *apitest.Browser, path string, status int) string {
	t.Helper()
	res := b.Send(apitest.Request{Method: "GET", Path: path})
	if res.Status != status {
		t.Fatalf("GET %s: %d, want %d: %s", path, res.Status, status, admShort(res.Body))
	}
	return string(res.Body)
}

// admPost sends a form as a browser does, with the session's CSRF token
// in the csrf_token field, and checks the status of the page it ends on.
func admPost(t *testing.T, b *apitest.Browser, path string, status int, kv ...string) string {
	t.Helper()
	form := url.Values{"csrf_token": {b.CSRF}}
	for i := 0; i+1 < len(kv); i += 2 {
		form.Add(kv[i], kv[i+1])
	}
	res := b.Send(apitest.Request{Method: "POST", Path: path, Body: []byte(form.Encode()), ContentType: "application/x-www-form-urlencoded"})
	if res.Status != status {
		t.Fatalf("POST %s: %d, want %d: %s", path, res.Status, status, admShort(res.Body))
	}
	return string(res.Body)
}

func admShort(b []byte) string {
	s := string(b)
	if i := strings.Index(s, `<main`); i >= 0 {
		s = s[i:]
	}
	if len(s) > 3000 {
		s = s[:3000] + "…"
	}
	return s
}

// admHas fails unless the page shows every text.
func admHas(t *testing.T, page string, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if !strings.Contains(page, s) {
			t.Errorf("the page does not show %q:\n%s", s, admShort([]byte(page)))
		}
	}
}

// admLacks fails if the page shows any of the texts.
func admLacks(t *testing.T, page string, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if strings.Contains(page, s) {
			t.Errorf("the page shows %q but should not:\n%s", s, admShort([]byte(page)))
		}
	}
}

// admFieldError fails unless the field's error is beside it: the message
// with the field's id, and the field marked invalid and pointing to it.
func admFieldError(t *testing.T, page, field string) {
	t.Helper()
	admHas(t, page, `<p class="error" id="e-`+field+`">`, `aria-describedby="e-`+field+`"`)
}

var (
	admControl = regexp.MustCompile(`<(input|select|textarea)\b[^>]*>`)
	admID      = regexp.MustCompile(`\bid="([^"]+)"`)
)

// admWellFormed checks what every page owes its readers: each visible
// control has a label, no message key shows instead of words, and no id
// is used twice.
func admWellFormed(t *testing.T, name, page string) {
	t.Helper()
	for _, c := range admControl.FindAllString(page, -1) {
		if strings.Contains(c, `type="hidden"`) {
			continue
		}
		m := admID.FindStringSubmatch(c)
		if m == nil {
			t.Errorf("%s: a control without an id (so without a label): %s", name, c)
			continue
		}
		if !strings.Contains(page, `for="`+m[1]+`"`) {
			t.Errorf("%s: no label for %s", name, c)
		}
	}
	seen := map[string]bool{}
	for _, m := range admID.FindAllStringSubmatch(page, -1) {
		if seen[m[1]] {
			t.Errorf("%s: the id %q is used twice", name, m[1])
		}
		seen[m[1]] = true
	}
	for _, prefix := range []string{">ui.", " ui.", `"ui.`} {
		if i := strings.Index(page, prefix); i >= 0 {
			t.Errorf("%s: a message key instead of words: %s", name, page[i:min(len(page), i+60)])
		}
	}
}

func TestPagePlans(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		ctx := context.Background()
		insp := e.SignIn(apitest.Inspector)
		title := "Kế hoạch kiểm tra cải cách hành chính tại các sở, ngành năm 2025"

		page := admPost(t, insp, "/plans", http.StatusOK, "year", "2025", "title", title, "decision_no", "15/KH-UBND",
			"issued_on", "2025-01-20", "issued_by", "UBND tỉnh Điện Biên", "status", "issued")
		admHas(t, page, "Đã tạo kế hoạch", title, `value="15/KH-UBND"`, `href="/visits/new?plan_id=`)
		plans, _, err := e.Svc.Plans(ctx, service.System, domain.PlanFilter{Q: "15/KH-UBND"})
		if err != nil || len(plans) != 1 {
			t.Fatalf("the plan is not stored once: %v %v", plans, err)
		}
		plan := plans[0]
		if plan.Year != 2025 || plan.Status != domain.PlanIssued || plan.IssuedOn == nil || plan.IssuedOn.String() != "2025-01-20" || plan.IssuedBy != "UBND tỉnh Điện Biên" {
			t.Errorf("stored plan: %+v", plan)
		}

		t.Run("list, filters and search without diacritics", func(t *testing.T) {
			list := admGet(t, insp, "/plans", http.StatusOK)
			admHas(t, list, fmt.Sprintf(`href="/plans/%d"`, plan.ID), title, "Đã ban hành")
			admWellFormed(t, "/plans", list)
			admHas(t, admGet(t, insp, "/plans?q=cai+cach+hanh+chinh+so+nganh", http.StatusOK), title, "Tìm thấy 1 bản ghi")
			admHas(t, admGet(t, insp, "/plans?q=ubnd+dien+bien&year=2025&status=issued", http.StatusOK), title)
			admLacks(t, admGet(t, insp, "/plans?year=2024", http.StatusOK), title)
			admLacks(t, admGet(t, insp, "/plans?status=draft", http.StatusOK), title)
			admLacks(t, admGet(t, insp, "/plans?q=thanh+tra+xay+dung", http.StatusOK), title)
			admGet(t, insp, "/plans?status=cancelled", http.StatusUnprocessableEntity)
		})

		t.Run("pages", func(t *testing.T) {
			for i := 0; i < 51; i++ {
				if _, err := e.Svc.CreatePlan(ctx, service.System, service.NewPlan{Year: 2019, Title: fmt.Sprintf("Kế hoạch bổ sung số %02d", i)}); err != nil {
					t.Fatal(err)
				}
			}
			first := admGet(t, insp, "/plans?year=2019", http.StatusOK)
			admHas(t, first, "Kế hoạch bổ sung số 50", `href="/plans?year=2019&amp;page=2"`)
			admLacks(t, first, "Kế hoạch bổ sung số 00")
			admHas(t, admGet(t, insp, "/plans?year=2019&page=2", http.StatusOK), "Kế hoạch bổ sung số 00", `rel="prev"`)
		})

		t.Run("a bad form keeps what was typed", func(t *testing.T) {
			page := admPost(t, insp, "/plans", http.StatusUnprocessableEntity, "year", "2025", "title", "", "decision_no", "99/KH-UBND",
				"issued_by", "Sở Nội vụ", "status", "draft")
			admFieldError(t, page, "title")
			admHas(t, page, `value="99/KH-UBND"`, `value="Sở Nội vụ"`, `<details class="card" id="new" open>`)
			page = admPost(t, insp, "/plans", http.StatusUnprocessableEntity, "year", "hai nghìn", "title", "Kế hoạch thử", "issued_on", "31/12/2025")
			admFieldError(t, page, "year")
			admFieldError(t, page, "issued_on")
			admHas(t, page, `value="Kế hoạch thử"`, `value="31/12/2025"`)
			admWellFormed(t, "/plans after an error", page)
			if _, n, _ := e.Svc.Plans(ctx, service.System, domain.PlanFilter{Q: "99/KH-UBND"}); n != 0 {
				t.Error("a refused plan was stored")
			}
		})

		t.Run("a stale version shows the newer values and keeps what was typed", func(t *testing.T) {
			path := fmt.Sprintf("/plans/%d", plan.ID)
			form := admGet(t, insp, path, http.StatusOK)
			admHas(t, form, `name="version" value="1"`, `value="`+title+`"`)
			admWellFormed(t, path, form)
			newer := "Kế hoạch kiểm tra CCHC năm 2025 (sửa đổi, bổ sung)"
			if _, err := e.Svc.UpdatePlan(ctx, service.System, plan.ID, 1, domain.PlanUpdate{Title: &newer}); err != nil {
				t.Fatal(err)
			}
			mine := "Kế hoạch kiểm tra CCHC năm 2025 của tôi"
			page := admPost(t, insp, path, http.StatusConflict, "version", "1", "year", "2025", "title", mine, "decision_no", "15/KH-UBND",
				"issued_on", "2025-01-20", "issued_by", "UBND tỉnh Điện Biên", "status", "issued")
			admHas(t, page, "Người khác vừa lưu", "Giá trị mới nhất", newer, `value="`+mine+`"`, `name="version" value="2"`)
			got, _ := e.Svc.Plan(ctx, service.System, plan.ID)
			if got.Title != newer {
				t.Errorf("a stale save changed the plan: %q", got.Title)
			}
			page = admPost(t, insp, path, http.StatusOK, "version", "2", "year", "2025", "title", mine, "decision_no", "15/KH-UBND",
				"issued_on", "", "issued_by", "UBND tỉnh Điện Biên", "status", "issued")
			admHas(t, page, "Đã lưu kế hoạch", `value="`+mine+`"`)
			got, _ = e.Svc.Plan(ctx, service.System, plan.ID)
			if got.Title != mine || got.Version != 3 || got.IssuedOn != nil {
				t.Errorf("the knowing save: %+v", got)
			}
			admFieldError(t, admPost(t, insp, path, http.StatusUnprocessableEntity, "version", "3", "year", "2025", "title", "", "status", "issued"), "title")
		})

		t.Run("the plan shows its visits and a way to plan one", func(t *testing.T) {
			w := e.NewWorld(t)
			page := admGet(t, insp, fmt.Sprintf("/plans/%d", w.PlanID), http.StatusOK)
			admHas(t, page, e.Agency.Name, fmt.Sprintf(`href="/visits/%d"`, w.VisitID), fmt.Sprintf(`href="/visits/new?plan_id=%d"`, w.PlanID),
				"Lập đợt kiểm tra", "Đã lên kế hoạch")
			form := admGet(t, insp, fmt.Sprintf("/visits/new?plan_id=%d", w.PlanID), http.StatusOK)
			admHas(t, form, fmt.Sprintf(`<option value="%d" selected>`, w.PlanID))
		})

		t.Run("leaders read, officers do not see plans", func(t *testing.T) {
			leader := e.SignIn(apitest.Leader)
			list := admGet(t, leader, "/plans", http.StatusOK)
			admHas(t, list, fmt.Sprintf(`href="/plans/%d"`, plan.ID))
			admLacks(t, list, `method="post" action="/plans"`, "Thêm kế hoạch")
			one := admGet(t, leader, fmt.Sprintf("/plans/%d", plan.ID), http.StatusOK)
			admLacks(t, one, `method="post" action="/plans/`, "Lập đợt kiểm tra")
			admPost(t, leader, "/plans", http.StatusForbidden, "year", "2025", "title", "Kế hoạch của lãnh đạo")
			admPost(t, leader, fmt.Sprintf("/plans/%d", plan.ID), http.StatusForbidden, "version", "3", "year", "2025", "title", "Sửa", "status", "draft")

			officer := e.SignIn(apitest.Officer)
			admGet(t, officer, "/plans", http.StatusForbidden)
			admGet(t, officer, fmt.Sprintf("/plans/%d", plan.ID), http.StatusForbidden)
			admPost(t, officer, "/plans", http.StatusForbidden, "year", "2025", "title", "Kế hoạch của cơ quan")
			admLacks(t, admGet(t, officer, "/", http.StatusOK), `href="/plans"`)
			admHas(t, admGet(t, insp, "/", http.StatusOK), `href="/plans"`)
		})
	})
}

func TestPageAdminUsers(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		ctx := context.Background()
		admin := e.SignIn(apitest.Admin)

		page := admPost(t, admin, "/admin/users", http.StatusOK, "username", "nhung.nt", "full_name", "Nguyễn Thị Nhung",
			"title", "Chuyên viên Sở Nội vụ", "role", "inspector", "agency_id", "", "password", "mot cau de nho cua Nhung")
		admHas(t, page, "Đã tạo tài khoản", "nhung.nt", "Nguyễn Thị Nhung", "Kiểm tra viên")
		users, _, _ := e.Svc.Users(ctx, service.System, domain.UserFilter{Q: "nhung.nt"})
		if len(users) != 1 || !users[0].Active || users[0].Role != domain.RoleInspector {
			t.Fatalf("stored users: %+v", users)
		}
		nhung := users[0]
		e.SignInWith("nhung.nt", "mot cau de nho cua Nhung")

		t.Run("list, filters and search without diacritics", func(t *testing.T) {
			list := admGet(t, admin, "/admin/users", http.StatusOK)
			admHas(t, list, "Nguyễn Thị Nhung", "Lê Đình Tuyên", "Đang hoạt động")
			admWellFormed(t, "/admin/users", list)
			admHas(t, admGet(t, admin, "/admin/users?q=nguyen+thi+nhung", http.StatusOK), "Nguyễn Thị Nhung", "Tìm thấy 1 bản ghi")
			admHas(t, admGet(t, admin, "/admin/users?q=chuyen+vien+so+noi+vu", http.StatusOK), "Nguyễn Thị Nhung")
			leaders := admGet(t, admin, "/admin/users?role=leader", http.StatusOK)
			admHas(t, leaders, "Nguyễn Thị Thanh Hà")
			admLacks(t, leaders, "Nguyễn Thị Nhung")
			officers := admGet(t, admin, fmt.Sprintf("/admin/users?agency_id=%d", e.Agency.ID), http.StatusOK)
			admHas(t, officers, "Lê Văn Quang", e.Agency.Name)
			admLacks(t, officers, "Nguyễn Thị Nhung")
			admLacks(t, admGet(t, admin, "/admin/users?active=false", http.StatusOK), "Nguyễn Thị Nhung")
			admGet(t, admin, "/admin/users?role=boss", http.StatusUnprocessableEntity)
		})

		t.Run("a bad form answers 422 beside each field and keeps what was typed", func(t *testing.T) {
			page := admPost(t, admin, "/admin/users", http.StatusUnprocessableEntity, "username", "Binh TV", "full_name", "Trần Văn Bình",
				"title", "Chánh Văn phòng", "role", "agency_officer", "agency_id", "", "password", "ngan")
			for _, f := range []string{"username", "agency_id", "password"} {
				admFieldError(t, page, f)
			}
			admHas(t, page, `value="Binh TV"`, `value="Trần Văn Bình"`, `value="Chánh Văn phòng"`, `<option value="agency_officer" selected>`)
			admLacks(t, page, `value="ngan"`)
			admWellFormed(t, "/admin/users after an error", page)
			dup := admPost(t, admin, "/admin/users", http.StatusConflict, "username", "nhung.nt", "full_name", "Người khác",
				"role", "leader", "password", "mot mat khau khac du dai")
			admFieldError(t, dup, "username")
		})

		t.Run("deactivating a user ends their session at once", func(t *testing.T) {
			victim := e.SignInWith("nhung.nt", "mot cau de nho cua Nhung")
			admGet(t, victim, "/plans", http.StatusOK)
			// The row's form comes back to the list with its filters.
			list := admGet(t, admin, "/admin/users?role=inspector&q=nguy%E1%BB%85n", http.StatusOK)
			action := regexp.MustCompile(fmt.Sprintf(`action="(/admin/users/%d/active[^"]*)"`, nhung.ID)).FindStringSubmatch(list)
			if action == nil {
				t.Fatalf("no form to deactivate the user:\n%s", admShort([]byte(list)))
			}
			to := strings.ReplaceAll(action[1], "&amp;", "&")
			if want := fmt.Sprintf("/admin/users/%d/active?q=nguy%%E1%%BB%%85n&role=inspector", nhung.ID); to != want {
				t.Errorf("the row's form posts to %s, want %s", to, want)
			}
			page := admPost(t, admin, to, http.StatusOK, "version", fmt.Sprint(nhung.Version), "set_active", "false")
			admHas(t, page, "Đã khóa tài khoản", `<option value="inspector" selected>`, `value="nguyễn"`, "Nguyễn Thị Nhung", "Đã khóa")
			admLacks(t, page, "Lê Đình Tuyên")
			login := admGet(t, victim, "/plans", http.StatusOK)
			admHas(t, login, `action="/login"`, `name="next" value="/plans"`)
			admLacks(t, login, "Nguyễn Thị Nhung")
			u, _ := e.Svc.User(ctx, service.System, nhung.ID)
			if u.Active {
				t.Fatal("the user is still active")
			}
			admHas(t, admGet(t, admin, "/admin/users?active=false", http.StatusOK), "Nguyễn Thị Nhung", "Mở khóa")

			stale := admPost(t, admin, fmt.Sprintf("/admin/users/%d/active", nhung.ID), http.StatusConflict,
				"version", fmt.Sprint(nhung.Version), "set_active", "true")
			admHas(t, stale, "vừa được người khác thay đổi", fmt.Sprintf(`<tr id="u-%d" class="has-error">`, nhung.ID))
			admHas(t, admPost(t, admin, fmt.Sprintf("/admin/users/%d/active", nhung.ID), http.StatusOK,
				"version", fmt.Sprint(u.Version), "set_active", "true"), "Đã mở khóa")
			e.SignInWith("nhung.nt", "mot cau de nho cua Nhung")
		})

		t.Run("resetting a password ends the sessions", func(t *testing.T) {
			u, _ := e.Svc.User(ctx, service.System, nhung.ID)
			before := e.SignInWith("nhung.nt", "mot cau de nho cua Nhung")
			bad := admPost(t, admin, fmt.Sprintf("/admin/users/%d/password", nhung.ID), http.StatusUnprocessableEntity,
				"version", fmt.Sprint(u.Version), "password", "ngan")
			admHas(t, bad, fmt.Sprintf(`id="e-u-%d-password"`, nhung.ID), fmt.Sprintf(`aria-describedby="pw-%d-hint e-u-%d-password"`, nhung.ID, nhung.ID))
			admPost(t, admin, fmt.Sprintf("/admin/users/%d/password", nhung.ID), http.StatusUnprocessableEntity,
				"version", fmt.Sprint(u.Version), "password", "")
			ok := admPost(t, admin, fmt.Sprintf("/admin/users/%d/password", nhung.ID), http.StatusOK,
				"version", fmt.Sprint(u.Version), "password", "mat khau moi cua Nhung 2025")
			admHas(t, ok, "Đã đặt lại mật khẩu")
			admHas(t, admGet(t, before, "/", http.StatusOK), `action="/login"`)
			e.SignInWith("nhung.nt", "mat khau moi cua Nhung 2025")
		})

		t.Run("no one deactivates themselves", func(t *testing.T) {
			me := e.Users[apitest.Admin]
			list := admGet(t, admin, "/admin/users?q=admin", http.StatusOK)
			admLacks(t, list, fmt.Sprintf(`action="/admin/users/%d/active`, me.ID))
			page := admPost(t, admin, fmt.Sprintf("/admin/users/%d/active", me.ID), http.StatusUnprocessableEntity,
				"version", fmt.Sprint(me.Version), "set_active", "false")
			admHas(t, page, fmt.Sprintf(`id="e-u-%d-active"`, me.ID))
		})
	})
}

func TestPageAdminAgencies(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		ctx := context.Background()
		admin := e.SignIn(apitest.Admin)
		newName := "Sở Nông nghiệp và Môi trường tỉnh Điện Biên"

		page := admPost(t, admin, "/admin/agencies", http.StatusOK, "code", "SNNMT", "name", newName, "kind", "department",
			"parent_id", "", "province", "Điện Biên")
		admHas(t, page, "Đã tạo cơ quan", newName, "Sở, ban, ngành")
		found, _, _ := e.Svc.Agencies(ctx, service.System, domain.AgencyFilter{Q: "SNNMT"})
		if len(found) != 1 || !found[0].Active {
			t.Fatalf("stored: %+v", found)
		}
		snnmt := found[0]
		old, err := e.Svc.CreateAgency(ctx, service.System, service.NewAgency{Code: "STNMT", Name: "Sở Tài nguyên và Môi trường tỉnh Điện Biên",
			Kind: domain.KindDepartment, Province: "Điện Biên"})
		if err != nil {
			t.Fatal(err)
		}

		t.Run("list, filters and search without diacritics", func(t *testing.T) {
			list := admGet(t, admin, "/admin/agencies", http.StatusOK)
			admHas(t, list, newName, e.Agency.Name, fmt.Sprintf(`href="/admin/agencies/%d"`, snnmt.ID))
			admWellFormed(t, "/admin/agencies", list)
			admHas(t, admGet(t, admin, "/admin/agencies?q=nong+nghiep+moi+truong", http.StatusOK), newName, "Tìm thấy 1 bản ghi")
			row := fmt.Sprintf(`href="/admin/agencies/%d"`, snnmt.ID)
			admHas(t, admGet(t, admin, "/admin/agencies?q=so+nong+nghiep&kind=department&active=true", http.StatusOK), row)
			admLacks(t, admGet(t, admin, "/admin/agencies?q=y+te", http.StatusOK), row)
			admLacks(t, admGet(t, admin, "/admin/agencies?kind=commune", http.StatusOK), row)
			admLacks(t, admGet(t, admin, "/admin/agencies?active=false", http.StatusOK), row)
		})

		t.Run("a bad form answers 422 beside each field and keeps what was typed", func(t *testing.T) {
			page := admPost(t, admin, "/admin/agencies", http.StatusUnprocessableEntity, "code", "SỞ XD", "name", "", "kind", "commune", "province", "Điện Biên")
			admFieldError(t, page, "code")
			admFieldError(t, page, "name")
			admHas(t, page, `value="SỞ XD"`, `<option value="commune" selected>`)
			admWellFormed(t, "/admin/agencies after an error", page)
			dup := admPost(t, admin, "/admin/agencies", http.StatusConflict, "code", "SNNMT", "name", "Trùng mã", "kind", "department")
			admFieldError(t, dup, "code")
		})

		t.Run("a merge deactivates the agency and links its successor", func(t *testing.T) {
			path := fmt.Sprintf("/admin/agencies/%d", old.ID)
			form := admGet(t, admin, path, http.StatusOK)
			admHas(t, form, `name="version" value="1"`, `value="Sở Tài nguyên và Môi trường tỉnh Điện Biên"`)
			admWellFormed(t, path, form)
			page := admPost(t, admin, path, http.StatusOK, "version", "1", "name", old.Name, "kind", "department", "parent_id", "",
				"province", "Điện Biên", "active", "true", "successor_id", fmt.Sprint(snnmt.ID))
			admHas(t, page, "Đã lưu", "Ngừng hoạt động", fmt.Sprintf(`<a href="/admin/agencies/%d">%s</a>`, snnmt.ID, newName))
			got, _ := e.Svc.Agency(ctx, service.System, old.ID)
			if got.Active || got.SuccessorID == nil || *got.SuccessorID != snnmt.ID {
				t.Fatalf("after the merge: %+v", got)
			}
			admHas(t, admGet(t, admin, fmt.Sprintf("/admin/agencies/%d", snnmt.ID), http.StatusOK),
				fmt.Sprintf(`<a href="/admin/agencies/%d">%s</a> (STNMT)`, old.ID, old.Name))
			inactive := admGet(t, admin, "/admin/agencies?active=false", http.StatusOK)
			admHas(t, inactive, old.Name, "Đã sáp nhập vào:", newName)

			self := admPost(t, admin, path, http.StatusUnprocessableEntity, "version", fmt.Sprint(got.Version), "name", old.Name, "kind", "department",
				"parent_id", fmt.Sprint(old.ID), "province", "Điện Biên")
			admFieldError(t, self, "parent_id")
		})

		t.Run("a stale version shows the newer values and keeps what was typed", func(t *testing.T) {
			path := fmt.Sprintf("/admin/agencies/%d", snnmt.ID)
			renamed := "Sở Nông nghiệp và Môi trường"
			if _, err := e.Svc.UpdateAgency(ctx, service.System, snnmt.ID, 1, domain.AgencyUpdate{Name: &renamed}); err != nil {
				t.Fatal(err)
			}
			page := admPost(t, admin, path, http.StatusConflict, "version", "1", "name", "Tên tôi gõ", "kind", "department",
				"province", "Điện Biên", "active", "true")
			admHas(t, page, "Người khác vừa lưu", "<dd>"+renamed+"</dd>", `value="Tên tôi gõ"`, `name="version" value="2"`)
			got, _ := e.Svc.Agency(ctx, service.System, snnmt.ID)
			if got.Name != renamed {
				t.Errorf("a stale save changed the agency: %q", got.Name)
			}
		})
	})
}

func TestPageAdminCriteria(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		ctx := context.Background()
		admin := e.SignIn(apitest.Admin)
		w := e.NewWorld(t) // its criteria set is in use by its visit
		src, err := e.Svc.CriteriaSet(ctx, service.System, w.SetID)
		if err != nil {
			t.Fatal(err)
		}

		t.Run("a set in use refuses edits and says to copy it", func(t *testing.T) {
			list := admGet(t, admin, "/admin/criteria", http.StatusOK)
			admHas(t, list, src.Name, "Đang dùng — chỉ xem", fmt.Sprintf(`href="/admin/criteria?copy=%d#new"`, w.SetID))
			admWellFormed(t, "/admin/criteria", list)
			path := fmt.Sprintf("/admin/criteria/%d", w.SetID)
			page := admGet(t, admin, path, http.StatusOK)
			admHas(t, page, "hãy sao chép để thay đổi", "Thực hiện cơ chế một cửa, một cửa liên thông")
			admLacks(t, page, fmt.Sprintf(`action="/admin/criteria/%d/criteria`, w.SetID), "?edit=")
			admWellFormed(t, path, page)
			refused := admPost(t, admin, path+"/criteria", http.StatusConflict, "code", "3.6", "title", "Tiêu chí mới", "measure", "percent")
			admHas(t, refused, "hãy sao chép bộ tiêu chí để chỉnh sửa")
			refused = admPost(t, admin, fmt.Sprintf("%s/criteria/%d", path, w.Crit["3.3"]), http.StatusConflict,
				"version", "1", "code", "3.3", "title", "Đổi nội dung", "measure", "percent")
			admHas(t, refused, "hãy sao chép bộ tiêu chí để chỉnh sửa")
			after, _ := e.Svc.CriteriaSet(ctx, service.System, w.SetID)
			if len(after.Criteria) != len(src.Criteria) {
				t.Errorf("the set in use changed: %d criteria, was %d", len(after.Criteria), len(src.Criteria))
			}
			cr, _ := e.Svc.Criterion(ctx, service.System, w.Crit["3.3"])
			if cr.Title == "Đổi nội dung" {
				t.Error("a criterion of a set in use changed")
			}
		})

		var copyID int64
		t.Run("copying a set copies its criteria", func(t *testing.T) {
			form := admGet(t, admin, fmt.Sprintf("/admin/criteria?copy=%d", w.SetID), http.StatusOK)
			admHas(t, form, `<details class="card" id="new" open>`, fmt.Sprintf(`<option value="%d" selected>`, w.SetID), `value="2020"`)
			name := "Bộ tiêu chí kiểm tra CCHC năm 2020"
			page := admPost(t, admin, "/admin/criteria", http.StatusOK, "copy_from_id", fmt.Sprint(w.SetID), "year", "2020", "name", name, "scope", "")
			admHas(t, page, "Đã sao chép bộ tiêu chí", name, "Chưa dùng — sửa được", "Thực hiện cơ chế một cửa, một cửa liên thông",
				fmt.Sprintf(`href="/admin/criteria/%d"`, w.SetID))
			year := 2020
			sets, _, _ := e.Svc.CriteriaSets(ctx, service.System, &year, domain.Page{})
			if len(sets) != 1 {
				t.Fatalf("sets of 2020: %+v", sets)
			}
			copyID = sets[0].ID
			cp, _ := e.Svc.CriteriaSet(ctx, service.System, copyID)
			if len(cp.Criteria) != len(src.Criteria) {
				t.Fatalf("the copy has %d criteria, the source %d", len(cp.Criteria), len(src.Criteria))
			}
			byID := map[int64]domain.Criterion{}
			for _, c := range cp.Criteria {
				byID[c.ID] = c
			}
			for _, c := range cp.Criteria {
				if c.ParentID != nil && byID[*c.ParentID].CriteriaSetID != copyID {
					t.Errorf("criterion %s of the copy points outside it", c.Code)
				}
			}
			// The tree: an area holds its criteria in catalog order.
			area := strings.Index(page, "Cải cách thủ tục hành chính")
			c32 := strings.Index(page, "Thực hiện cơ chế một cửa")
			c33 := strings.Index(page, "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn")
			c42 := strings.Index(page, "Số lượng cấp phó không vượt quá quy định")
			if !(area >= 0 && area < c32 && c32 < c33 && c33 < c42) || !strings.Contains(page[area:c32], `<ul class="tree">`) {
				t.Errorf("the criteria are not a tree in catalog order:\n%s", admShort([]byte(page)))
			}
			dup := admPost(t, admin, "/admin/criteria", http.StatusConflict, "copy_from_id", fmt.Sprint(w.SetID), "year", "2020", "name", name)
			admHas(t, dup, `value="`+name+`"`)
		})

		t.Run("a copy takes new criteria and changes", func(t *testing.T) {
			cp, _ := e.Svc.CriteriaSet(ctx, service.System, copyID)
			var area3, c33 domain.Criterion
			for _, c := range cp.Criteria {
				switch c.Code {
				case "3":
					area3 = c
				case "3.3":
					c33 = c
				}
			}
			path := fmt.Sprintf("/admin/criteria/%d", copyID)
			page := admGet(t, admin, path, http.StatusOK)
			admHas(t, page, fmt.Sprintf(`action="%s/criteria"`, path), fmt.Sprintf(`href="%s?edit=%d#edit"`, path, c33.ID))
			admWellFormed(t, path, page)

			bad := admPost(t, admin, path+"/criteria", http.StatusUnprocessableEntity, "code", "", "title", "Giải quyết phản ánh, kiến nghị đúng hạn",
				"measure", "percent", "max_score", "một rưỡi", "parent_id", fmt.Sprint(area3.ID), "sort_order", "36")
			admFieldError(t, bad, "max_score")
			admHas(t, bad, `value="một rưỡi"`, "Giải quyết phản ánh, kiến nghị đúng hạn", fmt.Sprintf(`<option value="%d" selected>`, area3.ID))
			bad = admPost(t, admin, path+"/criteria", http.StatusUnprocessableEntity, "code", "", "title", "Giải quyết phản ánh, kiến nghị đúng hạn",
				"measure", "percent", "max_score", "1,5", "parent_id", fmt.Sprint(area3.ID), "sort_order", "36")
			admFieldError(t, bad, "code")
			admHas(t, bad, `value="1,5"`)

			added := admPost(t, admin, path+"/criteria", http.StatusOK, "code", "3.6", "title", "Giải quyết phản ánh, kiến nghị đúng hạn",
				"measure", "percent", "max_score", "1,5", "parent_id", fmt.Sprint(area3.ID), "sort_order", "36", "area", "")
			admHas(t, added, "Đã thêm tiêu chí", "Giải quyết phản ánh, kiến nghị đúng hạn", "điểm tối đa 1,5")
			cp, _ = e.Svc.CriteriaSet(ctx, service.System, copyID)
			var c36 *domain.Criterion
			for i, c := range cp.Criteria {
				if c.Code == "3.6" {
					c36 = &cp.Criteria[i]
				}
			}
			if c36 == nil || c36.MaxScore == nil || *c36.MaxScore != 1.5 || c36.Area != area3.Area || c36.ParentID == nil || *c36.ParentID != area3.ID {
				t.Fatalf("the added criterion: %+v", c36)
			}

			edit := admGet(t, admin, fmt.Sprintf("%s?edit=%d", path, c33.ID), http.StatusOK)
			admHas(t, edit, "Sửa tiêu chí 3.3", fmt.Sprintf(`action="%s/criteria/%d"`, path, c33.ID), `name="version" value="1"`,
				">Tỷ lệ hồ sơ TTHC giải quyết đúng hạn</textarea>", `value="3"`)
			admWellFormed(t, path+"?edit", edit)
			saved := admPost(t, admin, fmt.Sprintf("%s/criteria/%d", path, c33.ID), http.StatusOK, "version", "1", "code", "3.3",
				"title", "Tỷ lệ hồ sơ giải quyết đúng và trước hạn", "measure", "percent", "max_score", "3", "parent_id", fmt.Sprint(area3.ID), "sort_order", "33")
			admHas(t, saved, "Đã lưu tiêu chí", "Tỷ lệ hồ sơ giải quyết đúng và trước hạn")
			stale := admPost(t, admin, fmt.Sprintf("%s/criteria/%d", path, c33.ID), http.StatusConflict, "version", "1", "code", "3.3",
				"title", "Một nội dung khác", "measure", "percent", "max_score", "3", "parent_id", fmt.Sprint(area3.ID), "sort_order", "33")
			admHas(t, stale, "Người khác vừa lưu", "<dd>Tỷ lệ hồ sơ giải quyết đúng và trước hạn</dd>", "Một nội dung khác", `name="version" value="2"`)
			admGet(t, admin, fmt.Sprintf("%s?edit=%d", path, w.Crit["3.3"]), http.StatusNotFound) // a criterion of another set
			admPost(t, admin, fmt.Sprintf("%s/criteria/%d", path, w.Crit["3.3"]), http.StatusNotFound, "version", "1", "code", "3.3",
				"title", "x", "measure", "percent")
			// The source keeps its own criteria.
			orig, _ := e.Svc.Criterion(ctx, service.System, w.Crit["3.3"])
			if orig.Title != "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn" {
				t.Errorf("changing the copy changed the source: %q", orig.Title)
			}
		})

		t.Run("an empty set", func(t *testing.T) {
			page := admPost(t, admin, "/admin/criteria", http.StatusOK, "copy_from_id", "", "year", "2026", "name", "Bộ tiêu chí các xã năm 2026",
				"scope", "commune", "description", "Theo Quyết định của UBND tỉnh")
			admHas(t, page, "Đã tạo bộ tiêu chí", "Bộ tiêu chí chưa có tiêu chí nào", "UBND xã, phường", "Theo Quyết định của UBND tỉnh")
			bad := admPost(t, admin, "/admin/criteria", http.StatusUnprocessableEntity, "year", "1999", "name", "Bộ cũ")
			admFieldError(t, bad, "year")
			admHas(t, bad, `value="Bộ cũ"`)
			admHas(t, admGet(t, admin, "/admin/criteria?year=2026", http.StatusOK), "Bộ tiêu chí các xã năm 2026", "Tìm thấy 1 bản ghi")
		})
	})
}

func TestPageAdminOnlyForAdmins(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		admin := e.SignIn(apitest.Admin)
		home := admGet(t, admin, "/admin", http.StatusOK)
		admHas(t, home, `href="/admin/users"`, `href="/admin/agencies"`, `href="/admin/criteria"`, "5 bản ghi, 5 đang hoạt động")
		admWellFormed(t, "/admin", home)
		set, err := e.Svc.CreateCriteriaSet(context.Background(), service.System, service.NewCriteriaSet{Year: 2025, Name: "Bộ tiêu chí 2025"})
		if err != nil {
			t.Fatal(err)
		}
		gets := []string{"/admin", "/admin/users", "/admin/agencies", fmt.Sprintf("/admin/agencies/%d", e.Agency.ID), "/admin/criteria",
			fmt.Sprintf("/admin/criteria/%d", set.ID)}
		posts := []string{"/admin/users", fmt.Sprintf("/admin/users/%d/active", e.Users[apitest.Leader].ID),
			fmt.Sprintf("/admin/users/%d/password", e.Users[apitest.Leader].ID), "/admin/agencies", fmt.Sprintf("/admin/agencies/%d", e.Agency.ID),
			"/admin/criteria", fmt.Sprintf("/admin/criteria/%d/criteria", set.ID)}
		for _, as := range []apitest.Role{apitest.Inspector, apitest.Leader, apitest.Officer} {
			b := e.SignIn(as)
			for _, p := range gets {
				admGet(t, b, p, http.StatusForbidden)
			}
			for _, p := range posts {
				admPost(t, b, p, http.StatusForbidden, "version", "1", "set_active", "false", "password", "mot mat khau du dai 2025",
					"code", "X", "name", "X", "kind", "department", "year", "2025", "title", "X", "measure", "yes_no")
			}
			admLacks(t, admGet(t, b, "/", http.StatusOK), `href="/admin"`)
		}
		if u, _ := e.Svc.User(context.Background(), service.System, e.Users[apitest.Leader].ID); !u.Active {
			t.Error("a refused request deactivated the leader")
		}
		// A form post without the session's CSRF token is refused.
		res := admin.Send(apitest.Request{Method: "POST", Path: "/admin/agencies", ContentType: "application/x-www-form-urlencoded",
			Body: []byte(url.Values{"code": {"SXD"}, "name": {"Sở Xây dựng"}, "kind": {"department"}}.Encode())})
		if res.Status != http.StatusForbidden {
			t.Errorf("a post without the CSRF token: %d", res.Status)
		}
		// A signed-out browser goes to the sign-in page.
		res = e.Send(apitest.Request{Method: "GET", Path: "/admin/users"})
		if res.Status != http.StatusOK || !strings.Contains(string(res.Body), `name="next" value="/admin/users"`) {
			t.Errorf("signed out: %d %s", res.Status, admShort(res.Body))
		}
	})
}

func TestPageAdminInEnglish(t *testing.T) {
	e := apitest.New(t, store.SQLite)
	admin := e.SignIn(apitest.Admin)
	admGet(t, admin, "/lang?to=en&next=/admin", http.StatusOK)
	w := e.NewWorld(t)
	pages := map[string][]string{
		"/admin":          {"Administration", "Users", "Criteria sets"},
		"/admin/users":    {"Add a user", "Deactivate", "Reset the password", "Inspector"},
		"/admin/agencies": {"Add an agency", "Department", "Active"},
		fmt.Sprintf("/admin/agencies/%d", e.Agency.ID): {"Successor", "Merged into it"},
		"/admin/criteria":                          {"Create or copy a criteria set", "In use — read only"},
		fmt.Sprintf("/admin/criteria/%d", w.SetID): {"copy it to change it", "Criteria in catalog order", "Yes/No"},
		"/plans":                           {"Inspection plans", "Add an inspection plan", "Issued"},
		fmt.Sprintf("/plans/%d", w.PlanID): {"About the plan", "Plan a visit"},
	}
	for path, texts := range pages {
		page := admGet(t, admin, path, http.StatusOK)
		admHas(t, page, append(texts, `<html lang="en">`)...)
		admWellFormed(t, path, page)
	}
}
