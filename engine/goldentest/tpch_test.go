//go:build !noduckdb

package goldentest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
	mysqldriver "github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5"

	"github.com/assay-dev/assay/compiler"
	corpus "github.com/assay-dev/assay/compiler/goldentest"
	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/duckdb"
	"github.com/assay-dev/assay/engine/mysql"
	"github.com/assay-dev/assay/engine/mysql/mysqltest"
	"github.com/assay-dev/assay/engine/postgres"
	"github.com/assay-dev/assay/spec"
)

// tpchTables are the TPC-H tables of the SF0.1 data (partsupp is not
// there), in load order, with column types both databases take.
var tpchTables = []struct{ name, cols, keys string }{
	{"region", "r_regionkey INTEGER, r_name VARCHAR(25), r_comment VARCHAR(152)", "PRIMARY KEY (r_regionkey)"},
	{"nation", "n_nationkey INTEGER, n_name VARCHAR(25), n_regionkey INTEGER, n_comment VARCHAR(152)",
		"PRIMARY KEY (n_nationkey), FOREIGN KEY (n_regionkey) REFERENCES region (r_regionkey)"},
	{"part", "p_partkey INTEGER, p_name VARCHAR(55), p_mfgr VARCHAR(25), p_brand VARCHAR(10), p_type VARCHAR(25), p_size INTEGER, p_container VARCHAR(10), p_retailprice DECIMAL(15,2), p_comment VARCHAR(23)",
		"PRIMARY KEY (p_partkey)"},
	{"supplier", "s_suppkey INTEGER, s_name VARCHAR(25), s_address VARCHAR(40), s_nationkey INTEGER, s_phone VARCHAR(15), s_acctbal DECIMAL(15,2), s_comment VARCHAR(101)",
		"PRIMARY KEY (s_suppkey), FOREIGN KEY (s_nationkey) REFERENCES nation (n_nationkey)"},
	{"customer", "c_custkey INTEGER, c_name VARCHAR(25), c_address VARCHAR(40), c_nationkey INTEGER, c_phone VARCHAR(15), c_acctbal DECIMAL(15,2), c_mktsegment VARCHAR(10), c_comment VARCHAR(117)",
		"PRIMARY KEY (c_custkey), FOREIGN KEY (c_nationkey) REFERENCES nation (n_nationkey)"},
	{"orders", "o_orderkey INTEGER, o_custkey INTEGER, o_orderstatus VARCHAR(1), o_totalprice DECIMAL(15,2), o_orderdate DATE, o_orderpriority VARCHAR(15), o_clerk VARCHAR(15), o_shippriority INTEGER, o_comment VARCHAR(79)",
		"PRIMARY KEY (o_orderkey), FOREIGN KEY (o_custkey) REFERENCES customer (c_custkey)"},
	{"lineitem", "l_orderkey INTEGER, l_partkey INTEGER, l_suppkey INTEGER, l_linenumber INTEGER, l_quantity DECIMAL(15,2), l_extendedprice DECIMAL(15,2), l_discount DECIMAL(15,2), l_tax DECIMAL(15,2), l_returnflag VARCHAR(1), l_linestatus VARCHAR(1), l_shipdate DATE, l_commitdate DATE, l_receiptdate DATE, l_shipinstruct VARCHAR(25), l_shipmode VARCHAR(10), l_comment VARCHAR(44)",
		"PRIMARY KEY (l_orderkey, l_linenumber), FOREIGN KEY (l_orderkey) REFERENCES orders (o_orderkey), FOREIGN KEY (l_partkey) REFERENCES part (p_partkey), FOREIGN KEY (l_suppkey) REFERENCES supplier (s_suppkey)"},
}

