package store

import (
	"context"
	"time"
)

// SignInLockedUntil returns the latest time until which any of the keys
// (an account, an address) is locked out of signing in, zero when none is.
func (s *Store) SignInLockedUntil(ctx context.Context, keys []string, now time.Time) (time.Time, error) {
	var until []time.Time
	err := s.q(ctx).Table("sign_in_failures").Where("key IN ? AND locked_until > ?", keys, utc(now)).
		Order("locked_until DESC").Limit(1).Pluck("locked_until", &until).Error
	if err != nil || len(until) == 0 {
		return time.Time{}, translate(err, "sign-in failure", false)
	}
	return until[0], nil
}

// RecordSignInFailure counts a failed sign-in against a key within a window
// starting at its first failure, and locks the key for lock once the count
// reaches limit. It returns the count.
func (s *Store) RecordSignInFailure(ctx context.Context, key string, now time.Time, window, lock time.Duration, limit int) (int, error) {
	now = utc(now)
	stale := now.Add(-window)
	var n []int
	err := s.Tx(ctx, func(tx *Store) error {
		err := tx.q(ctx).Exec(`INSERT INTO sign_in_failures (key, failures, window_start) VALUES (?, 1, ?)
			ON CONFLICT (key) DO UPDATE SET
				failures = CASE WHEN sign_in_failures.window_start < ? THEN 1 ELSE sign_in_failures.failures + 1 END,
				window_start = CASE WHEN sign_in_failures.window_start < ? THEN excluded.window_start ELSE sign_in_failures.window_start END`,
			key, now, stale, stale).Error
		if err != nil {
			return translate(err, "sign-in failure", false)
		}
		if err := tx.q(ctx).Table("sign_in_failures").Where("key = ?", key).Pluck("failures", &n).Error; err != nil {
			return translate(err, "sign-in failure", false)
		}
		if len(n) == 0 || n[0] < limit {
			return nil
		}
		return translate(tx.q(ctx).Exec("UPDATE sign_in_failures SET locked_until = ? WHERE key = ?", now.Add(lock), key).Error, "sign-in failure", false)
	})
	if len(n) == 0 {
		return 0, err
	}
	return n[0], err
}

// ClearSignInFailures forgets the failures of a key (after a good sign-in).
func (s *Store) ClearSignInFailures(ctx context.Context, key string) error {
	return translate(s.q(ctx).Exec("DELETE FROM sign_in_failures WHERE key = ?", key).Error, "sign-in failure", true)
}
