package server

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/service"
)

// visitsData is the list of visits with its filters.
type visitsData struct {
	Items    []domain.Visit
	Total    int
	Page     domain.Page
	Agencies map[int64]string
	Plans    []domain.Plan
	Filter   url.Values
	// Base is the list's URL with its filters, for the pager and sorting.
	Base   string
	Sort   string
	States []domain.VisitStatus
}

// visitsPage lists visits with the API's filters, its diacritic-insensitive
// search, pages and a choice of order.
func (s *Server) visitsPage(c echo.Context) error {
	ctx, a := c.Request().Context(), actor(c)
	q := newQuery(c)
	f := domain.VisitFilter{Year: q.year("year"), AgencyID: q.id("agency_id"), PlanID: q.id("plan_id"),
		Status: enum(q, "status", domain.VisitStatuses), Q: q.text("q", 200), Page: q.page()}
	switch c.QueryParam("sort") {
	case "date":
		f.Order = domain.OrderByDate
	case "agency":
		f.Order = domain.OrderByAgency
	}
	if mine := q.bool("mine"); mine != nil && *mine {
		f.MemberUserID = &a.User.ID
	}
	if err := q.err(); err != nil {
		return err
	}
	items, total, err := s.svc.Visits(ctx, a, f)
	if err != nil {
		return err
	}
	d := &visitsData{Items: items, Total: total, Page: f.Page.Normalize(), Agencies: map[int64]string{}, Filter: c.QueryParams(),
		Sort: c.QueryParam("sort"), States: domain.VisitStatuses}
	if err := s.nameAgencies(c, a, d.Agencies, items, nil); err != nil {
		return err
	}
	if !isOfficer(a) {
		if d.Plans, _, err = s.svc.Plans(ctx, a, domain.PlanFilter{Page: domain.Page{PerPage: 50}}); err != nil {
			return err
		}
	}
	d.Base = listBase(c, "/visits")
	return s.render(c, http.StatusOK, "visits", &Page{Title: "visits", Data: d})
}

// visitView is everything the visit page shows at once.
type visitView struct {
	Visit       *domain.VisitDetail
	Plan        *domain.Plan
	Areas       []areaView
	Criteria    map[int64]domain.Criterion
	Findings    []domain.Finding
	Shortcoming []shortcomingView
	Conclusion  *domain.Conclusion
	Attachments []domain.Attachment
	History     []domain.AuditEvent
	Users       map[int64]string
	Full        bool // the reader sees the whole record (else: an officer before approval)
	CanEdit     bool // the reader may change the records now
	IsLead      bool
}

// areaView is one area of the criteria with its findings.
type areaView struct {
	Area     domain.Criterion
	Findings []findingView
}

type findingView struct {
	Criterion domain.Criterion
	Finding   *domain.Finding
}

type shortcomingView struct {
	Shortcoming domain.Shortcoming
	Criterion   *domain.Criterion
	RepeatOf    *domain.Shortcoming
	Actions     []domain.Action
}

