// Package bench measures the app under load: a closed-loop HTTP load of
// real API requests at a constant concurrency (Run), the raw baseline server
// that does the same essential work with net/http and pgx only (Baseline),
// and the reports that put the two side by side (Compare, WriteTable).
package bench

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"slices"
	"strings"
	"time"
)

// Result is the outcome of one endpoint's load against one server.
type Result struct {
	Endpoint string `json:"endpoint"`
	Server   string `json:"server"`
	// Skipped says why the endpoint was not measured ("" when it was).
	Skipped  string        `json:"skipped,omitempty"`
	Requests int           `json:"requests"`
	Elapsed  time.Duration `json:"elapsed_ns"`
	// Errors counts failed requests by status ("500") or by transport error.
	Errors map[string]int `json:"errors,omitempty"`
	// ErrorSamples keeps the start of one failed answer per kind.
	ErrorSamples map[string]string `json:"error_samples,omitempty"`
	// CPU is the processor time the server used during the run, when known.
	CPU time.Duration `json:"server_cpu_ns,omitempty"`
	// Note says why a run ended early (its endpoint ran out of targets).
	Note string `json:"note,omitempty"`
	// Latencies of every request, sorted once Finish is called.
	Latencies []time.Duration `json:"-"`
}

// ErrorCount is the number of failed requests.
func (r *Result) ErrorCount() int {
	n := 0
	for _, c := range r.Errors {
		n += c
	}
	return n
}

// Throughput is requests (answered, failed or not) per second.
func (r *Result) Throughput() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// Finish sorts the latencies so that Percentile can be asked.
func (r *Result) Finish() { slices.Sort(r.Latencies) }

// Percentile returns the latency below which p percent of the requests
// were answered (nearest rank), or 0 without requests.
func (r *Result) Percentile(p float64) time.Duration {
	n := len(r.Latencies)
	if n == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(n)))
	return r.Latencies[min(max(rank, 1), n)-1]
}

// Merge adds up results of the same endpoint and server (several rounds):
// requests, time and errors add, latencies are pooled.
func Merge(rs ...*Result) *Result {
	out := &Result{Errors: map[string]int{}, ErrorSamples: map[string]string{}}
	for _, r := range rs {
		if r == nil {
			continue
		}
		out.Endpoint, out.Server = r.Endpoint, r.Server
		if r.Skipped != "" {
			out.Skipped = r.Skipped
			continue
		}
		if r.Note != "" {
			out.Note = r.Note
		}
		out.Requests += r.Requests
		out.CPU += r.CPU
		out.Elapsed += r.Elapsed
		out.Latencies = append(out.Latencies, r.Latencies...)
		for k, v := range r.Errors {
			out.Errors[k] += v
		}
		for k, v := range r.ErrorSamples {
			out.ErrorSamples[k] = v
		}
	}
	out.Finish()
	return out
}

// Row is one endpoint measured on two servers: A (the app) against B (the
// baseline, or the app on another database).
type Row struct {
	Endpoint string
	A, B     *Result
}

// measured reports whether both sides were measured.
func (r Row) measured() bool {
	return r.A != nil && r.B != nil && r.A.Skipped == "" && r.B.Skipped == "" && r.A.Requests > 0 && r.B.Requests > 0
}

// ThroughputRatio is A's throughput over B's (NaN when either is missing).
func (r Row) ThroughputRatio() float64 {
	if !r.measured() {
		return math.NaN()
	}
	return r.A.Throughput() / r.B.Throughput()
}

// P99Ratio is A's 99th percentile latency over B's (NaN when either is missing).
func (r Row) P99Ratio() float64 {
	if !r.measured() || r.B.Percentile(99) == 0 {
		return math.NaN()
	}
	return float64(r.A.Percentile(99)) / float64(r.B.Percentile(99))
}

// Targets are the goals the comparison checks: A's throughput at least
// MinThroughput of B's and A's p99 at most MaxP99 times B's.
type Targets struct {
	MinThroughput, MaxP99 float64
}

// DefaultTargets are the issue's: 90% of the baseline's throughput, p99 at
// most 1.5× the baseline's.
var DefaultTargets = Targets{MinThroughput: 0.9, MaxP99: 1.5}

// Met reports whether the row meets the targets; a row not measured on both
// sides does not.
func (t Targets) Met(r Row) bool {
	return r.measured() && r.ThroughputRatio() >= t.MinThroughput && r.P99Ratio() <= t.MaxP99
}

