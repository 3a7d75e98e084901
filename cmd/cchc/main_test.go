package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/glebarez/go-sqlite"

	"github.com/cchc-inspect/cchc/internal/store/storetest"
)

// result is what one run of the command printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

// runCmd runs the command in-process with the given environment.
func runCmd(t *testing.T, ctx context.Context, envv map[string]string, stdin string, args ...string) result {
	t.Helper()
	var out, errb syncBuffer
	code := run(ctx, args, func(k string) string { return envv[k] }, strings.NewReader(stdin), &out, &errb)
	return result{code, out.String(), errb.String()}
}

// syncBuffer is a bytes.Buffer safe for a server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func dataEnv(t *testing.T) map[string]string {
	return map[string]string{"CCHC_DATA_DIR": t.TempDir(), "CCHC_LOG_FORMAT": "json"}
}

// TestBadConfigurationEndsWithOneClearLine checks that each misconfiguration
// exits non-zero with one line on standard error and no stack trace.
func TestBadConfigurationEndsWithOneClearLine(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	readOnly := filepath.Join(t.TempDir(), "ro")
	os.Mkdir(readOnly, 0o500)
	if os.Geteuid() == 0 {
		// root writes anywhere: make the data directory a file instead.
		readOnly = filepath.Join(t.TempDir(), "file")
		os.WriteFile(readOnly, []byte("x"), 0o600)
	}
	deadPort, _ := net.Listen("tcp", "127.0.0.1:0")
	deadAddr := deadPort.Addr().String()
	deadPort.Close()

	cases := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"unparsable DATABASE_URL", map[string]string{"DATABASE_URL": "mysql://nowhere"}, nil, "DATABASE_URL"},
		{"unreachable database", map[string]string{"DATABASE_URL": "postgres://postgres@" + deadAddr + "/test?connect_timeout=2"}, nil, "not reachable"},
		{"unwritable data directory", map[string]string{"CCHC_DATA_DIR": readOnly}, nil, "data directory"},
		{"port in use", map[string]string{"CCHC_DATA_DIR": t.TempDir(), "CCHC_ADDR": busy.Addr().String()}, nil, "already in use"},
		{"bad duration", map[string]string{"CCHC_SHUTDOWN_TIMEOUT": "soon"}, nil, "CCHC_SHUTDOWN_TIMEOUT"},
		{"unknown time zone", map[string]string{"CCHC_TIMEZONE": "Mars/Olympus"}, nil, "time zone"},
		{"unknown flag", map[string]string{}, []string{"serve", "--nope"}, "flag provided but not defined"},
		{"unknown command", map[string]string{}, []string{"frobnicate"}, "unknown command"},
		{"migrate without a verb", map[string]string{}, []string{"migrate"}, "usage: cchc migrate up|status"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			r := runCmd(t, ctx, c.env, "", c.args...)
			if r.code == 0 {
				t.Fatalf("exit code 0; stdout %q", r.stdout)
			}
			lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
			last := lines[len(lines)-1]
			if !strings.HasPrefix(last, "cchc: ") || !strings.Contains(last, c.want) {
				t.Fatalf("last stderr line %q, want \"cchc: …%s…\"", last, c.want)
			}
			if strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "panic") {
				t.Fatalf("stderr holds a stack trace:\n%s", r.stderr)
			}
		})
	}
}

