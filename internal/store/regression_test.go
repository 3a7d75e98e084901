// Regression tests of bugs found in the store and its migrations: each
// test here failed before its fix.
package store_test

import (
	"os"
	"os/exec"
	"reflect"
	"testing"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

// CriteriaSet returns its criteria in catalog order and whether a visit
// uses it. (exists once plucked a column named "1", and every call failed.)
func TestCriteriaSetInCatalogOrderAndInUse(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := store.New(db)
		set := &domain.CriteriaSet{Year: 2019, Name: "Bộ tiêu chí sở, ngành 2019", Scope: domain.KindDepartment}
		mustCreate(t, s, set)
		// Written out of catalog order.
		area3 := mustCriterion(t, s, set.ID, "3", 30, nil)
		mustCriterion(t, s, set.ID, "3.2", 32, area3)
		area1 := mustCriterion(t, s, set.ID, "1", 10, nil)
		mustCriterion(t, s, set.ID, "3.1", 31, area3)
		mustCriterion(t, s, set.ID, "1.1", 11, area1)
		mustCriterion(t, s, set.ID, "1.10", 20, area1)
		mustCriterion(t, s, set.ID, "1.2", 12, area1)
		other := &domain.CriteriaSet{Year: 2019, Name: "Bộ tiêu chí xã 2019", Scope: domain.KindCommune}
		mustCreate(t, s, other)
		mustCriterion(t, s, other.ID, "1", 1, nil)

		got, err := s.CriteriaSet(ctx, set.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c := codes(got.Criteria); c != "1 1.1 1.2 1.10 3 3.1 3.2" {
			t.Errorf("criteria = %s, want catalog order 1 1.1 1.2 1.10 3 3.1 3.2", c)
		}
		if got.InUse || got.Name != set.Name || got.Scope != domain.KindDepartment {
			t.Errorf("set = %+v, want unused", got)
		}

		agency := mustAgency(t, s, "Sở Tư pháp")
		mustVisit(t, s, mustPlan(t, s, 2019), agency, set)
		if got, _ := s.CriteriaSet(ctx, set.ID); !got.InUse {
			t.Error("InUse = false once a visit uses the set")
		}
		if inUse, err := s.CriteriaSetInUse(ctx, other.ID); err != nil || inUse {
			t.Errorf("the other set: in use %v, %v", inUse, err)
		}
		if _, err := s.CriteriaSet(ctx, 987654); code(err) != domain.ENOTFOUND {
			t.Errorf("CriteriaSet of a missing set = %v, want not_found", err)
		}
	})
}

