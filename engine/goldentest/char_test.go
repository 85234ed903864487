//go:build !noduckdb

package goldentest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/jackc/pgx/v5"

	"github.com/assay-dev/assay/compiler"
	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/duckdb"
	"github.com/assay-dev/assay/engine/mysql"
	"github.com/assay-dev/assay/engine/mysql/mysqltest"
	"github.com/assay-dev/assay/engine/postgres"
	"github.com/assay-dev/assay/spec"
)

// tpchChar creates TPC-H's region and nation with their char(25) names, as
// the TPC-H schema declares them, and loads testdata/tpch (dbgen output at
// scale 0.1: these two tables do not depend on the scale).
var tpchChar = []string{
	"CREATE TABLE region (r_regionkey INTEGER PRIMARY KEY, r_name CHAR(25) NOT NULL, r_comment VARCHAR(152))",
	"CREATE TABLE nation (n_nationkey INTEGER PRIMARY KEY, n_name CHAR(25) NOT NULL, n_regionkey INTEGER NOT NULL REFERENCES region (r_regionkey), n_comment VARCHAR(152))",
}

// tpchRows reads a .tbl file: fields separated by '|', with a trailing '|'.
func tpchRows(t *testing.T, table string) [][]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "tpch", table+".tbl"))
	if err != nil {
		t.Fatal(err)
	}
	var out [][]any
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Split(strings.TrimSuffix(line, "|"), "|")
		var key, ref int
		fmt.Sscan(f[0], &key)
		row := []any{key, f[1]}
		if table == "nation" {
			fmt.Sscan(f[2], &ref)
			row = append(row, ref)
		}
		out = append(out, append(row, f[len(f)-1]))
	}
	return out
}

const charReport = `report: nations_per_region
from: nation n
joins:
  r: {table: region, on: r.r_regionkey = n.n_regionkey}
where: [n.n_name <> 'BRAZIL']
dimensions:
  region: r.r_name
  label: lower(r.r_name) || '|'
measures:
  nations: count(*)
  first_nation: min(n.n_name)
  last_nation: max(n.n_name)
order: [region]
`

// TestCharPaddingSameCSV runs a report over char(25) columns on
// PostgreSQL, which pads char values, and DuckDB and MariaDB, which do
// not: the CSV must be the same bytes, without pad spaces.
func TestCharPaddingSameCSV(t *testing.T) {
	ctx := context.Background()
	region, nation := tpchRows(t, "region"), tpchRows(t, "nation")
	insert := map[string]string{"region": "INSERT INTO region VALUES ($1, $2, $3)", "nation": "INSERT INTO nation VALUES ($1, $2, $3, $4)"}

	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range tpchChar {
		if _, err := db.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
	for _, tr := range []struct {
		name string
		rows [][]any
	}{{"region", region}, {"nation", nation}} {
		for _, r := range tr.rows {
			if _, err := db.Exec(insert[tr.name], r...); err != nil {
				t.Fatal(err)
			}
		}
	}
	duck := duckdb.OpenDB(db)
	duckCSV := runCharReport(t, duck)

	pgURL := charPostgres(t, region, nation, insert)
	pgb, err := postgres.Open(ctx, pgURL)
	if err != nil {
		t.Fatal(err)
	}
	defer pgb.Close()
	pgCSV := runCharReport(t, pgb)

	if pgCSV != duckCSV {
		t.Errorf("the CSV differs between PostgreSQL and DuckDB (PostgreSQL first):\n%s\n---\n%s", pgCSV, duckCSV)
	}
	if myCSV := runCharReport(t, charMySQL(t, region, nation)); myCSV != pgCSV {
		t.Errorf("the CSV differs between MariaDB and PostgreSQL (MariaDB first):\n%s\n---\n%s", myCSV, pgCSV)
	}
	if strings.Contains(pgCSV, " ,") || strings.Contains(pgCSV, " \n") || strings.Contains(pgCSV, " |") {
		t.Errorf("pad spaces in the CSV:\n%s", pgCSV)
	}
	want := "region,label,nations,first_nation,last_nation\nAFRICA,africa|,5,ALGERIA,MOZAMBIQUE\nAMERICA,america|,4,ARGENTINA,UNITED STATES\n"
	if !strings.HasPrefix(pgCSV, want) {
		t.Errorf("got\n%s\nwant it to start with\n%s", pgCSV, want)
	}
}

func runCharReport(t *testing.T, b engine.Backend) string {
	t.Helper()
	cat, err := b.Reflect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	r, ds := spec.Load("char.yaml", []byte(charReport))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	plan, cds := compiler.Compile(r, cat)
	if cds.HasErrors() {
		t.Fatal(cds)
	}
	alloc := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer alloc.AssertSize(t, 0)
	rr, err := engine.Run(context.Background(), b, plan, map[string]any{}, engine.RunOptions{Alloc: alloc, Timeout: 20 * time.Second})
	if err != nil {
		t.Fatalf("%s: %v", b.Dialect(), err)
	}
	return toCSV(t, rr, b.Dialect().Name)
}

// charPostgres creates a throwaway database with the char tables, checks
// that PostgreSQL itself pads the values (so that the test means
// something), and returns its URL. Without a server the test is skipped,
// unless CI is set.
func charPostgres(t *testing.T, region, nation [][]any, insert map[string]string) string {
	t.Helper()
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, adminURL())
	if err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("PostgreSQL not available (%v); set CI=1 to make this a failure", err)
		}
		t.Fatalf("PostgreSQL: %v", err)
	}
	defer admin.Close(ctx)
	name := fmt.Sprintf("assay_char_test_%d", os.Getpid())
	if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+name); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name+" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if a, err := pgx.Connect(context.Background(), adminURL()); err == nil {
			_, _ = a.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
			a.Close(context.Background())
		}
	})
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
	for _, s := range tpchChar {
		if _, err := conn.Exec(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	for _, tr := range []struct {
		name string
		rows [][]any
	}{{"region", region}, {"nation", nation}} {
		for _, r := range tr.rows {
			if _, err := conn.Exec(ctx, insert[tr.name], r...); err != nil {
				t.Fatal(err)
			}
		}
	}
	var padded string
	if err := conn.QueryRow(ctx, "SELECT r_name FROM region WHERE r_regionkey = 0").Scan(&padded); err != nil {
		t.Fatal(err)
	}
	if len(padded) != 25 {
		t.Fatalf("PostgreSQL returned char(25) %q unpadded: the test would prove nothing", padded)
	}
	return u.String()
}

// charMySQL loads region and nation into a MariaDB database of the test's
// own and opens it.
func charMySQL(t *testing.T, region, nation [][]any) engine.Backend {
	t.Helper()
	db := mysqltest.Create(t, "assay_char", tpchChar)
	insert := map[string]string{"region": "INSERT INTO region VALUES (?, ?, ?)", "nation": "INSERT INTO nation VALUES (?, ?, ?, ?)"}
	for _, tr := range []struct {
		name string
		rows [][]any
	}{{"region", region}, {"nation", nation}} {
		for _, r := range tr.rows {
			if _, err := db.Conn.ExecContext(context.Background(), insert[tr.name], r...); err != nil {
				t.Fatal(err)
			}
		}
	}
	b, err := mysql.Open(context.Background(), db.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	return b
}
