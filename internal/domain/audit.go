package domain

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
)

// AuditEvent records one write: who did what to which record, when, and the
// fields it changed from old to new. Events are only ever appended.
type AuditEvent struct {
	ID         int64             `json:"id"`
	At         time.Time         `json:"at"`
	ActorID    *int64            `json:"actor_id"`
	EntityType string            `json:"entity_type"`
	EntityID   int64             `json:"entity_id"`
	Action     string            `json:"action"`
	Changes    map[string]Change `json:"changes" gorm:"serializer:json"`
	RequestID  string            `json:"request_id"`
	// PrevHash is the Hash of the event before this one ("" for the first);
	// Hash covers PrevHash and this event, so changing or removing any
	// event breaks every link after it.
	PrevHash string `json:"prev_hash"`
	Hash     string `json:"hash"`
}

// TableName names the table of audit events.
func (AuditEvent) TableName() string { return "audit_events" }

// AuditFilter selects audit events in a list.
type AuditFilter struct {
	EntityType *string
	EntityID   *int64
	ActorID    *int64
	Page
}

// ChainHash returns the hash of an event in the chain: the SHA-256 of the
// previous hash and the event's fields, with changes as their exact stored
// JSON text.
func ChainHash(prevHash string, at time.Time, actorID *int64, entityType string, entityID int64, action, changes, requestID string) string {
	b, _ := json.Marshal([]any{prevHash, at.UTC().Format(time.RFC3339Nano), actorID, entityType, entityID, action, changes, requestID})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
