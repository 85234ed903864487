//go:build !noduckdb

package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	// The database/sql driver "duckdb".
	_ "github.com/duckdb/duckdb-go/v2"
)

// table is one TPC-H table: its name and column definitions in file order,
// then its keys.
type table struct {
	name string
	cols []string // "name TYPE"
	keys string   // PRIMARY KEY and FOREIGN KEY clauses
}

// tables are loaded in this order, so that foreign keys find their rows.
var tables = []table{
	{"region", []string{"r_regionkey INTEGER", "r_name VARCHAR", "r_comment VARCHAR"}, "PRIMARY KEY (r_regionkey)"},
	{"nation", []string{"n_nationkey INTEGER", "n_name VARCHAR", "n_regionkey INTEGER", "n_comment VARCHAR"},
		"PRIMARY KEY (n_nationkey), FOREIGN KEY (n_regionkey) REFERENCES region (r_regionkey)"},
	{"part", []string{"p_partkey INTEGER", "p_name VARCHAR", "p_mfgr VARCHAR", "p_brand VARCHAR", "p_type VARCHAR",
		"p_size INTEGER", "p_container VARCHAR", "p_retailprice DECIMAL(15,2)", "p_comment VARCHAR"}, "PRIMARY KEY (p_partkey)"},
	{"supplier", []string{"s_suppkey INTEGER", "s_name VARCHAR", "s_address VARCHAR", "s_nationkey INTEGER",
		"s_phone VARCHAR", "s_acctbal DECIMAL(15,2)", "s_comment VARCHAR"},
		"PRIMARY KEY (s_suppkey), FOREIGN KEY (s_nationkey) REFERENCES nation (n_nationkey)"},
	{"customer", []string{"c_custkey INTEGER", "c_name VARCHAR", "c_address VARCHAR", "c_nationkey INTEGER",
		"c_phone VARCHAR", "c_acctbal DECIMAL(15,2)", "c_mktsegment VARCHAR", "c_comment VARCHAR"},
		"PRIMARY KEY (c_custkey), FOREIGN KEY (c_nationkey) REFERENCES nation (n_nationkey)"},
	{"orders", []string{"o_orderkey INTEGER", "o_custkey INTEGER", "o_orderstatus VARCHAR", "o_totalprice DECIMAL(15,2)",
		"o_orderdate DATE", "o_orderpriority VARCHAR", "o_clerk VARCHAR", "o_shippriority INTEGER", "o_comment VARCHAR"},
		"PRIMARY KEY (o_orderkey), FOREIGN KEY (o_custkey) REFERENCES customer (c_custkey)"},
	{"lineitem", []string{"l_orderkey INTEGER", "l_partkey INTEGER", "l_suppkey INTEGER", "l_linenumber INTEGER",
		"l_quantity DECIMAL(15,2)", "l_extendedprice DECIMAL(15,2)", "l_discount DECIMAL(15,2)", "l_tax DECIMAL(15,2)",
		"l_returnflag VARCHAR", "l_linestatus VARCHAR", "l_shipdate DATE", "l_commitdate DATE", "l_receiptdate DATE",
		"l_shipinstruct VARCHAR", "l_shipmode VARCHAR", "l_comment VARCHAR"},
		"PRIMARY KEY (l_orderkey, l_linenumber), FOREIGN KEY (l_orderkey) REFERENCES orders (o_orderkey), " +
			"FOREIGN KEY (l_partkey) REFERENCES part (p_partkey), FOREIGN KEY (l_suppkey) REFERENCES supplier (s_suppkey)"},
}

// statements returns the SQL that creates and fills t from its .tbl.gz
// file under dir. The file ends every line with a '|', read as one more
// column and dropped.
func (t table) statements(dir string) []string {
	names := make([]string, len(t.cols))
	types := make([]string, len(t.cols))
	for i, c := range t.cols {
		names[i], _, _ = strings.Cut(c, " ")
		types[i] = fmt.Sprintf("'%s': '%s'", names[i], strings.SplitN(c, " ", 2)[1])
	}
	file := filepath.Join(dir, t.name+".tbl.gz")
	return []string{
		fmt.Sprintf("CREATE TABLE %s (%s, %s)", t.name, strings.Join(t.cols, ", "), t.keys),
		fmt.Sprintf("INSERT INTO %s SELECT %s FROM read_csv('%s', delim = '|', header = false, columns = {%s, 'trailing': 'VARCHAR'})",
			t.name, strings.Join(names, ", "), strings.ReplaceAll(file, "'", "''"), strings.Join(types, ", ")),
	}
}

// load writes the DuckDB file path from the .tbl.gz files under data,
// unless it exists.
func load(ctx context.Context, data, path string) error {
	if _, err := os.Stat(path); err == nil {
		fmt.Printf("%s exists\n", path)
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	db, err := sql.Open("duckdb", path)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	for _, t := range tables {
		for _, stmt := range t.statements(data) {
			if _, err := db.ExecContext(ctx, stmt); err != nil {
				_ = os.Remove(path)
				return fmt.Errorf("%s: %w", t.name, err)
			}
		}
	}
	if _, err := db.ExecContext(ctx, "CHECKPOINT"); err != nil {
		return err
	}
	fmt.Printf("loaded %s in %s\n", path, time.Since(start).Round(time.Millisecond))
	return nil
}
