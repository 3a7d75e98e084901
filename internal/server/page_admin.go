package server

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/i18n"
	"github.com/cchc-inspect/cchc/internal/service"
)

// forbiddenPage answers a role that a page is not for.
func forbiddenPage() error {
	return &domain.Error{Code: domain.EFORBIDDEN, Message: "your role may not do this", Key: "forbidden_role"}
}

// adminOnly refuses the administration pages to every role but the
// administrator. The service refuses their writes too; it lets other roles
// read users, agencies and criteria (teams, visits and findings need them),
// so the pages refuse the reading themselves.
func adminOnly(a service.Actor) error {
	if a.User == nil || a.User.Role != domain.RoleAdmin {
		return forbiddenPage()
	}
	return nil
}

// listFilters is a list page's query without its page and notice: the
// filters that a pager, a row's form or a redirect keeps.
func listFilters(c echo.Context) url.Values {
	keep := url.Values{}
	for k, v := range c.QueryParams() {
		if k != "page" && k != "done" && k != "msg" && len(v) > 0 && v[0] != "" {
			keep[k] = v
		}
	}
	return keep
}

// listBase is a list page's URL with its filters, ending in "?" or "&", to
// which the pager adds page=N.
func listBase(c echo.Context, path string) string {
	if keep := listFilters(c); len(keep) > 0 {
		return path + "?" + keep.Encode() + "&"
	}
	return path + "?"
}

// admNotice shows the notice a redirect carried in ?done=, worded by the
// message prefix+done (nothing when there is no such message).
func admNotice(c echo.Context, p *Page, prefix string) {
	if p.Notice != "" {
		return
	}
	if k := c.QueryParam("done"); k != "" {
		if m := i18n.T(pageLang(c), prefix+k, nil); m != "" {
			p.Notice, p.NoticeKind = m, "ok"
		}
	}
}

// redirectDone answers a form post by sending the browser to a page that
// says what was done (to may end in "?" or "&", and have a #fragment).
func redirectDone(c echo.Context, to, done string) error {
	to, frag, _ := strings.Cut(to, "#")
	switch {
	case strings.HasSuffix(to, "?") || strings.HasSuffix(to, "&"):
	case strings.Contains(to, "?"):
		to += "&"
	default:
		to += "?"
	}
	to += "done=" + url.QueryEscape(done)
	if frag != "" {
		to += "#" + frag
	}
	return redirectWith(c, to, "")
}

// isStale reports whether err refused a save made from an older version.
func isStale(err error) bool {
	var de *domain.Error
	return errors.As(err, &de) && de.Code == domain.ECONFLICT && de.Key == "stale_version"
}

