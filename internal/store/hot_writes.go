package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// Findings are the records written most: every criterion of every visit,
// often edited several times during the visit; progress reports on actions
// come next, during remediation. Their reads and writes go straight to the
// connection (the statements of native.go) with their columns listed here,
// instead of through GORM's statement building and reflection, which cost
// more than these statements' own work (measured in docs/performance.md).
// They do what GORM's Take, Create and Updates did for them:
// TestFindingWritesAreGORMsWrites and TestActionReportsAreGORMsWrites
// compare the rows on both databases.

// getFinding loads a finding by id into f.
func (s *Store) getFinding(ctx context.Context, id int64, f *domain.Finding) error {
	err := s.queryRow(ctx, "SELECT "+findingColumns+" FROM findings WHERE findings.id = ?", id).Scan(&f.ID, &f.VisitID,
		&f.CriterionID, &f.Rating, &f.Value, &f.Score, &f.Note, &f.SelfScore, &f.SelfNote, &f.Version, &f.CreatedAt, &f.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.NotFound("finding")
	}
	if err != nil {
		return translate(err, "finding", false)
	}
	f.CreatedAt, f.UpdatedAt = utc(f.CreatedAt), utc(f.UpdatedAt)
	return nil
}

// insertFinding inserts a new finding (f.ID is zero) and fills in its ID;
// unset timestamps become now, as GORM's Create sets them.
func (s *Store) insertFinding(ctx context.Context, f *domain.Finding) error {
	now := Now()
	if f.CreatedAt.IsZero() {
		f.CreatedAt = now
	}
	if f.UpdatedAt.IsZero() {
		f.UpdatedAt = now
	}
	err := s.queryRow(ctx, `INSERT INTO findings (visit_id, criterion_id, rating, value, score, note, self_score, self_note,
		version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, f.VisitID, f.CriterionID, f.Rating,
		f.Value, f.Score, f.Note, f.SelfScore, f.SelfNote, f.Version, f.CreatedAt, f.UpdatedAt).Scan(&f.ID)
	return translate(err, "finding", false)
}

// findingColumn is the value of one writable column of a finding.
var findingColumn = map[string]func(f *domain.Finding) any{
	"visit_id":     func(f *domain.Finding) any { return f.VisitID },
	"criterion_id": func(f *domain.Finding) any { return f.CriterionID },
	"rating":       func(f *domain.Finding) any { return f.Rating },
	"value":        func(f *domain.Finding) any { return f.Value },
	"score":        func(f *domain.Finding) any { return f.Score },
	"note":         func(f *domain.Finding) any { return f.Note },
	"self_score":   func(f *domain.Finding) any { return f.SelfScore },
	"self_note":    func(f *domain.Finding) any { return f.SelfNote },
	"version":      func(f *domain.Finding) any { return f.Version },
	"updated_at":   func(f *domain.Finding) any { return f.UpdatedAt },
}

// findingWritable reports whether updateFinding writes every one of columns.
func findingWritable(columns []string) bool {
	for _, c := range columns {
		if findingColumn[c] == nil {
			return false
		}
	}
	return true
}

// updateFinding writes columns of f where its row still has version, and
// returns how many rows it changed (0 or 1). updated_at becomes now, as
// GORM's Updates sets it.
func (s *Store) updateFinding(ctx context.Context, f *domain.Finding, version int, columns []string) (int64, error) {
	var sb strings.Builder
	sb.WriteString("UPDATE findings SET ")
	args := make([]any, 0, len(columns)+2)
	for i, c := range columns {
		if c == "updated_at" {
			f.UpdatedAt = Now()
		}
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(c)
		sb.WriteString(" = ?")
		args = append(args, findingColumn[c](f))
	}
	sb.WriteString(" WHERE id = ? AND version = ?")
	return s.execCount(ctx, sb.String(), append(args, f.ID, version)...)
}

// getAction loads an action by id into a.
func (s *Store) getAction(ctx context.Context, id int64, a *domain.Action) error {
	err := s.queryRow(ctx, `SELECT id, shortcoming_id, visit_id, agency_id, description, owner_agency_id, owner_name, due_on, status,
		verified_by, verified_at, version, created_at, updated_at FROM actions WHERE id = ?`, id).Scan(&a.ID, &a.ShortcomingID,
		&a.VisitID, &a.AgencyID, &a.Description, &a.OwnerAgencyID, &a.OwnerName, &a.DueOn, &a.Status, &a.VerifiedBy, &a.VerifiedAt,
		&a.Version, &a.CreatedAt, &a.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.NotFound("action")
	}
	if err != nil {
		return translate(err, "action", false)
	}
	a.CreatedAt, a.UpdatedAt = utc(a.CreatedAt), utc(a.UpdatedAt)
	if a.VerifiedAt != nil {
		*a.VerifiedAt = utc(*a.VerifiedAt)
	}
	return nil
}

// insertActionUpdate inserts a new progress report (r.ID is zero) and
// fills in its ID; an unset time becomes now, as GORM's Create sets it.
func (s *Store) insertActionUpdate(ctx context.Context, r *domain.ActionUpdateReport) error {
	if r.CreatedAt.IsZero() {
		r.CreatedAt = Now()
	}
	err := s.queryRow(ctx, `INSERT INTO action_updates (action_id, note, status, author_id, created_at) VALUES (?, ?, ?, ?, ?)
		RETURNING id`, r.ActionID, r.Note, r.Status, r.AuthorID, r.CreatedAt).Scan(&r.ID)
	return translate(err, "action_update", false)
}

// getHot reads rec (a pointer to a record) by position when it is one of
// the records every request of a hot path reads: a visit, a criterion, a
// finding or an action. hot is false for the others, which GORM reads.
func (s *Store) getHot(ctx context.Context, id int64, rec any) (hot bool, err error) {
	switch r := rec.(type) {
	case *domain.Visit: // the most read record
		return true, s.getVisit(ctx, id, r)
	case *domain.Criterion: // read by every finding's write
		return true, s.getCriterion(ctx, id, r)
	case *domain.Finding: // read by every finding's update
		return true, s.getFinding(ctx, id, r)
	case *domain.Action: // read by every progress report
		return true, s.getAction(ctx, id, r)
	}
	return false, nil
}
