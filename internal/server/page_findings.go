package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/service"
)

// findingForm is one criterion's form on the findings page.
type findingForm struct {
	VisitID   int64
	Criterion domain.Criterion
	Finding   *domain.Finding
	// SelfOnly: the reader enters only the agency's self-assessment.
	SelfOnly bool
	ReadOnly bool
	Saved    bool
	// Form and Errors are the typed values and refusals of this form only.
	Form   url.Values
	Errors map[string]string
	Notice string
	// Newer is the stored finding when a save lost a race with another editor.
	Newer       *domain.Finding
	Attachments []domain.Attachment
}

type findingsData struct {
	Visit *domain.VisitDetail
	Areas []findingsArea
}

type findingsArea struct {
	Area  domain.Criterion
	Forms []*findingForm
}

// findingsPage lists the visit's criteria in catalog order, each with the
// input its measure needs, for entry on a phone during the visit.
func (s *Server) findingsPage(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := s.loadVisitView(c, id)
	if err != nil {
		return err
	}
	a := actor(c)
	selfOnly := isOfficer(a)
	readOnly := !(v.CanEdit || (selfOnly && (v.Visit.Status == domain.VisitPlanned || v.Visit.Status == domain.VisitInProgress)))
	d := &findingsData{Visit: v.Visit}
	for _, area := range v.Areas {
		fa := findingsArea{Area: area.Area}
		for _, fv := range area.Findings {
			ff := &findingForm{VisitID: id, Criterion: fv.Criterion, Finding: fv.Finding, SelfOnly: selfOnly, ReadOnly: readOnly,
				Form: findingValues(fv.Finding), Errors: map[string]string{}}
			fa.Forms = append(fa.Forms, ff)
		}
		d.Areas = append(d.Areas, fa)
	}
	if err := s.findingAttachments(c, d); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "findings", &Page{Title: "findings", Data: d})
}

// findingAttachments loads the evidence of every recorded finding, at once.
func (s *Server) findingAttachments(c echo.Context, d *findingsData) error {
	atts, err := s.svc.FindingAttachments(c.Request().Context(), actor(c), d.Visit.ID)
	if err != nil {
		return err
	}
	for _, area := range d.Areas {
		for _, f := range area.Forms {
			if f.Finding != nil {
				f.Attachments = atts[f.Finding.ID]
			}
		}
	}
	return nil
}

// findingValues fills a criterion's form from its stored finding.
func findingValues(f *domain.Finding) url.Values {
	v := url.Values{}
	if f == nil {
		return v
	}
	v.Set("finding_id", strconv.FormatInt(f.ID, 10))
	v.Set("version", strconv.Itoa(f.Version))
	if f.Rating != nil {
		v.Set("rating", string(*f.Rating))
	}
	for name, p := range map[string]*float64{"value": f.Value, "score": f.Score, "self_score": f.SelfScore} {
		if p != nil {
			v.Set(name, strconv.FormatFloat(*p, 'f', -1, 64))
		}
	}
	v.Set("note", f.Note)
	v.Set("self_note", f.SelfNote)
	return v
}

// findingPost saves one criterion's finding and answers its form again:
// saved with the new version, or with the refusal beside the field and the
// typed values kept.
func (s *Server) findingPost(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	critID, err := pathID(c, "criterion")
	if err != nil {
		return err
	}
	ctx, a := c.Request().Context(), actor(c)
	crit, err := s.svc.Criterion(ctx, a, critID)
	if err != nil {
		return err
	}
	ff := &findingForm{VisitID: id, Criterion: *crit, SelfOnly: isOfficer(a), Form: formValues(c), Errors: map[string]string{}}
	var fs domain.Fields
	selfScore := formNumber(c, "self_score", &fs)
	selfNote := c.FormValue("self_note")
	var saved *domain.Finding
	if err = fs.Err(); err == nil {
		if findingID := formID(c, "finding_id"); findingID == 0 {
			in := serviceFinding(c, critID, &fs)
			in.SelfScore, in.SelfNote = selfScore, selfNote
			if err = fs.Err(); err == nil {
				saved, err = s.svc.CreateFinding(ctx, a, id, in)
			}
		} else {
			upd := domain.FindingUpdate{SelfScore: optionalNumber(selfScore), SelfNote: &selfNote}
			if !isOfficer(a) {
				rating := domain.Rating(c.FormValue("rating"))
				upd.Rating = domain.Optional[domain.Rating]{Set: true}
				if rating != "" {
					upd.Rating.Value = &rating
				}
				upd.Value = optionalNumber(formNumber(c, "value", &fs))
				upd.Score = optionalNumber(formNumber(c, "score", &fs))
				upd.Note = formString(c, "note")
			}
			if err = fs.Err(); err == nil {
				saved, err = s.svc.UpdateFinding(ctx, a, findingID, formInt(c, "version"), upd)
			}
		}
	}
	status := http.StatusOK
	if err != nil {
		p := &Page{}
		if !formErrors(pageLang(c), err, p) {
			return err
		}
		ff.Errors, ff.Notice, status = p.Errors, p.Notice, statusOfErr(err)
		if domain.ErrorCode(err) == domain.ECONFLICT {
			// Lost a race: show what is stored now, keep what was typed, and
			// let the next save knowingly replace it.
			if stored, ferr := s.svc.FindingOf(ctx, a, id, critID); ferr == nil {
				ff.Newer, ff.Finding = stored, stored
				ff.Form.Set("version", strconv.Itoa(stored.Version))
				ff.Form.Set("finding_id", strconv.FormatInt(stored.ID, 10))
			}
		}
	} else {
		ff.Finding, ff.Saved, ff.Form = saved, true, findingValues(saved)
	}
	if c.Request().Header.Get("HX-Request") != "true" && status == http.StatusOK {
		return redirectWith(c, "/visits/"+strconv.FormatInt(id, 10)+"/findings#c-"+strconv.FormatInt(critID, 10), "")
	}
	if ff.Finding != nil {
		if ff.Attachments, err = s.svc.Attachments(ctx, a, "finding", ff.Finding.ID); err != nil {
			return err
		}
	}
	return s.renderBlock(c, status, "findings", "finding-frag", &Page{Data: ff})
}

