package domain

import "time"

// Shortcoming is something that falls short (tồn tại, hạn chế), with its cause.
type Shortcoming struct {
	ID          int64    `json:"id"`
	VisitID     int64    `json:"visit_id"`
	CriterionID *int64   `json:"criterion_id"`
	Description string   `json:"description"`
	Cause       string   `json:"cause"`
	Severity    Severity `json:"severity"`
	// RepeatOfID is the same agency's shortcoming on the same criterion in
	// an earlier visit, found by the criterion's code across criteria sets.
	RepeatOfID *int64    `json:"repeat_of_id"`
	Version    int       `json:"version"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// TableName names the table of shortcomings.
func (Shortcoming) TableName() string { return "shortcomings" }

// ShortcomingUpdate holds the fields a PATCH may change.
type ShortcomingUpdate struct {
	CriterionID Optional[int64] `json:"criterion_id" validate:"omitempty,gt=0"`
	Description *string         `json:"description" validate:"omitnil,min=1,max=5000"`
	Cause       *string         `json:"cause" validate:"omitnil,max=5000"`
	Severity    *Severity       `json:"severity" validate:"omitnil,oneof=minor major"`
}

// Action is a follow-up request (kiến nghị) with an owner and a deadline; the
// agency reports on it and the team verifies it.
type Action struct {
	ID            int64 `json:"id"`
	ShortcomingID int64 `json:"shortcoming_id"`
	// VisitID and AgencyID are the shortcoming's visit and the inspected
	// agency, kept on the action for lists and access checks.
	VisitID       int64        `json:"visit_id"`
	AgencyID      int64        `json:"agency_id"`
	Description   string       `json:"description"`
	OwnerAgencyID *int64       `json:"owner_agency_id"`
	OwnerName     string       `json:"owner_name"`
	DueOn         *Date        `json:"due_on"`
	Status        ActionStatus `json:"status"`
	VerifiedBy    *int64       `json:"verified_by"`
	VerifiedAt    *time.Time   `json:"verified_at"`
	Version       int          `json:"version"`
	CreatedAt     time.Time    `json:"created_at"`
	UpdatedAt     time.Time    `json:"updated_at"`

	// Derived from DueOn, Status and today; see Derive.
	Overdue     bool `json:"overdue" gorm:"-"`
	DaysOverdue int  `json:"days_overdue" gorm:"-"`
}

// TableName names the table of actions.
func (Action) TableName() string { return "actions" }

// Derive computes whether the action is overdue on the given day: it is
// while the agency still owes it (open or in progress) after its due date.
func (a *Action) Derive(today Date) {
	a.Overdue = a.Status.Open() && a.DueOn != nil && a.DueOn.Before(today)
	a.DaysOverdue = 0
	if a.Overdue {
		a.DaysOverdue = today.DaysSince(*a.DueOn)
	}
}

// ActionFilter selects actions in a list.
type ActionFilter struct {
	AgencyID      *int64
	VisitID       *int64
	ShortcomingID *int64
	Status        *ActionStatus
	// Overdue, when set, keeps only overdue (true) or only not overdue (false) actions as of Today.
	Overdue *bool
	Today   Date
	// ApprovedOnly limits the list to actions of approved conclusions.
	ApprovedOnly bool
	// TeamUserID limits the list to actions of visits whose team includes the user.
	TeamUserID *int64
	// ByDueDate orders the list by deadline (soonest first) instead of newest first.
	ByDueDate bool
	Page
}

// ActionUpdate holds the fields a PATCH may change.
type ActionUpdate struct {
	Description   *string         `json:"description" validate:"omitnil,min=1,max=5000"`
	OwnerAgencyID Optional[int64] `json:"owner_agency_id" validate:"omitempty,gt=0"`
	OwnerName     *string         `json:"owner_name" validate:"omitnil,max=300"`
	DueOn         Optional[Date]  `json:"due_on"`
	Status        *ActionStatus   `json:"status" validate:"omitnil,oneof=open in_progress reported_done verified"`
}

// DefaultDueDays is the default deadline of an action, counted from the
// approval of its conclusion.
const DefaultDueDays = 15

// ActionUpdateReport is the agency's progress report on one action (báo cáo
// kết quả khắc phục). Reports are never changed once written.
type ActionUpdateReport struct {
	ID       int64  `json:"id"`
	ActionID int64  `json:"action_id"`
	Note     string `json:"note"`
	// Status is the state the report moved the action to, if it moved it.
	Status    *ActionStatus `json:"status"`
	AuthorID  *int64        `json:"author_id"`
	CreatedAt time.Time     `json:"created_at"`
}

// TableName names the table of action updates.
func (ActionUpdateReport) TableName() string { return "action_updates" }
