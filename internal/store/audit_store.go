package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

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

// AuditLock serialises appends to the audit chain on PostgreSQL (SQLite
// has one writer already): each event needs the hash of the one before.
const AuditLock = 7_202_019

// AppendAudit adds an event at the end of the audit chain. It runs inside
// the caller's transaction, so the event commits with the change it
// describes or not at all.
func (s *Store) AppendAudit(ctx context.Context, ev *domain.AuditEvent) error {
	// What does not need the previous hash is done before the lock: every
	// write of every instance waits while it is held.
	if ev.Changes == nil {
		ev.Changes = map[string]domain.Change{}
	}
	ev.At = utc(ev.At)
	changes, err := json.Marshal(ev.Changes)
	if err != nil {
		return err
	}
	return s.Tx(ctx, func(tx *Store) error {
		if tx.dialect == Postgres {
			if err := tx.exec(ctx, "SELECT pg_advisory_xact_lock(?)", AuditLock); err != nil {
				return translate(err, "audit event", false)
			}
		}
		ev.PrevHash = ""
		err := tx.queryRow(ctx, "SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1").Scan(&ev.PrevHash)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return translate(err, "audit event", false)
		}
		ev.Hash = domain.ChainHash(ev.PrevHash, ev.At, ev.ActorID, ev.EntityType, ev.EntityID, ev.Action, string(changes), ev.RequestID)
		err = tx.queryRow(ctx, `INSERT INTO audit_events (at, actor_id, entity_type, entity_id, action, changes, request_id, prev_hash, hash)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, ev.At, ev.ActorID, ev.EntityType, ev.EntityID, ev.Action, string(changes),
			ev.RequestID, ev.PrevHash, ev.Hash).Scan(&ev.ID)
		return translate(err, "audit event", false)
	})
}

// AuditBreak is the first broken link of the audit chain.
type AuditBreak struct {
	EventID int64
	Reason  string
}

// VerifyAudit walks the whole audit chain in order, a batch at a time, and
// returns how many events it checked and the first broken link, if any.
func (s *Store) VerifyAudit(ctx context.Context) (int, *AuditBreak, error) {
	type row struct {
		ID         int64
		At         time.Time
		ActorID    *int64
		EntityType string
		EntityID   int64
		Action     string
		Changes    string
		RequestID  string
		PrevHash   string
		Hash       string
	}
	var (
		n      int
		prev   string
		lastID int64
	)
	for {
		var batch []row
		err := s.q(ctx).Table("audit_events").Where("id > ?", lastID).Order("id").Limit(1000).Find(&batch).Error
		if err != nil {
			return n, nil, translate(err, "audit event", false)
		}
		if len(batch) == 0 {
			return n, nil, nil
		}
		for _, r := range batch {
			n++
			if r.PrevHash != prev {
				return n, &AuditBreak{r.ID, fmt.Sprintf("prev_hash %.12s… does not match the hash of the event before it (%.12s…): an event before it was changed or removed", r.PrevHash, prev)}, nil
			}
			want := domain.ChainHash(r.PrevHash, r.At, r.ActorID, r.EntityType, r.EntityID, r.Action, r.Changes, r.RequestID)
			if r.Hash != want {
				return n, &AuditBreak{r.ID, "its content does not match its hash: the event was changed"}, nil
			}
			prev, lastID = r.Hash, r.ID
		}
	}
}
