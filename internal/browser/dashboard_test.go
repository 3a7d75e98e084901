package browser_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/cchc-inspect/cchc/internal/demo"
	"github.com/cchc-inspect/cchc/internal/server/apitest"
	"github.com/cchc-inspect/cchc/internal/store"
)

// TestDashboard shows the demo's 2019 round to a leader: charts drawn on
// the server, their numbers as tables and CSV, nothing from the internet.
func TestDashboard(t *testing.T) {
	e := apitest.New(t, store.SQLite)
	if _, err := demo.Load(context.Background(), e.Svc); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, e.URL)
	b.signIn(e.Users[apitest.Leader].Username, apitest.Password) // the demo keeps users it finds
	b.open("/dashboard?year=2019")
	b.see("Cuộc kiểm tra theo tình trạng", "Tải số liệu (CSV)")
	if n := get(b, "charts", chromedpCount(`section.chart svg`)); n < 4 {
		t.Fatalf("%d charts drawn", n)
	}
	b.screenshot("dashboard")
	href := get(b, "CSV link", chromedpAttr(`section.chart a[href^="/dashboard.csv"]`, "href"))
	// The CSV answers the same numbers, for the signed-in leader.
	cookie := get(b, "session cookie", chromedpCookie("cchc_session"))
	req, _ := http.NewRequest("GET", e.URL+href, nil)
	req.AddCookie(&http.Cookie{Name: "cchc_session", Value: cookie})
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") || len(body) == 0 {
		t.Fatalf("CSV = %d %s %q", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	b.noRequestsAway()
}
