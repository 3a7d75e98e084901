package domain

import (
	"fmt"
	"strings"
)

// VisitStatus is the state of a visit.
type VisitStatus string

// Visit states (api.md, "Workflow rules").
const (
	VisitPlanned    VisitStatus = "planned"
	VisitInProgress VisitStatus = "in_progress"
	VisitSubmitted  VisitStatus = "submitted"
	VisitReturned   VisitStatus = "returned"
	VisitApproved   VisitStatus = "approved"
	VisitClosed     VisitStatus = "closed"
	VisitCancelled  VisitStatus = "cancelled"
)

// VisitStatuses lists every visit state.
var VisitStatuses = []VisitStatus{VisitPlanned, VisitInProgress, VisitSubmitted, VisitReturned, VisitApproved, VisitClosed, VisitCancelled}

// ConclusionStatus is the state of a conclusion notice.
type ConclusionStatus string

// Conclusion states.
const (
	ConclusionDraft     ConclusionStatus = "draft"
	ConclusionSubmitted ConclusionStatus = "submitted"
	ConclusionReturned  ConclusionStatus = "returned"
	ConclusionApproved  ConclusionStatus = "approved"
)

// ConclusionStatuses lists every conclusion state.
var ConclusionStatuses = []ConclusionStatus{ConclusionDraft, ConclusionSubmitted, ConclusionReturned, ConclusionApproved}

// ActionStatus is the state of a follow-up action.
type ActionStatus string

// Action states.
const (
	ActionOpen         ActionStatus = "open"
	ActionInProgress   ActionStatus = "in_progress"
	ActionReportedDone ActionStatus = "reported_done"
	ActionVerified     ActionStatus = "verified"
)

// ActionStatuses lists every action state.
var ActionStatuses = []ActionStatus{ActionOpen, ActionInProgress, ActionReportedDone, ActionVerified}

// machine is a state machine: for each state, the states it may move to.
type machine[S ~string] struct {
	entity string
	next   map[S][]S
}

// check returns nil when from → to is allowed, else a conflict that names
// the states reachable from from.
func (m machine[S]) check(from, to S) error {
	for _, s := range m.next[from] {
		if s == to {
			return nil
		}
	}
	allowed := make([]string, len(m.next[from]))
	for i, s := range m.next[from] {
		allowed[i] = string(s)
	}
	list := strings.Join(allowed, ", ")
	if list == "" {
		list = "none"
	}
	return &Error{
		Code:    ECONFLICT,
		Message: fmt.Sprintf("%s cannot go from %s to %s; allowed from %s: %s", m.entity, from, to, from, list),
		Key:     "transition",
		Args:    map[string]string{"entity": m.entity, "from": string(from), "to": string(to), "allowed": list},
	}
}

var visitMachine = machine[VisitStatus]{entity: "visit", next: map[VisitStatus][]VisitStatus{
	VisitPlanned:    {VisitInProgress, VisitCancelled},
	VisitInProgress: {VisitSubmitted, VisitCancelled},
	VisitSubmitted:  {VisitApproved, VisitReturned},
	VisitReturned:   {VisitSubmitted},
	VisitApproved:   {VisitClosed},
}}

var conclusionMachine = machine[ConclusionStatus]{entity: "conclusion", next: map[ConclusionStatus][]ConclusionStatus{
	ConclusionDraft:     {ConclusionSubmitted},
	ConclusionSubmitted: {ConclusionApproved, ConclusionReturned},
	ConclusionReturned:  {ConclusionSubmitted},
}}

var actionMachine = machine[ActionStatus]{entity: "action", next: map[ActionStatus][]ActionStatus{
	ActionOpen:         {ActionInProgress, ActionReportedDone},
	ActionInProgress:   {ActionReportedDone},
	ActionReportedDone: {ActionVerified, ActionOpen},
	ActionVerified:     {ActionOpen},
}}

// CheckVisitTransition returns nil when a visit may move from one state to another.
func CheckVisitTransition(from, to VisitStatus) error { return visitMachine.check(from, to) }

// CheckConclusionTransition returns nil when a conclusion may move from one state to another.
func CheckConclusionTransition(from, to ConclusionStatus) error {
	return conclusionMachine.check(from, to)
}

// CheckActionTransition returns nil when an action may move from one state to another.
func CheckActionTransition(from, to ActionStatus) error { return actionMachine.check(from, to) }

// RecordsEditable reports whether a visit in state s accepts changes to its
// findings, figures, shortcomings and conclusion: frozen while submitted,
// after approval, and once cancelled.
func (s VisitStatus) RecordsEditable() bool {
	return s == VisitPlanned || s == VisitInProgress || s == VisitReturned
}

// FrozenError is the conflict returned for a change to a frozen visit's records.
func FrozenError(s VisitStatus) error {
	return &Error{
		Code:    ECONFLICT,
		Message: fmt.Sprintf("the visit is %s: its records cannot change (they can while planned, in_progress or returned)", s),
		Key:     "frozen",
		Args:    map[string]string{"status": string(s)},
	}
}

// Open reports whether an action still waits for the agency (open or in progress).
func (s ActionStatus) Open() bool { return s == ActionOpen || s == ActionInProgress }
