package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Request is one request of an endpoint's load. Done, if set, is told the
// answer (to follow versions); it runs on the worker that sent the request.
type Request struct {
	// Stop, instead of a request, says the endpoint has no target left:
	// the worker stops, and the run ends when every worker has.
	Stop         string
	Method, Path string
	Body         []byte
	Done         func(status int, body []byte)
}

// Worker is one of the concurrent clients: its number and its own random
// source, so that endpoints can keep per-worker state without locks.
type Worker struct {
	// N is the worker's number, from 0 to Of-1.
	N, Of int
	Rand  *rand.Rand
}

// Endpoint is one entry of the mix: how to make its next request.
type Endpoint struct {
	Name string
	// Write marks endpoints that change data (they get Prepare and Cleanup).
	Write bool
	// Next returns the worker's next request.
	Next func(w *Worker) Request
}

// Client returns an HTTP client for concurrency parallel requests to one
// server: a kept-alive connection each, gzip accepted as a browser does.
func Client(concurrency int) *http.Client {
	return &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			MaxIdleConns:        concurrency * 2,
			MaxIdleConnsPerHost: concurrency * 2,
			IdleConnTimeout:     90 * time.Second,
		},
	}
}

// Load says how to load one server.
type Load struct {
	Client      *http.Client
	BaseURL     string
	Token       string
	Concurrency int
	Duration    time.Duration
	// Seed makes the workers' choices repeatable.
	Seed uint64
}

// Run sends ep's requests from l.Concurrency workers, each waiting for its
// answer before sending the next (a closed loop), for l.Duration, and
// returns the throughput, latencies and errors.
func Run(ctx context.Context, l Load, server string, ep Endpoint) *Result {
	type sample struct {
		end     time.Time
		stop    string
		lat     []time.Duration
		errs    map[string]int
		samples map[string]string
	}
	out := make([]sample, l.Concurrency)
	ctx, cancel := context.WithTimeout(ctx, l.Duration)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	for i := range l.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &Worker{N: i, Of: l.Concurrency, Rand: rand.New(rand.NewPCG(l.Seed, uint64(i)))}
			s := sample{errs: map[string]int{}, samples: map[string]string{}}
			for ctx.Err() == nil {
				req := ep.Next(w)
				if req.Stop != "" {
					s.stop = req.Stop
					break
				}
				t0 := time.Now()
				status, body, err := l.do(ctx, req)
				if err != nil && ctx.Err() != nil {
					break // the run ended during the request: not counted
				}
				s.lat = append(s.lat, time.Since(t0))
				switch {
				case err != nil:
					kind := "transport"
					s.errs[kind]++
					s.samples[kind] = err.Error()
				case status < 200 || status > 299:
					kind := strconv.Itoa(status)
					s.errs[kind]++
					if _, ok := s.samples[kind]; !ok {
						s.samples[kind] = req.Method + " " + req.Path + ": " + string(body[:min(len(body), 300)])
					}
				}
				if err == nil && req.Done != nil {
					req.Done(status, body)
				}
			}
			s.end = time.Now()
			out[i] = s
		}()
	}
	wg.Wait()
	r := &Result{Endpoint: ep.Name, Server: server, Errors: map[string]int{}, ErrorSamples: map[string]string{}}
	for _, s := range out {
		r.Elapsed = max(r.Elapsed, s.end.Sub(start))
		if s.stop != "" {
			r.Note = s.stop
		}
		r.Latencies = append(r.Latencies, s.lat...)
		for k, v := range s.errs {
			r.Errors[k] += v
		}
		for k, v := range s.samples {
			r.ErrorSamples[k] = v
		}
	}
	r.Requests = len(r.Latencies)
	r.Finish()
	return r
}

// do sends one request and reads the whole answer.
func (l Load) do(ctx context.Context, r Request) (int, []byte, error) {
	var body io.Reader
	if r.Body != nil {
		body = bytes.NewReader(r.Body)
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, l.BaseURL+r.Path, body)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+l.Token)
	req.Header.Set("Accept-Language", "vi")
	if r.Body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := l.Client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, nil, fmt.Errorf("read answer: %w", err)
	}
	return resp.StatusCode, b, nil
}

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed)) }