// tpchData finds the SF0.1 files: ASSAY_TPCH_DATA, else shared/data beside
// the repository (as CI lays it out), else /work/shared/data. Missing, the
// test is skipped, and fails under CI.
func tpchData(t *testing.T) string {
	t.Helper()
	candidates := []string{os.Getenv("ASSAY_TPCH_DATA"), "../../../shared/data/tpch-sf0.1", "/work/shared/data/tpch-sf0.1"}
	for _, dir := range candidates {
		if dir == "" {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, "lineitem.tbl.gz")); err == nil {
			return dir
		}
	}
	if os.Getenv("CI") == "" {
		t.Skipf("TPC-H SF0.1 data not found in %v; set ASSAY_TPCH_DATA", candidates[1:])
	}
	t.Fatalf("TPC-H SF0.1 data not found in %v", candidates)
	return ""
}

// tblRows streams a .tbl.gz file with the trailing '|' of each line cut.
func tblRows(t *testing.T, path string) io.Reader {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	pr, pw := io.Pipe()
	go func() {
		sc := bufio.NewScanner(z)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		w := bufio.NewWriter(pw)
		for sc.Scan() {
			w.Write(bytes.TrimSuffix(sc.Bytes(), []byte("|")))
			w.WriteByte('\n')
		}
		err := sc.Err()
		if err == nil {
			err = w.Flush()
		}
		pw.CloseWithError(err)
	}()
	return pr
}

