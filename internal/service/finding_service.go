package service

import (
	"context"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
)

// NewFinding is what recording a finding takes. An agency officer sends
// only the self-assessment (self_score, self_note).
type NewFinding struct {
	CriterionID int64          `json:"criterion_id" validate:"required,gt=0"`
	Rating      *domain.Rating `json:"rating" validate:"omitnil,oneof=good fair poor not_applicable"`
	Value       *float64       `json:"value" validate:"omitnil,gte=-1e9,lte=1e9"`
	Score       *float64       `json:"score" validate:"omitnil,gte=0,lte=1000"`
	Note        string         `json:"note" validate:"max=10000"`
	SelfScore   *float64       `json:"self_score" validate:"omitnil,gte=0,lte=1000"`
	SelfNote    string         `json:"self_note" validate:"max=10000"`
}

// Findings lists a visit's findings in catalog order. Before the
// conclusion is approved an agency officer sees only the self-assessment.
func (s *Service) Findings(ctx context.Context, a Actor, visitID int64, page domain.Page) ([]domain.Finding, int, error) {
	v, err := s.visitFor(ctx, s.store, a, visitID)
	if err != nil {
		return nil, 0, err
	}
	items, total, err := s.store.Findings(ctx, visitID, page)
	if err != nil {
		return nil, 0, err
	}
	if a.officer() && !published(v.Status) {
		for i := range items {
			selfView(&items[i])
		}
	}
	return items, total, nil
}

// Finding loads one finding.
func (s *Service) Finding(ctx context.Context, a Actor, id int64) (*domain.Finding, error) {
	f, err := store.Get[domain.Finding](ctx, s.store, id)
	if err != nil {
		return nil, err
	}
	v, err := s.visitFor(ctx, s.store, a, f.VisitID)
	if err != nil {
		return nil, domain.NotFound("finding")
	}
	if a.officer() && !published(v.Status) {
		selfView(f)
	}
	return f, nil
}

// selfView hides the team's assessment, which the agency reads only in the
// approved conclusion.
func selfView(f *domain.Finding) {
	f.Rating, f.Value, f.Score, f.Note = nil, nil, nil, ""
}

