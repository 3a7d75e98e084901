package service

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
)

// TokenPrefix starts every personal API token, so that a leaked one is
// recognisable in logs and code.
const TokenPrefix = "cchc_"

// Credentials are what signing in takes.
type Credentials struct {
	Username string `json:"username" validate:"required,max=64"`
	Password string `json:"password" validate:"required,max=128"`
}

// SignedIn is a new session: the secret for the cookie (never stored) and
// the CSRF token that cookie-authenticated writes must carry.
type SignedIn struct {
	User      *domain.User
	Secret    string
	CSRFToken string
	ExpiresAt time.Time
}

// dummyHash is checked when the username is unknown, so that a wrong
// username takes as long as a wrong password.
var dummyHash, _ = HashPassword("no such user, no such password")

var errBadCredentials = &domain.Error{Code: domain.EUNAUTHENTICATED, Message: "wrong username or password", Key: "bad_credentials"}

// Sign-in throttling: after AccountFailures failed sign-ins to one account
// (or AddressFailures from one address) within FailureWindow, that account
// (or address) may not try again for LockOut. Counted in the database, so
// every instance throttles alike.
const (
	AccountFailures = 5
	AddressFailures = 50
	FailureWindow   = 15 * time.Minute
	LockOut         = 15 * time.Minute
)

// SignIn checks the credentials and opens a session in the database; the
// session of oldSecret, if any, ends (a new session ID at every sign-in).
// Answers and timing are the same whether or not the username exists.
func (s *Service) SignIn(ctx context.Context, in Credentials, oldSecret, ip, userAgent, requestID string) (*SignedIn, error) {
	if err := check(in); err != nil {
		return nil, err
	}
	now := s.Now()
	account, address := "user:"+strings.ToLower(in.Username), "ip:"+ip
	until, err := s.store.SignInLockedUntil(ctx, []string{account, address}, now)
	if err != nil {
		return nil, err
	}
	if !until.IsZero() {
		return nil, tooManyAttempts(until.Sub(now))
	}
	u, err := s.store.UserByUsername(ctx, in.Username)
	switch domain.ErrorCode(err) {
	case "":
	case domain.ENOTFOUND:
		CheckPassword(dummyHash, in.Password)
		u = nil
	default:
		return nil, err
	}
	if u == nil || !CheckPassword(u.PasswordHash, in.Password) || !u.Active {
		for key, limit := range map[string]int{account: AccountFailures, address: AddressFailures} {
			if _, err := s.store.RecordSignInFailure(ctx, key, now, FailureWindow, LockOut, limit); err != nil {
				return nil, err
			}
		}
		return nil, errBadCredentials
	}
	if err := s.store.ClearSignInFailures(ctx, account); err != nil {
		return nil, err
	}
	if oldSecret != "" {
		if err := s.store.DeleteSession(ctx, HashSecret(oldSecret)); err != nil {
			return nil, err
		}
	}
	out := &SignedIn{User: u, Secret: randomToken(), CSRFToken: randomToken(), ExpiresAt: now.Add(s.sessionIdle())}
	ses := &domain.Session{ID: HashSecret(out.Secret), UserID: u.ID, CSRFToken: out.CSRFToken, CreatedAt: now,
		LastSeenAt: now, ExpiresAt: out.ExpiresAt, IP: ip, UserAgent: truncate(userAgent, 300)}
	err = s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.Create(ctx, ses); err != nil {
			return err
		}
		return s.record(ctx, tx, Actor{User: u, RequestID: requestID}, "user", u.ID, "sign_in", nil)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// SessionIdle and SessionMax bound a session: it ends after SessionIdle
// without a request, and SessionMax after sign-in whatever happens.
const (
	DefaultSessionIdle = 2 * time.Hour
	DefaultSessionMax  = 12 * time.Hour
	// touchEvery limits session writes to one a minute per session.
	touchEvery = time.Minute
)

func (s *Service) sessionIdle() time.Duration {
	if s.SessionIdle > 0 {
		return s.SessionIdle
	}
	return DefaultSessionIdle
}

func (s *Service) sessionMax() time.Duration {
	if s.SessionMax > 0 {
		return s.SessionMax
	}
	return DefaultSessionMax
}

func tooManyAttempts(wait time.Duration) error {
	secs := int(wait.Seconds()) + 1
	return &domain.Error{Code: domain.ETOOMANY, Message: "too many failed sign-ins; try again later", Key: "too_many_attempts",
		Args: map[string]string{"retry_after": strconv.Itoa(secs), "minutes": strconv.Itoa((secs + 59) / 60)}}
}

var errNoSession = &domain.Error{Code: domain.EUNAUTHENTICATED, Message: "sign in first", Key: "unauthenticated"}

// Authenticate finds the signed-in user of a session cookie and keeps the
// session alive.
func (s *Service) Authenticate(ctx context.Context, secret string) (*domain.User, *domain.Session, error) {
	if secret == "" {
		return nil, nil, errNoSession
	}
	ses, err := s.store.Session(ctx, HashSecret(secret))
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return nil, nil, errNoSession
	}
	if err != nil {
		return nil, nil, err
	}
	now := s.Now()
	if !now.Before(ses.ExpiresAt) {
		s.store.DeleteSession(ctx, ses.ID)
		return nil, nil, errNoSession
	}
	u, err := store.Get[domain.User](ctx, s.store, ses.UserID)
	if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
		return nil, nil, err // the database is away: not the caller's fault
	}
	if err != nil || !u.Active {
		return nil, nil, errNoSession
	}
	if now.Sub(ses.LastSeenAt) >= touchEvery {
		expires := now.Add(s.sessionIdle())
		if limit := ses.CreatedAt.Add(s.sessionMax()); expires.After(limit) {
			expires = limit
		}
		if err := s.store.TouchSession(ctx, ses.ID, now, expires); err != nil {
			return nil, nil, err
		}
		ses.LastSeenAt, ses.ExpiresAt = now, expires
	}
	return u, ses, nil
}

