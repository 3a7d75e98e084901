//go:build !unix

package store

import "errors"

// ErrDataDirBusy is returned when another cchc process holds the data directory.
var ErrDataDirBusy = errors.New("another cchc process is using this data directory (stop it first)")

// LockDataDir does nothing where file locks are not available.
func LockDataDir(dir string) (func(), error) { return func() {}, nil }
