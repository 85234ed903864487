package emrdata

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// defaultPostgresURL is the test server when ASSAY_TEST_POSTGRES_URL is unset.
const defaultPostgresURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// freshPostgres connects to a new, empty database on the test server and
// drops it when the test ends. Without a server the test is skipped, unless
// the CI environment variable is set: then it fails.
func freshPostgres(t *testing.T) *pgx.Conn {
	t.Helper()
	url := os.Getenv("ASSAY_TEST_POSTGRES_URL")
	if url == "" {
		url = defaultPostgresURL
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, url)
	if err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("PostgreSQL unreachable (%v); set ASSAY_TEST_POSTGRES_URL", err)
		}
		t.Fatalf("PostgreSQL unreachable with CI set: %v", err)
	}
	name := "assay_emr_" + randomSuffix(t)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close(ctx)
		t.Fatal(err)
	}
	cfg := admin.Config().Copy()
	cfg.Database = name
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx := context.Background()
		conn.Close(ctx)
		if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
		admin.Close(ctx)
	})
	return conn
}

func randomSuffix(t *testing.T) string {
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// loadedPostgres returns a fresh PostgreSQL database holding the data set.
func loadedPostgres(t *testing.T, opts Options) (*pgx.Conn, Stats) {
	t.Helper()
	conn := freshPostgres(t)
	start := time.Now()
	stats, err := LoadPostgres(context.Background(), conn, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("PostgreSQL load: %v", time.Since(start))
	return conn, stats
}

// pgStrings runs q and returns its rows as text, "NULL" for NULL.
func pgStrings(t *testing.T, conn *pgx.Conn, q string) [][]string {
	t.Helper()
	rows, err := conn.Query(context.Background(), q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(rows.FieldDescriptions()))
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		row := make([]string, len(vals))
		for i, v := range vals {
			row[i] = "NULL"
			if v.Valid {
				row[i] = v.String
			}
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return out
}

func TestLoadPostgres(t *testing.T) {
	opts := DefaultOptions()
	conn, stats := loadedPostgres(t, opts)
	want := summarize(newWorld(opts))
	for _, name := range TableNames() {
		if stats.Rows[name] != want.rows[name] {
			t.Errorf("Stats.Rows[%s] = %d, want %d", name, stats.Rows[name], want.rows[name])
		}
	}
	for _, c := range scalarChecks(want) {
		if got := pgStrings(t, conn, c.query)[0][0]; got != c.want {
			t.Errorf("%s\n got %s, want %s", c.query, got, c.want)
		}
	}
	for _, q := range sanityQueries {
		if got := pgStrings(t, conn, q)[0][0]; got != "0" {
			t.Errorf("%s\n = %s, want 0", q, got)
		}
	}
}

func TestLoadPostgresIsOneTransaction(t *testing.T) {
	conn := freshPostgres(t)
	ctx := context.Background()
	if _, err := conn.Exec(ctx, "CREATE TABLE visits (id integer)"); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadPostgres(ctx, conn, DefaultOptions()); err == nil {
		t.Fatal("load over an existing visits table succeeded")
	}
	got := pgStrings(t, conn, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")[0][0]
	if got != "1" {
		t.Errorf("after the failed load the schema has %s tables, want only the old visits", got)
	}
}

// constraintsQuery lists the constraints of the tables in the current schema.
const constraintsQuery = `SELECT c.relname, con.conname, pg_get_constraintdef(con.oid)
  FROM pg_constraint con
  JOIN pg_class c ON c.oid = con.conrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = current_schema()
 ORDER BY 1, 2`

// TestLoadPostgresSchemaIsDDL checks that the loader, which adds foreign keys
// after copying, ends with exactly the constraints of DDL.
func TestLoadPostgresSchemaIsDDL(t *testing.T) {
	conn := freshPostgres(t)
	ctx := context.Background()
	if _, err := conn.Exec(ctx, "CREATE SCHEMA from_ddl; SET search_path = from_ddl"); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range DDL() {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	want := pgStrings(t, conn, constraintsQuery)
	if _, err := conn.Exec(ctx, "SET search_path = public"); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadPostgres(ctx, conn, DefaultOptions()); err != nil {
		t.Fatal(err)
	}
	got := pgStrings(t, conn, constraintsQuery)
	checkRows(t, "constraints", got, want)
	if len(want) != 16 {
		t.Errorf("DDL has %d constraints, want 16 (6 primary keys, 2 unique, 8 foreign keys): %v", len(want), want)
	}
}
