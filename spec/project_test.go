package spec

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
