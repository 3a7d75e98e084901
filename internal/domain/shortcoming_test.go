package domain_test

import (
	"testing"

	"github.com/cchc-inspect/cchc/internal/domain"
)

func TestActionDerive(t *testing.T) {
	today := date(2019, 10, 20)
	cases := []struct {
		name    string
		status  domain.ActionStatus
		due     *domain.Date
		today   domain.Date
		overdue bool
		days    int
	}{
		{"open, due yesterday", domain.ActionOpen, ptr(date(2019, 10, 19)), today, true, 1},
		{"open, due today is not yet overdue", domain.ActionOpen, ptr(today), today, false, 0},
		{"open, due tomorrow", domain.ActionOpen, ptr(date(2019, 10, 21)), today, false, 0},
		{"in progress, due 19 days ago", domain.ActionInProgress, ptr(date(2019, 10, 1)), today, true, 19},
		{"in progress, due last month end", domain.ActionInProgress, ptr(date(2019, 9, 30)), today, true, 20},
		{"open, overdue across the year end", domain.ActionOpen, ptr(date(2019, 12, 31)), date(2020, 1, 2), true, 2},
		{"open, overdue across 29 February", domain.ActionOpen, ptr(date(2020, 2, 28)), date(2020, 3, 1), true, 2},
		{"open, a year overdue", domain.ActionOpen, ptr(date(2019, 10, 18)), date(2020, 10, 18), true, 366},
		{"open, no due date", domain.ActionOpen, nil, today, false, 0},
		{"in progress, no due date", domain.ActionInProgress, nil, today, false, 0},
		{"reported done after the due date", domain.ActionReportedDone, ptr(date(2019, 10, 1)), today, false, 0},
		{"verified after the due date", domain.ActionVerified, ptr(date(2019, 10, 1)), today, false, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// Start from stale derived values: Derive must replace them.
			a := domain.Action{Status: c.status, DueOn: c.due, Overdue: !c.overdue, DaysOverdue: 99}
			a.Derive(c.today)
			if a.Overdue != c.overdue || a.DaysOverdue != c.days {
				t.Errorf("Overdue, DaysOverdue = %v, %d; want %v, %d", a.Overdue, a.DaysOverdue, c.overdue, c.days)
			}
		})
	}
}

func TestActionDefaultDueDate(t *testing.T) {
	// The Điện Biên conclusion was approved on 3/10/2019; its actions were
	// due 15 days later.
	if got, want := date(2019, 10, 3).AddDays(domain.DefaultDueDays), date(2019, 10, 18); got != want {
		t.Fatalf("default due date = %s, want %s", got, want)
	}
}
