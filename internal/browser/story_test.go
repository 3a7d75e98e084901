package browser_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/cchc-inspect/cchc/internal/server/apitest"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

// pngFile is a 1×1 PNG: the remediation evidence uploaded from a "phone".
var pngFile = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" +
	"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

// world is what the story starts from: the province's agency, its officer,
// the users of each role and the 2019 criteria set and plan (set up by the
// administrator beforehand; everything after is done in the pages).
type world struct {
	e     *apitest.Env
	plan  int64
	set   int64
	crit  map[string]int64
	users map[apitest.Role][2]string
}

func newWorld(t *testing.T, dialect string) *world {
	e := apitest.New(t, dialect)
	w := &world{e: e, users: map[apitest.Role][2]string{}}
	w.set, w.crit = e.NewCriteriaSet(t, 2019, "Bộ tiêu chí kiểm tra CCHC năm 2019")
	w.plan = apitest.Expect(t, e.Do(apitest.Inspector, "POST", "plans", map[string]any{"year": 2019,
		"title": "Kế hoạch kiểm tra công tác cải cách hành chính năm 2019", "decision_no": "28/KH-UBND", "status": "issued"}), http.StatusCreated).ID(t)
	for _, r := range []apitest.Role{apitest.Admin, apitest.Leader, apitest.Inspector, apitest.Officer} {
		w.users[r] = [2]string{e.Users[r].Username, apitest.Password}
	}
	return w
}

func (w *world) as(b *browser, r apitest.Role) { b.signIn(w.users[r][0], w.users[r][1]) }

// TestSeedStoryInTheBrowser is the seed's 2019 inspection done in the pages
// only: each role signs in in turn (the administrator first checks the
// set-up); the visit is planned, its findings and
// figures recorded (with refused figures shown beside their fields), its
// shortcomings and actions added, the conclusion submitted, returned,
// approved; the agency reports with a photo; the team verifies; the visit
// ends closed. No request leaves the machine.
func TestSeedStoryInTheBrowser(t *testing.T) {
	for _, dialect := range storetest.Dialects() {
		t.Run(dialect, func(t *testing.T) { seedStory(t, dialect) })
	}
}

