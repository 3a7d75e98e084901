package domain

// The figures of the reports and the dashboard: aggregates the store
// computes in SQL, and the rows of the yearly export, which the store hands
// over one at a time.

// ReportFilter selects the visits a dashboard or a report counts.
type ReportFilter struct {
	Year     *int
	PlanID   *int64
	AgencyID *int64
	// Today is the day that "overdue" refers to (in the province's time zone).
	Today Date
}

// Dashboard is what leaders look at for a year or a plan. Visits, figures
// and shortcomings count every visit that is not cancelled; results count
// approved conclusions only.
type Dashboard struct {
	Year   *int   `json:"year"`
	PlanID *int64 `json:"plan_id"`
	// AsOf is the day the overdue figures refer to.
	AsOf                 Date                  `json:"as_of"`
	Totals               DashboardTotals       `json:"totals"`
	VisitsByStatus       []StatusCount         `json:"visits_by_status"`
	Results              []ResultCount         `json:"results"`
	Agencies             []AgencyResult        `json:"agencies"`
	ShortcomingsByArea   []AreaCount           `json:"shortcomings_by_area"`
	RepeatedShortcomings []RepeatedShortcoming `json:"repeated_shortcomings"`
	ActionsByStatus      []StatusCount         `json:"actions_by_status"`
	OverdueActions       []OverdueAction       `json:"overdue_actions"`
}

// DashboardTotals are the headline numbers of a dashboard.
type DashboardTotals struct {
	Visits               int `json:"visits"`
	Approved             int `json:"approved"`
	Agencies             int `json:"agencies"`
	Shortcomings         int `json:"shortcomings"`
	RepeatedShortcomings int `json:"repeated_shortcomings"`
	Actions              int `json:"actions"`
	OverdueActions       int `json:"overdue_actions"`
}

// StatusCount is how many records are in one state.
type StatusCount struct {
	Status string `json:"status"`
	Count  int    `json:"count"`
}

// ResultCount is how many approved conclusions gave one overall result.
type ResultCount struct {
	Result OverallResult `json:"result"`
	Label  string        `json:"label"`
	Count  int           `json:"count"`
}

// AgencyResult is one agency's line of a dashboard: its visits, its latest
// approved result, the team's scores and its procedure figures, summed over
// its visits in the selection.
type AgencyResult struct {
	AgencyID int64  `json:"agency_id"`
	Code     string `json:"code"`
	Name     string `json:"name"`
	Visits   int    `json:"visits"`
	Approved int    `json:"approved"`
	// OverallResult is the result of the agency's latest approved conclusion.
	OverallResult *OverallResult `json:"overall_result"`
	ResultLabel   string         `json:"result_label"`
	// Score is the sum of the team's scores; MaxScore the sum of the maxima
	// of the criteria those scores were given on.
	Score            *float64 `json:"score"`
	MaxScore         *float64 `json:"max_score"`
	FilesResolved    int      `json:"files_resolved"`
	FilesOnTime      int      `json:"files_on_time"`
	OnTimeRate       *float64 `json:"on_time_rate"`
	ProceduresTotal  int      `json:"procedures_total"`
	ProceduresOnline int      `json:"procedures_online"`
	OnlineRate       *float64 `json:"online_rate"`
	Shortcomings     int      `json:"shortcomings"`
	OpenActions      int      `json:"open_actions"`
	OverdueActions   int      `json:"overdue_actions"`
}

// AreaCount is how many shortcomings fall in one area of the criteria.
type AreaCount struct {
	AreaCode string `json:"area_code"`
	Area     string `json:"area"`
	Count    int    `json:"count"`
	Major    int    `json:"major"`
	Repeated int    `json:"repeated"`
}

// RepeatedShortcoming is a shortcoming that repeats one of the same agency
// in an earlier visit.
type RepeatedShortcoming struct {
	ShortcomingID int64  `json:"shortcoming_id"`
	VisitID       int64  `json:"visit_id"`
	AgencyID      int64  `json:"agency_id"`
	AgencyName    string `json:"agency_name"`
	CriterionCode string `json:"criterion_code"`
	Criterion     string `json:"criterion"`
	Description   string `json:"description"`
	RepeatOfID    int64  `json:"repeat_of_id"`
	// EarlierYear is the year of the visit the earlier shortcoming belongs to.
	EarlierYear int `json:"earlier_year"`
}

// OverdueAction is an action still owed after its deadline.
type OverdueAction struct {
	ActionID    int64        `json:"action_id"`
	VisitID     int64        `json:"visit_id"`
	AgencyID    int64        `json:"agency_id"`
	AgencyName  string       `json:"agency_name"`
	Description string       `json:"description"`
	OwnerName   string       `json:"owner_name"`
	Status      ActionStatus `json:"status"`
	DueOn       Date         `json:"due_on"`
	DaysOverdue int          `json:"days_overdue"`
}

