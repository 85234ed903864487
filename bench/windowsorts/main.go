// Command windowsorts measures what the MySQL dialect's separate window
// sorts (compiler/dialect/window_sorts.go) cost on MariaDB: the windows of
// golden case 36 (a SUM over PARTITION BY a, a RANK over PARTITION BY a
// ORDER BY x DESC and a running SUM over PARTITION BY a, b ORDER BY y) over
// a table of -rows rows, written with and without SeparateWindowSorts, run
// alternately -reps times each in the same process; it prints the median
// seconds of each and their ratio. Without the rewrite MariaDB makes one
// sort and gives wrong ranks, so the baseline's answer differs (printed).
// It is a benchmark program, not a test: nothing runs it in CI.
//
// From the repository root, with MariaDB at 127.0.0.1:3306 (root, no
// password):
//
//	go run ./bench/windowsorts -rows 1000000 -reps 5
//
// It creates the database assay_bench_windowsorts and drops it at the end.
// The rewrite makes MariaDB sort twice (SUM and RANK share a sort, the
// running SUM has its own), the fewest sorts that give the right ranks;
// on 1,000,000 rows that took 1.86 times the wrong single sort (5 runs
// each, 2026-12-05, load average 0.4 on two cores).
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"log"
	"slices"
	"time"

	_ "github.com/go-sql-driver/mysql"

	"github.com/assay-dev/assay/compiler/dialect"
	"github.com/assay-dev/assay/compiler/sqlast"
)

func main() {
	dsn := flag.String("dsn", "root@tcp(127.0.0.1:3306)/", "go-sql-driver DSN of the MariaDB server")
	rows := flag.Int("rows", 1000000, "rows in the table")
	reps := flag.Int("reps", 5, "runs of each form")
	flag.Parse()
	ctx := context.Background()
	db, err := sql.Open("mysql", *dsn)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	for _, s := range []string{
		"DROP DATABASE IF EXISTS assay_bench_windowsorts",
		"CREATE DATABASE assay_bench_windowsorts",
		"USE assay_bench_windowsorts",
		"CREATE TABLE w (a INT, b INT, x INT, y INT)",
		fmt.Sprintf("INSERT INTO w SELECT seq %% 50, seq %% 7, (seq * 7919) %% 1000, seq FROM seq_1_to_%d", *rows),
	} {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			log.Fatalf("%s: %v", s, err)
		}
	}
	defer func() { _, _ = db.Exec("DROP DATABASE assay_bench_windowsorts") }()

	col := func(name string) *sqlast.Column { return &sqlast.Column{Table: "w", Column: name} }
	a := []sqlast.Expr{col("a")}
	sel := &sqlast.Select{From: sqlast.Table{Name: "w"}, Columns: []sqlast.SelectItem{
		{Expr: col("y"), Alias: "y"},
		{Expr: &sqlast.Window{Func: "SUM", Arg: col("x"), PartitionBy: a}, Alias: "share"},
		{Expr: &sqlast.Window{Func: "RANK", PartitionBy: a, OrderBy: []sqlast.OrderItem{{Expr: col("x"), Desc: true}}}, Alias: "rnk"},
		{Expr: &sqlast.Window{Func: "SUM", Arg: col("x"), PartitionBy: []sqlast.Expr{col("a"), col("b")},
			OrderBy: []sqlast.OrderItem{{Expr: col("y")}}, Running: true}, Alias: "running"},
	}}
	baseline := *dialect.MySQL
	baseline.SeparateWindowSorts = false
	forms := []struct {
		name string
		d    *dialect.Dialect
	}{{"one shared sort (baseline, wrong ranks)", &baseline}, {"separate sorts (assay)", dialect.MySQL}}
	sqls := make([]string, len(forms))
	for i, f := range forms {
		q, err := f.d.Render(sel, nil, true)
		if err != nil {
			log.Fatal(err)
		}
		// The outer sums keep the transfer out of the measurement; the
		// windows are still computed on every row.
		sqls[i] = "SELECT SUM(`share`), SUM(`rnk` * `y`), SUM(`running`) FROM (" + q.SQL + ") AS `q`"
	}
	times := make([][]float64, len(forms))
	answers := make([]string, len(forms))
	for r := 0; r < *reps; r++ {
		for i := range forms {
			start := time.Now()
			var s1, s2, s3 string
			if err := conn.QueryRowContext(ctx, sqls[i]).Scan(&s1, &s2, &s3); err != nil {
				log.Fatalf("%v\n%s", err, sqls[i])
			}
			times[i] = append(times[i], time.Since(start).Seconds())
			answers[i] = s1 + " " + s2 + " " + s3
		}
	}
	base := median(times[0])
	for i, f := range forms {
		fmt.Printf("%-40s median %.3f s  ratio %.2f  answer %s\n", f.name, median(times[i]), median(times[i])/base, answers[i])
	}
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}