func seedStory(t *testing.T, dialect string) {
	w := newWorld(t, dialect)
	b := newBrowser(t, w.e.URL)
	defer b.noRequestsAway()

	// The administrator finds the agency, its officer and the criteria set up.
	w.as(b, apitest.Admin)
	b.open("/admin/agencies?q=khoa%20hoc")
	b.see(w.e.Agency.Name)
	b.open("/admin/users?q=quang")
	b.see("Lê Văn Quang")
	b.open("/admin/criteria")
	b.see("Bộ tiêu chí kiểm tra CCHC năm 2019")
	b.signOut()

	// The inspector plans the visit and forms the team.
	w.as(b, apitest.Inspector)
	b.open("/visits/new")
	b.fill(map[string]string{"#f-plan_id": id(w.plan), "#f-agency_id": id(w.e.Agency.ID), "#f-criteria_set_id": id(w.set),
		"#f-scheduled_on": "2019-09-26", "#f-visited_on": "2019-09-26", "#f-decision_no": "1052/QĐ-UBND",
		"#f-location": "Trụ sở Sở Khoa học và Công nghệ", "#f-rep_name_0": "Lê Văn Quang", "#f-rep_title_0": "Phó Giám đốc Sở Khoa học và Công nghệ"})
	b.submit(`form button.primary`)
	b.see("Đã lập đợt kiểm tra")
	visit := strings.TrimSuffix(strings.TrimPrefix(b.location(), w.e.URL), "/team?msg=visit_created")
	b.fill(map[string]string{"#f-user_0": id(w.e.Users[apitest.Inspector].ID), "#f-role_0": "lead",
		"#f-name_1": "Nguyễn Thu Trang", "#f-title_1": "Chuyên viên Sở Nội vụ", "#f-role_1": "secretary"})
	b.submit(`form button.primary`)
	b.see("Đã lưu đoàn kiểm tra", "Lê Đình Tuyên", "Trưởng đoàn", "Nguyễn Thu Trang", "Lê Văn Quang")
	b.screenshot("visit-planned")

	// The findings, criterion by criterion.
	b.open(visit + "/findings")
	findings := []struct {
		code, value, score, note string
	}{
		{"3.3", "100", "3", "100% các TTHC được giải quyết đúng hạn."},
		{"3.2", "1", "2", "Đẩy mạnh thực hiện cơ chế một cửa, một cửa liên thông."},
		{"3.5", "37.5", "1.5", "Năm 2019 đã triển khai dịch vụ công trực tuyến mức độ 3."},
		{"1.3", "", "1", "Hình thức tuyên truyền đa dạng, phong phú."},
		{"4.2", "1", "1", "Không bổ nhiệm cấp phó vượt quá quy định."},
		{"5.1", "1", "1", "Đảm bảo số lượng biên chế được giao."},
		{"5.2", "1", "1", "Sắp xếp vị trí việc làm theo năng lực, sở trường."},
	}
	for _, f := range findings {
		sel := "#c-" + id(w.crit[f.code])
		actions := []chromedp.Action[chromedp.Void]{chromedp.Click(css(sel + ` input[name=rating][value=good]`))}
		switch f.code {
		case "3.2", "4.2", "5.1", "5.2":
			actions = append(actions, chromedp.Click(css(sel+` input[name=value][value="1"]`)))
		case "1.3":
		default:
			actions = append(actions, chromedp.SetValue(css(sel+` input[name=value]`), f.value))
		}
		actions = append(actions, chromedp.SetValue(css(sel+` input[name=score]`), f.score),
			chromedp.SetValue(css(sel+` textarea[name=note]`), f.note),
			chromedp.Click(css(sel+` button.primary`)),
			chromedp.WaitVisible(css(sel+`.saved`)))
		b.run("finding "+f.code, actions...)
	}
	b.open(visit)
	b.see("Đang kiểm tra", "100% các TTHC được giải quyết đúng hạn.")

	// Procedure and staffing figures. Counts that cannot be true together
	// are flagged while typing, and refused beside their fields with what
	// was typed kept; then the figures of the article: 100% on time.
	b.open(visit + "/figures")
	b.fill(map[string]string{"#f-procedures_total": "48", "#f-online_partial": "18", "#f-files_received": "126",
		"#f-files_early": "31", "#f-files_on_time": "195", "#f-files_online": "22"})
	b.run("type a figure", chromedp.SendKeys(css("#f-files_late"), "0"))
	b.see("vượt số hồ sơ tiếp nhận") // the warning, before sending
	b.submit(`form[action$="/figures/procedure"] button.primary`)
	if msg := b.text(`#e-files_on_time`); !strings.Contains(msg, "vượt số hồ sơ tiếp nhận") {
		t.Fatalf("the refused figure says %q", msg)
	}
	if kept := b.value(`#f-files_on_time`); kept != "195" {
		t.Fatalf("the form lost the typed figure: %q", kept)
	}
	b.fill(map[string]string{"#f-files_on_time": "95"})
	b.run("one-stop shops", chromedp.Click(css(`input[name=one_stop_shop]`)), chromedp.Click(css(`input[name=interagency_one_stop_shop]`)))
	b.submit(`form[action$="/figures/procedure"] button.primary`)
	b.see("Đã lưu số liệu", "100%", "37,5%")
	b.fill(map[string]string{"#f-deputies_actual": "2", "#f-deputies_max": "3", "#f-staff_present": "30", "#f-quota_assigned": "32"})
	b.run("job positions", chromedp.Click(css(`input[name=job_positions_approved]`)))
	b.submit(`form[action$="/figures/staffing"] button.primary`)
	b.see("Đã lưu số liệu")

	// The two shortcomings of the article, each with its request.
	b.open(visit + "/shortcomings")
	shortcomings := []struct{ code, text, action string }{
		{"1.1", "Xây dựng Kế hoạch cải cách hành chính cần bám sát thực tế hơn nữa để đảm bảo 100% mục tiêu được hoàn thành tốt.",
			"Rà soát, xây dựng Kế hoạch CCHC năm 2020 bám sát thực tế."},
		{"1.5", "Số liệu báo cáo cần cụ thể hơn, cần nêu rõ những việc đã làm được và chưa làm được so với kế hoạch.",
			"Báo cáo CCHC định kỳ nêu rõ việc đã làm và chưa làm so với kế hoạch."},
	}
	for _, s := range shortcomings {
		b.fill(map[string]string{"#f-criterion_id": id(w.crit[s.code]), "#f-description": s.text})
		b.submit(`form[action$="/shortcomings"] button.primary`)
		b.see("Đã thêm tồn tại", s.text)
		scID := get(b, "the new shortcoming", chromedp.Evaluate[string](`Array.from(document.querySelectorAll("article[id^=s-]")).pop().id.slice(2)`))
		b.run("open its action form", chromedp.Click(css(`#s-`+scID+` summary`)), chromedp.SetValue(css(`#f-description-`+scID), s.action))
		b.submit(`#s-` + scID + ` form button.primary`)
		b.see("Đã thêm kiến nghị", s.action)
	}

	// The conclusion: drafted from the records, then submitted by the lead.
	b.open(visit + "/conclusion?assemble=1")
	b.see("Đã soạn dự thảo")
	if strengths := b.value(`#f-strengths`); !strings.Contains(strengths, "100% các TTHC được giải quyết đúng hạn") {
		t.Fatalf("the assembled draft lacks the findings: %q", b.value(`#f-strengths`))
	}
	b.fill(map[string]string{"#f-overall_result": "good", "#f-document_no": "45/TB-SNV", "#f-sign_prefix": "KT.",
		"#f-signer_title": "Phó Giám đốc", "#f-signer_name": "Lê Đình Tuyên", "#f-recipients": "Như trên;\nLưu: VT, CCHC."})
	b.submit(`form[action$="/conclusion"] button.primary`)
	b.see("Đã lưu")
	b.submit(`form[action$="/conclusion/submit"] button`)
	b.see("Đã trình thông báo kết luận", "Chờ duyệt")
	b.signOut()

	// The leader finds it waiting, and returns it with a note.
	w.as(b, apitest.Leader)
	b.see("Thông báo kết luận chờ duyệt", w.e.Agency.Name)
	b.screenshot("home-leader")
	b.open(visit + "/conclusion")
	b.screenshot("conclusion-review")
	b.fill(map[string]string{"#f-note": "Đề nghị ghi rõ thời hạn báo cáo khắc phục."})
	b.submit(`form[action$="/conclusion/return"] button`)
	b.see("Đã trả lại thông báo kết luận", "Bị trả lại")
	b.signOut()

	// The lead sees the note, amends and submits again.
	w.as(b, apitest.Inspector)
	b.open(visit + "/conclusion")
	b.see("Đề nghị ghi rõ thời hạn báo cáo khắc phục.")
	b.run("amend the requests", chromedp.SendKeys(css(`#f-requests`), "\nBáo cáo kết quả khắc phục về Sở Nội vụ trong 15 ngày."))
	b.submit(`form[action$="/conclusion"] button.primary`)
	b.submit(`form[action$="/conclusion/submit"] button`)
	b.see("Chờ duyệt")
	b.signOut()

	// The leader approves: who, when and the fingerprint are shown.
	w.as(b, apitest.Leader)
	b.open(visit + "/conclusion")
	b.submit(`form[action$="/conclusion/approve"] button`)
	b.see("Đã duyệt thông báo kết luận", "Đã duyệt bởi Nguyễn Thị Thanh Hà", "SHA-256", "toàn vẹn")
	b.signOut()

	// The agency's officer reports both actions done, with a photo.
	photo := filepath.Join(t.TempDir(), "anh-ke-hoach-2020.png")
	os.WriteFile(photo, pngFile, 0o600)
	w.as(b, apitest.Officer)
	b.see("Kiến nghị sắp đến hạn", "Rà soát, xây dựng Kế hoạch CCHC năm 2020")
	b.screenshot("home-officer")
	for i := 0; i < 2; i++ {
		b.open("/actions?status=open")
		b.submit(`table a[href^="/actions/"]`)
		b.fill(map[string]string{"#f-note": "Đã khắc phục xong, kèm ảnh kế hoạch.", "#f-status": "reported_done"})
		b.run("attach the photo", chromedp.SetUploadFiles(css(`#f-file`), []string{photo}))
		b.submit(`form[action$="/report"] button.primary`)
		b.see("Đã gửi báo cáo", "Báo cáo đã xong", "anh-ke-hoach-2020.png")
	}
	b.signOut()

	// The lead verifies both; the visit closes.
	w.as(b, apitest.Inspector)
	for i := 0; i < 2; i++ {
		b.open("/actions?status=reported_done")
		b.submit(`table a[href^="/actions/"]`)
		b.submit(`form[action$="/verify"] button.primary`)
		b.see("Đã xác nhận kiến nghị")
	}
	b.open(visit)
	b.see("Đã kết thúc", "Hoàn thành tốt")
	b.screenshot("visit-closed")
}

