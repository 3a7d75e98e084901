// Package store keeps the records in PostgreSQL or in an embedded SQLite
// file, through GORM. It translates database errors into domain errors at
// its edge; transactions are begun by its callers through Tx.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/cchc-inspect/cchc/migrations"
)

// Dialects of the store.
const (
	Postgres = "postgres"
	SQLite   = "sqlite"
)

// Options say which database to open and how.
type Options struct {
	// URL is a postgres:// URL; empty means the SQLite file in DataDir.
	URL string
	// DataDir holds cchc.db when URL is empty.
	DataDir string
	// MaxOpenConns sizes the PostgreSQL pool (idle connections are kept to
	// the same number). SQLite always has one writer and a few read-only
	// connections beside it.
	MaxOpenConns int
	// Logger receives slow and failed queries; nil logs nothing.
	Logger logger.Interface
}

// DB is an open database and the migrations that belong to it.
type DB struct {
	Gorm    *gorm.DB
	SQL     *sql.DB
	Dialect string
	// Where is a printable name of the database, without secrets.
	Where    string
	provider *goose.Provider
	// readers is SQLite's pool of read-only connections (nil on PostgreSQL).
	readers *sql.DB
	// pool holds PostgreSQL's connections (nil on SQLite).
	pool *pgxpool.Pool
}

// Open connects to the database that opts name, checks that it answers, and
// prepares its migrations (it does not apply them).
func Open(ctx context.Context, opts Options) (*DB, error) {
	var (
		dialector gorm.Dialector
		db        = &DB{}
	)
	if opts.URL != "" {
		u, err := url.Parse(opts.URL)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
			return nil, fmt.Errorf("DATABASE_URL is not a postgres://host/database URL")
		}
		cfg, err := pgxpool.ParseConfig(opts.URL)
		if err != nil {
			return nil, fmt.Errorf("DATABASE_URL: %s", firstLine(err))
		}
		if cfg.ConnConfig.ConnectTimeout == 0 {
			// A database that does not answer must not hang requests.
			cfg.ConnConfig.ConnectTimeout = 5 * time.Second
		}
		// Read timestamps in UTC whatever the machine's zone: pgx would use time.Local.
		cfg.AfterConnect = func(_ context.Context, c *pgx.Conn) error {
			c.TypeMap().RegisterType(&pgtype.Type{Name: "timestamptz", OID: pgtype.TimestamptzOID,
				Codec: &pgtype.TimestamptzCodec{ScanLocation: time.UTC}})
			return nil
		}
		cfg.ConnConfig.Tracer = queryTracer{db}
		cfg.MaxConns = int32(opts.MaxOpenConns)
		if cfg.MaxConns <= 0 {
			cfg.MaxConns = 32
		}
		cfg.MaxConnLifetime, cfg.MaxConnIdleTime = time.Hour, 10*time.Minute
		// The connections are pgx's pool's: database/sql borrows one per
		// query or transaction and gives it back at once (it keeps none
		// idle and sets no limit of its own). Requests waiting for a
		// connection are then served in the order they came (database/sql
		// hands a freed connection to a waiter chosen at random, which
		// makes the slowest requests much slower under load).
		pool, err := pgxpool.NewWithConfig(ctx, cfg)
		if err != nil {
			return nil, fmt.Errorf("DATABASE_URL: %s", firstLine(err))
		}
		db.pool = pool
		dialector = postgres.New(postgres.Config{Conn: stdlib.OpenDBFromPool(pool)})
		db.Dialect = Postgres
		db.Where = "postgres://" + u.Host + u.Path
	} else {
		path, err := sqlitePath(opts.DataDir)
		if err != nil {
			return nil, err
		}
		pool, err := openSQLite(path)
		if err != nil {
			return nil, fmt.Errorf("database %s: %s", path, firstLine(err))
		}
		if err := dropStat4(ctx, pool.writer); err != nil {
			pool.writer.Close()
			pool.reader.Close()
			return nil, fmt.Errorf("database %s: %s", path, firstLine(err))
		}
		db.readers = pool.reader
		dialector = sqlite.Dialector{DSN: sqliteDSN(path), Conn: pool}
		db.Dialect = SQLite
		db.Where = path
	}
	lg := opts.Logger
	if lg == nil {
		lg = logger.Discard
	}
	g, err := gorm.Open(dialector, &gorm.Config{
		Logger:                 lg,
		NowFunc:                Now,
		SkipDefaultTransaction: true,
	})
	if err != nil {
		db.closePools()
		return nil, fmt.Errorf("database %s is not reachable: %s", db.Where, connectReason(err))
	}
	sqlDB, err := g.DB()
	if err != nil {
		db.closePools()
		return nil, err
	}
	db.Gorm, db.SQL = g, sqlDB
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := sqlDB.PingContext(pingCtx); err != nil {
		db.closePools()
		sqlDB.Close()
		return nil, fmt.Errorf("database %s is not reachable: %s", db.Where, connectReason(err))
	}
	if db.Dialect == SQLite {
		// Writing the WAL header proves the file is writable now, not at the first request.
		if err := g.WithContext(ctx).Exec("PRAGMA user_version = 0").Error; err != nil {
			sqlDB.Close()
			db.closePools()
			return nil, fmt.Errorf("database %s is not writable: %s", db.Where, firstLine(err))
		}
	}
	if db.provider, err = newProvider(db); err != nil {
		db.closePools()
		sqlDB.Close()
		return nil, err
	}
	return db, nil
}

