package server

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/service"
)

// plansData is the list of annual plans with its filters, and the form to
// add one.
type plansData struct {
	Items  []domain.Plan
	Total  int
	Page   domain.Page
	Filter url.Values
	// Base is the list's URL with its filters, for the pager.
	Base     string
	States   []domain.PlanStatus
	CanWrite bool
}

// planData is one plan with its visits and the form to change it.
type planData struct {
	Plan *domain.Plan
	// Newer is the stored plan when a save lost a race.
	Newer    *domain.Plan
	Visits   []domain.Visit
	Total    int
	Page     domain.Page
	Agencies map[int64]string
	Base     string
	CanWrite bool
}

// plansReader refuses the plans' pages to agency officers: plans are the
// province's internal work. The service lets every role read plans (the
// API's visits need them), so the page says no itself.
func plansReader(a service.Actor) error {
	if isOfficer(a) {
		return forbiddenPage()
	}
	return nil
}

// plansWriter reports whether the caller may create and change plans.
func plansWriter(a service.Actor) bool {
	return a.User != nil && (a.User.Role == domain.RoleAdmin || a.User.Role == domain.RoleInspector)
}

// plansPage lists the annual plans with the API's filters and search.
func (s *Server) plansPage(c echo.Context) error {
	form := url.Values{"year": {strconv.Itoa(s.svc.Today().Year)}, "status": {string(domain.PlanDraft)}}
	return s.renderPlans(c, &Page{Form: form}, http.StatusOK)
}

// renderPlans shows the list of plans with p's form and errors.
func (s *Server) renderPlans(c echo.Context, p *Page, status int) error {
	ctx, a := c.Request().Context(), actor(c)
	if err := plansReader(a); err != nil {
		return err
	}
	q := newQuery(c)
	f := domain.PlanFilter{Year: q.year("year"), Status: enum(q, "status", domain.PlanStatuses), Q: q.text("q", 200), Page: q.page()}
	if err := q.err(); err != nil {
		return err
	}
	items, total, err := s.svc.Plans(ctx, a, f)
	if err != nil {
		return err
	}
	admNotice(c, p, "ui.plan.msg.")
	p.Title = "plans"
	p.Data = &plansData{Items: items, Total: total, Page: f.Page.Normalize(), Filter: c.QueryParams(),
		Base: listBase(c, "/plans"), States: domain.PlanStatuses, CanWrite: plansWriter(a)}
	return s.render(c, status, "plans", p)
}

// planInput reads the plan's form; fs collects what cannot be read.
func planInput(c echo.Context, fs *domain.Fields) service.NewPlan {
	in := service.NewPlan{Title: *formString(c, "title"), DecisionNo: *formString(c, "decision_no"),
		IssuedBy: *formString(c, "issued_by"), Status: domain.PlanStatus(c.FormValue("status"))}
	if y := formWhole(c, "year", fs); y != nil {
		in.Year = *y
	}
	in.IssuedOn = formDate(c, "issued_on", fs)
	return in
}

// planCreatePost creates a plan from the list's form and opens it.
func (s *Server) planCreatePost(c echo.Context) error {
	a := actor(c)
	if err := plansReader(a); err != nil {
		return err
	}
	var fs domain.Fields
	in := planInput(c, &fs)
	err := fs.Err()
	var plan *domain.Plan
	if err == nil {
		plan, err = s.svc.CreatePlan(c.Request().Context(), a, in)
	}
	if err != nil {
		p := &Page{Form: formValues(c)}
		if !formErrors(pageLang(c), err, p) {
			return err
		}
		return s.renderPlans(c, p, statusOfErr(err))
	}
	return redirectDone(c, "/plans/"+strconv.FormatInt(plan.ID, 10), "created")
}

// planPage shows a plan, the form to change it and its visits.
func (s *Server) planPage(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	return s.renderPlan(c, id, nil, nil, http.StatusOK)
}

// renderPlan shows the plan; p is nil for a fresh form, else the refused
// form with its errors; newer is the stored plan after a lost race.
func (s *Server) renderPlan(c echo.Context, id int64, p *Page, newer *domain.Plan, status int) error {
	ctx, a := c.Request().Context(), actor(c)
	if err := plansReader(a); err != nil {
		return err
	}
	plan, err := s.svc.Plan(ctx, a, id)
	if err != nil {
		return err
	}
	q := newQuery(c)
	page := q.page()
	if err := q.err(); err != nil {
		return err
	}
	visits, total, err := s.svc.Visits(ctx, a, domain.VisitFilter{PlanID: &id, Page: page})
	if err != nil {
		return err
	}
	d := &planData{Plan: plan, Newer: newer, Visits: visits, Total: total, Page: page.Normalize(), Agencies: map[int64]string{},
		Base: listBase(c, "/plans/"+strconv.FormatInt(id, 10)), CanWrite: plansWriter(a)}
	if err := s.nameAgencies(c, a, d.Agencies, visits, nil); err != nil {
		return err
	}
	if p == nil {
		p = &Page{Form: url.Values{"version": {strconv.Itoa(plan.Version)}, "year": {strconv.Itoa(plan.Year)}, "title": {plan.Title},
			"decision_no": {plan.DecisionNo}, "issued_on": {isoDate(plan.IssuedOn)}, "issued_by": {plan.IssuedBy}, "status": {string(plan.Status)}}}
	}
	admNotice(c, p, "ui.plan.msg.")
	p.Title, p.Data = plan.Title, d
	return s.render(c, status, "plan", p)
}

// planEditPost saves the plan under its version; a stale version shows the
// newer values and keeps what the user typed.
func (s *Server) planEditPost(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx, a := c.Request().Context(), actor(c)
	if err := plansReader(a); err != nil {
		return err
	}
	var fs domain.Fields
	in := planInput(c, &fs)
	if c.FormValue("year") == "" {
		fs.Add("year", "required")
	}
	upd := domain.PlanUpdate{Title: &in.Title, DecisionNo: &in.DecisionNo, IssuedOn: optionalDate(in.IssuedOn),
		IssuedBy: &in.IssuedBy, Status: &in.Status}
	if in.Year != 0 {
		upd.Year = &in.Year
	}
	err = fs.Err()
	if err == nil {
		_, err = s.svc.UpdatePlan(ctx, a, id, formInt(c, "version"), upd)
	}
	if err != nil {
		p := &Page{Form: formValues(c)}
		if !formErrors(pageLang(c), err, p) {
			return err
		}
		var newer *domain.Plan
		if isStale(err) {
			var lerr error
			if newer, lerr = s.svc.Plan(ctx, a, id); lerr != nil {
				return lerr
			}
			p.Form.Set("version", strconv.Itoa(newer.Version)) // the next save replaces them knowingly
		}
		return s.renderPlan(c, id, p, newer, statusOfErr(err))
	}
	return redirectDone(c, "/plans/"+strconv.FormatInt(id, 10), "saved")
}