// TestConflictShownToTheSecondEditor edits the same conclusion in two tabs:
// the second save is refused with the first one's text shown, and what the
// second editor typed is kept.
func TestConflictShownToTheSecondEditor(t *testing.T) {
	w := newWorld(t, "sqlite")
	visit := w.e.NewVisit(t, &apitest.World{PlanID: w.plan, SetID: w.set, Crit: w.crit}, w.e.Agency.ID)
	a := newBrowser(t, w.e.URL)
	w.as(a, apitest.Inspector)
	bTab := a.newTab()
	page := "/visits/" + id(visit) + "/conclusion"
	a.open(page)
	bTab.open(page)
	a.fill(map[string]string{"#f-strengths": "Bản của người thứ nhất."})
	a.submit(`form[action$="/conclusion"] button.primary`)
	a.see("Đã lưu")
	bTab.fill(map[string]string{"#f-strengths": "Bản của người thứ hai."})
	bTab.submit(`form[action$="/conclusion"] button.primary`)
	bTab.see("Người khác vừa lưu thay đổi trước bạn", "Bản của người thứ nhất.")
	if mine := bTab.value(`#f-strengths`); mine != "Bản của người thứ hai." {
		t.Fatalf("the second editor's text was lost: %q", mine)
	}
	a.noRequestsAway()
}

