// Package config reads the app's settings from the environment and the
// command line (flags win), with defaults, in one table.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // the province's time zone works on machines without zoneinfo
)

// Config holds every setting of the app.
type Config struct {
	Addr            string
	DataDir         string
	DatabaseURL     string
	DBMaxConns      int
	LogFormat       string
	LogLevel        string
	TimeZone        *time.Location
	ShutdownTimeout time.Duration
	SecureCookies   bool
	SessionIdle     time.Duration
	SessionMax      time.Duration
	MaxUploadMB     int
	ActionDueDays   int
	// PprofAddr is where the Go profiler listens; empty means off.
	PprofAddr string
	// Province, Issuer, IssuerParent and IssuerCode name the body that
	// issues the documents: "Điện Biên", "SỞ NỘI VỤ", "UBND TỈNH ĐIỆN BIÊN", "SNV".
	Province     string
	Issuer       string
	IssuerParent string
	IssuerCode   string
}

// Option is one setting: its environment variable, its flag, its default
// and what it does. Options is the whole table; the README lists it.
type Option struct {
	Env, Flag, Default, Help string
	set                      func(c *Config, v string) error
}

// Options lists every setting.
var Options = []Option{
	{"CCHC_ADDR", "addr", ":8080", "address the HTTP server listens on",
		func(c *Config, v string) error { c.Addr = v; return nil }},
	{"CCHC_DATA_DIR", "data-dir", "./data", "folder of the embedded SQLite database (cchc.db), used when DATABASE_URL is empty",
		func(c *Config, v string) error { c.DataDir = v; return nil }},
	{"DATABASE_URL", "database-url", "", "postgres://user:password@host:5432/database?sslmode=disable to use PostgreSQL",
		setDatabaseURL},
	{"CCHC_DB_MAX_CONNS", "db-max-conns", "32", "PostgreSQL connections per instance (open and idle); requests beyond wait in order",
		func(c *Config, v string) error { return setInt(&c.DBMaxConns, v, 1, 1000) }},
	{"CCHC_LOG_FORMAT", "log-format", "auto", "log format: text, json, or auto (text on a terminal, JSON otherwise)",
		func(c *Config, v string) error { return setOneOf(&c.LogFormat, v, "auto", "text", "json") }},
	{"CCHC_LOG_LEVEL", "log-level", "info", "least level logged: debug, info, warn, error",
		func(c *Config, v string) error { return setOneOf(&c.LogLevel, v, "debug", "info", "warn", "error") }},
	{"CCHC_TIMEZONE", "timezone", "Asia/Ho_Chi_Minh", "time zone of the province: what 'today' means for deadlines",
		setTimeZone},
	{"CCHC_SHUTDOWN_TIMEOUT", "shutdown-timeout", "15s", "how long a shutdown waits for requests in flight",
		func(c *Config, v string) error { return setDuration(&c.ShutdownTimeout, v) }},
	{"CCHC_COOKIE_SECURE", "cookie-secure", "false", "mark cookies Secure: set to true when users reach the app over HTTPS (directly or through a TLS proxy)",
		func(c *Config, v string) error { return setBool(&c.SecureCookies, v) }},
	{"CCHC_SESSION_IDLE", "session-idle", "2h", "a session ends after this long without a request",
		func(c *Config, v string) error { return setDuration(&c.SessionIdle, v) }},
	{"CCHC_SESSION_MAX", "session-max", "12h", "a session ends this long after sign-in, whatever happens",
		func(c *Config, v string) error { return setDuration(&c.SessionMax, v) }},
	{"CCHC_MAX_UPLOAD_MB", "max-upload-mb", "20", "largest attachment accepted, in MiB",
		func(c *Config, v string) error { return setInt(&c.MaxUploadMB, v, 1, 1024) }},
	{"CCHC_ACTION_DUE_DAYS", "action-due-days", "15", "default deadline of a follow-up action, in days after its conclusion's approval",
		func(c *Config, v string) error { return setInt(&c.ActionDueDays, v, 1, 365) }},
	{"CCHC_PPROF_ADDR", "pprof-addr", "", "address of the Go profiler (net/http/pprof), such as 127.0.0.1:6060; empty: off (never expose it publicly)",
		func(c *Config, v string) error { c.PprofAddr = v; return nil }},
	{"CCHC_PROVINCE", "province", "Điện Biên", "the province's name, as in the date line of documents (\"Điện Biên, ngày …\")",
		func(c *Config, v string) error { return setText(&c.Province, v, 100) }},
	{"CCHC_ISSUER", "issuer", "SỞ NỘI VỤ", "the body that issues the conclusion notices and reports, in capitals, as in their header",
		func(c *Config, v string) error { return setText(&c.Issuer, v, 200) }},
	{"CCHC_ISSUER_PARENT", "issuer-parent", "UBND TỈNH ĐIỆN BIÊN", "the issuing body's parent, in capitals, above it in the header (--issuer-parent= for none)",
		func(c *Config, v string) error { return setOptionalText(&c.IssuerParent, v, 200) }},
	{"CCHC_ISSUER_CODE", "issuer-code", "SNV", "the issuing body's abbreviation in document numbers (45/TB-SNV)",
		func(c *Config, v string) error { return setText(&c.IssuerCode, v, 20) }},
}

