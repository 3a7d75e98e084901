package domain

import "time"

// CriteriaSet is the catalog of criteria for one year and scope. A set that a
// visit uses is never edited in place: copy it to change it.
type CriteriaSet struct {
	ID   int64  `json:"id"`
	Year int    `json:"year"`
	Name string `json:"name"`
	// Scope is the kind of agency the set is for; empty means every kind.
	Scope       AgencyKind `json:"scope"`
	Description string     `json:"description"`
	// CopiedFromID is the set this one was copied from, if any.
	CopiedFromID *int64      `json:"copied_from_id"`
	Version      int         `json:"version"`
	CreatedAt    time.Time   `json:"created_at"`
	UpdatedAt    time.Time   `json:"updated_at"`
	Criteria     []Criterion `json:"criteria,omitempty" gorm:"-"`
	// InUse tells whether a visit uses the set (then it is read-only).
	InUse bool `json:"in_use" gorm:"-"`
}

// TableName names the table of criteria sets.
func (CriteriaSet) TableName() string { return "criteria_sets" }

// Criterion is one line of a criteria set: an area (a heading), a criterion or
// a sub-criterion, three levels through ParentID.
type Criterion struct {
	ID            int64   `json:"id"`
	CriteriaSetID int64   `json:"criteria_set_id"`
	ParentID      *int64  `json:"parent_id"`
	Code          string  `json:"code"`
	Area          string  `json:"area"`
	Title         string  `json:"title"`
	Measure       Measure `json:"measure"`
	// MaxScore is the most points the province's index gives the criterion.
	MaxScore  *float64  `json:"max_score"`
	SortOrder int       `json:"sort_order"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// TableName names the table of criteria.
func (Criterion) TableName() string { return "criteria" }

// CriterionUpdate holds the fields a PATCH may change.
type CriterionUpdate struct {
	Code      *string           `json:"code" validate:"omitnil,min=1,max=20"`
	Area      *string           `json:"area" validate:"omitnil,max=300"`
	Title     *string           `json:"title" validate:"omitnil,min=1,max=1000"`
	Measure   *Measure          `json:"measure" validate:"omitnil,oneof=area yes_no percent count score text"`
	MaxScore  Optional[float64] `json:"max_score" validate:"omitempty,gte=0,lte=1000"`
	ParentID  Optional[int64]   `json:"parent_id" validate:"omitempty,gt=0"`
	SortOrder *int              `json:"sort_order" validate:"omitnil,gte=0,lte=1000000"`
}
