package bench

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/metrics"
	"github.com/cchc-inspect/cchc/internal/search"
	"github.com/cchc-inspect/cchc/internal/service"
	"github.com/cchc-inspect/cchc/internal/store"
)

// Baseline is the raw server the app is measured against: net/http and pgx,
// no framework, no ORM, serving the endpoints of the mix with the same
// essential work as the app — the same bearer-token check (revoked tokens
// and deactivated users refused at once), the same queries and access
// rules (for administrators, whom the bench signs in as), the same audit
// row in the same hash chain, the same JSON, compressed the same way.
// What it leaves out is what the app adds around that work: routing and
// middleware of a framework, the ORM, reflection-driven updates, request
// logs, sessions and the other roles' rules.
type Baseline struct {
	pool *pgxpool.Pool
	mux  *http.ServeMux
	loc  *time.Location
}

// NewBaseline connects to the PostgreSQL database at url with a pool of
// maxConns connections (the app's default is 32); loc is the province's
// time zone, the app's CCHC_TIMEZONE (nil: UTC).
func NewBaseline(ctx context.Context, url string, maxConns int, loc *time.Location) (*Baseline, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	cfg.MaxConns, cfg.MinConns = int32(maxConns), int32(maxConns)
	cfg.AfterConnect = func(_ context.Context, c *pgx.Conn) error {
		c.TypeMap().RegisterType(&pgtype.Type{Name: "timestamptz", OID: pgtype.TimestamptzOID,
			Codec: &pgtype.TimestamptzCodec{ScanLocation: time.UTC}})
		return nil
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("baseline: %w", err)
	}
	if loc == nil {
		loc = time.UTC
	}
	b := &Baseline{pool: pool, mux: http.NewServeMux(), loc: loc}
	b.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	b.mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "cchc_process_peak_resident_memory_bytes %d\n", metrics.PeakRSS(0))
	})
	b.mux.HandleFunc("GET /api/v1/visits/{id}", b.auth(b.getVisit))
	b.mux.HandleFunc("GET /api/v1/visits/{id}/findings", b.auth(b.listFindings))
	b.mux.HandleFunc("GET /api/v1/visits", b.auth(b.listVisits))
	b.mux.HandleFunc("POST /api/v1/visits/{id}/findings", b.auth(b.createFinding))
	b.mux.HandleFunc("PATCH /api/v1/findings/{id}", b.auth(b.updateFinding))
	b.mux.HandleFunc("POST /api/v1/actions/{id}/updates", b.auth(b.reportProgress))
	b.mux.HandleFunc("GET /api/v1/reports/dashboard", b.auth(b.dashboard))
	return b, nil
}

// Close closes the pool.
func (b *Baseline) Close() { b.pool.Close() }

// ServeHTTP serves a request.
func (b *Baseline) ServeHTTP(w http.ResponseWriter, r *http.Request) { b.mux.ServeHTTP(w, r) }

// caller is the authenticated user and the request's ID.
type caller struct {
	user      domain.User
	requestID string
}

type handler func(ctx context.Context, c *caller, w http.ResponseWriter, r *http.Request) error

// httpError is an answer other than success.
type httpError struct {
	status int
	detail string
}

// Error returns the detail of the answer.
func (e *httpError) Error() string { return e.detail }

func fail(status int, detail string) error { return &httpError{status, detail} }

var errNotFound = fail(http.StatusNotFound, "not found")

// auth checks the bearer token as the app does, then runs h; errors become
// problem+json answers.
func (b *Baseline) auth(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := make([]byte, 12)
		rand.Read(id)
		c := &caller{requestID: hex.EncodeToString(id)}
		w.Header().Set("X-Request-Id", c.requestID)
		ctx, cancel := context.WithTimeout(r.Context(), 15*time.Second)
		defer cancel()
		err := b.authenticate(ctx, c, r)
		if err == nil {
			err = h(ctx, c, w, r)
		}
		if err != nil {
			var he *httpError
			if !errors.As(err, &he) {
				he = &httpError{http.StatusInternalServerError, err.Error()}
			}
			var pe *pgconn.PgError
			if errors.As(err, &pe) && pe.Code == "23505" {
				he = &httpError{http.StatusConflict, "already exists"}
			}
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(he.status)
			json.NewEncoder(w).Encode(map[string]any{"type": "about:blank", "title": http.StatusText(he.status), "status": he.status, "detail": he.detail})
		}
	}
}

