package service

import (
	"context"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
)

// NewAction is what requesting a follow-up action takes. Without a due
// date, the action is due DueDays after the conclusion's approval.
type NewAction struct {
	Description   string       `json:"description" validate:"required,max=5000"`
	OwnerAgencyID *int64       `json:"owner_agency_id" validate:"omitnil,gt=0"`
	OwnerName     string       `json:"owner_name" validate:"max=300"`
	DueOn         *domain.Date `json:"due_on"`
}

// NewActionUpdate is the agency's progress report on an action, which may
// move it forward (to in_progress or reported_done).
type NewActionUpdate struct {
	Note   string               `json:"note" validate:"required_without=Status,max=10000"`
	Status *domain.ActionStatus `json:"status" validate:"omitnil,oneof=in_progress reported_done"`
}

// ActionNote is the optional note of a verification or reopening.
type ActionNote struct {
	Note string `json:"note" validate:"max=10000"`
}

// Actions lists actions; an agency officer sees only their agency's actions
// of approved conclusions.
func (s *Service) Actions(ctx context.Context, a Actor, f domain.ActionFilter) ([]domain.Action, int, error) {
	if a.officer() {
		if !ownFilter(a, &f.AgencyID) {
			return []domain.Action{}, 0, nil
		}
		f.ApprovedOnly = true
	}
	f.Today = s.Today()
	return s.store.Actions(ctx, f)
}

// ShortcomingActions lists the actions of one shortcoming.
func (s *Service) ShortcomingActions(ctx context.Context, a Actor, shortcomingID int64, page domain.Page) ([]domain.Action, int, error) {
	if _, err := s.Shortcoming(ctx, a, shortcomingID); err != nil {
		return nil, 0, err
	}
	return s.store.Actions(ctx, domain.ActionFilter{ShortcomingID: &shortcomingID, Today: s.Today(), Page: page})
}

// Action loads one action.
func (s *Service) Action(ctx context.Context, a Actor, id int64) (*domain.Action, error) {
	act, err := s.actionFor(ctx, s.store, a, id)
	if err != nil {
		return nil, err
	}
	act.Derive(s.Today())
	return act, nil
}

// actionFor loads an action the actor may read.
func (s *Service) actionFor(ctx context.Context, tx *store.Store, a Actor, id int64) (*domain.Action, error) {
	act, err := store.Get[domain.Action](ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if _, err := s.publishedVisitFor(ctx, tx, a, act.VisitID, "action"); err != nil {
		return nil, notFoundAs(err, "action")
	}
	return act, nil
}

// CreateAction requests a follow-up action on a shortcoming (the team, while
// the records are open).
func (s *Service) CreateAction(ctx context.Context, a Actor, shortcomingID int64, in NewAction) (*domain.Action, error) {
	if err := a.require(domain.RoleAdmin, domain.RoleInspector); err != nil {
		return nil, err
	}
	if err := check(in); err != nil {
		return nil, err
	}
	act := &domain.Action{ShortcomingID: shortcomingID, Description: in.Description, OwnerAgencyID: in.OwnerAgencyID,
		OwnerName: in.OwnerName, DueOn: in.DueOn, Status: domain.ActionOpen}
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		sc, err := store.Get[domain.Shortcoming](ctx, tx, shortcomingID)
		if err != nil {
			return err
		}
		v, err := s.editableVisit(ctx, tx, a, sc.VisitID)
		if err != nil {
			return notFoundAs(err, "shortcoming")
		}
		act.VisitID, act.AgencyID = v.ID, v.AgencyID
		if act.OwnerAgencyID == nil {
			act.OwnerAgencyID = &v.AgencyID
		}
		if err := checkAction(ctx, tx, v, act); err != nil {
			return err
		}
		return s.insert(ctx, tx, a, "action", act, func() int64 { return act.ID })
	})
	if err != nil {
		return nil, err
	}
	act.Derive(s.Today())
	return act, nil
}