// tpchPostgres loads the data into a PostgreSQL database of the test's
// own (C collation, as the golden fixture) and opens it.
func tpchPostgres(t *testing.T, data string) *database {
	t.Helper()
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, adminURL())
	if err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("PostgreSQL not available (%v)", err)
		}
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	name := fmt.Sprintf("assay_tpch_%d_%d", os.Getpid(), time.Now().UnixNano())
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name+" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if a, err := pgx.Connect(context.Background(), adminURL()); err == nil {
			_, _ = a.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
			a.Close(context.Background())
		}
	})
	u, _ := url.Parse(adminURL())
	u.Path = "/" + name
	conn, err := pgx.Connect(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, tb := range tpchTables {
		if _, err := conn.Exec(ctx, "CREATE TABLE "+tb.name+" ("+tb.cols+", "+tb.keys+")"); err != nil {
			t.Fatal(err)
		}
		if _, err := conn.PgConn().CopyFrom(ctx, tblRows(t, filepath.Join(data, tb.name+".tbl.gz")), "COPY "+tb.name+" FROM STDIN (DELIMITER '|')"); err != nil {
			t.Fatalf("copy %s: %v", tb.name, err)
		}
	}
	b, err := postgres.Open(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	cat, err := b.Reflect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return &database{backend: b, catalog: cat, url: u.String()}
}

// tpchMySQL loads the data into a MariaDB database of the test's own with
// LOAD DATA LOCAL INFILE and opens it.
func tpchMySQL(t *testing.T, data string) *database {
	t.Helper()
	var setup []string
	setup = append(setup, "SET SESSION foreign_key_checks = 0")
	for _, tb := range tpchTables {
		setup = append(setup, "CREATE TABLE "+tb.name+" ("+tb.cols+", "+tb.keys+")")
	}
	db := mysqltest.Create(t, "assay_tpch", setup)
	ctx := context.Background()
	for _, tb := range tpchTables {
		handler := fmt.Sprintf("assay_tpch_%s_%s", db.Name, tb.name)
		r := tblRows(t, filepath.Join(data, tb.name+".tbl.gz"))
		mysqldriver.RegisterReaderHandler(handler, func() io.Reader { return r })
		_, err := db.Conn.ExecContext(ctx, "LOAD DATA LOCAL INFILE 'Reader::"+handler+"' INTO TABLE "+tb.name+" FIELDS TERMINATED BY '|' LINES TERMINATED BY '\\n'")
		mysqldriver.DeregisterReaderHandler(handler)
		if err != nil {
			t.Fatalf("load %s: %v", tb.name, err)
		}
	}
	b, err := mysql.Open(ctx, db.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	cat, err := b.Reflect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return &database{backend: b, catalog: cat, url: db.URL}
}

// tpchDuck loads the data into an in-memory DuckDB database (DuckDB
// reads the .tbl.gz files itself, as text cast on insert, dropping the
// empty last column that the trailing '|' makes) and opens it.
func tpchDuck(t *testing.T, data string) *database {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, tb := range tpchTables {
		if _, err := db.Exec("CREATE TABLE " + tb.name + " (" + tb.cols + ", " + tb.keys + ")"); err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, c := range strings.Split(tb.cols, ", ") {
			name, _, _ := strings.Cut(c, " ")
			names = append(names, name)
		}
		file := strings.ReplaceAll(filepath.Join(data, tb.name+".tbl.gz"), "'", "''")
		load := fmt.Sprintf("INSERT INTO %s SELECT %s FROM read_csv('%s', delim = '|', header = false, columns = {%s, 'trailing': 'VARCHAR'})",
			tb.name, strings.Join(names, ", "), file, textColumns(names))
		if _, err := db.Exec(load); err != nil {
			t.Fatalf("load %s: %v", tb.name, err)
		}
	}
	b := duckdb.OpenDB(db)
	cat, err := b.Reflect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return &database{backend: b, catalog: cat}
}

// textColumns is the columns option of read_csv for names: every one read
// as text and cast on insert.
func textColumns(names []string) string {
	cols := make([]string, len(names))
	for i, n := range names {
		cols[i] = fmt.Sprintf("'%s': 'VARCHAR'", n)
	}
	return strings.Join(cols, ", ")
}

// TestTPCHSameOnAllThree runs the eight TPC-H report specs of bench/tpch
// on the SF0.1 data loaded into PostgreSQL, DuckDB and MariaDB and wants
// the same CSV from each, floats within the corpus's default rules (exact
// unless a value differs in the last digits: 1e-12 relative).
func TestTPCHSameOnAllThree(t *testing.T) {
	data := tpchData(t)
	specs, err := filepath.Glob("../../bench/tpch/reports/*.yaml")
	if err != nil || len(specs) < 8 {
		t.Fatalf("TPC-H specs: want 8, got %v, %v", specs, err)
	}
	pgdb, duckdb, mydb := tpchPostgres(t, data), tpchDuck(t, data), tpchMySQL(t, data)
	for _, path := range specs {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".yaml"), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var csv []string
			for _, db := range []*database{pgdb, duckdb, mydb} {
				r, ds := spec.Load(path, src)
				if ds.HasErrors() {
					t.Fatal(ds)
				}
				plan, cds := compiler.Compile(r, db.catalog)
				if cds.HasErrors() {
					t.Fatal(cds)
				}
				if ds := compiler.CheckDialect(r, db.backend.Dialect()); len(ds) > 0 {
					t.Fatalf("%s refuses it: %v", db.backend.Dialect(), ds)
				}
				alloc := memory.NewCheckedAllocator(memory.NewGoAllocator())
				// The specs' defaults are TPC-H's substitution parameters of
				// the validation run.
				vals, vds := plan.Values(nil, time.Now(), time.UTC)
				if vds.HasErrors() {
					t.Fatal(vds)
				}
				rr, err := engine.Run(context.Background(), db.backend, plan, vals, engine.RunOptions{Alloc: alloc, Timeout: time.Minute})
				if err != nil {
					t.Fatalf("%s: %v", db.backend.Dialect(), err)
				}
				csv = append(csv, toCSV(t, rr, db.backend.Dialect().Name))
				alloc.AssertSize(t, 0)
			}
			if rows := strings.Count(csv[0], "\n"); rows < 2 {
				t.Fatalf("want rows, got %q", csv[0])
			}
			if !same(corpus.Case{Tolerance: 1e-12}, csv[1], csv[0]) {
				t.Errorf("DuckDB and PostgreSQL differ (DuckDB first):\n%s", corpus.FirstDifference(csv[1], csv[0]))
			}
			if !same(corpus.Case{Tolerance: 1e-12}, csv[2], csv[0]) {
				t.Errorf("MariaDB and PostgreSQL differ (MariaDB first):\n%s", corpus.FirstDifference(csv[2], csv[0]))
			}
		})
	}
}
