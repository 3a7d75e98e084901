package server_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cchc-inspect/cchc/internal/server"
	"github.com/cchc-inspect/cchc/internal/server/apitest"
	. "github.com/cchc-inspect/cchc/internal/server/apitest"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

// writers keeps clients creating shortcomings with unique descriptions
// until stop is closed, and reports every acknowledged one.
type writers struct {
	mu       sync.Mutex
	acked    []string
	statuses map[int]int
	slowest  time.Duration
	requests atomic.Int64
	wg       sync.WaitGroup
	stop     chan struct{}
}

func startWriters(e *Env, path string, clients int) *writers {
	w := &writers{statuses: map[int]int{}, stop: make(chan struct{})}
	for c := range clients {
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			for i := 0; ; i++ {
				select {
				case <-w.stop:
					return
				default:
				}
				desc := fmt.Sprintf("Tồn tại số %d-%d: hồ sơ chưa cập nhật đúng hạn", c, i)
				start := time.Now()
				res := e.Do(Inspector, "POST", path, map[string]any{"description": desc, "severity": "minor"})
				took := time.Since(start)
				w.requests.Add(1)
				w.mu.Lock()
				w.statuses[res.Status]++
				if took > w.slowest {
					w.slowest = took
				}
				if res.Status == http.StatusCreated {
					w.acked = append(w.acked, desc)
				}
				w.mu.Unlock()
				if res.Status >= 500 {
					time.Sleep(20 * time.Millisecond) // a client backs off while the database is away
				}
			}
		}()
	}
	return w
}

func (w *writers) count(status int) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.statuses[status]
}

func (w *writers) finish() {
	close(w.stop)
	w.wg.Wait()
}

// storedOnce checks that every acknowledged description is stored exactly
// once, and that nothing unacknowledged was stored twice.
func storedOnce(t *testing.T, st *store.Store, visitID int64, acked []string) {
	t.Helper()
	var rows []struct {
		Description string
		N           int
	}
	err := st.Gorm().Table("shortcomings").Select("description, COUNT(*) AS n").Where("visit_id = ?", visitID).
		Group("description").Find(&rows).Error
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]int{}
	for _, r := range rows {
		stored[r.Description] = r.N
		if r.N != 1 {
			t.Errorf("%q stored %d times", r.Description, r.N)
		}
	}
	for _, d := range acked {
		if stored[d] != 1 {
			t.Errorf("acknowledged write %q stored %d times", d, stored[d])
		}
	}
	t.Logf("%d acknowledged writes, %d stored rows", len(acked), len(rows))
}

// TestDatabaseOutage runs a PostgreSQL server of its own, stops it in the
// middle of writes, and checks that the app answers 503 (never a 500 or a
// hang), that /readyz says so, that service resumes by itself when the
// database returns, and that no acknowledged write is lost.
func TestDatabaseOutage(t *testing.T) {
	pg := storetest.NewThrowaway(t)
	ctx := context.Background()
	db, err := store.Open(ctx, store.Options{URL: pg.URL, MaxOpenConns: 8})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	e := apitest.NewOn(t, db)
	world := e.NewWorld(t)
	path := Path("visits/%d/shortcomings", world.VisitID)
	ready := func() int { return e.Send(Request{Method: "GET", Path: "/readyz"}).Status }

	w := startWriters(e, path, 8)
	waitFor(t, "writes before the outage", func() bool { return w.count(http.StatusCreated) >= 20 })

	pg.Stop()
	outage := time.Now()
	waitFor(t, "503s during the outage", func() bool {
		return w.count(http.StatusServiceUnavailable) >= 20 && time.Since(outage) > 2*time.Second
	})
	if got := ready(); got != http.StatusServiceUnavailable {
		t.Errorf("/readyz during the outage = %d, want 503", got)
	}
	before := w.count(http.StatusCreated)
	pg.Start()
	t.Logf("database down for %s", time.Since(outage).Round(time.Millisecond))
	waitFor(t, "writes after the database returned", func() bool { return w.count(http.StatusCreated) >= before+20 })
	w.finish()

	if got := ready(); got != http.StatusOK {
		t.Errorf("/readyz after the database returned = %d, want 200", got)
	}
	t.Logf("requests %d, statuses %v, slowest %s", w.requests.Load(), w.statuses, w.slowest.Round(time.Millisecond))
	for status, n := range w.statuses {
		if status != http.StatusCreated && status != http.StatusServiceUnavailable {
			t.Errorf("%d answers with status %d; want only 201 and 503", n, status)
		}
	}
	if w.slowest > server.RequestTimeout+2*time.Second {
		t.Errorf("slowest request took %s: requests must not hang", w.slowest)
	}
	storedOnce(t, e.Store, world.VisitID, w.acked)
}

