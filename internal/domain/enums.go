package domain

import "slices"

// Role is what a user may do.
type Role string

// The roles of api.md.
const (
	RoleAdmin         Role = "admin"
	RoleLeader        Role = "leader"
	RoleInspector     Role = "inspector"
	RoleAgencyOfficer Role = "agency_officer"
)

// Roles lists every role.
var Roles = []Role{RoleAdmin, RoleLeader, RoleInspector, RoleAgencyOfficer}

// AgencyKind is the level of an inspected agency.
type AgencyKind string

// Agency kinds: departments and communes since 7/2025, districts for older records.
const (
	KindDepartment AgencyKind = "department"
	KindDistrict   AgencyKind = "district"
	KindCommune    AgencyKind = "commune"
	KindUnit       AgencyKind = "unit"
)

// AgencyKinds lists every agency kind.
var AgencyKinds = []AgencyKind{KindDepartment, KindDistrict, KindCommune, KindUnit}

// Measure is how a criterion is assessed.
type Measure string

// Measures. MeasureArea marks a heading that groups criteria and takes no finding.
const (
	MeasureArea    Measure = "area"
	MeasureYesNo   Measure = "yes_no"
	MeasurePercent Measure = "percent"
	MeasureCount   Measure = "count"
	MeasureScore   Measure = "score"
	MeasureText    Measure = "text"
)

// Measures lists every measure.
var Measures = []Measure{MeasureArea, MeasureYesNo, MeasurePercent, MeasureCount, MeasureScore, MeasureText}

// PlanStatus is the state of an annual plan.
type PlanStatus string

// Plan states.
const (
	PlanDraft  PlanStatus = "draft"
	PlanIssued PlanStatus = "issued"
)

// PlanStatuses lists every plan state.
var PlanStatuses = []PlanStatus{PlanDraft, PlanIssued}

// VisitKind is the form of an inspection visit.
type VisitKind string

// Visit kinds.
const (
	VisitOnSite      VisitKind = "on_site"
	VisitByReport    VisitKind = "by_report"
	VisitUnannounced VisitKind = "unannounced"
)

// VisitKinds lists every visit kind.
var VisitKinds = []VisitKind{VisitOnSite, VisitByReport, VisitUnannounced}

// TeamRole is a member's place in the inspection team.
type TeamRole string

// Team roles; a team has exactly one lead.
const (
	TeamRoleLead      TeamRole = "lead"
	TeamRoleDeputy    TeamRole = "deputy"
	TeamRoleMember    TeamRole = "member"
	TeamRoleSecretary TeamRole = "secretary"
)

// TeamRoles lists every team role.
var TeamRoles = []TeamRole{TeamRoleLead, TeamRoleDeputy, TeamRoleMember, TeamRoleSecretary}

// Rating is the team's assessment of one criterion.
type Rating string

// Ratings.
const (
	RatingGood          Rating = "good"
	RatingFair          Rating = "fair"
	RatingPoor          Rating = "poor"
	RatingNotApplicable Rating = "not_applicable"
)

// Ratings lists every rating.
var Ratings = []Rating{RatingGood, RatingFair, RatingPoor, RatingNotApplicable}

// Severity is how serious a shortcoming is.
type Severity string

// Severities.
const (
	SeverityMinor Severity = "minor"
	SeverityMajor Severity = "major"
)

// Severities lists every severity.
var Severities = []Severity{SeverityMinor, SeverityMajor}

// OverallResult is the conclusion's verdict on the agency.
type OverallResult string

// Overall results and their official wording.
const (
	ResultExcellent OverallResult = "excellent"
	ResultGood      OverallResult = "good"
	ResultFair      OverallResult = "fair"
	ResultPoor      OverallResult = "poor"
)

// OverallResults lists every overall result.
var OverallResults = []OverallResult{ResultExcellent, ResultGood, ResultFair, ResultPoor}

// Vietnamese returns the official wording of the result (Nghị định 30/2020 practice).
func (r OverallResult) Vietnamese() string {
	switch r {
	case ResultExcellent:
		return "Hoàn thành xuất sắc"
	case ResultGood:
		return "Hoàn thành tốt"
	case ResultFair:
		return "Hoàn thành"
	case ResultPoor:
		return "Chưa hoàn thành"
	}
	return ""
}

// SignPrefixes lists the signing prefixes of a conclusion; "" signs in one's own name.
var SignPrefixes = []string{"", "TM.", "KT.", "Q.", "TL.", "TUQ."}

// AttachmentOwners lists the records an attachment can belong to.
var AttachmentOwners = []string{"visit", "finding", "shortcoming", "action", "action_update", "conclusion"}

// Valid reports whether v is one of the allowed values.
func Valid[T comparable](v T, allowed []T) bool { return slices.Contains(allowed, v) }