// floatString writes an optional number for a form ("" for none).
func floatString(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

// formWhole reads a whole number field; nil when empty, and a field error
// when it is no whole number.
func formWhole(c echo.Context, name string, fs *domain.Fields) *int {
	s := strings.TrimSpace(c.FormValue(name))
	if s == "" {
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		fs.Add(name, "count")
		return nil
	}
	return &n
}

// optionalRef turns a chosen record (0: none) into an update that sets or
// clears the reference.
func optionalRef(id int64) domain.Optional[int64] {
	if id == 0 {
		return domain.Null[int64]()
	}
	return domain.Some(id)
}

// idString writes an optional ID for a form ("" for none).
func idString(id *int64) string {
	if id == nil {
		return ""
	}
	return strconv.FormatInt(*id, 10)
}

// allAgencies loads every agency, page after page (a province has a few
// hundred at most), for the choices of the forms.
func (s *Server) allAgencies(c echo.Context, a service.Actor) ([]domain.Agency, error) {
	var out []domain.Agency
	for page := 1; ; page++ {
		items, total, err := s.svc.Agencies(c.Request().Context(), a, domain.AgencyFilter{Page: domain.Page{Page: page, PerPage: domain.MaxPerPage}})
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
		if len(items) == 0 || len(out) >= total {
			return out, nil
		}
	}
}

// agencyChoices are the options of an agency select: "" (none) first, then
// every agency but skip, the inactive ones marked in words.
func agencyChoices(lang string, agencies []domain.Agency, skip int64, none string) [][]string {
	out := [][]string{{"", none}}
	for _, ag := range agencies {
		if ag.ID == skip {
			continue
		}
		label := ag.Name + " (" + ag.Code + ")"
		if !ag.Active {
			label += " — " + i18n.T(lang, "ui.adm.inactive", nil)
		}
		out = append(out, []string{strconv.FormatInt(ag.ID, 10), label})
	}
	return out
}

// adminData is the administration's front page.
type adminData struct {
	Counts map[string]int
}

// adminPage links the administration's pages with their counts.
func (s *Server) adminPage(c echo.Context) error {
	ctx, a := c.Request().Context(), actor(c)
	if err := adminOnly(a); err != nil {
		return err
	}
	one, yes := domain.Page{PerPage: 1}, true
	d := &adminData{Counts: map[string]int{}}
	var err error
	if _, d.Counts["users"], err = s.svc.Users(ctx, a, domain.UserFilter{Page: one}); err != nil {
		return err
	}
	if _, d.Counts["users_active"], err = s.svc.Users(ctx, a, domain.UserFilter{Active: &yes, Page: one}); err != nil {
		return err
	}
	if _, d.Counts["agencies"], err = s.svc.Agencies(ctx, a, domain.AgencyFilter{Page: one}); err != nil {
		return err
	}
	if _, d.Counts["agencies_active"], err = s.svc.Agencies(ctx, a, domain.AgencyFilter{Active: &yes, Page: one}); err != nil {
		return err
	}
	if _, d.Counts["criteria_sets"], err = s.svc.CriteriaSets(ctx, a, nil, one); err != nil {
		return err
	}
	if _, d.Counts["plans"], err = s.svc.Plans(ctx, a, domain.PlanFilter{Page: one}); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "admin", &Page{Title: "admin", Data: d})
}

// usersData is the list of users with its filters and forms.
type usersData struct {
	Items  []domain.User
	Total  int
	Page   domain.Page
	Filter url.Values
	Base   string
	// Query is the list's filters ("?…", or ""), which a row's form
	// carries so that the answer comes back to the same list.
	Query      string
	Roles      []domain.Role
	Agencies   map[int64]string
	AgencyOpts [][]string
	// For is the user whose row's form was refused (0: the form to add one).
	For int64
}

// usersPage lists users with the API's filters and search.
func (s *Server) usersPage(c echo.Context) error {
	return s.renderUsers(c, &Page{Form: url.Values{"role": {string(domain.RoleInspector)}}}, http.StatusOK)
}

// renderUsers shows the list of users with p's form and errors.
func (s *Server) renderUsers(c echo.Context, p *Page, status int) error {
	ctx, a := c.Request().Context(), actor(c)
	if err := adminOnly(a); err != nil {
		return err
	}
	q := newQuery(c)
	f := domain.UserFilter{Role: enum(q, "role", domain.Roles), AgencyID: q.id("agency_id"), Active: q.bool("active"),
		Q: q.text("q", 200), Page: q.page()}
	if err := q.err(); err != nil {
		return err
	}
	items, total, err := s.svc.Users(ctx, a, f)
	if err != nil {
		return err
	}
	agencies, err := s.allAgencies(c, a)
	if err != nil {
		return err
	}
	lang := pageLang(c)
	d := &usersData{Items: items, Total: total, Page: f.Page.Normalize(), Filter: c.QueryParams(), Base: listBase(c, "/admin/users"),
		Roles: domain.Roles, Agencies: map[int64]string{},
		AgencyOpts: agencyChoices(lang, agencies, 0, "—")}
	for _, ag := range agencies {
		d.Agencies[ag.ID] = ag.Name
	}
	if keep := listFilters(c); len(keep) > 0 {
		d.Query = "?" + keep.Encode()
	}
	d.For, _ = strconv.ParseInt(p.Form.Get("for"), 10, 64)
	admNotice(c, p, "ui.adm.msg.")
	p.Title, p.Data = "users", d
	return s.render(c, status, "users", p)
}

