// Package gen fills an empty database with realistic inspection data at a
// chosen scale, the same for the same seed: agencies, users, criteria sets,
// plans, visits in every state with their teams, findings, figures,
// shortcomings (some repeating earlier ones), actions (some overdue),
// progress reports, conclusions with their approved snapshots, attachments
// and the audit trail with its hash chain. It writes the rows directly
// (COPY on PostgreSQL, multi-row INSERTs on SQLite) in one transaction, a
// batch at a time, so that memory stays flat at any scale.
package gen

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	mrand "math/rand/v2"
	"slices"
	"time"

	"github.com/jackc/pgx/v5/stdlib"

	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/service"
	"github.com/cchc-inspect/cchc/internal/store"
)

// Scale is how much data to generate.
type Scale struct {
	Name string
	// Provinces is how many of the 34 provinces (at most 34).
	Provinces int
	// Years is how many years, ending with the year of the as-of date.
	Years int
}

// Scales are the named scales: small is one province for one year, national
// every province for ten years (about 33k visits, 0.9M findings, 0.2M actions).
var Scales = map[string]Scale{
	"small":    {Name: "small", Provinces: 1, Years: 1},
	"province": {Name: "province", Provinces: 1, Years: 10},
	"national": {Name: "national", Provinces: 34, Years: 10},
}

// DefaultAsOf is the day the generated world stands at: visits after it
// are planned, actions due before it and still open are overdue.
var DefaultAsOf = domain.NewDate(2026, time.November, 1)

// BenchUser is the username of the generated administrator whose API token
// the load benchmark uses.
const BenchUser = "bench.admin"

// Options say what to generate.
type Options struct {
	Scale Scale
	// Seed makes the data: the same seed gives the same rows.
	Seed uint64
	// AsOf is the world's today; zero means DefaultAsOf.
	AsOf domain.Date
	// Progress, if set, is called after each province of each year.
	Progress func(Progress)
}

// Progress is how far a run is.
type Progress struct {
	// Year is being generated; Done of Years are finished or under way.
	Year, Done, Years int
	// Province of Provinces is the last one finished in Year.
	Province, Provinces int
	Elapsed             time.Duration
	// Rows counts the rows written so far per table (read it, do not keep it).
	Rows map[string]int64
}

// Result is what a run wrote and how to use it.
type Result struct {
	// Rows counts the rows written per table.
	Rows map[string]int64
	// Username, Password and Token sign in as the generated administrator
	// BenchUser. Every generated user has the same password; it and the
	// token are random, never derived from the seed, so that no generated
	// database holds a guessable credential.
	Username, Password, Token string
	Elapsed                   time.Duration
}

// ErrNotEmpty is returned when the database already holds records.
var ErrNotEmpty = errors.New("the database is not empty: generate into a new database (or data directory)")

// Run generates the data into db, which must be migrated and empty.
func Run(ctx context.Context, db *store.DB, opts Options) (*Result, error) {
	start := time.Now()
	if opts.Scale.Provinces <= 0 || opts.Scale.Provinces > len(provinces) || opts.Scale.Years <= 0 || opts.Scale.Years > 50 {
		return nil, fmt.Errorf("gen: scale %+v: want 1–%d provinces and 1–50 years", opts.Scale, len(provinces))
	}
	if opts.AsOf.IsZero() {
		opts.AsOf = DefaultAsOf
	}
	var n int64
	for _, t := range []string{"agencies", "users", "audit_events"} {
		if err := db.SQL.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+t).Scan(&n); err != nil {
			return nil, fmt.Errorf("gen: %w", err)
		}
		if n > 0 {
			return nil, ErrNotEmpty
		}
	}
	password := randomText(18)
	hash, err := service.HashPassword(password)
	if err != nil {
		return nil, err
	}
	token := service.TokenPrefix + randomText(32)
	g := newGenerator(opts, hash, service.HashSecret(token), start)
	if db.Dialect == store.Postgres {
		err = runPostgres(ctx, db, g)
	} else {
		err = runSQLite(ctx, db, g)
	}
	if err != nil {
		return nil, err
	}
	return &Result{Rows: g.buf.counts, Username: BenchUser, Password: password, Token: token, Elapsed: time.Since(start)}, nil
}

func randomText(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func runPostgres(ctx context.Context, db *store.DB, g *generator) error {
	conn, err := db.SQL.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn()
		tx, err := pc.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx)
		g.buf = newBuffer(ctx, pgWriter{tx})
		if err := g.run(ctx); err != nil {
			g.buf.close(ctx)
			return err
		}
		if err := g.buf.close(ctx); err != nil {
			return err
		}
		// Ids were given explicitly: move each identity past them.
		for _, t := range tables {
			if t.columns[0] != "id" {
				continue
			}
			if _, err := tx.Exec(ctx, fmt.Sprintf("SELECT setval(pg_get_serial_sequence('%s', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM %s), false)", t.name, t.name)); err != nil {
				return fmt.Errorf("gen: identity of %s: %w", t.name, err)
			}
		}
		if err := tx.Commit(ctx); err != nil {
			return err
		}
		// Statistics for the planner, and the visibility map for index-only scans.
		_, err = pc.Exec(ctx, "VACUUM (ANALYZE)")
		return err
	})
}

