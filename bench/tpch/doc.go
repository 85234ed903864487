// Command tpch measures assay end to end on eight aggregated TPC-H queries
// (Q1, Q3, Q4, Q5, Q6, Q10, Q12, Q14, written as report specs in reports/,
// the parameters of Q4, Q12 and Q14 as typed params whose defaults are
// the validation run's) on DuckDB, against DuckDB running the reference
// SQL (queries.go) in-process, in one run. It is a benchmark program, not
// a test: nothing runs it in CI (engine/goldentest's TestTPCHSameOnAllThree
// runs the specs on the three databases).
//
// From the repository root:
//
//	go build -o /tmp/assay ./cmd/assay
//	go build -o /tmp/tpch ./bench/tpch
//	/tmp/tpch load -data /work/shared/data/tpch-sf0.1
//	/tmp/tpch measure -assay /tmp/assay -reps 9
//
// load writes the DuckDB file tpch.duckdb under -dir (default
// $TMPDIR/tpch-data; never commit it) from the dbgen .tbl.gz files of -data,
// with primary and foreign keys (partsupp is not loaded). measure runs, for
// each query, reps times and interleaved, `assay run reports/qN.yaml --db
// duckdb:FILE --format csv -o FILE`, the same with `-o -` (standard
// output, no fsync) and `tpch ref -q N` (this program opening the file
// read-only through duckdb-go, running the reference SQL and reading every
// row), each as a child process. It compares assay's rows with the
// reference's value by value (and fails if they differ) and prints the
// load average and a Markdown table of the medians and their ratios: the
// wall time and the CPU time of each process (both pay a process start and
// a database open; assay also reflects the catalog and compiles the spec),
// and the in-process time (assay's duration_ms of its "report done" log
// line, which covers the query, reading the result, writing the CSV and
// committing the file; the reference's query and reading of every row).
// -options passes DuckDB options to assay's database only (as in -options
// memory_limit=64MB), to measure what a setting costs the aggregations.
package main