// TestPhoneWidth opens the main pages on a 360 px wide screen: none may
// scroll sideways. It also shows the findings entry as a phone sees it.
func TestPhoneWidth(t *testing.T) {
	w := newWorld(t, "sqlite")
	visit := w.e.NewVisit(t, &apitest.World{PlanID: w.plan, SetID: w.set, Crit: w.crit}, w.e.Agency.ID)
	b := newBrowser(t, w.e.URL)
	b.phone(true)
	b.open("/login")
	b.noSideScroll()
	w.as(b, apitest.Inspector)
	for _, p := range []string{"/", "/visits", "/actions", "/visits/" + id(visit), "/visits/" + id(visit) + "/findings",
		"/visits/" + id(visit) + "/figures", "/visits/" + id(visit) + "/shortcomings", "/visits/" + id(visit) + "/conclusion",
		"/visits/" + id(visit) + "/team", "/visits/new"} {
		b.open(p)
		b.noSideScroll()
	}
	b.open("/visits/" + id(visit) + "/findings")
	b.screenshot("findings-phone")
	b.noRequestsAway()
}

// TestLanguageSwitchIsRemembered switches to English and back.
func TestLanguageSwitchIsRemembered(t *testing.T) {
	w := newWorld(t, "sqlite")
	b := newBrowser(t, w.e.URL)
	b.open("/login")
	b.see("Đăng nhập")
	b.submit(`a[hreflang=en]`)
	b.see("Sign in")
	w.as(b, apitest.Inspector)
	b.see("Hello, Lê Đình Tuyên")
	b.open("/visits")
	b.see("Visits")
	if lang := get(b, "page language", chromedp.Evaluate[string](`document.documentElement.lang`)); lang != "en" {
		t.Fatalf("html lang = %q", lang)
	}
}