func runSQLite(ctx context.Context, db *store.DB, g *generator) error {
	tx, err := db.SQL.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	w := &sqliteWriter{tx: tx, stmts: map[string]*sql.Stmt{}}
	g.buf = newBuffer(ctx, w)
	if err := g.run(ctx); err != nil {
		g.buf.close(ctx)
		return err
	}
	if err := g.buf.close(ctx); err != nil {
		return err
	}
	for _, s := range w.stmts {
		s.Close()
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	_, err = db.SQL.ExecContext(ctx, "ANALYZE")
	return err
}

// generator holds the state of one run. Every random choice comes from rng
// in a fixed order, so a seed gives the same rows.
type generator struct {
	opts      Options
	rng       *mrand.Rand
	buf       *buffer
	start     time.Time
	pwHash    string
	tokenHash string
	years     []int
	// next id per table.
	ids map[*table]int64

	sets map[int]*criteriaSet
	// events of the province-year being generated, chained and written at its end.
	events   []event
	lastHash string
	// earlier shortcomings per agency and criterion code, for repeats.
	earlier map[int64]map[string]int64
}

type criteriaSet struct {
	set        domain.CriteriaSet
	criteria   []domain.Criterion
	assessable []domain.Criterion
	byCode     map[string]domain.Criterion
}

// provinceWorld is one province's agencies and people.
type provinceWorld struct {
	p          province
	agencies   []*agency
	admin      int64
	leaders    []*person
	inspectors []*person
}

type agency struct {
	domain.Agency
	officer *person
	dept    *department
}

type person struct {
	ID              int64
	FullName, Title string
}

// event is an audit event before it gets its place in the chain.
type event struct {
	seq             int
	at              time.Time
	actor           *int64
	entity          string
	id              int64
	action, changes string
	requestID       string
}

func newGenerator(opts Options, pwHash, tokenHash string, start time.Time) *generator {
	g := &generator{opts: opts, rng: mrand.New(mrand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15)), start: start,
		pwHash: pwHash, tokenHash: tokenHash, ids: map[*table]int64{}, sets: map[int]*criteriaSet{}, earlier: map[int64]map[string]int64{}}
	last := opts.AsOf.Year
	for y := last - opts.Scale.Years + 1; y <= last; y++ {
		g.years = append(g.years, y)
	}
	return g
}

func (g *generator) id(t *table) int64 {
	g.ids[t]++
	return g.ids[t]
}

// Random helpers.
func (g *generator) intn(n int) int         { return g.rng.IntN(n) }
func (g *generator) between(lo, hi int) int { return lo + g.rng.IntN(hi-lo+1) }
func (g *generator) chance(p float64) bool  { return g.rng.Float64() < p }
func pick[T any](g *generator, xs []T) T    { return xs[g.rng.IntN(len(xs))] }

// at returns a time on day d: office hours, whole minutes, UTC (the
// province is UTC+7, so 01:00–10:00 UTC).
func (g *generator) at(d domain.Date) time.Time {
	return d.Time().Add(time.Duration(g.between(60, 600)) * time.Minute)
}

func (g *generator) personName() string {
	return pick(g, familyNames) + " " + pick(g, middleNames) + " " + pick(g, givenNames)
}

func (g *generator) run(ctx context.Context) error {
	first := domain.NewDate(g.years[0], time.January, 2)
	if err := g.criteriaSets(ctx, first); err != nil {
		return err
	}
	worlds := make([]*provinceWorld, g.opts.Scale.Provinces)
	for i := range worlds {
		w, err := g.province(ctx, provinces[i], first)
		if err != nil {
			return err
		}
		worlds[i] = w
	}
	if err := g.benchUser(ctx, first); err != nil {
		return err
	}
	if err := g.flushEvents(ctx); err != nil {
		return err
	}
	for yi, y := range g.years {
		set := g.sets[y]
		for pi, w := range worlds {
			if err := g.provinceYear(ctx, w, y, set); err != nil {
				return err
			}
			if err := g.flushEvents(ctx); err != nil {
				return err
			}
			if g.opts.Progress != nil {
				g.opts.Progress(Progress{Year: y, Done: yi + 1, Years: len(g.years), Province: pi + 1, Provinces: len(worlds),
					Elapsed: time.Since(g.start), Rows: g.buf.counts})
			}
		}
	}
	return nil
}

// record queues an audit event of the province and year being generated,
// with its changes encoded as the store encodes them.
func (g *generator) record(at time.Time, actor int64, entity string, id int64, action string, changes map[string]domain.Change) {
	if changes == nil {
		changes = map[string]domain.Change{}
	}
	text, err := json.Marshal(changes)
	if err != nil {
		panic(fmt.Sprintf("gen: audit changes of %s %d: %v", entity, id, err)) // only our own records are encoded
	}
	var a *int64
	if actor != 0 {
		a = &actor
	}
	b := make([]byte, 12)
	for i := range b {
		b[i] = byte(g.rng.UintN(256))
	}
	g.events = append(g.events, event{seq: len(g.events), at: at.UTC().Truncate(time.Microsecond), actor: a,
		entity: entity, id: id, action: action, changes: string(text), requestID: hex.EncodeToString(b)})
}

// flushEvents puts the queued events in time order, chains them and writes them.
func (g *generator) flushEvents(ctx context.Context) error {
	evs := g.events
	slices.SortStableFunc(evs, func(a, b event) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		return a.seq - b.seq
	})
	for i := range evs {
		ev := &evs[i]
		hash := domain.ChainHash(g.lastHash, ev.at, ev.actor, ev.entity, ev.id, ev.action, ev.changes, ev.requestID)
		if err := g.buf.add(ctx, tAudit, g.id(tAudit), ev.at, i64p(ev.actor), ev.entity, ev.id, ev.action, ev.changes,
			ev.requestID, g.lastHash, hash); err != nil {
			return err
		}
		g.lastHash = hash
	}
	clear(evs)
	g.events = evs[:0]
	return nil
}