// userCreatePost creates a user and shows them in the list.
func (s *Server) userCreatePost(c echo.Context) error {
	a := actor(c)
	if err := adminOnly(a); err != nil {
		return err
	}
	in := service.NewUser{Username: *formString(c, "username"), Password: c.FormValue("password"), FullName: *formString(c, "full_name"),
		Title: *formString(c, "title"), Role: domain.Role(c.FormValue("role"))}
	if id := formID(c, "agency_id"); id != 0 {
		in.AgencyID = &id
	}
	u, err := s.svc.CreateUser(c.Request().Context(), a, in)
	if err != nil {
		p := &Page{Form: formValues(c)}
		if !formErrors(pageLang(c), err, p) {
			return err
		}
		return s.renderUsers(c, p, statusOfErr(err))
	}
	return redirectDone(c, "/admin/users?q="+url.QueryEscape(u.Username), "user_created")
}

// userActivePost deactivates a user (which ends their sessions and revokes
// their tokens) or lets them back in.
func (s *Server) userActivePost(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	active := c.FormValue("set_active") == "true"
	change := service.UserChange{UserUpdate: domain.UserUpdate{Active: &active}}
	done := "user_deactivated"
	if active {
		done = "user_reactivated"
	}
	return s.changeUser(c, id, change, nil, done)
}

// userPasswordPost sets a new password for a user; their sessions end and
// their tokens are revoked.
func (s *Server) userPasswordPost(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	pw := c.FormValue("password")
	var fs domain.Fields
	if pw == "" {
		fs.Add("password", "required")
	}
	return s.changeUser(c, id, service.UserChange{Password: &pw}, fs.Err(), "password_reset")
}

// changeUser saves a row's change and goes back to the same list; a refusal
// shows the list again with the error in the user's row.
func (s *Server) changeUser(c echo.Context, id int64, change service.UserChange, err error, done string) error {
	a := actor(c)
	if aerr := adminOnly(a); aerr != nil {
		return aerr
	}
	if err == nil {
		_, err = s.svc.UpdateUser(c.Request().Context(), a, id, formInt(c, "version"), change)
	}
	if err != nil {
		p := &Page{Form: formValues(c)}
		p.Form.Set("for", strconv.FormatInt(id, 10))
		if !formErrors(pageLang(c), err, p) {
			return err
		}
		return s.renderUsers(c, p, statusOfErr(err))
	}
	return redirectDone(c, listBase(c, "/admin/users"), done)
}

// agenciesData is the list of agencies with its filters and the form to
// add one.
type agenciesData struct {
	Items      []domain.Agency
	Total      int
	Page       domain.Page
	Filter     url.Values
	Base       string
	Kinds      []domain.AgencyKind
	Names      map[int64]string
	ParentOpts [][]string
	// One is set on the page of one agency (the same template).
	One *agencyData
}

// agenciesPage lists agencies with the API's filters and search.
func (s *Server) agenciesPage(c echo.Context) error {
	return s.renderAgencies(c, &Page{Form: url.Values{"kind": {string(domain.KindDepartment)}}}, http.StatusOK)
}

// renderAgencies shows the list of agencies with p's form and errors.
func (s *Server) renderAgencies(c echo.Context, p *Page, status int) error {
	ctx, a := c.Request().Context(), actor(c)
	if err := adminOnly(a); err != nil {
		return err
	}
	q := newQuery(c)
	f := domain.AgencyFilter{Kind: enum(q, "kind", domain.AgencyKinds), Active: q.bool("active"), Q: q.text("q", 200), Page: q.page()}
	if err := q.err(); err != nil {
		return err
	}
	items, total, err := s.svc.Agencies(ctx, a, f)
	if err != nil {
		return err
	}
	all, err := s.allAgencies(c, a)
	if err != nil {
		return err
	}
	d := &agenciesData{Items: items, Total: total, Page: f.Page.Normalize(), Filter: c.QueryParams(), Base: listBase(c, "/admin/agencies"),
		Kinds: domain.AgencyKinds, Names: map[int64]string{}, ParentOpts: agencyChoices(pageLang(c), all, 0, "—")}
	for _, ag := range all {
		d.Names[ag.ID] = ag.Name
	}
	admNotice(c, p, "ui.adm.msg.")
	p.Title, p.Data = "agencies", d
	return s.render(c, status, "agencies", p)
}

