package service

import (
	"context"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
)

// NewCriteriaSet is what creating a criteria set takes; with CopyFromID it
// starts as a copy of that set's criteria (the way to change a set in use).
type NewCriteriaSet struct {
	Year        int               `json:"year" validate:"required,gte=2000,lte=2100"`
	Name        string            `json:"name" validate:"required,max=300"`
	Scope       domain.AgencyKind `json:"scope" validate:"omitempty,oneof=department district commune unit"`
	Description string            `json:"description" validate:"max=5000"`
	CopyFromID  *int64            `json:"copy_from_id" validate:"omitnil,gt=0"`
}

// NewCriterion is what adding a criterion to a set takes.
type NewCriterion struct {
	Code      string         `json:"code" validate:"required,max=20"`
	Area      string         `json:"area" validate:"max=300"`
	Title     string         `json:"title" validate:"required,max=1000"`
	Measure   domain.Measure `json:"measure" validate:"required,oneof=area yes_no percent count score text"`
	MaxScore  *float64       `json:"max_score" validate:"omitnil,gte=0,lte=1000"`
	ParentID  *int64         `json:"parent_id" validate:"omitnil,gt=0"`
	SortOrder int            `json:"sort_order" validate:"gte=0,lte=1000000"`
}

// CriteriaSets lists criteria sets, newest year first.
func (s *Service) CriteriaSets(ctx context.Context, a Actor, year *int, page domain.Page) ([]domain.CriteriaSet, int, error) {
	return s.store.CriteriaSets(ctx, year, page)
}

// CriteriaSet loads a set with its criteria.
func (s *Service) CriteriaSet(ctx context.Context, a Actor, id int64) (*domain.CriteriaSet, error) {
	return s.store.CriteriaSet(ctx, id)
}

// CreateCriteriaSet creates a set, empty or as a copy (administrators only).
func (s *Service) CreateCriteriaSet(ctx context.Context, a Actor, in NewCriteriaSet) (*domain.CriteriaSet, error) {
	if err := a.require(domain.RoleAdmin); err != nil {
		return nil, err
	}
	if err := check(in); err != nil {
		return nil, err
	}
	var out *domain.CriteriaSet
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		if in.CopyFromID != nil {
			set, err := tx.CopyCriteriaSet(ctx, *in.CopyFromID,
				domain.CriteriaSet{Year: in.Year, Name: in.Name, Scope: in.Scope, Description: in.Description})
			if err != nil {
				return fieldNotFound(err, "copy_from_id")
			}
			out = set
			return s.record(ctx, tx, a, "criteria_set", set.ID, "create", domain.Created(set))
		}
		set := &domain.CriteriaSet{Year: in.Year, Name: in.Name, Scope: in.Scope, Description: in.Description, Criteria: []domain.Criterion{}}
		out = set
		return s.insert(ctx, tx, a, "criteria_set", set, func() int64 { return set.ID })
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// AddCriterion adds a criterion to a set that no visit uses yet
// (administrators only).
func (s *Service) AddCriterion(ctx context.Context, a Actor, setID int64, in NewCriterion) (*domain.Criterion, error) {
	if err := a.require(domain.RoleAdmin); err != nil {
		return nil, err
	}
	if err := check(in); err != nil {
		return nil, err
	}
	c := &domain.Criterion{CriteriaSetID: setID, ParentID: in.ParentID, Code: in.Code, Area: in.Area, Title: in.Title,
		Measure: in.Measure, MaxScore: in.MaxScore, SortOrder: in.SortOrder}
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		if err := requireSetEditable(ctx, tx, setID); err != nil {
			return err
		}
		if err := checkCriterion(ctx, tx, c); err != nil {
			return err
		}
		return s.insert(ctx, tx, a, "criterion", c, func() int64 { return c.ID })
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// UpdateCriterion changes a criterion of a set that no visit uses yet
// (administrators only).
func (s *Service) UpdateCriterion(ctx context.Context, a Actor, id int64, version int, upd domain.CriterionUpdate) (*domain.Criterion, error) {
	if err := a.require(domain.RoleAdmin); err != nil {
		return nil, err
	}
	if err := check(upd); err != nil {
		return nil, err
	}
	return patch(ctx, s, a, "criterion", id, version, upd, func(tx *store.Store, _, cur *domain.Criterion) error {
		if err := requireSetEditable(ctx, tx, cur.CriteriaSetID); err != nil {
			return err
		}
		return checkCriterion(ctx, tx, cur)
	})
}

// requireSetEditable refuses changes to a set that a visit uses: old visits
// keep rendering with their own set, so a set in use is copied, not edited.
func requireSetEditable(ctx context.Context, tx *store.Store, setID int64) error {
	if _, err := store.Get[domain.CriteriaSet](ctx, tx, setID); err != nil {
		return err
	}
	inUse, err := tx.CriteriaSetInUse(ctx, setID)
	if err != nil {
		return err
	}
	if inUse {
		return &domain.Error{Code: domain.ECONFLICT, Message: "a visit uses this criteria set: copy it to change it", Key: "set_in_use"}
	}
	return nil
}

// checkCriterion checks the parent (in the same set, not itself) and fills
// in the area from the parent when it is empty.
func checkCriterion(ctx context.Context, tx *store.Store, c *domain.Criterion) error {
	var fs domain.Fields
	if c.ParentID != nil {
		p, err := store.Get[domain.Criterion](ctx, tx, *c.ParentID)
		switch {
		case domain.ErrorCode(err) == domain.ENOTFOUND || (err == nil && p.CriteriaSetID != c.CriteriaSetID):
			fs.Add("parent_id", "not_found")
		case err != nil:
			return err
		case p.ID == c.ID:
			fs.Add("parent_id", "self")
		case c.Area == "":
			c.Area = p.Area
		}
	}
	if c.Measure == domain.MeasureArea && c.Area == "" {
		c.Area = c.Title
	}
	if c.Measure == domain.MeasureArea && c.MaxScore != nil {
		fs.Add("max_score", "area_not_assessable")
	}
	return fs.Err()
}

// Criterion loads one criterion.
func (s *Service) Criterion(ctx context.Context, a Actor, id int64) (*domain.Criterion, error) {
	return store.Get[domain.Criterion](ctx, s.store, id)
}
