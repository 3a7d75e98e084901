package store_test

import (
	"testing"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

func TestSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := store.New(db)
		alice := mustUser(t, s, domain.RoleInspector, nil)
		bob := mustUser(t, s, domain.RoleLeader, nil)
		t0 := time.Date(2019, 9, 26, 7, 0, 0, 0, time.UTC)
		mk := func(id string, user int64, expires time.Time) *domain.Session {
			ses := &domain.Session{ID: id, UserID: user, CSRFToken: "csrf-" + id, CreatedAt: t0, LastSeenAt: t0, ExpiresAt: expires,
				IP: "10.0.0.1", UserAgent: "Mozilla/5.0"}
			mustCreate(t, s, ses)
			return ses
		}
		a1 := mk("a1", alice.ID, t0.Add(time.Hour))
		a2 := mk("a2", alice.ID, t0.Add(time.Hour))
		a3 := mk("a3", alice.ID, t0.Add(90*time.Minute))
		b1 := mk("b1", bob.ID, t0.Add(time.Hour))

		seen, expires := t0.Add(30*time.Minute+123456*time.Microsecond), t0.Add(2*time.Hour)
		if err := s.TouchSession(ctx, a1.ID, seen, expires); err != nil {
			t.Fatal(err)
		}
		got, err := s.Session(ctx, a1.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.LastSeenAt.Equal(seen) || !got.ExpiresAt.Equal(expires) || !got.CreatedAt.Equal(t0) ||
			got.CSRFToken != "csrf-a1" || got.UserID != alice.ID || got.UserAgent != "Mozilla/5.0" {
			t.Errorf("touched session = %+v; want last seen %v, expires %v", got, seen, expires)
		}
		if other, _ := s.Session(ctx, a2.ID); !other.ExpiresAt.Equal(t0.Add(time.Hour)) {
			t.Errorf("touching a1 moved a2's expiry to %v", other.ExpiresAt)
		}

		// At t0+90m: a2 and b1 expired; a3 expires exactly now (not before); a1 was extended.
		n, err := s.DeleteExpiredSessions(ctx, t0.Add(90*time.Minute))
		if err != nil || n != 2 {
			t.Fatalf("DeleteExpiredSessions = %d, %v; want 2", n, err)
		}
		for id, alive := range map[string]bool{a1.ID: true, a2.ID: false, a3.ID: true, b1.ID: false} {
			_, err := s.Session(ctx, id)
			if alive && err != nil || !alive && code(err) != domain.ENOTFOUND {
				t.Errorf("session %s: %v, want alive = %v", id, err, alive)
			}
		}

		b2 := mk("b2", bob.ID, t0.Add(5*time.Hour))
		if err := s.DeleteUserSessions(ctx, alice.ID); err != nil {
			t.Fatal(err)
		}
		if n := rows(t, s, "sessions", "user_id = ?", alice.ID); n != 0 {
			t.Errorf("%d sessions of alice left", n)
		}
		if _, err := s.Session(ctx, b2.ID); err != nil {
			t.Errorf("bob's session went with alice's: %v", err)
		}
		if err := s.DeleteSession(ctx, b2.ID); err != nil {
			t.Fatal(err)
		}
		if n := rows(t, s, "sessions", ""); n != 0 {
			t.Errorf("%d sessions left", n)
		}
	})
}

func TestTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := store.New(db)
		alice := mustUser(t, s, domain.RoleInspector, nil)
		bob := mustUser(t, s, domain.RoleLeader, nil)
		mk := func(user int64, name, hash string) *domain.APIToken {
			tok := &domain.APIToken{UserID: user, Name: name, TokenHash: hash}
			mustCreate(t, s, tok)
			return tok
		}
		t1 := mk(alice.ID, "báo cáo", "hash-1")
		t2 := mk(alice.ID, "đồng bộ", "hash-2")
		t3 := mk(bob.ID, "script", "hash-3")

		got, err := s.TokenByHash(ctx, "hash-2")
		if err != nil || got.ID != t2.ID || got.UserID != alice.ID || got.Name != "đồng bộ" || got.RevokedAt != nil || got.LastUsedAt != nil {
			t.Fatalf("TokenByHash = %+v, %v", got, err)
		}
		if _, err := s.TokenByHash(ctx, "hash-9"); code(err) != domain.ENOTFOUND {
			t.Errorf("unknown hash: %v, want not_found", err)
		}
		if err := s.Create(ctx, &domain.APIToken{UserID: bob.ID, Name: "x", TokenHash: "hash-1"}); code(err) != domain.ECONFLICT {
			t.Errorf("a second token with one hash = %v, want conflict", err)
		}
		list, err := s.Tokens(ctx, alice.ID)
		if err != nil {
			t.Fatal(err)
		}
		sameIDs(t, "alice's tokens", idsOf(list, func(t domain.APIToken) int64 { return t.ID }), []int64{t2.ID, t1.ID})

		r1 := time.Date(2019, 10, 1, 8, 0, 0, 500000000, time.UTC)
		if err := s.RevokeToken(ctx, t1.ID, r1); err != nil {
			t.Fatal(err)
		}
		if err := s.RevokeToken(ctx, t1.ID, r1.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		revoked := func(tok *domain.APIToken) *time.Time {
			t.Helper()
			got, err := s.TokenByHash(ctx, tok.TokenHash)
			if err != nil {
				t.Fatal(err)
			}
			return got.RevokedAt
		}
		if r := revoked(t1); r == nil || !r.Equal(r1) {
			t.Errorf("t1 revoked at %s, want the first revocation %v", fmtPtr(r), r1)
		}
		if r := revoked(t2); r != nil {
			t.Errorf("revoking t1 revoked t2 at %v", r)
		}

		r2 := r1.Add(24 * time.Hour)
		if err := s.RevokeUserTokens(ctx, alice.ID, r2); err != nil {
			t.Fatal(err)
		}
		if r := revoked(t1); r == nil || !r.Equal(r1) {
			t.Errorf("t1 revoked at %s after revoking all, want still %v", fmtPtr(r), r1)
		}
		if r := revoked(t2); r == nil || !r.Equal(r2) {
			t.Errorf("t2 revoked at %s, want %v", fmtPtr(r), r2)
		}
		if r := revoked(t3); r != nil {
			t.Errorf("bob's token revoked with alice's at %v", r)
		}
	})
}
