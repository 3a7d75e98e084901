package store

import (
	"context"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// Shortcomings lists a visit's shortcomings in the order they were written.
func (s *Store) Shortcomings(ctx context.Context, visitID int64, page domain.Page) ([]domain.Shortcoming, int, error) {
	q := s.db.Model(&domain.Shortcoming{}).Where("visit_id = ?", visitID)
	return list[domain.Shortcoming](ctx, q, page, "id")
}

// EarlierShortcoming finds the latest shortcoming that the visit's agency had
// on a criterion with the given code in an earlier, not cancelled visit. Codes
// are compared because every year's criteria set has criteria of its own.
func (s *Store) EarlierShortcoming(ctx context.Context, v *domain.Visit, criterionCode string) (*domain.Shortcoming, error) {
	var sc []domain.Shortcoming
	err := s.q(ctx).Model(&domain.Shortcoming{}).
		Joins("JOIN visits ON visits.id = shortcomings.visit_id").
		Joins("JOIN criteria ON criteria.id = shortcomings.criterion_id").
		Where("visits.agency_id = ? AND visits.id <> ? AND visits.status <> ?", v.AgencyID, v.ID, domain.VisitCancelled).
		Where("(visits.year < ? OR (visits.year = ? AND visits.id < ?))", v.Year, v.Year, v.ID).
		Where("criteria.code = ?", criterionCode).
		Order("visits.year DESC, visits.id DESC, shortcomings.id DESC").Limit(1).
		Select("shortcomings.*").Find(&sc).Error
	if err != nil {
		return nil, translate(err, "shortcoming", false)
	}
	if len(sc) == 0 {
		return nil, domain.NotFound("shortcoming")
	}
	return &sc[0], nil
}

// Actions lists actions, newest first.
func (s *Store) Actions(ctx context.Context, f domain.ActionFilter) ([]domain.Action, int, error) {
	q := s.db.Model(&domain.Action{})
	if f.AgencyID != nil {
		q = q.Where("actions.agency_id = ?", *f.AgencyID)
	}
	if f.VisitID != nil {
		q = q.Where("actions.visit_id = ?", *f.VisitID)
	}
	if f.ShortcomingID != nil {
		q = q.Where("actions.shortcoming_id = ?", *f.ShortcomingID)
	}
	if f.Status != nil {
		q = q.Where("actions.status = ?", *f.Status)
	}
	open := []domain.ActionStatus{domain.ActionOpen, domain.ActionInProgress}
	if f.Overdue != nil && *f.Overdue {
		q = q.Where("actions.status IN ? AND actions.due_on < ?", open, f.Today)
	}
	if f.Overdue != nil && !*f.Overdue {
		q = q.Where("NOT (actions.status IN ? AND actions.due_on IS NOT NULL AND actions.due_on < ?)", open, f.Today)
	}
	if f.ApprovedOnly {
		q = q.Where("EXISTS (SELECT 1 FROM visits WHERE visits.id = actions.visit_id AND visits.status IN ?)",
			[]domain.VisitStatus{domain.VisitApproved, domain.VisitClosed})
	}
	if f.TeamUserID != nil {
		q = q.Where("EXISTS (SELECT 1 FROM team_members tm WHERE tm.visit_id = actions.visit_id AND tm.user_id = ?)", *f.TeamUserID)
	}
	order := "actions.id DESC"
	if f.ByDueDate {
		order = "actions.due_on IS NULL, actions.due_on, actions.id"
	}
	items, total, err := list[domain.Action](ctx, q, f.Page, order)
	for i := range items {
		items[i].Derive(f.Today)
	}
	return items, total, err
}

// CountUnverifiedActions counts a visit's actions that are not verified yet.
func (s *Store) CountUnverifiedActions(ctx context.Context, visitID int64) (int, error) {
	var n int64
	err := s.q(ctx).Model(&domain.Action{}).Where("visit_id = ? AND status <> ?", visitID, domain.ActionVerified).Count(&n).Error
	return int(n), translate(err, "action", false)
}

// SetDefaultDueDates gives every action of the visit without a due date the
// date due, and returns the actions it changed.
func (s *Store) SetDefaultDueDates(ctx context.Context, visitID int64, due domain.Date) ([]domain.Action, error) {
	var changed []domain.Action
	err := s.Tx(ctx, func(tx *Store) error {
		if err := tx.q(ctx).Where("visit_id = ? AND due_on IS NULL", visitID).Order("id").Find(&changed).Error; err != nil {
			return translate(err, "action", false)
		}
		for i := range changed {
			changed[i].DueOn = &due
			if err := tx.Update(ctx, &changed[i], changed[i].Version, "due_on"); err != nil {
				return err
			}
		}
		return nil
	})
	return changed, err
}

// ActionUpdates lists the progress reports on an action, oldest first.
func (s *Store) ActionUpdates(ctx context.Context, actionID int64) ([]domain.ActionUpdateReport, error) {
	out := []domain.ActionUpdateReport{}
	err := s.q(ctx).Where("action_id = ?", actionID).Order("id").Find(&out).Error
	return out, translate(err, "action update", false)
}

// VerifyAction records who verified an action and when, moving it to verified.
func (s *Store) VerifyAction(ctx context.Context, a *domain.Action, by int64, at time.Time) error {
	a.Status, a.VerifiedBy, a.VerifiedAt = domain.ActionVerified, &by, &at
	return s.Update(ctx, a, a.Version, "status", "verified_by", "verified_at")
}
