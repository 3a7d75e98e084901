package report_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/report"
	"github.com/cchc-inspect/cchc/internal/service"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

func counts(cs []domain.StatusCount) map[string]int {
	out := map[string]int{}
	for _, c := range cs {
		out[c.Status] = c.Count
	}
	return out
}

// TestDashboardOf2019 holds the dashboard's aggregates (computed by the
// database) to what the demo's 2019 round holds.
func TestDashboardOf2019(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		svc, visits := demoWorld(t, db)
		year := 2019
		d, err := svc.Dashboard(ctx, service.System, domain.ReportFilter{Year: &year})
		if err != nil {
			t.Fatal(err)
		}
		if got := counts(d.VisitsByStatus); got["closed"] != 2 || got["approved"] != 1 || got["cancelled"] != 1 || got["planned"] != 0 || len(d.VisitsByStatus) != 7 {
			t.Errorf("visits by status = %v", d.VisitsByStatus)
		}
		want := domain.DashboardTotals{Visits: 3, Approved: 3, Agencies: 3, Shortcomings: 5, RepeatedShortcomings: 0, Actions: 5, OverdueActions: 2}
		if d.Totals != want {
			t.Errorf("totals = %+v, want %+v", d.Totals, want)
		}
		results := map[domain.OverallResult]int{}
		for _, r := range d.Results {
			results[r.Result] = r.Count
		}
		if results[domain.ResultExcellent] != 1 || results[domain.ResultGood] != 1 || results[domain.ResultFair] != 1 || results[domain.ResultPoor] != 0 {
			t.Errorf("results = %v", d.Results)
		}
		byCode := map[string]domain.AgencyResult{}
		for _, a := range d.Agencies {
			byCode[a.Code] = a
		}
		seed := byCode["SKHCN"]
		if seed.OnTimeRate == nil || *seed.OnTimeRate != 100 || seed.OnlineRate == nil || *seed.OnlineRate != 37.5 ||
			seed.OverallResult == nil || *seed.OverallResult != domain.ResultGood || *seed.Score != 11.75 || *seed.MaxScore != 13 ||
			seed.Shortcomings != 2 || seed.OpenActions != 0 {
			t.Errorf("SKHCN = %+v", seed)
		}
		syt := byCode["SYT"]
		if *syt.OnTimeRate != 96.38 || syt.OverdueActions != 2 || syt.OpenActions != 2 || *syt.OverallResult != domain.ResultFair {
			t.Errorf("SYT = %+v", syt)
		}
		if _, ok := byCode["TX-ML"]; ok {
			t.Error("the cancelled visit's agency is among the results")
		}
		var areas []string
		for _, a := range d.ShortcomingsByArea {
			areas = append(areas, a.AreaCode+":"+string(rune('0'+a.Count)))
		}
		if !slices.Equal(areas, []string{"1:2", "3:1", "4:1", "7:1"}) {
			t.Errorf("shortcomings by area = %v", d.ShortcomingsByArea)
		}
		if a := d.ShortcomingsByArea[2]; a.Area != "Cải cách tổ chức bộ máy hành chính" || a.Major != 1 {
			t.Errorf("area 4 = %+v", a)
		}
		if got := counts(d.ActionsByStatus); got["verified"] != 3 || got["in_progress"] != 1 || got["open"] != 1 || got["reported_done"] != 0 {
			t.Errorf("actions by status = %v", d.ActionsByStatus)
		}
		if len(d.OverdueActions) != 2 || d.OverdueActions[0].DaysOverdue != 426 || d.OverdueActions[0].AgencyName != "Sở Y tế tỉnh Điện Biên" {
			t.Errorf("overdue actions = %+v", d.OverdueActions)
		}

		// 2020: the 2019 shortcoming on 1.1 comes back at SKHCN.
		year = 2020
		d, err = svc.Dashboard(ctx, service.System, domain.ReportFilter{Year: &year})
		if err != nil {
			t.Fatal(err)
		}
		if len(d.RepeatedShortcomings) != 1 || d.RepeatedShortcomings[0].CriterionCode != "1.1" || d.RepeatedShortcomings[0].EarlierYear != 2019 ||
			d.RepeatedShortcomings[0].VisitID != visits["SKHCN 2020"] || d.Totals.RepeatedShortcomings != 1 {
			t.Errorf("repeated shortcomings of 2020 = %+v", d.RepeatedShortcomings)
		}
		if got := counts(d.VisitsByStatus); got["submitted"] != 1 || got["in_progress"] != 1 || got["returned"] != 1 || got["planned"] != 1 {
			t.Errorf("2020 visits by status = %v", d.VisitsByStatus)
		}

		// A plan: the same as its year here.
		v, _ := store.Get[domain.Visit](ctx, svc.Store(), visits["SKHCN 2019"])
		byPlan, err := svc.Dashboard(ctx, service.System, domain.ReportFilter{PlanID: &v.PlanID})
		if err != nil || byPlan.Totals != want {
			t.Errorf("dashboard of the 2019 plan: %+v, %v", byPlan, err)
		}

		trend, err := svc.AgencyTrend(ctx, service.System, v.AgencyID)
		if err != nil {
			t.Fatal(err)
		}
		if len(trend.Years) != 2 || trend.Years[0].Year != 2019 || trend.Years[1].Year != 2020 {
			t.Fatalf("trend = %+v", trend.Years)
		}
		y19, y20 := trend.Years[0], trend.Years[1]
		if *y19.OverallResult != domain.ResultGood || *y19.OnTimeRate != 100 || y19.Shortcomings != 2 || y19.ActionsVerified != 2 {
			t.Errorf("2019 = %+v", y19)
		}
		if y20.OverallResult != nil || y20.Repeated != 1 || *y20.OnlineRate != 45.83 || y20.Actions != 1 {
			t.Errorf("2020 = %+v: no approved result yet, one repeated shortcoming", y20)
		}
	})
}

