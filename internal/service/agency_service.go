package service

import (
	"context"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
)

// NewAgency is what creating an agency takes.
type NewAgency struct {
	Code        string            `json:"code" validate:"required,max=32,printascii,excludesall= "`
	Name        string            `json:"name" validate:"required,max=300"`
	Kind        domain.AgencyKind `json:"kind" validate:"required,oneof=department district commune unit"`
	ParentID    *int64            `json:"parent_id" validate:"omitnil,gt=0"`
	Province    string            `json:"province" validate:"max=100"`
	Active      *bool             `json:"active"`
	SuccessorID *int64            `json:"successor_id" validate:"omitnil,gt=0"`
}

// Agencies lists agencies; an agency officer sees only their own.
func (s *Service) Agencies(ctx context.Context, a Actor, f domain.AgencyFilter) ([]domain.Agency, int, error) {
	if a.officer() && !ownFilter(a, &f.ID) {
		return []domain.Agency{}, 0, nil
	}
	return s.store.Agencies(ctx, f)
}

// Agency loads one agency.
func (s *Service) Agency(ctx context.Context, a Actor, id int64) (*domain.Agency, error) {
	if a.officer() && !a.ownsAgency(id) {
		return nil, domain.NotFound("agency")
	}
	return store.Get[domain.Agency](ctx, s.store, id)
}

// CreateAgency creates an agency (administrators only).
func (s *Service) CreateAgency(ctx context.Context, a Actor, in NewAgency) (*domain.Agency, error) {
	if err := a.require(domain.RoleAdmin); err != nil {
		return nil, err
	}
	if err := check(in); err != nil {
		return nil, err
	}
	ag := &domain.Agency{Code: in.Code, Name: in.Name, Kind: in.Kind, ParentID: in.ParentID, Province: in.Province,
		Active: in.Active == nil || *in.Active, SuccessorID: in.SuccessorID}
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		if err := checkAgencyLinks(ctx, tx, ag); err != nil {
			return err
		}
		return s.insert(ctx, tx, a, "agency", ag, func() int64 { return ag.ID })
	})
	if err != nil {
		return nil, err
	}
	return ag, nil
}

// UpdateAgency changes an agency (administrators only).
func (s *Service) UpdateAgency(ctx context.Context, a Actor, id int64, version int, upd domain.AgencyUpdate) (*domain.Agency, error) {
	if err := a.require(domain.RoleAdmin); err != nil {
		return nil, err
	}
	if err := check(upd); err != nil {
		return nil, err
	}
	return patch(ctx, s, a, "agency", id, version, upd, func(tx *store.Store, _, cur *domain.Agency) error {
		return checkAgencyLinks(ctx, tx, cur)
	})
}

// DeleteAgency removes an agency that no record uses (administrators only);
// agencies with history are deactivated instead.
func (s *Service) DeleteAgency(ctx context.Context, a Actor, id int64, version int) error {
	if err := a.require(domain.RoleAdmin); err != nil {
		return err
	}
	return remove[domain.Agency](ctx, s, a, "agency", id, version, nil)
}

// checkAgencyLinks checks that the parent and successor exist and are not
// the agency itself.
func checkAgencyLinks(ctx context.Context, tx *store.Store, ag *domain.Agency) error {
	var fs domain.Fields
	for field, ref := range map[string]*int64{"parent_id": ag.ParentID, "successor_id": ag.SuccessorID} {
		if ref == nil {
			continue
		}
		if ag.ID != 0 && *ref == ag.ID {
			fs.Add(field, "self")
			continue
		}
		if _, err := store.Get[domain.Agency](ctx, tx, *ref); err != nil {
			if domain.ErrorCode(err) != domain.ENOTFOUND {
				return err
			}
			fs.Add(field, "not_found")
		}
	}
	return fs.Err()
}

// AgenciesByID loads several agencies at once (an officer gets only their own).
func (s *Service) AgenciesByID(ctx context.Context, a Actor, ids []int64) ([]domain.Agency, error) {
	if a.officer() {
		ids = []int64{*a.User.AgencyID}
	}
	return s.store.AgenciesByID(ctx, ids)
}
