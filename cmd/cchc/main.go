// Command cchc is CCHC Inspect: the web app in which a province tracks its
// administrative-reform inspections. One binary: the server and its tools.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/mattn/go-isatty"

	"github.com/cchc-inspect/cchc/internal/config"
	"github.com/cchc-inspect/cchc/internal/demo"
	"github.com/cchc-inspect/cchc/internal/domain"
	"github.com/cchc-inspect/cchc/internal/service"
	"github.com/cchc-inspect/cchc/internal/store"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

const usage = `CCHC Inspect — administrative-reform inspections

Usage:
  cchc [serve] [--demo] [flags]   run the web server (the default command)
  cchc migrate up|status          apply or list the database migrations
  cchc user create --username U --password-stdin --role R [--agency CODE] [--full-name "…"] [--title "…"]
  cchc demo                       load the demo data (the 2019 Điện Biên inspection)
  cchc audit verify               check the audit trail's hash chain; report the first broken link
  cchc backup [--out FILE]        write a consistent copy of the SQLite database, even while serving
  cchc restore FILE               put a backup in place of the SQLite database (stop the server first)
  cchc healthcheck [--url U]      exit 0 when the local server answers /readyz (for containers)
  cchc gen [--scale small|province|national] [--seed N]   fill an empty database with generated data
  cchc bench [--compare] [--duration D] [--concurrency N]  load-test the app (and the raw baseline)
  cchc version                    print the version

Run "cchc serve --help" for the settings; each flag also reads an environment variable.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// env is the process environment as the commands see it.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// run runs one command and returns the exit code. Errors end as one line on
// standard error.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := env{getenv, stdin, stdout, stderr}
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "serve":
		err = e.serve(ctx, args)
	case "migrate":
		err = e.migrate(ctx, args)
	case "user":
		err = e.user(ctx, args)
	case "demo":
		err = e.demo(ctx, args)
	case "audit":
		err = e.audit(ctx, args)
	case "backup":
		err = e.backup(ctx, args)
	case "restore":
		err = e.restore(ctx, args)
	case "healthcheck":
		err = e.healthcheck(ctx, args)
	case "gen":
		err = e.gen(ctx, args)
	case "bench":
		err = e.bench(ctx, args)
	case "version":
		fmt.Fprintln(stdout, "cchc", version)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		err = fmt.Errorf("unknown command %q; run \"cchc help\"", cmd)
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	}
	fmt.Fprintln(stderr, "cchc:", oneLine(err))
	return 1
}

func oneLine(err error) string {
	return strings.ReplaceAll(strings.TrimSpace(err.Error()), "\n", " ")
}

// open loads the settings, opens the database and applies the migrations.
func (e env) open(ctx context.Context, name string, args []string, register func(*flag.FlagSet)) (*config.Config, *store.DB, []string, error) {
	cfg, rest, err := config.Load(name, args, e.getenv, e.stderr, register)
	if err != nil {
		return nil, nil, nil, err
	}
	db, err := store.Open(ctx, store.Options{URL: cfg.DatabaseURL, DataDir: cfg.DataDir, MaxOpenConns: cfg.DBMaxConns})
	if err != nil {
		return nil, nil, nil, err
	}
	return cfg, db, rest, nil
}

// newLogger logs as text on a terminal and as JSON lines otherwise.
func newLogger(cfg *config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	text := cfg.LogFormat == "text"
	if cfg.LogFormat == "auto" {
		f, ok := w.(*os.File)
		text = ok && isatty.IsTerminal(f.Fd())
	}
	if text {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

func (e env) migrate(ctx context.Context, args []string) error {
	if len(args) == 0 || (args[0] != "up" && args[0] != "status") {
		return errors.New("usage: cchc migrate up|status")
	}
	cfg, db, _, err := e.open(ctx, "cchc migrate "+args[0], args[1:], nil)
	if err != nil {
		return err
	}
	defer db.Close()
	if args[0] == "up" {
		applied, err := db.Migrate(ctx)
		for _, name := range applied {
			fmt.Fprintln(e.stdout, "applied", name)
		}
		if err == nil && len(applied) == 0 {
			fmt.Fprintln(e.stdout, "nothing to apply:", cfg.Where(), "is up to date")
		}
		return err
	}
	st, err := db.MigrationStatus(ctx)
	if err != nil {
		return err
	}
	for _, m := range st {
		state := "pending"
		if m.Applied {
			state = "applied " + m.AppliedAt.UTC().Format("2006-01-02 15:04:05Z")
		}
		fmt.Fprintf(e.stdout, "%-40s %s\n", m.Name, state)
	}
	return nil
}

func (e env) user(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New("usage: cchc user create --username U --password-stdin --role R [--agency CODE] [--full-name \"…\"] [--title \"…\"]")
	}
	var (
		in                service.NewUser
		role, agency      string
		passwordFromStdin bool
	)
	_, db, _, err := e.open(ctx, "cchc user create", args[1:], func(fs *flag.FlagSet) {
		fs.StringVar(&in.Username, "username", "", "sign-in name (lower case letters, digits, . _ -)")
		fs.BoolVar(&passwordFromStdin, "password-stdin", false, "read the password from the first line of standard input")
		fs.StringVar(&role, "role", "", "admin, leader, inspector or agency_officer")
		fs.StringVar(&agency, "agency", "", "code of the agency (required for agency_officer)")
		fs.StringVar(&in.FullName, "full-name", "", "full name as printed on documents")
		fs.StringVar(&in.Title, "title", "", "job title, such as \"Phó Giám đốc Sở Nội vụ\"")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	if !passwordFromStdin {
		return errors.New("the password is read from standard input: add --password-stdin (it is never taken from the command line)")
	}
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read password: %w", err)
	}
	in.Password = strings.TrimRight(line, "\r\n")
	in.Role = domain.Role(role)
	if in.FullName == "" {
		in.FullName = in.Username
	}
	if _, err := db.Migrate(ctx); err != nil {
		return err
	}
	svc := service.New(store.New(db), nil)
	if agency != "" {
		a, err := svc.Store().AgencyByCode(ctx, agency)
		if err != nil {
			return fmt.Errorf("agency %q: %w", agency, err)
		}
		in.AgencyID = &a.ID
	}
	u, err := svc.CreateUser(ctx, service.System, in)
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(e.stdout, "created user %s (id %d, role %s)\n", u.Username, u.ID, u.Role)
	return nil
}

// describe spells out the field errors of a validation error on one line.
func describe(err error) error {
	var de *domain.Error
	if !errors.As(err, &de) || len(de.Fields) == 0 {
		return err
	}
	parts := make([]string, len(de.Fields))
	for i, f := range de.Fields {
		parts[i] = fieldHint(f)
	}
	return errors.New(strings.Join(parts, "; "))
}

func fieldHint(f domain.FieldError) string {
	switch f.Code {
	case "min":
		return fmt.Sprintf("%s: at least %s characters", f.Field, f.Param)
	case "max":
		return fmt.Sprintf("%s: at most %s characters", f.Field, f.Param)
	case "username":
		return "username: 3 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"
	case "oneof":
		return fmt.Sprintf("%s: one of %s", f.Field, f.Param)
	case "required_for_officer":
		return "agency: an agency officer needs --agency CODE"
	case "same_as_username":
		return "password: must differ from the username"
	case "unique":
		return f.Field + ": already taken"
	}
	return f.Field + ": " + f.Code
}

func (e env) demo(ctx context.Context, args []string) error {
	cfg, db, _, err := e.open(ctx, "cchc demo", args, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		return err
	}
	loaded, err := demo.Load(ctx, newService(cfg, db))
	if err != nil {
		return err
	}
	if loaded {
		fmt.Fprintln(e.stdout, "demo data loaded into", cfg.Where())
	} else {
		fmt.Fprintln(e.stdout, "demo data already present in", cfg.Where(), "(nothing changed)")
	}
	printLogins(e.stdout)
	return nil
}

// audit verifies the audit trail's hash chain.
func (e env) audit(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "verify" {
		return errors.New("usage: cchc audit verify")
	}
	cfg, db, _, err := e.open(ctx, "cchc audit verify", args[1:], nil)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		return err
	}
	n, broken, err := store.New(db).VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if broken != nil {
		return fmt.Errorf("audit trail of %s broken at event %d (after %d events checked): %s", cfg.Where(), broken.EventID, n-1, broken.Reason)
	}
	fmt.Fprintf(e.stdout, "audit trail of %s intact: %d events, every link checked\n", cfg.Where(), n)
	return nil
}

// backup writes a consistent copy of the SQLite database.
func (e env) backup(ctx context.Context, args []string) error {
	var out string
	cfg, db, _, err := e.open(ctx, "cchc backup", args, func(fs *flag.FlagSet) {
		fs.StringVar(&out, "out", "", "file to write (default: DATA_DIR/backups/cchc-YYYYMMDD-HHMMSS.db)")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	if out == "" {
		dir := filepath.Join(cfg.DataDir, "backups")
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return err
		}
		out = filepath.Join(dir, "cchc-"+time.Now().UTC().Format("20060102-150405")+".db")
	}
	if err := db.Backup(ctx, out); err != nil {
		return err
	}
	n, err := store.CheckBackup(ctx, out)
	if err != nil {
		return err
	}
	fi, _ := os.Stat(out)
	fmt.Fprintf(e.stdout, "backup written to %s (%d bytes, %d migrations, integrity ok)\n", out, fi.Size(), n)
	return nil
}

// restore puts a backup in place of the SQLite database, while no server
// holds the data directory.
func (e env) restore(ctx context.Context, args []string) error {
	cfg, rest, err := config.Load("cchc restore", args, e.getenv, e.stderr, nil)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return errors.New("usage: cchc restore [flags] FILE")
	}
	if cfg.DatabaseURL != "" {
		return store.ErrBackupPostgres
	}
	unlock, err := store.LockDataDir(cfg.DataDir)
	if err != nil {
		return err
	}
	defer unlock()
	if err := store.Restore(ctx, cfg.DataDir, rest[0]); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "restored %s into %s (the previous database is kept as cchc.db.before-restore)\n", rest[0], cfg.Where())
	return nil
}

// healthcheck asks the server's /readyz, for container health checks in
// images that have no curl.
func (e env) healthcheck(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("cchc healthcheck", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	addr := e.getenv("CCHC_ADDR")
	if addr == "" {
		addr = ":8080"
	}
	url := fs.String("url", "http://"+displayAddr(addr)+"/readyz", "URL to ask")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, *url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("not healthy: %s", oneLine(err))
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("not healthy: %s answered %d", *url, resp.StatusCode)
	}
	fmt.Fprintln(e.stdout, "healthy")
	return nil
}

func printLogins(w io.Writer) {
	fmt.Fprintln(w, "Demo sign-ins (username / password):")
	for _, l := range demo.Logins {
		fmt.Fprintf(w, "  %-15s %-9s / %-20s %s, %s\n", string(l.Role), l.Username, l.Password, l.FullName, l.Title)
	}
}