// agencyCreatePost creates an agency and shows it in the list.
func (s *Server) agencyCreatePost(c echo.Context) error {
	a := actor(c)
	if err := adminOnly(a); err != nil {
		return err
	}
	in := service.NewAgency{Code: *formString(c, "code"), Name: *formString(c, "name"), Kind: domain.AgencyKind(c.FormValue("kind")),
		Province: *formString(c, "province")}
	if id := formID(c, "parent_id"); id != 0 {
		in.ParentID = &id
	}
	ag, err := s.svc.CreateAgency(c.Request().Context(), a, in)
	if err != nil {
		p := &Page{Form: formValues(c)}
		if !formErrors(pageLang(c), err, p) {
			return err
		}
		return s.renderAgencies(c, p, statusOfErr(err))
	}
	return redirectDone(c, "/admin/agencies?q="+url.QueryEscape(ag.Code), "agency_created")
}

// agencyData is one agency with its history of merges and the form to
// change it.
type agencyData struct {
	Agency *domain.Agency
	// Newer is the stored agency when a save lost a race.
	Newer         *domain.Agency
	Parent        *domain.Agency
	Successor     *domain.Agency
	Predecessors  []domain.Agency
	Kinds         []domain.AgencyKind
	ParentOpts    [][]string
	SuccessorOpts [][]string
	Names         map[int64]string
}

// agencyPage shows an agency, its merges and the form to change it.
func (s *Server) agencyPage(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	return s.renderAgency(c, id, nil, nil, http.StatusOK)
}

// renderAgency shows the agency; p is nil for a fresh form, else the
// refused one; newer is the stored agency after a lost race.
func (s *Server) renderAgency(c echo.Context, id int64, p *Page, newer *domain.Agency, status int) error {
	ctx, a := c.Request().Context(), actor(c)
	if err := adminOnly(a); err != nil {
		return err
	}
	ag, err := s.svc.Agency(ctx, a, id)
	if err != nil {
		return err
	}
	all, err := s.allAgencies(c, a)
	if err != nil {
		return err
	}
	lang := pageLang(c)
	d := &agencyData{Agency: ag, Newer: newer, Kinds: domain.AgencyKinds, Names: map[int64]string{},
		ParentOpts: agencyChoices(lang, all, id, "—"), SuccessorOpts: agencyChoices(lang, all, id, i18n.T(lang, "ui.adm.agency.no_successor", nil))}
	for i := range all {
		other := &all[i]
		d.Names[other.ID] = other.Name
		switch {
		case ag.ParentID != nil && other.ID == *ag.ParentID:
			d.Parent = other
		case ag.SuccessorID != nil && other.ID == *ag.SuccessorID:
			d.Successor = other
		}
		if other.SuccessorID != nil && *other.SuccessorID == id {
			d.Predecessors = append(d.Predecessors, *other)
		}
	}
	if p == nil {
		active := ""
		if ag.Active {
			active = "true"
		}
		p = &Page{Form: url.Values{"version": {strconv.Itoa(ag.Version)}, "name": {ag.Name}, "kind": {string(ag.Kind)},
			"parent_id": {idString(ag.ParentID)}, "province": {ag.Province}, "active": {active}, "successor_id": {idString(ag.SuccessorID)}}}
	}
	admNotice(c, p, "ui.adm.msg.")
	p.Title, p.Data = ag.Name, &agenciesData{One: d}
	return s.render(c, status, "agencies", p)
}

// agencyEditPost saves an agency under its version. Choosing a successor
// records a merge: the agency is deactivated and points to the one that
// takes over its work (agencies are never renamed in place).
func (s *Server) agencyEditPost(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx, a := c.Request().Context(), actor(c)
	if err := adminOnly(a); err != nil {
		return err
	}
	kind := domain.AgencyKind(c.FormValue("kind"))
	active := c.FormValue("active") == "true"
	upd := domain.AgencyUpdate{Name: formString(c, "name"), Kind: &kind, Province: formString(c, "province"),
		ParentID: optionalRef(formID(c, "parent_id")), SuccessorID: optionalRef(formID(c, "successor_id"))}
	if upd.SuccessorID.Value != nil {
		active = false
	}
	upd.Active = &active
	if _, err = s.svc.UpdateAgency(ctx, a, id, formInt(c, "version"), upd); err != nil {
		p := &Page{Form: formValues(c)}
		if !formErrors(pageLang(c), err, p) {
			return err
		}
		var newer *domain.Agency
		if isStale(err) {
			var lerr error
			if newer, lerr = s.svc.Agency(ctx, a, id); lerr != nil {
				return lerr
			}
			p.Form.Set("version", strconv.Itoa(newer.Version)) // the next save replaces them knowingly
		}
		return s.renderAgency(c, id, p, newer, statusOfErr(err))
	}
	return redirectDone(c, "/admin/agencies/"+strconv.FormatInt(id, 10), "saved")
}

