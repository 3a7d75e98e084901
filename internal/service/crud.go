package service

import (
	"context"
	"reflect"
	"slices"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/store"
)

// patch is the shape of every update: in one transaction it loads the
// record, refuses a stale version, applies upd, lets guard check the result
// against the rules (and the caller's rights), writes only the changed
// columns under the version check, and records the audit event. An update
// that changes nothing leaves the version alone.
func patch[T any](ctx context.Context, s *Service, a Actor, entity string, id int64, version int, upd any,
	guard func(tx *store.Store, old, cur *T) error) (*T, error) {
	var out *T
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		old, err := store.Get[T](ctx, tx, id)
		if err != nil {
			return err
		}
		cur := *old
		domain.Apply(&cur, upd)
		if guard != nil {
			if err := guard(tx, old, &cur); err != nil {
				return err
			}
		}
		changed, err := s.write(ctx, tx, a, entity, id, version, old, &cur)
		out = old
		if changed {
			out = &cur
		}
		return err
	})
	return out, err
}

// write stores the fields in which cur differs from old, under the version
// check, with the audit event; it changes nothing (not even the version)
// when nothing differs.
func (s *Service) write(ctx context.Context, tx *store.Store, a Actor, entity string, id int64, version int, old, cur any) (bool, error) {
	if versionOf(old) != version {
		return false, domain.StaleVersion(entity)
	}
	changes := domain.Diff(old, cur)
	if len(changes) == 0 {
		return false, nil
	}
	cols := make([]string, 0, len(changes))
	for c := range changes {
		cols = append(cols, c)
	}
	slices.Sort(cols)
	if err := tx.Update(ctx, cur, version, cols...); err != nil {
		return false, err
	}
	return true, s.record(ctx, tx, a, entity, id, "update", changes)
}

// remove deletes a record under the version check, after guard allowed it,
// and records the audit event with what the record held.
func remove[T any](ctx context.Context, s *Service, a Actor, entity string, id int64, version int,
	guard func(tx *store.Store, old *T) error) error {
	return s.store.Tx(ctx, func(tx *store.Store) error {
		old, err := store.Get[T](ctx, tx, id)
		if err != nil {
			return err
		}
		if guard != nil {
			if err := guard(tx, old); err != nil {
				return err
			}
		}
		if versionOf(old) != version {
			return domain.StaleVersion(entity)
		}
		if err := tx.Delete(ctx, old, version); err != nil {
			return err
		}
		return s.record(ctx, tx, a, entity, id, "delete", removedFields(old))
	})
}

// insert creates a record and records the audit event, in tx.
func (s *Service) insert(ctx context.Context, tx *store.Store, a Actor, entity string, rec any, id func() int64) error {
	if err := tx.Create(ctx, rec); err != nil {
		return err
	}
	return s.record(ctx, tx, a, entity, id(), "create", domain.Created(rec))
}

// versionOf reads the Version of a record.
func versionOf(rec any) int { return int(reflect.ValueOf(rec).Elem().FieldByName("Version").Int()) }
