//go:build !noduckdb

package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"time"

	// The database/sql driver "duckdb".
	_ "github.com/duckdb/duckdb-go/v2"
)

// tableSQL creates the table t of %d rows, the eight column types of
// bench/pgarrow, from a 64-bit hash h of the row number: one value in fifty
// of each nullable column is NULL (a different fiftieth for each).
const tableSQL = `CREATE TABLE t AS
SELECT
	i::INTEGER AS id,
	CASE WHEN h %% 50 = 1 THEN NULL ELSE (h >> 1)::BIGINT END AS big,
	CASE WHEN h %% 50 = 2 THEN NULL ELSE (h %% 1000000007) / 977.0 END AS ratio,
	CASE WHEN h %% 50 = 3 THEN NULL
		ELSE (((h %% 2000000000)::BIGINT - 1000000000) / 100)::DECIMAL(12,2) END AS amount,
	CASE WHEN h %% 50 = 4 THEN NULL
		ELSE ['alpha', 'bravo clinic', 'charlie', 'delta, west wing', 'echo', 'foxtrot "annex"',
			'golf', 'hotel-north'][((h >> 60) %% 8 + 1)::BIGINT] || ' ' || (h %% 100000) END AS label,
	CASE WHEN h %% 50 = 5 THEN NULL ELSE DATE '2019-01-01' + ((h >> 20) %% 3000)::INTEGER END AS day,
	CASE WHEN h %% 50 = 6 THEN NULL
		ELSE TIMESTAMPTZ '2019-01-01 00:00:00+00' + to_microseconds(((h >> 8) %% 200000000000000)::BIGINT) END AS at,
	CASE WHEN h %% 50 = 7 THEN NULL ELSE (h >> 33) %% 2 = 0 END AS flag
FROM (SELECT i, hash(i) AS h FROM range(1, %d + 1) r(i))
ORDER BY i`

// load writes the DuckDB file path holding the table t of n rows, unless
// it already holds them.
func load(ctx context.Context, path string, n int) error {
	if have, err := rowsIn(ctx, path); err == nil && have == int64(n) {
		fmt.Printf("%s already holds %d rows\n", path, n)
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	for _, p := range []string{path, path + ".wal"} {
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			return err
		}
	}
	db, err := sql.Open("duckdb", path)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	if _, err := db.ExecContext(ctx, fmt.Sprintf(tableSQL, n)); err != nil {
		return fmt.Errorf("creating the table: %w", err)
	}
	if _, err := db.ExecContext(ctx, `CHECKPOINT`); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	fmt.Printf("wrote %d rows to %s in %s\n", n, path, time.Since(start).Round(time.Millisecond))
	return nil
}

// rowsIn returns the rows of t in the file at path.
func rowsIn(ctx context.Context, path string) (int64, error) {
	if _, err := os.Stat(path); err != nil {
		return 0, err
	}
	db, err := sql.Open("duckdb", path+"?access_mode=READ_ONLY")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int64
	err = db.QueryRowContext(ctx, `SELECT count(*) FROM t`).Scan(&n)
	return n, err
}