// criteriaSetsData is the list of criteria sets and the form to start one.
type criteriaSetsData struct {
	Items  []domain.CriteriaSet
	Total  int
	Page   domain.Page
	Filter url.Values
	Base   string
	Kinds  []domain.AgencyKind
	// CopyOpts are the sets a new one may start from.
	CopyOpts [][]string
}

// criteriaSetsPage lists the criteria sets by year; ?copy=ID fills the form
// to copy that set into a new year.
func (s *Server) criteriaSetsPage(c echo.Context) error {
	a := actor(c)
	if err := adminOnly(a); err != nil {
		return err
	}
	form := url.Values{"year": {strconv.Itoa(s.svc.Today().Year)}}
	if src, err := strconv.ParseInt(c.QueryParam("copy"), 10, 64); err == nil && src > 0 {
		set, err := s.svc.CriteriaSet(c.Request().Context(), a, src)
		if err != nil {
			return err
		}
		form.Set("copy_from_id", strconv.FormatInt(set.ID, 10))
		form.Set("year", strconv.Itoa(set.Year+1))
		form.Set("name", set.Name)
		form.Set("scope", string(set.Scope))
	}
	return s.renderCriteriaSets(c, &Page{Form: form}, http.StatusOK)
}

// renderCriteriaSets shows the list of sets with p's form and errors.
func (s *Server) renderCriteriaSets(c echo.Context, p *Page, status int) error {
	ctx, a := c.Request().Context(), actor(c)
	if err := adminOnly(a); err != nil {
		return err
	}
	q := newQuery(c)
	year, page := q.year("year"), q.page()
	if err := q.err(); err != nil {
		return err
	}
	items, total, err := s.svc.CriteriaSets(ctx, a, year, page)
	if err != nil {
		return err
	}
	all, _, err := s.svc.CriteriaSets(ctx, a, nil, domain.Page{PerPage: domain.MaxPerPage})
	if err != nil {
		return err
	}
	lang := pageLang(c)
	d := &criteriaSetsData{Items: items, Total: total, Page: page.Normalize(), Filter: c.QueryParams(), Base: listBase(c, "/admin/criteria"),
		Kinds: domain.AgencyKinds, CopyOpts: [][]string{{"", i18n.T(lang, "ui.adm.set.empty", nil)}}}
	for _, set := range all {
		d.CopyOpts = append(d.CopyOpts, []string{strconv.FormatInt(set.ID, 10), strconv.Itoa(set.Year) + " · " + set.Name})
	}
	admNotice(c, p, "ui.adm.msg.")
	p.Title, p.Data = "criteria", d
	return s.render(c, status, "criteria", p)
}

// criteriaSetCreatePost starts a criteria set, empty or as a copy of
// another (the way to change a set that visits use), and opens it.
func (s *Server) criteriaSetCreatePost(c echo.Context) error {
	a := actor(c)
	if err := adminOnly(a); err != nil {
		return err
	}
	var fs domain.Fields
	in := service.NewCriteriaSet{Name: *formString(c, "name"), Scope: domain.AgencyKind(c.FormValue("scope")),
		Description: *formString(c, "description")}
	if y := formWhole(c, "year", &fs); y != nil {
		in.Year = *y
	}
	if src := formID(c, "copy_from_id"); src != 0 {
		in.CopyFromID = &src
	}
	err := fs.Err()
	var set *domain.CriteriaSet
	if err == nil {
		set, err = s.svc.CreateCriteriaSet(c.Request().Context(), a, in)
	}
	if err != nil {
		p := &Page{Form: formValues(c)}
		if !formErrors(pageLang(c), err, p) {
			return err
		}
		return s.renderCriteriaSets(c, p, statusOfErr(err))
	}
	done := "set_created"
	if in.CopyFromID != nil {
		done = "set_copied"
	}
	return redirectDone(c, "/admin/criteria/"+strconv.FormatInt(set.ID, 10), done)
}

