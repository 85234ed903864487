// Command tpch measures assay end to end on aggregated TPC-H queries (Q1,
// Q3, Q5, Q6, Q10, written as report specs in reports/) on DuckDB, against
// DuckDB running the reference SQL in-process, in one run. It is a
// benchmark program, not a test: nothing runs it in CI.
//
// From the repository root:
//
//	go build -o /tmp/assay ./cmd/assay
//	go build -o /tmp/tpch ./bench/tpch
//	/tmp/tpch load -data /work/shared/data/tpch-sf0.1
//	/tmp/tpch measure -assay /tmp/assay -reps 5
//
// load writes the DuckDB file tpch.duckdb under -dir (default
// $TMPDIR/tpch; never commit it) from the dbgen .tbl.gz files of -data,
// with primary and foreign keys (partsupp is not loaded). measure runs, for
// each query, reps times and interleaved, `assay run reports/qN.yaml --db
// duckdb:FILE --format csv -o FILE` and `tpch ref -q N` (this program
// opening the file read-only through duckdb-go, running the reference SQL
// and reading every row), each as a child process, and prints a Markdown
// table of the median times and their ratios, and whether both returned
// the same number of rows: the wall time of each process (both pay a
// process start and a database open; assay also reflects the catalog and
// compiles the spec), and the in-process time of the query alone (assay's
// "done in", which covers the query, reading the result and writing the
// CSV; the reference's query and reading of every row). -options passes
// DuckDB options to assay's database only (as in -options
// memory_limit=64MB), to measure what a setting costs the aggregations.
package main
