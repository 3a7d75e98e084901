package store

import (
	"context"

	"golang.org/x/sync/errgroup"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// DashboardQueries is how many of a dashboard's queries run at once
// outside a transaction: they are independent, and a dashboard of a
// national year waits for the slowest instead of their sum.
const DashboardQueries = 4

// Dashboard computes the dashboard of a year or a plan.
func (s *Store) Dashboard(ctx context.Context, f domain.ReportFilter) (*domain.Dashboard, error) {
	parallel := DashboardQueries
	if s.inTx() {
		parallel = 1 // one connection: one query at a time
	}
	return ComputeDashboard(ctx, s, f, parallel)
}

// agencyActions are the actions of an agency's visits.
type agencyActions struct{ open, overdue int }

// agencyScore is the sum of an agency's scored findings and of their
// criteria's maximum scores.
type agencyScore struct{ score, max *float64 }

// ComputeDashboard runs the dashboard's nine queries on q, up to parallel
// at a time, and merges their rows.
func ComputeDashboard(ctx context.Context, q Querier, f domain.ReportFilter, parallel int) (*domain.Dashboard, error) {
	d := &domain.Dashboard{Year: f.Year, PlanID: f.PlanID, AsOf: f.Today}
	var (
		agencies     []domain.AgencyResult
		latest       map[int64]domain.OverallResult
		scores       = map[int64]agencyScore{}
		shortcomings = map[int64]int{}
		actions      = map[int64]agencyActions{}
		actionCount  = map[string]int{}
	)
	where, args := scope(f, notCancelled)
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(max(parallel, 1))
	g.Go(func() (err error) {
		vw, vargs := scope(f)
		d.VisitsByStatus, err = statusCounts(ctx, q, "visits by status", `SELECT v.status, COUNT(*) FROM visits v WHERE `+vw+
			` GROUP BY v.status`, vargs, strs(domain.VisitStatuses))
		return err
	})
	g.Go(func() (err error) {
		d.Results, latest, err = conclusionResults(ctx, q, f)
		return err
	})
	g.Go(func() (err error) {
		agencies, err = agencyLines(ctx, q, where, args)
		return err
	})
	g.Go(func() error {
		return q.Each(ctx, "agency scores", `SELECT v.agency_id, SUM(f.score), SUM(CASE WHEN f.score IS NOT NULL THEN c.max_score END)
			FROM findings f JOIN visits v ON v.id = f.visit_id JOIN criteria c ON c.id = f.criterion_id
			WHERE `+where+` GROUP BY v.agency_id`, args, func(r Row) error {
			var id int64
			var sc agencyScore
			err := r.Scan(&id, &sc.score, &sc.max)
			scores[id] = agencyScore{round2(sc.score), round2(sc.max)}
			return err
		})
	})
	g.Go(func() error {
		return q.Each(ctx, "agency shortcomings", `SELECT v.agency_id, COUNT(*) FROM shortcomings s JOIN visits v ON v.id = s.visit_id
			WHERE `+where+` GROUP BY v.agency_id`, args, func(r Row) error {
			var id int64
			var n int
			err := r.Scan(&id, &n)
			shortcomings[id] = n
			return err
		})
	})
	g.Go(func() error {
		// One pass over the actions gives both the counts by status and each agency's open and overdue ones.
		return q.Each(ctx, "agency actions", `SELECT v.agency_id, x.status, COUNT(*), SUM(CASE WHEN x.due_on < ? THEN 1 ELSE 0 END)
			FROM actions x JOIN visits v ON v.id = x.visit_id WHERE `+where+` GROUP BY v.agency_id, x.status`,
			append([]any{f.Today}, args...), func(r Row) error {
				var id int64
				var status string
				var n, late int
				if err := r.Scan(&id, &status, &n, &late); err != nil {
					return err
				}
				actionCount[status] += n
				if st := domain.ActionStatus(status); st == domain.ActionOpen || st == domain.ActionInProgress {
					a := actions[id]
					a.open, a.overdue = a.open+n, a.overdue+late
					actions[id] = a
				}
				return nil
			})
	})
	g.Go(func() (err error) {
		d.ShortcomingsByArea, err = shortcomingsByArea(ctx, q, f)
		return err
	})
	g.Go(func() (err error) {
		d.RepeatedShortcomings, err = repeatedShortcomings(ctx, q, f, notCancelled, DashboardListLimit)
		return err
	})
	g.Go(func() (err error) {
		d.OverdueActions, err = overdueActions(ctx, q, f, notCancelled, DashboardListLimit)
		return err
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}

	// Only the agencies the first query saw have a line: a row of another
	// query about an agency without one (a write between the queries) is left out.
	for i := range agencies {
		a := &agencies[i]
		if sc, ok := scores[a.AgencyID]; ok {
			a.Score, a.MaxScore = sc.score, sc.max
		}
		a.Shortcomings = shortcomings[a.AgencyID]
		a.OpenActions, a.OverdueActions = actions[a.AgencyID].open, actions[a.AgencyID].overdue
		if res, ok := latest[a.AgencyID]; ok {
			a.OverallResult, a.ResultLabel = &res, res.Vietnamese()
		}
		d.Totals.OverdueActions += a.OverdueActions
	}
	d.Agencies, d.Totals.Agencies = agencies, len(agencies)
	for _, c := range d.VisitsByStatus {
		if c.Status != string(domain.VisitCancelled) {
			d.Totals.Visits += c.Count
		}
		if c.Status == string(domain.VisitApproved) || c.Status == string(domain.VisitClosed) {
			d.Totals.Approved += c.Count
		}
	}
	for _, a := range d.ShortcomingsByArea {
		d.Totals.Shortcomings += a.Count
		d.Totals.RepeatedShortcomings += a.Repeated
	}
	d.ActionsByStatus = make([]domain.StatusCount, len(domain.ActionStatuses))
	for i, st := range domain.ActionStatuses {
		d.ActionsByStatus[i] = domain.StatusCount{Status: string(st), Count: actionCount[string(st)]}
		d.Totals.Actions += actionCount[string(st)]
	}
	return d, nil
}

// agencyLines starts one line per agency visited under the conditions: its
// visits and the figures of their procedures, by agency code.
func agencyLines(ctx context.Context, q Querier, where string, args []any) ([]domain.AgencyResult, error) {
	out := []domain.AgencyResult{}
	err := q.Each(ctx, "agency results", `SELECT v.agency_id, a.code, a.name, COUNT(*),
			SUM(CASE WHEN `+concluded+` THEN 1 ELSE 0 END),
			COALESCE(SUM(p.files_early + p.files_on_time + p.files_late), 0),
			COALESCE(SUM(p.files_early + p.files_on_time), 0),
			COALESCE(SUM(p.procedures_total), 0),
			COALESCE(SUM(p.online_full + p.online_partial), 0)
		FROM visits v JOIN agencies a ON a.id = v.agency_id LEFT JOIN procedure_stats p ON p.visit_id = v.id
		WHERE `+where+` GROUP BY v.agency_id, a.code, a.name ORDER BY a.code`, args, func(r Row) error {
		var a domain.AgencyResult
		if err := r.Scan(&a.AgencyID, &a.Code, &a.Name, &a.Visits, &a.Approved, &a.FilesResolved, &a.FilesOnTime,
			&a.ProceduresTotal, &a.ProceduresOnline); err != nil {
			return err
		}
		a.OnTimeRate = domain.Percent(a.FilesOnTime, a.FilesResolved)
		a.OnlineRate = domain.Percent(a.ProceduresOnline, a.ProceduresTotal)
		out = append(out, a)
		return nil
	})
	return out, err
}

// conclusionResults counts the approved conclusions under the filter by
// overall result, and finds each agency's latest result, in one pass.
func conclusionResults(ctx context.Context, q Querier, f domain.ReportFilter) ([]domain.ResultCount, map[int64]domain.OverallResult, error) {
	where, args := scope(f)
	n := map[domain.OverallResult]int{}
	latest := map[int64]domain.OverallResult{}
	err := q.Each(ctx, "results", `SELECT v.agency_id, c.overall_result FROM visits v JOIN conclusions c ON c.visit_id = v.id
		WHERE `+where+` AND c.status = 'approved' AND c.overall_result IS NOT NULL
		ORDER BY v.agency_id, v.year DESC, v.id DESC`, args, func(r Row) error {
		var id int64
		var res domain.OverallResult
		if err := r.Scan(&id, &res); err != nil {
			return err
		}
		n[res]++
		if _, seen := latest[id]; !seen {
			latest[id] = res
		}
		return nil
	})
	out := make([]domain.ResultCount, len(domain.OverallResults))
	for i, res := range domain.OverallResults {
		out[i] = domain.ResultCount{Result: res, Label: res.Vietnamese(), Count: n[res]}
	}
	return out, latest, err
}
