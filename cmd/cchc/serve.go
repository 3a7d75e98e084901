package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/cchc-inspect/cchc/internal/config"
	"github.com/cchc-inspect/cchc/internal/demo"
	"github.com/cchc-inspect/cchc/internal/report"
	"github.com/cchc-inspect/cchc/internal/server"
	"github.com/cchc-inspect/cchc/internal/service"
	"github.com/cchc-inspect/cchc/internal/store"
)

// serve runs the HTTP server until ctx ends (SIGINT or SIGTERM), then lets
// the requests in flight finish and closes the database.
func (e env) serve(ctx context.Context, args []string) error {
	start := time.Now()
	var loadDemo bool
	cfg, db, _, err := e.open(ctx, "cchc serve", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&loadDemo, "demo", false, "load the demo data first when the database is empty")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	if cfg.DatabaseURL == "" {
		unlock, err := store.LockDataDir(cfg.DataDir)
		if err != nil {
			return err
		}
		defer unlock()
	}
	log := newLogger(cfg, e.stderr)
	applied, err := db.Migrate(ctx)
	if err != nil {
		return err
	}
	for _, name := range applied {
		log.Info("migration applied", "name", name)
	}
	svc := newService(cfg, db)
	if loadDemo {
		empty, err := demo.IsEmpty(ctx, svc.Store())
		if err != nil {
			return err
		}
		if empty {
			if _, err := demo.Load(ctx, svc); err != nil {
				return fmt.Errorf("load demo data: %w", err)
			}
			log.Info("demo data loaded")
		} else {
			log.Info("database not empty: demo data not loaded")
		}
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %s", cfg.Addr, listenReason(err))
	}
	if cfg.PprofAddr != "" {
		go servePprof(cfg.PprofAddr, log)
	}
	h := server.New(svc, server.Options{Ready: db.Ready, Logger: log, Version: version, SecureCookies: cfg.SecureCookies})
	srv := &http.Server{
		Handler:           wrapHandler(h),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	url := "http://" + displayAddr(ln.Addr().String())
	log.Info("ready", "url", url, "database", cfg.Where(), "version", version,
		"startup_ms", time.Since(start).Milliseconds())
	fmt.Fprintf(e.stdout, "CCHC Inspect %s is serving at %s (database: %s)\n", version, url, cfg.Where())
	if loadDemo {
		printLogins(e.stdout)
	}

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing requests in flight", "timeout", cfg.ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// newService makes the service with the configured rules.
func newService(cfg *config.Config, db *store.DB) *service.Service {
	svc := service.New(store.New(db), cfg.TimeZone)
	svc.SessionIdle, svc.SessionMax = cfg.SessionIdle, cfg.SessionMax
	svc.MaxUpload = int64(cfg.MaxUploadMB) << 20
	svc.DueDays = cfg.ActionDueDays
	svc.Issuer = report.Issuer{Province: cfg.Province, Parent: cfg.IssuerParent, Name: cfg.Issuer, Code: cfg.IssuerCode}
	return svc
}

// wrapHandler lets tests add routes around the server's handler.
var wrapHandler = func(h http.Handler) http.Handler { return h }

// displayAddr turns a listening address into one a browser can open.
func displayAddr(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if host == "" || host == "::" || host == "0.0.0.0" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

func listenReason(err error) string {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "address already in use"):
		return "the port is already in use (set --addr or CCHC_ADDR to another one)"
	case strings.Contains(msg, "permission denied"):
		return "permission denied (ports below 1024 need privileges)"
	}
	return msg
}