// authenticate finds the token's user in one query; a revoked token or an
// inactive user is refused; the token's last use is written at most once
// a minute.
func (b *Baseline) authenticate(ctx context.Context, c *caller, r *http.Request) error {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || !strings.HasPrefix(strings.TrimSpace(token), service.TokenPrefix) {
		return fail(http.StatusUnauthorized, "sign in first")
	}
	var (
		tokenID          int64
		lastUsed, revoke *time.Time
		u                = &c.user
	)
	err := b.pool.QueryRow(ctx, `SELECT t.id, t.last_used_at, t.revoked_at, u.id, u.username, u.full_name, u.title, u.role,
		u.agency_id, u.active, u.version, u.created_at, u.updated_at
		FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1`, service.HashSecret(strings.TrimSpace(token))).
		Scan(&tokenID, &lastUsed, &revoke, &u.ID, &u.Username, &u.FullName, &u.Title, &u.Role, &u.AgencyID, &u.Active, &u.Version,
			&u.CreatedAt, &u.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && (revoke != nil || !u.Active)) {
		return fail(http.StatusUnauthorized, "sign in first")
	}
	if err != nil {
		return err
	}
	if now := now(); lastUsed == nil || now.Sub(*lastUsed) >= time.Minute {
		if _, err := b.pool.Exec(ctx, "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2", now, tokenID); err != nil {
			return err
		}
	}
	if u.Role != domain.RoleAdmin {
		return fail(http.StatusForbidden, "the baseline serves administrators only")
	}
	return nil
}

func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, fail(http.StatusNotFound, "not found")
	}
	return id, nil
}

// querier is a pool or a transaction.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

const visitColumns = `id, plan_id, agency_id, criteria_set_id, year, scheduled_on, visited_on, decision_no, kind, location,
	agency_representatives, status, version, created_at, updated_at`

func scanVisit(row pgx.Row, v *domain.Visit) error {
	var reps string
	err := row.Scan(&v.ID, &v.PlanID, &v.AgencyID, &v.CriteriaSetID, &v.Year, &v.ScheduledOn, &v.VisitedOn, &v.DecisionNo, &v.Kind,
		&v.Location, &reps, &v.Status, &v.Version, &v.CreatedAt, &v.UpdatedAt)
	if err != nil {
		return err
	}
	return json.Unmarshal([]byte(reps), &v.AgencyRepresentatives)
}

func loadVisit(ctx context.Context, q querier, id int64) (*domain.Visit, error) {
	v := &domain.Visit{}
	err := scanVisit(q.QueryRow(ctx, "SELECT "+visitColumns+" FROM visits WHERE id = $1", id), v)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, errNotFound
	}
	return v, err
}

