package service

import (
	"context"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
)

// NewPlan is what creating an annual plan takes.
type NewPlan struct {
	Year       int               `json:"year" validate:"required,gte=2000,lte=2100"`
	Title      string            `json:"title" validate:"required,max=500"`
	DecisionNo string            `json:"decision_no" validate:"max=100"`
	IssuedOn   *domain.Date      `json:"issued_on"`
	IssuedBy   string            `json:"issued_by" validate:"max=300"`
	Status     domain.PlanStatus `json:"status" validate:"omitempty,oneof=draft issued"`
}

// Plans lists plans, newest first.
func (s *Service) Plans(ctx context.Context, a Actor, f domain.PlanFilter) ([]domain.Plan, int, error) {
	return s.store.Plans(ctx, f)
}

// Plan loads one plan.
func (s *Service) Plan(ctx context.Context, a Actor, id int64) (*domain.Plan, error) {
	return store.Get[domain.Plan](ctx, s.store, id)
}

// CreatePlan creates a plan (inspectors and administrators).
func (s *Service) CreatePlan(ctx context.Context, a Actor, in NewPlan) (*domain.Plan, error) {
	if err := a.require(domain.RoleAdmin, domain.RoleInspector); err != nil {
		return nil, err
	}
	if err := check(in); err != nil {
		return nil, err
	}
	p := &domain.Plan{Year: in.Year, Title: in.Title, DecisionNo: in.DecisionNo, IssuedOn: in.IssuedOn, IssuedBy: in.IssuedBy, Status: in.Status}
	if p.Status == "" {
		p.Status = domain.PlanDraft
	}
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		return s.insert(ctx, tx, a, "plan", p, func() int64 { return p.ID })
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// UpdatePlan changes a plan (inspectors and administrators). The year of a
// plan with visits stays: its visits are counted in that year.
func (s *Service) UpdatePlan(ctx context.Context, a Actor, id int64, version int, upd domain.PlanUpdate) (*domain.Plan, error) {
	if err := a.require(domain.RoleAdmin, domain.RoleInspector); err != nil {
		return nil, err
	}
	if err := check(upd); err != nil {
		return nil, err
	}
	return patch(ctx, s, a, "plan", id, version, upd, func(tx *store.Store, old, cur *domain.Plan) error {
		if old.Year == cur.Year {
			return nil
		}
		_, n, err := tx.Visits(ctx, domain.VisitFilter{PlanID: &id, Page: domain.Page{PerPage: 1}})
		if err != nil {
			return err
		}
		if n > 0 {
			var fs domain.Fields
			fs.Add("year", "plan_has_visits")
			return fs.Err()
		}
		return nil
	})
}
