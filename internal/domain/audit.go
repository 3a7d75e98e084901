package domain

import "time"

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
