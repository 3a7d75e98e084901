package service

import (
	"context"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
)

// ProcedureInput is what recording a visit's procedure figures takes.
type ProcedureInput struct {
	ProceduresTotal        int  `json:"procedures_total" validate:"gte=0,lte=100000"`
	OnlineFull             int  `json:"online_full" validate:"gte=0,lte=100000"`
	OnlinePartial          int  `json:"online_partial" validate:"gte=0,lte=100000"`
	OneStopShop            bool `json:"one_stop_shop"`
	InteragencyOneStopShop bool `json:"interagency_one_stop_shop"`
	FilesReceived          int  `json:"files_received" validate:"gte=0,lte=100000000"`
	FilesCarriedOver       int  `json:"files_carried_over" validate:"gte=0,lte=100000000"`
	FilesEarly             int  `json:"files_early" validate:"gte=0,lte=100000000"`
	FilesOnTime            int  `json:"files_on_time" validate:"gte=0,lte=100000000"`
	FilesLate              int  `json:"files_late" validate:"gte=0,lte=100000000"`
	FilesPending           int  `json:"files_pending" validate:"gte=0,lte=100000000"`
	FilesOnline            int  `json:"files_online" validate:"gte=0,lte=100000000"`
	ApologyLetters         int  `json:"apology_letters" validate:"gte=0,lte=100000000"`
}

// StaffingInput is what recording a visit's staffing figures takes.
type StaffingInput struct {
	DeputiesActual       int  `json:"deputies_actual" validate:"gte=0,lte=1000"`
	DeputiesMax          int  `json:"deputies_max" validate:"gte=0,lte=1000"`
	QuotaAssigned        int  `json:"quota_assigned" validate:"gte=0,lte=1000000"`
	StaffPresent         int  `json:"staff_present" validate:"gte=0,lte=1000000"`
	JobPositionsApproved bool `json:"job_positions_approved"`
}

// ProcedureStats loads a visit's procedure figures with their rates.
func (s *Service) ProcedureStats(ctx context.Context, a Actor, visitID int64) (*domain.ProcedureStats, error) {
	if _, err := s.publishedVisitFor(ctx, s.store, a, visitID, "procedure_stats"); err != nil {
		return nil, err
	}
	p, err := store.Get[domain.ProcedureStats](ctx, s.store, visitID)
	if err != nil {
		return nil, err
	}
	p.Derive()
	return p, nil
}

// StaffingStats loads a visit's staffing figures with their flags.
func (s *Service) StaffingStats(ctx context.Context, a Actor, visitID int64) (*domain.StaffingStats, error) {
	if _, err := s.publishedVisitFor(ctx, s.store, a, visitID, "staffing_stats"); err != nil {
		return nil, err
	}
	st, err := store.Get[domain.StaffingStats](ctx, s.store, visitID)
	if err != nil {
		return nil, err
	}
	st.Derive()
	return st, nil
}

// PutProcedureStats records a visit's procedure figures (the team, while
// the records are open). The first recording needs no version; later ones
// send the version they read. Counts that cannot be true together are refused.
func (s *Service) PutProcedureStats(ctx context.Context, a Actor, visitID int64, version *int, in ProcedureInput) (*domain.ProcedureStats, error) {
	if err := a.require(domain.RoleAdmin, domain.RoleInspector); err != nil {
		return nil, err
	}
	if err := check(in); err != nil {
		return nil, err
	}
	p := &domain.ProcedureStats{VisitID: visitID, ProceduresTotal: in.ProceduresTotal, OnlineFull: in.OnlineFull,
		OnlinePartial: in.OnlinePartial, OneStopShop: in.OneStopShop, InteragencyOneStopShop: in.InteragencyOneStopShop,
		FilesReceived: in.FilesReceived, FilesCarriedOver: in.FilesCarriedOver, FilesEarly: in.FilesEarly,
		FilesOnTime: in.FilesOnTime, FilesLate: in.FilesLate, FilesPending: in.FilesPending, FilesOnline: in.FilesOnline,
		ApologyLetters: in.ApologyLetters}
	if err := p.Check(); err != nil {
		return nil, err
	}
	if err := putStats(ctx, s, a, "procedure_stats", visitID, version, p); err != nil {
		return nil, err
	}
	p.Derive()
	return p, nil
}

// PutStaffingStats records a visit's staffing figures, as PutProcedureStats.
func (s *Service) PutStaffingStats(ctx context.Context, a Actor, visitID int64, version *int, in StaffingInput) (*domain.StaffingStats, error) {
	if err := a.require(domain.RoleAdmin, domain.RoleInspector); err != nil {
		return nil, err
	}
	if err := check(in); err != nil {
		return nil, err
	}
	st := &domain.StaffingStats{VisitID: visitID, DeputiesActual: in.DeputiesActual, DeputiesMax: in.DeputiesMax,
		QuotaAssigned: in.QuotaAssigned, StaffPresent: in.StaffPresent, JobPositionsApproved: in.JobPositionsApproved}
	if err := putStats(ctx, s, a, "staffing_stats", visitID, version, st); err != nil {
		return nil, err
	}
	st.Derive()
	return st, nil
}

// putStats creates the one-per-visit figures, or replaces them under the
// version check, with the audit event of either.
func putStats[T any](ctx context.Context, s *Service, a Actor, entity string, visitID int64, version *int, rec *T) error {
	return s.store.Tx(ctx, func(tx *store.Store) error {
		if _, err := s.editableVisit(ctx, tx, a, visitID); err != nil {
			return err
		}
		old, err := store.Get[T](ctx, tx, visitID)
		switch domain.ErrorCode(err) {
		case domain.ENOTFOUND:
			if version != nil && *version != 0 {
				return domain.StaleVersion(entity)
			}
			return s.insert(ctx, tx, a, entity, rec, func() int64 { return visitID })
		case "":
		default:
			return err
		}
		if version == nil {
			var fs domain.Fields
			fs.Add("version", "required")
			return fs.Err()
		}
		changed, err := s.write(ctx, tx, a, entity, visitID, *version, old, rec)
		if err == nil && !changed {
			*rec = *old
		}
		return err
	})
}
