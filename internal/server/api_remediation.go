package server

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/service"
)

func (s *Server) listShortcomings(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	q := newQuery(c)
	page := q.page()
	if err := q.err(); err != nil {
		return err
	}
	items, total, err := s.svc.Shortcomings(c.Request().Context(), actor(c), id, page)
	if err != nil {
		return err
	}
	return list(c, items, total, page)
}

func (s *Server) createShortcoming(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in service.NewShortcoming
	if err := bind(c, &in); err != nil {
		return err
	}
	sc, err := s.svc.CreateShortcoming(c.Request().Context(), actor(c), id, in)
	if err != nil {
		return err
	}
	return created(c, sc)
}

func (s *Server) getShortcoming(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	sc, err := s.svc.Shortcoming(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return ok(c, sc)
}

func (s *Server) updateShortcoming(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var body struct {
		Version *int `json:"version"`
		domain.ShortcomingUpdate
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	v, err := version(c, body.Version)
	if err != nil {
		return err
	}
	sc, err := s.svc.UpdateShortcoming(c.Request().Context(), actor(c), id, v, body.ShortcomingUpdate)
	if err != nil {
		return err
	}
	return ok(c, sc)
}

func (s *Server) deleteShortcoming(c echo.Context) error {
	id, v, err := idAndDeleteVersion(c)
	if err != nil {
		return err
	}
	if err := s.svc.DeleteShortcoming(c.Request().Context(), actor(c), id, v); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) listShortcomingActions(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	q := newQuery(c)
	page := q.page()
	if err := q.err(); err != nil {
		return err
	}
	items, total, err := s.svc.ShortcomingActions(c.Request().Context(), actor(c), id, page)
	if err != nil {
		return err
	}
	return list(c, items, total, page)
}

func (s *Server) createAction(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in service.NewAction
	if err := bind(c, &in); err != nil {
		return err
	}
	a, err := s.svc.CreateAction(c.Request().Context(), actor(c), id, in)
	if err != nil {
		return err
	}
	return created(c, a)
}

func (s *Server) listActions(c echo.Context) error {
	q := newQuery(c)
	f := domain.ActionFilter{AgencyID: q.id("agency_id"), VisitID: q.id("visit_id"), Status: enum(q, "status", domain.ActionStatuses),
		Overdue: q.bool("overdue"), Page: q.page()}
	if err := q.err(); err != nil {
		return err
	}
	items, total, err := s.svc.Actions(c.Request().Context(), actor(c), f)
	if err != nil {
		return err
	}
	return list(c, items, total, f.Page)
}

func (s *Server) getAction(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	a, err := s.svc.Action(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return ok(c, a)
}

func (s *Server) updateAction(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var body struct {
		Version *int `json:"version"`
		domain.ActionUpdate
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	v, err := version(c, body.Version)
	if err != nil {
		return err
	}
	a, err := s.svc.UpdateAction(c.Request().Context(), actor(c), id, v, body.ActionUpdate)
	if err != nil {
		return err
	}
	return ok(c, a)
}

func (s *Server) listActionUpdates(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	items, err := s.svc.ActionUpdates(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return list(c, items, len(items), domain.Page{Page: 1, PerPage: max(len(items), 1)})
}

func (s *Server) reportProgress(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in service.NewActionUpdate
	if err := bind(c, &in); err != nil {
		return err
	}
	u, err := s.svc.ReportProgress(c.Request().Context(), actor(c), id, in)
	if err != nil {
		return err
	}
	return created(c, u)
}

func (s *Server) verifyAction(c echo.Context) error { return s.judgeAction(c, s.svc.VerifyAction) }

func (s *Server) reopenAction(c echo.Context) error { return s.judgeAction(c, s.svc.ReopenAction) }

// judgeAction handles verify and reopen, whose body (a note) is optional.
func (s *Server) judgeAction(c echo.Context, do func(ctx context.Context, a service.Actor, id int64, in service.ActionNote) (*domain.Action, error)) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in service.ActionNote
	if err := bindOptional(c, &in); err != nil {
		return err
	}
	a, err := do(c.Request().Context(), actor(c), id, in)
	if err != nil {
		return err
	}
	return ok(c, a)
}

func (s *Server) getConclusion(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	con, err := s.svc.Conclusion(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return ok(c, con)
}

func (s *Server) putConclusion(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var body struct {
		Version *int `json:"version"`
		domain.ConclusionUpdate
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	v, err := version(c, body.Version)
	if err != nil {
		return err
	}
	con, err := s.svc.PutConclusion(c.Request().Context(), actor(c), id, v, body.ConclusionUpdate)
	if err != nil {
		return err
	}
	return ok(c, con)
}

// workflowBody is the optional body of submit and approve.
type workflowBody struct {
	Version *int `json:"version"`
}

func (s *Server) submitConclusion(c echo.Context) error {
	return s.conclusionStep(c, func(ctx context.Context, a service.Actor, id int64, v *int) (*domain.Conclusion, error) {
		return s.svc.SubmitConclusion(ctx, a, id, v)
	})
}

func (s *Server) approveConclusion(c echo.Context) error {
	return s.conclusionStep(c, func(ctx context.Context, a service.Actor, id int64, v *int) (*domain.Conclusion, error) {
		return s.svc.ApproveConclusion(ctx, a, id, v)
	})
}

func (s *Server) conclusionStep(c echo.Context, do func(ctx context.Context, a service.Actor, id int64, v *int) (*domain.Conclusion, error)) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var body workflowBody
	if err := bindOptional(c, &body); err != nil {
		return err
	}
	v, err := optionalVersion(c, body.Version)
	if err != nil {
		return err
	}
	con, err := do(c.Request().Context(), actor(c), id, v)
	if err != nil {
		return err
	}
	return ok(c, con)
}

func (s *Server) returnConclusion(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var body struct {
		Version *int `json:"version"`
		service.ReturnNote
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	v, err := optionalVersion(c, body.Version)
	if err != nil {
		return err
	}
	con, err := s.svc.ReturnConclusion(c.Request().Context(), actor(c), id, v, body.ReturnNote)
	if err != nil {
		return err
	}
	return ok(c, con)
}

// bindOptional binds a JSON body when there is one.
func bindOptional(c echo.Context, dst any) error {
	if c.Request().ContentLength == 0 && c.Request().Header.Get(echo.HeaderContentType) == "" {
		return nil
	}
	return bind(c, dst)
}
