package domain

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Conclusion is the conclusion notice of a visit (Thông báo kết luận kiểm
// tra). Each visit has one; once approved it is frozen and a snapshot of the
// visit's records is kept with its SHA-256.
type Conclusion struct {
	ID            int64            `json:"id"`
	VisitID       int64            `json:"visit_id"`
	OverallResult *OverallResult   `json:"overall_result"`
	Strengths     string           `json:"strengths"`
	Limitations   string           `json:"limitations"`
	Causes        string           `json:"causes"`
	Requests      string           `json:"requests"`
	DocumentNo    string           `json:"document_no"`
	IssuedOn      *Date            `json:"issued_on"`
	SignerName    string           `json:"signer_name"`
	SignerTitle   string           `json:"signer_title"`
	SignPrefix    string           `json:"sign_prefix"`
	Recipients    []string         `json:"recipients" gorm:"serializer:json"`
	Status        ConclusionStatus `json:"status"`
	SubmittedBy   *int64           `json:"submitted_by"`
	SubmittedAt   *time.Time       `json:"submitted_at"`
	ReviewedBy    *int64           `json:"reviewed_by"`
	ReviewedAt    *time.Time       `json:"reviewed_at"`
	ReviewNote    string           `json:"review_note"`
	Version       int              `json:"version"`
	CreatedAt     time.Time        `json:"created_at"`
	UpdatedAt     time.Time        `json:"updated_at"`

	// Snapshot is the approved snapshot, on an approved conclusion.
	Snapshot *ConclusionSnapshot `json:"snapshot,omitempty" gorm:"-"`
}

// TableName names the table of conclusions.
func (Conclusion) TableName() string { return "conclusions" }

// ConclusionUpdate holds the fields a PUT may change.
type ConclusionUpdate struct {
	OverallResult Optional[OverallResult] `json:"overall_result" validate:"omitempty,oneof=excellent good fair poor"`
	Strengths     *string                 `json:"strengths" validate:"omitnil,max=50000"`
	Limitations   *string                 `json:"limitations" validate:"omitnil,max=50000"`
	Causes        *string                 `json:"causes" validate:"omitnil,max=50000"`
	Requests      *string                 `json:"requests" validate:"omitnil,max=50000"`
	DocumentNo    *string                 `json:"document_no" validate:"omitnil,max=100"`
	IssuedOn      Optional[Date]          `json:"issued_on"`
	SignerName    *string                 `json:"signer_name" validate:"omitnil,max=200"`
	SignerTitle   *string                 `json:"signer_title" validate:"omitnil,max=200"`
	SignPrefix    *string                 `json:"sign_prefix" validate:"omitnil,max=5"`
	Recipients    *[]string               `json:"recipients" validate:"omitnil,max=50,dive,max=500"`
}

// ConclusionSnapshot is the frozen content of an approved conclusion: the
// conclusion and the visit's records as approved, and the SHA-256 of exactly
// those bytes.
type ConclusionSnapshot struct {
	ID           int64     `json:"id"`
	ConclusionID int64     `json:"conclusion_id"`
	VisitID      int64     `json:"visit_id"`
	Content      string    `json:"-"`
	SHA256       string    `json:"sha256" gorm:"column:sha256"`
	ApprovedBy   int64     `json:"approved_by"`
	ApprovedAt   time.Time `json:"approved_at"`
	// Verified tells whether Content still has the stored SHA-256: it is
	// checked on every read, and false means the stored text was altered.
	Verified bool `json:"verified" gorm:"-"`
}

// Verify checks the content against the stored SHA-256 and records the
// answer in Verified.
func (s *ConclusionSnapshot) Verify() bool {
	sum := sha256.Sum256([]byte(s.Content))
	s.Verified = hex.EncodeToString(sum[:]) == s.SHA256
	return s.Verified
}

// TableName names the table of approved snapshots.
func (ConclusionSnapshot) TableName() string { return "conclusion_snapshots" }

// SnapshotContent is what approval freezes: the conclusion and every record
// of the visit it rests on, so the approved text can be shown and checked
// years later whatever happens to the live records.
type SnapshotContent struct {
	Conclusion     Conclusion      `json:"conclusion"`
	Visit          Visit           `json:"visit"`
	Agency         Agency          `json:"agency"`
	Team           []TeamMember    `json:"team"`
	Criteria       []Criterion     `json:"criteria"`
	Findings       []Finding       `json:"findings"`
	ProcedureStats *ProcedureStats `json:"procedure_stats"`
	StaffingStats  *StaffingStats  `json:"staffing_stats"`
	Shortcomings   []Shortcoming   `json:"shortcomings"`
	Actions        []Action        `json:"actions"`
	ApprovedBy     int64           `json:"approved_by"`
	ApprovedAt     time.Time       `json:"approved_at"`
}
