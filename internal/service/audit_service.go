package service

import (
	"context"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// Audit lists audit events, newest first (administrators, leaders and inspectors).
func (s *Service) Audit(ctx context.Context, a Actor, f domain.AuditFilter) ([]domain.AuditEvent, int, error) {
	if err := a.require(domain.RoleAdmin, domain.RoleLeader, domain.RoleInspector); err != nil {
		return nil, 0, err
	}
	return s.store.AuditEvents(ctx, f)
}
