package store

import (
	"context"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// ConclusionOf loads the conclusion of a visit, with its latest approved
// snapshot when it has one.
func (s *Store) ConclusionOf(ctx context.Context, visitID int64) (*domain.Conclusion, error) {
	var c domain.Conclusion
	if err := s.q(ctx).Where("visit_id = ?", visitID).Take(&c).Error; err != nil {
		return nil, translate(err, "conclusion", false)
	}
	if c.Status == domain.ConclusionApproved {
		snap, err := s.LatestSnapshot(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		c.Snapshot = snap
	}
	return &c, nil
}

// LatestSnapshot loads the newest approved snapshot of a conclusion and
// checks it against its SHA-256 (see Verified).
func (s *Store) LatestSnapshot(ctx context.Context, conclusionID int64) (*domain.ConclusionSnapshot, error) {
	var snap domain.ConclusionSnapshot
	err := s.q(ctx).Where("conclusion_id = ?", conclusionID).Order("id DESC").Take(&snap).Error
	if err != nil {
		return nil, translate(err, "conclusion snapshot", false)
	}
	snap.Verify()
	return &snap, nil
}
