package store

import (
	"context"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// Agencies lists agencies by code.
func (s *Store) Agencies(ctx context.Context, f domain.AgencyFilter) ([]domain.Agency, int, error) {
	q := s.db.Model(&domain.Agency{})
	if f.ID != nil {
		q = q.Where("id = ?", *f.ID)
	}
	if f.Kind != nil {
		q = q.Where("kind = ?", *f.Kind)
	}
	if f.Active != nil {
		q = q.Where("active = ?", *f.Active)
	}
	if f.ParentID != nil {
		q = q.Where("parent_id = ?", *f.ParentID)
	}
	if f.Province != nil {
		q = q.Where("province = ?", *f.Province)
	}
	q = matchAll(q, f.Q, "search")
	return list[domain.Agency](ctx, q, f.Page, "code, id")
}

// AgencyByCode loads the agency with the given code.
func (s *Store) AgencyByCode(ctx context.Context, code string) (*domain.Agency, error) {
	return Find[domain.Agency](ctx, s, "code = ?", code)
}

// AgenciesByID loads the agencies with the given ids.
func (s *Store) AgenciesByID(ctx context.Context, ids []int64) ([]domain.Agency, error) {
	out := []domain.Agency{}
	if len(ids) == 0 {
		return out, nil
	}
	err := s.q(ctx).Where("id IN ?", ids).Order("id").Find(&out).Error
	return out, translate(err, "agency", false)
}