func (b *Baseline) getVisit(ctx context.Context, _ *caller, w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	v, err := loadVisit(ctx, b.pool, id)
	if err != nil {
		return err
	}
	d := &domain.VisitDetail{Visit: *v, Agency: &domain.Agency{}, Team: []domain.TeamMember{}}
	a, c := d.Agency, &d.Counts
	var (
		p struct {
			VisitID                                                                       *int64
			Total, Full, Partial, Received, Carried, Early, OnTime, Late, Pending, Online *int
			Apology, Version                                                              *int
			OneStop, Interagency                                                          *bool
			UpdatedAt                                                                     *time.Time
		}
		st struct {
			VisitID                              *int64
			Actual, Max, Quota, Present, Version *int
			Approved                             *bool
			UpdatedAt                            *time.Time
		}
	)
	// The store's query: the agency, the figures and the counts in one round trip.
	err = b.pool.QueryRow(ctx, store.Numbered(store.VisitDetailSQL), id, id, id, id, id, id, v.AgencyID).Scan(&a.ID, &a.Code, &a.Name, &a.Kind, &a.ParentID, &a.Province, &a.Active,
		&a.SuccessorID, &a.Version, &a.CreatedAt, &a.UpdatedAt,
		&p.VisitID, &p.Total, &p.Full, &p.Partial, &p.OneStop, &p.Interagency, &p.Received, &p.Carried, &p.Early, &p.OnTime,
		&p.Late, &p.Pending, &p.Online, &p.Apology, &p.Version, &p.UpdatedAt,
		&st.VisitID, &st.Actual, &st.Max, &st.Quota, &st.Present, &st.Approved, &st.Version, &st.UpdatedAt,
		&c.Findings, &c.Shortcomings, &c.Actions, &c.OpenActions)
	if err != nil {
		return err
	}
	if p.VisitID != nil {
		d.ProcedureStats = &domain.ProcedureStats{VisitID: *p.VisitID, ProceduresTotal: *p.Total, OnlineFull: *p.Full,
			OnlinePartial: *p.Partial, OneStopShop: *p.OneStop, InteragencyOneStopShop: *p.Interagency, FilesReceived: *p.Received,
			FilesCarriedOver: *p.Carried, FilesEarly: *p.Early, FilesOnTime: *p.OnTime, FilesLate: *p.Late, FilesPending: *p.Pending,
			FilesOnline: *p.Online, ApologyLetters: *p.Apology, Version: *p.Version, UpdatedAt: *p.UpdatedAt}
		d.ProcedureStats.Derive()
	}
	if st.VisitID != nil {
		d.StaffingStats = &domain.StaffingStats{VisitID: *st.VisitID, DeputiesActual: *st.Actual, DeputiesMax: *st.Max,
			QuotaAssigned: *st.Quota, StaffPresent: *st.Present, JobPositionsApproved: *st.Approved, Version: *st.Version,
			UpdatedAt: *st.UpdatedAt}
		d.StaffingStats.Derive()
	}
	rows, err := b.pool.Query(ctx, "SELECT id, visit_id, user_id, full_name, title, role, sort_order FROM team_members WHERE visit_id = $1 ORDER BY sort_order, id", id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var m domain.TeamMember
		if err := rows.Scan(&m.ID, &m.VisitID, &m.UserID, &m.FullName, &m.Title, &m.Role, &m.SortOrder); err != nil {
			return err
		}
		d.Team = append(d.Team, m)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return writeJSON(w, r, http.StatusOK, d)
}

// list is the app's answer to a list.
type list[T any] struct {
	Items   []T `json:"items"`
	Page    int `json:"page"`
	PerPage int `json:"per_page"`
	Total   int `json:"total"`
}

// page reads ?page= and ?per_page= as the app does.
func page(r *http.Request) (domain.Page, error) {
	p := domain.Page{Page: 1, PerPage: domain.DefaultPerPage}
	for name, dst := range map[string]*int{"page": &p.Page, "per_page": &p.PerPage} {
		if s := r.URL.Query().Get(name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 || (name == "per_page" && n > domain.MaxPerPage) || n > 1_000_000 {
				return p, fail(http.StatusBadRequest, name)
			}
			*dst = n
		}
	}
	return p, nil
}

const findingColumns = "findings.id, findings.visit_id, findings.criterion_id, findings.rating, findings.value, findings.score, findings.note, findings.self_score, findings.self_note, findings.version, findings.created_at, findings.updated_at"

func scanFinding(row pgx.Row, f *domain.Finding) error {
	return row.Scan(&f.ID, &f.VisitID, &f.CriterionID, &f.Rating, &f.Value, &f.Score, &f.Note, &f.SelfScore, &f.SelfNote, &f.Version,
		&f.CreatedAt, &f.UpdatedAt)
}

func (b *Baseline) listFindings(ctx context.Context, _ *caller, w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := page(r)
	if err != nil {
		return err
	}
	if _, err := loadVisit(ctx, b.pool, id); err != nil {
		return err
	}
	out := list[domain.Finding]{Items: []domain.Finding{}, Page: p.Page, PerPage: p.PerPage}
	if err := b.pool.QueryRow(ctx, "SELECT COUNT(*) FROM findings JOIN criteria ON criteria.id = findings.criterion_id WHERE findings.visit_id = $1", id).
		Scan(&out.Total); err != nil {
		return err
	}
	if out.Total > 0 {
		rows, err := b.pool.Query(ctx, "SELECT "+findingColumns+` FROM findings JOIN criteria ON criteria.id = findings.criterion_id
			WHERE findings.visit_id = $1 ORDER BY criteria.sort_order, criteria.code, findings.id LIMIT $2 OFFSET $3`, id, p.PerPage, p.Offset())
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var f domain.Finding
			if err := scanFinding(rows, &f); err != nil {
				return err
			}
			out.Items = append(out.Items, f)
		}
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return writeJSON(w, r, http.StatusOK, out)
}

// listVisits filters as the app's list does: year, agency, plan, state and
// a search whose every word must be in the visit's or its agency's text.
func (b *Baseline) listVisits(ctx context.Context, _ *caller, w http.ResponseWriter, r *http.Request) error {
	p, err := page(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	var (
		where []string
		args  []any
		join  string
	)
	arg := func(v any) string { args = append(args, v); return "$" + strconv.Itoa(len(args)) }
	for _, f := range []struct{ param, column string }{{"year", "visits.year"}, {"agency_id", "visits.agency_id"}, {"plan_id", "visits.plan_id"}} {
		if s := q.Get(f.param); s != "" {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return fail(http.StatusBadRequest, f.param)
			}
			where = append(where, f.column+" = "+arg(n))
		}
	}
	if s := q.Get("status"); s != "" {
		if !slices.Contains(domain.VisitStatuses, domain.VisitStatus(s)) {
			return fail(http.StatusBadRequest, "status")
		}
		where = append(where, "visits.status = "+arg(s))
	}
	if s := q.Get("q"); s != "" {
		if utf8.RuneCountInString(s) > 200 {
			return fail(http.StatusBadRequest, "q")
		}
		join = " JOIN agencies ON agencies.id = visits.agency_id"
		for _, pat := range search.Patterns(s) {
			a := arg(pat)
			where = append(where, "(visits.search LIKE "+a+` ESCAPE '\' OR agencies.search LIKE `+a+` ESCAPE '\')`)
		}
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	out := list[domain.Visit]{Items: []domain.Visit{}, Page: p.Page, PerPage: p.PerPage}
	if err := b.pool.QueryRow(ctx, "SELECT COUNT(*) FROM visits"+join+cond, args...).Scan(&out.Total); err != nil {
		return err
	}
	if out.Total > 0 {
		cols := "visits." + strings.ReplaceAll(visitColumns, ", ", ", visits.")
		rows, err := b.pool.Query(ctx, "SELECT "+cols+" FROM visits"+join+cond+" ORDER BY visits.id DESC LIMIT "+arg(p.PerPage)+" OFFSET "+arg(p.Offset()), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var v domain.Visit
			if err := scanVisit(rows, &v); err != nil {
				return err
			}
			out.Items = append(out.Items, v)
		}
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return writeJSON(w, r, http.StatusOK, out)
}

// newFinding is the body of POST /visits/{id}/findings.
type newFinding struct {
	CriterionID int64          `json:"criterion_id"`
	Rating      *domain.Rating `json:"rating"`
	Value       *float64       `json:"value"`
	Score       *float64       `json:"score"`
	Note        string         `json:"note"`
	SelfScore   *float64       `json:"self_score"`
	SelfNote    string         `json:"self_note"`
}

// findingPatch is the body of PATCH /findings/{id}.
type findingPatch struct {
	Version   *int                           `json:"version"`
	Rating    domain.Optional[domain.Rating] `json:"rating"`
	Value     domain.Optional[float64]       `json:"value"`
	Score     domain.Optional[float64]       `json:"score"`
	Note      *string                        `json:"note"`
	SelfScore domain.Optional[float64]       `json:"self_score"`
	SelfNote  *string                        `json:"self_note"`
}

// decode reads one JSON value strictly, as the app's binding does.
func decode(r *http.Request, dst any) error {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		return fail(http.StatusUnsupportedMediaType, "the body must be application/json")
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20+1))
	if err != nil || len(body) > 1<<20 {
		return fail(http.StatusRequestEntityTooLarge, "too large")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return fail(http.StatusBadRequest, err.Error())
	}
	return nil
}

func invalid(err error) error {
	if err == nil {
		return nil
	}
	return fail(http.StatusUnprocessableEntity, err.Error())
}

// checkNumbers applies the app's bounds on a finding's numbers and texts.
func checkNumbers(rating *domain.Rating, value, score, selfScore *float64, note, selfNote *string) error {
	bad := func(p *float64, lo, hi float64) bool { return p != nil && (*p < lo || *p > hi || math.IsNaN(*p)) }
	if rating != nil && !slices.Contains(domain.Ratings, *rating) || bad(value, -1e9, 1e9) || bad(score, 0, 1000) || bad(selfScore, 0, 1000) ||
		note != nil && utf8.RuneCountInString(*note) > 10000 || selfNote != nil && utf8.RuneCountInString(*selfNote) > 10000 {
		return fail(http.StatusUnprocessableEntity, "invalid")
	}
	return nil
}

// openVisit loads the visit of a finding being written, in tx: it must
// exist and its records be open.
func openVisit(ctx context.Context, tx pgx.Tx, visitID int64) (*domain.Visit, error) {
	v, err := loadVisit(ctx, tx, visitID)
	if err != nil {
		return nil, err
	}
	if !v.Status.RecordsEditable() {
		return nil, fail(http.StatusConflict, "the visit's records are frozen")
	}
	return v, nil
}

func criterionOf(ctx context.Context, tx pgx.Tx, v *domain.Visit, id int64) (*domain.Criterion, error) {
	c := &domain.Criterion{}
	err := tx.QueryRow(ctx, `SELECT id, criteria_set_id, parent_id, code, area, title, measure, max_score, sort_order, version, created_at, updated_at
		FROM criteria WHERE id = $1`, id).Scan(&c.ID, &c.CriteriaSetID, &c.ParentID, &c.Code, &c.Area, &c.Title, &c.Measure, &c.MaxScore,
		&c.SortOrder, &c.Version, &c.CreatedAt, &c.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) || err == nil && c.CriteriaSetID != v.CriteriaSetID {
		return nil, fail(http.StatusUnprocessableEntity, "criterion_id: not_in_set")
	}
	return c, err
}

func (b *Baseline) createFinding(ctx context.Context, c *caller, w http.ResponseWriter, r *http.Request) error {
	visitID, err := pathID(r)
	if err != nil {
		return err
	}
	var in newFinding
	if err := decode(r, &in); err != nil {
		return err
	}
	if in.CriterionID <= 0 {
		return fail(http.StatusUnprocessableEntity, "criterion_id: required")
	}
	if err := checkNumbers(in.Rating, in.Value, in.Score, in.SelfScore, &in.Note, &in.SelfNote); err != nil {
		return err
	}
	t := now()
	f := &domain.Finding{VisitID: visitID, CriterionID: in.CriterionID, Rating: in.Rating, Value: in.Value, Score: in.Score, Note: in.Note,
		SelfScore: in.SelfScore, SelfNote: in.SelfNote, Version: 1, CreatedAt: t, UpdatedAt: t}
	err = pgx.BeginFunc(ctx, b.pool, func(tx pgx.Tx) error {
		v, err := openVisit(ctx, tx, visitID)
		if err != nil {
			return err
		}
		crit, err := criterionOf(ctx, tx, v, f.CriterionID)
		if err != nil {
			return err
		}
		if err := invalid(domain.CheckFinding(*f, *crit)); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, `INSERT INTO findings (visit_id, criterion_id, rating, value, score, note, self_score, self_note, version, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`, f.VisitID, f.CriterionID, f.Rating, f.Value, f.Score, f.Note,
			f.SelfScore, f.SelfNote, f.Version, f.CreatedAt, f.UpdatedAt).Scan(&f.ID); err != nil {
			return err
		}
		if err := appendAudit(ctx, tx, c, "finding", f.ID, "create", findingCreated(f)); err != nil {
			return err
		}
		if v.Status == domain.VisitPlanned {
			res, err := tx.Exec(ctx, "UPDATE visits SET status = $1, version = $2, updated_at = $3 WHERE id = $4 AND version = $5",
				domain.VisitInProgress, v.Version+1, t, v.ID, v.Version)
			if err != nil {
				return err
			}
			if res.RowsAffected() == 0 {
				return fail(http.StatusConflict, "the visit changed")
			}
			return appendAudit(ctx, tx, c, "visit", v.ID, "status", map[string]domain.Change{"status": {Old: v.Status, New: domain.VisitInProgress}})
		}
		return nil
	})
	if err != nil {
		return err
	}
	return writeJSON(w, r, http.StatusCreated, f)
}