// loadVisitView assembles the visit page through the service, so that every
// rule of who sees what applies.
func (s *Server) loadVisitView(c echo.Context, id int64) (*visitView, error) {
	ctx, a := c.Request().Context(), actor(c)
	d, err := s.svc.Visit(ctx, a, id)
	if err != nil {
		return nil, err
	}
	v := &visitView{Visit: d, Criteria: map[int64]domain.Criterion{}, Users: map[int64]string{}}
	v.Full = a.User.Role != domain.RoleAgencyOfficer || d.Status == domain.VisitApproved || d.Status == domain.VisitClosed
	for _, m := range d.Team {
		if m.UserID != nil && *m.UserID == a.User.ID {
			v.IsLead = m.Role == domain.TeamRoleLead
			v.CanEdit = d.Status.RecordsEditable()
		}
	}
	if a.User.Role == domain.RoleAdmin {
		v.CanEdit, v.IsLead = d.Status.RecordsEditable(), true
	}
	if a.User.Role != domain.RoleAgencyOfficer {
		if v.Plan, err = s.svc.Plan(ctx, a, d.PlanID); err != nil {
			return nil, err
		}
	}
	set, err := s.svc.CriteriaSet(ctx, a, d.CriteriaSetID)
	if err != nil {
		return nil, err
	}
	all := domain.Page{PerPage: domain.MaxPerPage}
	if v.Findings, _, err = s.svc.Findings(ctx, a, id, all); err != nil {
		return nil, err
	}
	byCriterion := map[int64]*domain.Finding{}
	for i := range v.Findings {
		byCriterion[v.Findings[i].CriterionID] = &v.Findings[i]
	}
	for _, cr := range set.Criteria {
		v.Criteria[cr.ID] = cr
		if cr.Measure == domain.MeasureArea {
			v.Areas = append(v.Areas, areaView{Area: cr})
			continue
		}
		if len(v.Areas) == 0 {
			v.Areas = append(v.Areas, areaView{Area: domain.Criterion{Title: cr.Area}})
		}
		last := &v.Areas[len(v.Areas)-1]
		last.Findings = append(last.Findings, findingView{Criterion: cr, Finding: byCriterion[cr.ID]})
	}
	if v.Full {
		scs, _, err := s.svc.Shortcomings(ctx, a, id, all)
		if err != nil {
			return nil, err
		}
		acts, _, err := s.svc.Actions(ctx, a, domain.ActionFilter{VisitID: &id, Page: all})
		if err != nil {
			return nil, err
		}
		for _, sc := range scs {
			sv := shortcomingView{Shortcoming: sc}
			if sc.CriterionID != nil {
				if cr, ok := v.Criteria[*sc.CriterionID]; ok {
					sv.Criterion = &cr
				}
			}
			if sc.RepeatOfID != nil {
				if r, err := s.svc.Shortcoming(ctx, a, *sc.RepeatOfID); err == nil {
					sv.RepeatOf = r
				}
			}
			for i := len(acts) - 1; i >= 0; i-- { // oldest first
				if acts[i].ShortcomingID == sc.ID {
					sv.Actions = append(sv.Actions, acts[i])
				}
			}
			v.Shortcoming = append(v.Shortcoming, sv)
		}
		if v.Conclusion, err = s.svc.Conclusion(ctx, a, id); err != nil {
			return nil, err
		}
	}
	if v.Attachments, err = s.svc.Attachments(ctx, a, "visit", id); err != nil {
		return nil, err
	}
	if a.User.Role != domain.RoleAgencyOfficer {
		et := "visit"
		if v.History, _, err = s.svc.Audit(ctx, a, domain.AuditFilter{EntityType: &et, EntityID: &id, Page: domain.Page{PerPage: 30}}); err != nil {
			return nil, err
		}
	}
	var ids []int64
	for _, ev := range v.History {
		if ev.ActorID != nil {
			ids = append(ids, *ev.ActorID)
		}
	}
	if v.Conclusion != nil {
		for _, p := range []*int64{v.Conclusion.SubmittedBy, v.Conclusion.ReviewedBy} {
			if p != nil {
				ids = append(ids, *p)
			}
		}
	}
	if len(ids) > 0 {
		users, err := s.svc.UsersByID(ctx, a, ids)
		if err != nil {
			return nil, err
		}
		for id, u := range users {
			v.Users[id] = u.FullName
		}
	}
	return v, nil
}

// visitPage shows a visit whole on one screen.
func (s *Server) visitPage(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := s.loadVisitView(c, id)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "visit", &Page{Title: v.Visit.Agency.Name, Data: v})
}

// visitForm is the form to plan or edit a visit.
type visitForm struct {
	Edit     *domain.VisitDetail
	Plans    []domain.Plan
	Agencies []domain.Agency
	Sets     []domain.CriteriaSet
}

