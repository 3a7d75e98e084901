package service

import (
	"strings"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// require returns forbidden unless the actor is the system or has one of the roles.
func (a Actor) require(roles ...domain.Role) error {
	if a.User == nil {
		return nil
	}
	for _, r := range roles {
		if a.User.Role == r {
			return nil
		}
	}
	return &domain.Error{Code: domain.EFORBIDDEN, Message: "your role may not do this", Key: "forbidden_role"}
}

// fieldNotFound turns a missing referenced record into a field error.
func fieldNotFound(err error, field string) error {
	if domain.ErrorCode(err) != domain.ENOTFOUND {
		return err
	}
	var fs domain.Fields
	fs.Add(field, "not_found")
	return fs.Err()
}

func joinValues[T ~string](vs []T) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = string(v)
	}
	return strings.Join(s, " ")
}