func (b *Baseline) updateFinding(ctx context.Context, c *caller, w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in findingPatch
	if err := decode(r, &in); err != nil {
		return err
	}
	if in.Version == nil {
		if v, err := strconv.Atoi(strings.Trim(r.Header.Get("If-Match"), `"`)); err == nil {
			in.Version = &v
		} else {
			return fail(http.StatusPreconditionRequired, "version required")
		}
	}
	if err := checkNumbers(in.Rating.Value, in.Value.Value, in.Score.Value, in.SelfScore.Value, in.Note, in.SelfNote); err != nil {
		return err
	}
	var out *domain.Finding
	err = pgx.BeginFunc(ctx, b.pool, func(tx pgx.Tx) error {
		old := &domain.Finding{}
		if err := scanFinding(tx.QueryRow(ctx, "SELECT "+findingColumns+" FROM findings WHERE id = $1", id), old); errors.Is(err, pgx.ErrNoRows) {
			return errNotFound
		} else if err != nil {
			return err
		}
		cur := *old
		if in.Rating.Set {
			cur.Rating = in.Rating.Value
		}
		if in.Value.Set {
			cur.Value = in.Value.Value
		}
		if in.Score.Set {
			cur.Score = in.Score.Value
		}
		if in.Note != nil {
			cur.Note = *in.Note
		}
		if in.SelfScore.Set {
			cur.SelfScore = in.SelfScore.Value
		}
		if in.SelfNote != nil {
			cur.SelfNote = *in.SelfNote
		}
		v, err := openVisit(ctx, tx, old.VisitID)
		if errors.Is(err, errNotFound) {
			return errNotFound
		} else if err != nil {
			return err
		}
		crit, err := criterionOf(ctx, tx, v, cur.CriterionID)
		if err != nil {
			return err
		}
		if err := invalid(domain.CheckFinding(cur, *crit)); err != nil {
			return err
		}
		if old.Version != *in.Version {
			return fail(http.StatusConflict, "stale version")
		}
		changes := findingChanges(old, &cur)
		out = old
		if len(changes) == 0 {
			return nil
		}
		cur.Version, cur.UpdatedAt = old.Version+1, now()
		res, err := tx.Exec(ctx, `UPDATE findings SET rating = $1, value = $2, score = $3, note = $4, self_score = $5, self_note = $6,
			version = $7, updated_at = $8 WHERE id = $9 AND version = $10`, cur.Rating, cur.Value, cur.Score, cur.Note, cur.SelfScore,
			cur.SelfNote, cur.Version, cur.UpdatedAt, id, old.Version)
		if err != nil {
			return err
		}
		if res.RowsAffected() == 0 {
			return fail(http.StatusConflict, "stale version")
		}
		out = &cur
		return appendAudit(ctx, tx, c, "finding", id, "update", changes)
	})
	if err != nil {
		return err
	}
	return writeJSON(w, r, http.StatusOK, out)
}