// TestDashboardRules: the dashboard needs a year or a plan; a plan that
// does not exist is a field error; agency officers may not see it.
func TestDashboardRules(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	svc, _ := demoWorld(t, db)
	if _, err := svc.Dashboard(ctx, service.System, domain.ReportFilter{}); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("no year nor plan: %v", err)
	}
	missing := int64(999)
	if _, err := svc.Dashboard(ctx, service.System, domain.ReportFilter{PlanID: &missing}); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("missing plan: %v", err)
	}
	officer, err := svc.Store().UserByUsername(ctx, "quang.lv")
	if err != nil {
		t.Fatal(err)
	}
	year := 2019
	if _, err := svc.Dashboard(ctx, service.Actor{User: officer}, domain.ReportFilter{Year: &year}); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Errorf("officer: %v", err)
	}
}

// TestChartsHaveTheirNumbers draws the dashboard's charts: each is an SVG
// that parses, without inline styles (the pages' Content-Security-Policy
// forbids them), titled, with a bar or point for each value, and the same
// numbers as a table and as CSV.
func TestChartsHaveTheirNumbers(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	svc, visits := demoWorld(t, db)
	year := 2019
	d, err := svc.Dashboard(ctx, service.System, domain.ReportFilter{Year: &year})
	if err != nil {
		t.Fatal(err)
	}
	v, _ := store.Get[domain.Visit](ctx, svc.Store(), visits["SKHCN 2019"])
	trend, err := svc.AgencyTrend(ctx, service.System, v.AgencyID)
	if err != nil {
		t.Fatal(err)
	}
	charts := append(report.DashboardCharts(d, "Điện Biên"), report.TrendCharts(trend)...)
	ids := map[string]report.Chart{}
	for _, c := range charts {
		ids[c.ID] = c
		svg := string(c.SVG())
		dec := xml.NewDecoder(strings.NewReader(svg))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s: the SVG does not parse: %v", c.ID, err)
			}
		}
		if strings.Contains(svg, "style=") || strings.Contains(svg, "<style") || strings.Contains(svg, "<script") || strings.Contains(svg, "http://") && !strings.Contains(svg, `xmlns="http://www.w3.org/2000/svg"`) {
			t.Errorf("%s: the SVG has an inline style, a script or a link", c.ID)
		}
		if !strings.Contains(svg, "<title id=\"chart-"+c.ID+"-title\">") {
			t.Errorf("%s: no title", c.ID)
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(c.CSV(), []byte("\ufeff")))).ReadAll()
		if err != nil {
			t.Fatalf("%s: CSV: %v", c.ID, err)
		}
		if len(rows) != len(c.Labels)+1 || len(rows[0]) != len(c.Series)+1 {
			t.Errorf("%s: CSV of %d rows × %d columns for %d labels and %d series", c.ID, len(rows), len(rows[0]), len(c.Labels), len(c.Series))
		}
		table := string(c.Table())
		for _, l := range c.Labels {
			if !strings.Contains(table, ">"+l+"<") && !strings.Contains(table, ">"+strings.ReplaceAll(l, "&", "&amp;")+"<") {
				t.Errorf("%s: the table lacks the row %q", c.ID, l)
			}
		}
	}
	csvOf := func(id string) string { return string(bytes.TrimPrefix(ids[id].CSV(), []byte("\ufeff"))) }
	if got := csvOf(report.ChartVisitsByStatus); !strings.Contains(got, "Đã hoàn thành khắc phục,2\n") || !strings.Contains(got, "Đã hủy,1\n") {
		t.Errorf("visits-by-status CSV:\n%s", got)
	}
	if got := csvOf(report.ChartAgencyRates); !strings.Contains(got, "Sở Khoa học và Công nghệ,100,37.5\n") {
		t.Errorf("agency-rates CSV:\n%s", got)
	}
	if got := string(ids[report.ChartAgencyRates].Table()); !strings.Contains(got, "<td class=\"num\">37,5%</td>") {
		t.Error("the agency-rates table does not write the online rate the Vietnamese way (37,5%)")
	}
	if got := csvOf(report.ChartOverdueByAgency); got != "\"Cơ quan, đơn vị\",Quá hạn,Chưa hoàn thành\nSở Y tế,2,2\n" {
		t.Errorf("overdue-by-agency CSV:\n%s", got)
	}
	if got := csvOf(report.ChartTrendRates); !strings.HasPrefix(got, "Năm,Hồ sơ đúng hạn (%),TTHC có DVCTT (%),Điểm thẩm định so với điểm tối đa (%)\n2019,100,37.5,90.38\n2020,100,45.83,") {
		t.Errorf("trend-rates CSV:\n%s", got)
	}
	// One bar per value: the agency-rates chart has two series over three agencies.
	if n := strings.Count(string(ids[report.ChartAgencyRates].SVG()), "<rect"); n != 2*3+2 {
		t.Errorf("agency-rates: %d rects, want 6 bars and 2 legend keys", n)
	}
}

