package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// VisitDetailSQL reads, in one round trip, what a visit's page shows
// besides the visit and its team: the agency, the procedure and staffing
// figures (NULLs when not entered yet) and the counts. It was four
// queries; the one query is what the load benchmark measured best
// (docs/performance.md). The benchmark's raw baseline runs the same text.
const VisitDetailSQL = `SELECT a.id, a.code, a.name, a.kind, a.parent_id, a.province, a.active, a.successor_id, a.version,
	a.created_at, a.updated_at,
	p.visit_id, p.procedures_total, p.online_full, p.online_partial, p.one_stop_shop, p.interagency_one_stop_shop,
	p.files_received, p.files_carried_over, p.files_early, p.files_on_time, p.files_late, p.files_pending, p.files_online,
	p.apology_letters, p.version, p.updated_at,
	s.visit_id, s.deputies_actual, s.deputies_max, s.quota_assigned, s.staff_present, s.job_positions_approved, s.version, s.updated_at,
	(SELECT COUNT(*) FROM findings WHERE visit_id = ?),
	(SELECT COUNT(*) FROM shortcomings WHERE visit_id = ?),
	(SELECT COUNT(*) FROM actions WHERE visit_id = ?),
	(SELECT COUNT(*) FROM actions WHERE visit_id = ? AND status IN ('open', 'in_progress'))
FROM agencies a
LEFT JOIN procedure_stats p ON p.visit_id = ?
LEFT JOIN staffing_stats s ON s.visit_id = ?
WHERE a.id = ?`

// VisitDetailOf completes a loaded visit with its agency, team, figures and
// counts (for callers that loaded the visit to check access): two queries
// whatever the visit holds.
func (s *Store) VisitDetailOf(ctx context.Context, v *domain.Visit) (*domain.VisitDetail, error) {
	id := v.ID
	d := &domain.VisitDetail{Visit: *v, Agency: &domain.Agency{}}
	var (
		a = d.Agency
		p struct {
			VisitID                                                                       *int64
			Total, Full, Partial, Received, Carried, Early, OnTime, Late, Pending, Online *int
			Apology, Version                                                              *int
			OneStop, Interagency                                                          *bool
			UpdatedAt                                                                     sql.Null[time.Time]
		}
		st struct {
			VisitID                              *int64
			Actual, Max, Quota, Present, Version *int
			Approved                             *bool
			UpdatedAt                            sql.Null[time.Time]
		}
	)
	rows, done, err := s.query(ctx, VisitDetailSQL, id, id, id, id, id, id, v.AgencyID)
	if err != nil {
		return nil, translate(err, "visit", false)
	}
	defer done()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, translate(err, "visit", false)
		}
		return nil, domain.NotFound("agency")
	}
	c := &d.Counts
	err = rows.Scan(&a.ID, &a.Code, &a.Name, &a.Kind, &a.ParentID, &a.Province, &a.Active, &a.SuccessorID, &a.Version,
		&a.CreatedAt, &a.UpdatedAt,
		&p.VisitID, &p.Total, &p.Full, &p.Partial, &p.OneStop, &p.Interagency, &p.Received, &p.Carried, &p.Early, &p.OnTime,
		&p.Late, &p.Pending, &p.Online, &p.Apology, &p.Version, &p.UpdatedAt,
		&st.VisitID, &st.Actual, &st.Max, &st.Quota, &st.Present, &st.Approved, &st.Version, &st.UpdatedAt,
		&c.Findings, &c.Shortcomings, &c.Actions, &c.OpenActions)
	if err == nil {
		done() // the team's query may need the connection (SQLite has one)
		err = rows.Err()
	}
	if err != nil {
		return nil, translate(err, "visit", false)
	}
	a.CreatedAt, a.UpdatedAt = utc(a.CreatedAt), utc(a.UpdatedAt)
	if p.VisitID != nil {
		d.ProcedureStats = &domain.ProcedureStats{VisitID: *p.VisitID, ProceduresTotal: *p.Total, OnlineFull: *p.Full,
			OnlinePartial: *p.Partial, OneStopShop: *p.OneStop, InteragencyOneStopShop: *p.Interagency, FilesReceived: *p.Received,
			FilesCarriedOver: *p.Carried, FilesEarly: *p.Early, FilesOnTime: *p.OnTime, FilesLate: *p.Late, FilesPending: *p.Pending,
			FilesOnline: *p.Online, ApologyLetters: *p.Apology, Version: *p.Version, UpdatedAt: utc(p.UpdatedAt.V)}
		d.ProcedureStats.Derive()
	}
	if st.VisitID != nil {
		d.StaffingStats = &domain.StaffingStats{VisitID: *st.VisitID, DeputiesActual: *st.Actual, DeputiesMax: *st.Max,
			QuotaAssigned: *st.Quota, StaffPresent: *st.Present, JobPositionsApproved: *st.Approved, Version: *st.Version,
			UpdatedAt: utc(st.UpdatedAt.V)}
		d.StaffingStats.Derive()
	}
	if d.Team, err = s.Team(ctx, id); err != nil {
		return nil, err
	}
	return d, nil
}
