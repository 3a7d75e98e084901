package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// The reads that every API request makes (the token and its user) or
// that every visit's page makes (the visit, its team, its findings) scan
// their columns by position instead of through GORM's reflection: about a
// third of the cost of each, measured in docs/performance.md. Their
// columns are listed once here; the tests of the store cover both
// databases.

const visitColumns = "visits.id, visits.plan_id, visits.agency_id, visits.criteria_set_id, visits.year, visits.scheduled_on, " +
	"visits.visited_on, visits.decision_no, visits.kind, visits.location, visits.agency_representatives, visits.status, " +
	"visits.version, visits.created_at, visits.updated_at, visits.search"

// getVisit loads a visit by id into v.
func (s *Store) getVisit(ctx context.Context, id int64, v *domain.Visit) error {
	var reps string
	err := s.queryRow(ctx, "SELECT "+visitColumns+" FROM visits WHERE visits.id = ?", id).Scan(&v.ID, &v.PlanID, &v.AgencyID,
		&v.CriteriaSetID, &v.Year, &v.ScheduledOn, &v.VisitedOn, &v.DecisionNo, &v.Kind, &v.Location, &reps, &v.Status, &v.Version,
		&v.CreatedAt, &v.UpdatedAt, &v.Search)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.NotFound("visit")
	}
	if err != nil {
		return translate(err, "visit", false)
	}
	v.CreatedAt, v.UpdatedAt = utc(v.CreatedAt), utc(v.UpdatedAt)
	return json.Unmarshal([]byte(reps), &v.AgencyRepresentatives)
}

// getCriterion loads a criterion by id into c.
func (s *Store) getCriterion(ctx context.Context, id int64, c *domain.Criterion) error {
	err := s.queryRow(ctx, `SELECT id, criteria_set_id, parent_id, code, area, title, measure, max_score, sort_order, version,
		created_at, updated_at FROM criteria WHERE id = ?`, id).Scan(&c.ID, &c.CriteriaSetID, &c.ParentID, &c.Code, &c.Area, &c.Title,
		&c.Measure, &c.MaxScore, &c.SortOrder, &c.Version, &c.CreatedAt, &c.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.NotFound("criterion")
	}
	if err != nil {
		return translate(err, "criterion", false)
	}
	c.CreatedAt, c.UpdatedAt = utc(c.CreatedAt), utc(c.UpdatedAt)
	return nil
}

// TokenUser loads an API token by the SHA-256 of its secret together with
// its user, in one query: the check that every API request makes.
func (s *Store) TokenUser(ctx context.Context, hash string) (*domain.APIToken, *domain.User, error) {
	t, u := &domain.APIToken{TokenHash: hash}, &domain.User{}
	err := s.queryRow(ctx, `SELECT t.id, t.name, t.created_at, t.last_used_at, t.revoked_at, u.id, u.username, u.full_name, u.title,
		u.role, u.agency_id, u.active, u.password_hash, u.version, u.created_at, u.updated_at, u.search
		FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?`, hash).Scan(&t.ID, &t.Name, &t.CreatedAt,
		&t.LastUsedAt, &t.RevokedAt, &u.ID, &u.Username, &u.FullName, &u.Title, &u.Role, &u.AgencyID, &u.Active, &u.PasswordHash,
		&u.Version, &u.CreatedAt, &u.UpdatedAt, &u.Search)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, domain.NotFound("token")
	}
	if err != nil {
		return nil, nil, translate(err, "token", false)
	}
	t.UserID = u.ID
	t.CreatedAt, u.CreatedAt, u.UpdatedAt = utc(t.CreatedAt), utc(u.CreatedAt), utc(u.UpdatedAt)
	if t.LastUsedAt != nil {
		*t.LastUsedAt = utc(*t.LastUsedAt)
	}
	return t, u, nil
}

// Team lists a visit's team: lead first, then deputies, members, secretary.
func (s *Store) Team(ctx context.Context, visitID int64) ([]domain.TeamMember, error) {
	team := []domain.TeamMember{}
	rows, done, err := s.query(ctx, "SELECT id, visit_id, user_id, full_name, title, role, sort_order FROM team_members WHERE visit_id = ? ORDER BY sort_order, id", visitID)
	if err != nil {
		return nil, translate(err, "team member", false)
	}
	defer done()
	for rows.Next() {
		var m domain.TeamMember
		if err := rows.Scan(&m.ID, &m.VisitID, &m.UserID, &m.FullName, &m.Title, &m.Role, &m.SortOrder); err != nil {
			return nil, translate(err, "team member", false)
		}
		team = append(team, m)
	}
	return team, translate(rows.Err(), "team member", false)
}

const findingColumns = "findings.id, findings.visit_id, findings.criterion_id, findings.rating, findings.value, findings.score, " +
	"findings.note, findings.self_score, findings.self_note, findings.version, findings.created_at, findings.updated_at"

// Findings lists a visit's findings in the catalog order of their criteria.
func (s *Store) Findings(ctx context.Context, visitID int64, page domain.Page) ([]domain.Finding, int, error) {
	const from = " FROM findings JOIN criteria ON criteria.id = findings.criterion_id WHERE findings.visit_id = ?"
	var total int
	if err := s.queryRow(ctx, "SELECT COUNT(*)"+from, visitID).Scan(&total); err != nil {
		return nil, 0, translate(err, "finding", false)
	}
	items := []domain.Finding{}
	if total == 0 {
		return items, 0, nil
	}
	p := page.Normalize()
	rows, done, err := s.query(ctx, "SELECT "+findingColumns+from+" ORDER BY criteria.sort_order, criteria.code, findings.id LIMIT ? OFFSET ?",
		visitID, p.PerPage, page.Offset())
	if err != nil {
		return nil, 0, translate(err, "finding", false)
	}
	defer done()
	for rows.Next() {
		var f domain.Finding
		if err := rows.Scan(&f.ID, &f.VisitID, &f.CriterionID, &f.Rating, &f.Value, &f.Score, &f.Note, &f.SelfScore, &f.SelfNote,
			&f.Version, &f.CreatedAt, &f.UpdatedAt); err != nil {
			return nil, 0, translate(err, "finding", false)
		}
		f.CreatedAt, f.UpdatedAt = utc(f.CreatedAt), utc(f.UpdatedAt)
		items = append(items, f)
	}
	return items, total, translate(rows.Err(), "finding", false)
}
