// Package service holds the use cases of CCHC Inspect: who may do what,
// the workflow rules, the audit trail and the transaction boundaries. It
// works on the store directly: every test runs on the real databases, so an
// interface in between would have one implementation and no use.
package service

import (
	"context"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/report"
	"github.com/cchc-inspect/cchc/internal/store"
)

// Service runs the use cases over one store.
type Service struct {
	store *store.Store
	// Now is the clock; tests replace it.
	Now func() time.Time
	// Loc is the province's time zone: what "today" means for deadlines.
	Loc *time.Location
	// DueDays is the default deadline of an action after its conclusion's approval.
	DueDays int
	// SessionIdle and SessionMax bound sessions (defaults when zero).
	SessionIdle, SessionMax time.Duration
	// MaxUpload is the largest attachment accepted, in bytes.
	MaxUpload int64
	// Issuer is the body that issues the documents (header, numbers, place).
	Issuer report.Issuer
}

// New returns a Service over st, with today counted in loc.
func New(st *store.Store, loc *time.Location) *Service {
	if loc == nil {
		loc = time.UTC
	}
	return &Service{store: st, Now: store.Now, Loc: loc, DueDays: domain.DefaultDueDays, MaxUpload: DefaultMaxUpload,
		Issuer: report.DefaultIssuer}
}

// In returns a copy of the service that works inside the transaction tx,
// for callers that combine several use cases in one transaction.
func (s *Service) In(tx *store.Store) *Service {
	c := *s
	c.store = tx
	return &c
}

// Store returns the store the service works on.
func (s *Service) Store() *store.Store { return s.store }

// Today returns the current day in the province.
func (s *Service) Today() domain.Date { return domain.DateOf(s.Now().In(s.Loc)) }

// Actor is who asks for a use case: a signed-in user, or the system (a
// command run on the server) when User is nil.
type Actor struct {
	User      *domain.User
	RequestID string
}

// System is the actor of commands run on the server itself.
var System = Actor{}

func (a Actor) id() *int64 {
	if a.User == nil {
		return nil
	}
	return &a.User.ID
}

// record appends an audit event in the transaction of the write it describes.
func (s *Service) record(ctx context.Context, tx *store.Store, a Actor, entity string, id int64, action string, changes map[string]domain.Change) error {
	if changes == nil {
		changes = map[string]domain.Change{}
	}
	ev := &domain.AuditEvent{At: s.Now(), ActorID: a.id(), EntityType: entity, EntityID: id, Action: action,
		Changes: changes, RequestID: a.RequestID}
	return tx.AppendAudit(ctx, ev)
}
