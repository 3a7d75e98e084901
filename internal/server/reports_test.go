package server_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cchc-inspect/cchc/internal/demo"
	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/server/apitest"
	"github.com/cchc-inspect/cchc/internal/store"
)

const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// reportWorld loads the demo into the environment (its users are the
// environment's: the officer is Sở KH&CN's) and returns the demo's visits
// by "CODE year" and the 2019 plan.
func reportWorld(t *testing.T, e *apitest.Env) (map[string]int64, int64) {
	t.Helper()
	ctx := context.Background()
	if _, err := demo.Load(ctx, e.Svc); err != nil {
		t.Fatal(err)
	}
	visits := map[string]int64{}
	var plan int64
	all, _, err := e.Store.Visits(ctx, domain.VisitFilter{Page: domain.Page{PerPage: domain.MaxPerPage}})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range all {
		ag, err := store.Get[domain.Agency](ctx, e.Store, v.AgencyID)
		if err != nil {
			t.Fatal(err)
		}
		visits[fmt.Sprintf("%s %d", ag.Code, v.Year)] = v.ID
		if ag.Code == "SKHCN" && v.Year == 2019 {
			plan = v.PlanID
		}
	}
	return visits, plan
}

// docxText reads the text of a Word file's main document and page headers.
func docxText(t *testing.T, data []byte) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a .docx: %v", err)
	}
	var b strings.Builder
	for _, f := range z.File {
		if f.Name == "word/document.xml" || strings.HasPrefix(f.Name, "word/header") {
			rc, _ := f.Open()
			x, _ := io.ReadAll(rc)
			rc.Close()
			b.Write(x)
		}
	}
	return b.String()
}

func problemOf(t *testing.T, r *apitest.Response) (typ, detail string) {
	t.Helper()
	var p struct{ Type, Detail string }
	r.JSON(t, &p)
	return p.Type, p.Detail
}