// Now is the store's clock: UTC, to the microsecond both databases keep.
func Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

func sqlitePath(dir string) (string, error) {
	if dir == "" {
		dir = "data"
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", fmt.Errorf("data directory %s cannot be created: %s", dir, firstLine(err))
	}
	probe, err := os.CreateTemp(dir, ".write-test-*")
	if err != nil {
		return "", fmt.Errorf("data directory %s is not writable: %s", dir, firstLine(err))
	}
	probe.Close()
	os.Remove(probe.Name())
	return filepath.Join(dir, "cchc.db"), nil
}

// sqliteReadDSN opens connections that may only read (the file is in
// write-ahead-log mode already: the writer connects first).
func sqliteReadDSN(path string) string {
	q := url.Values{}
	q.Add("_pragma", "query_only(1)")
	q.Add("_pragma", "busy_timeout(10000)")
	return "file:" + path + "?" + q.Encode()
}

// sqliteDSN turns on, for every connection: foreign keys, the write-ahead
// log, a busy timeout, and immediate write locks for transactions.
func sqliteDSN(path string) string {
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

func newProvider(db *DB) (*goose.Provider, error) {
	fsys, err := migrations.For(db.Dialect)
	if err != nil {
		return nil, err
	}
	opts := []goose.ProviderOption{goose.WithDisableGlobalRegistry(true)}
	dialect := goose.DialectSQLite3
	if db.Dialect == Postgres {
		dialect = goose.DialectPostgres
		// Several instances may start at once: one migrates, the others wait.
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	return goose.NewProvider(dialect, db.SQL, fsys, opts...)
}

// Migrate applies every pending migration and returns the names applied.
func (db *DB) Migrate(ctx context.Context) ([]string, error) {
	res, err := db.provider.Up(ctx)
	var names []string
	for _, r := range res {
		names = append(names, r.Source.Path)
	}
	if err != nil {
		return names, fmt.Errorf("migrate: %s", firstLine(err))
	}
	return names, nil
}

// MigrationState is one migration and whether it is applied.
type MigrationState struct {
	Name      string
	Applied   bool
	AppliedAt time.Time
}

// MigrationStatus lists every migration with its state.
func (db *DB) MigrationStatus(ctx context.Context) ([]MigrationState, error) {
	st, err := db.provider.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("migration status: %s", firstLine(err))
	}
	out := make([]MigrationState, len(st))
	for i, s := range st {
		out[i] = MigrationState{Name: s.Source.Path, Applied: s.State == goose.StateApplied, AppliedAt: s.AppliedAt}
	}
	return out, nil
}

// ErrPendingMigrations is returned by Ready while the schema is behind the binary.
var ErrPendingMigrations = errors.New("migrations pending")

// Ready reports whether the database answers and every migration is applied.
func (db *DB) Ready(ctx context.Context) error {
	if err := db.SQL.PingContext(ctx); err != nil {
		return fmt.Errorf("database unreachable: %s", firstLine(err))
	}
	current, target, err := db.provider.GetVersions(ctx)
	if err != nil {
		return fmt.Errorf("migration state: %s", firstLine(err))
	}
	if current < target {
		return fmt.Errorf("%w: at %d of %d", ErrPendingMigrations, current, target)
	}
	return nil
}

// Close closes the database; for SQLite it also folds the write-ahead log
// back into the file.
func (db *DB) Close() error {
	if db.Dialect == SQLite {
		db.closePools() // a checkpoint that truncates the log waits for readers
		db.SQL.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
		return db.SQL.Close()
	}
	err := db.SQL.Close()
	db.closePools()
	return err
}

// closePools closes the pools beside database/sql's: SQLite's readers,
// PostgreSQL's connections.
func (db *DB) closePools() {
	if db.readers != nil {
		db.readers.Close()
	}
	if db.pool != nil {
		db.pool.Close()
	}
}

// connectReason says in a few words why a connection failed: the last
// clause of the driver's message ("connection refused", "password
// authentication failed for user …").
func connectReason(err error) string {
	msg := strings.Join(strings.Fields(err.Error()), " ")
	if i := strings.LastIndex(msg, ": "); i >= 0 && i+2 < len(msg) {
		msg = msg[i+2:]
	}
	return strings.TrimSpace(msg)
}

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}