// SignOut ends the session of the cookie.
func (s *Service) SignOut(ctx context.Context, a Actor, secret string) error {
	return s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.DeleteSession(ctx, HashSecret(secret)); err != nil {
			return err
		}
		if a.User == nil {
			return nil
		}
		return s.record(ctx, tx, a, "user", a.User.ID, "sign_out", nil)
	})
}

// NewToken is what creating an API token takes.
type NewToken struct {
	Name string `json:"name" validate:"required,max=100"`
}

// CreatedToken is a new API token with its secret, shown this once.
type CreatedToken struct {
	domain.APIToken
	Token string `json:"token"`
}

// CreateToken makes a personal API token for the actor.
func (s *Service) CreateToken(ctx context.Context, a Actor, in NewToken) (*CreatedToken, error) {
	if err := check(in); err != nil {
		return nil, err
	}
	secret := TokenPrefix + randomToken()
	t := &CreatedToken{APIToken: domain.APIToken{UserID: a.User.ID, Name: in.Name, TokenHash: HashSecret(secret), CreatedAt: s.Now()}, Token: secret}
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		return s.insert(ctx, tx, a, "api_token", &t.APIToken, func() int64 { return t.ID })
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// Tokens lists the actor's API tokens (without their secrets).
func (s *Service) Tokens(ctx context.Context, a Actor) ([]domain.APIToken, error) {
	return s.store.Tokens(ctx, a.User.ID)
}

// RevokeToken revokes one of the actor's tokens (an administrator may revoke anyone's).
func (s *Service) RevokeToken(ctx context.Context, a Actor, id int64) error {
	return s.store.Tx(ctx, func(tx *store.Store) error {
		t, err := store.Get[domain.APIToken](ctx, tx, id)
		if err != nil {
			return domain.NotFound("token")
		}
		if t.UserID != a.User.ID && !a.is(domain.RoleAdmin) {
			return domain.NotFound("token")
		}
		if t.RevokedAt != nil {
			return nil
		}
		now := s.Now()
		if err := tx.RevokeToken(ctx, id, now); err != nil {
			return err
		}
		return s.record(ctx, tx, a, "api_token", id, "revoke", map[string]domain.Change{"revoked_at": {Old: nil, New: now}})
	})
}

// AuthenticateToken finds the user of a bearer token; revoked tokens and
// deactivated users are refused at once.
func (s *Service) AuthenticateToken(ctx context.Context, secret string) (*domain.User, error) {
	if !strings.HasPrefix(secret, TokenPrefix) {
		return nil, errNoSession
	}
	// One query for the token and its user, on every request: nothing is
	// cached, so a revoked token or a deactivated user is refused at once.
	t, u, err := s.store.TokenUser(ctx, HashSecret(secret))
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return nil, errNoSession
	}
	if err != nil {
		return nil, err
	}
	if t.RevokedAt != nil || !u.Active {
		return nil, errNoSession
	}
	if now := s.Now(); t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) >= touchEvery {
		if err := s.store.TouchToken(ctx, t.ID, now); err != nil {
			return nil, err
		}
	}
	return u, nil
}

// CheckCSRF reports whether a request's CSRF token is the session's.
func CheckCSRF(ses *domain.Session, token string) bool {
	return token != "" && ses != nil && subtleEqual(ses.CSRFToken, token)
}

func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashSecret is how a session or API token is stored: the hex SHA-256 of
// its secret (the secret itself is never stored).
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// PasswordChange is what changing one's own password takes.
type PasswordChange struct {
	CurrentPassword string `json:"current_password" validate:"required,max=128"`
	NewPassword     string `json:"new_password" validate:"required"`
}

// ChangePassword sets the actor's new password after checking the current
// one, and ends the actor's other sessions.
func (s *Service) ChangePassword(ctx context.Context, a Actor, currentSession string, in PasswordChange) error {
	if err := check(in); err != nil {
		return err
	}
	var fs domain.Fields
	if !CheckPassword(a.User.PasswordHash, in.CurrentPassword) {
		fs.Add("current_password", "wrong_password")
	}
	checkPassword(&fs, "new_password", in.NewPassword, a.User.Username)
	if in.NewPassword == in.CurrentPassword {
		fs.Add("new_password", "same_as_current")
	}
	if err := fs.Err(); err != nil {
		return err
	}
	hash, err := HashPassword(in.NewPassword)
	if err != nil {
		return err
	}
	return s.store.Tx(ctx, func(tx *store.Store) error {
		u, err := store.Get[domain.User](ctx, tx, a.User.ID)
		if err != nil {
			return err
		}
		u.PasswordHash = hash
		if err := tx.Update(ctx, u, u.Version, "password_hash"); err != nil {
			return err
		}
		if err := tx.DeleteUserSessionsExcept(ctx, u.ID, HashSecret(currentSession)); err != nil {
			return err
		}
		return s.record(ctx, tx, a, "user", u.ID, "password_change", nil)
	})
}
