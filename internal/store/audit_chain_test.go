package store_test

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"sync"
	"testing"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

func appendEvents(t *testing.T, s *store.Store, n int) []*domain.AuditEvent {
	t.Helper()
	var out []*domain.AuditEvent
	for i := range n {
		ev := &domain.AuditEvent{At: store.Now(), EntityType: "visit", EntityID: int64(i + 1), Action: "update",
			Changes: map[string]domain.Change{"status": {Old: "planned", New: "in_progress"}, "location": {New: "Trụ sở Sở KH&CN"}}}
		if err := s.AppendAudit(ctx, ev); err != nil {
			t.Fatal(err)
		}
		out = append(out, ev)
	}
	return out
}

// disableGuards lets the test do what only someone with raw database access
// could: change or delete audit events behind the app's back.
func disableGuards(t *testing.T, db *store.DB) {
	t.Helper()
	stmts := []string{"DROP TRIGGER audit_events_no_update", "DROP TRIGGER audit_events_no_delete"}
	if db.Dialect == store.Postgres {
		stmts = []string{"ALTER TABLE audit_events DISABLE TRIGGER USER"}
	}
	for _, q := range stmts {
		if _, err := db.SQL.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

func TestAuditChainLinksEveryEvent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := store.New(db)
		evs := appendEvents(t, s, 5)
		if evs[0].PrevHash != "" || evs[1].PrevHash != evs[0].Hash || len(evs[4].Hash) != 64 {
			t.Fatalf("chain = %+v", evs)
		}
		n, broken, err := s.VerifyAudit(ctx)
		if err != nil || broken != nil || n != 5 {
			t.Fatalf("VerifyAudit = %d, %+v, %v; want 5 intact", n, broken, err)
		}
	})
}

func TestAuditEventsAreAppendOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := store.New(db)
		appendEvents(t, s, 2)
		if err := s.Gorm().Exec("UPDATE audit_events SET action = 'delete' WHERE id = 1").Error; err == nil {
			t.Fatal("an audit event was updated")
		}
		if err := s.Gorm().Exec("DELETE FROM audit_events WHERE id = 1").Error; err == nil {
			t.Fatal("an audit event was deleted")
		}
		if n, broken, _ := s.VerifyAudit(ctx); broken != nil || n != 2 {
			t.Fatalf("after refused changes: %d events, broken %+v", n, broken)
		}
	})
}

func TestAuditVerifyFindsTheFirstBrokenLink(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := store.New(db)
		evs := appendEvents(t, s, 6)
		disableGuards(t, db)
		// Someone rewrites what event 3 said.
		if err := s.Gorm().Exec("UPDATE audit_events SET changes = ? WHERE id = ?", `{"status":{"old":"planned","new":"closed"}}`, evs[2].ID).Error; err != nil {
			t.Fatal(err)
		}
		n, broken, err := s.VerifyAudit(ctx)
		if err != nil || broken == nil || broken.EventID != evs[2].ID || !strings.Contains(broken.Reason, "changed") || n != 3 {
			t.Fatalf("VerifyAudit after a rewrite = %d, %+v, %v; want event %d", n, broken, err, evs[2].ID)
		}
		// Someone deletes event 5 (and the rewrite is undone): the link of event 6 breaks.
		if err := s.Gorm().Exec("DELETE FROM audit_events WHERE id >= ? AND id <= ?", evs[2].ID, evs[4].ID).Error; err != nil {
			t.Fatal(err)
		}
		_, broken, _ = s.VerifyAudit(ctx)
		if broken == nil || broken.EventID != evs[5].ID || !strings.Contains(broken.Reason, "removed") {
			t.Fatalf("VerifyAudit after a deletion = %+v; want event %d", broken, evs[5].ID)
		}
	})
}

func TestAuditChainHoldsUnderConcurrentWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := store.New(db)
		var wg sync.WaitGroup
		errs := make(chan error, 40)
		for w := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 5 {
					err := s.Tx(ctx, func(tx *store.Store) error {
						return tx.AppendAudit(ctx, &domain.AuditEvent{At: store.Now(), EntityType: "finding", EntityID: int64(w*10 + i), Action: "create"})
					})
					if err != nil {
						errs <- err
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		n, broken, err := s.VerifyAudit(ctx)
		if err != nil || broken != nil || n != 40 {
			t.Fatalf("VerifyAudit after concurrent appends = %d, %+v, %v", n, broken, err)
		}
	})
}

func TestSnapshotIsVerifiedOnRead(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := &domain.Conclusion{VisitID: w.visit.ID, Status: domain.ConclusionApproved, Recipients: []string{}}
		mustCreate(t, w.s, c)
		u := mustUser(t, w.s, domain.RoleLeader, nil)
		content := `{"conclusion":{"document_no":"45/TB-SNV"}}`
		snap := &domain.ConclusionSnapshot{ConclusionID: c.ID, VisitID: w.visit.ID, Content: content, ApprovedBy: u.ID, ApprovedAt: store.Now()}
		snap.Verify()
		snap.SHA256 = sha(content)
		mustCreate(t, w.s, snap)
		got, err := w.s.ConclusionOf(ctx, w.visit.ID)
		if err != nil || got.Snapshot == nil || !got.Snapshot.Verified {
			t.Fatalf("sound snapshot: %+v, %v", got, err)
		}
		if err := w.s.Gorm().Exec("UPDATE conclusion_snapshots SET content = ? WHERE id = ?", `{"conclusion":{"document_no":"46/TB-SNV"}}`, snap.ID).Error; err != nil {
			t.Fatal(err)
		}
		got, err = w.s.ConclusionOf(ctx, w.visit.ID)
		if err != nil || got.Snapshot.Verified {
			t.Fatalf("altered snapshot reads as verified: %+v, %v", got.Snapshot, err)
		}
	})
}

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