// TestDashboardAndExportQueriesDoNotGrow counts the SQL statements of the
// dashboard and of the yearly export for a year of 20 visits and of 200:
// the numbers must be the same. The figures are computed by the database
// and the rows streamed, not one query per visit or agency.
func TestDashboardAndExportQueriesDoNotGrow(t *testing.T) {
	count := func(n int) (dashboard, export int) {
		db := storetest.Open(t, store.SQLite)
		st := store.New(db)
		generateYears(t, st, 2025, n)
		svc := service.New(st, time.UTC)
		statements := storetest.CountStatements(t, db.Gorm)
		year := 2025
		dashboard, _ = statements.Run(func() {
			if _, err := svc.Dashboard(ctx, service.System, domain.ReportFilter{Year: &year}); err != nil {
				t.Fatal(err)
			}
		})
		export, _ = statements.Run(func() {
			wb, err := svc.YearWorkbook(ctx, service.System, year)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := wb.WriteTo(io.Discard); err != nil {
				t.Fatal(err)
			}
			wb.Close()
		})
		return dashboard, export
	}
	d20, x20 := count(20)
	d200, x200 := count(200)
	if d20 != d200 || x20 != x200 || d20 == 0 || x20 == 0 {
		t.Errorf("statements: dashboard %d for 20 visits, %d for 200; export %d and %d", d20, d200, x20, x200)
	}
	t.Logf("dashboard: %d statements; export: %d statements", d200, x200)
}

// The dashboard's queries run at once on the database's connections; in a
// transaction (one connection) they run one after another, with the same
// answer.
func TestDashboardInATransactionIsTheSame(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		st := store.New(db)
		generateYears(t, st, 2025, 40)
		year := 2025
		f := domain.ReportFilter{Year: &year, Today: domain.NewDate(2026, time.March, 1)}
		want, err := st.Dashboard(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if want.Totals.Visits == 0 || want.Totals.Agencies == 0 || want.Totals.Actions == 0 {
			t.Fatalf("the generated year has nothing to show: %+v", want.Totals)
		}
		var got *domain.Dashboard
		if err := st.Tx(ctx, func(tx *store.Store) (err error) {
			got, err = tx.Dashboard(ctx, f)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		a, _ := json.Marshal(want)
		b, _ := json.Marshal(got)
		if !bytes.Equal(a, b) {
			t.Errorf("in a transaction the dashboard differs:\n%s\nwant\n%s", b, a)
		}
	})
}