// UpdateAction changes an action. While the visit's records are open the
// team edits the request; once approved the team may move the deadline or
// the owner, and the team or the agency's officer report progress through
// the status (up to reported_done; verifying is POST /verify).
func (s *Service) UpdateAction(ctx context.Context, a Actor, id int64, version int, upd domain.ActionUpdate) (*domain.Action, error) {
	if err := check(upd); err != nil {
		return nil, err
	}
	act, err := patch(ctx, s, a, "action", id, version, upd, func(tx *store.Store, old, cur *domain.Action) error {
		v, err := s.publishedVisitFor(ctx, tx, a, old.VisitID, "action")
		if err != nil {
			return notFoundAs(err, "action")
		}
		statusChanged := cur.Status != old.Status
		detailsChanged := cur.Description != old.Description || !sameDate(cur.DueOn, old.DueOn) ||
			cur.OwnerName != old.OwnerName || !sameID(cur.OwnerAgencyID, old.OwnerAgencyID)
		if a.officer() {
			if detailsChanged {
				return &domain.Error{Code: domain.EFORBIDDEN, Key: "officer_status_only", Message: "an agency officer reports progress; the team sets the request"}
			}
		} else if err := s.requireTeam(ctx, tx, a, v); err != nil {
			return err
		}
		switch {
		case v.Status.RecordsEditable():
			if statusChanged {
				return &domain.Error{Code: domain.ECONFLICT, Key: "action_not_started",
					Message: "an action starts when its conclusion is approved; until then only the request changes"}
			}
		case v.Status == domain.VisitApproved:
			if cur.Description != old.Description {
				return domain.FrozenError(v.Status)
			}
			if statusChanged {
				switch cur.Status {
				case domain.ActionVerified:
					return &domain.Error{Code: domain.ECONFLICT, Key: "verify_endpoint", Message: "verify an action with POST /actions/{id}/verify"}
				case domain.ActionOpen:
					return &domain.Error{Code: domain.ECONFLICT, Key: "reopen_endpoint", Message: "reopen an action with POST /actions/{id}/reopen"}
				}
				if err := domain.CheckActionTransition(old.Status, cur.Status); err != nil {
					return err
				}
			}
		default:
			return domain.FrozenError(v.Status)
		}
		return checkAction(ctx, tx, v, cur)
	})
	if err != nil {
		return nil, err
	}
	act.Derive(s.Today())
	return act, nil
}

// ActionUpdates lists the progress reports on an action, oldest first.
func (s *Service) ActionUpdates(ctx context.Context, a Actor, id int64) ([]domain.ActionUpdateReport, error) {
	if _, err := s.actionFor(ctx, s.store, a, id); err != nil {
		return nil, err
	}
	return s.store.ActionUpdates(ctx, id)
}

// ReportProgress records the agency's report on an action of an approved
// conclusion (its officer, or the team), moving the action forward if asked.
func (s *Service) ReportProgress(ctx context.Context, a Actor, id int64, in NewActionUpdate) (*domain.ActionUpdateReport, error) {
	if err := a.require(domain.RoleAdmin, domain.RoleInspector, domain.RoleAgencyOfficer); err != nil {
		return nil, err
	}
	if err := check(in); err != nil {
		return nil, err
	}
	rep := &domain.ActionUpdateReport{ActionID: id, Note: in.Note, Status: in.Status, AuthorID: a.id(), CreatedAt: s.Now()}
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		act, _, err := s.remediable(ctx, tx, a, id, false)
		if err != nil {
			return err
		}
		if in.Status != nil && *in.Status != act.Status {
			if err := domain.CheckActionTransition(act.Status, *in.Status); err != nil {
				return err
			}
			if err := s.setActionStatus(ctx, tx, a, act, *in.Status); err != nil {
				return err
			}
		}
		return s.insert(ctx, tx, a, "action_update", rep, func() int64 { return rep.ID })
	})
	if err != nil {
		return nil, err
	}
	return rep, nil
}

// VerifyAction confirms that a reported action is done (the team's
// inspectors, administrators). The visit closes with its last verification.
func (s *Service) VerifyAction(ctx context.Context, a Actor, id int64, in ActionNote) (*domain.Action, error) {
	return s.judgeAction(ctx, a, id, in, domain.ActionVerified)
}

