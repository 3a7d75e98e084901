package server_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/cchc-inspect/cchc/internal/server"
	"github.com/cchc-inspect/cchc/internal/server/apitest"
	"github.com/cchc-inspect/cchc/internal/service"
	"github.com/cchc-inspect/cchc/internal/store"
	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

func get(t *testing.T, h http.Handler, path string) (*http.Response, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("X-Request-Id", "test-req-1")
	h.ServeHTTP(rec, req)
	b, _ := io.ReadAll(rec.Result().Body)
	return rec.Result(), string(b)
}

func TestHealthAndReadiness(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		svc := service.New(store.New(db), nil)
		h := server.New(svc, server.Options{Ready: db.Ready, Version: "test"})
		if res, body := get(t, h, "/healthz"); res.StatusCode != 200 || !strings.Contains(body, `"ok"`) {
			t.Fatalf("/healthz = %d %s", res.StatusCode, body)
		}
		res, body := get(t, h, "/readyz")
		if res.StatusCode != 200 || !strings.Contains(body, `"ready"`) {
			t.Fatalf("/readyz = %d %s", res.StatusCode, body)
		}
		if res.Header.Get("X-Request-Id") != "test-req-1" {
			t.Errorf("request ID not echoed: %q", res.Header.Get("X-Request-Id"))
		}
		db.Close()
		if res, body := get(t, h, "/readyz"); res.StatusCode != http.StatusServiceUnavailable {
			t.Fatalf("/readyz with the database closed = %d %s, want 503", res.StatusCode, body)
		}
	})
}

func TestReadyzReportsPendingMigrations(t *testing.T) {
	db := storetest.OpenEmpty(t, store.SQLite)
	h := server.New(service.New(store.New(db), nil), server.Options{Ready: db.Ready})
	res, body := get(t, h, "/readyz")
	if res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "migrations pending") {
		t.Fatalf("/readyz before migrations = %d %s", res.StatusCode, body)
	}
}

func TestUnknownPaths(t *testing.T) {
	e := apitest.New(t, store.SQLite)
	// An unknown API path is a problem document, after authentication.
	// (Sent to the handler directly: the path is in no document.)
	h := e.Handler
	req := httptest.NewRequest(http.MethodGet, "/api/v1/nope", nil)
	req.Header.Set("Authorization", "Bearer "+e.Tokens[apitest.Inspector])
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != 404 || w.Header().Get("Content-Type") != "application/problem+json" {
		t.Fatalf("unknown API path = %d %s %s", w.Code, w.Header().Get("Content-Type"), w.Body)
	}
	var p server.Problem
	if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil || p.Status != 404 {
		t.Fatalf("problem = %+v, %v", p, err)
	}
	if res, _ := get(t, h, "/api/v1/nope"); res.StatusCode != 401 {
		t.Fatalf("unknown API path, signed out = %d", res.StatusCode)
	}
	// An unknown page sends a signed-out browser to the sign-in page.
	rec, body := get(t, h, "/nope")
	if rec.StatusCode != 303 || rec.Header.Get("Location") != "/login?next=%2Fnope" {
		t.Fatalf("unknown page, signed out = %d %s %s", rec.StatusCode, rec.Header.Get("Location"), body)
	}
	if res, _ := get(t, h, "/static/favicon.svg"); res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Type"), "svg") {
		t.Fatalf("embedded favicon = %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
}

// /metrics answers in Prometheus's text format: the requests answered by
// route and status with their latency, the database's connections and the
// Go runtime.
func TestMetrics(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		h := server.New(service.New(store.New(db), nil), server.Options{Ready: db.Ready})
		get(t, h, "/healthz")
		get(t, h, "/api/v1/visits/7") // not signed in: 401
		get(t, h, "/no/such/page")
		res, body := get(t, h, server.MetricsPath)
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") {
			t.Fatalf("/metrics = %d %s", res.StatusCode, res.Header.Get("Content-Type"))
		}
		want := []string{
			`cchc_http_requests_total{method="GET",route="/healthz",status="200"} 1`,
			`cchc_http_requests_total{method="GET",route="/api/v1/visits/:id",status="401"} 1`,
			`cchc_http_request_duration_seconds_count{method="GET",route="/healthz",status="200"} 1`,
			`cchc_http_request_duration_seconds_bucket{method="GET",route="/healthz",status="200",le="0.0005"}`,
			`go_goroutines `,
			`cchc_process_peak_resident_memory_bytes `,
			`go_sql_max_open_connections{db_name="cchc"}`,
		}
		if db.Dialect == store.SQLite {
			want = append(want, `go_sql_max_open_connections{db_name="cchc"} 1`, `go_sql_max_open_connections{db_name="cchc_read"}`)
		} else {
			want = append(want, `cchc_db_pool_max_connections `, `cchc_db_pool_connections{state="in_use"} `,
				`cchc_db_pool_acquires_total `, `cchc_db_pool_waits_total `)
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("/metrics has no %s", w)
			}
		}
		// A path that matches no route does not make a series of its own.
		if strings.Contains(body, "/no/such/page") {
			t.Error("/metrics has a series for an unmatched path")
		}
	})
}
