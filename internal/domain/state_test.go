package domain_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// transition is one (from, to) move and whether the workflow allows it.
type transition[S ~string] struct {
	from, to S
	ok       bool
}

// allowedFrom lists the targets the table allows from one state, "none" when
// the state is terminal, as the conflict error names them.
func allowedFrom[S ~string](table []transition[S], from S) []string {
	var out []string
	for _, tr := range table {
		if tr.from == from && tr.ok {
			out = append(out, string(tr.to))
		}
	}
	if len(out) == 0 {
		return []string{"none"}
	}
	return out
}

// assertEveryPair checks that the table covers every (from, to) pair of the
// states exactly once, so that no move is left untested.
func assertEveryPair[S ~string](t *testing.T, states []S, table []transition[S]) {
	t.Helper()
	seen := map[[2]S]int{}
	for _, tr := range table {
		seen[[2]S{tr.from, tr.to}]++
	}
	for _, from := range states {
		for _, to := range states {
			if n := seen[[2]S{from, to}]; n != 1 {
				t.Errorf("table has %s → %s %d times, want once", from, to, n)
			}
		}
	}
	if want := len(states) * len(states); len(table) != want {
		t.Errorf("table has %d rows, want %d", len(table), want)
	}
}

// assertTransition checks the outcome of one move: nil when allowed, else a
// conflict that names the entity, both states and the allowed targets.
func assertTransition(t *testing.T, entity, from, to string, ok bool, allowed []string, err error) {
	t.Helper()
	if ok {
		if err != nil {
			t.Fatalf("%s → %s: got %v, want allowed", from, to, err)
		}
		return
	}
	if err == nil {
		t.Fatalf("%s → %s: allowed, want a conflict", from, to)
	}
	var e *domain.Error
	if !errors.As(err, &e) {
		t.Fatalf("%s → %s: error %v (%T) is not a *domain.Error", from, to, err, err)
	}
	if e.Code != domain.ECONFLICT {
		t.Errorf("%s → %s: code = %q, want %q", from, to, e.Code, domain.ECONFLICT)
	}
	if got := domain.ErrorCode(err); got != domain.ECONFLICT {
		t.Errorf("%s → %s: ErrorCode = %q, want %q", from, to, got, domain.ECONFLICT)
	}
	for _, s := range append([]string{entity, from, to}, allowed...) {
		if !strings.Contains(e.Message, s) {
			t.Errorf("%s → %s: message %q does not name %q", from, to, e.Message, s)
		}
	}
	// The message ends with the allowed states; compare them as a set.
	_, list, found := strings.Cut(e.Message, "allowed from "+from+": ")
	if !found {
		t.Fatalf("%s → %s: message %q does not list the allowed states", from, to, e.Message)
	}
	got := strings.Split(list, ", ")
	slices.Sort(got)
	want := slices.Sorted(slices.Values(allowed))
	if !slices.Equal(got, want) {
		t.Errorf("%s → %s: message lists %q, want %q", from, to, got, want)
	}
	if e.Args["allowed"] != list || e.Args["entity"] != entity || e.Args["from"] != from || e.Args["to"] != to {
		t.Errorf("%s → %s: args = %v, want entity %q, from, to and allowed %q", from, to, e.Args, entity, list)
	}
}

func TestVisitStatusesListsEveryState(t *testing.T) {
	want := []domain.VisitStatus{"planned", "in_progress", "submitted", "returned", "approved", "closed", "cancelled"}
	if !slices.Equal(domain.VisitStatuses, want) {
		t.Fatalf("VisitStatuses = %q, want %q", domain.VisitStatuses, want)
	}
}

