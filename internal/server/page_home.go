package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/service"
)

// homeData is what a role's home page shows.
type homeData struct {
	// Visits by state (inspector: where on the team; officer: the agency's).
	Visits map[domain.VisitStatus][]domain.Visit
	States []domain.VisitStatus
	// Review: conclusions waiting for a leader.
	Review []domain.Visit
	// Actions: what is due next (inspector, officer) or overdue (leader).
	Actions []domain.Action
	// Agencies names the agencies of the lists.
	Agencies map[int64]string
	Counts   map[string]int
}

// homePage shows each role what it works on next.
func (s *Server) homePage(c echo.Context) error {
	ctx, a := c.Request().Context(), actor(c)
	d := &homeData{Visits: map[domain.VisitStatus][]domain.Visit{}, Agencies: map[int64]string{}, Counts: map[string]int{}}
	page := domain.Page{PerPage: 50}
	switch a.User.Role {
	case domain.RoleInspector:
		visits, _, err := s.svc.Visits(ctx, a, domain.VisitFilter{MemberUserID: &a.User.ID, Page: page})
		if err != nil {
			return err
		}
		d.group(visits)
		open := []domain.ActionStatus{domain.ActionOpen, domain.ActionInProgress, domain.ActionReportedDone}
		for _, st := range open {
			st := st
			acts, _, err := s.svc.Actions(ctx, a, domain.ActionFilter{TeamUserID: &a.User.ID, Status: &st, ByDueDate: true, Page: domain.Page{PerPage: 20}})
			if err != nil {
				return err
			}
			d.Actions = append(d.Actions, acts...)
		}
	case domain.RoleLeader, domain.RoleAdmin:
		st := domain.VisitSubmitted
		review, _, err := s.svc.Visits(ctx, a, domain.VisitFilter{Status: &st, Page: page})
		if err != nil {
			return err
		}
		d.Review = review
		overdue := true
		if d.Actions, _, err = s.svc.Actions(ctx, a, domain.ActionFilter{Overdue: &overdue, ByDueDate: true, Page: page}); err != nil {
			return err
		}
		if a.User.Role == domain.RoleAdmin {
			if err := s.adminCounts(c, a, d); err != nil {
				return err
			}
		}
	case domain.RoleAgencyOfficer:
		visits, _, err := s.svc.Visits(ctx, a, domain.VisitFilter{Page: page})
		if err != nil {
			return err
		}
		d.group(visits)
		for _, st := range []domain.ActionStatus{domain.ActionOpen, domain.ActionInProgress} {
			st := st
			acts, _, err := s.svc.Actions(ctx, a, domain.ActionFilter{Status: &st, ByDueDate: true, Page: domain.Page{PerPage: 50}})
			if err != nil {
				return err
			}
			d.Actions = append(d.Actions, acts...)
		}
	}
	if err := s.nameAgencies(c, a, d.Agencies, d.allVisits(), d.Actions); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "home", &Page{Title: "home", Data: d})
}

func (d *homeData) group(visits []domain.Visit) {
	for _, v := range visits {
		if d.Visits[v.Status] == nil {
			d.States = append(d.States, v.Status)
		}
		d.Visits[v.Status] = append(d.Visits[v.Status], v)
	}
	ordered := make([]domain.VisitStatus, 0, len(d.States))
	for _, st := range domain.VisitStatuses {
		if d.Visits[st] != nil {
			ordered = append(ordered, st)
		}
	}
	d.States = ordered
}

func (d *homeData) allVisits() []domain.Visit {
	out := append([]domain.Visit{}, d.Review...)
	for _, vs := range d.Visits {
		out = append(out, vs...)
	}
	return out
}

func (s *Server) adminCounts(c echo.Context, a service.Actor, d *homeData) error {
	ctx := c.Request().Context()
	one := domain.Page{PerPage: 1}
	_, n, err := s.svc.Users(ctx, a, domain.UserFilter{Page: one})
	if err != nil {
		return err
	}
	d.Counts["users"] = n
	if _, n, err = s.svc.Agencies(ctx, a, domain.AgencyFilter{Page: one}); err != nil {
		return err
	}
	d.Counts["agencies"] = n
	if _, n, err = s.svc.CriteriaSets(ctx, a, nil, one); err != nil {
		return err
	}
	d.Counts["criteria_sets"] = n
	return nil
}

// nameAgencies fills names for the agencies of visits and actions, with one
// query for all of them.
func (s *Server) nameAgencies(c echo.Context, a service.Actor, names map[int64]string, visits []domain.Visit, actions []domain.Action) error {
	ids := map[int64]bool{}
	for _, v := range visits {
		ids[v.AgencyID] = true
	}
	for _, x := range actions {
		ids[x.AgencyID] = true
	}
	if len(ids) == 0 {
		return nil
	}
	list := make([]int64, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	agencies, err := s.svc.AgenciesByID(c.Request().Context(), a, list)
	if err != nil {
		return err
	}
	for _, ag := range agencies {
		names[ag.ID] = ag.Name
	}
	return nil
}
