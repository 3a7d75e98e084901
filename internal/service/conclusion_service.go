package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
)

// Freeze stores the approved snapshot of a conclusion: the conclusion as
// approved and the visit's records, as JSON, with the SHA-256 of those bytes.
// It runs inside the approving transaction tx.
func (s *Service) Freeze(ctx context.Context, tx *store.Store, c *domain.Conclusion, by int64, at time.Time) (*domain.ConclusionSnapshot, error) {
	content, err := s.snapshotContent(ctx, tx, c, by, at)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(content)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b)
	snap := &domain.ConclusionSnapshot{ConclusionID: c.ID, VisitID: c.VisitID, Content: string(b),
		SHA256: hex.EncodeToString(sum[:]), ApprovedBy: by, ApprovedAt: at}
	if err := tx.Create(ctx, snap); err != nil {
		return nil, err
	}
	return snap, nil
}

func (s *Service) snapshotContent(ctx context.Context, tx *store.Store, c *domain.Conclusion, by int64, at time.Time) (*domain.SnapshotContent, error) {
	d, err := tx.VisitDetail(ctx, c.VisitID)
	if err != nil {
		return nil, err
	}
	all := domain.Page{PerPage: domain.MaxPerPage}
	out := &domain.SnapshotContent{Conclusion: *c, Visit: d.Visit, Agency: *d.Agency, Team: d.Team,
		ProcedureStats: d.ProcedureStats, StaffingStats: d.StaffingStats, ApprovedBy: by, ApprovedAt: at}
	out.Conclusion.Snapshot = nil
	if out.Criteria, err = tx.Criteria(ctx, d.CriteriaSetID); err != nil {
		return nil, err
	}
	if out.Findings, err = allPages(func(p domain.Page) ([]domain.Finding, int, error) { return tx.Findings(ctx, c.VisitID, p) }, all); err != nil {
		return nil, err
	}
	if out.Shortcomings, err = allPages(func(p domain.Page) ([]domain.Shortcoming, int, error) { return tx.Shortcomings(ctx, c.VisitID, p) }, all); err != nil {
		return nil, err
	}
	visitID := c.VisitID
	if out.Actions, err = allPages(func(p domain.Page) ([]domain.Action, int, error) {
		return tx.Actions(ctx, domain.ActionFilter{VisitID: &visitID, Today: s.Today(), Page: p})
	}, all); err != nil {
		return nil, err
	}
	return out, nil
}

// allPages reads every page of a list.
func allPages[T any](fetch func(domain.Page) ([]T, int, error), p domain.Page) ([]T, error) {
	var out []T
	for p.Page = 1; ; p.Page++ {
		items, total, err := fetch(p)
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
		if len(out) >= total || len(items) == 0 {
			return out, nil
		}
	}
}
