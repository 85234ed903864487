package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/assay-dev/assay/compiler/dialect"
)

// defaultTestURL is the test server when ASSAY_TEST_POSTGRES_URL is not set.
const defaultTestURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// testURL returns the URL of the PostgreSQL server the tests use.
func testURL() string {
	if u := os.Getenv("ASSAY_TEST_POSTGRES_URL"); u != "" {
		return u
	}
	return defaultTestURL
}

// openTest opens the test server. When it is unreachable the test is
// skipped on a developer machine and fails in CI (env CI set).
func openTest(t *testing.T) *Backend {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	b, err := Open(ctx, testURL())
	if err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("PostgreSQL test server unavailable (set ASSAY_TEST_POSTGRES_URL): %v", err)
		}
		t.Fatalf("PostgreSQL test server unavailable: %v", err)
	}
	t.Cleanup(func() { _ = b.Close() })
	return b
}

// tempSchema creates a uniquely named schema, runs the setup statements
// with {s} replaced by its quoted name, and drops it when the test ends.
func tempSchema(t testing.TB, b *Backend, setup ...string) string {
	t.Helper()
	var buf [6]byte
	_, _ = rand.Read(buf[:])
	name := "assay_pgtest_" + hex.EncodeToString(buf[:])
	ctx := context.Background()
	stmts := append([]string{`CREATE SCHEMA {s}`}, setup...)
	t.Cleanup(func() {
		if _, err := b.pool.Exec(ctx, `DROP SCHEMA IF EXISTS "`+name+`" CASCADE`); err != nil {
			t.Errorf("dropping %s: %v", name, err)
		}
	})
	for _, s := range stmts {
		if _, err := b.pool.Exec(ctx, strings.ReplaceAll(s, "{s}", `"`+name+`"`)); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return name
}

func TestDialect(t *testing.T) {
	if got := (&Backend{}).Dialect(); got != dialect.Postgres {
		t.Errorf("Dialect() = %v", got)
	}
}

func TestOpenErrorsHidePassword(t *testing.T) {
	const pw = "Sup3rS3cretPw"
	host := "127.0.0.1:5432"
	cases := []string{
		"postgres://assay_no_such_user:" + pw + "@" + host + "/assay_no_such_db?sslmode=disable&connect_timeout=5",
		// The user name is the password, so the server's message quotes it.
		"postgres://" + pw + ":" + pw + "@" + host + "/assay_no_such_db?sslmode=disable&connect_timeout=5",
		"postgres://assay:" + pw + "@" + host + ":notaport/db",
		"host=127.0.0.1 port=5432 user=" + pw + " password=" + pw + " dbname=nodb sslmode=disable connect_timeout=5",
		"postgres://assay:" + pw + "@127.0.0.1:1/db?sslmode=disable&connect_timeout=2",
	}
	for _, url := range cases {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		b, err := Open(ctx, url)
		cancel()
		if err == nil {
			_ = b.Close()
			t.Errorf("Open(%q) succeeded", url)
			continue
		}
		msg := err.Error()
		if strings.Contains(msg, pw) || strings.Contains(msg, url) {
			t.Errorf("error leaks the password: %s", msg)
		}
		if !strings.HasPrefix(msg, "postgres: ") {
			t.Errorf("error lacks the backend prefix: %s", msg)
		}
	}
}

func TestNumericTypmod(t *testing.T) {
	cases := []struct {
		typmod     int32
		prec, scal int
	}{
		{-1, 0, 0},
		{(12<<16 | 3) + 4, 12, 3},
		{(38<<16 | 0) + 4, 38, 0},
		{(5<<16 | 0x7fe) + 4, 5, -2}, // numeric(5,-2), PostgreSQL 15+
	}
	for _, tc := range cases {
		p, s := numericTypmod(tc.typmod)
		if p != tc.prec || s != tc.scal {
			t.Errorf("numericTypmod(%d) = %d,%d, want %d,%d", tc.typmod, p, s, tc.prec, tc.scal)
		}
	}
}