func TestUserCreateReadsThePasswordFromStandardInput(t *testing.T) {
	env := dataEnv(t)
	ctx := context.Background()
	if r := runCmd(t, ctx, env, "", "demo"); r.code != 0 {
		t.Fatalf("demo: %+v", r)
	}
	r := runCmd(t, ctx, env, "mat-khau-rat-dai-2019\n", "user", "create", "--username", "hang.nt", "--password-stdin",
		"--role", "agency_officer", "--agency", "SYT", "--full-name", "Nguyễn Thu Hằng")
	if r.code != 0 || !strings.Contains(r.stdout, "created user hang.nt") {
		t.Fatalf("user create: %+v", r)
	}
	if r := runCmd(t, ctx, env, "x\n", "user", "create", "--username", "a.b", "--password", "x", "--role", "admin"); r.code == 0 ||
		!strings.Contains(r.stderr, "flag provided but not defined: -password") {
		t.Fatalf("a password on the command line was not refused: %+v", r)
	}
	if r := runCmd(t, ctx, env, "", "user", "create", "--username", "a.b", "--role", "admin"); r.code == 0 ||
		!strings.Contains(r.stderr, "--password-stdin") {
		t.Fatalf("user create without --password-stdin: %+v", r)
	}
	bad := runCmd(t, ctx, env, "short\n", "user", "create", "--username", "x.y", "--password-stdin", "--role", "agency_officer")
	if bad.code == 0 || !strings.Contains(bad.stderr, "at least 12 characters") || !strings.Contains(bad.stderr, "--agency") {
		t.Fatalf("invalid user: %+v", bad)
	}
	dup := runCmd(t, ctx, env, "mat-khau-rat-dai-2019\n", "user", "create", "--username", "hang.nt", "--password-stdin", "--role", "inspector")
	if dup.code == 0 || !strings.Contains(dup.stderr, "username: already taken") {
		t.Fatalf("duplicate user: %+v", dup)
	}
}

func TestMigrateAndVersion(t *testing.T) {
	env := dataEnv(t)
	ctx := context.Background()
	if r := runCmd(t, ctx, env, "", "migrate", "status"); r.code != 0 || !strings.Contains(r.stdout, "00001_init.sql") ||
		!strings.Contains(r.stdout, "pending") {
		t.Fatalf("status before: %+v", r)
	}
	if r := runCmd(t, ctx, env, "", "migrate", "up"); r.code != 0 || !strings.Contains(r.stdout, "applied 00001_init.sql") {
		t.Fatalf("up: %+v", r)
	}
	if r := runCmd(t, ctx, env, "", "migrate", "up"); r.code != 0 || !strings.Contains(r.stdout, "nothing to apply") {
		t.Fatalf("second up: %+v", r)
	}
	if r := runCmd(t, ctx, env, "", "migrate", "status"); r.code != 0 || strings.Contains(r.stdout, "pending") {
		t.Fatalf("status after: %+v", r)
	}
	if r := runCmd(t, ctx, env, "", "version"); r.code != 0 || r.stdout != "cchc dev\n" {
		t.Fatalf("version: %+v", r)
	}
	if r := runCmd(t, ctx, env, "", "demo"); r.code != 0 || !strings.Contains(r.stdout, "demo data loaded") {
		t.Fatalf("demo: %+v", r)
	}
	if r := runCmd(t, ctx, env, "", "demo"); r.code != 0 || !strings.Contains(r.stdout, "already present") {
		t.Fatalf("second demo: %+v", r)
	}
}

var servingAt = regexp.MustCompile(`serving at (http://\S+)`)

// startServe runs "cchc serve" until the returned stop is called; it
// returns the base URL once the server prints it.
func startServe(t *testing.T, env map[string]string, args ...string) (base string, stop func() result) {
	t.Helper()
	env["CCHC_ADDR"] = "127.0.0.1:0"
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"serve"}, args...), func(k string) string { return env[k] }, strings.NewReader(""), &out, &errb)
	}()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if m := servingAt.FindStringSubmatch(out.String()); m != nil {
			base = m[1]
			break
		}
		select {
		case code := <-done:
			cancel()
			t.Fatalf("serve exited with %d: %s", code, errb.String())
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve did not start: %s %s", out.String(), errb.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	var once sync.Once
	var res result
	stop = func() result {
		once.Do(func() {
			cancel()
			select {
			case code := <-done:
				res = result{code, out.String(), errb.String()}
			case <-time.After(30 * time.Second):
				t.Fatal("serve did not stop")
			}
		})
		return res
	}
	t.Cleanup(func() { stop() })
	return base, stop
}

