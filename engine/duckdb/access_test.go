//go:build !noduckdb

package duckdb

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/assay-dev/assay/engine"
)

// untrustedFile writes a DuckDB file whose view v reads a host file, as a
// database from elsewhere might, and returns its path and the host file.
func untrustedFile(t *testing.T) (string, string) {
	t.Helper()
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret.txt")
	if err := os.WriteFile(secret, []byte("host secret"), 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "untrusted.duckdb")
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	exec(t, db, `CREATE VIEW v AS SELECT content FROM read_text('`+secret+`')`)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path, secret
}

// TestOpenNoExternalAccess: a view in a report database cannot read host
// files, neither can a query, and no option or statement turns access on.
func TestOpenNoExternalAccess(t *testing.T) {
	path, secret := untrustedFile(t)
	ctx := context.Background()
	text := arrow.NewSchema([]arrow.Field{{Name: "content", Type: arrow.BinaryTypes.String, Nullable: true}}, nil)
	for _, p := range []string{path, path + "?enable_external_access=true"} {
		b, err := Open(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{`SELECT content FROM v`, `SELECT content FROM read_text('` + secret + `')`} {
			r, err := b.Query(ctx, engine.Query{SQL: q, Schema: text})
			if err == nil {
				r.Release()
				t.Errorf("%s: read a host file", q)
			} else if !strings.Contains(err.Error(), "disabled by configuration") {
				t.Errorf("%s: err = %v", q, err)
			}
		}
		for _, stmt := range []string{`SET enable_external_access = true`, `SET lock_configuration = false`, `SET TimeZone = 'America/Denver'`} {
			if _, err := b.db.ExecContext(ctx, stmt); err == nil || !strings.Contains(err.Error(), "locked") {
				t.Errorf("%s: err = %v", stmt, err)
			}
		}
		if err := b.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestOpenTwiceShares: two backends on one file share DuckDB's instance,
// locked by the first; the second opens all the same.
func TestOpenTwiceShares(t *testing.T) {
	path, _ := untrustedFile(t)
	ctx := context.Background()
	first, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	second, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	rows := queryRows(t, second, engine.Query{SQL: `SELECT count(*) FROM duckdb_views() WHERE view_name = 'v'`, Schema: int64Schema("n")})
	if rows[0][0] != "1" {
		t.Errorf("rows = %v", rows)
	}
}
