package store_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
)

// ptr returns a pointer to a copy of v.
func ptr[T any](v T) *T { return &v }

// day returns the date y-m-d.
func day(y int, m time.Month, d int) domain.Date { return domain.NewDate(y, m, d) }

// mustCriterion adds a criterion to a set.
func mustCriterion(t testing.TB, s *store.Store, setID int64, code string, sortOrder int, parent *domain.Criterion) *domain.Criterion {
	t.Helper()
	c := &domain.Criterion{CriteriaSetID: setID, Code: code, Title: "Tiêu chí " + code, Measure: domain.MeasureYesNo, SortOrder: sortOrder}
	if parent != nil {
		c.ParentID, c.Area = &parent.ID, parent.Title
	}
	mustCreate(t, s, c)
	return c
}

// mustVisitWith creates a visit after letting edit change its defaults.
func mustVisitWith(t testing.TB, s *store.Store, plan *domain.Plan, agency *domain.Agency, set *domain.CriteriaSet, edit func(v *domain.Visit)) *domain.Visit {
	t.Helper()
	v := &domain.Visit{PlanID: plan.ID, AgencyID: agency.ID, CriteriaSetID: set.ID, Year: plan.Year,
		Kind: domain.VisitOnSite, Status: domain.VisitPlanned, AgencyRepresentatives: []domain.Representative{}}
	if edit != nil {
		edit(v)
	}
	mustCreate(t, s, v)
	return v
}

// mustFinding records a finding of a visit on a criterion.
func mustFinding(t testing.TB, s *store.Store, visitID, criterionID int64) *domain.Finding {
	t.Helper()
	f := &domain.Finding{VisitID: visitID, CriterionID: criterionID, Rating: ptr(domain.RatingGood), Note: "Đạt"}
	mustCreate(t, s, f)
	return f
}

// mustShortcoming records a shortcoming of a visit, on a criterion when crit is not nil.
func mustShortcoming(t testing.TB, s *store.Store, v *domain.Visit, crit *domain.Criterion) *domain.Shortcoming {
	t.Helper()
	sc := &domain.Shortcoming{VisitID: v.ID, Description: fmt.Sprintf("Tồn tại %d", next()), Severity: domain.SeverityMinor}
	if crit != nil {
		sc.CriterionID = &crit.ID
	}
	mustCreate(t, s, sc)
	return sc
}

// mustAction requests an action on a shortcoming of visit v.
func mustAction(t testing.TB, s *store.Store, v *domain.Visit, sc *domain.Shortcoming, status domain.ActionStatus, due *domain.Date) *domain.Action {
	t.Helper()
	a := &domain.Action{ShortcomingID: sc.ID, VisitID: v.ID, AgencyID: v.AgencyID,
		Description: fmt.Sprintf("Khắc phục %d", next()), Status: status, DueOn: due}
	mustCreate(t, s, a)
	return a
}

// mustAttachment stores an attachment of an owner with the given bytes.
func mustAttachment(t testing.TB, s *store.Store, ownerType string, ownerID int64, name string, data []byte) *domain.Attachment {
	t.Helper()
	sum := sha256.Sum256(data)
	a := &domain.Attachment{OwnerType: ownerType, OwnerID: ownerID, FileName: name, ContentType: "application/octet-stream",
		Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}
	if err := s.CreateAttachment(ctx, a, data); err != nil {
		t.Fatalf("create attachment %s: %v", name, err)
	}
	return a
}

// rows counts the rows of a table that match where (all rows when where is empty).
func rows(t testing.TB, s *store.Store, table, where string, args ...any) int64 {
	t.Helper()
	var n int64
	q := s.Gorm().Table(table)
	if where != "" {
		q = q.Where(where, args...)
	}
	if err := q.Count(&n).Error; err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

// fieldsOf returns the field errors of a domain error.
func fieldsOf(err error) []domain.FieldError {
	var de *domain.Error
	if errors.As(err, &de) {
		return de.Fields
	}
	return nil
}

// hasField reports whether err carries a field error on field.
func hasField(err error, field string) bool {
	return slices.ContainsFunc(fieldsOf(err), func(f domain.FieldError) bool { return f.Field == field })
}

// idsOf returns the IDs of records in order.
func idsOf[T any](items []T, id func(T) int64) []int64 {
	out := make([]int64, len(items))
	for i, it := range items {
		out[i] = id(it)
	}
	return out
}

func agencyID(a domain.Agency) int64    { return a.ID }
func userID(u domain.User) int64        { return u.ID }
func planID(p domain.Plan) int64        { return p.ID }
func visitID(v domain.Visit) int64      { return v.ID }
func actionID(a domain.Action) int64    { return a.ID }
func auditID(e domain.AuditEvent) int64 { return e.ID }

// sameIDs fails the test when got is not want, in order.
func sameIDs(t testing.TB, what string, got, want []int64) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}
