package store

import (
	"context"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// Users lists users by username.
func (s *Store) Users(ctx context.Context, f domain.UserFilter) ([]domain.User, int, error) {
	q := s.db.Model(&domain.User{})
	if f.Role != nil {
		q = q.Where("role = ?", *f.Role)
	}
	if f.AgencyID != nil {
		q = q.Where("agency_id = ?", *f.AgencyID)
	}
	if f.Active != nil {
		q = q.Where("active = ?", *f.Active)
	}
	q = matchAll(q, f.Q, "search")
	return list[domain.User](ctx, q, f.Page, "username, id")
}

// UserByUsername loads the user with the given username.
func (s *Store) UserByUsername(ctx context.Context, username string) (*domain.User, error) {
	return Find[domain.User](ctx, s, "username = ?", username)
}

// UsersByID loads the users with the given ids, keyed by id.
func (s *Store) UsersByID(ctx context.Context, ids []int64) (map[int64]domain.User, error) {
	out := map[int64]domain.User{}
	if len(ids) == 0 {
		return out, nil
	}
	var users []domain.User
	if err := s.q(ctx).Where("id IN ?", ids).Find(&users).Error; err != nil {
		return nil, translate(err, "user", false)
	}
	for _, u := range users {
		out[u.ID] = u
	}
	return out, nil
}

// Session loads a session by the hash of its secret.
func (s *Store) Session(ctx context.Context, id string) (*domain.Session, error) {
	return Find[domain.Session](ctx, s, "id = ?", id)
}

// TouchSession records that a session was used and moves its expiry.
func (s *Store) TouchSession(ctx context.Context, id string, seen, expires time.Time) error {
	err := s.q(ctx).Model(&domain.Session{}).Where("id = ?", id).
		Updates(map[string]any{"last_seen_at": utc(seen), "expires_at": utc(expires)}).Error
	return translate(err, "session", false)
}

// DeleteSession ends one session.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	return translate(s.q(ctx).Where("id = ?", id).Delete(&domain.Session{}).Error, "session", true)
}

// DeleteUserSessions ends every session of a user.
func (s *Store) DeleteUserSessions(ctx context.Context, userID int64) error {
	return translate(s.q(ctx).Where("user_id = ?", userID).Delete(&domain.Session{}).Error, "session", true)
}

// DeleteExpiredSessions removes sessions that expired before t and returns how many.
func (s *Store) DeleteExpiredSessions(ctx context.Context, t time.Time) (int64, error) {
	res := s.q(ctx).Where("expires_at < ?", utc(t)).Delete(&domain.Session{})
	return res.RowsAffected, translate(res.Error, "session", true)
}

// TokenByHash loads an API token by the SHA-256 of its secret.
func (s *Store) TokenByHash(ctx context.Context, hash string) (*domain.APIToken, error) {
	return Find[domain.APIToken](ctx, s, "token_hash = ?", hash)
}

// Tokens lists a user's API tokens, newest first.
func (s *Store) Tokens(ctx context.Context, userID int64) ([]domain.APIToken, error) {
	tokens := []domain.APIToken{}
	err := s.q(ctx).Where("user_id = ?", userID).Order("id DESC").Find(&tokens).Error
	return tokens, translate(err, "token", false)
}

// TouchToken records when a token was last used.
func (s *Store) TouchToken(ctx context.Context, id int64, t time.Time) error {
	return translate(s.q(ctx).Model(&domain.APIToken{}).Where("id = ?", id).Update("last_used_at", utc(t)).Error, "token", false)
}

// RevokeToken marks a token revoked at t; revoking twice keeps the first time.
func (s *Store) RevokeToken(ctx context.Context, id int64, t time.Time) error {
	res := s.q(ctx).Model(&domain.APIToken{}).Where("id = ? AND revoked_at IS NULL", id).Update("revoked_at", utc(t))
	return translate(res.Error, "token", false)
}

// RevokeUserTokens revokes every token of a user at t.
func (s *Store) RevokeUserTokens(ctx context.Context, userID int64, t time.Time) error {
	res := s.q(ctx).Model(&domain.APIToken{}).Where("user_id = ? AND revoked_at IS NULL", userID).Update("revoked_at", utc(t))
	return translate(res.Error, "token", false)
}

// DeleteUserSessionsExcept ends every session of a user but one.
func (s *Store) DeleteUserSessionsExcept(ctx context.Context, userID int64, keep string) error {
	return translate(s.q(ctx).Where("user_id = ? AND id <> ?", userID, keep).Delete(&domain.Session{}).Error, "session", true)
}
