package domain

import "time"

// Visit is one inspection of one agency: the working session on site (or by
// report) and everything recorded about it.
type Visit struct {
	ID            int64 `json:"id"`
	PlanID        int64 `json:"plan_id"`
	AgencyID      int64 `json:"agency_id"`
	CriteriaSetID int64 `json:"criteria_set_id"`
	// Year is the plan's year, kept on the visit for filtering.
	Year                  int              `json:"year"`
	ScheduledOn           *Date            `json:"scheduled_on"`
	VisitedOn             *Date            `json:"visited_on"`
	DecisionNo            string           `json:"decision_no"`
	Kind                  VisitKind        `json:"kind"`
	Location              string           `json:"location"`
	AgencyRepresentatives []Representative `json:"agency_representatives" gorm:"serializer:json"`
	Status                VisitStatus      `json:"status"`
	Version               int              `json:"version"`
	CreatedAt             time.Time        `json:"created_at"`
	UpdatedAt             time.Time        `json:"updated_at"`
	Search                string           `json:"-"`
}

// TableName names the table of visits.
func (Visit) TableName() string { return "visits" }

// Representative is a person of the inspected agency who received the team.
type Representative struct {
	FullName string `json:"full_name" validate:"required,max=200"`
	Title    string `json:"title" validate:"max=200"`
}

// VisitFilter selects visits in a list.
type VisitFilter struct {
	Year     *int
	AgencyID *int64
	PlanID   *int64
	Status   *VisitStatus
	Q        string
	// ApprovedOnly limits the list to visits whose conclusion is approved.
	ApprovedOnly bool
	// OfficerView limits the list to the states an agency officer may see:
	// before the visit (for the self-assessment) and once approved.
	OfficerView bool
	// MemberUserID limits the list to visits whose team includes the user.
	MemberUserID *int64
	// Order is the list's order: newest first unless set.
	Order VisitOrder
	Page
}

// VisitOrder is an order of the list of visits.
type VisitOrder string

// Orders of visits.
const (
	OrderNewest   VisitOrder = ""
	OrderByDate   VisitOrder = "date"   // by the visit's day, latest first
	OrderByAgency VisitOrder = "agency" // by the agency's name
)

// VisitUpdate holds the fields a PATCH may change.
type VisitUpdate struct {
	CriteriaSetID         *int64            `json:"criteria_set_id" validate:"omitnil,gt=0"`
	ScheduledOn           Optional[Date]    `json:"scheduled_on"`
	VisitedOn             Optional[Date]    `json:"visited_on"`
	DecisionNo            *string           `json:"decision_no" validate:"omitnil,max=100"`
	Kind                  *VisitKind        `json:"kind" validate:"omitnil,oneof=on_site by_report unannounced"`
	Location              *string           `json:"location" validate:"omitnil,max=500"`
	AgencyRepresentatives *[]Representative `json:"agency_representatives" validate:"omitnil,max=20,dive"`
	Status                *VisitStatus      `json:"status" validate:"omitnil,oneof=planned in_progress submitted returned approved closed cancelled"`
}

// VisitCounts are the numbers a visit's summary shows.
type VisitCounts struct {
	Findings     int `json:"findings"`
	Shortcomings int `json:"shortcomings"`
	OpenActions  int `json:"open_actions"`
	Actions      int `json:"actions"`
}

// VisitDetail is a visit with what its page shows at once.
type VisitDetail struct {
	Visit
	Agency         *Agency         `json:"agency"`
	Team           []TeamMember    `json:"team"`
	ProcedureStats *ProcedureStats `json:"procedure_stats"`
	StaffingStats  *StaffingStats  `json:"staffing_stats"`
	Counts         VisitCounts     `json:"counts"`
}

// TeamMember is one member of a visit's inspection team. Members who are
// users link to them; outside members are names only.
type TeamMember struct {
	ID        int64    `json:"id"`
	VisitID   int64    `json:"-"`
	UserID    *int64   `json:"user_id"`
	FullName  string   `json:"full_name"`
	Title     string   `json:"title"`
	Role      TeamRole `json:"role"`
	SortOrder int      `json:"sort_order"`
}

// TableName names the table of team members.
func (TeamMember) TableName() string { return "team_members" }

// CheckTeam returns field errors for a team that does not have exactly one
// lead, or lists one user twice.
func CheckTeam(team []TeamMember) error {
	var fs Fields
	leads := 0
	seen := map[int64]bool{}
	for i, m := range team {
		if m.Role == TeamRoleLead {
			leads++
			if leads == 2 {
				fs.Add(indexed("members", i, "role"), "second_lead")
			}
		}
		if m.UserID != nil {
			if seen[*m.UserID] {
				fs.Add(indexed("members", i, "user_id"), "duplicate")
			}
			seen[*m.UserID] = true
		}
	}
	if leads == 0 {
		fs.Add("members", "lead_required")
	}
	return fs.Err()
}
