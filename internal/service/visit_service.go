package service

import (
	"context"
	"strconv"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
)

// NewVisit is what planning a visit takes.
type NewVisit struct {
	PlanID                int64                   `json:"plan_id" validate:"required,gt=0"`
	AgencyID              int64                   `json:"agency_id" validate:"required,gt=0"`
	CriteriaSetID         int64                   `json:"criteria_set_id" validate:"required,gt=0"`
	ScheduledOn           *domain.Date            `json:"scheduled_on"`
	VisitedOn             *domain.Date            `json:"visited_on"`
	DecisionNo            string                  `json:"decision_no" validate:"max=100"`
	Kind                  domain.VisitKind        `json:"kind" validate:"omitempty,oneof=on_site by_report unannounced"`
	Location              string                  `json:"location" validate:"max=500"`
	AgencyRepresentatives []domain.Representative `json:"agency_representatives" validate:"max=20,dive"`
}

// Visits lists visits; an agency officer sees only their agency's visits
// that are theirs to see.
func (s *Service) Visits(ctx context.Context, a Actor, f domain.VisitFilter) ([]domain.Visit, int, error) {
	if a.officer() {
		if !ownFilter(a, &f.AgencyID) {
			return []domain.Visit{}, 0, nil
		}
		f.OfficerView = true
	}
	return s.store.Visits(ctx, f)
}

// Visit loads a visit with its agency, team, figures and counts.
func (s *Service) Visit(ctx context.Context, a Actor, id int64) (*domain.VisitDetail, error) {
	v, err := s.visitFor(ctx, s.store, a, id)
	if err != nil {
		return nil, err
	}
	d, err := s.store.VisitDetailOf(ctx, v)
	if err != nil {
		return nil, err
	}
	if a.officer() && !published(d.Status) {
		d.ProcedureStats, d.StaffingStats = nil, nil
		d.Counts = domain.VisitCounts{Findings: d.Counts.Findings}
	}
	return d, nil
}

// CreateVisit plans a visit (inspectors and administrators). The visit
// gets its (draft) conclusion at once: every visit has exactly one.
func (s *Service) CreateVisit(ctx context.Context, a Actor, in NewVisit) (*domain.VisitDetail, error) {
	if err := a.require(domain.RoleAdmin, domain.RoleInspector); err != nil {
		return nil, err
	}
	if err := check(in); err != nil {
		return nil, err
	}
	v := &domain.Visit{PlanID: in.PlanID, AgencyID: in.AgencyID, CriteriaSetID: in.CriteriaSetID, ScheduledOn: in.ScheduledOn,
		VisitedOn: in.VisitedOn, DecisionNo: in.DecisionNo, Kind: in.Kind, Location: in.Location,
		AgencyRepresentatives: in.AgencyRepresentatives, Status: domain.VisitPlanned}
	if v.Kind == "" {
		v.Kind = domain.VisitOnSite
	}
	if v.AgencyRepresentatives == nil {
		v.AgencyRepresentatives = []domain.Representative{}
	}
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		var fs domain.Fields
		plan, err := store.Get[domain.Plan](ctx, tx, in.PlanID)
		if err != nil {
			return fieldNotFound(err, "plan_id")
		}
		v.Year = plan.Year
		ag, err := store.Get[domain.Agency](ctx, tx, in.AgencyID)
		switch domain.ErrorCode(err) {
		case "":
			if !ag.Active {
				fs.Add("agency_id", "inactive")
			}
		case domain.ENOTFOUND:
			fs.Add("agency_id", "not_found")
		default:
			return err
		}
		set, err := store.Get[domain.CriteriaSet](ctx, tx, in.CriteriaSetID)
		switch domain.ErrorCode(err) {
		case "":
			if len(fs) == 0 {
				if crit, err := tx.Criteria(ctx, set.ID); err != nil {
					return err
				} else if len(crit) == 0 {
					fs.Add("criteria_set_id", "empty_set")
				}
			}
		case domain.ENOTFOUND:
			fs.Add("criteria_set_id", "not_found")
		default:
			return err
		}
		if err := fs.Err(); err != nil {
			return err
		}
		if err := s.insert(ctx, tx, a, "visit", v, func() int64 { return v.ID }); err != nil {
			return err
		}
		c := &domain.Conclusion{VisitID: v.ID, Status: domain.ConclusionDraft, Recipients: []string{}}
		return tx.Create(ctx, c)
	})
	if err != nil {
		return nil, err
	}
	return s.store.VisitDetail(ctx, v.ID)
}