// TrendYear is one year of an agency's trend.
type TrendYear struct {
	Year             int            `json:"year"`
	Visits           int            `json:"visits"`
	Approved         int            `json:"approved"`
	OverallResult    *OverallResult `json:"overall_result"`
	ResultLabel      string         `json:"result_label"`
	Score            *float64       `json:"score"`
	MaxScore         *float64       `json:"max_score"`
	OnTimeRate       *float64       `json:"on_time_rate"`
	OnlineRate       *float64       `json:"online_rate"`
	Shortcomings     int            `json:"shortcomings"`
	Repeated         int            `json:"repeated"`
	Actions          int            `json:"actions"`
	ActionsVerified  int            `json:"actions_verified"`
	OverdueActions   int            `json:"overdue_actions"`
	FilesResolved    int            `json:"files_resolved"`
	FilesOnTime      int            `json:"files_on_time"`
	ProceduresTotal  int            `json:"procedures_total"`
	ProceduresOnline int            `json:"procedures_online"`
}

// AgencyTrend is an agency's record over the years, one row per year in
// which it had a visit that was not cancelled.
type AgencyTrend struct {
	Agency Agency      `json:"agency"`
	AsOf   Date        `json:"as_of"`
	Years  []TrendYear `json:"years"`
}

// PlanSummary is what the annual report of a plan's round tells: the
// visits and their results, the common shortcomings and the state of the
// actions. Results, shortcomings and actions count approved conclusions.
type PlanSummary struct {
	Plan               Plan                  `json:"plan"`
	AsOf               Date                  `json:"as_of"`
	Visits             []PlanVisit           `json:"visits"`
	Results            []ResultCount         `json:"results"`
	CommonShortcomings []CriterionCount      `json:"common_shortcomings"`
	ActionsByStatus    []StatusCount         `json:"actions_by_status"`
	OverdueActions     []OverdueAction       `json:"overdue_actions"`
	Repeated           []RepeatedShortcoming `json:"repeated"`
}

// PlanVisit is one visit's line of a plan's report.
type PlanVisit struct {
	VisitID         int64          `json:"visit_id"`
	AgencyID        int64          `json:"agency_id"`
	AgencyName      string         `json:"agency_name"`
	ScheduledOn     *Date          `json:"scheduled_on"`
	VisitedOn       *Date          `json:"visited_on"`
	Kind            VisitKind      `json:"kind"`
	Status          VisitStatus    `json:"status"`
	OverallResult   *OverallResult `json:"overall_result"`
	DocumentNo      string         `json:"document_no"`
	OnTimeRate      *float64       `json:"on_time_rate"`
	OnlineRate      *float64       `json:"online_rate"`
	Shortcomings    int            `json:"shortcomings"`
	Actions         int            `json:"actions"`
	ActionsVerified int            `json:"actions_verified"`
	OverdueActions  int            `json:"overdue_actions"`
}

// CriterionCount is how often the agencies fell short on one criterion.
type CriterionCount struct {
	Code      string   `json:"code"`
	Criterion string   `json:"criterion"`
	Area      string   `json:"area"`
	Count     int      `json:"count"`
	Repeated  int      `json:"repeated"`
	Agencies  []string `json:"agencies"`
}

// The rows of the yearly export, read one at a time.

// ExportVisit is a visit's line of the yearly export.
type ExportVisit struct {
	VisitID          int64
	AgencyCode       string
	AgencyName       string
	PlanDecisionNo   string
	ScheduledOn      *Date
	VisitedOn        *Date
	Kind             VisitKind
	Status           VisitStatus
	DecisionNo       string
	OverallResult    *OverallResult
	ConclusionStatus ConclusionStatus
	DocumentNo       string
	IssuedOn         *Date
	Score            *float64
	SelfScore        *float64
	MaxScore         *float64
	Findings         int
	Shortcomings     int
	Actions          int
	ActionsVerified  int
}

// ExportCriterion is a column of the export's matrix of scores: the
// criteria of a year's sets, matched by code.
type ExportCriterion struct {
	Code     string
	Title    string
	MaxScore *float64
}

// ExportScores is a visit's line of the matrix: the team's score by
// criterion code.
type ExportScores struct {
	VisitID    int64
	AgencyCode string
	AgencyName string
	Status     VisitStatus
	Scores     map[string]float64
}

// ExportFigures is a visit's procedure and staffing figures (nil when not
// recorded), with their derived rates and flags.
type ExportFigures struct {
	VisitID    int64
	AgencyCode string
	AgencyName string
	Procedure  *ProcedureStats
	Staffing   *StaffingStats
}

// ExportShortcoming is a shortcoming's line of the export.
type ExportShortcoming struct {
	ShortcomingID int64
	VisitID       int64
	AgencyCode    string
	AgencyName    string
	CriterionCode string
	Criterion     string
	Description   string
	Cause         string
	Severity      Severity
	RepeatOfID    *int64
	RepeatYear    *int
	VisitStatus   VisitStatus
}

// ExportAction is an action's line of the export, with Overdue and
// DaysOverdue derived as of the filter's day.
type ExportAction struct {
	Action
	AgencyCode  string
	AgencyName  string
	OwnerAgency string
	Shortcoming string
}
