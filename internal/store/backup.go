package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/glebarez/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// ErrBackupPostgres is returned by Backup on PostgreSQL, whose own tools
// (pg_dump, pg_restore) do it better: see docs/operations.md.
var ErrBackupPostgres = errors.New("on PostgreSQL use pg_dump and pg_restore (docs/operations.md)")

// Backup writes a consistent copy of the SQLite database to path while the
// app keeps running (VACUUM INTO reads one snapshot of the database). The
// file must not exist yet.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.Dialect != SQLite {
		return ErrBackupPostgres
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup: %s already exists", path)
	}
	if err := db.Gorm.WithContext(ctx).Exec("VACUUM INTO ?", path).Error; err != nil {
		return fmt.Errorf("backup to %s: %s", path, firstLine(err))
	}
	return nil
}

// CheckBackup opens a backup file read-only and checks that it is a sound
// CCHC Inspect database: SQLite's integrity check passes and its migrations
// table is there. It returns the number of migrations applied in it.
func CheckBackup(ctx context.Context, path string) (int, error) {
	if _, err := os.Stat(path); err != nil {
		return 0, fmt.Errorf("backup %s: %w", path, err)
	}
	g, err := gorm.Open(sqlite.Open("file:"+path+"?mode=ro"), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		return 0, fmt.Errorf("backup %s cannot be opened: %s", path, firstLine(err))
	}
	sqlDB, _ := g.DB()
	defer sqlDB.Close()
	var result string
	if err := g.WithContext(ctx).Raw("PRAGMA integrity_check").Scan(&result).Error; err != nil || result != "ok" {
		return 0, fmt.Errorf("backup %s is damaged: %s %v", path, result, err)
	}
	var n int64
	if err := g.WithContext(ctx).Raw("SELECT COUNT(*) FROM goose_db_version WHERE is_applied AND version_id > 0").Scan(&n).Error; err != nil {
		return 0, fmt.Errorf("backup %s is not a CCHC Inspect database: %s", path, firstLine(err))
	}
	return int(n), nil
}

// Restore puts a checked backup in place of the SQLite database of dataDir.
// The server must be stopped: the caller holds the data directory's lock.
// The current database is kept beside it as cchc.db.before-restore.
func Restore(ctx context.Context, dataDir, backup string) error {
	if _, err := CheckBackup(ctx, backup); err != nil {
		return err
	}
	target := filepath.Join(dataDir, "cchc.db")
	tmp := target + ".restoring"
	if err := copyFile(backup, tmp); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if _, err := os.Stat(target); err == nil {
		// Fold the write-ahead log into the old file before keeping it aside.
		if old, err := gorm.Open(sqlite.Open(sqliteDSN(target)), &gorm.Config{Logger: logger.Discard}); err == nil {
			old.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
			if s, err := old.DB(); err == nil {
				s.Close()
			}
		}
		if err := os.Rename(target, target+".before-restore"); err != nil {
			os.Remove(tmp)
			return fmt.Errorf("restore: keep the current database aside: %w", err)
		}
	}
	os.Remove(target + "-wal")
	os.Remove(target + "-shm")
	if err := os.Rename(tmp, target); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o640)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(dst)
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
