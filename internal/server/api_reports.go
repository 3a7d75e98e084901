package server

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/report"
	"github.com/cchc-inspect/cchc/internal/service"
)

// Documents, reports and the dashboard: thin handlers over the service.

func (s *Server) conclusionDOCX(c echo.Context) error {
	return s.visitFile(c, s.svc.ConclusionDOCX)
}

func (s *Server) minutesDOCX(c echo.Context) error {
	return s.visitFile(c, s.svc.MinutesDOCX)
}

func (s *Server) bulletin(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	f, err := s.svc.Bulletin(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return sendFile(c, f, "inline")
}

// visitFile answers a document of a visit as a download.
func (s *Server) visitFile(c echo.Context, render func(context.Context, service.Actor, int64) (*service.File, error)) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	f, err := render(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return sendFile(c, f, "attachment")
}

func (s *Server) planReportDOCX(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	f, err := s.svc.PlanReportDOCX(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return sendFile(c, f, "attachment")
}

// yearXLSX streams the workbook of a year: /reports/2019.xlsx.
func (s *Server) yearXLSX(c echo.Context) error {
	year, err := yearFile(c.Param("year.xlsx"))
	if err != nil {
		return err
	}
	wb, err := s.svc.YearWorkbook(c.Request().Context(), actor(c), year)
	if err != nil {
		return err
	}
	defer wb.Close()
	// The workbook is built (its sheets in memory or temporary files) before the
	// answer starts, so any failure above is still a proper error answer.
	fileHeaders(c, wb.FileName+".xlsx", "attachment")
	c.Response().Header().Set(echo.HeaderContentType, report.XLSXContentType)
	c.Response().WriteHeader(http.StatusOK)
	_, err = wb.WriteTo(c.Response())
	return err
}

// yearFile reads the year of "2019.xlsx"; anything else is no such report.
func yearFile(name string) (int, error) {
	digits, ok := strings.CutSuffix(name, ".xlsx")
	year, err := strconv.Atoi(digits)
	if !ok || err != nil || len(digits) != 4 || year < 2000 || year > 2100 {
		return 0, &domain.Error{Code: domain.ENOTFOUND, Key: "not_found", Args: map[string]string{"entity": "report"},
			Message: "no such report: the workbook of a year is /reports/YYYY.xlsx, with a year from 2000 to 2100"}
	}
	return year, nil
}

func (s *Server) dashboard(c echo.Context) error {
	q := newQuery(c)
	f := domain.ReportFilter{Year: q.year("year"), PlanID: q.id("plan_id")}
	if err := q.err(); err != nil {
		return err
	}
	d, err := s.svc.Dashboard(c.Request().Context(), actor(c), f)
	if err != nil {
		return err
	}
	return ok(c, d)
}

func (s *Server) agencyTrend(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	t, err := s.svc.AgencyTrend(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return ok(c, t)
}

// printConclusion is the print view of a visit's conclusion notice: the
// same content as the .docx, as an A4 page to print or save as PDF.
func (s *Server) printConclusion(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, err := s.svc.ConclusionDocument(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	links := report.PrintLinks{Back: "/visits/" + strconv.FormatInt(id, 10),
		Download: "/api/v1/visits/" + strconv.FormatInt(id, 10) + "/conclusion.docx"}
	if err := report.WritePrintHTML(&b, d, links); err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "private, no-store")
	return c.HTMLBlob(http.StatusOK, b.Bytes())
}

// sendFile answers a rendered file, as a download or to show inline; it
// changes with the records, and is the caller's only.
func sendFile(c echo.Context, f *service.File, disposition string) error {
	fileHeaders(c, f.Name, disposition)
	return c.Blob(http.StatusOK, f.ContentType, f.Data)
}

func fileHeaders(c echo.Context, name, disposition string) {
	h := c.Response().Header()
	h.Set("Content-Disposition", strings.Replace(contentDisposition(name), "attachment", disposition, 1))
	h.Set("Cache-Control", "private, no-store")
	h.Set("X-Content-Type-Options", "nosniff")
}
