//go:build !noduckdb

package main

import (
	"context"
	"database/sql"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "tpch:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("usage: tpch load|measure|ref [flags]")
	}
	fs := flag.NewFlagSet(args[0], flag.ExitOnError)
	dir := fs.String("dir", filepath.Join(os.TempDir(), "tpch-data"), "folder of the DuckDB file")
	data := fs.String("data", "/work/shared/data/tpch-sf0.1", "load: folder of the .tbl.gz files")
	assay := fs.String("assay", "", "measure: the assay binary")
	reps := fs.Int("reps", 5, "measure: runs of each measurement")
	query := fs.String("q", "q1", "ref: the query")
	rowsOut := fs.String("rows", "", "ref: write the header and rows, as CSV, to this file")
	options := fs.String("options", "", "measure: DuckDB options of assay's database, as in memory_limit=64MB (the reference keeps DuckDB's defaults)")
	_ = fs.Parse(args[1:])
	ctx := context.Background()
	path := filepath.Join(*dir, "tpch.duckdb")
	switch args[0] {
	case "load":
		return load(ctx, *data, path)
	case "measure":
		self, err := os.Executable()
		if err != nil {
			return err
		}
		if *assay == "" {
			return fmt.Errorf("measure needs -assay, the assay binary")
		}
		return measure(ctx, measureOptions{self: self, assay: *assay, db: path, dir: *dir, reps: *reps, options: *options})
	case "ref":
		return reference(ctx, path, *query, *rowsOut)
	}
	return fmt.Errorf("unknown command %q", args[0])
}

// reference runs the reference SQL of query in this process on the file
// opened read-only, reads every row and prints the rows and seconds taken
// by the query alone; with rowsOut, it then writes the header and rows there as CSV
// (dates as YYYY-MM-DD, decimals in full), outside the timed part.
func reference(ctx context.Context, path, query, rowsOut string) error {
	sqlText, ok := references[query]
	if !ok {
		return fmt.Errorf("no query %q", query)
	}
	db, err := sql.Open("duckdb", path+"?access_mode=READ_ONLY")
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	rows, err := db.QueryContext(ctx, sqlText)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	var got [][]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		got = append(got, vals)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	took := time.Since(start)
	if rowsOut != "" {
		if err := writeRows(rowsOut, cols, got); err != nil {
			return err
		}
	}
	fmt.Printf("%d %.6f\n", len(got), took.Seconds())
	return nil
}

// writeRows writes the header and rows as CSV.
func writeRows(path string, cols []string, rows [][]any) error {
	var buf strings.Builder
	w := csv.NewWriter(&buf)
	if err := w.Write(cols); err != nil {
		return err
	}
	for _, r := range rows {
		rec := make([]string, len(r))
		for i, v := range r {
			switch v := v.(type) {
			case nil:
				rec[i] = ""
			case time.Time:
				rec[i] = v.Format(time.DateOnly)
			default:
				rec[i] = fmt.Sprint(v)
			}
		}
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(buf.String()), 0o644)
}