// serviceFinding reads the team's part of a new finding from the form.
func serviceFinding(c echo.Context, critID int64, fs *domain.Fields) service.NewFinding {
	in := service.NewFinding{CriterionID: critID, Note: c.FormValue("note")}
	if r := domain.Rating(c.FormValue("rating")); r != "" {
		in.Rating = &r
	}
	in.Value = formNumber(c, "value", fs)
	in.Score = formNumber(c, "score", fs)
	return in
}

func optionalNumber(f *float64) domain.Optional[float64] {
	return domain.Optional[float64]{Set: true, Value: f}
}

// figuresData is the figures page: procedures and staffing with their rates.
type figuresData struct {
	Visit     *domain.VisitDetail
	CanEdit   bool
	Procedure url.Values
	Staffing  url.Values
}

func (s *Server) figuresPage(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	return s.renderFigures(c, id, &Page{}, http.StatusOK)
}

func (s *Server) renderFigures(c echo.Context, id int64, p *Page, status int) error {
	v, err := s.loadVisitView(c, id)
	if err != nil {
		return err
	}
	d := &figuresData{Visit: v.Visit, CanEdit: v.CanEdit, Procedure: url.Values{}, Staffing: url.Values{}}
	if ps := v.Visit.ProcedureStats; ps != nil {
		d.Procedure = structValues(ps)
	}
	if st := v.Visit.StaffingStats; st != nil {
		d.Staffing = structValues(st)
	}
	// What the user typed wins over what is stored.
	for k, vs := range p.Form {
		if k == "form" {
			continue
		}
		if p.Form.Get("form") == "staffing" {
			d.Staffing[k] = vs
		} else {
			d.Procedure[k] = vs
		}
	}
	p.Title, p.Data = "figures", d
	return s.render(c, status, "figures", p)
}

func (s *Server) procedurePost(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var fs domain.Fields
	in := serviceProcedureInput(c, &fs)
	err = fs.Err()
	if err == nil {
		_, err = s.svc.PutProcedureStats(c.Request().Context(), actor(c), id, formVersion(c), in)
	}
	return s.figuresDone(c, id, "procedure", err)
}

func (s *Server) staffingPost(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var fs domain.Fields
	in := serviceStaffingInput(c, &fs)
	err = fs.Err()
	if err == nil {
		_, err = s.svc.PutStaffingStats(c.Request().Context(), actor(c), id, formVersion(c), in)
	}
	return s.figuresDone(c, id, "staffing", err)
}

func (s *Server) figuresDone(c echo.Context, id int64, form string, err error) error {
	if err == nil {
		return redirectWith(c, "/visits/"+strconv.FormatInt(id, 10)+"/figures", "figures_saved")
	}
	p := &Page{Form: formValues(c)}
	p.Form.Set("form", form)
	if !formErrors(pageLang(c), err, p) {
		return err
	}
	return s.renderFigures(c, id, p, statusOfErr(err))
}

// serviceProcedureInput reads the procedure figures from the form.
func serviceProcedureInput(c echo.Context, fs *domain.Fields) service.ProcedureInput {
	return service.ProcedureInput{
		ProceduresTotal: formCount(c, "procedures_total", fs), OnlineFull: formCount(c, "online_full", fs),
		OnlinePartial: formCount(c, "online_partial", fs), OneStopShop: c.FormValue("one_stop_shop") == "true",
		InteragencyOneStopShop: c.FormValue("interagency_one_stop_shop") == "true",
		FilesReceived:          formCount(c, "files_received", fs), FilesCarriedOver: formCount(c, "files_carried_over", fs),
		FilesEarly: formCount(c, "files_early", fs), FilesOnTime: formCount(c, "files_on_time", fs),
		FilesLate: formCount(c, "files_late", fs), FilesPending: formCount(c, "files_pending", fs),
		FilesOnline: formCount(c, "files_online", fs), ApologyLetters: formCount(c, "apology_letters", fs),
	}
}

// serviceStaffingInput reads the staffing figures from the form.
func serviceStaffingInput(c echo.Context, fs *domain.Fields) service.StaffingInput {
	return service.StaffingInput{DeputiesActual: formCount(c, "deputies_actual", fs), DeputiesMax: formCount(c, "deputies_max", fs),
		QuotaAssigned: formCount(c, "quota_assigned", fs), StaffPresent: formCount(c, "staff_present", fs),
		JobPositionsApproved: c.FormValue("job_positions_approved") == "true"}
}

// structValues writes a record's fields as form values, by JSON name.
func structValues(rec any) url.Values {
	out := url.Values{}
	b, err := json.Marshal(rec)
	if err != nil {
		return out
	}
	var m map[string]any
	json.Unmarshal(b, &m)
	for k, v := range m {
		switch x := v.(type) {
		case nil:
		case float64:
			out.Set(k, strconv.FormatFloat(x, 'f', -1, 64))
		default:
			out.Set(k, fmt.Sprint(x))
		}
	}
	return out
}

// formVersion reads an optional version (absent for a first recording).
func formVersion(c echo.Context) *int {
	if c.FormValue("version") == "" {
		return nil
	}
	v := formInt(c, "version")
	return &v
}
