package browser_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/cchc-inspect/cchc/internal/server/apitest"
)

// offline cuts (or restores) the tab's network, as a phone losing signal.
func (b *browser) offline(on bool) {
	b.t.Helper()
	rule := network.Conditions{Offline: on, DownloadThroughput: -1, UploadThroughput: -1}
	if _, err := chromedp.Call(b.ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{&rule}}); err != nil {
		b.t.Fatal(err)
	}
}

// TestNetworkDropKeepsWhatWasTyped saves a finding while the phone has no
// network: the page says it could not send, the typed values stay, and the
// same button saves them once the network is back.
func TestNetworkDropKeepsWhatWasTyped(t *testing.T) {
	w := newWorld(t, "sqlite")
	visit := w.e.NewVisit(t, &apitest.World{PlanID: w.plan, SetID: w.set, Crit: w.crit}, w.e.Agency.ID)
	b := newBrowser(t, w.e.URL)
	b.phone(true)
	w.as(b, apitest.Inspector)
	b.open("/visits/" + id(visit) + "/findings")
	sel := "#c-" + id(w.crit["3.3"])
	b.run("type a finding",
		chromedp.Click(css(sel+` input[name=rating][value=good]`)),
		chromedp.SetValue(css(sel+` input[name=value]`), "98.5"),
		chromedp.SetValue(css(sel+` textarea[name=note]`), "Còn 3 hồ sơ trễ hạn ở lĩnh vực đo lường."))
	b.offline(true)
	b.run("save without network", chromedp.Click(css(sel+` button.primary`)), chromedp.WaitVisible(css(`#net-status`)))
	if msg := b.text("#net-status"); msg == "" || !contains(msg, "mạng") {
		t.Fatalf("the page does not say the network failed: %q", msg)
	}
	if v, n := b.value(sel+` input[name=value]`), b.value(sel+` textarea[name=note]`); v != "98.5" || n != "Còn 3 hồ sơ trễ hạn ở lĩnh vực đo lường." {
		t.Fatalf("typed values lost: %q, %q", v, n)
	}
	b.offline(false)
	b.run("save again", chromedp.Click(css(sel+` button.primary`)), chromedp.WaitVisible(css(sel+`.saved`)))
	var f struct {
		Value *float64 `json:"value"`
		Note  string   `json:"note"`
	}
	res := w.e.Do(apitest.Inspector, "GET", apitest.Path("findings/%d", findingID(t, w, visit, w.crit["3.3"])), nil)
	apitest.Expect(t, res, http.StatusOK).JSON(t, &f)
	if f.Value == nil || *f.Value != 98.5 || f.Note != "Còn 3 hồ sơ trễ hạn ở lĩnh vực đo lường." {
		t.Fatalf("stored finding = %+v", f)
	}
	b.noRequestsAway()
}

// TestOfficerEntersTheSelfAssessment: before the visit, the agency's
// officer scores the agency's own work; the team's assessment stays hidden.
func TestOfficerEntersTheSelfAssessment(t *testing.T) {
	w := newWorld(t, "sqlite")
	visit := w.e.NewVisit(t, &apitest.World{PlanID: w.plan, SetID: w.set, Crit: w.crit}, w.e.Agency.ID)
	apitest.Expect(t, w.e.Do(apitest.Inspector, "POST", apitest.Path("visits/%d/findings", visit),
		map[string]any{"criterion_id": w.crit["1.3"], "rating": "fair", "score": 0.5, "note": "Nhận xét nội bộ của đoàn"}), http.StatusCreated)
	b := newBrowser(t, w.e.URL)
	w.as(b, apitest.Officer)
	b.open("/visits/" + id(visit))
	b.submit(`a[href$="/findings"]`)
	b.see("Tự đánh giá, chấm điểm")
	body := b.text("main")
	if contains(body, "Nhận xét nội bộ của đoàn") {
		t.Fatal("the officer sees the team's note before the conclusion is approved")
	}
	sel := "#c-" + id(w.crit["1.3"])
	b.run("self-score 1.3", chromedp.SetValue(css(sel+` input[name=self_score]`), "1"),
		chromedp.SetValue(css(sel+` textarea[name=self_note]`), "Có 12 tin, bài tuyên truyền trên cổng thông tin."),
		chromedp.Click(css(sel+` button.primary`)), chromedp.WaitVisible(css(sel+`.saved`)))
	b.signOut()
	w.as(b, apitest.Inspector)
	b.open("/visits/" + id(visit))
	b.see("Có 12 tin, bài tuyên truyền trên cổng thông tin.", "Nhận xét nội bộ của đoàn")
}

func findingID(t *testing.T, w *world, visit, criterion int64) int64 {
	t.Helper()
	var list struct {
		Items []struct {
			ID          int64 `json:"id"`
			CriterionID int64 `json:"criterion_id"`
		} `json:"items"`
	}
	apitest.Expect(t, w.e.Do(apitest.Inspector, "GET", apitest.Path("visits/%d/findings", visit), nil), http.StatusOK).JSON(t, &list)
	for _, f := range list.Items {
		if f.CriterionID == criterion {
			return f.ID
		}
	}
	t.Fatalf("no finding on criterion %d", criterion)
	return 0
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
