package backends

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/assay-dev/assay/engine"
)

func TestTableEntries(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range Table() {
		if e.Name == "" || len(e.Schemes) == 0 || e.Dialect == nil || e.Open == nil {
			t.Errorf("incomplete entry %+v", e)
		}
		if e.Dialect != nil && e.Dialect.Name != e.Name {
			t.Errorf("entry %s renders with dialect %s", e.Name, e.Dialect)
		}
		for _, s := range e.Schemes {
			if seen[s] {
				t.Errorf("scheme %s is in two entries", s)
			}
			seen[s] = true
			got, err := Lookup(s + "x")
			if err != nil || got.Name != e.Name {
				t.Errorf("Lookup(%sx) = %s, %v; want %s", s, got.Name, err, e.Name)
			}
		}
	}
	for _, want := range []string{"postgres://", "postgresql://", "duckdb:", "mysql://"} {
		if !seen[want] {
			t.Errorf("no entry takes %s", want)
		}
	}
}

func TestLookupRefusesOtherSchemes(t *testing.T) {
	cases := map[string]string{
		"ftp://user:Secr3t@host/x":     "unsupported database URL scheme (expected postgres://, postgresql://, duckdb: or mysql://)",
		"mariadb://user:Secr3t@host/x": "unsupported database URL scheme",
		"Secr3t":                       "unsupported database URL scheme",
	}
	for url, want := range cases {
		_, err := Lookup(url)
		if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), want) {
			t.Errorf("Lookup(%q) = %v; want %q", url, err, want)
		}
		if err != nil && strings.Contains(err.Error(), "Secr3t") {
			t.Errorf("the error repeats the URL: %v", err)
		}
		if _, err := Open(context.Background(), url, engine.ConnOptions{}); !errors.Is(err, ErrUnsupported) {
			t.Errorf("Open(%q) = %v; want ErrUnsupported", url, err)
		}
	}
}

// TestResolveURL checks where a relative DuckDB path of a named database
// points: into the project folder, whatever the working directory.
func TestResolveURL(t *testing.T) {
	dir := filepath.Join("/", "projects", "emr")
	cases := map[string]string{
		"duckdb:data/emr.duckdb":           "duckdb:" + filepath.Join(dir, "data", "emr.duckdb"),
		"duckdb:data/emr.duckdb?threads=4": "duckdb:" + filepath.Join(dir, "data", "emr.duckdb") + "?threads=4",
		"duckdb:../shared.duckdb":          "duckdb:" + filepath.Join("/", "projects", "shared.duckdb"),
		"duckdb:/abs/emr.duckdb":           "duckdb:/abs/emr.duckdb",
		"duckdb::memory:":                  "duckdb::memory:",
		"duckdb:":                          "duckdb:",
		"postgres://u@h/data/x":            "postgres://u@h/data/x",
		"ftp://x/y":                        "ftp://x/y",
	}
	for url, want := range cases {
		if got := ResolveURL(url, dir); got != want {
			t.Errorf("ResolveURL(%q) = %q, want %q", url, got, want)
		}
	}
	if got := ResolveURL("duckdb:data/emr.duckdb", ""); got != "duckdb:data/emr.duckdb" {
		t.Errorf("without a project folder: %q", got)
	}
}
