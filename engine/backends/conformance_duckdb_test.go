//go:build !noduckdb

package backends_test

import (
	"database/sql"
	"path/filepath"
	"testing"

	// The database/sql driver "duckdb", to write the test database.
	_ "github.com/duckdb/duckdb-go/v2"
)

// addDuckDB adds the DuckDB way to make a test database.
func addDuckDB(m map[string]creator) { m["duckdb"] = createDuckDB }

// createDuckDB writes a new DuckDB file in the test's temporary folder.
func createDuckDB(t testing.TB, setup []string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "conformance.duckdb")
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range setup {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return "duckdb:" + path
}