// CreateFinding records a finding on one criterion of the visit's set: the
// team's assessment (its inspectors, administrators), or the agency's
// self-assessment (its officer, before the visit is submitted). The team's
// first finding starts the visit.
func (s *Service) CreateFinding(ctx context.Context, a Actor, visitID int64, in NewFinding) (*domain.Finding, error) {
	if err := a.require(domain.RoleAdmin, domain.RoleInspector, domain.RoleAgencyOfficer); err != nil {
		return nil, err
	}
	if err := check(in); err != nil {
		return nil, err
	}
	f := &domain.Finding{VisitID: visitID, CriterionID: in.CriterionID, Rating: in.Rating, Value: in.Value, Score: in.Score,
		Note: in.Note, SelfScore: in.SelfScore, SelfNote: in.SelfNote}
	teamPart := in.Rating != nil || in.Value != nil || in.Score != nil || in.Note != ""
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		v, err := s.findingVisit(ctx, tx, a, visitID, teamPart, false)
		if err != nil {
			return err
		}
		if err := s.checkFindingCriterion(ctx, tx, v, f); err != nil {
			return err
		}
		if err := s.insert(ctx, tx, a, "finding", f, func() int64 { return f.ID }); err != nil {
			return err
		}
		if v.Status == domain.VisitPlanned && !a.officer() {
			return s.moveVisit(ctx, tx, a, v, domain.VisitInProgress)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

// UpdateFinding changes a finding; an agency officer changes only the
// self-assessment.
func (s *Service) UpdateFinding(ctx context.Context, a Actor, id int64, version int, upd domain.FindingUpdate) (*domain.Finding, error) {
	if err := a.require(domain.RoleAdmin, domain.RoleInspector, domain.RoleAgencyOfficer); err != nil {
		return nil, err
	}
	if err := check(upd); err != nil {
		return nil, err
	}
	teamPart := upd.Rating.Set || upd.Value.Set || upd.Score.Set || upd.Note != nil
	var visit *domain.Visit
	f, err := patch(ctx, s, a, "finding", id, version, upd, func(tx *store.Store, old, cur *domain.Finding) error {
		v, err := s.findingVisit(ctx, tx, a, old.VisitID, teamPart, true)
		if err != nil {
			return err
		}
		visit = v
		return s.checkFindingCriterion(ctx, tx, v, cur)
	})
	if err != nil {
		return nil, err
	}
	if a.officer() && !published(visit.Status) {
		selfView(f)
	}
	return f, nil
}

// DeleteFinding removes a finding (the team, while the records are open).
func (s *Service) DeleteFinding(ctx context.Context, a Actor, id int64, version int) error {
	if err := a.require(domain.RoleAdmin, domain.RoleInspector); err != nil {
		return err
	}
	return remove(ctx, s, a, "finding", id, version, func(tx *store.Store, old *domain.Finding) error {
		if _, err := s.editableVisit(ctx, tx, a, old.VisitID); err != nil {
			return notFoundAs(err, "finding")
		}
		return s.removeAttachments(ctx, tx, a, "finding", id)
	})
}

// findingVisit loads the visit of a finding being written and checks the
// writer: the team while the records are open, or the agency's officer for
// the self-assessment before the visit is submitted. An officer's request
// that names any of the team's fields (teamPart) is refused whatever its
// values, so that it reveals nothing of the team's assessment.
func (s *Service) findingVisit(ctx context.Context, tx *store.Store, a Actor, visitID int64, teamPart, existing bool) (*domain.Visit, error) {
	if !a.officer() {
		v, err := s.editableVisit(ctx, tx, a, visitID)
		if existing {
			err = notFoundAs(err, "finding")
		}
		return v, err
	}
	v, err := s.visitFor(ctx, tx, a, visitID)
	if err != nil {
		return nil, notFoundAs(err, "finding")
	}
	if teamPart {
		return nil, &domain.Error{Code: domain.EFORBIDDEN, Key: "self_assessment_only",
			Message: "an agency officer enters only the self-assessment (self_score, self_note)"}
	}
	if v.Status != domain.VisitPlanned && v.Status != domain.VisitInProgress {
		return nil, domain.FrozenError(v.Status)
	}
	return v, nil
}

// checkFindingCriterion checks that the criterion belongs to the visit's
// set and that the values fit it.
func (s *Service) checkFindingCriterion(ctx context.Context, tx *store.Store, v *domain.Visit, f *domain.Finding) error {
	c, err := store.Get[domain.Criterion](ctx, tx, f.CriterionID)
	if err != nil || c.CriteriaSetID != v.CriteriaSetID {
		if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
			return err
		}
		var fs domain.Fields
		fs.Add("criterion_id", "not_in_set")
		return fs.Err()
	}
	return domain.CheckFinding(*f, *c)
}

// moveVisit moves a visit to another state inside tx, with its audit event.
func (s *Service) moveVisit(ctx context.Context, tx *store.Store, a Actor, v *domain.Visit, to domain.VisitStatus) error {
	from := v.Status
	if err := domain.CheckVisitTransition(from, to); err != nil {
		return err
	}
	if err := tx.SetVisitStatus(ctx, v, to); err != nil {
		return err
	}
	return s.record(ctx, tx, a, "visit", v.ID, "status", map[string]domain.Change{"status": {Old: from, New: to}})
}

// notFoundAs renames a not-found error for the record the caller asked about.
func notFoundAs(err error, entity string) error {
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return domain.NotFound(entity)
	}
	return err
}

// FindingOf loads the finding of a visit on a criterion.
func (s *Service) FindingOf(ctx context.Context, a Actor, visitID, criterionID int64) (*domain.Finding, error) {
	v, err := s.visitFor(ctx, s.store, a, visitID)
	if err != nil {
		return nil, err
	}
	f, err := s.store.FindingOf(ctx, visitID, criterionID)
	if err != nil {
		return nil, err
	}
	if a.officer() && !published(v.Status) {
		selfView(f)
	}
	return f, nil
}