func TestServeDemoIsReadyAndPrintsLogins(t *testing.T) {
	base, stop := startServe(t, dataEnv(t), "--demo")
	resp, err := http.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"ready"`) {
		t.Fatalf("/readyz = %d %s", resp.StatusCode, body)
	}
	if hc := runCmd(t, context.Background(), nil, "", "healthcheck", "--url", base+"/readyz"); hc.code != 0 || hc.stdout != "healthy\n" {
		t.Fatalf("healthcheck of a ready server: %+v", hc)
	}
	r := stop()
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if hc := runCmd(t, context.Background(), nil, "", "healthcheck", "--url", base+"/readyz"); hc.code == 0 {
		t.Fatalf("healthcheck of a stopped server passed: %+v", hc)
	}
	for _, want := range []string{"admin", "lanhdao", "tuyen.ld", "quang.lv", "demo-admin-2019"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks the demo login %q:\n%s", want, r.stdout)
		}
	}
	// One JSON log line per request, with its request ID.
	var found bool
	for _, line := range strings.Split(r.stderr, "\n") {
		if strings.Contains(line, `"path":"/readyz"`) && strings.Contains(line, `"request_id":"`) && strings.Contains(line, `"status":200`) {
			found = true
		}
	}
	if !found {
		t.Errorf("no request log line for /readyz:\n%s", r.stderr)
	}
}

// TestShutdownFinishesRequestsInFlight asks the server to stop while a
// request is inside its handler, and checks that the request is answered
// before the server exits and that the SQLite file is left checkpointed.
func TestShutdownFinishesRequestsInFlight(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	wrapHandler = func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/slow" {
				close(entered)
				<-release
				w.Write([]byte("done"))
				return
			}
			h.ServeHTTP(w, r)
		})
	}
	t.Cleanup(func() { wrapHandler = func(h http.Handler) http.Handler { return h } })
	env := dataEnv(t)
	base, stop := startServe(t, env)
	answered := make(chan string, 1)
	go func() {
		resp, err := http.Get(base + "/slow")
		if err != nil {
			answered <- "error: " + err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		answered <- string(b)
	}()
	<-entered
	stopped := make(chan result, 1)
	go func() { stopped <- stop() }()
	time.Sleep(300 * time.Millisecond)
	select {
	case r := <-stopped:
		t.Fatalf("server stopped with a request in flight: %+v", r)
	default:
	}
	close(release)
	if got := <-answered; got != "done" {
		t.Fatalf("request in flight got %q", got)
	}
	r := <-stopped
	if r.code != 0 || !strings.Contains(r.stderr, `"msg":"stopped"`) {
		t.Fatalf("shutdown: %+v", r)
	}
	if fi, err := os.Stat(filepath.Join(env["CCHC_DATA_DIR"], "cchc.db-wal")); err == nil && fi.Size() > 0 {
		t.Errorf("the write-ahead log still holds %d bytes after a clean shutdown", fi.Size())
	}
}

func TestServeOnPostgres(t *testing.T) {
	env := map[string]string{"DATABASE_URL": storetest.FreshPostgres(t), "CCHC_LOG_FORMAT": "json"}
	base, stop := startServe(t, env, "--demo")
	resp, err := http.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/readyz on PostgreSQL = %d", resp.StatusCode)
	}
	if r := stop(); r.code != 0 || !strings.Contains(r.stdout, "PostgreSQL at") {
		t.Fatalf("serve on PostgreSQL: %+v", r)
	}
}

