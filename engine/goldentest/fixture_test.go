//go:build !noduckdb

package goldentest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/duckdb"
	"github.com/assay-dev/assay/engine/postgres"
)

// fixturePath holds the DDL and data, loaded into both databases.
const fixturePath = "testdata/fixture.sql"

// database is one loaded fixture: its backend, its reflected catalog and,
// for PostgreSQL, the URL psql connects to.
type database struct {
	backend engine.Backend
	catalog *catalog.Catalog
	url     string
}

var (
	duckOnce, pgOnce sync.Once
	duckDB, pgDB     *database
	duckErr, pgErr   error
	pgName           string
	duckHandle       *sql.DB
)

func TestMain(m *testing.M) {
	code := m.Run()
	closeDatabases()
	os.Exit(code)
}

// statements splits the fixture into statements: each ends with a
// semicolon at the end of a line. Chunks holding only comments are dropped.
func statements() ([]string, error) {
	src, err := os.ReadFile(fixturePath)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, chunk := range regexp.MustCompile(`;[ \t]*\n`).Split(string(src), -1) {
		code := false
		for _, line := range strings.Split(chunk, "\n") {
			if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "--") {
				code = true
			}
		}
		if code {
			out = append(out, chunk)
		}
	}
	return out, nil
}

// duck returns the fixture in an in-memory DuckDB database.
func duck(t *testing.T) *database {
	t.Helper()
	duckOnce.Do(func() { duckDB, duckErr = openDuck() })
	if duckErr != nil {
		t.Fatalf("DuckDB fixture: %v", duckErr)
	}
	return duckDB
}

func openDuck() (*database, error) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return nil, err
	}
	duckHandle = db
	stmts, err := statements()
	if err != nil {
		return nil, err
	}
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			return nil, fmt.Errorf("%s: %w", s, err)
		}
	}
	b := duckdb.OpenDB(db)
	cat, err := b.Reflect(context.Background())
	if err != nil {
		return nil, err
	}
	return &database{backend: b, catalog: cat}, nil
}

// adminURL is the PostgreSQL server the tests create their database on.
func adminURL() string {
	if u := os.Getenv("ASSAY_TEST_POSTGRES_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

// pg returns the fixture in a throwaway PostgreSQL database. Without a
// server the test is skipped, except under CI, where it fails: CI must
// never pass by skipping the PostgreSQL half.
func pg(t *testing.T) *database {
	t.Helper()
	pgOnce.Do(func() { pgDB, pgErr = openPostgres() })
	if pgErr != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("PostgreSQL not available (%v); set CI=1 to make this a failure", pgErr)
		}
		t.Fatalf("PostgreSQL fixture: %v", pgErr)
	}
	return pgDB
}

func openPostgres() (*database, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	admin, err := pgx.Connect(ctx, adminURL())
	if err != nil {
		return nil, err
	}
	defer admin.Close(ctx)
	name := fmt.Sprintf("assay_golden_test_%d", os.Getpid())
	if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+name); err != nil {
		return nil, err
	}
	// The C collation sorts text by code point, as DuckDB does; under a
	// locale collation ORDER BY on text would differ between the two.
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name+" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"); err != nil {
		return nil, err
	}
	pgName = name
	u, err := url.Parse(adminURL())
	if err != nil {
		return nil, err
	}
	u.Path = "/" + name
	if err := loadPostgres(ctx, u.String()); err != nil {
		return nil, err
	}
	b, err := postgres.Open(ctx, u.String())
	if err != nil {
		return nil, err
	}
	cat, err := b.Reflect(ctx)
	if err != nil {
		b.Close()
		return nil, err
	}
	return &database{backend: b, catalog: cat, url: u.String()}, nil
}

func loadPostgres(ctx context.Context, dbURL string) error {
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	stmts, err := statements()
	if err != nil {
		return err
	}
	for _, s := range stmts {
		if _, err := conn.Exec(ctx, s); err != nil {
			return fmt.Errorf("%s: %w", s, err)
		}
	}
	return nil
}

// closeDatabases closes the backends and drops the PostgreSQL database.
func closeDatabases() {
	if pgDB != nil {
		pgDB.backend.Close()
	}
	if duckDB != nil {
		duckDB.backend.Close()
	}
	if duckHandle != nil {
		duckHandle.Close()
	}
	if pgName == "" {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if admin, err := pgx.Connect(ctx, adminURL()); err == nil {
		_, _ = admin.Exec(ctx, "DROP DATABASE IF EXISTS "+pgName+" WITH (FORCE)")
		admin.Close(ctx)
	}
}
