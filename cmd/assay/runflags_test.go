package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/assay-dev/assay/engine"
)

// TestExpandSpecs: a folder means its report specs, not its test specs
// or project file; a glob likewise; an empty folder or glob is exit 2; a
// test file named explicitly stands for the report spec beside it.
func TestExpandSpecs(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.yaml", "a.yaml", "a.test.yaml", "assay.yaml", "notes.txt", ".hidden.yaml"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "sub.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	empty := t.TempDir()
	explicit := filepath.Join(dir, "a.test.yaml")
	brackets := filepath.Join(empty, "c[1].yaml") // a file, not a pattern
	if err := os.WriteFile(brackets, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		want []string
		err  bool
	}{
		{[]string{dir}, []string{"a.yaml", "b.yaml"}, false},
		{[]string{filepath.Join(dir, "*.yaml")}, []string{"a.yaml", "b.yaml"}, false},
		{[]string{explicit}, []string{"a.yaml"}, false},                                       // a test file named runs the report beside it
		{[]string{filepath.Join(empty, "lone.test.yaml")}, []string{"lone.test.yaml"}, false}, // none beside: itself
		{[]string{brackets}, []string{"c[1].yaml"}, false},
		{[]string{t.TempDir()}, nil, true},
		{[]string{filepath.Join(empty, "*.yml")}, nil, true},
	}
	for _, c := range cases {
		got, err := expandSpecs(c.args)
		var ue usageError
		if c.err {
			if !errors.As(err, &ue) {
				t.Errorf("%v: %v, want a usage error", c.args, err)
			}
			continue
		}
		var names []string
		for _, p := range got {
			names = append(names, filepath.Base(p))
		}
		if err != nil || strings.Join(names, ",") != strings.Join(c.want, ",") {
			t.Errorf("%v: %v %v, want %v", c.args, names, err, c.want)
		}
	}
}

