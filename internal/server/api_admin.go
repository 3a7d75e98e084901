package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/service"
)

func (s *Server) listAgencies(c echo.Context) error {
	q := newQuery(c)
	f := domain.AgencyFilter{Kind: enum(q, "kind", domain.AgencyKinds), Active: q.bool("active"), ParentID: q.id("parent_id"),
		Q: q.text("q", 200), Page: q.page()}
	if p := q.text("province", 100); p != "" {
		f.Province = &p
	}
	if err := q.err(); err != nil {
		return err
	}
	items, total, err := s.svc.Agencies(c.Request().Context(), actor(c), f)
	if err != nil {
		return err
	}
	return list(c, items, total, f.Page)
}

func (s *Server) createAgency(c echo.Context) error {
	var in service.NewAgency
	if err := bind(c, &in); err != nil {
		return err
	}
	a, err := s.svc.CreateAgency(c.Request().Context(), actor(c), in)
	if err != nil {
		return err
	}
	return created(c, a)
}

func (s *Server) getAgency(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	a, err := s.svc.Agency(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return ok(c, a)
}

func (s *Server) updateAgency(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var body struct {
		Version *int `json:"version"`
		domain.AgencyUpdate
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	v, err := version(c, body.Version)
	if err != nil {
		return err
	}
	a, err := s.svc.UpdateAgency(c.Request().Context(), actor(c), id, v, body.AgencyUpdate)
	if err != nil {
		return err
	}
	return ok(c, a)
}

// deleteAgency takes the version in If-Match or ?version=.
func (s *Server) deleteAgency(c echo.Context) error {
	id, v, err := idAndDeleteVersion(c)
	if err != nil {
		return err
	}
	if err := s.svc.DeleteAgency(c.Request().Context(), actor(c), id, v); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) listUsers(c echo.Context) error {
	q := newQuery(c)
	f := domain.UserFilter{Role: enum(q, "role", domain.Roles), AgencyID: q.id("agency_id"), Active: q.bool("active"),
		Q: q.text("q", 200), Page: q.page()}
	if err := q.err(); err != nil {
		return err
	}
	items, total, err := s.svc.Users(c.Request().Context(), actor(c), f)
	if err != nil {
		return err
	}
	return list(c, items, total, f.Page)
}

func (s *Server) createUser(c echo.Context) error {
	var in service.NewUser
	if err := bind(c, &in); err != nil {
		return err
	}
	u, err := s.svc.CreateUser(c.Request().Context(), actor(c), in)
	if err != nil {
		return err
	}
	return created(c, u)
}

func (s *Server) getUser(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	u, err := s.svc.User(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return ok(c, u)
}

func (s *Server) updateUser(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var body struct {
		Version  *int    `json:"version"`
		Password *string `json:"password"`
		domain.UserUpdate
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	v, err := version(c, body.Version)
	if err != nil {
		return err
	}
	u, err := s.svc.UpdateUser(c.Request().Context(), actor(c), id, v, service.UserChange{UserUpdate: body.UserUpdate, Password: body.Password})
	if err != nil {
		return err
	}
	return ok(c, u)
}

func (s *Server) listCriteriaSets(c echo.Context) error {
	q := newQuery(c)
	year, page := q.year("year"), q.page()
	if err := q.err(); err != nil {
		return err
	}
	items, total, err := s.svc.CriteriaSets(c.Request().Context(), actor(c), year, page)
	if err != nil {
		return err
	}
	return list(c, items, total, page)
}

func (s *Server) createCriteriaSet(c echo.Context) error {
	var in service.NewCriteriaSet
	if err := bind(c, &in); err != nil {
		return err
	}
	set, err := s.svc.CreateCriteriaSet(c.Request().Context(), actor(c), in)
	if err != nil {
		return err
	}
	return created(c, set)
}

func (s *Server) getCriteriaSet(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	set, err := s.svc.CriteriaSet(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return ok(c, set)
}

func (s *Server) addCriterion(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in service.NewCriterion
	if err := bind(c, &in); err != nil {
		return err
	}
	cr, err := s.svc.AddCriterion(c.Request().Context(), actor(c), id, in)
	if err != nil {
		return err
	}
	return created(c, cr)
}

func (s *Server) updateCriterion(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var body struct {
		Version *int `json:"version"`
		domain.CriterionUpdate
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	v, err := version(c, body.Version)
	if err != nil {
		return err
	}
	cr, err := s.svc.UpdateCriterion(c.Request().Context(), actor(c), id, v, body.CriterionUpdate)
	if err != nil {
		return err
	}
	return ok(c, cr)
}

func (s *Server) listPlans(c echo.Context) error {
	q := newQuery(c)
	f := domain.PlanFilter{Year: q.year("year"), Status: enum(q, "status", domain.PlanStatuses), Q: q.text("q", 200), Page: q.page()}
	if err := q.err(); err != nil {
		return err
	}
	items, total, err := s.svc.Plans(c.Request().Context(), actor(c), f)
	if err != nil {
		return err
	}
	return list(c, items, total, f.Page)
}

func (s *Server) createPlan(c echo.Context) error {
	var in service.NewPlan
	if err := bind(c, &in); err != nil {
		return err
	}
	p, err := s.svc.CreatePlan(c.Request().Context(), actor(c), in)
	if err != nil {
		return err
	}
	return created(c, p)
}

func (s *Server) getPlan(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	p, err := s.svc.Plan(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return ok(c, p)
}

func (s *Server) updatePlan(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var body struct {
		Version *int `json:"version"`
		domain.PlanUpdate
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	v, err := version(c, body.Version)
	if err != nil {
		return err
	}
	p, err := s.svc.UpdatePlan(c.Request().Context(), actor(c), id, v, body.PlanUpdate)
	if err != nil {
		return err
	}
	return ok(c, p)
}

func (s *Server) listAudit(c echo.Context) error {
	q := newQuery(c)
	f := domain.AuditFilter{EntityID: q.id("entity_id"), ActorID: q.id("actor_id"), Page: q.page()}
	if t := q.text("entity_type", 50); t != "" {
		f.EntityType = &t
	}
	if err := q.err(); err != nil {
		return err
	}
	items, total, err := s.svc.Audit(c.Request().Context(), actor(c), f)
	if err != nil {
		return err
	}
	return list(c, items, total, f.Page)
}

// idAndDeleteVersion reads the {id} and the version of a DELETE: If-Match
// or ?version=.
func idAndDeleteVersion(c echo.Context) (int64, int, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return 0, 0, err
	}
	var body *int
	if s := c.QueryParam("version"); s != "" {
		q := newQuery(c)
		n := q.id("version")
		if err := q.err(); err != nil {
			return 0, 0, err
		}
		v := int(*n)
		body = &v
	}
	v, err := version(c, body)
	return id, v, err
}