func TestAuditVerify(t *testing.T) {
	env := dataEnv(t)
	ctx := context.Background()
	if r := runCmd(t, ctx, env, "", "demo"); r.code != 0 {
		t.Fatalf("demo: %+v", r)
	}
	if r := runCmd(t, ctx, env, "mat-khau-rat-dai-2019\n", "user", "create", "--username", "an.nv", "--password-stdin", "--role", "leader"); r.code != 0 {
		t.Fatalf("user create: %+v", r)
	}
	r := runCmd(t, ctx, env, "", "audit", "verify")
	if r.code != 0 || !strings.Contains(r.stdout, "intact") {
		t.Fatalf("audit verify of a sound trail: %+v", r)
	}
	// Tamper with the file directly, as someone with the file could.
	db, err := sql.Open("sqlite", filepath.Join(env["CCHC_DATA_DIR"], "cchc.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"DROP TRIGGER audit_events_no_update", "UPDATE audit_events SET action = 'delete' WHERE id = (SELECT MIN(id) FROM audit_events)"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	r = runCmd(t, ctx, env, "", "audit", "verify")
	if r.code == 0 || !strings.Contains(r.stderr, "broken at event 1") {
		t.Fatalf("audit verify of a tampered trail: %+v", r)
	}
}

// TestBackupWhileServingAndRestore takes a backup while the server runs and
// another process writes, restores it after a change, and checks that the
// restore is refused while a server holds the data directory.
func TestBackupWhileServingAndRestore(t *testing.T) {
	env := dataEnv(t)
	ctx := context.Background()
	dir := env["CCHC_DATA_DIR"]
	_, stop := startServe(t, env, "--demo")

	// Another writer keeps adding users while the backup runs.
	writer, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "cchc.db")+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	done := make(chan int)
	go func() {
		n := 0
		for i := 0; ; i++ {
			time.Sleep(2 * time.Millisecond)
			_, err := writer.Exec(`INSERT INTO users (username, full_name, role, password_hash, created_at, updated_at)
				VALUES (?, 'Người dùng tải', 'inspector', 'x', '2026-11-26 00:00:00+00:00', '2026-11-26 00:00:00+00:00')`, fmt.Sprintf("load%03d", i))
			if err == nil {
				n++
			}
			if i == 150 {
				done <- n
				return
			}
		}
	}()
	out := filepath.Join(t.TempDir(), "backup.db")
	r := runCmd(t, ctx, env, "", "backup", "--out", out)
	if r.code != 0 || !strings.Contains(r.stdout, "integrity ok") {
		t.Fatalf("backup while serving: %+v", r)
	}
	<-done
	if r := runCmd(t, ctx, env, "", "restore", out); r.code == 0 || !strings.Contains(r.stderr, "another cchc process") {
		t.Fatalf("restore while serving: %+v", r)
	}
	if r := stop(); r.code != 0 {
		t.Fatalf("stop: %+v", r)
	}

	count := func(q string) int {
		db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "cchc.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var n int
		if err := db.QueryRow(q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	inBackup := func(q string) int {
		db, _ := sql.Open("sqlite", "file:"+out+"?mode=ro")
		defer db.Close()
		var n int
		if err := db.QueryRow(q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	backedUp := inBackup("SELECT COUNT(*) FROM users")
	if backedUp < 4 || inBackup("SELECT COUNT(*) FROM visits") == 0 {
		t.Fatalf("backup holds %d users and no visits", backedUp)
	}
	if r := runCmd(t, ctx, env, "mat-khau-rat-dai-2019\n", "user", "create", "--username", "sau.khi.sao.luu", "--password-stdin", "--role", "leader"); r.code != 0 {
		t.Fatalf("user create: %+v", r)
	}
	if r := runCmd(t, ctx, env, "", "restore", out); r.code != 0 || !strings.Contains(r.stdout, "restored") {
		t.Fatalf("restore: %+v", r)
	}
	if got := count("SELECT COUNT(*) FROM users"); got != backedUp {
		t.Fatalf("after restore %d users, want the backup's %d", got, backedUp)
	}
	if count("SELECT COUNT(*) FROM users WHERE username = 'sau.khi.sao.luu'") != 0 {
		t.Fatal("a user created after the backup survived the restore")
	}
	if r := runCmd(t, ctx, env, "", "audit", "verify"); r.code != 0 {
		t.Fatalf("audit verify after restore: %+v", r)
	}
	garbage := filepath.Join(t.TempDir(), "not-a-db")
	os.WriteFile(garbage, []byte("hello"), 0o600)
	if r := runCmd(t, ctx, env, "", "restore", garbage); r.code == 0 {
		t.Fatalf("restore of a file that is no database: %+v", r)
	}
}

func httpGet(u string) (int, error) {
	resp, err := http.Get(u)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}
