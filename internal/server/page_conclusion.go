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

// conclusionData is the conclusion page: the draft for the team, the
// review for a leader, the approved notice for everyone.
type conclusionData struct {
	View *visitView
	// Newer is the stored conclusion when a save lost a race.
	Newer     *domain.Conclusion
	Assembled bool
	CanReview bool
}

func (s *Server) conclusionPage(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	p := &Page{}
	if c.QueryParam("assemble") == "1" {
		draft, err := s.svc.AssembleConclusion(c.Request().Context(), actor(c), id)
		if err != nil {
			return err
		}
		p.Form = url.Values{"strengths": {draft.Strengths}, "limitations": {draft.Limitations}, "causes": {draft.Causes},
			"requests": {draft.Requests}}
	}
	return s.renderConclusion(c, id, p, nil, http.StatusOK)
}

// renderConclusion shows the conclusion page; newer is the stored
// conclusion when the user's save lost a race with another editor.
func (s *Server) renderConclusion(c echo.Context, id int64, p *Page, newer *domain.Conclusion, status int) error {
	v, err := s.loadVisitView(c, id)
	if err != nil {
		return err
	}
	if v.Conclusion == nil {
		return domain.NotFound("conclusion")
	}
	a := actor(c)
	d := &conclusionData{View: v, Newer: newer, Assembled: p.Form.Get("strengths") != "" && p.Form.Get("version") == "",
		CanReview: (a.User.Role == domain.RoleLeader || a.User.Role == domain.RoleAdmin) && v.Conclusion.Status == domain.ConclusionSubmitted}
	form := conclusionValues(v.Conclusion)
	for k, vs := range p.Form { // what was typed (or assembled) wins
		form[k] = vs
	}
	p.Form = form
	p.Title, p.Data = "conclusion", d
	return s.render(c, status, "conclusion", p)
}

func conclusionValues(c *domain.Conclusion) url.Values {
	v := url.Values{"version": {strconv.Itoa(c.Version)}, "strengths": {c.Strengths}, "limitations": {c.Limitations},
		"causes": {c.Causes}, "requests": {c.Requests}, "document_no": {c.DocumentNo}, "issued_on": {isoDate(c.IssuedOn)},
		"signer_name": {c.SignerName}, "signer_title": {c.SignerTitle}, "sign_prefix": {c.SignPrefix},
		"recipients": {strings.Join(c.Recipients, "\n")}}
	if c.OverallResult != nil {
		v.Set("overall_result", string(*c.OverallResult))
	}
	return v
}

// conclusionPost saves the draft; a save that lost a race shows the newer
// text beside what the user typed.
func (s *Server) conclusionPost(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var fs domain.Fields
	upd := domain.ConclusionUpdate{Strengths: formString(c, "strengths"), Limitations: formString(c, "limitations"),
		Causes: formString(c, "causes"), Requests: formString(c, "requests"), DocumentNo: formString(c, "document_no"),
		SignerName: formString(c, "signer_name"), SignerTitle: formString(c, "signer_title"), SignPrefix: formString(c, "sign_prefix"),
		IssuedOn: optionalDate(formDate(c, "issued_on", &fs))}
	upd.OverallResult = domain.Optional[domain.OverallResult]{Set: true}
	if r := domain.OverallResult(c.FormValue("overall_result")); r != "" {
		upd.OverallResult.Value = &r
	}
	recipients := []string{}
	for _, l := range strings.Split(c.FormValue("recipients"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			recipients = append(recipients, l)
		}
	}
	upd.Recipients = &recipients
	err = fs.Err()
	if err == nil {
		_, err = s.svc.PutConclusion(c.Request().Context(), actor(c), id, formInt(c, "version"), upd)
	}
	if err != nil {
		return s.conclusionError(c, id, err)
	}
	return redirectWith(c, "/visits/"+strconv.FormatInt(id, 10)+"/conclusion", "saved")
}

func (s *Server) conclusionError(c echo.Context, id int64, err error) error {
	p := &Page{Form: formValues(c)}
	if !formErrors(pageLang(c), err, p) {
		return err
	}
	var newer *domain.Conclusion
	if domain.ErrorCode(err) == domain.ECONFLICT {
		if stored, cerr := s.svc.Conclusion(c.Request().Context(), actor(c), id); cerr == nil && strconv.Itoa(stored.Version) != p.Form.Get("version") && p.Form.Get("version") != "" {
			newer = stored
			p.Form.Set("version", strconv.Itoa(stored.Version)) // the next save replaces it knowingly
		}
	}
	return s.renderConclusion(c, id, p, newer, statusOfErr(err))
}

// conclusionStepPost submits, approves or returns the conclusion.
func (s *Server) conclusionStepPost(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx, a := c.Request().Context(), actor(c)
	v := formVersion(c)
	switch c.Param("step") {
	case "submit":
		_, err = s.svc.SubmitConclusion(ctx, a, id, v)
	case "approve":
		_, err = s.svc.ApproveConclusion(ctx, a, id, v)
	case "return":
		_, err = s.svc.ReturnConclusion(ctx, a, id, v, service.ReturnNote{Note: c.FormValue("note")})
	default:
		return echo.ErrNotFound
	}
	if err != nil {
		return s.conclusionError(c, id, err)
	}
	return redirectWith(c, "/visits/"+strconv.FormatInt(id, 10)+"/conclusion", c.Param("step")+"_done")
}
