// Package demo loads the demo data: the 2019 inspection of the Department of
// Science and Technology of Điện Biên from the seed article, in a believable
// world of Điện Biên's agencies, plans, criteria and other visits.
package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/service"
	"github.com/cchc-inspect/cchc/internal/store"
)

// Province is the demo's province.
const Province = "Điện Biên"

// Load loads the demo data in one transaction. It reports false, and
// changes nothing, when the demo is already there.
func Load(ctx context.Context, svc *service.Service) (bool, error) {
	loaded := false
	err := svc.Store().Tx(ctx, func(tx *store.Store) error {
		_, err := store.Find[domain.Plan](ctx, tx, "year = ? AND decision_no = ?", plans[0].Year, plans[0].DecisionNo)
		switch domain.ErrorCode(err) {
		case "":
			return nil // already loaded
		case domain.ENOTFOUND:
		default:
			return err
		}
		l := &loader{ctx: ctx, tx: tx, svc: svc.In(tx), agencies: map[string]*domain.Agency{}, users: map[string]*domain.User{},
			sets: map[int]*domain.CriteriaSet{}, criteria: map[int]map[string]*domain.Criterion{}, plans: map[int]*domain.Plan{}}
		steps := []func() error{l.loadAgencies, l.loadUsers, l.loadCriteria, l.loadPlans}
		for _, step := range steps {
			if err := step(); err != nil {
				return err
			}
		}
		for _, v := range append([]visitSpec{SeedVisit}, otherVisits...) {
			if err := l.loadVisit(v); err != nil {
				return fmt.Errorf("demo visit %s %d: %w", v.Agency, v.Year, err)
			}
		}
		loaded = true
		return nil
	})
	return loaded, err
}

// IsEmpty reports whether the database holds no agency and no user yet.
func IsEmpty(ctx context.Context, st *store.Store) (bool, error) {
	_, na, err := st.Agencies(ctx, domain.AgencyFilter{Page: domain.Page{PerPage: 1}})
	if err != nil {
		return false, err
	}
	_, nu, err := st.Users(ctx, domain.UserFilter{Page: domain.Page{PerPage: 1}})
	return na == 0 && nu == 0, err
}

type loader struct {
	ctx      context.Context
	tx       *store.Store
	svc      *service.Service
	agencies map[string]*domain.Agency
	users    map[string]*domain.User
	sets     map[int]*domain.CriteriaSet
	criteria map[int]map[string]*domain.Criterion
	plans    map[int]*domain.Plan
}

// findOr returns the record that find finds, or creates rec when there is none.
func findOr[T any](l *loader, rec *T, find func() (*T, error)) (*T, error) {
	got, err := find()
	switch domain.ErrorCode(err) {
	case "":
		return got, nil
	case domain.ENOTFOUND:
		return rec, l.tx.Create(l.ctx, rec)
	}
	return nil, err
}

func (l *loader) loadAgencies() error {
	for _, spec := range agencies {
		a := &domain.Agency{Code: spec.Code, Name: spec.Name, Kind: spec.Kind, Province: Province, Active: !spec.Gone && spec.Successor == ""}
		got, err := findOr(l, a, func() (*domain.Agency, error) { return l.tx.AgencyByCode(l.ctx, spec.Code) })
		if err != nil {
			return err
		}
		l.agencies[spec.Code] = got
	}
	for _, spec := range agencies {
		a := l.agencies[spec.Code]
		if spec.Successor == "" || a.SuccessorID != nil {
			continue
		}
		a.SuccessorID = &l.agencies[spec.Successor].ID
		if err := l.tx.Update(l.ctx, a, a.Version, "successor_id"); err != nil {
			return err
		}
	}
	return nil
}

func (l *loader) loadUsers() error {
	for _, lg := range Logins {
		var agencyID *int64
		if lg.Agency != "" {
			agencyID = &l.agencies[lg.Agency].ID
		}
		got, err := l.tx.UserByUsername(l.ctx, lg.Username)
		if domain.ErrorCode(err) == domain.ENOTFOUND {
			got, err = l.svc.CreateUser(l.ctx, service.System, service.NewUser{Username: lg.Username, Password: lg.Password,
				FullName: lg.FullName, Title: lg.Title, Role: lg.Role, AgencyID: agencyID})
		}
		if err != nil {
			return fmt.Errorf("demo user %s: %w", lg.Username, err)
		}
		l.users[lg.Username] = got
	}
	return nil
}

