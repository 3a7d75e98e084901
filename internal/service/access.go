package service

import (
	"context"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
)

// require returns forbidden unless the actor is the system or has one of the roles.
func (a Actor) require(roles ...domain.Role) error {
	if a.User == nil {
		return nil
	}
	for _, r := range roles {
		if a.User.Role == r {
			return nil
		}
	}
	return &domain.Error{Code: domain.EFORBIDDEN, Message: "your role may not do this", Key: "forbidden_role"}
}

func (a Actor) is(r domain.Role) bool { return a.User != nil && a.User.Role == r }

// officer reports whether the actor is an agency officer (who sees only
// their own agency's records).
func (a Actor) officer() bool { return a.is(domain.RoleAgencyOfficer) }

func (a Actor) ownsAgency(agencyID int64) bool {
	return a.User != nil && a.User.AgencyID != nil && *a.User.AgencyID == agencyID
}

// officerMaySee reports whether an agency officer may read a visit of their
// agency in this state: before the visit (to enter the self-assessment) and
// once the conclusion is approved; not while the team's conclusion is under
// review, and not once cancelled.
func officerMaySee(s domain.VisitStatus) bool {
	switch s {
	case domain.VisitPlanned, domain.VisitInProgress, domain.VisitApproved, domain.VisitClosed:
		return true
	}
	return false
}

// published reports whether a visit's conclusion is approved, after which
// its agency reads all of it.
func published(s domain.VisitStatus) bool {
	return s == domain.VisitApproved || s == domain.VisitClosed
}

// visitFor loads a visit the actor may read; any other is not found.
func (s *Service) visitFor(ctx context.Context, tx *store.Store, a Actor, id int64) (*domain.Visit, error) {
	v, err := store.Get[domain.Visit](ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if a.officer() && (!a.ownsAgency(v.AgencyID) || !officerMaySee(v.Status)) {
		return nil, domain.NotFound("visit")
	}
	return v, nil
}

// publishedVisitFor loads a visit whose full records the actor may read:
// for an agency officer, only their agency's approved visits.
func (s *Service) publishedVisitFor(ctx context.Context, tx *store.Store, a Actor, id int64, entity string) (*domain.Visit, error) {
	v, err := s.visitFor(ctx, tx, a, id)
	if err != nil {
		return nil, err
	}
	if a.officer() && !published(v.Status) {
		return nil, domain.NotFound(entity)
	}
	return v, nil
}

// requireTeam returns forbidden unless the actor may change the visit's
// records: an administrator, or an inspector on its team.
func (s *Service) requireTeam(ctx context.Context, tx *store.Store, a Actor, v *domain.Visit) error {
	if a.User == nil || a.is(domain.RoleAdmin) {
		return nil
	}
	if a.is(domain.RoleInspector) {
		role, err := tx.TeamRole(ctx, v.ID, a.User.ID)
		if err != nil {
			return err
		}
		if role != "" {
			return nil
		}
		return &domain.Error{Code: domain.EFORBIDDEN, Message: "only the visit's team may change its records", Key: "not_on_team"}
	}
	return &domain.Error{Code: domain.EFORBIDDEN, Message: "your role may not do this", Key: "forbidden_role"}
}

// editableVisit loads a visit the actor may change the records of, and
// refuses when the records are frozen.
func (s *Service) editableVisit(ctx context.Context, tx *store.Store, a Actor, id int64) (*domain.Visit, error) {
	v, err := s.visitFor(ctx, tx, a, id)
	if err != nil {
		return nil, err
	}
	if err := s.requireTeam(ctx, tx, a, v); err != nil {
		return nil, err
	}
	if !v.Status.RecordsEditable() {
		return nil, domain.FrozenError(v.Status)
	}
	return v, nil
}

// ownFilter narrows an agency filter to the officer's own agency. It
// reports false when the filter asks for another agency: the list is empty.
func ownFilter(a Actor, agencyID **int64) bool {
	if *agencyID != nil && !a.ownsAgency(**agencyID) {
		return false
	}
	*agencyID = a.User.AgencyID
	return true
}

// hasField reports whether the field already has an error.
func hasField(fs domain.Fields, field string) bool {
	for _, f := range fs {
		if f.Field == field {
			return true
		}
	}
	return false
}

// fieldNotFound turns a missing referenced record into a field error.
func fieldNotFound(err error, field string) error {
	if domain.ErrorCode(err) != domain.ENOTFOUND {
		return err
	}
	var fs domain.Fields
	fs.Add(field, "not_found")
	return fs.Err()
}
