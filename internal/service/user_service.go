package service

import (
	"context"
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
	Role     domain.Role `json:"role" validate:"required"`
	AgencyID *int64      `json:"agency_id"`
}

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,63}$`)

// CreateUser creates a user with a hashed password. Only an administrator
// (or the system) may; an agency officer belongs to an existing agency.
func (s *Service) CreateUser(ctx context.Context, a Actor, in NewUser) (*domain.User, error) {
	if err := a.require(domain.RoleAdmin); err != nil {
		return nil, err
	}
	var fs domain.Fields
	if !usernamePattern.MatchString(in.Username) {
		fs.Add("username", "username")
	}
	checkPassword(&fs, "password", in.Password, in.Username)
	if in.FullName == "" {
		fs.Add("full_name", "required")
	}
	if !domain.Valid(in.Role, domain.Roles) {
		fs.Add("role", "oneof", joinValues(domain.Roles))
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
		if in.AgencyID != nil {
			if _, err := store.Get[domain.Agency](ctx, tx, *in.AgencyID); err != nil {
				return fieldNotFound(err, "agency_id")
			}
		}
		if err := tx.Create(ctx, u); err != nil {
			return err
		}
		return s.record(ctx, tx, a, "user", u.ID, "create", domain.Created(u))
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}