// ReopenAction sends a reported or verified action back to open (the
// team's inspectors, administrators), while the visit is not closed.
func (s *Service) ReopenAction(ctx context.Context, a Actor, id int64, in ActionNote) (*domain.Action, error) {
	return s.judgeAction(ctx, a, id, in, domain.ActionOpen)
}

func (s *Service) judgeAction(ctx context.Context, a Actor, id int64, in ActionNote, to domain.ActionStatus) (*domain.Action, error) {
	if err := a.require(domain.RoleAdmin, domain.RoleInspector); err != nil {
		return nil, err
	}
	if err := check(in); err != nil {
		return nil, err
	}
	var out *domain.Action
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		act, v, err := s.remediable(ctx, tx, a, id, true)
		if err != nil {
			return err
		}
		if err := domain.CheckActionTransition(act.Status, to); err != nil {
			return err
		}
		from := act.Status
		if to == domain.ActionVerified {
			if err := tx.VerifyAction(ctx, act, a.User.ID, s.Now()); err != nil {
				return err
			}
		} else {
			act.Status, act.VerifiedBy, act.VerifiedAt = to, nil, nil
			if err := tx.Update(ctx, act, act.Version, "status", "verified_by", "verified_at"); err != nil {
				return err
			}
		}
		changes := map[string]domain.Change{"status": {Old: from, New: to}}
		if in.Note != "" {
			changes["note"] = domain.Change{New: in.Note}
		}
		if err := s.record(ctx, tx, a, "action", id, string(to), changes); err != nil {
			return err
		}
		out = act
		if to != domain.ActionVerified {
			return nil
		}
		left, err := tx.CountUnverifiedActions(ctx, v.ID)
		if err != nil || left > 0 {
			return err
		}
		return s.moveVisit(ctx, tx, a, v, domain.VisitClosed)
	})
	if err != nil {
		return nil, err
	}
	out.Derive(s.Today())
	return out, nil
}

// remediable loads an action in remediation (its visit approved, not
// closed) that the actor may act on: the team (teamOnly), or also the
// agency's officer.
func (s *Service) remediable(ctx context.Context, tx *store.Store, a Actor, id int64, teamOnly bool) (*domain.Action, *domain.Visit, error) {
	act, err := store.Get[domain.Action](ctx, tx, id)
	if err != nil {
		return nil, nil, err
	}
	v, err := s.publishedVisitFor(ctx, tx, a, act.VisitID, "action")
	if err != nil {
		return nil, nil, notFoundAs(err, "action")
	}
	if !a.officer() || teamOnly {
		if err := s.requireTeam(ctx, tx, a, v); err != nil {
			return nil, nil, err
		}
	}
	if v.Status != domain.VisitApproved {
		return nil, nil, &domain.Error{Code: domain.ECONFLICT, Key: "not_in_remediation", Args: map[string]string{"status": string(v.Status)},
			Message: "actions are worked on once the conclusion is approved and until the visit closes; the visit is " + string(v.Status)}
	}
	return act, v, nil
}

func (s *Service) setActionStatus(ctx context.Context, tx *store.Store, a Actor, act *domain.Action, to domain.ActionStatus) error {
	from := act.Status
	act.Status = to
	if err := tx.Update(ctx, act, act.Version, "status"); err != nil {
		return err
	}
	return s.record(ctx, tx, a, "action", act.ID, "update", map[string]domain.Change{"status": {Old: from, New: to}})
}

// checkAction checks the owner agency and that the deadline is not before the visit.
func checkAction(ctx context.Context, tx *store.Store, v *domain.Visit, act *domain.Action) error {
	var fs domain.Fields
	if act.OwnerAgencyID != nil {
		if _, err := store.Get[domain.Agency](ctx, tx, *act.OwnerAgencyID); err != nil {
			if domain.ErrorCode(err) != domain.ENOTFOUND {
				return err
			}
			fs.Add("owner_agency_id", "not_found")
		}
	}
	start := v.VisitedOn
	if start == nil {
		start = v.ScheduledOn
	}
	if act.DueOn != nil && start != nil && act.DueOn.Before(*start) {
		fs.Add("due_on", "before_visit", start.String())
	}
	return fs.Err()
}

func sameDate(a, b *domain.Date) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

func sameID(a, b *int64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