// raw is a value as the audit trail records it: its JSON.
func raw(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

// findingCreated is domain.Created of a finding, written out.
func findingCreated(f *domain.Finding) map[string]domain.Change {
	return map[string]domain.Change{
		"visit_id": {New: raw(f.VisitID)}, "criterion_id": {New: raw(f.CriterionID)}, "rating": {New: raw(f.Rating)},
		"value": {New: raw(f.Value)}, "score": {New: raw(f.Score)}, "note": {New: raw(f.Note)},
		"self_score": {New: raw(f.SelfScore)}, "self_note": {New: raw(f.SelfNote)},
	}
}

// findingChanges is domain.Diff of two findings, written out.
func findingChanges(old, cur *domain.Finding) map[string]domain.Change {
	out := map[string]domain.Change{}
	for _, f := range []struct {
		name     string
		old, cur any
	}{{"rating", old.Rating, cur.Rating}, {"value", old.Value, cur.Value}, {"score", old.Score, cur.Score}, {"note", old.Note, cur.Note},
		{"self_score", old.SelfScore, cur.SelfScore}, {"self_note", old.SelfNote, cur.SelfNote}} {
		a, b := raw(f.old), raw(f.cur)
		if !bytes.Equal(a, b) {
			out[f.name] = domain.Change{Old: a, New: b}
		}
	}
	return out
}

// actionUpdate is the body of POST /actions/{id}/updates.
type actionUpdate struct {
	Note   string               `json:"note"`
	Status *domain.ActionStatus `json:"status"`
}

func (b *Baseline) reportProgress(ctx context.Context, c *caller, w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in actionUpdate
	if err := decode(r, &in); err != nil {
		return err
	}
	if in.Note == "" && in.Status == nil || utf8.RuneCountInString(in.Note) > 10000 ||
		in.Status != nil && *in.Status != domain.ActionInProgress && *in.Status != domain.ActionReportedDone {
		return fail(http.StatusUnprocessableEntity, "invalid")
	}
	author := c.user.ID
	rep := &domain.ActionUpdateReport{ActionID: id, Note: in.Note, Status: in.Status, AuthorID: &author, CreatedAt: now()}
	err = pgx.BeginFunc(ctx, b.pool, func(tx pgx.Tx) error {
		var (
			visitID, version int64
			status           domain.ActionStatus
		)
		err := tx.QueryRow(ctx, "SELECT visit_id, status, version FROM actions WHERE id = $1", id).Scan(&visitID, &status, &version)
		if errors.Is(err, pgx.ErrNoRows) {
			return errNotFound
		} else if err != nil {
			return err
		}
		v, err := loadVisit(ctx, tx, visitID)
		if err != nil {
			return err
		}
		if v.Status != domain.VisitApproved {
			return fail(http.StatusConflict, "not in remediation")
		}
		if in.Status != nil && *in.Status != status {
			if err := domain.CheckActionTransition(status, *in.Status); err != nil {
				return fail(http.StatusConflict, err.Error())
			}
			res, err := tx.Exec(ctx, "UPDATE actions SET status = $1, version = $2, updated_at = $3 WHERE id = $4 AND version = $5",
				*in.Status, version+1, rep.CreatedAt, id, version)
			if err != nil {
				return err
			}
			if res.RowsAffected() == 0 {
				return fail(http.StatusConflict, "stale version")
			}
			if err := appendAudit(ctx, tx, c, "action", id, "update", map[string]domain.Change{"status": {Old: status, New: *in.Status}}); err != nil {
				return err
			}
		}
		if err := tx.QueryRow(ctx, "INSERT INTO action_updates (action_id, note, status, author_id, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
			rep.ActionID, rep.Note, rep.Status, rep.AuthorID, rep.CreatedAt).Scan(&rep.ID); err != nil {
			return err
		}
		return appendAudit(ctx, tx, c, "action_update", rep.ID, "create", map[string]domain.Change{
			"action_id": {New: raw(rep.ActionID)}, "note": {New: raw(rep.Note)}, "status": {New: raw(rep.Status)}, "author_id": {New: raw(rep.AuthorID)}})
	})
	if err != nil {
		return err
	}
	return writeJSON(w, r, http.StatusCreated, rep)
}

// appendAudit adds an event at the end of the audit chain inside tx, as
// the store does: under the same advisory lock, after the same last hash.
func appendAudit(ctx context.Context, tx pgx.Tx, c *caller, entity string, id int64, action string, changes map[string]domain.Change) error {
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", store.AuditLock); err != nil {
		return err
	}
	var prev string
	if err := tx.QueryRow(ctx, "SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1").Scan(&prev); err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	text, err := json.Marshal(changes)
	if err != nil {
		return err
	}
	at, actor := now(), c.user.ID
	hash := domain.ChainHash(prev, at, &actor, entity, id, action, string(text), c.requestID)
	_, err = tx.Exec(ctx, `INSERT INTO audit_events (at, actor_id, entity_type, entity_id, action, changes, request_id, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, at, actor, entity, id, action, string(text), c.requestID, prev, hash)
	return err
}

var gzipPool = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed); return w }}

// writeJSON answers v as the app does (encoding/json, a final newline),
// gzipped like the app's answers when the client accepts it and the answer
// is at least 1 KiB.
func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) error {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	if buf.Len() < 1024 || !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		w.WriteHeader(status)
		_, err := w.Write(buf.Bytes())
		return err
	}
	h.Set("Content-Encoding", "gzip")
	h.Add("Vary", "Accept-Encoding")
	w.WriteHeader(status)
	gz := gzipPool.Get().(*gzip.Writer)
	defer gzipPool.Put(gz)
	gz.Reset(w)
	if _, err := gz.Write(buf.Bytes()); err != nil {
		return err
	}
	return gz.Close()
}

// dashboard runs the store's dashboard queries, the same SQL text, through
// pgx, as many at once as the app does.
func (b *Baseline) dashboard(ctx context.Context, _ *caller, w http.ResponseWriter, r *http.Request) error {
	var f domain.ReportFilter
	q := r.URL.Query()
	if s := q.Get("year"); s != "" {
		year, err := strconv.Atoi(s)
		if err != nil || year < 2000 || year > 2100 {
			return fail(http.StatusBadRequest, "year")
		}
		f.Year = &year
	}
	if s := q.Get("plan_id"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return fail(http.StatusBadRequest, "plan_id")
		}
		var n int
		if err := b.pool.QueryRow(ctx, "SELECT COUNT(*) FROM plans WHERE id = $1", id).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fail(http.StatusBadRequest, "plan_id")
		}
		f.PlanID = &id
	}
	if f.Year == nil && f.PlanID == nil {
		return fail(http.StatusBadRequest, "year")
	}
	f.Today = domain.DateOf(time.Now().In(b.loc))
	d, err := store.ComputeDashboard(ctx, pgxQuerier{b.pool}, f, store.DashboardQueries)
	if err != nil {
		return err
	}
	return writeJSON(w, r, http.StatusOK, d)
}

// pgxQuerier runs the store's report queries on the pool.
type pgxQuerier struct{ pool *pgxpool.Pool }

// Each runs query, its ? placeholders numbered for PostgreSQL, and scans
// its rows one at a time.
func (q pgxQuerier) Each(ctx context.Context, what, query string, args []any, scan func(store.Row) error) error {
	rows, err := q.pool.Query(ctx, store.Numbered(query), args...)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	return rows.Err()
}
