package store

import (
	"context"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// AuditEvents lists audit events, newest first.
func (s *Store) AuditEvents(ctx context.Context, f domain.AuditFilter) ([]domain.AuditEvent, int, error) {
	q := s.db.Model(&domain.AuditEvent{})
	if f.EntityType != nil {
		q = q.Where("entity_type = ?", *f.EntityType)
	}
	if f.EntityID != nil {
		q = q.Where("entity_id = ?", *f.EntityID)
	}
	if f.ActorID != nil {
		q = q.Where("actor_id = ?", *f.ActorID)
	}
	return list[domain.AuditEvent](ctx, q, f.Page, "id DESC")
}
