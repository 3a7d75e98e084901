package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

// TestPostgresRestoreDrill is the drill of docs/operations.md: load the
// demo into PostgreSQL, pg_dump it, pg_restore it into a new database, and
// check that the app serves the restored data with its audit chain intact.
func TestPostgresRestoreDrill(t *testing.T) {
	src := storetest.FreshPostgres(t)
	for _, tool := range []string{"pg_dump", "pg_restore", "psql"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is not installed: under CI=true the drill must run", tool)
			}
			t.Skipf("%s is not installed", tool)
		}
	}
	ctx := context.Background()
	env := map[string]string{"DATABASE_URL": src, "CCHC_LOG_FORMAT": "json"}
	if r := runCmd(t, ctx, env, "", "demo"); r.code != 0 {
		t.Fatalf("demo: %+v", r)
	}
	u, _ := url.Parse(src)
	schema := u.Query().Get("search_path")
	base := *u
	q := base.Query()
	q.Del("search_path")
	base.RawQuery = q.Encode()

	dump := filepath.Join(t.TempDir(), "cchc.dump")
	execOK(t, "pg_dump", "--format=custom", "--no-owner", "--schema="+schema, "--file="+dump, "--dbname="+base.String())

	// A new database, as after losing the old server.
	name := fmt.Sprintf("cchc_drill_%d", time.Now().UnixNano())
	admin := base
	admin.Path = "/postgres"
	execOK(t, "psql", "--quiet", "--dbname="+admin.String(), "-c", "CREATE DATABASE "+name)
	t.Cleanup(func() {
		exec.Command("psql", "--quiet", "--dbname="+admin.String(), "-c", "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)").Run()
	})
	restored := base
	restored.Path = "/" + name
	execOK(t, "pg_restore", "--no-owner", "--exit-on-error", "--dbname="+restored.String(), dump)

	rq := restored.Query()
	rq.Set("search_path", schema)
	restored.RawQuery = rq.Encode()
	renv := map[string]string{"DATABASE_URL": restored.String(), "CCHC_LOG_FORMAT": "json"}
	if r := runCmd(t, ctx, renv, "", "migrate", "status"); r.code != 0 || strings.Contains(r.stdout, "pending") {
		t.Fatalf("restored migrations: %+v", r)
	}
	if r := runCmd(t, ctx, renv, "", "audit", "verify"); r.code != 0 || !strings.Contains(r.stdout, "intact") {
		t.Fatalf("audit chain of the restored database: %+v", r)
	}
	if r := runCmd(t, ctx, renv, "", "demo"); r.code != 0 || !strings.Contains(r.stdout, "already present") {
		t.Fatalf("the restored database lacks the demo: %+v", r)
	}
	base2, stop := startServe(t, renv)
	if res := mustGet(t, base2+"/readyz"); res != 200 {
		t.Fatalf("/readyz on the restored database = %d", res)
	}
	stop()
}

func execOK(t *testing.T, name string, args ...string) {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

func mustGet(t *testing.T, u string) int {
	t.Helper()
	res, err := httpGet(u)
	if err != nil {
		t.Fatal(err)
	}
	return res
}