func TestCheckVisitTransition(t *testing.T) {
	const (
		planned    = domain.VisitPlanned
		inProgress = domain.VisitInProgress
		submitted  = domain.VisitSubmitted
		returned   = domain.VisitReturned
		approved   = domain.VisitApproved
		closed     = domain.VisitClosed
		cancelled  = domain.VisitCancelled
	)
	// api.md: planned → in_progress → submitted → approved | returned → submitted …;
	// approved → closed; cancelled only before submission.
	table := []transition[domain.VisitStatus]{
		{planned, planned, false},
		{planned, inProgress, true},
		{planned, submitted, false},
		{planned, returned, false},
		{planned, approved, false},
		{planned, closed, false},
		{planned, cancelled, true},

		{inProgress, planned, false},
		{inProgress, inProgress, false},
		{inProgress, submitted, true},
		{inProgress, returned, false},
		{inProgress, approved, false},
		{inProgress, closed, false},
		{inProgress, cancelled, true},

		{submitted, planned, false},
		{submitted, inProgress, false},
		{submitted, submitted, false},
		{submitted, returned, true},
		{submitted, approved, true},
		{submitted, closed, false},
		{submitted, cancelled, false},

		{returned, planned, false},
		{returned, inProgress, false},
		{returned, submitted, true},
		{returned, returned, false},
		{returned, approved, false},
		{returned, closed, false},
		{returned, cancelled, false},

		{approved, planned, false},
		{approved, inProgress, false},
		{approved, submitted, false},
		{approved, returned, false},
		{approved, approved, false},
		{approved, closed, true},
		{approved, cancelled, false},

		{closed, planned, false},
		{closed, inProgress, false},
		{closed, submitted, false},
		{closed, returned, false},
		{closed, approved, false},
		{closed, closed, false},
		{closed, cancelled, false},

		{cancelled, planned, false},
		{cancelled, inProgress, false},
		{cancelled, submitted, false},
		{cancelled, returned, false},
		{cancelled, approved, false},
		{cancelled, closed, false},
		{cancelled, cancelled, false},
	}
	assertEveryPair(t, domain.VisitStatuses, table)
	for _, tr := range table {
		t.Run(string(tr.from)+"→"+string(tr.to), func(t *testing.T) {
			err := domain.CheckVisitTransition(tr.from, tr.to)
			assertTransition(t, "visit", string(tr.from), string(tr.to), tr.ok, allowedFrom(table, tr.from), err)
		})
	}
}

func TestConclusionStatusesListsEveryState(t *testing.T) {
	want := []domain.ConclusionStatus{"draft", "submitted", "returned", "approved"}
	if !slices.Equal(domain.ConclusionStatuses, want) {
		t.Fatalf("ConclusionStatuses = %q, want %q", domain.ConclusionStatuses, want)
	}
}

func TestCheckConclusionTransition(t *testing.T) {
	const (
		draft     = domain.ConclusionDraft
		submitted = domain.ConclusionSubmitted
		returned  = domain.ConclusionReturned
		approved  = domain.ConclusionApproved
	)
	// The lead submits; a leader approves or returns; a returned conclusion is
	// resubmitted; an approved one is frozen.
	table := []transition[domain.ConclusionStatus]{
		{draft, draft, false},
		{draft, submitted, true},
		{draft, returned, false},
		{draft, approved, false},

		{submitted, draft, false},
		{submitted, submitted, false},
		{submitted, returned, true},
		{submitted, approved, true},

		{returned, draft, false},
		{returned, submitted, true},
		{returned, returned, false},
		{returned, approved, false},

		{approved, draft, false},
		{approved, submitted, false},
		{approved, returned, false},
		{approved, approved, false},
	}
	assertEveryPair(t, domain.ConclusionStatuses, table)
	for _, tr := range table {
		t.Run(string(tr.from)+"→"+string(tr.to), func(t *testing.T) {
			err := domain.CheckConclusionTransition(tr.from, tr.to)
			assertTransition(t, "conclusion", string(tr.from), string(tr.to), tr.ok, allowedFrom(table, tr.from), err)
		})
	}
}

func TestActionStatusesListsEveryState(t *testing.T) {
	want := []domain.ActionStatus{"open", "in_progress", "reported_done", "verified"}
	if !slices.Equal(domain.ActionStatuses, want) {
		t.Fatalf("ActionStatuses = %q, want %q", domain.ActionStatuses, want)
	}
}

