package server

import (
	"encoding/json"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/service"
)

func (s *Server) listVisits(c echo.Context) error {
	q := newQuery(c)
	f := domain.VisitFilter{Year: q.year("year"), AgencyID: q.id("agency_id"), PlanID: q.id("plan_id"),
		Status: enum(q, "status", domain.VisitStatuses), Q: q.text("q", 200), Page: q.page()}
	if mine := q.bool("mine"); mine != nil && *mine {
		f.MemberUserID = &actor(c).User.ID
	}
	if err := q.err(); err != nil {
		return err
	}
	items, total, err := s.svc.Visits(c.Request().Context(), actor(c), f)
	if err != nil {
		return err
	}
	return list(c, items, total, f.Page)
}

func (s *Server) createVisit(c echo.Context) error {
	var in service.NewVisit
	if err := bind(c, &in); err != nil {
		return err
	}
	v, err := s.svc.CreateVisit(c.Request().Context(), actor(c), in)
	if err != nil {
		return err
	}
	return created(c, v)
}

func (s *Server) getVisit(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := s.svc.Visit(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return ok(c, v)
}

func (s *Server) updateVisit(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var body struct {
		Version *int `json:"version"`
		domain.VisitUpdate
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	v, err := version(c, body.Version)
	if err != nil {
		return err
	}
	d, err := s.svc.UpdateVisit(c.Request().Context(), actor(c), id, v, body.VisitUpdate)
	if err != nil {
		return err
	}
	return ok(c, d)
}

// putTeam takes {"version": N, "members": [...]}, or the bare list of
// members with the visit's version in If-Match.
func (s *Server) putTeam(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var raw json.RawMessage
	if err := bind(c, &raw); err != nil {
		return err
	}
	var body struct {
		Version *int `json:"version"`
		service.TeamInput
	}
	if len(raw) > 0 && raw[0] == '[' {
		err = decodeJSON(raw, &body.Members)
	} else {
		err = decodeJSON(raw, &body)
	}
	if err != nil {
		return err
	}
	v, err := version(c, body.Version)
	if err != nil {
		return err
	}
	d, err := s.svc.SetTeam(c.Request().Context(), actor(c), id, v, body.TeamInput)
	if err != nil {
		return err
	}
	return ok(c, d)
}

func (s *Server) listFindings(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	q := newQuery(c)
	page := q.page()
	if err := q.err(); err != nil {
		return err
	}
	items, total, err := s.svc.Findings(c.Request().Context(), actor(c), id, page)
	if err != nil {
		return err
	}
	return list(c, items, total, page)
}

func (s *Server) createFinding(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in service.NewFinding
	if err := bind(c, &in); err != nil {
		return err
	}
	f, err := s.svc.CreateFinding(c.Request().Context(), actor(c), id, in)
	if err != nil {
		return err
	}
	return created(c, f)
}

func (s *Server) getFinding(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	f, err := s.svc.Finding(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return ok(c, f)
}

func (s *Server) updateFinding(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var body struct {
		Version *int `json:"version"`
		domain.FindingUpdate
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	v, err := version(c, body.Version)
	if err != nil {
		return err
	}
	f, err := s.svc.UpdateFinding(c.Request().Context(), actor(c), id, v, body.FindingUpdate)
	if err != nil {
		return err
	}
	return ok(c, f)
}

func (s *Server) deleteFinding(c echo.Context) error {
	id, v, err := idAndDeleteVersion(c)
	if err != nil {
		return err
	}
	if err := s.svc.DeleteFinding(c.Request().Context(), actor(c), id, v); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) getProcedureStats(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	p, err := s.svc.ProcedureStats(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return ok(c, p)
}

func (s *Server) putProcedureStats(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var body struct {
		Version *int `json:"version"`
		service.ProcedureInput
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	v, err := optionalVersion(c, body.Version)
	if err != nil {
		return err
	}
	p, err := s.svc.PutProcedureStats(c.Request().Context(), actor(c), id, v, body.ProcedureInput)
	if err != nil {
		return err
	}
	return ok(c, p)
}

func (s *Server) getStaffingStats(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	st, err := s.svc.StaffingStats(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return ok(c, st)
}

func (s *Server) putStaffingStats(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var body struct {
		Version *int `json:"version"`
		service.StaffingInput
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	v, err := optionalVersion(c, body.Version)
	if err != nil {
		return err
	}
	st, err := s.svc.PutStaffingStats(c.Request().Context(), actor(c), id, v, body.StaffingInput)
	if err != nil {
		return err
	}
	return ok(c, st)
}