// WriteTable prints one line per endpoint and server and a line of ratios,
// as a Markdown table.
func WriteTable(w io.Writer, rows []Row, aName, bName string, t Targets) {
	fmt.Fprintf(w, "| endpoint | server | req/s | p50 ms | p90 ms | p99 ms | errors | CPU µs/req | %s/%s req/s | %s/%s p99 | target |\n", aName, bName, aName, bName)
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
	for _, r := range rows {
		for i, res := range []*Result{r.A, r.B} {
			name := []string{aName, bName}[i]
			ratios := " | | |"
			if i == 0 {
				verdict := "not met"
				switch {
				case !r.measured():
					verdict = "n/a"
				case t.Met(r):
					verdict = "met"
				}
				ratios = fmt.Sprintf("%s | %s | %s |", ratio(r.ThroughputRatio()), ratio(r.P99Ratio()), verdict)
			}
			fmt.Fprintf(w, "| %s | %s | %s %s\n", r.Endpoint, name, resultCells(res), ratios)
		}
	}
}

func resultCells(r *Result) string {
	switch {
	case r == nil:
		return "not run | | | | | |"
	case r.Skipped != "":
		return "not available (" + r.Skipped + ") | | | | | |"
	}
	return fmt.Sprintf("%.0f | %s | %s | %s | %s | %s |", r.Throughput(), ms(r.Percentile(50)), ms(r.Percentile(90)), ms(r.Percentile(99)),
		errorsCell(r), cpuPerRequest(r))
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond)) }

func ratio(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return fmt.Sprintf("%.2f", x)
}

// errorsCell shows the failed requests and their kinds: "0", or "12 (409: 10, 500: 2)".
func errorsCell(r *Result) string {
	n := r.ErrorCount()
	if n == 0 {
		return "0"
	}
	keys := slices.SortedFunc(maps.Keys(r.Errors), func(a, b string) int { return cmp.Or(r.Errors[b]-r.Errors[a], strings.Compare(a, b)) })
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s: %d", k, r.Errors[k])
	}
	return fmt.Sprintf("%d (%s)", n, strings.Join(parts, ", "))
}

// WriteResults prints one server's results, one line per endpoint, as a
// Markdown table.
func WriteResults(w io.Writer, rows []Row) {
	fmt.Fprintln(w, "| endpoint | server | req/s | p50 ms | p90 ms | p99 ms | errors | CPU µs/req |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|")
	for _, r := range rows {
		server := ""
		if r.A != nil {
			server = r.A.Server
		}
		fmt.Fprintf(w, "| %s | %s | %s\n", r.Endpoint, server, resultCells(r.A))
	}
}

// jsonResult is a Result with its figures worked out, for WriteJSON.
type jsonResult struct {
	*Result
	Throughput float64 `json:"requests_per_second"`
	P50        float64 `json:"p50_ms"`
	P90        float64 `json:"p90_ms"`
	P95        float64 `json:"p95_ms"`
	P99        float64 `json:"p99_ms"`
}

// WriteJSON writes the rows and the servers' peak memory to a file.
func WriteJSON(path string, rows []Row, servers []*Server) error {
	type jsonRow struct {
		Endpoint        string      `json:"endpoint"`
		A               *jsonResult `json:"a"`
		B               *jsonResult `json:"b,omitempty"`
		ThroughputRatio *float64    `json:"throughput_ratio,omitempty"`
		P99Ratio        *float64    `json:"p99_ratio,omitempty"`
	}
	conv := func(r *Result) *jsonResult {
		if r == nil {
			return nil
		}
		return &jsonResult{Result: r, Throughput: r.Throughput(), P50: msf(r.Percentile(50)), P90: msf(r.Percentile(90)), P95: msf(r.Percentile(95)), P99: msf(r.Percentile(99))}
	}
	num := func(x float64) *float64 {
		if math.IsNaN(x) {
			return nil
		}
		return &x
	}
	out := struct {
		Rows    []jsonRow        `json:"rows"`
		PeakRSS map[string]int64 `json:"peak_rss_bytes"`
	}{PeakRSS: map[string]int64{}}
	for _, r := range rows {
		out.Rows = append(out.Rows, jsonRow{r.Endpoint, conv(r.A), conv(r.B), num(r.ThroughputRatio()), num(r.P99Ratio())})
	}
	for _, s := range servers {
		out.PeakRSS[s.Name] = s.PeakRSS
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

func msf(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
