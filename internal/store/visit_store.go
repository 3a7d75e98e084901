package store

import (
	"context"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// Visits lists visits, newest first. The query matches the visit's own text
// and its agency's code and name.
func (s *Store) Visits(ctx context.Context, f domain.VisitFilter) ([]domain.Visit, int, error) {
	q := s.db.Model(&domain.Visit{})
	if f.Year != nil {
		q = q.Where("visits.year = ?", *f.Year)
	}
	if f.AgencyID != nil {
		q = q.Where("visits.agency_id = ?", *f.AgencyID)
	}
	if f.PlanID != nil {
		q = q.Where("visits.plan_id = ?", *f.PlanID)
	}
	if f.Status != nil {
		q = q.Where("visits.status = ?", *f.Status)
	}
	if f.ApprovedOnly {
		q = q.Where("visits.status IN ?", []domain.VisitStatus{domain.VisitApproved, domain.VisitClosed})
	}
	if f.OfficerView {
		q = q.Where("visits.status IN ?", []domain.VisitStatus{domain.VisitPlanned, domain.VisitInProgress, domain.VisitApproved, domain.VisitClosed})
	}
	if f.MemberUserID != nil {
		q = q.Where("EXISTS (SELECT 1 FROM team_members tm WHERE tm.visit_id = visits.id AND tm.user_id = ?)", *f.MemberUserID)
	}
	joined := f.Q != "" || f.Order == domain.OrderByAgency
	if joined {
		q = q.Joins("JOIN agencies ON agencies.id = visits.agency_id")
	}
	if f.Q != "" {
		q = matchAll(q, f.Q, "visits.search", "agencies.search")
	}
	order := "visits.id DESC"
	switch f.Order {
	case domain.OrderByDate:
		order = "COALESCE(visits.visited_on, visits.scheduled_on) DESC, visits.id DESC"
	case domain.OrderByAgency:
		order = "agencies.search, visits.id DESC"
	}
	return list[domain.Visit](ctx, q, f.Page, order)
}

// VisitDetail loads a visit with its agency, team, figures and counts, in a
// fixed number of queries whatever the visit holds.
func (s *Store) VisitDetail(ctx context.Context, id int64) (*domain.VisitDetail, error) {
	v, err := Get[domain.Visit](ctx, s, id)
	if err != nil {
		return nil, err
	}
	return s.VisitDetailOf(ctx, v)
}

// ReplaceTeam replaces a visit's whole team.
func (s *Store) ReplaceTeam(ctx context.Context, visitID int64, team []domain.TeamMember) error {
	return s.Tx(ctx, func(tx *Store) error {
		if err := tx.q(ctx).Where("visit_id = ?", visitID).Delete(&domain.TeamMember{}).Error; err != nil {
			return translate(err, "team member", true)
		}
		for i := range team {
			team[i].ID, team[i].VisitID = 0, visitID
		}
		if len(team) == 0 {
			return nil
		}
		return translate(tx.q(ctx).Create(&team).Error, "team member", false)
	})
}

// TeamRole returns the user's role in the visit's team, or "" when the user
// is not on it.
func (s *Store) TeamRole(ctx context.Context, visitID, userID int64) (domain.TeamRole, error) {
	var roles []domain.TeamRole
	err := s.q(ctx).Model(&domain.TeamMember{}).Where("visit_id = ? AND user_id = ?", visitID, userID).
		Order("sort_order").Limit(1).Pluck("role", &roles).Error
	if err != nil || len(roles) == 0 {
		return "", translate(err, "team member", false)
	}
	return roles[0], nil
}

// FindingOf loads the finding of a visit on a criterion.
func (s *Store) FindingOf(ctx context.Context, visitID, criterionID int64) (*domain.Finding, error) {
	return Find[domain.Finding](ctx, s, "visit_id = ? AND criterion_id = ?", visitID, criterionID)
}

// SetVisitStatus moves a visit to a status (the caller checked the
// transition) when its version is still version.
func (s *Store) SetVisitStatus(ctx context.Context, v *domain.Visit, status domain.VisitStatus) error {
	old := v.Status
	v.Status = status
	if err := s.Update(ctx, v, v.Version, "status"); err != nil {
		v.Status = old
		return err
	}
	return nil
}
