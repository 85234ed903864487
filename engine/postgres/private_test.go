package postgres

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// privateServer is a PostgreSQL server of the test's own, in a temporary
// folder on a free port, that the test may stop and restart (the shared
// test server is never touched).
type privateServer struct {
	t    testing.TB
	bin  string // the folder of initdb, pg_ctl
	dir  string // holds data/, the socket and the log
	port int
}

// startPrivate creates and starts a private server with the extra
// postgresql.conf settings given (name=value). Without PostgreSQL's server
// binaries the test is skipped, except under CI, where it fails.
func startPrivate(t testing.TB, settings ...string) *privateServer {
	t.Helper()
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(bins) == 0 {
		if os.Getenv("CI") == "" {
			t.Skip("PostgreSQL server binaries (/usr/lib/postgresql/*/bin) not installed")
		}
		t.Fatal("PostgreSQL server binaries (/usr/lib/postgresql/*/bin) not installed")
	}
	sort.Strings(bins)
	s := &privateServer{t: t, bin: filepath.Dir(bins[len(bins)-1])}
	dir, err := os.MkdirTemp("", "assay-private-pg-")
	if err != nil {
		t.Fatal(err)
	}
	s.dir = dir
	t.Cleanup(func() {
		_ = s.pgCtl("stop", "-m", "immediate")
		_ = os.RemoveAll(dir)
	})
	if os.Geteuid() == 0 { // PostgreSQL refuses to run as root: the folder is the postgres user's
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Fatalf("running as root without a postgres user: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := s.command("initdb", "-D", s.data(), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--no-locale").CombinedOutput(); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.port = l.Addr().(*net.TCPAddr).Port
	l.Close()
	conf := []string{"listen_addresses = '127.0.0.1'", fmt.Sprintf("port = %d", s.port),
		"unix_socket_directories = '" + dir + "'", "fsync = off", "logging_collector = off"}
	conf = append(conf, settings...)
	f, err := os.OpenFile(filepath.Join(s.data(), "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.WriteString("\n" + strings.Join(conf, "\n") + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	s.start()
	return s
}

func (s *privateServer) data() string { return filepath.Join(s.dir, "data") }

// URL is the server's connection URL.
func (s *privateServer) URL() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", s.port)
}

// command runs a server binary, as the postgres user when the test runs
// as root.
func (s *privateServer) command(name string, args ...string) *exec.Cmd {
	path := filepath.Join(s.bin, name)
	if os.Geteuid() == 0 {
		return exec.Command("runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
	}
	return exec.Command(path, args...)
}

func (s *privateServer) pgCtl(args ...string) error {
	args = append([]string{"-D", s.data(), "-l", filepath.Join(s.dir, "log"), "-w", "-t", "60"}, args...)
	out, err := s.command("pg_ctl", args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("pg_ctl %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// start starts the server and waits until it accepts connections.
func (s *privateServer) start() {
	s.t.Helper()
	if err := s.pgCtl("start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(s.dir, "log"))
		s.t.Fatalf("%v\nserver log:\n%s", err, log)
	}
}

// stop shuts the server down with mode smart, fast or immediate.
func (s *privateServer) stop(mode string) {
	s.t.Helper()
	if err := s.pgCtl("stop", "-m", mode); err != nil {
		s.t.Fatal(err)
	}
}

// open opens the private server with a backend, bounded by 30 s.
func (s *privateServer) open(t testing.TB) *Backend {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	b, err := Open(ctx, s.URL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	return b
}
