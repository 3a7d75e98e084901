package server

import (
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/service"
)

// shortcomingsPage lists the visit's shortcomings with their requests and
// the forms to add more.
func (s *Server) shortcomingsPage(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	return s.renderShortcomings(c, id, &Page{}, http.StatusOK)
}

func (s *Server) renderShortcomings(c echo.Context, id int64, p *Page, status int) error {
	v, err := s.loadVisitView(c, id)
	if err != nil {
		return err
	}
	p.Title, p.Data = "shortcomings", v
	return s.render(c, status, "shortcomings", p)
}

// shortcomingPost records a shortcoming.
func (s *Server) shortcomingPost(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	in := service.NewShortcoming{Description: c.FormValue("description"), Cause: c.FormValue("cause"),
		Severity: domain.Severity(c.FormValue("severity"))}
	if cid := formID(c, "criterion_id"); cid != 0 {
		in.CriterionID = &cid
	}
	sc, err := s.svc.CreateShortcoming(c.Request().Context(), actor(c), id, in)
	if err != nil {
		p := &Page{Form: formValues(c)}
		if !formErrors(pageLang(c), err, p) {
			return err
		}
		return s.renderShortcomings(c, id, p, statusOfErr(err))
	}
	msg := "shortcoming_saved"
	if sc.RepeatOfID != nil {
		msg = "shortcoming_repeats"
	}
	return redirectWith(c, "/visits/"+strconv.FormatInt(id, 10)+"/shortcomings#s-"+strconv.FormatInt(sc.ID, 10), msg)
}

// actionCreatePost requests a follow-up action on a shortcoming.
func (s *Server) actionCreatePost(c echo.Context) error {
	scID, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx, a := c.Request().Context(), actor(c)
	sc, err := s.svc.Shortcoming(ctx, a, scID)
	if err != nil {
		return err
	}
	var fs domain.Fields
	in := service.NewAction{Description: c.FormValue("description"), OwnerName: c.FormValue("owner_name"), DueOn: formDate(c, "due_on", &fs)}
	err = fs.Err()
	if err == nil {
		_, err = s.svc.CreateAction(ctx, a, scID, in)
	}
	if err != nil {
		p := &Page{Form: formValues(c)}
		p.Form.Set("for", strconv.FormatInt(scID, 10))
		if !formErrors(pageLang(c), err, p) {
			return err
		}
		return s.renderShortcomings(c, sc.VisitID, p, statusOfErr(err))
	}
	return redirectWith(c, "/visits/"+strconv.FormatInt(sc.VisitID, 10)+"/shortcomings#s-"+strconv.FormatInt(scID, 10), "action_saved")
}

// attachmentPost uploads evidence for a record of the visit and goes back.
func (s *Server) attachmentPost(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	back := safeNext(c.FormValue("back"))
	if err := s.uploadFromForm(c, c.FormValue("owner_type"), formID(c, "owner_id")); err != nil {
		p := &Page{}
		if !formErrors(pageLang(c), err, p) {
			return err
		}
		return s.visitError(c, id, err)
	}
	return redirectWith(c, back, "file_saved")
}

// uploadFromForm stores the form's "file" (if any) as evidence of a record.
func (s *Server) uploadFromForm(c echo.Context, ownerType string, ownerID int64) error {
	fh, err := c.FormFile("file")
	if err != nil {
		var fs domain.Fields
		fs.Add("file", "required")
		return fs.Err()
	}
	f, err := fh.Open()
	if err != nil {
		return malformed("the file cannot be read")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, s.svc.MaxUpload+1))
	if err != nil {
		return malformed("the file cannot be read")
	}
	_, err = s.svc.Upload(c.Request().Context(), actor(c), service.NewAttachment{OwnerType: ownerType, OwnerID: ownerID, FileName: fh.Filename, Data: data})
	return err
}

// filePage sends an attachment, as the API does.
func (s *Server) filePage(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	return s.sendAttachment(c, id)
}

// actionsData is the list of actions with its filters.
type actionsData struct {
	Items    []domain.Action
	Total    int
	Page     domain.Page
	Agencies map[int64]string
	Filter   url.Values
	Base     string
}

// actionsPage lists follow-up actions; overdue ones stand out.
func (s *Server) actionsPage(c echo.Context) error {
	ctx, a := c.Request().Context(), actor(c)
	q := newQuery(c)
	f := domain.ActionFilter{AgencyID: q.id("agency_id"), Status: enum(q, "status", domain.ActionStatuses), Overdue: q.bool("overdue"),
		Page: q.page(), ByDueDate: c.QueryParam("sort") != "newest"}
	if err := q.err(); err != nil {
		return err
	}
	items, total, err := s.svc.Actions(ctx, a, f)
	if err != nil {
		return err
	}
	d := &actionsData{Items: items, Total: total, Page: f.Page.Normalize(), Agencies: map[int64]string{}, Filter: c.QueryParams()}
	if err := s.nameAgencies(c, a, d.Agencies, nil, items); err != nil {
		return err
	}
	d.Base = listBase(c, "/actions")
	return s.render(c, http.StatusOK, "actions", &Page{Title: "actions", Data: d})
}

