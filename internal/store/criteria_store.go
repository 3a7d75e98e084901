package store

import (
	"cmp"
	"context"
	"slices"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// CriteriaSets lists criteria sets, newest year first.
func (s *Store) CriteriaSets(ctx context.Context, year *int, page domain.Page) ([]domain.CriteriaSet, int, error) {
	q := s.db.Model(&domain.CriteriaSet{})
	if year != nil {
		q = q.Where("year = ?", *year)
	}
	sets, total, err := list[domain.CriteriaSet](ctx, q, page, "year DESC, id DESC")
	if err != nil || len(sets) == 0 {
		return sets, total, err
	}
	ids := make([]int64, len(sets))
	for i, set := range sets {
		ids[i] = set.ID
	}
	var used []int64
	err = s.q(ctx).Model(&domain.Visit{}).Distinct("criteria_set_id").Where("criteria_set_id IN ?", ids).Pluck("criteria_set_id", &used).Error
	for i := range sets {
		sets[i].InUse = slices.Contains(used, sets[i].ID)
	}
	return sets, total, translate(err, "criteria set", false)
}

// CriteriaSet loads a criteria set with its criteria in catalog order and
// whether a visit uses it.
func (s *Store) CriteriaSet(ctx context.Context, id int64) (*domain.CriteriaSet, error) {
	set, err := Get[domain.CriteriaSet](ctx, s, id)
	if err != nil {
		return nil, err
	}
	if set.Criteria, err = s.Criteria(ctx, id); err != nil {
		return nil, err
	}
	if set.InUse, err = s.CriteriaSetInUse(ctx, id); err != nil {
		return nil, err
	}
	return set, nil
}

// Criteria lists the criteria of a set in catalog order.
func (s *Store) Criteria(ctx context.Context, setID int64) ([]domain.Criterion, error) {
	crit := []domain.Criterion{}
	err := s.q(ctx).Where("criteria_set_id = ?", setID).Order("sort_order, code, id").Find(&crit).Error
	return crit, translate(err, "criterion", false)
}

// CriteriaSetInUse reports whether a visit uses the set.
func (s *Store) CriteriaSetInUse(ctx context.Context, setID int64) (bool, error) {
	return exists(ctx, s.db.Model(&domain.Visit{}).Where("criteria_set_id = ?", setID))
}

// CopyCriteriaSet copies a set and all its criteria (keeping their tree) into
// a new set with the year and name of into, and its scope and description
// when they are given (else the source's).
func (s *Store) CopyCriteriaSet(ctx context.Context, srcID int64, into domain.CriteriaSet) (*domain.CriteriaSet, error) {
	src, err := s.CriteriaSet(ctx, srcID)
	if err != nil {
		return nil, err
	}
	dst := &domain.CriteriaSet{Year: into.Year, Name: into.Name, Scope: cmp.Or(into.Scope, src.Scope),
		Description: cmp.Or(into.Description, src.Description), CopiedFromID: &src.ID}
	err = s.Tx(ctx, func(tx *Store) error {
		if err := tx.Create(ctx, dst); err != nil {
			return err
		}
		newID := map[int64]int64{}
		// Catalog order puts parents before children only by convention, so
		// insert in passes until every parent exists.
		pending := src.Criteria
		for len(pending) > 0 {
			var next []domain.Criterion
			for _, c := range pending {
				if c.ParentID != nil {
					p, ok := newID[*c.ParentID]
					if !ok {
						next = append(next, c)
						continue
					}
					c.ParentID = &p
				}
				old := c.ID
				c.ID, c.CriteriaSetID = 0, dst.ID
				if err := tx.Create(ctx, &c); err != nil {
					return err
				}
				newID[old] = c.ID
				dst.Criteria = append(dst.Criteria, c)
			}
			if len(next) == len(pending) {
				return domain.Errorf(domain.EINVALID, "criteria set %d has criteria whose parent is outside it", srcID)
			}
			pending = next
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return dst, nil
}
