package store

import (
	"cmp"
	"context"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// The aggregates of the dashboard and the reports, and the rows of the
// yearly export. Every figure is computed by the database (GROUP BY, SUM,
// window functions); Go only merges a handful of grouped rows, and the
// export reads its rows one at a time, so neither grows with the year.
// The SQL is plain enough for both SQLite and PostgreSQL. Enum values are
// written into the SQL as literals: they are constants of the schema.

// Limits of the lists inside a dashboard or a report.
const (
	// DashboardListLimit caps the repeated shortcomings and the overdue
	// actions a dashboard lists (the totals count them all).
	DashboardListLimit = 50
	// ReportListLimit caps the same lists in a plan's report.
	ReportListLimit = 200
)

const (
	notCancelled = "v.status <> 'cancelled'"
	concluded    = "v.status IN ('approved', 'closed')"
	openAction   = "x.status IN ('open', 'in_progress')"
)

// scope returns the conditions on visits (aliased v) that a filter sets,
// and their arguments.
func scope(f domain.ReportFilter, more ...string) (string, []any) {
	where := append([]string{}, more...)
	var args []any
	if f.Year != nil {
		where, args = append(where, "v.year = ?"), append(args, *f.Year)
	}
	if f.PlanID != nil {
		where, args = append(where, "v.plan_id = ?"), append(args, *f.PlanID)
	}
	if f.AgencyID != nil {
		where, args = append(where, "v.agency_id = ?"), append(args, *f.AgencyID)
	}
	if len(where) == 0 {
		return "1 = 1", args
	}
	return strings.Join(where, " AND "), args
}

// Row is one row of a report query.
type Row interface{ Scan(dest ...any) error }

// Querier runs the report queries. The store runs them through its own
// connections; the benchmark's raw baseline runs the same SQL through pgx.
type Querier interface {
	// Each runs query (with ? placeholders) and calls scan on each row as
	// it comes, holding one row at a time. scan must not query: inside a
	// transaction the connection is busy until the rows are read.
	Each(ctx context.Context, what, query string, args []any, scan func(Row) error) error
}

// Each runs a report query: see Querier.
func (s *Store) Each(ctx context.Context, what, query string, args []any, scan func(Row) error) error {
	return s.each(ctx, what, query, args, scan)
}

func (s *Store) each(ctx context.Context, what, query string, args []any, scan func(Row) error) error {
	rows, done, err := s.query(ctx, query, args...) // on pgx's own interface outside a transaction (native.go)
	if err != nil {
		return wrap(translate(err, "", false), what)
	}
	defer done()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return wrap(translate(err, "", false), what)
		}
	}
	return wrap(translate(rows.Err(), "", false), what)
}