// TestRunFlagsRefused: bad values of the new flags are exit 2, nothing
// written.
func TestRunFlagsRefused(t *testing.T) {
	db := duckDB(t)
	spec := "../../examples/emr/reports/service_mix.yaml"
	dir := t.TempDir()
	manifestReport := filepath.Join(dir, "manifest.yaml")
	text, err := os.ReadFile(spec)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(manifestReport, []byte(strings.Replace(string(text), "report: service_mix", "report: manifest", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	cases := []struct {
		args []string
		msg  string
	}{
		{[]string{spec, "--jobs", "0"}, "--jobs"},
		{[]string{spec, "--retries", "-1"}, "--retries"},
		{[]string{spec, "--log-format", "xml"}, "--log-format"},
		{[]string{spec, "--wait-lock", "-1s"}, "wait-lock"},
		{[]string{manifestReport, "--format", "json", "--out", out}, "over the run manifest"},
	}
	for _, c := range cases {
		code, _, errs := assay(t, append(append([]string{"run"}, c.args...), "--db", db)...)
		if code != exitUsage || !strings.Contains(errs, c.msg) {
			t.Errorf("run %v: exit %d, stderr %q; want 2 and %q", c.args, code, errs, c.msg)
		}
	}
	if _, err := os.Stat(filepath.Join(out, manifestName)); err == nil {
		t.Errorf("a refused run wrote a manifest")
	}
}

// TestRunLogs: --log-format json gives one JSON object a line, with a
// start and an end line per report holding rows and duration; --quiet
// leaves nothing for a run that succeeds.
func TestRunLogs(t *testing.T) {
	db := duckDB(t)
	specs := exampleReports(t)[:2]
	out := t.TempDir()
	code, _, errs := assay(t, append(append([]string{"run"}, specs...), "--db", db, "--out", out, "--format", "csv", "--log-format", "json")...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	ends := 0
	for _, line := range strings.Split(strings.TrimSpace(errs), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("not a JSON line: %q", line)
		}
		if rec["msg"] == "report done" {
			ends++
			if _, ok := rec["rows"].(float64); !ok {
				t.Errorf("no rows: %s", line)
			}
			if _, ok := rec["duration_ms"].(float64); !ok {
				t.Errorf("no duration_ms: %s", line)
			}
		}
	}
	if ends != 2 {
		t.Errorf("%d end lines, want 2:\n%s", ends, errs)
	}
	code, stdout, errs := assay(t, append(append([]string{"run"}, specs...), "--db", db, "--out", out, "--format", "csv", "--quiet")...)
	if code != exitOK || errs != "" || stdout != "" {
		t.Errorf("--quiet: exit %d, stdout %q, stderr %q", code, stdout, errs)
	}
}

// TestLoggerRedacts: a secret in a message, a text or an error value never
// reaches the log line.
func TestLoggerRedacts(t *testing.T) {
	const pw = "s3cr3t-pw"
	secrets := &engine.Secrets{}
	secrets.AddURL("postgres://u:" + pw + "@db.example/x")
	for _, format := range []string{logText, logJSON} {
		var buf bytes.Buffer
		log, err := newLogger(&buf, format, false, secrets)
		if err != nil {
			t.Fatal(err)
		}
		log.With("url", "postgres://u:"+pw+"@db.example/x").Error("failed with "+pw, "error", errors.New("login "+pw+" refused"),
			"detail", pw, "took", time.Second)
		if strings.Contains(buf.String(), pw) || !strings.Contains(buf.String(), engine.RedactedMark) {
			t.Errorf("%s: %s", format, buf.String())
		}
	}
}

// TestBackoff: the n-th wait lies between half and all of 1s·2^(n-1),
// capped at 30s.
func TestBackoff(t *testing.T) {
	for n := 1; n <= 40; n++ {
		full := retryCap
		if n < 6 {
			full = retryBase << (n - 1)
		}
		for range 20 {
			if d := backoff(n); d < full/2 || d > full {
				t.Fatalf("backoff(%d) = %s, want [%s, %s]", n, d, full/2, full)
			}
		}
	}
}

// TestRunKeepsSecrets: the password of the database URL appears in no log
// line and not in the manifest (the server trusts the test user, so any
// password logs in).
func TestRunKeepsSecrets(t *testing.T) {
	const pw = "Pa55-w0rd-never-shown"
	db := strings.Replace(postgresDB(t), "postgres://postgres@", "postgres://postgres:"+pw+"@", 1)
	if !strings.Contains(db, pw) {
		t.Fatalf("no user in %s to give a password", postgresDB(t))
	}
	out := t.TempDir()
	for _, format := range []string{logText, logJSON} {
		code, stdout, errs := assay(t, "run", exampleReports(t)[0], "--db", db, "--out", out, "--format", "csv", "--log-format", format, "--manifest-sql")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		m, err := os.ReadFile(filepath.Join(out, manifestName))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(errs+stdout+string(m), pw) || !strings.Contains(string(m), `"database": "`+dbName(db)+`"`) {
			t.Errorf("%s: the password or URL shows:\n%s\n%s", format, errs, m)
		}
	}
}

// TestRunDatabaseDown: a database that refuses connections is tried
// again --retries times; then the run fails with exit 1 and a manifest
// that says why every report did not run.
func TestRunDatabaseDown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now: connection refused
	out := t.TempDir()
	specs := exampleReports(t)[:2]
	args := append(append([]string{"run"}, specs...), "--db", "postgres://u:pw@"+addr+"/db", "--out", out, "--format", "csv", "--retries", "1")
	code, _, errs := assay(t, args...)
	if code != exitRuntime || strings.Count(errs, "cannot open the database, retrying") != 1 {
		t.Fatalf("exit %d, want 1 after one retry: %s", code, errs)
	}
	m := readManifest(t, out)
	if m.Status != statusFailed || len(m.Reports) != 2 {
		t.Fatalf("manifest %+v", m)
	}
	for i, r := range m.Reports {
		if r.Report != reportName(specs[i]) || r.Error == nil || r.Error.Class != "network" || r.Attempts != 0 {
			t.Errorf("report %d: %+v %+v", i, r, r.Error)
		}
	}
}

// TestRunFlagsDocumented: every flag `assay run --help` lists is in
// docs/cli.md, and the flags of unattended runs are in the usage text
// and docs/operations.md.
func TestRunFlagsDocumented(t *testing.T) {
	code, _, help := assay(t, "run", "--help")
	if code != exitOK {
		t.Fatalf("run --help: exit %d", code)
	}
	cli, err := os.ReadFile("../../docs/cli.md")
	if err != nil {
		t.Fatal(err)
	}
	ops, err := os.ReadFile("../../docs/operations.md")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	flags := map[string]bool{}
	for _, line := range strings.Split(help, "\n") {
		name, ok := strings.CutPrefix(line, "  -")
		if !ok {
			continue
		}
		name, _, _ = strings.Cut(name, " ")
		flag := "-" + name
		if len(name) > 1 {
			flag = "--" + name
		}
		n++
		flags[flag] = true
		if !strings.Contains(string(cli), "`"+flag) {
			t.Errorf("docs/cli.md does not show %s", flag)
		}
	}
	if n < 15 {
		t.Fatalf("found only %d flags in:\n%s", n, help)
	}
	// Exactly those flags in the section of assay run: each one named
	// there, and none that the command does not have.
	section, ok := strings.CutPrefix(string(cli)[strings.Index(string(cli), "\n## assay run\n"):], "\n## assay run\n")
	if !ok {
		t.Fatal("docs/cli.md has no section ## assay run")
	}
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	documented := map[string]bool{}
	for _, m := range regexp.MustCompile("`(--?[a-z][a-z-]*)").FindAllStringSubmatch(section, -1) {
		documented[m[1]] = true
	}
	for flag := range documented {
		if !flags[flag] {
			t.Errorf("docs/cli.md's assay run section shows %s, which assay run does not have", flag)
		}
	}
	for flag := range flags {
		if !documented[flag] {
			t.Errorf("docs/cli.md's assay run section does not show %s", flag)
		}
	}
	for _, flag := range []string{"--jobs", "--retries", "--wait-lock", "--manifest-sql", "--log-format", "--quiet"} {
		if !strings.Contains(usage, flag) {
			t.Errorf("the usage text does not show %s", flag)
		}
		if flag != "--manifest-sql" && flag != "--quiet" && !strings.Contains(string(ops), flag) {
			t.Errorf("docs/operations.md does not show %s", flag)
		}
	}
}