// TestConcurrentWritesAreStoredExactlyOnce makes concurrent writes from
// many clients for a bounded time, inserts and versioned updates, and then
// proves that every write answered 2xx is stored exactly once.
func TestConcurrentWritesAreStoredExactlyOnce(t *testing.T) {
	duration := 3 * time.Second
	if s := os.Getenv("LOAD_TEST_SECONDS"); s != "" {
		n, _ := strconv.Atoi(s)
		duration = time.Duration(n) * time.Second
	}
	apitest.Each(t, func(t *testing.T, e *Env) {
		world := e.NewWorld(t)
		finding := Expect(t, e.Do(Inspector, "POST", Path("visits/%d/findings", world.VisitID),
			map[string]any{"criterion_id": world.Crit["3.3"], "value": 0, "note": "0"}), http.StatusCreated).ID(t)

		inserts := startWriters(e, Path("visits/%d/shortcomings", world.VisitID), 24)
		// Eight more clients update one finding, each reading its version first.
		var updated, conflicts, others atomic.Int64
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for c := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					var f struct{ Version int }
					e.Do(Inspector, "GET", Path("findings/%d", finding), nil).JSON(t, &f)
					res := e.Do(Inspector, "PATCH", Path("findings/%d", finding),
						map[string]any{"version": f.Version, "note": fmt.Sprintf("%d-%d", c, i)})
					switch res.Status {
					case http.StatusOK:
						updated.Add(1)
					case http.StatusConflict:
						conflicts.Add(1)
					default:
						others.Add(1)
					}
				}
			}()
		}
		time.Sleep(duration)
		close(stop)
		wg.Wait()
		inserts.finish()

		t.Logf("%s with 32 clients: %d inserts (%v), %d updates, %d version conflicts",
			duration, inserts.requests.Load(), inserts.statuses, updated.Load(), conflicts.Load())
		if others.Load() > 0 {
			t.Errorf("%d updates answered neither 200 nor 409", others.Load())
		}
		for status, n := range inserts.statuses {
			if status != http.StatusCreated {
				t.Errorf("%d inserts answered %d", n, status)
			}
		}
		storedOnce(t, e.Store, world.VisitID, inserts.acked)
		var f struct{ Version int }
		e.Do(Inspector, "GET", Path("findings/%d", finding), nil).JSON(t, &f)
		if int64(f.Version) != 1+updated.Load() {
			t.Errorf("finding at version %d after %d acknowledged updates, want %d", f.Version, updated.Load(), 1+updated.Load())
		}
		var audited int64
		e.Store.Gorm().Table("audit_events").Where("entity_type = 'finding' AND entity_id = ? AND action = 'update'", finding).Count(&audited)
		if audited != updated.Load() {
			t.Errorf("%d update events audited for %d acknowledged updates", audited, updated.Load())
		}
		if n, broken, err := e.Store.VerifyAudit(context.Background()); err != nil || broken != nil {
			t.Errorf("audit chain after the load (%d events): %+v %v", n, broken, err)
		}
	})
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