// critNode is a criterion with the criteria under it.
type critNode struct {
	Criterion domain.Criterion
	Children  []*critNode
}

// criteriaTree arranges a set's criteria (in catalog order) as a tree
// through their parents, keeping the catalog order among siblings. A
// criterion whose parent is not in the set is a root; each criterion
// appears once even if the parents were to form a loop.
func criteriaTree(crit []domain.Criterion) []*critNode {
	inSet := map[int64]bool{}
	for _, cr := range crit {
		inSet[cr.ID] = true
	}
	children := map[int64][]domain.Criterion{}
	var roots []domain.Criterion
	for _, cr := range crit {
		if cr.ParentID != nil && *cr.ParentID != cr.ID && inSet[*cr.ParentID] {
			children[*cr.ParentID] = append(children[*cr.ParentID], cr)
		} else {
			roots = append(roots, cr)
		}
	}
	placed := map[int64]bool{}
	var grow func(cr domain.Criterion) *critNode
	grow = func(cr domain.Criterion) *critNode {
		placed[cr.ID] = true
		n := &critNode{Criterion: cr}
		for _, ch := range children[cr.ID] {
			if !placed[ch.ID] {
				n.Children = append(n.Children, grow(ch))
			}
		}
		return n
	}
	var out []*critNode
	for _, r := range roots {
		out = append(out, grow(r))
	}
	for _, cr := range crit { // a loop of parents has no root: show it from its first member
		if !placed[cr.ID] {
			out = append(out, grow(cr))
		}
	}
	return out
}

// criteriaSetData is a criteria set with its tree of criteria and the
// form to add or change one.
type criteriaSetData struct {
	Set        *domain.CriteriaSet
	CopiedFrom *domain.CriteriaSet
	Tree       []*critNode
	// Edit is the criterion whose form is open; nil for a new one.
	Edit *domain.Criterion
	// Newer is the stored criterion when a save lost a race.
	Newer      *domain.Criterion
	Measures   []domain.Measure
	ParentOpts [][]string
}

// criteriaSetPage shows a set's criteria as a tree; ?edit=ID opens the form
// of one of them.
func (s *Server) criteriaSetPage(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var edit int64
	if e := c.QueryParam("edit"); e != "" {
		if edit, err = strconv.ParseInt(e, 10, 64); err != nil || edit < 1 {
			return domain.NotFound("criterion")
		}
	}
	return s.renderCriteriaSet(c, id, edit, nil, nil, http.StatusOK)
}

// renderCriteriaSet shows the set; edit is the criterion whose form is open
// (0: the form to add one); p is nil for a fresh form.
func (s *Server) renderCriteriaSet(c echo.Context, id, edit int64, p *Page, newer *domain.Criterion, status int) error {
	ctx, a := c.Request().Context(), actor(c)
	if err := adminOnly(a); err != nil {
		return err
	}
	set, err := s.svc.CriteriaSet(ctx, a, id)
	if err != nil {
		return err
	}
	d := &criteriaSetData{Set: set, Tree: criteriaTree(set.Criteria), Newer: newer, Measures: domain.Measures,
		ParentOpts: [][]string{{"", i18n.T(pageLang(c), "ui.adm.crit.top", nil)}}}
	next := 10
	for i := range set.Criteria {
		cr := &set.Criteria[i]
		if cr.ID == edit {
			d.Edit = cr
		}
		if cr.SortOrder >= next {
			next = cr.SortOrder + 10 - cr.SortOrder%10
		}
		if cr.ID != edit {
			d.ParentOpts = append(d.ParentOpts, []string{strconv.FormatInt(cr.ID, 10), cr.Code + " " + cr.Title})
		}
	}
	if edit != 0 && d.Edit == nil {
		return domain.NotFound("criterion")
	}
	if set.CopiedFromID != nil {
		if d.CopiedFrom, err = s.svc.CriteriaSet(ctx, a, *set.CopiedFromID); err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
			return err
		}
	}
	if p == nil {
		p = &Page{Form: url.Values{"measure": {string(domain.MeasureYesNo)}, "sort_order": {strconv.Itoa(next)}}}
		if cr := d.Edit; cr != nil {
			p.Form = url.Values{"version": {strconv.Itoa(cr.Version)}, "code": {cr.Code}, "area": {cr.Area}, "title": {cr.Title},
				"measure": {string(cr.Measure)}, "max_score": {floatString(cr.MaxScore)},
				"parent_id": {idString(cr.ParentID)}, "sort_order": {strconv.Itoa(cr.SortOrder)}}
		}
	}
	admNotice(c, p, "ui.adm.msg.")
	p.Title, p.Data = set.Name, d
	return s.render(c, status, "criteria_set", p)
}