// statusCounts runs a "SELECT status, COUNT(*) … GROUP BY status" query and
// answers a count for every status of all, zeros included, in their order.
func statusCounts(ctx context.Context, q Querier, what, query string, args []any, all []string) ([]domain.StatusCount, error) {
	n := map[string]int{}
	err := q.Each(ctx, what, query, args, func(r Row) error {
		var st string
		var c int
		err := r.Scan(&st, &c)
		n[st] = c
		return err
	})
	out := make([]domain.StatusCount, len(all))
	for i, st := range all {
		out[i] = domain.StatusCount{Status: st, Count: n[st]}
	}
	return out, err
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// shortcomingsByArea counts shortcomings by the area of their criterion
// (the criterion's top ancestor), those without a criterion last.
func shortcomingsByArea(ctx context.Context, q Querier, f domain.ReportFilter) ([]domain.AreaCount, error) {
	where, args := scope(f, notCancelled)
	const area = "COALESCE(c2.code, c1.code, c.code, '')"
	var rows []domain.AreaCount
	err := q.Each(ctx, "shortcomings by area", `SELECT `+area+`, COALESCE(c.area, ''), COUNT(*),
			SUM(CASE WHEN s.severity = 'major' THEN 1 ELSE 0 END), SUM(CASE WHEN s.repeat_of_id IS NOT NULL THEN 1 ELSE 0 END)
		FROM shortcomings s JOIN visits v ON v.id = s.visit_id
		LEFT JOIN criteria c ON c.id = s.criterion_id
		LEFT JOIN criteria c1 ON c1.id = c.parent_id
		LEFT JOIN criteria c2 ON c2.id = c1.parent_id
		WHERE `+where+` GROUP BY `+area+`, COALESCE(c.area, '')`, args, func(r Row) error {
		var a domain.AreaCount
		err := r.Scan(&a.AreaCode, &a.Area, &a.Count, &a.Major, &a.Repeated)
		rows = append(rows, a)
		return err
	})
	if err != nil {
		return nil, err
	}
	// Sets of different years may word an area differently: one line per code.
	out := []domain.AreaCount{}
	for _, a := range rows {
		i := slices.IndexFunc(out, func(o domain.AreaCount) bool { return o.AreaCode == a.AreaCode })
		if i < 0 {
			out = append(out, a)
			continue
		}
		out[i].Count, out[i].Major, out[i].Repeated = out[i].Count+a.Count, out[i].Major+a.Major, out[i].Repeated+a.Repeated
		if out[i].Area == "" {
			out[i].Area = a.Area
		}
	}
	slices.SortFunc(out, func(a, b domain.AreaCount) int {
		return CompareCodes(a.AreaCode, b.AreaCode)
	})
	return out, nil
}

// repeatedShortcomings lists up to limit shortcomings under the filter that
// repeat an earlier one of the same agency.
func repeatedShortcomings(ctx context.Context, q Querier, f domain.ReportFilter, visits string, limit int) ([]domain.RepeatedShortcoming, error) {
	where, args := scope(f, visits)
	out := []domain.RepeatedShortcoming{}
	err := q.Each(ctx, "repeated shortcomings", `SELECT s.id, s.visit_id, v.agency_id, a.name, COALESCE(c.code, ''), COALESCE(c.title, ''),
			s.description, s.repeat_of_id, rv.year
		FROM shortcomings s JOIN visits v ON v.id = s.visit_id JOIN agencies a ON a.id = v.agency_id
		LEFT JOIN criteria c ON c.id = s.criterion_id
		JOIN shortcomings r ON r.id = s.repeat_of_id JOIN visits rv ON rv.id = r.visit_id
		WHERE `+where+` ORDER BY a.code, s.id LIMIT ?`, append(args, limit), func(r Row) error {
		var x domain.RepeatedShortcoming
		err := r.Scan(&x.ShortcomingID, &x.VisitID, &x.AgencyID, &x.AgencyName, &x.CriterionCode, &x.Criterion, &x.Description,
			&x.RepeatOfID, &x.EarlierYear)
		out = append(out, x)
		return err
	})
	return out, err
}

// overdueActions lists up to limit actions still owed after their
// deadline, the longest overdue first.
func overdueActions(ctx context.Context, q Querier, f domain.ReportFilter, visits string, limit int) ([]domain.OverdueAction, error) {
	// scope puts its own conditions first: the deadline's argument leads.
	where, args := scope(f, visits, openAction, "x.due_on < ?")
	out := []domain.OverdueAction{}
	err := q.Each(ctx, "overdue actions", `SELECT x.id, x.visit_id, v.agency_id, a.name, x.description, x.owner_name, x.status, x.due_on
		FROM actions x JOIN visits v ON v.id = x.visit_id JOIN agencies a ON a.id = v.agency_id
		WHERE `+where+` ORDER BY x.due_on, x.id LIMIT ?`, append(append([]any{f.Today}, args...), limit), func(r Row) error {
		var o domain.OverdueAction
		if err := r.Scan(&o.ActionID, &o.VisitID, &o.AgencyID, &o.AgencyName, &o.Description, &o.OwnerName, &o.Status, &o.DueOn); err != nil {
			return err
		}
		o.DaysOverdue = f.Today.DaysSince(o.DueOn)
		out = append(out, o)
		return nil
	})
	return out, err
}

// AgencyTrend computes an agency's figures year by year.
func (s *Store) AgencyTrend(ctx context.Context, agencyID int64, today domain.Date) ([]domain.TrendYear, error) {
	f := domain.ReportFilter{AgencyID: &agencyID, Today: today}
	where, args := scope(f, notCancelled)
	out := []domain.TrendYear{}
	byYear := map[int]int{}
	err := s.each(ctx, "trend", `SELECT v.year, COUNT(*), SUM(CASE WHEN `+concluded+` THEN 1 ELSE 0 END),
			COALESCE(SUM(p.files_early + p.files_on_time + p.files_late), 0), COALESCE(SUM(p.files_early + p.files_on_time), 0),
			COALESCE(SUM(p.procedures_total), 0), COALESCE(SUM(p.online_full + p.online_partial), 0)
		FROM visits v LEFT JOIN procedure_stats p ON p.visit_id = v.id
		WHERE `+where+` GROUP BY v.year ORDER BY v.year`, args, func(r Row) error {
		var y domain.TrendYear
		if err := r.Scan(&y.Year, &y.Visits, &y.Approved, &y.FilesResolved, &y.FilesOnTime, &y.ProceduresTotal, &y.ProceduresOnline); err != nil {
			return err
		}
		y.OnTimeRate = domain.Percent(y.FilesOnTime, y.FilesResolved)
		y.OnlineRate = domain.Percent(y.ProceduresOnline, y.ProceduresTotal)
		byYear[y.Year] = len(out)
		out = append(out, y)
		return nil
	})
	if err != nil || len(out) == 0 {
		return out, err
	}
	at := func(year int) *domain.TrendYear {
		if i, ok := byYear[year]; ok {
			return &out[i]
		}
		return &domain.TrendYear{}
	}
	err = s.each(ctx, "trend scores", `SELECT v.year, SUM(f.score), SUM(CASE WHEN f.score IS NOT NULL THEN c.max_score END)
		FROM findings f JOIN visits v ON v.id = f.visit_id JOIN criteria c ON c.id = f.criterion_id
		WHERE `+where+` GROUP BY v.year`, args, func(r Row) error {
		var year int
		var score, maxScore *float64
		err := r.Scan(&year, &score, &maxScore)
		y := at(year)
		y.Score, y.MaxScore = round2(score), round2(maxScore)
		return err
	})
	if err != nil {
		return nil, err
	}
	err = s.each(ctx, "trend shortcomings", `SELECT v.year, COUNT(*), SUM(CASE WHEN s.repeat_of_id IS NOT NULL THEN 1 ELSE 0 END)
		FROM shortcomings s JOIN visits v ON v.id = s.visit_id WHERE `+where+` GROUP BY v.year`, args, func(r Row) error {
		var year, n, rep int
		err := r.Scan(&year, &n, &rep)
		y := at(year)
		y.Shortcomings, y.Repeated = n, rep
		return err
	})
	if err != nil {
		return nil, err
	}
	err = s.each(ctx, "trend actions", `SELECT v.year, COUNT(*), SUM(CASE WHEN x.status = 'verified' THEN 1 ELSE 0 END),
			SUM(CASE WHEN `+openAction+` AND x.due_on < ? THEN 1 ELSE 0 END)
		FROM actions x JOIN visits v ON v.id = x.visit_id WHERE `+where+` GROUP BY v.year`,
		append([]any{today}, args...), func(r Row) error {
			var year, n, verified, overdue int
			err := r.Scan(&year, &n, &verified, &overdue)
			y := at(year)
			y.Actions, y.ActionsVerified, y.OverdueActions = n, verified, overdue
			return err
		})
	if err != nil {
		return nil, err
	}
	rw, rargs := scope(f)
	err = s.each(ctx, "trend results", `SELECT year, overall_result FROM (
			SELECT v.year, c.overall_result, ROW_NUMBER() OVER (PARTITION BY v.year ORDER BY v.id DESC) AS rn
			FROM visits v JOIN conclusions c ON c.visit_id = v.id
			WHERE `+rw+` AND c.status = 'approved' AND c.overall_result IS NOT NULL) latest
		WHERE rn = 1`, rargs, func(r Row) error {
		var year int
		var res domain.OverallResult
		if err := r.Scan(&year, &res); err != nil {
			return err
		}
		y := at(year)
		y.OverallResult, y.ResultLabel = &res, res.Vietnamese()
		return nil
	})
	return out, err
}

// PlanSummary computes what a plan's annual report tells.
func (s *Store) PlanSummary(ctx context.Context, plan *domain.Plan, today domain.Date) (*domain.PlanSummary, error) {
	f := domain.ReportFilter{PlanID: &plan.ID, Today: today}
	out := &domain.PlanSummary{Plan: *plan, AsOf: today, Visits: []domain.PlanVisit{}, CommonShortcomings: []domain.CriterionCount{}}
	err := s.each(ctx, "plan visits", `SELECT v.id, v.agency_id, a.name, v.scheduled_on, v.visited_on, v.kind, v.status,
			c.status, c.overall_result, COALESCE(c.document_no, ''),
			COALESCE(p.files_early + p.files_on_time, 0), COALESCE(p.files_early + p.files_on_time + p.files_late, 0),
			COALESCE(p.online_full + p.online_partial, 0), COALESCE(p.procedures_total, 0),
			COALESCE(sc.n, 0), COALESCE(ac.n, 0), COALESCE(ac.verified, 0), COALESCE(ac.overdue, 0)
		FROM visits v JOIN agencies a ON a.id = v.agency_id
		LEFT JOIN conclusions c ON c.visit_id = v.id
		LEFT JOIN procedure_stats p ON p.visit_id = v.id
		LEFT JOIN (SELECT s.visit_id, COUNT(*) AS n FROM shortcomings s JOIN visits sv ON sv.id = s.visit_id
			WHERE sv.plan_id = ? GROUP BY s.visit_id) sc ON sc.visit_id = v.id
		LEFT JOIN (SELECT x.visit_id, COUNT(*) AS n, SUM(CASE WHEN x.status = 'verified' THEN 1 ELSE 0 END) AS verified,
				SUM(CASE WHEN `+openAction+` AND x.due_on < ? THEN 1 ELSE 0 END) AS overdue
			FROM actions x JOIN visits xv ON xv.id = x.visit_id WHERE xv.plan_id = ? GROUP BY x.visit_id) ac ON ac.visit_id = v.id
		WHERE v.plan_id = ?
		ORDER BY CASE WHEN COALESCE(v.visited_on, v.scheduled_on) IS NULL THEN 1 ELSE 0 END,
			COALESCE(v.visited_on, v.scheduled_on), a.code, v.id`,
		[]any{plan.ID, today, plan.ID, plan.ID}, func(r Row) error {
			var pv domain.PlanVisit
			var cstatus *domain.ConclusionStatus
			var result *domain.OverallResult
			var onTime, resolved, online, procedures int
			if err := r.Scan(&pv.VisitID, &pv.AgencyID, &pv.AgencyName, &pv.ScheduledOn, &pv.VisitedOn, &pv.Kind, &pv.Status,
				&cstatus, &result, &pv.DocumentNo, &onTime, &resolved, &online, &procedures,
				&pv.Shortcomings, &pv.Actions, &pv.ActionsVerified, &pv.OverdueActions); err != nil {
				return err
			}
			if cstatus != nil && *cstatus == domain.ConclusionApproved {
				pv.OverallResult = result
			} else {
				pv.DocumentNo = "" // a number is the approved notice's
			}
			pv.OnTimeRate, pv.OnlineRate = domain.Percent(onTime, resolved), domain.Percent(online, procedures)
			out.Visits = append(out.Visits, pv)
			return nil
		})
	if err != nil {
		return nil, err
	}
	if out.Results, _, err = conclusionResults(ctx, s, f); err != nil {
		return nil, err
	}
	where, args := scope(f, concluded)
	const code = "COALESCE(c.code, '')"
	byCode := map[string]int{}
	err = s.each(ctx, "common shortcomings", `SELECT `+code+`, MIN(COALESCE(c.title, '')), MIN(COALESCE(c.area, '')), COUNT(*),
			SUM(CASE WHEN s.repeat_of_id IS NOT NULL THEN 1 ELSE 0 END)
		FROM shortcomings s JOIN visits v ON v.id = s.visit_id LEFT JOIN criteria c ON c.id = s.criterion_id
		WHERE `+where+` GROUP BY `+code, args, func(r Row) error {
		cc := domain.CriterionCount{Agencies: []string{}}
		err := r.Scan(&cc.Code, &cc.Criterion, &cc.Area, &cc.Count, &cc.Repeated)
		byCode[cc.Code] = len(out.CommonShortcomings)
		out.CommonShortcomings = append(out.CommonShortcomings, cc)
		return err
	})
	if err != nil {
		return nil, err
	}
	err = s.each(ctx, "common shortcomings' agencies", `SELECT DISTINCT `+code+`, a.code, a.name
		FROM shortcomings s JOIN visits v ON v.id = s.visit_id JOIN agencies a ON a.id = v.agency_id
		LEFT JOIN criteria c ON c.id = s.criterion_id WHERE `+where+` ORDER BY 1, 2`, args, func(r Row) error {
		var c, agencyCode, name string
		if err := r.Scan(&c, &agencyCode, &name); err != nil {
			return err
		}
		if i, ok := byCode[c]; ok {
			out.CommonShortcomings[i].Agencies = append(out.CommonShortcomings[i].Agencies, name)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out.CommonShortcomings, func(a, b domain.CriterionCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), CompareCodes(a.Code, b.Code))
	})
	aw, aargs := scope(f, concluded)
	if out.ActionsByStatus, err = statusCounts(ctx, s, "plan actions by status", `SELECT x.status, COUNT(*) FROM actions x
		JOIN visits v ON v.id = x.visit_id WHERE `+aw+` GROUP BY x.status`, aargs, strs(domain.ActionStatuses)); err != nil {
		return nil, err
	}
	if out.OverdueActions, err = overdueActions(ctx, s, f, concluded, ReportListLimit); err != nil {
		return nil, err
	}
	if out.Repeated, err = repeatedShortcomings(ctx, s, f, concluded, ReportListLimit); err != nil {
		return nil, err
	}
	return out, nil
}

// The yearly export, row by row.

// ExportVisits calls fn with each visit of the year, by agency code.
func (s *Store) ExportVisits(ctx context.Context, year int, fn func(*domain.ExportVisit) error) error {
	return s.each(ctx, "export visits", `SELECT v.id, a.code, a.name, pl.decision_no, v.scheduled_on, v.visited_on, v.kind, v.status,
			v.decision_no, c.overall_result, c.status, COALESCE(c.document_no, ''), c.issued_on,
			fs.score, fs.self_score, fs.max_score, COALESCE(fs.n, 0), COALESCE(sc.n, 0), COALESCE(ac.n, 0), COALESCE(ac.verified, 0)
		FROM visits v JOIN agencies a ON a.id = v.agency_id JOIN plans pl ON pl.id = v.plan_id
		LEFT JOIN conclusions c ON c.visit_id = v.id
		LEFT JOIN (SELECT f.visit_id, SUM(f.score) AS score, SUM(f.self_score) AS self_score,
				SUM(CASE WHEN f.score IS NOT NULL THEN cr.max_score END) AS max_score, COUNT(*) AS n
			FROM findings f JOIN visits fv ON fv.id = f.visit_id JOIN criteria cr ON cr.id = f.criterion_id
			WHERE fv.year = ? GROUP BY f.visit_id) fs ON fs.visit_id = v.id
		LEFT JOIN (SELECT s.visit_id, COUNT(*) AS n FROM shortcomings s JOIN visits sv ON sv.id = s.visit_id
			WHERE sv.year = ? GROUP BY s.visit_id) sc ON sc.visit_id = v.id
		LEFT JOIN (SELECT x.visit_id, COUNT(*) AS n, SUM(CASE WHEN x.status = 'verified' THEN 1 ELSE 0 END) AS verified
			FROM actions x JOIN visits xv ON xv.id = x.visit_id WHERE xv.year = ? GROUP BY x.visit_id) ac ON ac.visit_id = v.id
		WHERE v.year = ? ORDER BY a.code, v.id`, []any{year, year, year, year}, func(r Row) error {
		var x domain.ExportVisit
		var cstatus *domain.ConclusionStatus
		if err := r.Scan(&x.VisitID, &x.AgencyCode, &x.AgencyName, &x.PlanDecisionNo, &x.ScheduledOn, &x.VisitedOn, &x.Kind, &x.Status,
			&x.DecisionNo, &x.OverallResult, &cstatus, &x.DocumentNo, &x.IssuedOn, &x.Score, &x.SelfScore, &x.MaxScore,
			&x.Findings, &x.Shortcomings, &x.Actions, &x.ActionsVerified); err != nil {
			return err
		}
		if cstatus != nil {
			x.ConclusionStatus = *cstatus
		}
		x.Score, x.SelfScore, x.MaxScore = round2(x.Score), round2(x.SelfScore), round2(x.MaxScore)
		return fn(&x)
	})
}

// ExportCriteria lists the criteria (not areas) of the sets the year's
// visits use, one per code, in catalog order of their codes.
func (s *Store) ExportCriteria(ctx context.Context, year int) ([]domain.ExportCriterion, error) {
	out := []domain.ExportCriterion{}
	err := s.each(ctx, "export criteria", `SELECT c.code, MIN(c.title), MAX(c.max_score) FROM criteria c
		WHERE c.measure <> 'area' AND c.criteria_set_id IN (SELECT DISTINCT criteria_set_id FROM visits WHERE year = ?)
		GROUP BY c.code`, []any{year}, func(r Row) error {
		var c domain.ExportCriterion
		err := r.Scan(&c.Code, &c.Title, &c.MaxScore)
		out = append(out, c)
		return err
	})
	slices.SortFunc(out, func(a, b domain.ExportCriterion) int { return CompareCodes(a.Code, b.Code) })
	return out, err
}

// ExportScores calls fn with each visit of the year (not cancelled) and
// the team's scores by criterion code, one visit at a time.
func (s *Store) ExportScores(ctx context.Context, year int, fn func(*domain.ExportScores) error) error {
	var cur *domain.ExportScores
	err := s.each(ctx, "export scores", `SELECT v.id, a.code, a.name, v.status, c.code, f.score
		FROM visits v JOIN agencies a ON a.id = v.agency_id
		LEFT JOIN findings f ON f.visit_id = v.id AND f.score IS NOT NULL
		LEFT JOIN criteria c ON c.id = f.criterion_id
		WHERE v.year = ? AND `+notCancelled+` ORDER BY a.code, v.id`, []any{year}, func(r Row) error {
		var id int64
		var code, name string
		var status domain.VisitStatus
		var crit *string
		var score *float64
		if err := r.Scan(&id, &code, &name, &status, &crit, &score); err != nil {
			return err
		}
		if cur == nil || cur.VisitID != id {
			if cur != nil {
				if err := fn(cur); err != nil {
					return err
				}
			}
			cur = &domain.ExportScores{VisitID: id, AgencyCode: code, AgencyName: name, Status: status, Scores: map[string]float64{}}
		}
		if crit != nil && score != nil {
			cur.Scores[*crit] = *score
		}
		return nil
	})
	if err != nil || cur == nil {
		return err
	}
	return fn(cur)
}

// ExportFigures calls fn with each visit of the year (not cancelled) and
// its procedure and staffing figures, derived.
func (s *Store) ExportFigures(ctx context.Context, year int, fn func(*domain.ExportFigures) error) error {
	return s.each(ctx, "export figures", `SELECT v.id, a.code, a.name, p.visit_id IS NOT NULL,
			COALESCE(p.procedures_total, 0), COALESCE(p.online_full, 0), COALESCE(p.online_partial, 0),
			COALESCE(p.one_stop_shop, false), COALESCE(p.interagency_one_stop_shop, false),
			COALESCE(p.files_received, 0), COALESCE(p.files_carried_over, 0), COALESCE(p.files_early, 0), COALESCE(p.files_on_time, 0),
			COALESCE(p.files_late, 0), COALESCE(p.files_pending, 0), COALESCE(p.files_online, 0), COALESCE(p.apology_letters, 0),
			t.visit_id IS NOT NULL, COALESCE(t.deputies_actual, 0), COALESCE(t.deputies_max, 0), COALESCE(t.quota_assigned, 0),
			COALESCE(t.staff_present, 0), COALESCE(t.job_positions_approved, false)
		FROM visits v JOIN agencies a ON a.id = v.agency_id
		LEFT JOIN procedure_stats p ON p.visit_id = v.id LEFT JOIN staffing_stats t ON t.visit_id = v.id
		WHERE v.year = ? AND `+notCancelled+` ORDER BY a.code, v.id`, []any{year}, func(r Row) error {
		var x domain.ExportFigures
		var hasP, hasT bool
		var p domain.ProcedureStats
		var t domain.StaffingStats
		if err := r.Scan(&x.VisitID, &x.AgencyCode, &x.AgencyName, &hasP, &p.ProceduresTotal, &p.OnlineFull, &p.OnlinePartial,
			&p.OneStopShop, &p.InteragencyOneStopShop, &p.FilesReceived, &p.FilesCarriedOver, &p.FilesEarly, &p.FilesOnTime,
			&p.FilesLate, &p.FilesPending, &p.FilesOnline, &p.ApologyLetters,
			&hasT, &t.DeputiesActual, &t.DeputiesMax, &t.QuotaAssigned, &t.StaffPresent, &t.JobPositionsApproved); err != nil {
			return err
		}
		if hasP {
			p.VisitID = x.VisitID
			p.Derive()
			x.Procedure = &p
		}
		if hasT {
			t.VisitID = x.VisitID
			t.Derive()
			x.Staffing = &t
		}
		return fn(&x)
	})
}

// ExportShortcomings calls fn with each shortcoming of the year's visits
// (not cancelled), by agency code.
func (s *Store) ExportShortcomings(ctx context.Context, year int, fn func(*domain.ExportShortcoming) error) error {
	return s.each(ctx, "export shortcomings", `SELECT s.id, s.visit_id, a.code, a.name, COALESCE(c.code, ''), COALESCE(c.title, ''),
			s.description, s.cause, s.severity, s.repeat_of_id, rv.year, v.status
		FROM shortcomings s JOIN visits v ON v.id = s.visit_id JOIN agencies a ON a.id = v.agency_id
		LEFT JOIN criteria c ON c.id = s.criterion_id
		LEFT JOIN shortcomings r ON r.id = s.repeat_of_id LEFT JOIN visits rv ON rv.id = r.visit_id
		WHERE v.year = ? AND `+notCancelled+` ORDER BY a.code, v.id, s.id`, []any{year}, func(r Row) error {
		var x domain.ExportShortcoming
		if err := r.Scan(&x.ShortcomingID, &x.VisitID, &x.AgencyCode, &x.AgencyName, &x.CriterionCode, &x.Criterion,
			&x.Description, &x.Cause, &x.Severity, &x.RepeatOfID, &x.RepeatYear, &x.VisitStatus); err != nil {
			return err
		}
		return fn(&x)
	})
}

// ExportActions calls fn with each action of the year's visits (not
// cancelled), derived as of today.
func (s *Store) ExportActions(ctx context.Context, year int, today domain.Date, fn func(*domain.ExportAction) error) error {
	return s.each(ctx, "export actions", `SELECT x.id, x.shortcoming_id, x.visit_id, x.agency_id, a.code, a.name,
			x.description, x.owner_agency_id, COALESCE(o.name, ''), x.owner_name, x.due_on, x.status, s.description
		FROM actions x JOIN visits v ON v.id = x.visit_id JOIN agencies a ON a.id = x.agency_id
		JOIN shortcomings s ON s.id = x.shortcoming_id LEFT JOIN agencies o ON o.id = x.owner_agency_id
		WHERE v.year = ? AND `+notCancelled+` ORDER BY a.code, x.visit_id, x.id`, []any{year}, func(r Row) error {
		var x domain.ExportAction
		if err := r.Scan(&x.ID, &x.ShortcomingID, &x.VisitID, &x.AgencyID, &x.AgencyCode, &x.AgencyName, &x.Description,
			&x.OwnerAgencyID, &x.OwnerAgency, &x.OwnerName, &x.DueOn, &x.Status, &x.Shortcoming); err != nil {
			return err
		}
		x.Derive(today)
		return fn(&x)
	})
}

// CreateBatch inserts a slice of records of one entity type in batches of
// size rows per statement, each with version 1 and its search text and
// timestamps set as Create sets them: for generated data and imports.
func (s *Store) CreateBatch(ctx context.Context, records any, size int) error {
	v := reflect.ValueOf(records)
	if v.Kind() != reflect.Slice || v.Len() == 0 {
		return nil
	}
	for i := range v.Len() {
		rec := v.Index(i).Addr().Interface()
		setField(rec, "Version", 1)
		setSearch(rec)
		utcTimes(rec)
	}
	entity := entityOf(v.Index(0).Addr().Interface())
	return translate(s.q(ctx).CreateInBatches(records, size).Error, entity, false)
}

// CompareCodes orders criterion codes as the catalog does: "1.2" before
// "1.10", numbers before other text, and no code ("") last.
func CompareCodes(a, b string) int {
	if (a == "") != (b == "") {
		if a == "" {
			return 1
		}
		return -1
	}
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := range min(len(pa), len(pb)) {
		na, ea := strconv.Atoi(pa[i])
		nb, eb := strconv.Atoi(pb[i])
		switch {
		case ea == nil && eb == nil:
			if c := cmp.Compare(na, nb); c != 0 {
				return c
			}
		case ea == nil:
			return -1
		case eb == nil:
			return 1
		default:
			if c := strings.Compare(pa[i], pb[i]); c != 0 {
				return c
			}
		}
	}
	return cmp.Compare(len(pa), len(pb))
}

// round2 rounds a sum of scores to two decimals, as floating point sums
// pick up noise (0.1 + 0.2).
func round2(f *float64) *float64 {
	if f == nil {
		return nil
	}
	r := math.Round(*f*100) / 100
	return &r
}
