// Command pgarrow measures how fast assay streams a PostgreSQL table into
// Arrow record batches and into CSV, Arrow IPC and Parquet files, against
// the baselines of the same run: psql's COPY … TO STDOUT in binary (into
// /dev/null) and CSV (into a file), and pandas.read_sql_query through
// SQLAlchemy and psycopg2 followed by DataFrame.to_csv. It is a benchmark
// program, not a test: nothing runs it in CI.
//
// From the repository root, with PostgreSQL at 127.0.0.1:5432 (user
// postgres, database test) and Debian's python3-pandas, python3-sqlalchemy
// and python3-psycopg2 installed:
//
//	go build -o /tmp/pgarrow ./bench/pgarrow
//	/tmp/pgarrow load -rows 1000000
//	/tmp/pgarrow load -rows 10000000
//	/tmp/pgarrow measure -sizes 1000000,10000000 -reps 3
//
// load creates the table assay_bench.t<rows> (int4, int8, float8,
// numeric(12,2), text, date, timestamptz, bool; about one value in fifty
// NULL) with pgx CopyFrom and vacuums it; it does nothing when the table
// already holds its rows. measure runs every measurement as a child process
// (assay's through `pgarrow one`, which opens the backend, reflects the
// table and runs SELECT * through engine/postgres into reports' writers,
// atomically as `assay run -o FILE` writes), reps times, interleaved, and
// prints a Markdown table of the median wall time, rows per second, the
// ratio against the baseline of the same run and the median peak resident
// memory (getrusage of the child). -db, -batch, -outdir, -python and
// -pandas-rows change the defaults; `pgarrow one -cpuprofile FILE` profiles
// one export.
package main