func (l *loader) loadCriteria() error {
	for _, p := range plans {
		set := &domain.CriteriaSet{Year: p.Year, Name: fmt.Sprintf("Bộ tiêu chí kiểm tra CCHC năm %d", p.Year),
			Description: "Bộ tiêu chí mặc định: chỉ đạo điều hành, thể chế, TTHC, bộ máy, công vụ, tài chính công, chính quyền số."}
		got, err := findOr(l, set, func() (*domain.CriteriaSet, error) {
			return store.Find[domain.CriteriaSet](l.ctx, l.tx, "year = ? AND name = ?", set.Year, set.Name)
		})
		if err != nil {
			return err
		}
		l.sets[p.Year] = got
		l.criteria[p.Year] = map[string]*domain.Criterion{}
		if got != set { // an existing set keeps its own criteria
			crit, err := l.tx.Criteria(l.ctx, got.ID)
			if err != nil {
				return err
			}
			for i := range crit {
				l.criteria[p.Year][crit[i].Code] = &crit[i]
			}
			continue
		}
		var area *domain.Criterion
		for i, spec := range defaultCatalog {
			c := &domain.Criterion{CriteriaSetID: set.ID, Code: spec.Code, Title: spec.Title, Measure: spec.Measure, SortOrder: (i + 1) * 10}
			if spec.Measure == domain.MeasureArea {
				c.Area = spec.Title
			} else {
				c.Area, c.ParentID, c.MaxScore = area.Title, &area.ID, &spec.MaxScore
			}
			if err := l.tx.Create(l.ctx, c); err != nil {
				return err
			}
			if spec.Measure == domain.MeasureArea {
				area = c
			}
			l.criteria[p.Year][c.Code] = c
		}
	}
	return nil
}

func (l *loader) loadPlans() error {
	for _, p := range plans {
		on := mustDate(p.IssuedOn)
		plan := &domain.Plan{Year: p.Year, Title: p.Title, DecisionNo: p.DecisionNo, IssuedOn: &on,
			IssuedBy: "UBND tỉnh Điện Biên", Status: domain.PlanIssued}
		if err := l.tx.Create(l.ctx, plan); err != nil {
			return err
		}
		l.plans[p.Year] = plan
	}
	return nil
}

func (l *loader) loadVisit(spec visitSpec) error {
	ctx, tx := l.ctx, l.tx
	v := &domain.Visit{PlanID: l.plans[spec.Year].ID, AgencyID: l.agencies[spec.Agency].ID, CriteriaSetID: l.sets[spec.Year].ID,
		Year: spec.Year, ScheduledOn: optDate(spec.ScheduledOn), VisitedOn: optDate(spec.VisitedOn), DecisionNo: spec.DecisionNo,
		Kind: spec.Kind, Location: spec.Location, AgencyRepresentatives: spec.Reps, Status: spec.Status}
	if spec.Status == domain.VisitClosed {
		v.Status = domain.VisitApproved // closed below, once its actions are verified
	}
	if v.AgencyRepresentatives == nil {
		v.AgencyRepresentatives = []domain.Representative{}
	}
	if err := tx.Create(ctx, v); err != nil {
		return err
	}
	team := make([]domain.TeamMember, len(spec.Team))
	for i, m := range spec.Team {
		team[i] = domain.TeamMember{FullName: m.FullName, Title: m.Title, Role: m.Role, SortOrder: i}
		if m.User != "" {
			team[i].UserID = &l.users[m.User].ID
		}
	}
	if err := domain.CheckTeam(team); err != nil {
		return err
	}
	if err := tx.ReplaceTeam(ctx, v.ID, team); err != nil {
		return err
	}
	crit := l.criteria[spec.Year]
	for _, f := range spec.Findings {
		fd := &domain.Finding{VisitID: v.ID, CriterionID: crit[f.Code].ID, Value: f.Value, Score: f.Score, SelfScore: f.Self, Note: f.Note}
		if f.Rating != "" {
			fd.Rating = &f.Rating
		}
		if err := domain.CheckFinding(*fd, *crit[f.Code]); err != nil {
			return fmt.Errorf("finding %s: %w", f.Code, err)
		}
		if err := tx.Create(ctx, fd); err != nil {
			return err
		}
	}
	if p := spec.Procedure; p != nil {
		p.VisitID = v.ID
		if err := p.Check(); err != nil {
			return err
		}
		if err := tx.Create(ctx, p); err != nil {
			return err
		}
	}
	if st := spec.Staffing; st != nil {
		st.VisitID = v.ID
		if err := tx.Create(ctx, st); err != nil {
			return err
		}
	}
	c := spec.Conclusion
	approvedOn := optDate(c.ReviewedOn)
	if c.Status != domain.ConclusionApproved {
		approvedOn = nil
	}
	var actions []pendingAction
	for _, sc := range spec.Shortcomings {
		pending, err := l.loadShortcoming(v, sc, approvedOn)
		if err != nil {
			return err
		}
		actions = append(actions, pending...)
	}
	if err := l.loadConclusion(v, c); err != nil {
		return err
	}
	for _, p := range actions {
		if err := l.remediate(v, p); err != nil {
			return err
		}
	}
	if spec.Status == domain.VisitClosed {
		if err := domain.CheckVisitTransition(v.Status, spec.Status); err != nil {
			return err
		}
		return tx.SetVisitStatus(ctx, v, spec.Status)
	}
	return nil
}

// pendingAction is an action created open, whose later history is applied
// once the conclusion is approved and frozen.
type pendingAction struct {
	action *domain.Action
	spec   actionSpec
}

