package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/cchc-inspect/cchc/internal/bench"
	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/gen"
	"github.com/cchc-inspect/cchc/internal/metrics"
	"github.com/cchc-inspect/cchc/internal/service"
	"github.com/cchc-inspect/cchc/internal/store"
)

// gen fills an empty database with generated data.
func (e env) gen(ctx context.Context, args []string) error {
	var (
		scale, asOf, tokenFile string
		seed                   uint64
	)
	cfg, db, _, err := e.open(ctx, "cchc gen", args, func(fs *flag.FlagSet) {
		fs.StringVar(&scale, "scale", "small", "how much: small (one province, one year), province (one province, ten years) or national (34 provinces, ten years)")
		fs.Uint64Var(&seed, "seed", 1, "the same seed gives the same data")
		fs.StringVar(&asOf, "as-of", gen.DefaultAsOf.String(), "the generated world's today (YYYY-MM-DD): the last year generated is its year")
		fs.StringVar(&tokenFile, "token-file", "", "also write the generated administrator's API token to this file (mode 0600)")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	sc, ok := gen.Scales[scale]
	if !ok {
		return fmt.Errorf("--scale: want small, province or national, got %q", scale)
	}
	day, err := domain.ParseDate(asOf)
	if err != nil {
		return fmt.Errorf("--as-of: %w", err)
	}
	if cfg.DatabaseURL == "" {
		unlock, err := store.LockDataDir(cfg.DataDir)
		if err != nil {
			return err
		}
		defer unlock()
	}
	if _, err := db.Migrate(ctx); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "generating the %s data set (seed %d, as of %s) into %s\n", sc.Name, seed, day, cfg.Where())
	var last time.Time
	res, err := gen.Run(ctx, db, gen.Options{Scale: sc, Seed: seed, AsOf: day, Progress: func(p gen.Progress) {
		if time.Since(last) < 2*time.Second && p.Province < p.Provinces {
			return
		}
		last = time.Now()
		fmt.Fprintf(e.stdout, "  year %d (%d/%d), province %d/%d: %d visits, %d findings, %d actions, %d audit events (%.1fs)\n",
			p.Year, p.Done, p.Years, p.Province, p.Provinces, p.Rows["visits"], p.Rows["findings"], p.Rows["actions"],
			p.Rows["audit_events"], p.Elapsed.Seconds())
	}})
	if err != nil {
		return err
	}
	var total int64
	names := make([]string, 0, len(res.Rows))
	for name, n := range res.Rows {
		names = append(names, name)
		total += n
	}
	slices.Sort(names)
	fmt.Fprintf(e.stdout, "wrote %d rows in %.1fs (peak memory %s):\n", total, res.Elapsed.Seconds(), metrics.MiB(metrics.PeakRSS(0)))
	for _, name := range names {
		fmt.Fprintf(e.stdout, "  %-22s %9d\n", name, res.Rows[name])
	}
	fmt.Fprintf(e.stdout, "every generated user's password: %s\n", res.Password)
	fmt.Fprintf(e.stdout, "API token of %s (administrator): %s\n", res.Username, res.Token)
	if tokenFile != "" {
		if err := os.WriteFile(tokenFile, []byte(res.Token+"\n"), 0o600); err != nil {
			return err
		}
	}
	return nil
}

// bench loads the app with the mix of real requests; with --baseline it
// serves the raw baseline instead, with --compare it starts both on the
// configured PostgreSQL database and compares them.
func (e env) bench(ctx context.Context, args []string) error {
	var (
		o                         = bench.Options{Log: e.stdout, Seed: 1}
		url, token, only, jsonOut string
		sqliteDir                 string
		baseline, compare         bool
	)
	cfg, db, _, err := e.open(ctx, "cchc bench", args, func(fs *flag.FlagSet) {
		fs.StringVar(&url, "url", "", "the running app to load (without --compare); its database is the configured one")
		fs.StringVar(&token, "token", "", "API token to send (default: a token made for "+gen.BenchUser+" for this run, revoked after)")
		fs.IntVar(&o.Concurrency, "concurrency", 64, "clients sending requests at once, each waiting for its answer")
		fs.DurationVar(&o.Duration, "duration", 80*time.Second, "load time of each server per round, split evenly over the endpoints")
		fs.IntVar(&o.Rounds, "rounds", 1, "rounds: servers alternate endpoint by endpoint, and each round swaps who goes first")
		fs.DurationVar(&o.Warmup, "warmup", 3*time.Second, "unmeasured load of each server's read endpoints first")
		fs.StringVar(&only, "only", "", "comma-separated endpoints to measure (default: the whole mix)")
		fs.StringVar(&jsonOut, "json", "", "also write the results as JSON to this file")
		fs.BoolVar(&baseline, "baseline", false, "serve the raw baseline (net/http + pgx) at --addr instead of loading anything")
		fs.BoolVar(&compare, "compare", false, "start the app and the baseline on the configured PostgreSQL database and compare them")
		fs.StringVar(&sqliteDir, "against-sqlite", "", "with --compare: compare the app on PostgreSQL with the app on the SQLite database in this data directory (same seed)")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	if baseline {
		db.Close()
		if cfg.PprofAddr != "" {
			go servePprof(cfg.PprofAddr, newLogger(cfg, e.stderr))
		}
		return e.serveBaseline(ctx, cfg.DatabaseURL, cfg.Addr, cfg.DBMaxConns, cfg.TimeZone)
	}
	if o.Concurrency < 1 || o.Rounds < 1 || o.Duration <= 0 {
		return errors.New("--concurrency, --rounds and --duration must be positive")
	}
	if only != "" {
		for _, name := range strings.Split(only, ",") {
			name = strings.TrimSpace(name)
			if !slices.Contains(bench.MixNames, name) {
				return fmt.Errorf("--only: unknown endpoint %q; the mix is: %s", name, strings.Join(bench.MixNames, ", "))
			}
			o.Only = append(o.Only, name)
		}
	}
	if (compare && sqliteDir == "") && cfg.DatabaseURL == "" {
		return errors.New("--compare needs the PostgreSQL database (DATABASE_URL or --database-url) that the baseline serves")
	}
	a, err := e.benchTarget(ctx, "app", db, token)
	if err != nil {
		return err
	}
	defer a.close()
	servers := []*bench.Server{a.Server}
	var procs []*process
	defer func() {
		for _, p := range procs {
			p.stop()
		}
	}()
	switch {
	case compare:
		app, err := e.start(ctx, "app", []string{"serve"}, map[string]string{"DATABASE_URL": cfg.DatabaseURL, "CCHC_DATA_DIR": cfg.DataDir})
		if err != nil {
			return err
		}
		procs = append(procs, app)
		a.URL, a.PID = app.url, app.cmd.Process.Pid
		var other *bench.Server
		if sqliteDir != "" {
			sdb, err := store.Open(ctx, store.Options{DataDir: sqliteDir})
			if err != nil {
				return err
			}
			defer sdb.Close()
			t, err := e.benchTarget(ctx, "sqlite", sdb, "")
			if err != nil {
				return err
			}
			defer t.close()
			p, err := e.start(ctx, "sqlite", []string{"serve"}, map[string]string{"CCHC_DATA_DIR": sqliteDir})
			if err != nil {
				return err
			}
			procs = append(procs, p)
			t.URL, t.PID, other = p.url, p.cmd.Process.Pid, t.Server
			a.Name = "postgres"
			// A = SQLite, B = PostgreSQL: the ratios say how SQLite fares.
			servers = []*bench.Server{other, a.Server}
		} else {
			env := map[string]string{"DATABASE_URL": cfg.DatabaseURL}
			if host, port, err := net.SplitHostPort(cfg.PprofAddr); err == nil {
				n, _ := strconv.Atoi(port) // the app's profiler at the port, the baseline's at the next
				env["CCHC_PPROF_ADDR"] = net.JoinHostPort(host, strconv.Itoa(n+1))
			}
			p, err := e.start(ctx, "baseline", []string{"bench", "--baseline"}, env)
			if err != nil {
				return err
			}
			procs = append(procs, p)
			other = &bench.Server{Name: "baseline", URL: p.url, PID: p.cmd.Process.Pid, Token: a.Token, Mix: a.Mix}
			servers = append(servers, other)
		}
	case url != "":
		a.URL = strings.TrimRight(url, "/")
	default:
		return errors.New("say what to load: --url of a running app, --compare, or --baseline to serve the baseline")
	}
	fmt.Fprintf(e.stdout, "data set: %s\n", datasetSize(ctx, db))
	endpoints := len(bench.MixNames)
	if len(o.Only) > 0 {
		endpoints = len(o.Only)
	}
	fmt.Fprintf(e.stdout, "load: %d clients, %s per server per round over %d endpoints, %d round(s), %d cores\n",
		o.Concurrency, o.Duration, endpoints, o.Rounds, runtime.NumCPU())
	rows, err := bench.Compare(ctx, servers, o)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout)
	if len(servers) == 1 {
		bench.WriteResults(e.stdout, rows)
	} else {
		bench.WriteTable(e.stdout, rows, servers[0].Name, servers[1].Name, bench.DefaultTargets)
	}
	fmt.Fprintln(e.stdout)
	for _, s := range servers {
		fmt.Fprintf(e.stdout, "peak memory of %s: %s\n", s.Name, metrics.MiB(s.PeakRSS))
	}
	for _, r := range rows {
		for _, res := range []*bench.Result{r.A, r.B} {
			if res == nil {
				continue
			}
			if res.Note != "" {
				fmt.Fprintf(e.stdout, "%s on %s: %s\n", r.Endpoint, res.Server, res.Note)
			}
			for kind, sample := range res.ErrorSamples {
				fmt.Fprintf(e.stdout, "%s on %s, error %s, e.g. %s\n", r.Endpoint, res.Server, kind, sample)
			}
		}
	}
	if jsonOut != "" {
		return bench.WriteJSON(jsonOut, rows, servers)
	}
	return nil
}

// benchTarget is a server's database: the mix's targets and a token.
type benchTarget struct {
	*bench.Server
	revoke func()
}

func (t *benchTarget) close() {
	if t.revoke != nil {
		t.revoke()
	}
}

// benchTarget reads the mix's targets from db and, without a token given,
// makes one for the generated administrator (revoked by close).
func (e env) benchTarget(ctx context.Context, name string, db *store.DB, token string) (*benchTarget, error) {
	if _, err := db.Migrate(ctx); err != nil {
		return nil, err
	}
	mix, err := bench.NewMix(ctx, db)
	if err != nil {
		return nil, err
	}
	t := &benchTarget{Server: &bench.Server{Name: name, Token: token, Mix: mix}}
	if token != "" {
		return t, nil
	}
	svc := service.New(store.New(db), nil)
	u, err := svc.Store().UserByUsername(ctx, gen.BenchUser)
	if err != nil {
		return nil, fmt.Errorf("user %s (made by cchc gen): %w", gen.BenchUser, err)
	}
	a := service.Actor{User: u, RequestID: "cchc-bench"}
	tok, err := svc.CreateToken(ctx, a, service.NewToken{Name: "cchc bench " + time.Now().UTC().Format(time.RFC3339)})
	if err != nil {
		return nil, err
	}
	t.Token = tok.Token
	t.revoke = func() { svc.RevokeToken(context.Background(), a, tok.ID) }
	return t, nil
}

// datasetSize describes the data set the bench runs on.
func datasetSize(ctx context.Context, db *store.DB) string {
	var parts []string
	for _, t := range []string{"visits", "findings", "actions", "audit_events"} {
		var n int64
		db.Gorm.WithContext(ctx).Raw("SELECT COUNT(*) FROM " + t).Scan(&n)
		parts = append(parts, fmt.Sprintf("%d %s", n, strings.ReplaceAll(t, "_", " ")))
	}
	if db.Dialect == store.Postgres {
		var size string
		db.Gorm.WithContext(ctx).Raw("SELECT pg_size_pretty(pg_database_size(current_database()))").Scan(&size)
		parts = append(parts, size+" on disk")
	}
	return db.Dialect + ", " + strings.Join(parts, ", ")
}

// serveBaseline serves the raw baseline until ctx ends.
func (e env) serveBaseline(ctx context.Context, url, addr string, conns int, loc *time.Location) error {
	if url == "" {
		return errors.New("the baseline runs on PostgreSQL: set DATABASE_URL or --database-url")
	}
	b, err := bench.NewBaseline(ctx, url, conns, loc)
	if err != nil {
		return err
	}
	defer b.Close()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %s", addr, listenReason(err))
	}
	srv := &http.Server{Handler: b, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	fmt.Fprintf(e.stdout, "baseline serving at http://%s\n", displayAddr(ln.Addr().String()))
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// process is a server the bench started: this binary, run again.
type process struct {
	name string
	url  string
	cmd  *exec.Cmd
	log  *os.File
}

// start runs this binary with args and the environment changed by env,
// listening on a free local port, and waits until it answers /healthz.
func (e env) start(ctx context.Context, name string, args []string, env map[string]string) (*process, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	env["CCHC_ADDR"] = addr
	if _, ok := env["CCHC_LOG_FORMAT"]; !ok {
		env["CCHC_LOG_FORMAT"] = "json"
	}
	var vars []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if _, ok := env[k]; !ok && k != "DATABASE_URL" && k != "CCHC_DATA_DIR" {
			vars = append(vars, kv)
		}
	}
	for k, v := range env {
		if v != "" {
			vars = append(vars, k+"="+v)
		}
	}
	log, err := os.CreateTemp("", "cchc-bench-"+name+"-*.log")
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, args...)
	cmd.Env, cmd.Stdout, cmd.Stderr = vars, log, log
	if err := cmd.Start(); err != nil {
		log.Close()
		return nil, err
	}
	p := &process{name: name, url: "http://" + addr, cmd: cmd, log: log}
	fmt.Fprintf(e.stdout, "started %s (pid %d) at %s, log %s\n", name, cmd.Process.Pid, p.url, log.Name())
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(p.url + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p, nil
			}
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			p.stop()
			return nil, fmt.Errorf("%s did not start in 30s: see %s", name, log.Name())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// stop ends the server gracefully (SIGTERM), then waits for it.
func (p *process) stop() {
	p.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		p.cmd.Process.Kill()
		<-done
	}
	p.log.Close()
}

// servePprof serves the Go profiler (net/http/pprof) at addr, for
// profiling under load; it is off unless CCHC_PPROF_ADDR is set.
func servePprof(addr string, log *slog.Logger) {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	log.Info("profiler listening", "addr", addr)
	srv := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	if err := srv.ListenAndServe(); err != nil {
		log.Error("profiler stopped", "error", err.Error())
	}
}
