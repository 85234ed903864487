package spec

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFindProjectWalksUpAndExpandsEnv(t *testing.T) {
	root := t.TempDir()
	t.Setenv("ASSAY_TEST_DB_PASSWORD", "s3cret")
	writeFile(t, filepath.Join(root, ProjectFile), `databases:
  analytics: postgres://u:${ASSAY_TEST_DB_PASSWORD}@db/x
  local: duckdb:data/emr.duckdb
default_database: local
timezone: America/Denver
output_dir: out
`)
	p, ds := FindProject(filepath.Join(root, "reports", "deep"))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	if p.Dir != root || p.Timezone.String() != "America/Denver" || p.OutputDir != "out" {
		t.Fatalf("project %+v", p)
	}
	if got := p.Databases["analytics"]; got != "postgres://u:s3cret@db/x" {
		t.Errorf("env not expanded: %q", got)
	}
	url, name, err := p.Database("")
	if err != nil || name != "local" || url != "duckdb:data/emr.duckdb" { // as written, relative to p.Dir
		t.Errorf("default database: %q %q %v", url, name, err)
	}
	if url, _, err := p.Database("duckdb::memory:"); err != nil || url != "duckdb::memory:" {
		t.Errorf("a URL given with --db: %q %v", url, err)
	}
	if _, _, err := p.Database("nosuch"); err == nil || !strings.Contains(err.Error(), "neither a database URL") || strings.Contains(err.Error(), "nosuch") {
		t.Errorf("unknown name: %v", err)
	}
}

func TestProjectErrors(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, ProjectFile), "databases:\n  a: \"duckdb::memory:\"\ndefault_database: b\ntimezone: Mars/Olympus\ndefalt: x\n")
	_, ds := LoadProject(filepath.Join(root, ProjectFile))
	for _, want := range []string{`unknown timezone "Mars/Olympus"`, `database "b" is not listed`, `unknown key "defalt"`} {
		if !strings.Contains(ds.Error(), want) {
			t.Errorf("missing %q in %v", want, ds)
		}
	}
}

func TestNoProject(t *testing.T) {
	t.Setenv("ASSAY_DATABASE_URL", "")
	p, ds := FindProject(t.TempDir())
	if len(ds) > 0 || p.Timezone.String() != "UTC" {
		t.Fatalf("%+v %v", p, ds)
	}
	if _, _, err := p.Database(""); err == nil || !strings.Contains(err.Error(), "no database") {
		t.Errorf("want a clear error without any database, got %v", err)
	}
	t.Setenv("ASSAY_DATABASE_URL", "duckdb::memory:")
	if url, _, err := p.Database(""); err != nil || url != "duckdb::memory:" {
		t.Errorf("ASSAY_DATABASE_URL: %q %v", url, err)
	}
}

// TestDatabaseMapping: a database entry may be a mapping with url: and the
// connection settings, beside plain URLs.
func TestDatabaseMapping(t *testing.T) {
	root := t.TempDir()
	t.Setenv("ASSAY_TEST_DB_URL", "postgres://u:pw@db/x")
	writeFile(t, filepath.Join(root, ProjectFile), `databases:
  analytics:
    url: ${ASSAY_TEST_DB_URL}
    max_connection_lifetime: 30m
    max_connection_idle: 1m30s
    statement_timeout: 10m
  unlimited: {url: "duckdb::memory:", statement_timeout: 0}
  plain: duckdb:data/emr.duckdb
default_database: analytics
`)
	p, ds := LoadProject(filepath.Join(root, ProjectFile))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	url, name, err := p.Database("")
	if err != nil || name != "analytics" || url != "postgres://u:pw@db/x" {
		t.Fatalf("default database: %q %q %v", url, name, err)
	}
	want := DatabaseOptions{MaxConnectionLifetime: 30 * time.Minute, MaxConnectionIdle: 90 * time.Second,
		StatementTimeout: 10 * time.Minute, HasStatementTimeout: true}
	if got := p.DatabaseOptions["analytics"]; got != want {
		t.Errorf("analytics: %+v, want %+v", got, want)
	}
	if got := p.DatabaseOptions["unlimited"]; got != (DatabaseOptions{HasStatementTimeout: true}) || p.Databases["unlimited"] != "duckdb::memory:" {
		t.Errorf("unlimited: %+v %q", got, p.Databases["unlimited"])
	}
	if got, ok := p.DatabaseOptions["plain"]; ok || p.Databases["plain"] != "duckdb:data/emr.duckdb" {
		t.Errorf("plain: %+v %v %q", got, ok, p.Databases["plain"])
	}
}

// TestDatabaseMappingErrors: bad durations, unknown keys and a missing url
// are reported where they are written, all at once.
func TestDatabaseMappingErrors(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, ProjectFile), `databases:
  a:
    url: postgres://db/x
    max_connection_lifetime: 30 minutes
    max_connection_idle: 0
    statement_timeout: -1s
    pool_recycle: 3600
  b:
    max_connection_idle: 5m
  c: [postgres://db/x]
`)
	_, ds := LoadProject(filepath.Join(root, ProjectFile))
	for _, want := range []string{
		`assay.yaml:4:30: error: max_connection_lifetime: "30 minutes" is not a duration (write it as 30s, 10m, 1h30m)`,
		`assay.yaml:5:26: error: max_connection_idle must be more than 0, not 0`,
		`assay.yaml:6:24: error: statement_timeout must be 0 (no limit) or more, not -1s`,
		`assay.yaml:7:5: error: unknown key "pool_recycle" in database "a"`,
		`assay.yaml:8:3: error: database "b" has no url:`,
		`assay.yaml:10:6: error: expected a database URL or a mapping with url:, found`,
	} {
		if !strings.Contains(ds.Error(), want) {
			t.Errorf("missing %q in\n%v", want, ds)
		}
	}
}

// TestDocProjectExamples: every assay.yaml example of the docs (a yaml
// block starting with databases:) loads without a diagnostic.
func TestDocProjectExamples(t *testing.T) {
	t.Setenv("ASSAY_DATABASE_URL", "postgres://u@db/x")
	n := 0
	for _, doc := range []string{"../docs/spec.md", "../docs/operations.md"} {
		src, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, block := range strings.Split(string(src), "```yaml\n")[1:] {
			body, _, _ := strings.Cut(block, "```")
			if !strings.HasPrefix(body, "databases:") {
				continue
			}
			n++
			path := filepath.Join(t.TempDir(), ProjectFile)
			writeFile(t, path, body)
			if _, ds := LoadProject(path); len(ds) > 0 {
				t.Errorf("%s: example\n%s\n%v", doc, body, ds)
			}
		}
	}
	if n < 3 {
		t.Errorf("found only %d assay.yaml examples", n)
	}
}