// Load reads the settings from getenv, then from the flags in args; the
// flags may be followed by other arguments, which are returned. Extra flags
// of a command (such as --demo) are declared by register on the flag set.
func Load(name string, args []string, getenv func(string) string, stderr io.Writer, register func(*flag.FlagSet)) (*Config, []string, error) {
	c := &Config{}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	values := make([]*string, len(Options))
	for i, o := range Options {
		v := o.Default
		if e := getenv(o.Env); e != "" {
			v = e
		}
		values[i] = fs.String(o.Flag, v, fmt.Sprintf("%s (env %s)", o.Help, o.Env))
	}
	if register != nil {
		register(fs)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, nil, err
		}
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	for i, o := range Options {
		if err := o.set(c, strings.TrimSpace(*values[i])); err != nil {
			return nil, nil, fmt.Errorf("%s (--%s): %w", o.Env, o.Flag, err)
		}
	}
	return c, fs.Args(), nil
}

func setDatabaseURL(c *Config, v string) error {
	if v == "" {
		return nil
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
		return errors.New("not a postgres://host/database URL")
	}
	c.DatabaseURL = v
	return nil
}

func setTimeZone(c *Config, v string) error {
	loc, err := time.LoadLocation(v)
	if err != nil {
		return fmt.Errorf("unknown time zone %q", v)
	}
	c.TimeZone = loc
	return nil
}

func setInt(dst *int, v string, lo, hi int) error {
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return fmt.Errorf("want a whole number from %d to %d, got %q", lo, hi, v)
	}
	*dst = n
	return nil
}

func setBool(dst *bool, v string) error {
	b, err := strconv.ParseBool(v)
	if err != nil {
		return fmt.Errorf("want true or false, got %q", v)
	}
	*dst = b
	return nil
}

func setDuration(dst *time.Duration, v string) error {
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return fmt.Errorf("want a duration such as 15s, got %q", v)
	}
	*dst = d
	return nil
}

func setText(dst *string, v string, max int) error {
	if v == "" || len([]rune(v)) > max {
		return fmt.Errorf("want a text of 1 to %d characters, got %q", max, v)
	}
	*dst = v
	return nil
}

func setOptionalText(dst *string, v string, max int) error {
	if v == "" {
		*dst = ""
		return nil
	}
	return setText(dst, v, max)
}

func setOneOf(dst *string, v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			*dst = v
			return nil
		}
	}
	return fmt.Errorf("want one of %s, got %q", strings.Join(allowed, ", "), v)
}

// Where returns a printable name of the configured database, without secrets.
func (c *Config) Where() string {
	if c.DatabaseURL == "" {
		return "SQLite in " + c.DataDir
	}
	u, _ := url.Parse(c.DatabaseURL)
	return "PostgreSQL at " + u.Host + u.Path
}
