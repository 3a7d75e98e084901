package store

import (
	"context"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// Plans lists plans, newest first.
func (s *Store) Plans(ctx context.Context, f domain.PlanFilter) ([]domain.Plan, int, error) {
	q := s.db.Model(&domain.Plan{})
	if f.Year != nil {
		q = q.Where("year = ?", *f.Year)
	}
	if f.Status != nil {
		q = q.Where("status = ?", *f.Status)
	}
	q = matchAll(q, f.Q, "search")
	return list[domain.Plan](ctx, q, f.Page, "year DESC, id DESC")
}
