package service

import (
	"context"
	"errors"
	"regexp"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
)

// NewUser is what creating a user needs.
type NewUser struct {
	Username string      `json:"username" validate:"required,max=64"`
	Password string      `json:"password" validate:"required"`
	FullName string      `json:"full_name" validate:"required,max=200"`
	Title    string      `json:"title" validate:"max=200"`
	Role     domain.Role `json:"role" validate:"required,oneof=admin leader inspector agency_officer"`
	AgencyID *int64      `json:"agency_id" validate:"omitnil,gt=0"`
}

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,63}$`)

// CreateUser creates a user with a hashed password. Only an administrator
// (or the system) may; an agency officer belongs to an existing agency.
func (s *Service) CreateUser(ctx context.Context, a Actor, in NewUser) (*domain.User, error) {
	if err := a.require(domain.RoleAdmin); err != nil {
		return nil, err
	}
	var fs domain.Fields
	if err := check(in); err != nil {
		var de *domain.Error
		if !errors.As(err, &de) {
			return nil, err
		}
		fs = append(fs, de.Fields...)
	}
	if !usernamePattern.MatchString(in.Username) && !hasField(fs, "username") {
		fs.Add("username", "username")
	}
	if !hasField(fs, "password") {
		checkPassword(&fs, "password", in.Password, in.Username)
	}
	if in.Role == domain.RoleAgencyOfficer && in.AgencyID == nil {
		fs.Add("agency_id", "required_for_officer")
	}
	if err := fs.Err(); err != nil {
		return nil, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	u := &domain.User{Username: in.Username, FullName: in.FullName, Title: in.Title, Role: in.Role,
		AgencyID: in.AgencyID, Active: true, PasswordHash: hash}
	err = s.store.Tx(ctx, func(tx *store.Store) error {
		if err := checkUserAgency(ctx, tx, u); err != nil {
			return err
		}
		return s.insert(ctx, tx, a, "user", u, func() int64 { return u.ID })
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// Users lists users; an agency officer sees only their agency's.
func (s *Service) Users(ctx context.Context, a Actor, f domain.UserFilter) ([]domain.User, int, error) {
	if a.officer() && !ownFilter(a, &f.AgencyID) {
		return []domain.User{}, 0, nil
	}
	return s.store.Users(ctx, f)
}

// User loads one user.
func (s *Service) User(ctx context.Context, a Actor, id int64) (*domain.User, error) {
	u, err := store.Get[domain.User](ctx, s.store, id)
	if err != nil {
		return nil, err
	}
	if a.officer() && (u.AgencyID == nil || !a.ownsAgency(*u.AgencyID)) {
		return nil, domain.NotFound("user")
	}
	return u, nil
}

// UserChange is what an administrator may change of a user; a new password
// replaces the old one.
type UserChange struct {
	domain.UserUpdate
	Password *string
}

// UpdateUser changes a user (administrators only). Deactivating a user, or
// setting a new password, ends the user's sessions and revokes their tokens
// in the same transaction.
func (s *Service) UpdateUser(ctx context.Context, a Actor, id int64, version int, in UserChange) (*domain.User, error) {
	if err := a.require(domain.RoleAdmin); err != nil {
		return nil, err
	}
	if err := check(in.UserUpdate); err != nil {
		return nil, err
	}
	var hash string
	if in.Password != nil {
		u, err := store.Get[domain.User](ctx, s.store, id)
		if err != nil {
			return nil, err
		}
		var fs domain.Fields
		checkPassword(&fs, "password", *in.Password, u.Username)
		if err := fs.Err(); err != nil {
			return nil, err
		}
		if hash, err = HashPassword(*in.Password); err != nil {
			return nil, err
		}
	}
	var out *domain.User
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		u, err := patch(ctx, s.In(tx), a, "user", id, version, in.UserUpdate, func(tx *store.Store, old, cur *domain.User) error {
			if a.User != nil && a.User.ID == cur.ID && (!cur.Active || cur.Role != domain.RoleAdmin) {
				var fs domain.Fields
				fs.Add("active", "own_account")
				return fs.Err()
			}
			return checkUserAgency(ctx, tx, cur)
		})
		if err != nil {
			return err
		}
		if hash != "" {
			u.PasswordHash = hash
			if err := tx.Update(ctx, u, u.Version, "password_hash"); err != nil {
				return err
			}
			if err := s.record(ctx, tx, a, "user", id, "password_reset", nil); err != nil {
				return err
			}
		}
		if !u.Active || hash != "" {
			if err := tx.DeleteUserSessions(ctx, id); err != nil {
				return err
			}
			if err := tx.RevokeUserTokens(ctx, id, s.Now()); err != nil {
				return err
			}
		}
		out = u
		return nil
	})
	return out, err
}

// checkUserAgency checks that an agency officer has an existing agency.
func checkUserAgency(ctx context.Context, tx *store.Store, u *domain.User) error {
	var fs domain.Fields
	if u.Role == domain.RoleAgencyOfficer && u.AgencyID == nil {
		fs.Add("agency_id", "required_for_officer")
	}
	if u.AgencyID != nil {
		if _, err := store.Get[domain.Agency](ctx, tx, *u.AgencyID); err != nil {
			if domain.ErrorCode(err) != domain.ENOTFOUND {
				return err
			}
			fs.Add("agency_id", "not_found")
		}
	}
	return fs.Err()
}

// UsersByID loads several users at once, keyed by id (an officer gets only
// their agency's).
func (s *Service) UsersByID(ctx context.Context, a Actor, ids []int64) (map[int64]domain.User, error) {
	users, err := s.store.UsersByID(ctx, ids)
	if err != nil || !a.officer() {
		return users, err
	}
	for id, u := range users {
		if u.AgencyID == nil || !a.ownsAgency(*u.AgencyID) {
			delete(users, id)
		}
	}
	return users, nil
}