// actionData is one action with its reports and what the reader may do.
type actionData struct {
	Action      *domain.Action
	Shortcoming *domain.Shortcoming
	Visit       *domain.VisitDetail
	Updates     []actionUpdateView
	Attachments []domain.Attachment
	CanReport   bool
	CanJudge    bool
	Users       map[int64]string
}

type actionUpdateView struct {
	Update      domain.ActionUpdateReport
	Attachments []domain.Attachment
}

func (s *Server) actionPage(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	return s.renderAction(c, id, &Page{}, http.StatusOK)
}

func (s *Server) renderAction(c echo.Context, id int64, p *Page, status int) error {
	ctx, a := c.Request().Context(), actor(c)
	act, err := s.svc.Action(ctx, a, id)
	if err != nil {
		return err
	}
	d := &actionData{Action: act, Users: map[int64]string{}}
	if d.Shortcoming, err = s.svc.Shortcoming(ctx, a, act.ShortcomingID); err != nil {
		return err
	}
	if d.Visit, err = s.svc.Visit(ctx, a, act.VisitID); err != nil {
		return err
	}
	updates, err := s.svc.ActionUpdates(ctx, a, id)
	if err != nil {
		return err
	}
	atts, err := s.svc.ActionUpdateAttachments(ctx, a, id)
	if err != nil {
		return err
	}
	var ids []int64
	for _, u := range updates {
		d.Updates = append(d.Updates, actionUpdateView{Update: u, Attachments: atts[u.ID]})
		if u.AuthorID != nil {
			ids = append(ids, *u.AuthorID)
		}
	}
	if d.Attachments, err = s.svc.Attachments(ctx, a, "action", id); err != nil {
		return err
	}
	onTeam := false
	for _, m := range d.Visit.Team {
		if m.UserID != nil && *m.UserID == a.User.ID {
			onTeam = true
		}
	}
	inRemediation := d.Visit.Status == domain.VisitApproved
	d.CanReport = inRemediation && (isOfficer(a) || onTeam || a.User.Role == domain.RoleAdmin) && act.Status != domain.ActionVerified
	d.CanJudge = inRemediation && (onTeam && a.User.Role == domain.RoleInspector || a.User.Role == domain.RoleAdmin)
	if len(ids) > 0 {
		users, err := s.svc.UsersByID(ctx, a, ids)
		if err != nil {
			return err
		}
		for id, u := range users {
			d.Users[id] = u.FullName
		}
	}
	p.Title, p.Data = "action", d
	return s.render(c, status, "action", p)
}

// actionReportPost records the agency's progress report, with its evidence.
func (s *Server) actionReportPost(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx, a := c.Request().Context(), actor(c)
	in := service.NewActionUpdate{Note: c.FormValue("note")}
	if st := domain.ActionStatus(c.FormValue("status")); st != "" {
		in.Status = &st
	}
	rep, err := s.svc.ReportProgress(ctx, a, id, in)
	if err == nil {
		if fh, ferr := c.FormFile("file"); ferr == nil && fh.Size > 0 {
			if uerr := s.uploadFromForm(c, "action_update", rep.ID); uerr != nil {
				// The report is saved; say that its file was refused.
				p := &Page{}
				formErrors(pageLang(c), uerr, p)
				p.Errors["file"] = p.Notice
				return s.renderAction(c, id, p, statusOfErr(uerr))
			}
		}
		return redirectWith(c, "/actions/"+strconv.FormatInt(id, 10), "report_saved")
	}
	p := &Page{Form: formValues(c)}
	if !formErrors(pageLang(c), err, p) {
		return err
	}
	return s.renderAction(c, id, p, statusOfErr(err))
}

// actionStepPost verifies or reopens an action.
func (s *Server) actionStepPost(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx, a := c.Request().Context(), actor(c)
	in := service.ActionNote{Note: c.FormValue("note")}
	switch c.Param("step") {
	case "verify":
		_, err = s.svc.VerifyAction(ctx, a, id, in)
	case "reopen":
		_, err = s.svc.ReopenAction(ctx, a, id, in)
	default:
		return echo.ErrNotFound
	}
	if err != nil {
		p := &Page{Form: formValues(c)}
		if !formErrors(pageLang(c), err, p) {
			return err
		}
		return s.renderAction(c, id, p, statusOfErr(err))
	}
	return redirectWith(c, "/actions/"+strconv.FormatInt(id, 10), c.Param("step")+"_done")
}