// criterionInput reads the criterion's form; fs collects what cannot be read.
func criterionInput(c echo.Context, fs *domain.Fields) service.NewCriterion {
	in := service.NewCriterion{Code: *formString(c, "code"), Area: *formString(c, "area"), Title: *formString(c, "title"),
		Measure: domain.Measure(c.FormValue("measure")), MaxScore: formNumber(c, "max_score", fs)}
	if id := formID(c, "parent_id"); id != 0 {
		in.ParentID = &id
	}
	if n := formWhole(c, "sort_order", fs); n != nil {
		in.SortOrder = *n
	}
	return in
}

// criterionAddPost adds a criterion to a set that no visit uses yet.
func (s *Server) criterionAddPost(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	a := actor(c)
	if err := adminOnly(a); err != nil {
		return err
	}
	var fs domain.Fields
	in := criterionInput(c, &fs)
	err = fs.Err()
	var cr *domain.Criterion
	if err == nil {
		cr, err = s.svc.AddCriterion(c.Request().Context(), a, id, in)
	}
	if err != nil {
		p := &Page{Form: formValues(c)}
		if !formErrors(pageLang(c), err, p) {
			return err
		}
		return s.renderCriteriaSet(c, id, 0, p, nil, statusOfErr(err))
	}
	return redirectDone(c, "/admin/criteria/"+strconv.FormatInt(id, 10)+"#c-"+strconv.FormatInt(cr.ID, 10), "criterion_added")
}

// criterionEditPost changes a criterion of a set that no visit uses yet,
// under its version.
func (s *Server) criterionEditPost(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	cid, err := pathID(c, "cid")
	if err != nil {
		return err
	}
	ctx, a := c.Request().Context(), actor(c)
	if err := adminOnly(a); err != nil {
		return err
	}
	old, err := s.svc.Criterion(ctx, a, cid)
	if err != nil {
		return err
	}
	if old.CriteriaSetID != id {
		return domain.NotFound("criterion")
	}
	var fs domain.Fields
	in := criterionInput(c, &fs)
	upd := domain.CriterionUpdate{Code: &in.Code, Area: &in.Area, Title: &in.Title, Measure: &in.Measure,
		MaxScore: domain.Optional[float64]{Set: true, Value: in.MaxScore}, ParentID: optionalRef(formID(c, "parent_id")), SortOrder: &in.SortOrder}
	err = fs.Err()
	if err == nil {
		_, err = s.svc.UpdateCriterion(ctx, a, cid, formInt(c, "version"), upd)
	}
	if err != nil {
		p := &Page{Form: formValues(c)}
		if !formErrors(pageLang(c), err, p) {
			return err
		}
		var newer *domain.Criterion
		if isStale(err) {
			var lerr error
			if newer, lerr = s.svc.Criterion(ctx, a, cid); lerr != nil {
				return lerr
			}
			p.Form.Set("version", strconv.Itoa(newer.Version)) // the next save replaces them knowingly
		}
		return s.renderCriteriaSet(c, id, cid, p, newer, statusOfErr(err))
	}
	return redirectDone(c, "/admin/criteria/"+strconv.FormatInt(id, 10)+"#c-"+strconv.FormatInt(cid, 10), "criterion_saved")
}