func (s *Server) visitFormData(c echo.Context, edit *domain.VisitDetail) (*visitForm, error) {
	ctx, a := c.Request().Context(), actor(c)
	f := &visitForm{Edit: edit}
	var err error
	if f.Plans, _, err = s.svc.Plans(ctx, a, domain.PlanFilter{Page: domain.Page{PerPage: domain.MaxPerPage}}); err != nil {
		return nil, err
	}
	active := true
	if f.Agencies, _, err = s.svc.Agencies(ctx, a, domain.AgencyFilter{Active: &active, Page: domain.Page{PerPage: domain.MaxPerPage}}); err != nil {
		return nil, err
	}
	if f.Sets, _, err = s.svc.CriteriaSets(ctx, a, nil, domain.Page{PerPage: domain.MaxPerPage}); err != nil {
		return nil, err
	}
	return f, nil
}

func (s *Server) visitFormPage(c echo.Context) error {
	d, err := s.visitFormData(c, nil)
	if err != nil {
		return err
	}
	form := url.Values{"plan_id": {c.QueryParam("plan_id")}, "kind": {"on_site"}}
	return s.render(c, http.StatusOK, "visit_form", &Page{Title: "new_visit", Data: d, Form: form})
}

// visitCreatePost plans a visit from the form.
func (s *Server) visitCreatePost(c echo.Context) error {
	in := service.NewVisit{PlanID: formID(c, "plan_id"), AgencyID: formID(c, "agency_id"), CriteriaSetID: formID(c, "criteria_set_id"),
		DecisionNo: c.FormValue("decision_no"), Kind: domain.VisitKind(c.FormValue("kind")), Location: c.FormValue("location"),
		AgencyRepresentatives: formRepresentatives(c)}
	var fs domain.Fields
	in.ScheduledOn = formDate(c, "scheduled_on", &fs)
	in.VisitedOn = formDate(c, "visited_on", &fs)
	err := fs.Err()
	var v *domain.VisitDetail
	if err == nil {
		v, err = s.svc.CreateVisit(c.Request().Context(), actor(c), in)
	}
	if err != nil {
		p := &Page{Title: "new_visit", Form: formValues(c)}
		if !formErrors(pageLang(c), err, p) {
			return err
		}
		d, derr := s.visitFormData(c, nil)
		if derr != nil {
			return derr
		}
		p.Data = d
		return s.render(c, http.StatusUnprocessableEntity, "visit_form", p)
	}
	return redirectWith(c, "/visits/"+strconv.FormatInt(v.ID, 10)+"/team", "visit_created")
}