// TestVisitDocumentsOverHTTP downloads the documents of the demo's 2019
// visit as its agency's officer and as the team, the drafts of a visit
// under review, and is refused the documents of an altered snapshot (409
// with a clear message, never a 5xx).
func TestVisitDocumentsOverHTTP(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		visits, _ := reportWorld(t, e)
		seed, draft := visits["SKHCN 2019"], visits["SKHCN 2020"]

		res := apitest.Expect(t, e.Do(apitest.Officer, "GET", apitest.Path("visits/%d/conclusion.docx", seed), nil), http.StatusOK)
		if ct := res.Header.Get("Content-Type"); ct != docxType {
			t.Errorf("content type %q", ct)
		}
		if cd := res.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="thong-bao-ket-luan-2019-SKHCN-45-TB-SNV.docx"`) {
			t.Errorf("Content-Disposition %q", cd)
		}
		if cc := res.Header.Get("Cache-Control"); cc != "private, no-store" {
			t.Errorf("Cache-Control %q", cc)
		}
		notice := docxText(t, res.Body)
		for _, want := range []string{"SỞ NỘI VỤ", "Số: 45/TB-SNV", "Điện Biên, ngày 03 tháng 10 năm 2019", "Lê Đình Tuyên", "Kết quả chung: ",
			"Hoàn thành tốt.", "Số liệu báo cáo cần cụ thể hơn"} {
			if !strings.Contains(notice, want) {
				t.Errorf("the notice lacks %q", want)
			}
		}
		if strings.Contains(notice, "DỰ THẢO") {
			t.Error("the approved notice is marked as a draft")
		}
		minutes := docxText(t, apitest.Expect(t, e.Do(apitest.Leader, "GET", apitest.Path("visits/%d/minutes.docx", seed), nil), http.StatusOK).Body)
		if !strings.Contains(minutes, "BIÊN BẢN") || !strings.Contains(minutes, "Lê Văn Quang") {
			t.Error("the minutes lack their title or the agency's representative")
		}
		res = apitest.Expect(t, e.Do(apitest.Inspector2, "GET", apitest.Path("visits/%d/bulletin", seed), nil), http.StatusOK)
		if ct := res.Header.Get("Content-Type"); ct != "text/markdown; charset=utf-8" {
			t.Errorf("bulletin content type %q", ct)
		}
		if cd := res.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "inline; ") {
			t.Errorf("bulletin Content-Disposition %q", cd)
		}
		if md := string(res.Body); !strings.HasPrefix(md, "# Kết quả công tác kiểm tra CCHC năm 2019") || !strings.Contains(md, "Ngày 26/9/2019") {
			t.Errorf("bulletin:\n%s", md)
		}

		// Under review: the team gets drafts; the agency sees nothing yet.
		draftNotice := docxText(t, apitest.Expect(t, e.Do(apitest.Inspector, "GET", apitest.Path("visits/%d/conclusion.docx", draft), nil), http.StatusOK).Body)
		if !strings.Contains(draftNotice, "DỰ THẢO") {
			t.Error("the notice of a submitted conclusion is not marked DỰ THẢO")
		}
		apitest.Expect(t, e.Do(apitest.Inspector, "GET", apitest.Path("visits/%d/minutes.docx", draft), nil), http.StatusOK)
		for _, doc := range []string{"conclusion.docx", "minutes.docx", "bulletin"} {
			apitest.Expect(t, e.Do(apitest.Officer, "GET", apitest.Path("visits/%d/%s", draft, doc), nil), http.StatusNotFound)
		}
		res = apitest.Expect(t, e.Do(apitest.Inspector, "GET", apitest.Path("visits/%d/bulletin", draft), nil), http.StatusConflict)
		if typ, detail := problemOf(t, res); typ != "urn:cchc:problem:conflict" || !strings.Contains(detail, "chưa được phê duyệt") {
			t.Errorf("bulletin of a conclusion under review: %s %q", typ, detail)
		}
		apitest.Expect(t, e.Do(apitest.Admin, "GET", "visits/987654/conclusion.docx", nil), http.StatusNotFound)

		// An altered snapshot: refused, with a message that says why.
		if err := e.DB.Gorm.Exec("UPDATE conclusion_snapshots SET content = REPLACE(content, 'Lê Đình Tuyên', 'Lê Đình Tuấn') WHERE visit_id = ?", seed).Error; err != nil {
			t.Fatal(err)
		}
		for _, doc := range []string{"conclusion.docx", "minutes.docx", "bulletin"} {
			res := apitest.Expect(t, e.Do(apitest.Leader, "GET", apitest.Path("visits/%d/%s", seed, doc), nil), http.StatusConflict)
			if typ, detail := problemOf(t, res); typ != "urn:cchc:problem:conflict" || !strings.Contains(detail, "SHA-256") {
				t.Errorf("%s of an altered snapshot: %s %q", doc, typ, detail)
			}
		}
		e.Lang = "en"
		res = apitest.Expect(t, e.Do(apitest.Leader, "GET", apitest.Path("visits/%d/conclusion.docx", seed), nil), http.StatusConflict)
		if _, detail := problemOf(t, res); !strings.Contains(detail, "altered") {
			t.Errorf("English detail %q", detail)
		}
	})
}

// TestReportsOverHTTP: the plan's report, the workbook of a year, the
// dashboard and an agency's trend, for those who may see them, with the
// answers to bad parameters.
func TestReportsOverHTTP(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, plan := reportWorld(t, e)

		res := apitest.Expect(t, e.Do(apitest.Leader, "GET", apitest.Path("plans/%d/report.docx", plan), nil), http.StatusOK)
		if report := docxText(t, res.Body); !strings.Contains(report, "BÁO CÁO") || !strings.Contains(report, "Hoàn thành xuất sắc") {
			t.Error("the plan's report lacks its title or a result")
		}
		apitest.Expect(t, e.Do(apitest.Officer, "GET", apitest.Path("plans/%d/report.docx", plan), nil), http.StatusForbidden)
		apitest.Expect(t, e.Do(apitest.Leader, "GET", "plans/987654/report.docx", nil), http.StatusNotFound)

		res = apitest.Expect(t, e.Do(apitest.Inspector, "GET", "reports/2019.xlsx", nil), http.StatusOK)
		if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, `filename="ket-qua-kiem-tra-cchc-2019.xlsx"`) {
			t.Errorf("Content-Disposition %q", cd)
		}
		f, err := excelize.OpenReader(bytes.NewReader(res.Body))
		if err != nil {
			t.Fatalf("the workbook does not open: %v", err)
		}
		rows, _ := f.GetRows("Cuộc kiểm tra")
		f.Close()
		if len(rows) != 5 {
			t.Errorf("%d rows of 2019 visits, want the header and 4", len(rows))
		}
		for _, bad := range []string{"reports/1999.xlsx", "reports/19.xlsx", "reports/abcd.xlsx"} {
			res := apitest.Expect(t, e.Do(apitest.Admin, "GET", bad, nil), http.StatusNotFound)
			if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("GET %s: %q", bad, ct)
			}
		}
		apitest.Expect(t, e.Do(apitest.Officer, "GET", "reports/2019.xlsx", nil), http.StatusForbidden)

		var d domain.Dashboard
		apitest.Expect(t, e.Do(apitest.Leader, "GET", "reports/dashboard?year=2019", nil), http.StatusOK).JSON(t, &d)
		if d.Totals.Visits != 3 || d.Totals.Approved != 3 || d.Totals.Shortcomings != 5 || len(d.Agencies) != 3 {
			t.Errorf("dashboard of 2019: %+v", d.Totals)
		}
		apitest.Expect(t, e.Do(apitest.Leader, "GET", apitest.Path("reports/dashboard?plan_id=%d", plan), nil), http.StatusOK).JSON(t, &d)
		if d.PlanID == nil || *d.PlanID != plan || d.Year != nil || d.Totals.Visits != 3 {
			t.Errorf("dashboard of the 2019 plan: year %v, plan %v, %+v", d.Year, d.PlanID, d.Totals)
		}
		apitest.Expect(t, e.Do(apitest.Leader, "GET", apitest.Path("reports/dashboard?year=2020&plan_id=%d", plan), nil), http.StatusOK).JSON(t, &d)
		if d.Totals.Visits != 0 {
			t.Errorf("the 2019 plan has %d visits in 2020", d.Totals.Visits)
		}
		for query, want := range map[string]struct {
			status      int
			field, code string
		}{
			"":                    {422, "year", "required_without"},
			"?year=abc":           {400, "year", "type"},
			"?year=1999":          {422, "year", "gte"},
			"?plan_id=0":          {422, "plan_id", "gt"},
			"?plan_id=987654":     {422, "plan_id", "not_found"},
			"?year=2019&plan_id=": {200, "", ""},
		} {
			res := apitest.Expect(t, e.Do(apitest.Inspector, "GET", "reports/dashboard"+query, nil), want.status)
			if want.field == "" {
				continue
			}
			var p struct {
				Errors []struct{ Field, Code string } `json:"errors"`
			}
			res.JSON(t, &p)
			if len(p.Errors) != 1 || p.Errors[0].Field != want.field || p.Errors[0].Code != want.code {
				t.Errorf("dashboard%s: %s, want %s %s", query, res.Body, want.field, want.code)
			}
		}
		apitest.Expect(t, e.Do(apitest.Officer, "GET", "reports/dashboard?year=2019", nil), http.StatusForbidden)

		var trend domain.AgencyTrend
		apitest.Expect(t, e.Do(apitest.Inspector2, "GET", apitest.Path("reports/agencies/%d/trend", e.Agency.ID), nil), http.StatusOK).JSON(t, &trend)
		if trend.Agency.Code != "SKHCN" || len(trend.Years) != 2 || trend.Years[1].Repeated != 1 {
			t.Errorf("trend of SKHCN: %+v", trend)
		}
		apitest.Expect(t, e.Do(apitest.Inspector2, "GET", "reports/agencies/987654/trend", nil), http.StatusNotFound)
		apitest.Expect(t, e.Do(apitest.Officer, "GET", apitest.Path("reports/agencies/%d/trend", e.Agency.ID), nil), http.StatusForbidden)
		apitest.Expect(t, e.Do(apitest.Nobody, "GET", "reports/dashboard?year=2019", nil), http.StatusUnauthorized)
	})
}

// TestPrintView: the print view of the notice is a page for a signed-in
// browser (others are sent to the sign-in page), shows the same notice as an A4 page with its
// print style sheet and no inline style (the Content-Security-Policy
// forbids them), marks drafts, and is refused like the .docx.
func TestPrintView(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		visits, _ := reportWorld(t, e)
		seed, draft := visits["SKHCN 2019"], visits["SKHCN 2020"]
		officer := e.SignIn(apitest.Officer)
		page := apitest.Expect(t, officer.Send(apitest.Request{Method: "GET", Path: apitest.Path("/visits/%d/print", seed)}), http.StatusOK)
		if ct := page.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("content type %q", ct)
		}
		html := string(page.Body)
		for _, want := range []string{`<link rel="stylesheet" href="/static/print.css">`, "<strong>THÔNG BÁO</strong>", "Số: 45/TB-SNV",
			"Điện Biên, ngày 03 tháng 10 năm 2019", "<strong>Kết quả chung: </strong><strong>Hoàn thành tốt.</strong>", "KT. GIÁM ĐỐC",
			apitest.Path(`href="/api/v1/visits/%d/conclusion.docx"`, seed)} {
			if !strings.Contains(html, want) {
				t.Errorf("the print view lacks %s", want)
			}
		}
		if strings.Contains(html, "style=") || strings.Contains(html, "<style") || strings.Contains(html, "<script") || strings.Contains(html, "DỰ THẢO") {
			t.Error("the print view has an inline style or a script, or is marked as a draft")
		}
		browser := e.SignIn(apitest.Leader)
		res := browser.Send(apitest.Request{Method: "GET", Path: apitest.Path("/visits/%d/print", draft)})
		if res.Status != http.StatusOK || !strings.Contains(string(res.Body), `<div class="draft">DỰ THẢO</div>`) {
			t.Errorf("draft print view with a session: %d", res.Status)
		}
		if out := e.Send(apitest.Request{Method: "GET", Path: apitest.Path("/visits/%d/print", seed)}); !strings.Contains(string(out.Body), `action="/login"`) {
			t.Errorf("a signed-out print view = %d, want the sign-in page", out.Status)
		}
		apitest.Expect(t, officer.Send(apitest.Request{Method: "GET", Path: apitest.Path("/visits/%d/print", draft)}), http.StatusNotFound)
		apitest.Expect(t, officer.Send(apitest.Request{Method: "GET", Path: "/visits/abc/print"}), http.StatusNotFound)
		css := apitest.Expect(t, e.Do(apitest.Nobody, "GET", "/static/print.css", nil), http.StatusOK)
		if !strings.Contains(string(css.Body), "@page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm; }") {
			t.Error("print.css does not set the A4 page and its margins")
		}
		if err := e.DB.Gorm.Exec("UPDATE conclusion_snapshots SET content = content || ' ' WHERE visit_id = ?", seed).Error; err != nil {
			t.Fatal(err)
		}
		altered := apitest.Expect(t, officer.Send(apitest.Request{Method: "GET", Path: apitest.Path("/visits/%d/print", seed)}), http.StatusConflict)
		if !strings.Contains(string(altered.Body), "<!doctype html>") {
			t.Errorf("a page's refusal is not a page: %s", altered.Body)
		}
	})
}
