package bench

import (
	"bytes"
	"context"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func result(server string, elapsed time.Duration, lat ...time.Duration) *Result {
	r := &Result{Endpoint: "GET /x", Server: server, Elapsed: elapsed, Requests: len(lat), Latencies: lat, Errors: map[string]int{}}
	r.Finish()
	return r
}

func TestPercentiles(t *testing.T) {
	var lat []time.Duration
	for i := 100; i >= 1; i-- { // unsorted on purpose
		lat = append(lat, time.Duration(i)*time.Millisecond)
	}
	r := result("app", 2*time.Second, lat...)
	for _, tc := range []struct {
		p    float64
		want time.Duration
	}{{50, 50 * time.Millisecond}, {90, 90 * time.Millisecond}, {99, 99 * time.Millisecond}, {100, 100 * time.Millisecond}, {0.1, time.Millisecond}} {
		if got := r.Percentile(tc.p); got != tc.want {
			t.Errorf("p%v = %s, want %s", tc.p, got, tc.want)
		}
	}
	if got := r.Throughput(); got != 50 {
		t.Errorf("throughput %v, want 50 req/s", got)
	}
	if got := (&Result{}).Percentile(99); got != 0 {
		t.Errorf("p99 of nothing = %s", got)
	}
	if got := (&Result{Requests: 3}).Throughput(); got != 0 {
		t.Errorf("throughput without time = %v", got)
	}
}

func TestMerge(t *testing.T) {
	a := result("app", time.Second, 3*time.Millisecond, time.Millisecond)
	a.Errors["500"] = 1
	a.CPU = time.Second
	b := result("app", time.Second, 2*time.Millisecond)
	b.Errors["500"], b.Errors["409"] = 2, 1
	b.Note = "ran out"
	m := Merge(a, b, nil)
	if m.Requests != 3 || m.Elapsed != 2*time.Second || m.Errors["500"] != 3 || m.Errors["409"] != 1 || m.ErrorCount() != 4 ||
		m.CPU != time.Second || m.Note != "ran out" {
		t.Fatalf("merged %+v", m)
	}
	if m.Percentile(50) != 2*time.Millisecond || m.Percentile(100) != 3*time.Millisecond {
		t.Errorf("merged latencies not pooled and sorted: %v", m.Latencies)
	}
	skipped := Merge(&Result{Endpoint: "GET /d", Server: "baseline", Skipped: "answers 404"})
	if skipped.Skipped != "answers 404" || skipped.Requests != 0 {
		t.Errorf("skipped merged to %+v", skipped)
	}
}

func TestRatiosAndTargets(t *testing.T) {
	fast := result("baseline", time.Second, ms100(100)...) // 100 req/s, p99 99 ms
	slow := result("app", time.Second, ms100(95)...)       // 95 req/s
	row := Row{Endpoint: "GET /x", A: slow, B: fast}
	if r := row.ThroughputRatio(); math.Abs(r-0.95) > 1e-9 {
		t.Errorf("throughput ratio %v, want 0.95", r)
	}
	if !DefaultTargets.Met(row) {
		t.Errorf("95%% of the throughput, p99 %.2f×: should meet the targets", row.P99Ratio())
	}
	tooSlow := Row{A: result("app", time.Second, ms100(80)...), B: fast}
	if DefaultTargets.Met(tooSlow) {
		t.Error("80% of the throughput met the targets")
	}
	lateTail := result("app", time.Second, ms100(100)...)
	lateTail.Latencies[99] = time.Second // p99 becomes 1 s
	lateTail.Latencies[98] = time.Second
	lateTail.Finish()
	if DefaultTargets.Met(Row{A: lateTail, B: fast}) {
		t.Error("a p99 10× the baseline's met the targets")
	}
	missing := Row{A: slow, B: &Result{Skipped: "answers 404"}}
	if !math.IsNaN(missing.ThroughputRatio()) || !math.IsNaN(missing.P99Ratio()) || DefaultTargets.Met(missing) {
		t.Error("a row measured on one side only has ratios or meets the targets")
	}
}

// ms100 returns n latencies of 1…n ms.
func ms100(n int) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		out[i] = time.Duration(i+1) * time.Millisecond
	}
	return out
}

func TestWriteTable(t *testing.T) {
	ok := result("app", time.Second, ms100(100)...)
	ok.Errors["409"] = 2
	ok.CPU = 50 * time.Millisecond
	rows := []Row{
		{Endpoint: "GET /x", A: ok, B: result("baseline", time.Second, ms100(100)...)},
		{Endpoint: "GET /reports/dashboard", A: &Result{Skipped: "answers 404"}, B: &Result{Skipped: "answers 404"}},
	}
	var buf bytes.Buffer
	WriteTable(&buf, rows, "app", "baseline", DefaultTargets)
	out := buf.String()
	for _, want := range []string{
		"| GET /x | app | 100 | 50.0 | 90.0 | 99.0 | 2 (409: 2) | 500 | 1.00 | 1.00 | met |",
		"| GET /x | baseline | 100 | 50.0 | 90.0 | 99.0 | 0 | – |",
		"| GET /reports/dashboard | app | not available (answers 404) |",
		"| – | – | n/a |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	cells := strings.Count(lines[0], "|")
	for _, l := range lines {
		if strings.Count(l, "|") != cells {
			t.Errorf("line with %d cells, header has %d: %s", strings.Count(l, "|"), cells, l)
		}
	}
}

func TestParsePeakRSS(t *testing.T) {
	in := "# HELP x\ngo_goroutines 12\ncchc_process_peak_resident_memory_bytes 1.6777216e+08\n"
	if got := parsePeakRSS(strings.NewReader(in)); got != 167772160 {
		t.Errorf("peak %d", got)
	}
	if got := parsePeakRSS(strings.NewReader("nothing\n")); got != 0 {
		t.Errorf("peak without the metric: %d", got)
	}
}

// TestRunCountsAndStops runs the closed loop against a test server: every
// answered request is counted once, errors by status, and a run whose endpoint runs
// out of targets ends early.
func TestRunCountsAndStops(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer tok" {
			w.WriteHeader(401)
			return
		}
		if n.Add(1)%10 == 0 {
			w.WriteHeader(409)
			return
		}
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	l := Load{Client: Client(4), BaseURL: srv.URL, Token: "tok", Concurrency: 4, Duration: 300 * time.Millisecond}
	ep := Endpoint{Name: "GET /x", Next: func(w *Worker) Request { return Request{Method: "GET", Path: "/x"} }}
	r := Run(context.Background(), l, "test", ep)
	// Requests still in flight when the time is up are served but not counted.
	served := int(n.Load())
	if r.Requests == 0 || r.Requests > served || served > r.Requests+l.Concurrency ||
		r.Errors["409"] < r.Requests/10-l.Concurrency || r.Errors["409"] > r.Requests/10+l.Concurrency {
		t.Fatalf("%d requests counted, %d served, errors %v", r.Requests, n.Load(), r.Errors)
	}
	var left atomic.Int64
	left.Store(20)
	ep.Next = func(w *Worker) Request {
		if left.Add(-1) < 0 {
			return Request{Stop: "no target left"}
		}
		return Request{Method: "GET", Path: "/x"}
	}
	r = Run(context.Background(), l, "test", ep)
	if r.Requests != 20 || r.Note != "no target left" || r.Elapsed >= l.Duration {
		t.Fatalf("stopping run: %d requests, note %q, %s", r.Requests, r.Note, r.Elapsed)
	}
}
