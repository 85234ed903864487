package main

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/assay-dev/assay/examples/emr/emrdata"
)

// The fixtures: the example data set, generated once per test binary, in
// an embedded DuckDB file and in a throwaway PostgreSQL database.
var (
	duckOnce, pgOnce sync.Once
	duckURL, pgURL   string
	duckErr, pgErr   error
	fixtureDir       string
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "assay-cmd-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fixtureDir = dir
	code := m.Run()
	dropPostgres()
	os.RemoveAll(dir)
	os.Exit(code)
}

// duckDB returns the URL of the example data in a DuckDB file.
func duckDB(t *testing.T) string {
	t.Helper()
	duckOnce.Do(func() {
		path := filepath.Join(fixtureDir, "emr.duckdb")
		_, duckErr = emrdata.EnsureDuckDB(context.Background(), path, emrdata.DefaultOptions())
		duckURL = "duckdb:" + path
	})
	if duckErr != nil {
		t.Fatalf("create the example DuckDB: %v", duckErr)
	}
	return duckURL
}

// adminURL is the PostgreSQL server the tests use.
func adminURL() string {
	if u := os.Getenv("ASSAY_TEST_POSTGRES_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

var pgDatabase string

// postgresDB returns the URL of a fresh PostgreSQL database holding the
// example data. Without a server the test is skipped, except under CI,
// where it fails: CI must never pass by skipping the PostgreSQL tests.
func postgresDB(t *testing.T) string {
	t.Helper()
	pgOnce.Do(func() { pgURL, pgErr = createPostgres() })
	if pgErr != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("PostgreSQL not available (%v); set CI=1 to make this a failure", pgErr)
		}
		t.Fatalf("PostgreSQL: %v", pgErr)
	}
	return pgURL
}

func createPostgres() (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	admin, err := pgx.Connect(ctx, adminURL())
	if err != nil {
		return "", err
	}
	defer admin.Close(ctx)
	pgDatabase = fmt.Sprintf("assay_cmd_test_%d", os.Getpid())
	if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+pgDatabase); err != nil {
		return "", err
	}
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+pgDatabase); err != nil {
		return "", err
	}
	u, err := url.Parse(adminURL())
	if err != nil {
		return "", err
	}
	u.Path = "/" + pgDatabase
	conn, err := pgx.Connect(ctx, u.String())
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	if _, err := emrdata.LoadPostgres(ctx, conn, emrdata.DefaultOptions()); err != nil {
		return "", err
	}
	return u.String(), nil
}

func dropPostgres() {
	if pgDatabase == "" {
		return
	}
	ctx := context.Background()
	if admin, err := pgx.Connect(ctx, adminURL()); err == nil {
		admin.Exec(ctx, "DROP DATABASE IF EXISTS "+pgDatabase+" WITH (FORCE)")
		admin.Close(ctx)
	}
}

// assay runs the command in-process and returns its exit code and output.
func assay(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// exampleReports lists the example report specs.
func exampleReports(t *testing.T) []string {
	t.Helper()
	specs, err := filepath.Glob("../../examples/emr/reports/*.yaml")
	specs = slices.DeleteFunc(specs, func(s string) bool { return strings.HasSuffix(s, ".test.yaml") })
	if err != nil || len(specs) < 3 {
		t.Fatalf("want at least 3 example reports, found %v (%v)", specs, err)
	}
	return specs
}

func reportName(spec string) string { return strings.TrimSuffix(filepath.Base(spec), ".yaml") }
