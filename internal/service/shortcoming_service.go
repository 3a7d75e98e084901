package service

import (
	"context"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
)

// NewShortcoming is what recording a shortcoming takes.
type NewShortcoming struct {
	CriterionID *int64          `json:"criterion_id" validate:"omitnil,gt=0"`
	Description string          `json:"description" validate:"required,max=5000"`
	Cause       string          `json:"cause" validate:"max=5000"`
	Severity    domain.Severity `json:"severity" validate:"omitempty,oneof=minor major"`
}

// Shortcomings lists a visit's shortcomings.
func (s *Service) Shortcomings(ctx context.Context, a Actor, visitID int64, page domain.Page) ([]domain.Shortcoming, int, error) {
	if _, err := s.publishedVisitFor(ctx, s.store, a, visitID, "visit"); err != nil {
		return nil, 0, err
	}
	return s.store.Shortcomings(ctx, visitID, page)
}

// Shortcoming loads one shortcoming.
func (s *Service) Shortcoming(ctx context.Context, a Actor, id int64) (*domain.Shortcoming, error) {
	sc, err := store.Get[domain.Shortcoming](ctx, s.store, id)
	if err != nil {
		return nil, err
	}
	if _, err := s.publishedVisitFor(ctx, s.store, a, sc.VisitID, "shortcoming"); err != nil {
		return nil, notFoundAs(err, "shortcoming")
	}
	return sc, nil
}

// CreateShortcoming records a shortcoming (the team, while the records are
// open); one on a criterion the agency fell short of in an earlier visit
// points to that earlier one.
func (s *Service) CreateShortcoming(ctx context.Context, a Actor, visitID int64, in NewShortcoming) (*domain.Shortcoming, error) {
	if err := a.require(domain.RoleAdmin, domain.RoleInspector); err != nil {
		return nil, err
	}
	if err := check(in); err != nil {
		return nil, err
	}
	sc := &domain.Shortcoming{VisitID: visitID, CriterionID: in.CriterionID, Description: in.Description, Cause: in.Cause, Severity: in.Severity}
	if sc.Severity == "" {
		sc.Severity = domain.SeverityMinor
	}
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		v, err := s.editableVisit(ctx, tx, a, visitID)
		if err != nil {
			return err
		}
		if err := s.findRepeat(ctx, tx, v, sc); err != nil {
			return err
		}
		return s.insert(ctx, tx, a, "shortcoming", sc, func() int64 { return sc.ID })
	})
	if err != nil {
		return nil, err
	}
	return sc, nil
}

// UpdateShortcoming changes a shortcoming (the team, while the records are open).
func (s *Service) UpdateShortcoming(ctx context.Context, a Actor, id int64, version int, upd domain.ShortcomingUpdate) (*domain.Shortcoming, error) {
	if err := a.require(domain.RoleAdmin, domain.RoleInspector); err != nil {
		return nil, err
	}
	if err := check(upd); err != nil {
		return nil, err
	}
	return patch(ctx, s, a, "shortcoming", id, version, upd, func(tx *store.Store, old, cur *domain.Shortcoming) error {
		v, err := s.editableVisit(ctx, tx, a, old.VisitID)
		if err != nil {
			return notFoundAs(err, "shortcoming")
		}
		return s.findRepeat(ctx, tx, v, cur)
	})
}

// DeleteShortcoming removes a shortcoming without actions (the team, while
// the records are open).
func (s *Service) DeleteShortcoming(ctx context.Context, a Actor, id int64, version int) error {
	if err := a.require(domain.RoleAdmin, domain.RoleInspector); err != nil {
		return err
	}
	return remove(ctx, s, a, "shortcoming", id, version, func(tx *store.Store, old *domain.Shortcoming) error {
		if _, err := s.editableVisit(ctx, tx, a, old.VisitID); err != nil {
			return notFoundAs(err, "shortcoming")
		}
		return s.removeAttachments(ctx, tx, a, "shortcoming", id)
	})
}

// findRepeat checks the shortcoming's criterion (of the visit's set, not an
// area heading) and sets RepeatOfID to the agency's earlier shortcoming on
// a criterion with the same code, if there is one.
func (s *Service) findRepeat(ctx context.Context, tx *store.Store, v *domain.Visit, sc *domain.Shortcoming) error {
	sc.RepeatOfID = nil
	if sc.CriterionID == nil {
		return nil
	}
	c, err := store.Get[domain.Criterion](ctx, tx, *sc.CriterionID)
	if err != nil || c.CriteriaSetID != v.CriteriaSetID {
		if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
			return err
		}
		var fs domain.Fields
		fs.Add("criterion_id", "not_in_set")
		return fs.Err()
	}
	if c.Measure == domain.MeasureArea {
		var fs domain.Fields
		fs.Add("criterion_id", "area_not_assessable")
		return fs.Err()
	}
	earlier, err := tx.EarlierShortcoming(ctx, v, c.Code)
	switch domain.ErrorCode(err) {
	case "":
		sc.RepeatOfID = &earlier.ID
	case domain.ENOTFOUND:
	default:
		return err
	}
	return nil
}
