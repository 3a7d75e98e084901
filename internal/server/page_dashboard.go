package server

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/report"
)

// dashboardData is the leaders' dashboard: charts drawn on the server, each
// with its numbers as a table and as CSV.
type dashboardData struct {
	Year     int
	PlanID   int64
	Plans    []domain.Plan
	Agencies []domain.Agency
	Agency   *domain.Agency
	Charts   []report.Chart
	Query    string
}

// dashboardPage shows a year's (or a plan's) aggregates, or one agency's
// trend over the years.
func (s *Server) dashboardPage(c echo.Context) error {
	d, err := s.dashboardCharts(c)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "dashboard", &Page{Title: "dashboard", Data: d})
}

// dashboardCSV sends one chart's numbers as CSV.
func (s *Server) dashboardCSV(c echo.Context) error {
	d, err := s.dashboardCharts(c)
	if err != nil {
		return err
	}
	for _, ch := range d.Charts {
		if ch.ID == c.QueryParam("chart") {
			c.Response().Header().Set("Content-Disposition", contentDisposition(ch.ID+".csv"))
			return c.Blob(http.StatusOK, "text/csv; charset=utf-8", ch.CSV())
		}
	}
	return domain.NotFound("chart")
}

func (s *Server) dashboardCharts(c echo.Context) (*dashboardData, error) {
	ctx, a := c.Request().Context(), actor(c)
	q := newQuery(c)
	year, planID, agencyID := q.year("year"), q.id("plan_id"), q.id("agency_id")
	if err := q.err(); err != nil {
		return nil, err
	}
	d := &dashboardData{Year: s.svc.Today().Year}
	if year != nil {
		d.Year = *year
	}
	var err error
	if d.Plans, _, err = s.svc.Plans(ctx, a, domain.PlanFilter{Page: domain.Page{PerPage: domain.MaxPerPage}}); err != nil {
		return nil, err
	}
	if d.Agencies, _, err = s.svc.Agencies(ctx, a, domain.AgencyFilter{Page: domain.Page{PerPage: domain.MaxPerPage}}); err != nil {
		return nil, err
	}
	if agencyID != nil {
		trend, err := s.svc.AgencyTrend(ctx, a, *agencyID)
		if err != nil {
			return nil, err
		}
		if d.Agency, err = s.svc.Agency(ctx, a, *agencyID); err != nil {
			return nil, err
		}
		d.Charts = report.TrendCharts(trend)
		d.Query = "agency_id=" + strconv.FormatInt(*agencyID, 10)
		return d, nil
	}
	f := domain.ReportFilter{Year: &d.Year, PlanID: planID}
	if planID != nil {
		d.PlanID = *planID
		f.Year = nil
	}
	dash, err := s.svc.Dashboard(ctx, a, f)
	if err != nil {
		return nil, err
	}
	d.Charts = report.DashboardCharts(dash, s.svc.Issuer.Province)
	d.Query = "year=" + strconv.Itoa(d.Year)
	if planID != nil {
		d.Query = "plan_id=" + strconv.FormatInt(*planID, 10)
	}
	return d, nil
}