func (l *loader) loadShortcoming(v *domain.Visit, spec shortcomingSpec, approvedOn *domain.Date) ([]pendingAction, error) {
	ctx, tx := l.ctx, l.tx
	c := l.criteria[v.Year][spec.Code]
	sc := &domain.Shortcoming{VisitID: v.ID, CriterionID: &c.ID, Description: spec.Description, Cause: spec.Cause, Severity: spec.Severity}
	earlier, err := tx.EarlierShortcoming(ctx, v, c.Code)
	switch domain.ErrorCode(err) {
	case "":
		sc.RepeatOfID = &earlier.ID
	case domain.ENOTFOUND:
	default:
		return nil, err
	}
	if err := tx.Create(ctx, sc); err != nil {
		return nil, err
	}
	var out []pendingAction
	for _, as := range spec.Actions {
		a := &domain.Action{ShortcomingID: sc.ID, VisitID: v.ID, AgencyID: v.AgencyID, Description: as.Description,
			OwnerAgencyID: &v.AgencyID, OwnerName: "Giám đốc " + shortName(l.agencyName(v.AgencyID)), Status: domain.ActionOpen}
		if approvedOn != nil {
			due := approvedOn.AddDays(l.svc.DueDays)
			a.DueOn = &due
		}
		if err := tx.Create(ctx, a); err != nil {
			return nil, err
		}
		out = append(out, pendingAction{a, as})
	}
	return out, nil
}

// remediate applies an action's history after approval: the agency's
// reports and the team's verification.
func (l *loader) remediate(v *domain.Visit, p pendingAction) error {
	ctx, tx := l.ctx, l.tx
	officer := l.users["quang.lv"]
	for _, u := range p.spec.Updates {
		status := u.Status
		rep := &domain.ActionUpdateReport{ActionID: p.action.ID, Note: u.Note, Status: &status, CreatedAt: localTime(u.On, 10)}
		if v.AgencyID == *officer.AgencyID {
			rep.AuthorID = &officer.ID
		}
		if err := tx.Create(ctx, rep); err != nil {
			return err
		}
	}
	a := p.action
	if p.spec.VerifiedOn != "" {
		return tx.VerifyAction(ctx, a, l.users["tuyen.ld"].ID, localTime(p.spec.VerifiedOn, 15))
	}
	if p.spec.Status != a.Status {
		a.Status = p.spec.Status
		return tx.Update(ctx, a, a.Version, "status")
	}
	return nil
}

func (l *loader) loadConclusion(v *domain.Visit, spec conclusionSpec) error {
	ctx, tx := l.ctx, l.tx
	c := &domain.Conclusion{VisitID: v.ID, Strengths: spec.Strengths, Limitations: spec.Limitations, Causes: spec.Causes,
		Requests: spec.Requests, DocumentNo: spec.DocumentNo, IssuedOn: optDate(spec.IssuedOn), Recipients: recipients,
		Status: spec.Status, ReviewNote: spec.ReviewNote}
	if spec.Result != "" {
		c.OverallResult = &spec.Result
	}
	lead := l.users["tuyen.ld"]
	if spec.Status != domain.ConclusionDraft {
		c.SignPrefix, c.SignerName, c.SignerTitle = "KT.", lead.FullName, "Phó Giám đốc"
	}
	if spec.SubmittedOn != "" {
		at := localTime(spec.SubmittedOn, 16)
		c.SubmittedBy, c.SubmittedAt = &lead.ID, &at
	}
	leader := l.users["lanhdao"]
	if spec.ReviewedOn != "" {
		at := localTime(spec.ReviewedOn, 9)
		c.ReviewedBy, c.ReviewedAt = &leader.ID, &at
	}
	if err := tx.Create(ctx, c); err != nil {
		return err
	}
	if spec.Status == domain.ConclusionApproved {
		if _, err := l.svc.Freeze(ctx, tx, c, leader.ID, *c.ReviewedAt); err != nil {
			return err
		}
	}
	return nil
}

func (l *loader) agencyName(id int64) string {
	for _, a := range l.agencies {
		if a.ID == id {
			return a.Name
		}
	}
	return ""
}

// shortName drops the province from an agency's name: "Sở Y tế".
func shortName(name string) string {
	const suffix = " tỉnh " + Province
	if len(name) > len(suffix) && name[len(name)-len(suffix):] == suffix {
		return name[:len(name)-len(suffix)]
	}
	return name
}

var hanoi = time.FixedZone("ICT", 7*3600)

// localTime returns the given day at the given hour in Vietnam, in UTC.
func localTime(day string, hour int) time.Time {
	d := mustDate(day)
	return time.Date(d.Year, d.Month, d.Day, hour, 0, 0, 0, hanoi).UTC()
}

func mustDate(s string) domain.Date {
	d, err := domain.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func optDate(s string) *domain.Date {
	if s == "" {
		return nil
	}
	d := mustDate(s)
	return &d
}
