package backends_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/backends"
	"github.com/assay-dev/assay/engine/enginetest"
)

// creator makes a fresh database for the conformance suite (see
// enginetest.Target.Create).
type creator func(t testing.TB, setup []string) string

// creators gives each backend of the table its way to make a database.
// A backend added to the table without one fails TestConformance.
func creators() map[string]creator {
	m := map[string]creator{"postgres": createPostgres, "mysql": createMySQL}
	addDuckDB(m)
	return m
}

// TestConformance runs the shared backend suite on every entry of the
// backend table that this build has.
func TestConformance(t *testing.T) {
	made := creators()
	for _, e := range backends.Table() {
		if e.Missing != nil {
			t.Logf("%s: not in this build: %v", e.Name, e.Missing)
			continue
		}
		create, ok := made[e.Name]
		if !ok {
			t.Errorf("backend %s has no way to create a test database for the conformance suite", e.Name)
			continue
		}
		t.Run(e.Name, func(t *testing.T) {
			target := enginetest.Target{Name: e.Name, Dialect: e.Dialect, Open: openDefault(e), Create: create}
			if e.Name == "mysql" {
				target.Column = mySQLColumn
			}
			enginetest.Run(t, target)
		})
	}
}

// adminURL is the PostgreSQL server the tests use.
func adminURL() string {
	if u := os.Getenv("ASSAY_TEST_POSTGRES_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// createPostgres creates a database of its own on the test server, runs
// setup in it and drops it when the test ends. Without a server the test
// is skipped, except under CI, where it fails.
func createPostgres(t testing.TB, setup []string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	admin, err := pgx.Connect(ctx, adminURL())
	if err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("PostgreSQL not available (%v); set CI=1 to make this a failure", err)
		}
		t.Fatalf("PostgreSQL: %v", err)
	}
	defer admin.Close(ctx)
	var suffix [6]byte
	_, _ = rand.Read(suffix[:])
	name := "assay_conformance_" + hex.EncodeToString(suffix[:])
	if _, err := admin.Exec(ctx, `CREATE DATABASE "`+name+`"`); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dropPostgres(t, name) })
	u, err := url.Parse(adminURL())
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	conn, err := pgx.Connect(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, s := range setup {
		if _, err := conn.Exec(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return u.String()
}

// dropPostgres drops a test database, closing its connections.
func dropPostgres(t testing.TB, name string) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	admin, err := pgx.Connect(ctx, adminURL())
	if err != nil {
		t.Errorf("drop %s: %v", name, err)
		return
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, `DROP DATABASE IF EXISTS "`+name+`" WITH (FORCE)`); err != nil {
		t.Errorf("drop %s: %v", name, err)
	}
}

// openDefault is the Open of e with the default connection settings.
func openDefault(e backends.Entry) func(context.Context, string) (engine.Backend, error) {
	return func(ctx context.Context, u string) (engine.Backend, error) {
		return e.Open(ctx, u, engine.ConnOptions{})
	}
}
