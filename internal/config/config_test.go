package config

import (
	"io"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaultsEnvironmentAndFlags(t *testing.T) {
	c, rest, err := Load("t", nil, env(nil), io.Discard, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.DataDir != "./data" || c.DatabaseURL != "" || c.DBMaxConns != 32 ||
		c.TimeZone.String() != "Asia/Ho_Chi_Minh" || c.ShutdownTimeout != 15*time.Second || len(rest) != 0 {
		t.Fatalf("defaults = %+v", c)
	}
	if c.Where() != "SQLite in ./data" {
		t.Errorf("Where = %q", c.Where())
	}
	e := env(map[string]string{"CCHC_ADDR": ":9000", "DATABASE_URL": "postgres://u:secret@db:5432/cchc", "CCHC_DATA_DIR": "/var/lib/cchc"})
	c, _, err = Load("t", []string{"--addr", "127.0.0.1:7000", "extra"}, e, io.Discard, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:7000" {
		t.Errorf("the flag did not win over the environment: %q", c.Addr)
	}
	if c.DataDir != "/var/lib/cchc" || c.DatabaseURL == "" {
		t.Errorf("environment not read: %+v", c)
	}
	if w := c.Where(); w != "PostgreSQL at db:5432/cchc" || strings.Contains(w, "secret") {
		t.Errorf("Where = %q, want the host without the password", w)
	}
}

func TestBadValuesNameTheSetting(t *testing.T) {
	cases := map[string]string{
		"DATABASE_URL":          "mysql://x/y",
		"CCHC_DB_MAX_CONNS":     "0",
		"CCHC_LOG_FORMAT":       "xml",
		"CCHC_LOG_LEVEL":        "loud",
		"CCHC_TIMEZONE":         "Asia/Nowhere",
		"CCHC_SHUTDOWN_TIMEOUT": "-1s",
	}
	for k, v := range cases {
		_, _, err := Load("t", nil, env(map[string]string{k: v}), io.Discard, nil)
		if err == nil || !strings.Contains(err.Error(), k) {
			t.Errorf("%s=%q: err = %v, want one naming %s", k, v, err, k)
		}
	}
}
