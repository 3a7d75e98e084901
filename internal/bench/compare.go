package bench

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cchc-inspect/cchc/internal/metrics"
)

// Server is a running server under test and the database its requests
// are made from.
type Server struct {
	Name  string
	URL   string
	Token string
	Mix   *Mix
	// PID, when the bench started the server, lets it count the server's
	// processor time per request.
	PID int
	// PeakRSS is filled in by Compare from the server's /metrics.
	PeakRSS int64
}

// Options say how hard and how long to load each server.
type Options struct {
	Concurrency int
	// Duration is the load time of each server in each round, split evenly
	// over the endpoints.
	Duration time.Duration
	Rounds   int
	// Warmup is an unmeasured load of each server's read endpoints first.
	Warmup time.Duration
	// Only, if not empty, names the endpoints to measure.
	Only []string
	// Log receives a line per run.
	Log  io.Writer
	Seed uint64
}

// Compare loads each server with each endpoint of the mix in turn — the
// servers alternate endpoint by endpoint, and each round swaps who goes
// first — and returns one Row per endpoint: servers[0] as A, servers[1]
// (if any) as B. An endpoint a server does not answer (such as the
// dashboard before it exists) is reported as not available there.
func Compare(ctx context.Context, servers []*Server, o Options) ([]Row, error) {
	client := Client(o.Concurrency)
	endpoints := map[*Server][]Endpoint{}
	skipped := map[*Server]map[string]string{}
	var names []string
	for _, s := range servers {
		skipped[s] = map[string]string{}
		for _, ep := range s.Mix.Endpoints() {
			if len(o.Only) > 0 && !slices.Contains(o.Only, ep.Name) {
				continue
			}
			endpoints[s] = append(endpoints[s], ep)
			if s == servers[0] {
				names = append(names, ep.Name)
			}
			if !ep.Write {
				if why := probe(ctx, client, s, ep); why != "" {
					skipped[s][ep.Name] = why
				}
			}
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("bench: no endpoint to measure (--only %v)", o.Only)
	}
	per := o.Duration / time.Duration(len(names))
	for _, s := range servers {
		if o.Warmup <= 0 {
			break
		}
		var reads []Endpoint
		for _, ep := range endpoints[s] {
			if !ep.Write && skipped[s][ep.Name] == "" {
				reads = append(reads, ep)
			}
		}
		for _, ep := range reads {
			Run(ctx, s.load(client, o, o.Warmup/time.Duration(len(reads))), s.Name, ep)
		}
	}
	results := map[*Server]map[string][]*Result{}
	for _, s := range servers {
		results[s] = map[string][]*Result{}
	}
	for r := range o.Rounds {
		for i, name := range names {
			order := slices.Clone(servers)
			if (r+i)%2 == 1 {
				slices.Reverse(order)
			}
			for _, s := range order {
				ep := endpoints[s][slices.IndexFunc(endpoints[s], func(e Endpoint) bool { return e.Name == name })]
				if why := skipped[s][name]; why != "" {
					results[s][name] = append(results[s][name], &Result{Endpoint: name, Server: s.Name, Skipped: why})
					continue
				}
				if ep.Write {
					// Requests cut off at the end of the last run may still be
					// committing: let them land before reading the versions.
					time.Sleep(250 * time.Millisecond)
					if err := s.Mix.Prepare(ctx, name); err != nil {
						return nil, fmt.Errorf("bench: prepare %s on %s: %w", name, s.Name, err)
					}
				}
				cpu := metrics.CPUTime(s.PID)
				res := Run(ctx, s.load(client, o, per), s.Name, ep)
				if s.PID > 0 {
					res.CPU = metrics.CPUTime(s.PID) - cpu
				}
				if ep.Write {
					if err := s.Mix.Cleanup(ctx, name); err != nil {
						return nil, fmt.Errorf("bench: clean up after %s on %s: %w", name, s.Name, err)
					}
				}
				if ctx.Err() != nil {
					return nil, ctx.Err()
				}
				results[s][name] = append(results[s][name], res)
				if o.Log != nil {
					fmt.Fprintf(o.Log, "  round %d  %-28s %-9s %7.0f req/s  p99 %6s ms  errors %d  server CPU %s µs/req\n", r+1, name, s.Name,
						res.Throughput(), ms(res.Percentile(99)), res.ErrorCount(), cpuPerRequest(res))
				}
			}
		}
	}
	for _, s := range servers {
		s.PeakRSS = ScrapePeakRSS(ctx, client, s.URL)
	}
	rows := make([]Row, len(names))
	for i, name := range names {
		rows[i] = Row{Endpoint: name, A: Merge(results[servers[0]][name]...)}
		if len(servers) > 1 {
			rows[i].B = Merge(results[servers[1]][name]...)
		}
	}
	return rows, nil
}

func (s *Server) load(c *http.Client, o Options, d time.Duration) Load {
	return Load{Client: c, BaseURL: s.URL, Token: s.Token, Concurrency: o.Concurrency, Duration: d, Seed: o.Seed}
}

// probe sends one request of a read endpoint and says why the server
// cannot be measured on it ("" when it answers 2xx).
func probe(ctx context.Context, c *http.Client, s *Server, ep Endpoint) string {
	l := Load{Client: c, BaseURL: s.URL, Token: s.Token}
	req := ep.Next(&Worker{Of: 1, Rand: newRand(1)})
	status, _, err := l.do(ctx, req)
	switch {
	case err != nil:
		return err.Error()
	case status < 200 || status > 299:
		return fmt.Sprintf("answers %d", status)
	}
	return ""
}

// ScrapePeakRSS reads the peak resident memory that a server reports on
// /metrics (cchc_process_peak_resident_memory_bytes), or 0.
func ScrapePeakRSS(ctx context.Context, c *http.Client, baseURL string) int64 {
	req, err := http.NewRequestWithContext(ctx, "GET", baseURL+"/metrics", nil)
	if err != nil {
		return 0
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	return parsePeakRSS(resp.Body)
}

func parsePeakRSS(r io.Reader) int64 {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "cchc_process_peak_resident_memory_bytes "); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(rest), 64)
			if err == nil {
				return int64(f)
			}
		}
	}
	return 0
}

// cpuPerRequest is the server's processor time per request in µs, or "–".
func cpuPerRequest(r *Result) string {
	if r.CPU <= 0 || r.Requests == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f", float64(r.CPU.Microseconds())/float64(r.Requests))
}