func TestCopyCriteriaSetRemapsTheTree(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := store.New(db)
		src := &domain.CriteriaSet{Year: 2019, Name: "Bộ chỉ số CCHC sở, ngành", Scope: domain.KindDepartment, Description: "QĐ 876/QĐ-BNV"}
		mustCreate(t, s, src)
		// A child whose parent comes later in catalog order, and three levels.
		area2 := &domain.Criterion{CriteriaSetID: src.ID, Code: "2", Title: "Cải cách thể chế", Measure: domain.MeasureArea, SortOrder: 50}
		mustCreate(t, s, area2)
		early := &domain.Criterion{CriteriaSetID: src.ID, ParentID: &area2.ID, Code: "2.1", Title: "Văn bản QPPL", Measure: domain.MeasureScore,
			MaxScore: ptr(2.5), SortOrder: 5}
		mustCreate(t, s, early)
		area1 := mustCriterion(t, s, src.ID, "1", 10, nil)
		c11 := mustCriterion(t, s, src.ID, "1.1", 11, area1)
		sub := &domain.Criterion{CriteriaSetID: src.ID, ParentID: &c11.ID, Code: "1.1.a", Title: "Ban hành đúng hạn", Measure: domain.MeasurePercent,
			MaxScore: ptr(0.0), SortOrder: 12}
		mustCreate(t, s, sub)
		before, _ := s.CriteriaSet(ctx, src.ID)

		dst, err := s.CopyCriteriaSet(ctx, src.ID, domain.CriteriaSet{Year: 2020, Name: "Bộ chỉ số CCHC sở, ngành 2020"})
		if err != nil {
			t.Fatal(err)
		}
		if dst.ID == src.ID || dst.Year != 2020 || dst.Scope != src.Scope || dst.Description != src.Description ||
			dst.CopiedFromID == nil || *dst.CopiedFromID != src.ID || dst.Version != 1 {
			t.Errorf("copy = %+v", dst)
		}
		got, err := s.CriteriaSet(ctx, dst.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Criteria) != len(before.Criteria) {
			t.Fatalf("copy has %d criteria, want %d", len(got.Criteria), len(before.Criteria))
		}
		if codes(got.Criteria) != codes(before.Criteria) {
			t.Errorf("copy order %s, want %s", codes(got.Criteria), codes(before.Criteria))
		}
		srcIDs := map[int64]string{}
		for _, c := range before.Criteria {
			srcIDs[c.ID] = c.Code
		}
		byID := map[int64]domain.Criterion{}
		for _, c := range got.Criteria {
			byID[c.ID] = c
		}
		for i, c := range got.Criteria {
			o := before.Criteria[i]
			if _, reused := srcIDs[c.ID]; reused || c.CriteriaSetID != dst.ID {
				t.Errorf("%s: id %d in set %d, want a new criterion of set %d", c.Code, c.ID, c.CriteriaSetID, dst.ID)
			}
			if c.Title != o.Title || c.Area != o.Area || c.Measure != o.Measure || c.SortOrder != o.SortOrder ||
				fmtPtr(c.MaxScore) != fmtPtr(o.MaxScore) || c.Version != 1 {
				t.Errorf("%s: copy %+v, source %+v", c.Code, c, o)
			}
			switch {
			case o.ParentID == nil:
				if c.ParentID != nil {
					t.Errorf("%s: parent %d, want none", c.Code, *c.ParentID)
				}
			case c.ParentID == nil:
				t.Errorf("%s: lost its parent", c.Code)
			default:
				p, inCopy := byID[*c.ParentID]
				if !inCopy || p.Code != srcIDs[*o.ParentID] {
					t.Errorf("%s: parent %d (in copy %v, code %q), want the copy of %s", c.Code, *c.ParentID, inCopy, p.Code, srcIDs[*o.ParentID])
				}
			}
		}
		// The source is untouched.
		after, _ := s.CriteriaSet(ctx, src.ID)
		for i := range after.Criteria {
			if !reflect.DeepEqual(after.Criteria[i], before.Criteria[i]) {
				t.Errorf("source criterion changed: %+v → %+v", before.Criteria[i], after.Criteria[i])
			}
		}

		// A copy under a used year and name is refused and leaves no half copy.
		nSets, nCrit := rows(t, s, "criteria_sets", ""), rows(t, s, "criteria", "")
		if _, err := s.CopyCriteriaSet(ctx, src.ID, domain.CriteriaSet{Year: 2020, Name: dst.Name}); code(err) != domain.ECONFLICT {
			t.Errorf("copy onto a used name = %v, want conflict", err)
		}
		if _, err := s.CopyCriteriaSet(ctx, 987654, domain.CriteriaSet{Year: 2021, Name: "x"}); code(err) != domain.ENOTFOUND {
			t.Errorf("copy of a missing set = %v, want not_found", err)
		}
		if rows(t, s, "criteria_sets", "") != nSets || rows(t, s, "criteria", "") != nCrit {
			t.Error("a refused copy left records behind")
		}
	})
}

// Bug (likely): VisitDetail counts open_actions as status <> 'verified', so
// an action reported done but not yet verified counts as open, while
// domain.ActionStatus.Open and the overdue filter say open means open or in
// progress (what the agency still owes).
func TestOpenActionsAreWhatTheAgencyStillOwes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		sc := mustShortcoming(t, w.s, w.visit, nil)
		open := 0
		for _, st := range domain.ActionStatuses {
			mustAction(t, w.s, w.visit, sc, st, nil)
			if st.Open() {
				open++
			}
		}
		d, err := w.s.VisitDetail(ctx, w.visit.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.Counts.OpenActions != open || d.Counts.Actions != 4 {
			t.Errorf("counts = %+v, want %d open actions of 4", d.Counts, open)
		}
	})
}

// Bug: uniqueField names a duplicate's field from the PostgreSQL constraint
// name, but from SQLite's message ("UNIQUE constraint failed:
// team_members.visit_id", "… api_tokens.token_hash") it takes the column, so
// the field error differs by database.
func TestDuplicateFieldIsTheSameOnEveryDatabase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		err := w.s.ReplaceTeam(ctx, w.visit.ID, []domain.TeamMember{
			{FullName: "A", Role: domain.TeamRoleLead}, {FullName: "B", Role: domain.TeamRoleLead}})
		if code(err) != domain.ECONFLICT || !hasField(err, "role") {
			t.Errorf("second lead = %v, want conflict on role", err)
		}
		u := mustUser(t, w.s, domain.RoleInspector, nil)
		mustCreate(t, w.s, &domain.APIToken{UserID: u.ID, Name: "a", TokenHash: "h"})
		err = w.s.Create(ctx, &domain.APIToken{UserID: u.ID, Name: "b", TokenHash: "h"})
		if code(err) != domain.ECONFLICT || !hasField(err, "token") {
			t.Errorf("second token with one hash = %v, want conflict on token", err)
		}
	})
}

