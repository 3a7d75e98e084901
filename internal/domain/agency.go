package domain

import "time"

// Agency is an inspected body: a department, a commune, a district (records
// before 7/2025) or another unit. Agencies are never renamed in place: a merged
// or renamed agency is deactivated and points to its successor.
type Agency struct {
	ID          int64      `json:"id"`
	Code        string     `json:"code"`
	Name        string     `json:"name"`
	Kind        AgencyKind `json:"kind"`
	ParentID    *int64     `json:"parent_id"`
	Province    string     `json:"province"`
	Active      bool       `json:"active"`
	SuccessorID *int64     `json:"successor_id"`
	Version     int        `json:"version"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
	// Search is the folded code and name that list searches match.
	Search string `json:"-"`
}

// TableName names the table of agencies.
func (Agency) TableName() string { return "agencies" }

// AgencyFilter selects agencies in a list.
type AgencyFilter struct {
	// ID limits the list to one agency (an agency officer's own).
	ID       *int64
	Kind     *AgencyKind
	Active   *bool
	ParentID *int64
	Province *string
	Q        string
	Page
}

// AgencyUpdate holds the fields a PATCH may change; nil leaves a field alone.
type AgencyUpdate struct {
	Code        *string         `json:"code" validate:"omitnil,min=1,max=32,printascii,excludesall= "`
	Name        *string         `json:"name" validate:"omitnil,min=1,max=300"`
	Kind        *AgencyKind     `json:"kind" validate:"omitnil,oneof=department district commune unit"`
	ParentID    Optional[int64] `json:"parent_id" validate:"omitempty,gt=0"`
	Province    *string         `json:"province" validate:"omitnil,max=100"`
	Active      *bool           `json:"active"`
	SuccessorID Optional[int64] `json:"successor_id" validate:"omitempty,gt=0"`
}
