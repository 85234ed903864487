package main

import (
	"database/sql"
	"encoding/binary"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeServer listens on a loopback port and hands every connection to
// serve. It returns host:port and a channel that receives a value for
// every accepted connection.
func fakeServer(t *testing.T, serve func(net.Conn)) (string, <-chan struct{}) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	accepted := make(chan struct{}, 100)
	var mu sync.Mutex
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			select {
			case accepted <- struct{}{}:
			default:
			}
			go serve(c)
		}
	}()
	t.Cleanup(func() {
		l.Close()
		<-done
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return l.Addr().String(), accepted
}

// silent accepts and never answers: a server stuck before its first reply.
func silent(net.Conn) {}

// echoPassword is a PostgreSQL server that answers the startup message
// with a FATAL error quoting the password, as a careless proxy might.
func echoPassword(password string) func(net.Conn) {
	return func(c net.Conn) {
		for {
			var head [8]byte
			if _, err := io.ReadFull(c, head[:]); err != nil {
				return
			}
			n, code := binary.BigEndian.Uint32(head[:4]), binary.BigEndian.Uint32(head[4:])
			if n == 8 && (code == 80877103 || code == 80877104) { // SSLRequest, GSSENCRequest
				c.Write([]byte{'N'})
				continue
			}
			if _, err := io.CopyN(io.Discard, c, int64(n)-8); err != nil {
				return
			}
			break
		}
		body := "SFATAL\x00VFATAL\x00C28P01\x00Mpassword authentication failed: got \"" + password + "\"\x00\x00"
		msg := append([]byte{'E', 0, 0, 0, 0}, body...)
		binary.BigEndian.PutUint32(msg[1:5], uint32(4+len(body)))
		c.Write(msg)
		c.Close()
	}
}

// connectingCommands are the commands that connect, each with the
// arguments it needs besides --db.
func connectingCommands() map[string][]string {
	spec := "../../examples/emr/reports/clinic_weekly_throughput.yaml"
	return map[string][]string{
		"run":    {"run", spec, "--format", "csv", "-o", "-"},
		"check":  {"check", spec},
		"sql":    {"sql", spec},
		"schema": {"schema"},
		"demo":   {"demo"},
	}
}

// TestConnectTimeout: a server that accepts and never answers makes every
// command that connects exit 1 after --connect-timeout, saying so.
func TestConnectTimeout(t *testing.T) {
	addr, _ := fakeServer(t, silent)
	url := "postgres://assay@" + addr + "/db"
	for name, args := range connectingCommands() {
		start := time.Now()
		code, _, stderr := assay(t, append(args, "--db", url, "--connect-timeout", "300ms")...)
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: took %s", name, d)
		}
		if code != exitRuntime || !strings.Contains(stderr, "300ms") || !strings.Contains(stderr, "connect") {
			t.Errorf("%s: exit %d, stderr %q", name, code, stderr)
		}
	}
}

// TestErrorsHidePassword: no command prints the password, even when the
// server quotes it in its own error.
func TestErrorsHidePassword(t *testing.T) {
	for _, pw := range []string{"Sup3r-S3cret", "p@ss:word"} {
		addr, _ := fakeServer(t, echoPassword(pw))
		url := "postgres://assay:" + strings.NewReplacer("@", "%40", ":", "%3A").Replace(pw) + "@" + addr + "/db?sslmode=disable"
		for name, args := range connectingCommands() {
			code, stdout, stderr := assay(t, append(args, "--db", url)...)
			if code != exitRuntime || !strings.Contains(stderr, "password authentication failed") {
				t.Errorf("%s: exit %d, stderr %q", name, code, stderr)
			}
			if strings.Contains(stderr+stdout, pw) || strings.Contains(stderr+stdout, url) {
				t.Errorf("%s printed the password: %s", name, stderr)
			}
		}
	}
}

// TestTimeLimitFlags: a negative limit is a command-line error; 0 is none.
func TestTimeLimitFlags(t *testing.T) {
	db := duckDB(t)
	spec := "../../examples/emr/reports/clinic_weekly_throughput.yaml"
	for _, args := range [][]string{
		{"run", spec, "--db", db, "--timeout", "-1s"},
		{"run", spec, "--db", db, "--connect-timeout", "-5s"},
		{"check", spec, "--db", db, "--connect-timeout", "-1ms"},
		{"run", spec, "--db", db, "--timeout", "soon"},
	} {
		if code, _, stderr := assay(t, args...); code != exitUsage || !strings.Contains(stderr, "timeout") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
	code, stdout, stderr := assay(t, "run", spec, "--db", db, "--timeout", "0", "--connect-timeout", "0", "--format", "csv", "-o", "-")
	if code != exitOK || strings.Count(stdout, "\n") < 2 {
		t.Errorf("--timeout 0: exit %d, %d lines, stderr %q", code, strings.Count(stdout, "\n"), stderr)
	}
}

// TestUntrustedDuckDBFile: a view in a DuckDB file cannot make a report
// read a host file.
func TestUntrustedDuckDBFile(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "host-secret.txt")
	if err := os.WriteFile(secret, []byte("the host's secret"), 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "untrusted.duckdb")
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE VIEW leak AS SELECT content FROM read_text('` + secret + `')`); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	spec := filepath.Join(dir, "leak.yaml")
	const text = "report: leak\nsources:\n  s:\n    from: leak l\n    dimensions:\n      content: l.content\n    measures:\n      n: count(*)\n"
	if err := os.WriteFile(spec, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := assay(t, "run", spec, "--db", "duckdb:"+path, "--format", "csv", "-o", "-")
	if code != exitRuntime || strings.Contains(stdout, "secret") || !strings.Contains(stderr, "disabled by configuration") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// TestBadURLHidesPassword: an unparseable URL is reported without its
// password by every command that connects.
func TestBadURLHidesPassword(t *testing.T) {
	const pw = "Sup3r-S3cret"
	url := "postgres://assay:" + pw + "@127.0.0.1:notaport/db"
	for name, args := range connectingCommands() {
		code, stdout, stderr := assay(t, append(args, "--db", url)...)
		if code == exitOK || strings.Contains(stderr+stdout, pw) || !strings.Contains(stderr, "parse") {
			t.Errorf("%s: exit %d, stderr %q", name, code, stderr)
		}
	}
}