// Bug: CreateAttachment with nil data (an empty file read into a
// bytes.Buffer gives nil) stores zero bytes on SQLite but is refused on
// PostgreSQL: nil becomes NULL in attachment_blobs.data (NOT NULL).
func TestZeroByteAttachmentFromANilSlice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		a := &domain.Attachment{OwnerType: "visit", OwnerID: w.visit.ID, FileName: "rỗng.txt", ContentType: "text/plain",
			SHA256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}
		if err := w.s.CreateAttachment(ctx, a, nil); err != nil {
			t.Fatalf("CreateAttachment of zero bytes given as nil: %v", err)
		}
		if data, err := w.s.AttachmentData(ctx, a.ID); err != nil || len(data) != 0 {
			t.Errorf("AttachmentData = %q, %v", data, err)
		}
	})
}

// Bug: on PostgreSQL, pgx returns timestamptz values in time.Local, so on a
// server whose zone is not UTC (Asia/Ho_Chi_Minh) every timestamp the store
// reads is +07:00, not UTC. The test reruns itself under that zone.
func TestTimestampsComeBackInUTCWhateverTheLocalZone(t *testing.T) {
	if os.Getenv("STORETEST_TZ_CHILD") == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), "TZ=Asia/Ho_Chi_Minh", "STORETEST_TZ_CHILD=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("under TZ=Asia/Ho_Chi_Minh: %v\n%s", err, out)
		}
		return
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		a, err := store.Get[domain.Agency](ctx, w.s, w.agency.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !inUTC(a.CreatedAt) || !a.CreatedAt.Equal(w.agency.CreatedAt) {
			t.Errorf("created_at = %v (%v), want %v in UTC", a.CreatedAt, a.CreatedAt.Location(), w.agency.CreatedAt)
		}
	})
}

// Bug: the store writes the times it is given as they are; SQLite keeps
// them as text with their offset and compares them as text, so a time
// outside UTC (time.Now() on a server in Asia/Ho_Chi_Minh) deletes sessions
// that have not expired, and reads back with its offset instead of UTC.
func TestSessionTimesOutsideUTC(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := store.New(db)
		u := mustUser(t, s, domain.RoleInspector, nil)
		exp := time.Date(2026, 1, 1, 5, 30, 0, 0, time.UTC)
		mustCreate(t, s, &domain.Session{ID: "s", UserID: u.ID, CSRFToken: "c", CreatedAt: exp.Add(-time.Hour), LastSeenAt: exp.Add(-time.Hour), ExpiresAt: exp})
		ict := time.FixedZone("ICT", 7*3600)
		now := time.Date(2026, 1, 1, 12, 0, 0, 0, ict) // 05:00 UTC: half an hour before expiry
		if n, err := s.DeleteExpiredSessions(ctx, now); err != nil || n != 0 {
			t.Errorf("DeleteExpiredSessions(%v) = %d, %v; want the session kept", now, n, err)
		}
		if err := s.TouchSession(ctx, "s", now, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Session(ctx, "s"); err != nil || !inUTC(got.LastSeenAt) || !got.LastSeenAt.Equal(now) {
			t.Errorf("last seen = %v, %v; want %v in UTC", got, err, now.UTC())
		}
	})
}

// Bug: migrations/sqlite/00001_init.sql declares sessions.id TEXT PRIMARY KEY
// without NOT NULL; SQLite (unlike PostgreSQL) then accepts NULL ids.
func TestSessionIDIsRequired(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := store.New(db)
		u := mustUser(t, s, domain.RoleInspector, nil)
		now := store.Now()
		err := s.Gorm().Exec(`INSERT INTO sessions (id, user_id, csrf_token, created_at, last_seen_at, expires_at)
			VALUES (NULL, ?, 'c', ?, ?, ?)`, u.ID, now, now, now).Error
		if err == nil {
			t.Error("a session without id was stored")
		}
	})
}

// inUTC reports whether t is shown in UTC (time.Local counts when it is UTC).
func inUTC(t time.Time) bool {
	_, offset := t.Zone()
	return offset == 0
}