// UpdateVisit changes a visit (its team's inspectors and administrators):
// its details while its records are open, and its status to in_progress or
// cancelled. The other states follow the conclusion.
func (s *Service) UpdateVisit(ctx context.Context, a Actor, id int64, version int, upd domain.VisitUpdate) (*domain.VisitDetail, error) {
	if err := a.require(domain.RoleAdmin, domain.RoleInspector); err != nil {
		return nil, err
	}
	if err := check(upd); err != nil {
		return nil, err
	}
	_, err := patch(ctx, s, a, "visit", id, version, upd, func(tx *store.Store, old, cur *domain.Visit) error {
		if err := s.requireTeam(ctx, tx, a, old); err != nil {
			return err
		}
		if cur.Status != old.Status {
			if cur.Status != domain.VisitInProgress && cur.Status != domain.VisitCancelled {
				return &domain.Error{Code: domain.ECONFLICT, Key: "status_by_conclusion",
					Message: "a visit becomes submitted, returned, approved or closed through its conclusion and actions, not by an edit"}
			}
			if err := domain.CheckVisitTransition(old.Status, cur.Status); err != nil {
				return err
			}
		}
		details := *cur
		details.Status = old.Status
		if len(domain.Diff(old, &details)) > 0 && !old.Status.RecordsEditable() {
			return domain.FrozenError(old.Status)
		}
		if cur.CriteriaSetID != old.CriteriaSetID {
			return s.checkSetChange(ctx, tx, cur)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.Visit(ctx, a, id)
}

// checkSetChange allows another criteria set only while no finding uses
// the old one's criteria.
func (s *Service) checkSetChange(ctx context.Context, tx *store.Store, v *domain.Visit) error {
	var fs domain.Fields
	if _, err := store.Get[domain.CriteriaSet](ctx, tx, v.CriteriaSetID); err != nil {
		return fieldNotFound(err, "criteria_set_id")
	}
	_, n, err := tx.Findings(ctx, v.ID, domain.Page{PerPage: 1})
	if err != nil {
		return err
	}
	if n > 0 {
		fs.Add("criteria_set_id", "has_findings")
	}
	return fs.Err()
}

// TeamMemberInput is one member in a team replacement.
type TeamMemberInput struct {
	UserID   *int64          `json:"user_id" validate:"omitnil,gt=0"`
	FullName string          `json:"full_name" validate:"required_without=UserID,max=200"`
	Title    string          `json:"title" validate:"max=200"`
	Role     domain.TeamRole `json:"role" validate:"required,oneof=lead deputy member secretary"`
}

// TeamInput is a whole team.
type TeamInput struct {
	Members []TeamMemberInput `json:"members" validate:"required,max=30,dive"`
}

// SetTeam replaces a visit's team while its records are open: an
// administrator, an inspector on the team, or any inspector while the visit
// has no team yet (who plans a visit forms its team). The team is part of
// the visit: its version moves.
func (s *Service) SetTeam(ctx context.Context, a Actor, visitID int64, version int, in TeamInput) (*domain.VisitDetail, error) {
	if err := a.require(domain.RoleAdmin, domain.RoleInspector); err != nil {
		return nil, err
	}
	if err := check(in); err != nil {
		return nil, err
	}
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		v, err := store.Get[domain.Visit](ctx, tx, visitID)
		if err != nil {
			return err
		}
		old, err := tx.Team(ctx, visitID)
		if err != nil {
			return err
		}
		if len(old) > 0 {
			if err := s.requireTeam(ctx, tx, a, v); err != nil {
				return err
			}
		}
		if !v.Status.RecordsEditable() {
			return domain.FrozenError(v.Status)
		}
		if v.Version != version {
			return domain.StaleVersion("visit")
		}
		team := make([]domain.TeamMember, len(in.Members))
		var ids []int64
		for i, m := range in.Members {
			team[i] = domain.TeamMember{UserID: m.UserID, FullName: m.FullName, Title: m.Title, Role: m.Role, SortOrder: i}
			if m.UserID != nil {
				ids = append(ids, *m.UserID)
			}
		}
		users, err := tx.UsersByID(ctx, ids)
		if err != nil {
			return err
		}
		var fs domain.Fields
		for i := range team {
			id := team[i].UserID
			if id == nil {
				continue
			}
			u, ok := users[*id]
			switch {
			case !ok:
				fs.Add(teamField(i, "user_id"), "not_found")
			case !u.Active || u.Role == domain.RoleAgencyOfficer:
				fs.Add(teamField(i, "user_id"), "not_inspector")
			default:
				if team[i].FullName == "" {
					team[i].FullName = u.FullName
				}
				if team[i].Title == "" {
					team[i].Title = u.Title
				}
			}
		}
		if err := fs.Err(); err != nil {
			return err
		}
		if err := domain.CheckTeam(team); err != nil {
			return err
		}
		if err := tx.ReplaceTeam(ctx, visitID, team); err != nil {
			return err
		}
		if err := tx.Update(ctx, v, version); err != nil {
			return err
		}
		return s.record(ctx, tx, a, "visit", visitID, "team", map[string]domain.Change{"team": {Old: old, New: team}})
	})
	if err != nil {
		return nil, err
	}
	return s.Visit(ctx, a, visitID)
}

func teamField(i int, field string) string { return "members[" + strconv.Itoa(i) + "]." + field }