func TestCheckActionTransition(t *testing.T) {
	const (
		open         = domain.ActionOpen
		inProgress   = domain.ActionInProgress
		reportedDone = domain.ActionReportedDone
		verified     = domain.ActionVerified
	)
	// api.md: open → in_progress → reported_done → verified; reopen sends
	// reported_done or verified back to open. state.go also lets the agency
	// report an open action done without marking it in progress first.
	table := []transition[domain.ActionStatus]{
		{open, open, false},
		{open, inProgress, true},
		{open, reportedDone, true},
		{open, verified, false},

		{inProgress, open, false},
		{inProgress, inProgress, false},
		{inProgress, reportedDone, true},
		{inProgress, verified, false},

		{reportedDone, open, true},
		{reportedDone, inProgress, false},
		{reportedDone, reportedDone, false},
		{reportedDone, verified, true},

		{verified, open, true},
		{verified, inProgress, false},
		{verified, reportedDone, false},
		{verified, verified, false},
	}
	assertEveryPair(t, domain.ActionStatuses, table)
	for _, tr := range table {
		t.Run(string(tr.from)+"→"+string(tr.to), func(t *testing.T) {
			err := domain.CheckActionTransition(tr.from, tr.to)
			assertTransition(t, "action", string(tr.from), string(tr.to), tr.ok, allowedFrom(table, tr.from), err)
		})
	}
}

func TestTransitionFromOrToUnknownState(t *testing.T) {
	cases := []struct {
		name, entity, from, to string
		allowed                []string
		check                  func(from, to string) error
	}{
		{"visit from unknown", "visit", "archived", "planned", []string{"none"},
			func(f, to string) error {
				return domain.CheckVisitTransition(domain.VisitStatus(f), domain.VisitStatus(to))
			}},
		{"visit to unknown", "visit", "planned", "archived", []string{"in_progress", "cancelled"},
			func(f, to string) error {
				return domain.CheckVisitTransition(domain.VisitStatus(f), domain.VisitStatus(to))
			}},
		{"visit to empty", "visit", "submitted", "", []string{"approved", "returned"},
			func(f, to string) error {
				return domain.CheckVisitTransition(domain.VisitStatus(f), domain.VisitStatus(to))
			}},
		{"conclusion from unknown", "conclusion", "published", "approved", []string{"none"},
			func(f, to string) error {
				return domain.CheckConclusionTransition(domain.ConclusionStatus(f), domain.ConclusionStatus(to))
			}},
		{"action to unknown", "action", "open", "done", []string{"in_progress", "reported_done"},
			func(f, to string) error {
				return domain.CheckActionTransition(domain.ActionStatus(f), domain.ActionStatus(to))
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assertTransition(t, c.entity, c.from, c.to, false, c.allowed, c.check(c.from, c.to))
		})
	}
}

func TestVisitStatusRecordsEditable(t *testing.T) {
	// Findings, shortcomings and the conclusion are frozen while submitted
	// and after approval (closed comes after approval), and once cancelled.
	cases := []struct {
		status domain.VisitStatus
		want   bool
	}{
		{domain.VisitPlanned, true},
		{domain.VisitInProgress, true},
		{domain.VisitReturned, true},
		{domain.VisitSubmitted, false},
		{domain.VisitApproved, false},
		{domain.VisitClosed, false},
		{domain.VisitCancelled, false},
		{"", false},
		{"archived", false},
	}
	for _, c := range cases {
		if got := c.status.RecordsEditable(); got != c.want {
			t.Errorf("VisitStatus(%q).RecordsEditable() = %v, want %v", c.status, got, c.want)
		}
	}
}

func TestFrozenError(t *testing.T) {
	for _, s := range []domain.VisitStatus{domain.VisitSubmitted, domain.VisitApproved, domain.VisitClosed, domain.VisitCancelled} {
		err := domain.FrozenError(s)
		if got := domain.ErrorCode(err); got != domain.ECONFLICT {
			t.Errorf("FrozenError(%q) code = %q, want %q", s, got, domain.ECONFLICT)
		}
		if !strings.Contains(err.Error(), string(s)) {
			t.Errorf("FrozenError(%q) = %q, does not name the status", s, err)
		}
	}
}

func TestActionStatusOpen(t *testing.T) {
	cases := []struct {
		status domain.ActionStatus
		want   bool
	}{
		{domain.ActionOpen, true},
		{domain.ActionInProgress, true},
		{domain.ActionReportedDone, false},
		{domain.ActionVerified, false},
		{"", false},
	}
	for _, c := range cases {
		if got := c.status.Open(); got != c.want {
			t.Errorf("ActionStatus(%q).Open() = %v, want %v", c.status, got, c.want)
		}
	}
}