func (s *Server) visitEditPage(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := s.svc.Visit(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	d, err := s.visitFormData(c, v)
	if err != nil {
		return err
	}
	form := url.Values{"version": {strconv.Itoa(v.Version)}, "scheduled_on": {isoDate(v.ScheduledOn)}, "visited_on": {isoDate(v.VisitedOn)},
		"decision_no": {v.DecisionNo}, "kind": {string(v.Kind)}, "location": {v.Location},
		"criteria_set_id": {strconv.FormatInt(v.CriteriaSetID, 10)}}
	for i, r := range v.AgencyRepresentatives {
		form.Set("rep_name_"+strconv.Itoa(i), r.FullName)
		form.Set("rep_title_"+strconv.Itoa(i), r.Title)
	}
	return s.render(c, http.StatusOK, "visit_form", &Page{Title: "edit_visit", Data: d, Form: form})
}

// visitEditPost saves the visit's details; a stale version shows the newer
// values beside what the user typed.
func (s *Server) visitEditPost(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var fs domain.Fields
	upd := domain.VisitUpdate{DecisionNo: formString(c, "decision_no"), Location: formString(c, "location")}
	kind := domain.VisitKind(c.FormValue("kind"))
	upd.Kind = &kind
	set := formID(c, "criteria_set_id")
	upd.CriteriaSetID = &set
	upd.ScheduledOn = optionalDate(formDate(c, "scheduled_on", &fs))
	upd.VisitedOn = optionalDate(formDate(c, "visited_on", &fs))
	reps := formRepresentatives(c)
	upd.AgencyRepresentatives = &reps
	version := formInt(c, "version")
	err = fs.Err()
	if err == nil {
		_, err = s.svc.UpdateVisit(c.Request().Context(), actor(c), id, version, upd)
	}
	if err != nil {
		p := &Page{Title: "edit_visit", Form: formValues(c)}
		if !formErrors(pageLang(c), err, p) {
			return err
		}
		v, verr := s.svc.Visit(c.Request().Context(), actor(c), id)
		if verr != nil {
			return verr
		}
		d, derr := s.visitFormData(c, v)
		if derr != nil {
			return derr
		}
		p.Data = d
		if domain.ErrorCode(err) == domain.ECONFLICT {
			p.Form.Set("version", strconv.Itoa(v.Version)) // the next save overwrites knowingly
		}
		return s.render(c, statusOfErr(err), "visit_form", p)
	}
	return redirectWith(c, "/visits/"+strconv.FormatInt(id, 10), "saved")
}

// visitStatusPost starts or cancels a visit.
func (s *Server) visitStatusPost(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	st := domain.VisitStatus(c.FormValue("status"))
	if _, err := s.svc.UpdateVisit(c.Request().Context(), actor(c), id, formInt(c, "version"), domain.VisitUpdate{Status: &st}); err != nil {
		return s.visitError(c, id, err)
	}
	return redirectWith(c, "/visits/"+strconv.FormatInt(id, 10), "saved")
}

// visitError shows a refused change on the visit page itself.
func (s *Server) visitError(c echo.Context, id int64, err error) error {
	p := &Page{}
	if !formErrors(pageLang(c), err, p) {
		return err
	}
	v, verr := s.loadVisitView(c, id)
	if verr != nil {
		return verr
	}
	p.Title, p.Data = v.Visit.Agency.Name, v
	return s.render(c, statusOfErr(err), "visit", p)
}

func (s *Server) teamPage(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	return s.renderTeam(c, id, nil, http.StatusOK)
}

type teamForm struct {
	Visit   *domain.VisitDetail
	Users   []domain.User
	Members []domain.TeamMember
}

func (s *Server) renderTeam(c echo.Context, id int64, p *Page, status int) error {
	ctx, a := c.Request().Context(), actor(c)
	v, err := s.svc.Visit(ctx, a, id)
	if err != nil {
		return err
	}
	active := true
	users, _, err := s.svc.Users(ctx, a, domain.UserFilter{Active: &active, Page: domain.Page{PerPage: domain.MaxPerPage}})
	if err != nil {
		return err
	}
	var staff []domain.User
	for _, u := range users {
		if u.Role != domain.RoleAgencyOfficer {
			staff = append(staff, u)
		}
	}
	if p == nil {
		p = &Page{Form: url.Values{"version": {strconv.Itoa(v.Version)}}}
	}
	members := v.Team
	for len(members) < len(v.Team)+3 { // room for three more
		members = append(members, domain.TeamMember{Role: domain.TeamRoleMember})
	}
	p.Title, p.Data = "team", &teamForm{Visit: v, Users: staff, Members: members}
	return s.render(c, status, "team", p)
}

// teamPost replaces the team: each row is a user of the app or a name.
func (s *Server) teamPost(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in service.TeamInput
	for i := 0; i < 30; i++ {
		n := strconv.Itoa(i)
		uid, name := c.FormValue("user_"+n), strings.TrimSpace(c.FormValue("name_"+n))
		if uid == "" && name == "" {
			continue
		}
		m := service.TeamMemberInput{FullName: name, Title: strings.TrimSpace(c.FormValue("title_" + n)), Role: domain.TeamRole(c.FormValue("role_" + n))}
		if uid != "" {
			if u, err := strconv.ParseInt(uid, 10, 64); err == nil {
				m.UserID = &u
			}
		}
		in.Members = append(in.Members, m)
	}
	if _, err := s.svc.SetTeam(c.Request().Context(), actor(c), id, formInt(c, "version"), in); err != nil {
		p := &Page{Form: formValues(c)}
		if !formErrors(pageLang(c), err, p) {
			return err
		}
		return s.renderTeam(c, id, p, statusOfErr(err))
	}
	return redirectWith(c, "/visits/"+strconv.FormatInt(id, 10), "team_saved")
}
