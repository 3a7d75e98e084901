package bench_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"
	"time"

	"github.com/cchc-inspect/cchc/internal/bench"
	"github.com/cchc-inspect/cchc/internal/gen"
	"github.com/cchc-inspect/cchc/internal/server"
	"github.com/cchc-inspect/cchc/internal/service"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

// TestBaselineDoesTheAppsWork sends the same requests to the app and to the
// baseline over one generated PostgreSQL database: the answers must be the
// same JSON, the writes must leave the same audit rows, and the audit chain
// must verify after both wrote to it. This is what makes the comparison fair.
func TestBaselineDoesTheAppsWork(t *testing.T) {
	ctx := context.Background()
	url := storetest.FreshPostgres(t)
	db, err := store.Open(ctx, store.Options{URL: url, MaxOpenConns: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	res, err := gen.Run(ctx, db, gen.Options{Scale: gen.Scales["small"], Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	app := httptest.NewServer(server.New(service.New(store.New(db), nil), server.Options{}))
	defer app.Close()
	b, err := bench.NewBaseline(ctx, url, 4, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	base := httptest.NewServer(b)
	defer base.Close()

	do := func(srv *httptest.Server, method, path, body string) (int, []byte) {
		t.Helper()
		req, _ := http.NewRequest(method, srv.URL+path, bytes.NewBufferString(body))
		req.Header.Set("Authorization", "Bearer "+res.Token)
		req.Header.Set("Accept-Encoding", "gzip") // both compress; the client undoes it
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		r := resp.Body
		if resp.Header.Get("Content-Encoding") == "gzip" {
			r = gunzip(t, resp.Body)
		}
		out, _ := io.ReadAll(r)
		return resp.StatusCode, out
	}
	var ids struct{ Visit, Open, Finding, Criterion, Action, Free int64 }
	q := func(dst any, sql string) {
		if err := db.Gorm.Raw(sql).Scan(dst).Error; err != nil {
			t.Fatal(err)
		}
	}
	q(&ids.Visit, "SELECT MIN(id) FROM visits WHERE status = 'approved'")
	q(&ids.Open, `SELECT MIN(v.id) FROM visits v WHERE v.status = 'in_progress'
		AND EXISTS (SELECT 1 FROM findings f JOIN criteria c ON c.id = f.criterion_id WHERE f.visit_id = v.id AND c.measure = 'score')
		AND EXISTS (SELECT 1 FROM criteria c WHERE c.criteria_set_id = v.criteria_set_id AND c.measure = 'percent'
			AND NOT EXISTS (SELECT 1 FROM findings f WHERE f.visit_id = v.id AND f.criterion_id = c.id))`)
	q(&ids.Finding, fmt.Sprintf("SELECT MIN(f.id) FROM findings f JOIN criteria c ON c.id = f.criterion_id WHERE f.visit_id = %d AND c.measure = 'score'", ids.Open))
	q(&ids.Action, fmt.Sprintf("SELECT MIN(id) FROM actions WHERE visit_id = %d", ids.Visit))
	q(&ids.Free, fmt.Sprintf(`SELECT MIN(c.id) FROM criteria c WHERE c.measure = 'percent' AND NOT EXISTS
		(SELECT 1 FROM findings f WHERE f.visit_id = %d AND f.criterion_id = c.id)`, ids.Open))

	// Reads: the same JSON.
	for _, path := range []string{
		fmt.Sprintf("/api/v1/visits/%d", ids.Visit),
		fmt.Sprintf("/api/v1/visits/%d", ids.Open),
		fmt.Sprintf("/api/v1/visits/%d/findings", ids.Visit),
		fmt.Sprintf("/api/v1/visits/%d/findings?page=2&per_page=7", ids.Visit),
		"/api/v1/visits?year=2026&status=approved",
		"/api/v1/visits?q=xa&page=2&per_page=5",
		"/api/v1/visits?agency_id=3",
		"/api/v1/reports/dashboard?year=2026",
	} {
		sa, ba := do(app, "GET", path, "")
		sb, bb := do(base, "GET", path, "")
		if sa != 200 || sb != 200 || !bytes.Equal(ba, bb) {
			t.Errorf("GET %s: app %d, baseline %d\napp:      %.600s\nbaseline: %.600s", path, sa, sb, ba, bb)
		}
	}

	// Writes: the same answers but for ids and times, the same audit rows.
	lastAudit := func() string {
		var ev struct {
			EntityType, Action, Changes string
		}
		q(&ev, "SELECT entity_type, action, changes FROM audit_events ORDER BY id DESC LIMIT 1")
		return ev.EntityType + " " + ev.Action + " " + ev.Changes
	}
	volatile := regexp.MustCompile(`"(id|created_at|updated_at|version)":[^,}]*`)
	same := func(what string, sa, sb int, ba, bb []byte, auditA, auditB string) {
		t.Helper()
		na, nb := volatile.ReplaceAll(ba, nil), volatile.ReplaceAll(bb, nil)
		if sa != sb || !bytes.Equal(na, nb) || auditA != auditB {
			t.Errorf("%s: app %d %s\nbaseline %d %s\naudit app:      %s\naudit baseline: %s", what, sa, ba, sb, bb, auditA, auditB)
		}
	}
	body := fmt.Sprintf(`{"criterion_id": %d, "rating": "good", "value": 97.5, "score": 0.5, "note": "Đạt"}`, ids.Free)
	sa, ba := do(app, "POST", fmt.Sprintf("/api/v1/visits/%d/findings", ids.Open), body)
	auditA := lastAudit()
	db.Gorm.Exec("DELETE FROM findings WHERE visit_id = ? AND criterion_id = ?", ids.Open, ids.Free)
	sb, bb := do(base, "POST", fmt.Sprintf("/api/v1/visits/%d/findings", ids.Open), body)
	same("POST finding", sa, sb, ba, bb, auditA, lastAudit())
	if sa != 201 {
		t.Fatalf("POST finding: %d %s", sa, ba)
	}
	if s, _ := do(base, "POST", fmt.Sprintf("/api/v1/visits/%d/findings", ids.Open), body); s != 409 {
		t.Errorf("baseline: a second finding on the criterion answers %d, want 409 as the app", s)
	}

	var version int
	q(&version, fmt.Sprintf("SELECT version FROM findings WHERE id = %d", ids.Finding))
	sa, ba = do(app, "PATCH", fmt.Sprintf("/api/v1/findings/%d", ids.Finding), fmt.Sprintf(`{"version": %d, "note": "Lần một", "score": 0.25}`, version))
	auditA = lastAudit()
	sb, bb = do(base, "PATCH", fmt.Sprintf("/api/v1/findings/%d", ids.Finding), fmt.Sprintf(`{"version": %d, "note": "Lần hai", "score": 0.5}`, version+1))
	auditB := lastAudit()
	// The second patch changes from the first one's values: compare the shape.
	same("PATCH finding", sa, sb, bytes.ReplaceAll(bytes.ReplaceAll(ba, []byte("Lần một"), []byte("X")), []byte("0.25"), []byte("Y")),
		bytes.ReplaceAll(bytes.ReplaceAll(bb, []byte("Lần hai"), []byte("X")), []byte("0.5"), []byte("Y")),
		regexp.MustCompile(`"(old|new)":[^,}]*`).ReplaceAllString(auditA, ""), regexp.MustCompile(`"(old|new)":[^,}]*`).ReplaceAllString(auditB, ""))
	if s, _ := do(base, "PATCH", fmt.Sprintf("/api/v1/findings/%d", ids.Finding), fmt.Sprintf(`{"version": %d, "note": "cũ"}`, version)); s != 409 {
		t.Errorf("baseline: a stale version answers %d, want 409 as the app", s)
	}

	body = `{"note": "Đơn vị đã khắc phục một phần"}`
	sa, ba = do(app, "POST", fmt.Sprintf("/api/v1/actions/%d/updates", ids.Action), body)
	auditA = lastAudit()
	sb, bb = do(base, "POST", fmt.Sprintf("/api/v1/actions/%d/updates", ids.Action), body)
	same("POST action update", sa, sb, ba, bb, volatile.ReplaceAllString(auditA, ""), volatile.ReplaceAllString(lastAudit(), ""))

	// Both wrote to one audit chain, and it holds.
	if n, broken, err := store.New(db).VerifyAudit(ctx); err != nil || broken != nil {
		t.Fatalf("audit chain after both servers wrote: %d checked, %+v, %v", n, broken, err)
	}

	// Revocation: a revoked token is refused by both at once.
	db.Gorm.Exec("UPDATE api_tokens SET revoked_at = created_at")
	for name, srv := range map[string]*httptest.Server{"app": app, "baseline": base} {
		if s, _ := do(srv, "GET", fmt.Sprintf("/api/v1/visits/%d", ids.Visit), ""); s != 401 {
			t.Errorf("%s: revoked token answers %d, want 401", name, s)
		}
	}
}

func gunzip(t *testing.T, r io.Reader) io.ReadCloser {
	t.Helper()
	z, err := gzip.NewReader(r)
	if err != nil {
		t.Fatal(err)
	}
	return z
}
