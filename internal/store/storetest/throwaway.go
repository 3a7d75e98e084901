package storetest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
)

// Throwaway is a PostgreSQL server of the test's own: initdb into a
// temporary folder, on its own port, so that stopping it disturbs no other
// test.
type Throwaway struct {
	t       testing.TB
	bin     string
	dir     string
	port    int
	asOwner []string // runuser prefix when running as root
	// URL connects to its database "postgres" as user "postgres".
	URL string
}

// NewThrowaway creates and starts a throwaway PostgreSQL server. Without the
// PostgreSQL server binaries it skips the test, or fails it under CI=true.
func NewThrowaway(t testing.TB) *Throwaway {
	t.Helper()
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	sort.Strings(bins)
	if len(bins) == 0 {
		if os.Getenv("CI") == "true" {
			t.Fatal("no PostgreSQL server binaries (/usr/lib/postgresql/*/bin): under CI=true the fault test must run")
		}
		t.Skip("no PostgreSQL server binaries")
	}
	p := &Throwaway{t: t, bin: filepath.Dir(bins[len(bins)-1])}
	dir, err := os.MkdirTemp("", "cchc-pg-")
	if err != nil {
		t.Fatal(err)
	}
	p.dir = dir
	t.Cleanup(func() {
		p.run("pg_ctl", "-D", p.data(), "-m", "immediate", "stop")
		os.RemoveAll(dir)
	})
	if os.Geteuid() == 0 {
		// PostgreSQL refuses to run as root: run it as the postgres user.
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Fatalf("running as root without a postgres user: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
		p.asOwner = []string{"runuser", "-u", "postgres", "--"}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p.port = l.Addr().(*net.TCPAddr).Port
	l.Close()
	if out, err := p.run("initdb", "-D", p.data(), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	p.URL = fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", p.port)
	p.Start()
	return p
}

func (p *Throwaway) data() string { return filepath.Join(p.dir, "data") }

func (p *Throwaway) run(tool string, args ...string) ([]byte, error) {
	argv := append(append([]string{}, p.asOwner...), append([]string{filepath.Join(p.bin, tool)}, args...)...)
	return exec.Command(argv[0], argv[1:]...).CombinedOutput()
}

// Start starts the server and waits until it accepts connections.
func (p *Throwaway) Start() {
	p.t.Helper()
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off", p.port, p.dir)
	if out, err := p.run("pg_ctl", "-D", p.data(), "-o", opts, "-l", filepath.Join(p.dir, "log"), "-w", "-t", "60", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(p.dir, "log"))
		p.t.Fatalf("pg_ctl start: %v\n%s\n%s", err, out, log)
	}
}

// Stop stops the server at once, cutting its connections.
func (p *Throwaway) Stop() {
	p.t.Helper()
	if out, err := p.run("pg_ctl", "-D", p.data(), "-m", "fast", "-w", "stop"); err != nil {
		p.t.Fatalf("pg_ctl stop: %v\n%s", err, out)
	}
}
